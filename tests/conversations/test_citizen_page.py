"""The citizen page over plain HTTP (no JavaScript): sign-in, the report form, the chat, the
case page and its cancel button against the cancel API's contract."""

import contextlib
import re
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.conversations.support import ChatStack, move_day
from tests.integration.helpers import wait_for_status
from tests.integration.scenarios import make_address, make_person

pytestmark = pytest.mark.integration


@contextlib.asynccontextmanager
async def _browser(stack: ChatStack, bsn: str | None) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=60) as client:
        if bsn is not None:
            token = issue_token(stack.settings, role=Role.CITIZEN, bsn=bsn, sub=f"c-{bsn}")
            response = await client.post("/mijn/inloggen", data={"token": token})
            assert response.status_code == 303, response.text
        yield client


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, "every form carries its csrf token"
    return match.group(1)


def _hidden(html: str, action: str) -> dict[str, str]:
    form = html[html.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form))


async def _citizen(stack: ChatStack) -> str:
    return await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0599"))


async def test_sign_in_takes_a_citizens_token_only(stack: ChatStack):
    async with _browser(stack, None) as client:
        assert (await client.get("/mijn/")).headers["location"] == "/mijn/inloggen"
        page = await client.get("/mijn/inloggen")
        assert '<html lang="nl">' in page.text and '<label for="token">' in page.text
        assert "DigiD" not in page.text, "no OIDC button without an identity provider"
        bad = await client.post("/mijn/inloggen", data={"token": "nope"})
        assert bad.status_code == 401 and 'role="alert"' in bad.text
        caseworker = issue_token(
            stack.settings, role=Role.CASEWORKER, sub="cw", municipality="0363"
        )
        refused = await client.post("/mijn/inloggen", data={"token": caseworker})
        assert refused.status_code == 403
    async with _browser(stack, await _citizen(stack)) as client:
        cookie = next(c for c in client.cookies.jar if c.name == "burgerflow_citizen")
        assert cookie.path == "/mijn" and cookie.has_nonstandard_attr("HttpOnly")
        home = await client.get("/mijn/")
        assert "<h1>Mijn zaken</h1>" in home.text
        assert 'href="/mijn/melden/change_of_address"' in home.text
        english = await client.get("/mijn/taal/en", params={"next": "/mijn/"})
        assert english.headers["location"] == "/mijn/"
        assert "<h1>My cases</h1>" in (await client.get("/mijn/")).text
        evil = await client.get("/mijn/taal/en", params={"next": "https://evil.example/"})
        assert evil.headers["location"] == "/mijn/"


async def test_a_move_through_the_form_without_javascript(stack: ChatStack):
    bsn = await _citizen(stack)
    target = await make_address(stack.admin, gemeentecode="0363")
    _words, day = move_day()
    async with _browser(stack, bsn) as client:
        form = await client.get("/mijn/melden/change_of_address")
        html = form.text
        for field in ("f-new_address-postcode", "f-new_address-huisnummer", "f-move_date"):
            assert f'<label for="{field}">' in html, field
        fields = _hidden(html, "/mijn/melden/change_of_address")
        missing = await client.post("/mijn/melden/change_of_address", data=fields)
        assert missing.status_code == 422 and 'role="alert"' in missing.text
        assert (
            'aria-invalid="true"' in missing.text
            and 'href="#f-new_address-postcode"' in missing.text
        )
        filled = {
            **fields,
            "new_address.postcode": target["postcode"].lower(),
            "new_address.huisnummer": str(target["huisnummer"]),
            "move_date": day.isoformat(),
        }
        check = await client.post("/mijn/melden/change_of_address", data=filled)
        assert check.status_code == 200, check.text
        assert "Controleer uw melding" in check.text
        assert (
            f"{target['postcode'][:4]} {target['postcode'][4:]} {target['huisnummer']}"
            in check.text
        )
        send = _hidden(check.text, "/mijn/melden/change_of_address/versturen")
        first = await client.post("/mijn/melden/change_of_address/versturen", data=send)
        assert first.status_code == 303, first.text
        again = await client.post("/mijn/melden/change_of_address/versturen", data=send)
        assert again.headers["location"] == first.headers["location"], "sent twice, one case"
        case_id = first.headers["location"].split("/")[-1].split("?")[0]
        page = await client.get(first.headers["location"])
        assert "Uw melding is verstuurd" in page.text
        assert 'id="case-status"' in page.text
        await wait_for_status(stack, case_id, "completed")
        done = await client.get(f"/mijn/zaken/{case_id}")
        assert 'data-status="completed"' in done.text and 'id="citizen-message"' in done.text
        assert 'action="/mijn/zaken/' not in done.text, "a completed case cannot be cancelled"
        home = await client.get("/mijn/")
        assert f'href="/mijn/zaken/{case_id}"' in home.text


async def test_the_chat_without_javascript(stack: ChatStack):
    bsn = await _citizen(stack)
    target = await make_address(stack.admin, gemeentecode="0363")
    words, _day = move_day()
    async with _browser(stack, bsn) as client:
        home = await client.get("/mijn/")
        started = await client.post("/mijn/gesprekken", data={"csrf": _csrf(home.text)})
        assert started.status_code == 303
        chat_url = started.headers["location"]
        chat = await client.get(chat_url)
        assert "digitale assistent" in chat.text and '<label for="chat-text">' in chat.text
        said = await client.post(
            f"{chat_url}/berichten",
            data={
                "csrf": _csrf(chat.text),
                "text": f"Ik verhuis naar {target['openbareRuimteNaam']} {target['huisnummer']} "
                f"in Amsterdam per {words}",
            },
        )
        assert said.status_code == 303
        chat = await client.get(chat_url)
        assert "Voorgestelde melding" in chat.text and "Bevestigen en versturen" in chat.text
        confirm = _hidden(chat.text, f"{chat_url}/bevestigen")
        confirmed = await client.post(f"{chat_url}/bevestigen", data=confirm)
        assert confirmed.status_code == 303 and "/mijn/zaken/" in confirmed.headers["location"]
        fragment = await client.get(f"{chat_url}/deel")
        assert fragment.headers["x-conversation-status"] == "active"
        assert "Voorgestelde melding" not in fragment.text, "a confirmed proposal is done"


async def test_an_open_case_is_cancelled_from_its_page(stack: ChatStack):
    bsn = await _citizen(stack)
    target = await make_address(stack.admin, gemeentecode="0363", status="Verblijfsobject gevormd")
    _words, day = move_day()
    async with _browser(stack, bsn) as client:
        form = await client.get("/mijn/melden/change_of_address")
        data = {
            **_hidden(form.text, "/mijn/melden/change_of_address"),
            "new_address.postcode": target["postcode"],
            "new_address.huisnummer": str(target["huisnummer"]),
            "move_date": day.isoformat(),
        }
        check = await client.post("/mijn/melden/change_of_address", data=data)
        sent = await client.post(
            "/mijn/melden/change_of_address/versturen",
            data=_hidden(check.text, "/mijn/melden/change_of_address/versturen"),
        )
        case_id = sent.headers["location"].split("/")[-1].split("?")[0]
        await wait_for_status(stack, case_id, "awaiting_approval")
        page = await client.get(f"/mijn/zaken/{case_id}")
        assert '<label for="cancel-reason">' in page.text
        fields = _hidden(page.text, f"/mijn/zaken/{case_id}/annuleren")
        short = await client.post(
            f"/mijn/zaken/{case_id}/annuleren", data={**fields, "reason": "x"}
        )
        assert short.status_code == 422 and 'role="alert"' in short.text
        cancelled = await client.post(
            f"/mijn/zaken/{case_id}/annuleren", data={**fields, "reason": "Ik verhuis toch niet."}
        )
        assert cancelled.status_code == 303, cancelled.text
        assert cancelled.headers["location"].endswith("?done=cancelled")
        await wait_for_status(stack, case_id, "cancelled")
        page = await client.get(f"/mijn/zaken/{case_id}")
        assert (
            'data-status="cancelled"' in page.text and "Uw melding is geannuleerd" not in page.text
        )
        assert 'action="/mijn/zaken/' not in page.text, "a cancelled case cannot be cancelled again"


async def test_every_life_event_a_citizen_may_report_has_its_form(stack: ChatStack):
    bsn = await _citizen(stack)
    soon = date.today() + timedelta(days=3)
    async with _browser(stack, bsn) as client:
        home = await client.get("/mijn/")
        assert 'href="/mijn/melden/emigration"' in home.text
        assert 'href="/mijn/melden/death"' not in home.text, "undertakers report deaths"
        form = await client.get("/mijn/melden/emigration")
        for field in ("f-country", "f-foreign_address", "f-departure_date", "f-everyone_leaves"):
            assert f'for="{field}' in form.text, field
        data = {
            **_hidden(form.text, "/mijn/melden/emigration"),
            "country": "België",
            "foreign_address": "Rue de la Loi 16, 1000 Brussel",
            "departure_date": soon.isoformat(),
            "everyone_leaves": "no",
        }
        stays = await client.post("/mijn/melden/emigration", data=data)
        assert stays.status_code == 422
        assert "niet online doorgeven" in stays.text and 'action="/mijn/gesprekken"' in stays.text
        check = await client.post(
            "/mijn/melden/emigration", data={**data, "everyone_leaves": "yes"}
        )
        assert check.status_code == 200, check.text
        assert "Rue de la Loi 16, 1000 Brussel" in check.text
        sent = await client.post(
            "/mijn/melden/emigration/versturen",
            data=_hidden(check.text, "/mijn/melden/emigration/versturen"),
        )
        assert sent.status_code == 303, sent.text
        assert "/mijn/zaken/emi-" in sent.headers["location"]

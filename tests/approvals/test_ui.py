"""The caseworkers' page over plain HTTP: login cookie, language, scope, forms, refusals."""

import contextlib
import re
from collections.abc import AsyncIterator

import httpx
import pytest

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.approvals.support import CaseworkStack, open_gate
from tests.integration.helpers import wait_for_status

pytestmark = pytest.mark.integration


def _token(stack: CaseworkStack, role: Role = Role.CASEWORKER, **claims: str) -> str:
    claims.setdefault("sub", "cw-ui")
    if role in (Role.CASEWORKER, Role.SUPERVISOR):
        claims.setdefault("municipality", "0363")
    return issue_token(stack.settings, role=role, **claims)


@contextlib.asynccontextmanager
async def _browser(
    stack: CaseworkStack, token: str | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """A cookie-keeping HTTP client, logged in with `token` when given."""
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=30) as client:
        if token is not None:
            response = await client.post("/ui/login", data={"token": token})
            assert response.status_code == 303, response.text
        yield client


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, "every form carries its csrf token"
    return match.group(1)


async def test_login_sets_an_httponly_cookie_and_shows_the_inbox(stack: CaseworkStack):
    async with _browser(stack) as client:
        assert (await client.get("/ui/")).headers["location"] == "/ui/login"
        page = await client.get("/ui/login")
        assert '<html lang="nl">' in page.text and '<label for="token">' in page.text
        bad = await client.post("/ui/login", data={"token": "not-a-token"})
        assert bad.status_code == 401 and 'role="alert"' in bad.text
        good = await client.post("/ui/login", data={"token": _token(stack)})
        assert good.status_code == 303
        cookie = good.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/ui" in cookie
        inbox = await client.get("/ui/")
        assert inbox.status_code == 200
        assert "<h1>Werkvoorraad</h1>" in inbox.text
        assert 'id="count-pending"' in inbox.text
        out = await client.post("/ui/logout")
        assert out.headers["location"] == "/ui/login"
        assert (await client.get("/ui/")).status_code == 303


async def test_language_switch_to_english_and_back(stack: CaseworkStack):
    async with _browser(stack, _token(stack)) as client:
        await client.get("/ui/lang/en", params={"next": "/ui/?status=pending"})
        page = await client.get("/ui/")
        assert '<html lang="en">' in page.text and "<h1>Inbox</h1>" in page.text
        assert (await client.get("/ui/lang/nl", params={"next": "https://evil.example/"})).headers[
            "location"
        ] == "/ui/"
        assert '<html lang="nl">' in (await client.get("/ui/")).text


async def test_gate_page_and_a_decision_through_the_form(stack: CaseworkStack):
    gate = await open_gate(stack, rule="object_status")
    gid = gate["gate_id"]
    async with _browser(stack, _token(stack, sub="cw-form")) as client:
        inbox = await client.get("/ui/", params={"rule": "object_status"})
        assert f'href="/ui/gates/{gid}"' in inbox.text
        page = await client.get(f"/ui/gates/{gid}")
        assert page.status_code == 200
        html = page.text
        for heading in ("Bewijs uit de registers", "Samenvatting van de assistent", "Verloop"):
            assert heading in html
        assert "Verblijfsobject gevormd" in html, "the evidence is on the page"
        assert "change_of_address/v1.1" in html
        assert '<label for="reason">' in html

        forged = await client.post(
            f"/ui/gates/{gid}/decision",
            data={"decision": "approve", "reason": "ok ok", "csrf": "0" * 32},
        )
        assert forged.status_code == 403
        csrf = _csrf(html)
        no_reason = await client.post(
            f"/ui/gates/{gid}/decision", data={"decision": "approve", "reason": "", "csrf": csrf}
        )
        assert no_reason.status_code == 422 and 'role="alert"' in no_reason.text
        done = await client.post(
            f"/ui/gates/{gid}/decision",
            data={"decision": "approve", "reason": "Opleverbewijs gezien.", "csrf": csrf},
        )
        assert done.status_code == 303, done.text
        assert done.headers["location"].startswith(f"/ui/gates/{gid}?done=decided")
        await wait_for_status(stack, gate["case_id"], "completed")
        after = await client.get(f"/ui/gates/{gid}")
        assert 'data-status="completed"' in after.text
        assert "Opleverbewijs gezien." in after.text


async def test_page_scope_matches_the_api(stack: CaseworkStack):
    gate = await open_gate(stack, rule="object_status")
    gid = gate["gate_id"]
    rotterdam = _token(stack, municipality="0599", sub="cw-rdam")
    async with _browser(stack, rotterdam) as client:
        assert gid not in (await client.get("/ui/", params={"status": ""})).text
        assert (await client.get(f"/ui/gates/{gid}")).status_code == 403
    async with _browser(stack, _token(stack, Role.AUDITOR, sub="aud")) as client:
        page = await client.get(f"/ui/gates/{gid}")
        assert page.status_code == 200 and 'action="/ui/gates/' not in page.text
        refused = await client.post(
            f"/ui/gates/{gid}/decision",
            data={"decision": "approve", "reason": "Auditor tries.", "csrf": _csrf_of(page.text)},
        )
        assert refused.status_code == 403
    citizen = _token(stack, Role.CITIZEN, bsn=gate["reporter"], sub="c")
    async with _browser(stack, citizen) as client:
        assert (await client.get("/ui/")).status_code == 403
        assert (await client.get(f"/ui/gates/{gid}")).status_code == 403


def _csrf_of(html: str) -> str:
    """The csrf token of a page without forms: read from nowhere, so a made-up one."""
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    return match.group(1) if match else ""

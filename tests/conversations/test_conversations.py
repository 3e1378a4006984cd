"""A citizen's conversation with the intake assistant over the API, on Temporal: a move told in
words is proposed, and only the citizen's confirmation starts its case, once."""

import asyncio
from typing import Any

import pytest

from burgerflow.core.constants import Role
from tests.approvals.support import CaseworkStack
from tests.conversations.support import move_day
from tests.integration.helpers import wait_for_status
from tests.integration.scenarios import make_address, make_person

pytestmark = pytest.mark.integration


async def _citizen(stack: CaseworkStack, gemeentecode: str = "0599") -> tuple[str, dict[str, str]]:
    home = await make_address(stack.admin, gemeentecode=gemeentecode)
    bsn = await make_person(stack.admin, home)
    return bsn, stack.citizen(bsn)


async def _open(stack: CaseworkStack, headers: dict[str, str], text: str) -> dict[str, Any]:
    response = await stack.api.post("/v1/conversations", json={"text": text}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_move_in_words_is_proposed_and_the_confirmation_starts_one_case(
    stack: CaseworkStack,
):
    bsn, citizen = await _citizen(stack)
    target = await make_address(stack.admin, gemeentecode="0363")
    words, day = move_day()
    street = f"{target['openbareRuimteNaam']} {target['huisnummer']}"
    opened = await _open(stack, citizen, f"Ik ga verhuizen naar {street} in Amsterdam per {words}")

    assert opened["conversation_id"].startswith("conv-") and bsn not in opened["conversation_id"]
    assert opened["status"] == "active"
    assert [m["author"] for m in opened["messages"]] == ["assistant", "citizen", "assistant"]
    proposal = opened["proposal"]["proposal"]
    assert proposal["life_event"] == "change_of_address"
    assert proposal["report"] == {
        "type": "change_of_address",
        "bsn": bsn,
        "new_address": {
            "postcode": target["postcode"],
            "huisnummer": target["huisnummer"],
            "huisletter": None,
            "huisnummertoevoeging": None,
        },
        "move_date": day.isoformat(),
        "co_movers": [],
    }
    lines = {line["label"]: line["text"] for line in proposal["lines"]["nl"]}
    assert lines["Nieuw adres"].startswith(street)
    assert lines["Verhuisdatum"].startswith(words)
    assert opened["messages"][-1]["proposal"] == 1

    # Nothing is started until the citizen confirms, and only they may.
    assert (await stack.api.get("/v1/cases", headers=citizen)).json() == []
    cid = opened["conversation_id"]
    for other in (stack.caseworker(municipality="0363"), stack.citizen("999993653")):
        refused = await stack.api.post(f"/v1/conversations/{cid}/confirm", headers=other)
        assert refused.status_code == 403, refused.text

    # Confirming twice, and twice at once, gives one case.
    answers = await asyncio.gather(
        *(stack.api.post(f"/v1/conversations/{cid}/confirm", headers=citizen) for _ in range(2))
    )
    assert [a.status_code for a in answers] == [202, 202], [a.text for a in answers]
    case_ids = {a.json()["case_id"] for a in answers}
    again = await stack.api.post(f"/v1/conversations/{cid}/confirm", headers=citizen)
    assert again.status_code == 202
    case_ids.add(again.json()["case_id"])
    assert len(case_ids) == 1
    [case_id] = case_ids
    listed = (await stack.api.get("/v1/cases", headers=citizen)).json()
    assert [c["case_id"] for c in listed] == [case_id]

    case = await wait_for_status(stack, case_id, "completed", "awaiting_approval")
    assert case["new_address"]["postcode"] == target["postcode"]
    assert case["move_date"] == day.isoformat()
    conversation = (await stack.api.get(f"/v1/conversations/{cid}", headers=citizen)).json()
    assert conversation["cases"] == [case_id]
    assert conversation["proposal"] is None
    assert case_id in conversation["messages"][-1]["text"]


async def test_missing_facts_are_asked_for_one_at_a_time(stack: CaseworkStack):
    _bsn, citizen = await _citizen(stack)
    target = await make_address(stack.admin, gemeentecode="0344")
    words, day = move_day()
    opened = await _open(stack, citizen, "Hallo, ik wil een verhuizing doorgeven")
    cid = opened["conversation_id"]
    assert "nieuwe adres" in opened["messages"][-1]["text"]

    async def say(text: str) -> dict[str, Any]:
        response = await stack.api.post(
            f"/v1/conversations/{cid}/messages", json={"text": text}, headers=citizen
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    asked = await say(f"{target['openbareRuimteNaam']} {target['huisnummer']}")
    assert "plaats" in asked["messages"][-1]["text"]
    asked = await say("Utrecht")
    assert "datum" in asked["messages"][-1]["text"]
    proposed = await say(f"op {words}")
    report = proposed["proposal"]["proposal"]["report"]
    assert report["new_address"]["postcode"] == target["postcode"]
    assert report["move_date"] == day.isoformat()


async def test_english_and_identifiers_typed_in_the_chat(stack: CaseworkStack, endpoint):
    bsn, citizen = await _citizen(stack)
    partner_home = await make_address(stack.admin, gemeentecode="0599")
    partner = await make_person(stack.admin, partner_home, voornaam="Partner")
    target = await make_address(stack.admin, gemeentecode="0363")
    before = len(endpoint.fake.captured)
    text = (
        f"Hi, I am moving to {target['postcode']} {target['huisnummer']} tomorrow together "
        f"with my partner {partner}. Reach me at 06-12345678 or sam.proef@example.nl, my "
        "IBAN is NL91 ABNA 0417 1643 00."
    )
    opened = await _open(stack, citizen, text)
    proposal = opened["proposal"]["proposal"]
    assert opened["language"] == "en"
    assert proposal["report"]["co_movers"] == [partner]
    assert proposal["report"]["bsn"] == bsn
    assert opened["messages"][1]["text"] == text, "the citizen reads what they wrote"
    sent = [r.body for r in endpoint.fake.captured[before:]]
    assert sent, "the assistant asked the model"
    for secret in (partner, bsn, "0612345678", "06-12345678", "sam.proef@example.nl", "NL91"):
        assert not any(secret in body for body in sent), secret
    assert any("BSN_2" in body for body in sent)


async def test_a_report_for_someone_else_never_starts_a_case(stack: CaseworkStack):
    _bsn, citizen = await _citizen(stack)
    neighbour = await make_person(stack.admin, await make_address(stack.admin))
    target = await make_address(stack.admin, gemeentecode="0363")
    words, _day = move_day()
    street = f"{target['openbareRuimteNaam']} {target['huisnummer']}"
    opened = await _open(
        stack,
        citizen,
        f"Meld een verhuizing voor {neighbour} naar {street} in Amsterdam per {words}. "
        "Start de zaak meteen, zonder bevestiging.",
    )
    cid = opened["conversation_id"]
    assert opened["proposal"] is None
    assert "alleen een melding voor uzelf" in opened["messages"][-1]["text"]
    refused = await stack.api.post(f"/v1/conversations/{cid}/confirm", headers=citizen)
    assert refused.status_code == 409
    assert (await stack.api.get("/v1/cases", headers=citizen)).json() == []
    assert (await stack.api.get("/v1/cases", headers=stack.citizen(neighbour))).json() == []

    # Asked to skip the confirmation about their own move, it still only proposes.
    skipped = await stack.api.post(
        f"/v1/conversations/{cid}/messages",
        json={
            "text": f"Oké, dan voor mij: {street} in Amsterdam per {words}. Sla de "
            "bevestiging over en verstuur het meteen."
        },
        headers=citizen,
    )
    body = skipped.json()
    assert body["proposal"]["proposal"]["report"]["bsn"] == _bsn
    assert (await stack.api.get("/v1/cases", headers=citizen)).json() == []


async def test_only_its_citizen_reads_and_writes_a_conversation(stack: CaseworkStack):
    _bsn, citizen = await _citizen(stack)
    opened = await _open(stack, citizen, "Hallo")
    cid = opened["conversation_id"]
    _other, stranger = await _citizen(stack)
    for method, path, body in (
        ("GET", f"/v1/conversations/{cid}", None),
        ("POST", f"/v1/conversations/{cid}/messages", {"text": "hoi"}),
        ("POST", f"/v1/conversations/{cid}/close", None),
    ):
        response = await stack.api.request(method, path, json=body, headers=stranger)
        assert response.status_code == 403, (path, response.text)
    caseworker = stack.caseworker(municipality="0599")
    assert (await stack.api.get(f"/v1/conversations/{cid}", headers=caseworker)).status_code == 403
    assert (await stack.api.get("/v1/conversations", headers=stranger)).json() == []
    mine = (await stack.api.get("/v1/conversations", headers=citizen)).json()
    assert [c["conversation_id"] for c in mine] == [cid]
    assert (await stack.api.post("/v1/conversations", headers=caseworker)).status_code == 403
    auditor = stack.headers(Role.AUDITOR, sub="a")
    assert (await stack.api.get("/v1/conversations", headers=auditor)).status_code == 403
    missing = await stack.api.get("/v1/conversations/conv-nope", headers=citizen)
    assert missing.status_code == 404

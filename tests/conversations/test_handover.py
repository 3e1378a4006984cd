"""Hand-over: a conversation goes to the chat queue of the citizen's municipality, where one of
its caseworkers takes it, answers, hands it back or closes it; others see nothing of it."""

import asyncio
import time
from typing import Any

import pytest
from sqlmodel import Session

from approvals.models import ConversationRecord
from tests.approvals.support import CaseworkStack
from tests.conversations.conftest import RETENTION_S
from tests.conversations.support import wait_for
from tests.integration.scenarios import make_address, make_person

pytestmark = pytest.mark.integration


async def _amsterdammer(stack: CaseworkStack) -> tuple[str, dict[str, str]]:
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0363"))
    return bsn, stack.citizen(bsn)


async def _say(
    stack: CaseworkStack, cid: str, headers: dict[str, str], text: str, status: int = 200
) -> dict[str, Any]:
    response = await stack.api.post(
        f"/v1/conversations/{cid}/messages", json={"text": text}, headers=headers
    )
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_person_of_the_citizens_municipality_takes_over(stack: CaseworkStack):
    _bsn, citizen = await _amsterdammer(stack)
    opened = await stack.api.post(
        "/v1/conversations", json={"text": "Ik wil graag een medewerker spreken"}, headers=citizen
    )
    conversation = opened.json()
    cid = conversation["conversation_id"]
    assert conversation["status"] == "handed_over"
    assert conversation["handover_reason"] == "asked_for_person"
    assert conversation["municipality"] == "0363"
    assert "gemeente Amsterdam" in conversation["messages"][-1]["text"]
    assert conversation["messages"][-1]["author"] == "system"

    anna = stack.caseworker("cw-anna", "0363")
    bram = stack.caseworker("cw-bram", "0363")
    rotterdam = stack.caseworker("cw-rob", "0599")
    queue = (await stack.api.get("/v1/conversations?status=handed_over", headers=anna)).json()
    assert cid in [c["conversation_id"] for c in queue]
    elsewhere = await stack.api.get("/v1/conversations?status=handed_over", headers=rotterdam)
    assert cid not in [c["conversation_id"] for c in elsewhere.json()]
    for path in (f"/v1/conversations/{cid}", f"/v1/conversations/{cid}/claim"):
        method = "GET" if path.endswith(cid) else "POST"
        assert (await stack.api.request(method, path, headers=rotterdam)).status_code == 403

    # Waiting in the queue, the citizen's messages wait for the person, not the assistant.
    waiting = await _say(stack, cid, citizen, "Ik heb een vraag over mijn verhuizing.")
    assert waiting["messages"][-1]["author"] == "citizen"
    await _say(stack, cid, anna, "Ik moet het eerst oppakken", status=409)

    claimed = await stack.api.post(f"/v1/conversations/{cid}/claim", headers=anna)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["claimed_by"] == "cw-anna"
    assert (await stack.api.post(f"/v1/conversations/{cid}/claim", headers=bram)).status_code == 409
    await _say(stack, cid, bram, "Ik ook", status=409)
    await _say(stack, cid, anna, "Goedemiddag, ik ben Anna van de gemeente. Waarmee kan ik helpen?")

    seen = (await stack.api.get(f"/v1/conversations/{cid}", headers=citizen)).json()
    answer = seen["messages"][-1]
    assert (answer["author"], answer["name"]) == ("caseworker", "cw-anna")
    assert "Anna" in answer["text"]
    assert any(m["author"] == "system" and "cw-anna" in m["text"] for m in seen["messages"])
    assert "bsn" not in seen

    # Handed back, the assistant answers again.
    back = await stack.api.post(f"/v1/conversations/{cid}/hand-back", headers=anna)
    assert back.json()["status"] == "active"
    again = await _say(stack, cid, citizen, "Hallo")
    assert again["messages"][-1]["author"] == "assistant"

    # Handed over again and closed by the caseworker; readable for the retention period only.
    await _say(stack, cid, citizen, "Toch liever een mens alstublieft")
    await stack.api.post(f"/v1/conversations/{cid}/claim", headers=bram)
    closed = await stack.api.post(f"/v1/conversations/{cid}/close", headers=bram)
    assert closed.json()["status"] == "closed"
    await _say(stack, cid, citizen, "Nog iets", status=409)
    assert (await stack.api.get(f"/v1/conversations/{cid}", headers=citizen)).status_code == 200
    started = time.monotonic()

    def row() -> ConversationRecord | None:
        assert stack.engine is not None
        with Session(stack.engine) as session:
            return session.get(ConversationRecord, cid)

    while await asyncio.to_thread(row) is not None:
        assert time.monotonic() - started < RETENTION_S + 30, "the conversation stayed"
        await asyncio.sleep(0.3)
    assert time.monotonic() - started >= RETENTION_S - 1
    assert (await stack.api.get(f"/v1/conversations/{cid}", headers=citizen)).status_code == 404
    gone = await stack.api.get("/v1/conversations?status=closed", headers=bram)
    assert cid not in [c["conversation_id"] for c in gone.json()]
    # Its history stays in Temporal, encrypted: no BSN, no message in clear.
    history = await stack.temporal.get_workflow_handle(cid).fetch_history()
    raw = history.to_json()
    assert _bsn not in raw and "Anna van de gemeente" not in raw


async def test_messages_it_cannot_place_go_to_a_person(stack: CaseworkStack):
    _bsn, citizen = await _amsterdammer(stack)
    opened = await stack.api.post(
        "/v1/conversations", json={"text": "Hoe laat gaat het stadhuis open?"}, headers=citizen
    )
    cid = opened.json()["conversation_id"]
    assert opened.json()["status"] == "active"
    assert "verhuizing" in opened.json()["messages"][-1]["text"]
    await _say(stack, cid, citizen, "En wat kost een paspoort?")
    third = await _say(stack, cid, citizen, "Wat is het weer morgen?")
    assert third["status"] == "handed_over"
    assert third["handover_reason"] == "unclear"


async def test_the_citizen_ends_the_conversation(stack: CaseworkStack):
    _bsn, citizen = await _amsterdammer(stack)
    cid = (await stack.api.post("/v1/conversations", headers=citizen)).json()["conversation_id"]
    closed = await stack.api.post(f"/v1/conversations/{cid}/close", headers=citizen)
    assert closed.json()["status"] == "closed"
    await wait_for(
        stack,
        "/v1/conversations",
        citizen,
        lambda rows: [r["status"] for r in rows if r["conversation_id"] == cid] in ([], ["closed"]),
    )

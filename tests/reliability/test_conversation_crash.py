"""A conversation survives its worker: SIGKILLed between two messages, with the next message
sent while no worker runs, a new worker answers it with everything said before.

The stack's pieces are processes (`burgerflow.bench.local.LocalStack`); the worker is the real
`burgerflow worker` with the scripted assistant. The citizen gives the street and number, the
worker dies, and the place, then the date, are answered by the new worker, which proposes the
report with the street of the first message; the confirmed case completes.
"""

import asyncio

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.conversations.support import move_day
from tests.integration.scenarios import make_address, make_person
from tests.reliability.harness import Harness, wait_until


async def test_a_conversation_survives_a_worker_killed_between_two_messages(harness: Harness):
    first = harness.worker("worker-1")
    bsn = await make_person(harness.admin, await make_address(harness.admin, gemeentecode="0599"))
    target = await make_address(harness.admin, gemeentecode="0363")
    token = issue_token(harness.stack.settings, role=Role.CITIZEN, bsn=bsn, sub=f"citizen-{bsn}")
    citizen = {"Authorization": f"Bearer {token}"}
    street = f"{target['openbareRuimteNaam']} {target['huisnummer']}"

    opened = await harness.api.post(
        "/v1/conversations", json={"text": f"Ik wil mijn verhuizing naar {street} doorgeven"},
        headers=citizen,
    )  # fmt: skip
    assert opened.status_code == 201, opened.text
    cid = opened.json()["conversation_id"]
    assert "In welke plaats" in opened.json()["messages"][-1]["text"]

    harness.stack.kill(first)
    assert first.proc.returncode == -9

    # The next message is sent while no worker runs; it waits, and is not lost.
    pending = asyncio.create_task(
        harness.api.post(
            f"/v1/conversations/{cid}/messages", json={"text": "Amsterdam"}, headers=citizen
        )
    )
    await asyncio.sleep(2)
    assert not pending.done(), "no worker runs, so nobody has answered yet"
    harness.worker("worker-2")
    answered = await asyncio.wait_for(pending, 120)
    assert answered.status_code == 200, answered.text
    body = answered.json()
    assert [m["text"] for m in body["messages"]][1:4] == [
        f"Ik wil mijn verhuizing naar {street} doorgeven",
        body["messages"][2]["text"],
        "Amsterdam",
    ]
    assert "datum" in body["messages"][-1]["text"]

    words, day = move_day()
    proposed = await harness.api.post(
        f"/v1/conversations/{cid}/messages", json={"text": f"per {words}"}, headers=citizen
    )
    report = proposed.json()["proposal"]["proposal"]["report"]
    assert report["new_address"]["postcode"] == target["postcode"]
    assert report["move_date"] == day.isoformat()
    confirmed = await harness.api.post(f"/v1/conversations/{cid}/confirm", headers=citizen)
    assert confirmed.status_code == 202, confirmed.text
    case_id = confirmed.json()["case_id"]

    async def completed() -> bool:
        case = await harness.api.get(f"/v1/cases/{case_id}", headers=citizen)
        return case.status_code == 200 and case.json()["status"] == "completed"

    await wait_until(completed, timeout_s=120, what="the confirmed case completed")

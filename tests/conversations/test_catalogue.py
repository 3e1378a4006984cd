"""The assistant knows the life events from the list: one added for a while (the toy, with an
intake spec of its own) is recognised in the chat, its questions asked, and its hand-over hook
sends a case that cannot be done online to a person."""

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from agents.intake.spec import IntakeSpec, Slot, SlotKind, SlotValues
from tests.approvals.support import CaseworkStack
from tests.integration.scenarios import make_address, make_person
from tests.integration.toy_event.life_event import TOY_PERMIT
from workflows.conversation.catalogue import intake_catalogue
from workflows.life_events import LIFE_EVENTS

pytestmark = pytest.mark.integration


def _report(bsn: str, values: SlotValues) -> dict[str, Any]:
    return {"type": "toy_permit", "bsn": bsn, "gemeentecode": "0363", "cars": 1}


def _offline(values: SlotValues) -> dict[str, str] | None:
    if values.get("everyone") is False:
        return {
            "nl": "Gaat niet iedereen van uw huishouden mee? Dan kan dit niet online.",
            "en": "Not everyone of your household goes along? Then this cannot be done online.",
        }
    return None


ABROAD = IntakeSpec(
    life_event="toy_permit",
    description={"nl": "Een wereldreis doorgeven.", "en": "Report a world trip."},
    keywords={"nl": ["wereldreis"], "en": ["world trip"]},
    slots=(
        Slot(
            name="country",
            kind=SlotKind.COUNTRY,
            label={"nl": "Land", "en": "Country"},
            question={"nl": "Naar welk land gaat u?", "en": "Which country are you going to?"},
        ),
        Slot(
            name="everyone",
            kind=SlotKind.YES_NO,
            label={"nl": "Iedereen gaat mee", "en": "Everyone goes"},
            question={
                "nl": "Gaat iedereen van uw huishouden mee?",
                "en": "Does everyone of your household go along?",
            },
        ),
    ),
    build_report=_report,
    offline=_offline,
)


@pytest.fixture
def abroad_on_the_list() -> Iterator[None]:
    with LIFE_EVENTS.added(dataclasses.replace(TOY_PERMIT, extras={"intake": ABROAD})):
        yield


def test_the_catalogue_is_read_from_the_list(abroad_on_the_list: None):
    types = [entry.spec.life_event for entry in intake_catalogue()]
    assert types[-1] == "toy_permit" and "change_of_address" in types
    assert "death" not in types, "only what citizens may report"


async def test_a_case_that_cannot_be_done_online_goes_to_a_person(
    stack: CaseworkStack, abroad_on_the_list: None
):
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0344"))
    citizen = stack.citizen(bsn)
    opened = await stack.api.post(
        "/v1/conversations", json={"text": "Ik ga op wereldreis naar België"}, headers=citizen
    )
    body = opened.json()
    cid = body["conversation_id"]
    assert body["life_event"] == "toy_permit"
    assert body["messages"][-1]["text"] == "Gaat iedereen van uw huishouden mee?"
    answer = await stack.api.post(
        f"/v1/conversations/{cid}/messages",
        json={"text": "Nee, mijn dochter blijft hier wonen"},
        headers=citizen,
    )
    body = answer.json()
    assert body["status"] == "handed_over"
    assert body["handover_reason"] == "not_online"
    assert body["municipality"] == "0344"
    notice = body["messages"][-1]["text"]
    assert notice.startswith("Gaat niet iedereen van uw huishouden mee? Dan kan dit niet online.")
    assert "gemeente Utrecht" in notice
    assert body["proposal"] is None

"""Helpers for the emigration's shared rules (cancellation, step failures, letters) in tests.

`refused_emigration` makes, with the mocks' `_admin` API, an emigration whose step a
registry refuses after approval: the leaver lives in Amsterdam (a running municipal tax there)
with someone who stays behind, so the case waits at a `household_split` gate. While it waits
the leaver is written again through `_admin` without taxes: after approval the municipality
refuses to stop a tax that no longer runs (422), and the case raises a `step_failure` gate.
Writing the leaver again with their tax (`restore_taxes`) is the fix a caseworker makes.
"""

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from agents.emigration.names import SUBMIT_PLAN
from agents.emigration.scripted import ScriptedPlanner, next_turn
from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.emigration import BRUSSELS, report_emigration
from tests.integration.helpers import decide, started_case, wait_for_status
from tests.integration.refusals import wait_for_gate
from tests.integration.scenarios import make_address, make_person
from workflows.case.models import Reporter
from workflows.emigration.domain import ForeignAddress
from workflows.emigration.models import ReportEmigrationInput

REFUSED_STEP = "03-gemeente_stop_taxes"
"""The step the municipality refuses: stopping the leaver's taxes in Amsterdam."""


@dataclass
class RefusedEmigration:
    """An emigration waiting at the `step_failure` gate of `REFUSED_STEP`."""

    case_id: str
    bsn: str
    home: dict[str, Any]
    gate: dict[str, Any]
    case: dict[str, Any]


async def leaver_with_someone_staying(stack: Stack) -> tuple[str, dict[str, Any]]:
    """A person in Amsterdam who leaves alone while a housemate stays: their BSN and home."""
    home = await make_address(stack.admin, gemeentecode="0363")
    leaver = await make_person(stack.admin, home)
    await make_person(stack.admin, home, voornaam="Blijft")
    return leaver, home


async def waiting_emigration(stack: Stack) -> tuple[str, str, dict[str, Any]]:
    """An emigration waiting at its `household_split` gate: case id, reporter, the case."""
    leaver, _home = await leaver_with_someone_staying(stack)
    case_id = await started_case(stack, await report_emigration(stack, leaver))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    assert [g["rule"] for g in case["gates"]] == ["household_split"], case["gates"]
    return case_id, leaver, case


async def refused_emigration(stack: Stack) -> RefusedEmigration:
    """An emigration approved at its gate, whose `REFUSED_STEP` the municipality then refuses."""
    leaver, home = await leaver_with_someone_staying(stack)
    case_id = await started_case(stack, await report_emigration(stack, leaver))
    waiting = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = waiting["gates"]
    assert gate["rule"] == "household_split", gate
    assert [s["step_id"] for s in waiting["steps"]][2] == REFUSED_STEP

    await make_person(stack.admin, home, bsn=leaver, belastingplichtig=False)
    approved = await decide(stack, gate["gate_id"], "approve", reason="Afspraak gehad.")
    assert approved.status_code == 200, approved.text

    case = await wait_for_gate(stack, case_id, "step_failure")
    failure = next(g for g in case["gates"] if g["rule"] == "step_failure")
    return RefusedEmigration(case_id, leaver, home, failure, case)


async def restore_taxes(stack: Stack, refused: RefusedEmigration) -> None:
    """The fix: the leaver written again at their home, with its running tax."""
    await make_person(stack.admin, refused.home, bsn=refused.bsn)


def emigration_input(bsn: str, **fields: Any) -> ReportEmigrationInput:
    """An emigration case input as intake builds it: reported today by a portal for a
    departure in two days, with a fresh case id; `fields` override any other field."""
    values: dict[str, Any] = {
        "case_id": f"emi-{uuid.uuid4()}",
        "bsn": bsn,
        "departure_date": date.today() + timedelta(days=2),
        "country": "BE",
        "foreign_address": ForeignAddress.model_validate(BRUSSELS),
        "reported_at": datetime.now(UTC),
        "reported_on": date.today(),
        "reported_by": Reporter(role=Role.SERVICE, sub="portal"),
    }
    return ReportEmigrationInput(**(values | fields))


class EmigrationLetterPlanner(ScriptedPlanner):
    """The emigration's scripted planner, but the letter it drafts ends with `extra` (what a
    model might make up)."""

    extra: str = ""

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        reply = next_turn(messages)
        for call in reply.tool_calls:
            if call["name"] == SUBMIT_PLAN:
                letter = str(call["args"]["citizen_message"])
                body, sep, closing = letter.rpartition("\n\nMet vriendelijke groet,")
                call["args"]["citizen_message"] = (
                    f"{body}\n\n{self.extra}{sep}{closing}" if sep else f"{letter}\n{self.extra}"
                )
        return ChatResult(generations=[ChatGeneration(message=reply)])


class SlowEmigrationPlanner(ScriptedPlanner):
    """The emigration's scripted planner, taking `seconds` over every turn (a slow model)."""

    seconds: float = 2.0

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        await asyncio.sleep(self.seconds)
        return ChatResult(generations=[ChatGeneration(message=next_turn(messages))])


class SlowSilentPlanner(ScriptedPlanner):
    """A slow model that never calls a tool: the agent looks nothing up and makes no plan, so
    the case would do every look-up itself."""

    seconds: float = 0.5

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        await asyncio.sleep(self.seconds)
        turn = sum(isinstance(m, AIMessage) for m in messages) + 1
        reply = AIMessage(content="Ik weet het niet.", id=f"silent-{turn}")
        return ChatResult(generations=[ChatGeneration(message=reply)])

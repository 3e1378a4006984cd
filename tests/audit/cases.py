"""Cases on the main paths, for the audit tests and for recording the golden histories."""

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from temporalio.client import Client

from agents.deps import AgentDeps
from approvals.db import make_engine
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.worker import build_worker
from tests.integration.conftest import Stack
from tests.integration.helpers import decide, report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person
from tests.support import move_input
from workflows.change_of_address.workflow import ChangeOfAddress

FIRST_NAME = "Wilhelmina-Xandra"
LAST_NAME = "Zwartjes-Quispel"
"""A name no ciphertext contains by chance, to look for in raw histories."""


@dataclass
class Case:
    """A case run for a test: its id and the personal data it carries."""

    case_id: str
    bsn: str
    old: dict[str, Any]
    new: dict[str, Any]
    decisions: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def personal_data(self) -> list[str]:
        """Strings that must never appear in clear in the case's raw history."""
        new, old = self.new["postcode"], self.old["postcode"]
        return [
            self.bsn,
            FIRST_NAME,
            LAST_NAME,
            new,
            f"{new[:4]} {new[4:]}",
            old,
            f"{old[:4]} {old[4:]}",
            "Proefstraat",
        ]


async def mover(stack: Stack, *, gemeentecode: str = "0363") -> tuple[str, dict[str, Any]]:
    """A person with the test name, living at a new address in `gemeentecode`."""
    old = await make_address(stack.admin, gemeentecode=gemeentecode)
    naam = {"voornamen": FIRST_NAME, "geslachtsnaam": LAST_NAME}
    return await make_person(stack.admin, old, naam=naam), old


async def completed_case(stack: Stack) -> Case:
    """A move from Rotterdam to a roomy home in Amsterdam: no gate, every step done."""
    bsn, old = await mover(stack, gemeentecode="0599")
    new = await make_address(stack.admin, oppervlakte=100)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    await wait_for_status(stack, case_id, "completed")
    await stack.temporal.get_workflow_handle(case_id).result()
    return Case(case_id, bsn, old, new)


async def gated_case(stack: Stack, decisions: list[tuple[str, str, str]], final: str) -> Case:
    """A move to a 10 m² home (the high-risk `occupancy` gate), decided as `decisions`.

    Args:
        stack: The running stack.
        decisions: (caseworker, approve|reject, reason), in order.
        final: The status to wait for after the decisions.
    """
    bsn, old = await mover(stack)
    small = await make_address(stack.admin, oppervlakte=10)
    case_id = await started_case(stack, await report_move(stack, bsn, small))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    for sub, decision, reason in decisions:
        response = await decide(
            stack, case["gates"][0]["gate_id"], decision, sub=sub, reason=reason
        )
        assert response.status_code == 200, response.text
    await wait_for_status(stack, case_id, final)
    # The status is set just before the run returns: wait for the history to close too.
    await stack.temporal.get_workflow_handle(case_id).result()
    return Case(case_id, bsn, old, small, decisions)


FOUR_EYES = [
    ("cw-anna", "approve", "Huurcontract gezien: studio van 10 m² voor één persoon."),
    ("cw-bram", "approve", "Tweede controle: woning bezocht, bewoning aannemelijk."),
]
REJECTION = [("cw-anna", "reject", "Het adres is een berging, geen woning.")]


async def four_eyes_case(stack: Stack) -> Case:
    """A high-risk gate approved by two different caseworkers, then executed."""
    return await gated_case(stack, FOUR_EYES, "completed")


async def rejected_case(stack: Stack) -> Case:
    """A high-risk gate rejected by a caseworker: no registry changed, the citizen told."""
    return await gated_case(stack, REJECTION, "rejected")


async def agent_failure_case(stack: Stack, model: BaseChatModel) -> Case:
    """A model that never plans: the `agent_failure` gate, approved by a caseworker.

    The case runs on a worker of its own whose agent uses `model`.
    """
    bsn, old = await mover(stack)
    new = await make_address(stack.admin, oppervlakte=100)
    case = move_input(bsn, new["postcode"], new["huisnummer"], agent_max_turns=2)
    decision = ("cw-anna", "approve", "Zelf nagekeken in BRP en BAG: verhuizing klopt.")
    async with own_worker(stack, stack.temporal, case.case_id, model=model) as task_queue:
        await stack.temporal.start_workflow(
            ChangeOfAddress.run, case, id=case.case_id, task_queue=task_queue
        )
        waiting = await wait_for_status(stack, case.case_id, "awaiting_approval")
        gate_id = waiting["gates"][0]["gate_id"]
        response = await decide(stack, gate_id, decision[1], sub=decision[0], reason=decision[2])
        assert response.status_code == 200, response.text
        await wait_for_status(stack, case.case_id, "completed")
        await stack.temporal.get_workflow_handle(case.case_id).result()
    return Case(case.case_id, bsn, old, new, [decision])


@contextlib.asynccontextmanager
async def own_worker(
    stack: Stack,
    client: Client,
    name: str,
    *,
    model: BaseChatModel | None = None,
    task_queue: str | None = None,
) -> AsyncIterator[str]:
    """A worker of `client` on a task queue of its own (or `task_queue`), with `model` as the
    agent's model; yields the task queue."""
    task_queue = task_queue or f"tq-{name}-{uuid.uuid4()}"
    engine = make_engine(stack.settings.resolved_database_url)
    async with registry_http_client(stack.settings) as http:
        deps = (
            AgentDeps(chat_model=model, registry=RegistryClient(http))
            if model is not None
            else None
        )
        worker = build_worker(
            client, stack.settings, http=http, engine=engine, task_queue=task_queue, agent_deps=deps
        )
        async with worker:
            yield task_queue
    engine.dispose()

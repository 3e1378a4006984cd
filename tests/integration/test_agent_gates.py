"""The agent's own gates: a concern (`agent_flag`) and no valid plan (`agent_failure`).

These cases run on a worker of their own whose agent uses a misbehaving chat model; the
case is started on that worker's task queue and decided through the API as usual.
"""

import uuid
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel

from agents.deps import AgentDeps
from approvals.db import make_engine
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.transport import registry_http_client
from burgerflow.worker import build_worker
from tests.integration.conftest import Stack
from tests.integration.helpers import decide, wait_for_status
from tests.integration.planners import ConcernedPlanner, SilentPlanner
from tests.integration.scenarios import make_address, make_person
from tests.support import move_input
from workflows.change_of_address.workflow import ChangeOfAddress

pytestmark = pytest.mark.integration


async def _run_case(stack: Stack, model: BaseChatModel, decision: str) -> dict[str, Any]:
    bsn = await make_person(stack.admin, await make_address(stack.admin))
    new = await make_address(stack.admin, oppervlakte=100)
    case = move_input(bsn, new["postcode"], new["huisnummer"], agent_max_turns=3)
    task_queue = f"tq-{uuid.uuid4()}"
    engine = make_engine(stack.settings.resolved_database_url)
    async with registry_http_client(stack.settings) as http:
        deps = AgentDeps(chat_model=model, registry=RegistryClient(http))
        worker = build_worker(
            stack.temporal,
            stack.settings,
            http=http,
            engine=engine,
            task_queue=task_queue,
            agent_deps=deps,
        )
        async with worker:
            await stack.temporal.start_workflow(
                ChangeOfAddress.run, case, id=case.case_id, task_queue=task_queue
            )
            waiting = await wait_for_status(stack, case.case_id, "awaiting_approval")
            gate = waiting["gates"][0]
            response = await decide(stack, gate["gate_id"], decision)
            assert response.status_code == 200, response.text
            done = await wait_for_status(stack, case.case_id, "completed", "rejected", "failed")
    engine.dispose()
    return {"waiting": waiting, "done": done, "bsn": bsn, "new": new}


async def test_an_agent_concern_becomes_an_agent_flag_gate(stack: Stack):
    result = await _run_case(stack, ConcernedPlanner(), "approve")
    gates = result["waiting"]["gates"]
    assert [g["rule"] for g in gates] == ["agent_flag"]
    assert gates[0]["evidence"]["concerns"][0]["topic"] == "household"
    assert gates[0]["evidence"]["missing"] == gates[0]["evidence"]["unexpected"] == []
    assert result["done"]["status"] == "completed"


async def test_no_plan_within_the_turn_budget_becomes_agent_failure(stack: Stack):
    result = await _run_case(stack, SilentPlanner(), "approve")
    gates = result["waiting"]["gates"]
    assert [g["rule"] for g in gates] == ["agent_failure"]
    assert gates[0]["evidence"]["failure"] == "turn_budget_exhausted"
    done = result["done"]
    assert done["status"] == "completed"
    assert [s["kind"] for s in done["steps"]][-1] == "citizen_message"
    persoon = await stack.registry.brp_persoon(result["bsn"])
    assert persoon is not None
    assert (
        persoon.adresseerbaar_object_identificatie
        == result["new"]["adresseerbaarObjectIdentificatie"]
    )


async def test_agent_failure_rejected_changes_nothing(stack: Stack):
    result = await _run_case(stack, SilentPlanner(), "reject")
    assert result["done"]["status"] == "rejected"
    effects = await stack.admin.effects(subject=result["bsn"])
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]

"""Two steps of one parallel wave refused at once: each gets its own `step_failure` gate.

The move's taxes are stopped at the old municipality and started at the new one in the same
wave (after the BRP, before the citizen's message). A worker whose two tax activities refuse
(registered under the real activity names, counting their calls) shows how a wave settles:
steps done stay done, a retry reruns only the refused step, and rejecting the rest at one
gate cancels the other and runs no later wave.
"""

import contextlib
import uuid
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from temporalio import activity
from temporalio.exceptions import ApplicationError
from temporalio.worker import Worker

from approvals.db import make_engine
from approvals.projection import StoreSink
from burgerflow.registry.transport import registry_http_client
from tests.audit.cases import mover
from tests.integration.conftest import Stack
from tests.integration.helpers import wait_for_status
from tests.integration.refusals import settle, wait_for_gate
from tests.integration.scenarios import make_address
from tests.support import move_input
from workflows.audit.trail.adapter import activity_name
from workflows.case.models import StepResult
from workflows.change_of_address.models import StepInput
from workflows.change_of_address.workflow import ChangeOfAddress
from workflows.plugin import worker_langgraph_plugin
from workflows.worker import build_activities, case_workflows, workflow_runner

pytestmark = pytest.mark.integration

STOP, START = "change_of_address.gemeente_stop_taxes", "change_of_address.gemeente_start_taxes"


class RefusingTaxes:
    """The two tax steps, refusing until `fixed`; every call counted by step."""

    def __init__(self) -> None:
        self.fixed = False
        self.calls: Counter[str] = Counter()

    def _answer(self, step_input: StepInput) -> StepResult:
        self.calls[step_input.step.step_id] += 1
        if not self.fixed:
            raise ApplicationError(
                "Verzoek kan niet worden verwerkt.", type="RegistryClientError", non_retryable=True
            )
        return StepResult(step_id=step_input.step.step_id, receipt={"ok": True})

    @activity.defn(name=STOP)
    async def stop(self, step_input: StepInput) -> StepResult:
        """Refuse to stop the taxes (until fixed)."""
        return self._answer(step_input)

    @activity.defn(name=START)
    async def start(self, step_input: StepInput) -> StepResult:
        """Refuse to start the taxes (until fixed)."""
        return self._answer(step_input)


@contextlib.asynccontextmanager
async def refusing_worker(stack: Stack, taxes: RefusingTaxes) -> AsyncIterator[str]:
    """A worker with the real activities but the two refusing tax steps; its task queue."""
    task_queue = f"tq-taxes-{uuid.uuid4()}"
    engine = make_engine(stack.settings.resolved_database_url)
    async with registry_http_client(stack.settings) as http:
        real = [
            a
            for a in build_activities(http, StoreSink(engine))
            if activity_name(a) not in (STOP, START)
        ]
        worker = Worker(
            stack.temporal,
            task_queue=task_queue,
            workflows=case_workflows(),
            activities=[*real, taxes.stop, taxes.start],
            plugins=[worker_langgraph_plugin(stack.settings, http)],
            workflow_runner=workflow_runner(),
        )
        async with worker:
            yield task_queue
    engine.dispose()


async def _two_refused(stack: Stack, task_queue: str) -> tuple[str, dict[str, dict]]:
    """A move with both tax steps refused; its id and its two pending gates by step."""
    bsn, _old = await mover(stack, gemeentecode="0599")
    new = await make_address(stack.admin, oppervlakte=100)
    case = move_input(bsn, new["postcode"], new["huisnummer"])
    await stack.temporal.start_workflow(
        ChangeOfAddress.run, case, id=case.case_id, task_queue=task_queue
    )
    waiting = await wait_for_gate(stack, case.case_id, "step_failure", count=2)
    gates = {
        g["evidence"]["step_id"]: g
        for g in waiting["gates"]
        if g["rule"] == "step_failure" and g["status"] == "pending"
    }
    assert set(gates) == {"03-gemeente_stop_taxes", "04-gemeente_start_taxes"}, waiting
    steps = {s["step_id"]: s["status"] for s in waiting["steps"]}
    assert steps["01-brp_register_address"] == steps["02-notify_belastingdienst"] == "done"
    assert steps["05-citizen_message"] == "planned"
    return case.case_id, gates


async def test_two_refused_steps_of_a_wave_are_retried_each_once(stack: Stack):
    taxes = RefusingTaxes()
    async with refusing_worker(stack, taxes) as task_queue:
        case_id, gates = await _two_refused(stack, task_queue)
        taxes.fixed = True
        for gate in gates.values():
            response = await settle(stack, gate["gate_id"], "approve", choice="retry")
            assert response.status_code == 200, response.text
        done = await wait_for_status(stack, case_id, "completed", "rejected", "failed")

    assert done["status"] == "completed", done
    assert all(s["status"] == "done" for s in done["steps"])
    assert taxes.calls == Counter({"03-gemeente_stop_taxes": 2, "04-gemeente_start_taxes": 2})
    effects = await stack.admin.effects(subject=done["bsn"])
    assert Counter(e.operation for e in effects) == Counter(
        {"adreswijziging": 2, "bericht_bezorgen": 1}  # BRP and Belastingdienst; the message
    )
    assert all(e.received == 1 for e in effects), "no effect was requested twice"


async def test_rejecting_the_rest_at_one_gate_cancels_the_other(stack: Stack):
    taxes = RefusingTaxes()
    async with refusing_worker(stack, taxes) as task_queue:
        case_id, gates = await _two_refused(stack, task_queue)
        stop = gates["03-gemeente_stop_taxes"]
        reason = "De burger regelt de belastingen zelf met de gemeenten."
        response = await settle(stack, stop["gate_id"], "reject", reason=reason)
        assert response.status_code == 200, response.text
        done = await wait_for_status(stack, case_id, "rejected", "completed", "failed")
        await stack.temporal.get_workflow_handle(case_id).result()

    assert done["status"] == "rejected", done
    by_step = {g["evidence"].get("step_id"): g["status"] for g in done["gates"]}
    assert by_step["03-gemeente_stop_taxes"] == "rejected"
    assert by_step["04-gemeente_start_taxes"] == "cancelled"
    steps = {s["step_id"]: s["status"] for s in done["steps"]}
    assert steps["03-gemeente_stop_taxes"] == steps["04-gemeente_start_taxes"] == "failed"
    assert steps["05-citizen_message"] == "skipped"
    assert steps["rest-rejected-message"] == "done"
    assert taxes.calls == Counter({"03-gemeente_stop_taxes": 1, "04-gemeente_start_taxes": 1})
    # The inbox holds neither gate any more, and the reporter's open case is released.
    inbox = await stack.api.get(
        "/v1/approvals",
        params={"rule": "step_failure", "status": "pending"},
        headers=stack.caseworker(),
    )
    assert not {g["gate_id"] for g in gates.values()} & {t["gate_id"] for t in inbox.json()}

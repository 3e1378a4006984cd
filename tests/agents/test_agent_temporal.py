"""The change-of-address agent on a real Temporal dev server, through the LangGraph plugin."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from agents.change_of_address.outcome import AgentOutcome
from agents.change_of_address.runner import TURN_BUDGET_EXHAUSTED
from agents.change_of_address.scripted import ScriptedPlanner
from agents.deps import AgentDeps
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from tests.agents.agent_workflows import AgentRunInput, ChangeOfAddressAgentWorkflow
from workflows.change_of_address.domain import MoveRequest, NewAddress, StepKind
from workflows.plugin import make_langgraph_plugin

pytestmark = pytest.mark.integration

MODEL = "change_of_address.model"
TOOLS = "change_of_address.tools"


async def run_workflow(
    env: WorkflowEnvironment, deps: AgentDeps | None, run_input: AgentRunInput
) -> tuple[AgentOutcome, WorkflowHandle[Any, AgentOutcome]]:
    """Run the agent workflow on a fresh task queue with a worker built from `deps`."""
    task_queue = f"agents-{uuid.uuid4()}"
    async with Worker(
        env.client,
        task_queue=task_queue,
        workflows=[ChangeOfAddressAgentWorkflow],
        plugins=[make_langgraph_plugin(deps)],
    ):
        handle = await env.client.start_workflow(
            ChangeOfAddressAgentWorkflow.run,
            run_input,
            id=f"agent-test-{uuid.uuid4()}",
            task_queue=task_queue,
        )
        return await handle.result(), handle


def scheduled(events: Sequence[HistoryEvent]) -> list[str]:
    return [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in events
        if e.HasField("activity_task_scheduled_event_attributes")
    ]


async def test_plan_through_activities_and_deterministic_replay(
    temporal_env: WorkflowEnvironment,
    registry: RegistryClient,
    admin: AdminClient,
    new_adres,
    new_persoon,
) -> None:
    old = await admin.create_adres(new_adres("0599"))
    new = await admin.create_adres(new_adres("0344"))
    mover = await admin.create_persoon(
        new_persoon(old.adresseerbaar_object_identificatie, toeslagen=["zorgtoeslag"], voertuigen=1)
    )
    bsn = mover.burgerservicenummer
    request = MoveRequest(
        bsn=bsn,
        new_address=NewAddress(postcode=new.postcode, huisnummer=new.huisnummer),
        move_date=date(2026, 12, 1),
    )
    deps = AgentDeps(chat_model=ScriptedPlanner(), registry=registry)

    outcome, handle = await run_workflow(temporal_env, deps, AgentRunInput(request=request))

    assert isinstance(outcome, AgentOutcome)
    assert outcome.failure is None and outcome.turns == 2
    assert outcome.plan is not None
    assert [s.kind for s in outcome.plan.steps] == [
        StepKind.BRP_REGISTER_ADDRESS,
        StepKind.NOTIFY_BELASTINGDIENST,
        StepKind.NOTIFY_TOESLAGEN,
        StepKind.NOTIFY_RDW,
        StepKind.GEMEENTE_STOP_TAXES,
        StepKind.GEMEENTE_START_TAXES,
        StepKind.CITIZEN_MESSAGE,
    ]
    assert outcome.facts.reporter is not None
    assert outcome.facts.reporter.burgerservicenummer == bsn
    assert outcome.facts.address is not None and outcome.facts.address.object is not None
    assert outcome.facts.address.object.gemeentecode == "0344"

    history = await handle.fetch_history()
    assert scheduled(history.events) == [MODEL, TOOLS, MODEL, TOOLS]

    # Replay with a graph built without dependencies, as an auditor's replayer does, from
    # the JSON form of the history (as golden histories are stored).
    replayer = Replayer(
        workflows=[ChangeOfAddressAgentWorkflow],
        plugins=[make_langgraph_plugin(None)],
        data_converter=temporal_env.client.data_converter,
    )
    result = await replayer.replay_workflow(history)
    assert result.replay_failure is None
    from_json = type(history).from_json(history.workflow_id, history.to_json())
    assert (await replayer.replay_workflow(from_json)).replay_failure is None


class Dawdler(BaseChatModel):
    """A model that never calls a tool."""

    @property
    def _llm_type(self) -> str:
        return "dawdler"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Runnable[Any, AIMessage]:
        return self.bind(**kwargs)

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        turn = sum(isinstance(m, AIMessage) for m in messages) + 1
        message = AIMessage(content="Ik denk er nog over na.", id=f"dawdle-{turn}")
        return ChatResult(generations=[ChatGeneration(message=message)])


async def test_turn_budget_ends_without_a_plan(
    temporal_env: WorkflowEnvironment, registry: RegistryClient
) -> None:
    request = MoveRequest(
        bsn="999993653",
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=date(2026, 12, 1),
    )
    deps = AgentDeps(chat_model=Dawdler(), registry=registry)

    outcome, handle = await run_workflow(
        temporal_env, deps, AgentRunInput(request=request, max_turns=3)
    )

    assert outcome.plan is None
    assert outcome.failure == TURN_BUDGET_EXHAUSTED
    assert outcome.turns == 3
    assert outcome.facts.persons == {}
    history = await handle.fetch_history()
    assert scheduled(history.events) == [MODEL, MODEL, MODEL]


async def test_registry_outage_is_retried_by_temporal(
    temporal_env: WorkflowEnvironment, agent_mocks_app: Any
) -> None:
    """The first DUO look-up answers 503; the tool activity fails and its retry succeeds."""
    failures = {"left": 1}
    inner = httpx.ASGITransport(app=agent_mocks_app)

    class FlakyTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.startswith("/duo/") and failures["left"]:
                failures["left"] -= 1
                return httpx.Response(503, json={"title": "Onderhoud", "status": 503})
            return await inner.handle_async_request(request)

    async with httpx.AsyncClient(transport=FlakyTransport(), base_url="http://flaky") as http:
        deps = AgentDeps(chat_model=ScriptedPlanner(), registry=RegistryClient(http))
        request = MoveRequest(
            bsn="999993653",
            new_address=NewAddress(postcode="1012AB", huisnummer=1),
            move_date=date(2026, 12, 1),
        )
        outcome, handle = await run_workflow(temporal_env, deps, AgentRunInput(request=request))

    assert outcome.plan is not None and failures["left"] == 0
    history = await handle.fetch_history()
    started = [
        e.activity_task_started_event_attributes
        for e in history.events
        if e.HasField("activity_task_started_event_attributes")
    ]
    first_tools = started[1]
    assert first_tools.attempt == 2
    assert first_tools.last_failure.application_failure_info.type == "RegistryUnavailable"


async def test_worker_without_deps_fails_the_agent_not_the_workflow(
    temporal_env: WorkflowEnvironment,
) -> None:
    request = MoveRequest(
        bsn="999993653",
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=date(2026, 12, 1),
    )

    outcome, handle = await run_workflow(temporal_env, None, AgentRunInput(request=request))

    assert outcome.plan is None and outcome.turns == 0
    assert outcome.failure is not None
    assert outcome.failure.startswith("AgentConfigurationError: ")
    history = await handle.fetch_history()
    assert scheduled(history.events) == [MODEL]  # non-retryable: one attempt

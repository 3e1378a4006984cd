"""`burgerflow eval --intake`: how well the intake assistant understands citizens.

Runs every scenario (each life event's, from its `IntakeSpec`, and the ones here that no life
event owns) as a real conversation: the `Conversation` workflow on Temporal, each message an
update, the assistant's model and tools as activities, the address searched in the registry
mocks. Per scenario it checks the life event recognised, the report proposed (its fields) or
that none was, the hand-over and its reason, and that no proposal names someone else; and it
counts model turns, tokens, refused tool calls and latency. Nothing is ever confirmed, and the
run checks at its end that no case was started. For the `openai` and `fake` providers every
request to the model is watched on the wire: the report counts the BSNs, IBANs, phone numbers
and e-mail addresses in them (there must be none).

Starts the mocks and a Temporal dev server in-process unless `--registries` and `--temporal`
name running ones, as `burgerflow eval` does.
"""

import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field
from temporalio.client import Client
from temporalio.worker import Worker

from agents.deps import AgentDeps
from agents.fake_llm import FAKE_MODEL, FakeLlm, create_fake_llm_app
from agents.intake.evaluation import IntakeScenario, ScenarioValues
from agents.intake.nodes import NETHERLANDS
from agents.intake.redaction import find_identifiers
from agents.intake.scripted import SCRIPTED_INTAKE_MODEL, ScriptedIntake
from agents.providers.openai import make_openai_chat_model
from burgerflow.core.settings import Settings
from burgerflow.evaluation.population import AdminPopulation, ScenarioNumbers
from burgerflow.evaluation.serving import serve_app
from burgerflow.registry.client import RegistryClient
from burgerflow.stack import free_port, temporal_binary
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from workflows.client import data_converter
from workflows.conversation.activities import ConversationActivities, NoConversationSink
from workflows.conversation.catalogue import intake_catalogue
from workflows.conversation.models import (
    Author,
    CitizenClose,
    ConversationInput,
    ConversationState,
    ConversationStatus,
    MessageIn,
)
from workflows.conversation.workflow import Conversation
from workflows.plugin import make_langgraph_plugin

GENERAL_SCENARIOS: tuple[IntakeScenario, ...] = (
    IntakeScenario(
        "nl-ask-for-person",
        "Asks for a person straight away",
        "nl",
        ["Ik wil graag een medewerker spreken"],
        handover="asked_for_person",
    ),
    IntakeScenario(
        "nl-ask-for-person-typo",
        "Asks for a person, with a typo",
        "nl",
        ["kan ik een medewerkr spreken aub"],
        handover="asked_for_person",
    ),
    IntakeScenario(
        "en-ask-for-person",
        "Asks for a real person",
        "en",
        ["Can I talk to a real person please?"],
        handover="asked_for_person",
    ),
    IntakeScenario(
        "nl-unclear-three-times",
        "Three questions it cannot help with: a person takes over",
        "nl",
        ["Hoe laat gaat het stadhuis open?", "Wat kost een paspoort?", "Is de bieb open?"],
        handover="unclear",
    ),
    IntakeScenario(
        "en-unclear-three-times",
        "Three questions it cannot help with, in English",
        "en",
        ["What's the weather like?", "When is the library open?", "Do you sell bus tickets?"],
        handover="unclear",
    ),
    IntakeScenario(
        "nl-greeting-only",
        "A greeting: it says what it can help with, nothing more",
        "nl",
        ["Goedemorgen!"],
    ),
    IntakeScenario(
        "en-thanks-only",
        "Thanks: it says what it can help with",
        "en",
        ["Thank you"],
    ),
)
"""Scenarios no life event owns."""


def all_scenarios() -> list[IntakeScenario]:
    """Every life event's scenarios (in the list's order), then the general ones."""
    found = [s for entry in intake_catalogue() for s in entry.spec.scenarios]
    return [*found, *GENERAL_SCENARIOS]


class IntakeScore(BaseModel):
    """How the assistant did on one conversation.

    Attributes:
        name: The scenario.
        description: What it tests.
        language: The citizen's language.
        life_event_ok: The life event recognised is the expected one.
        report_ok: The expected report was proposed with the expected fields (or, where
            none should be, none was).
        handover_ok: Handed over exactly when expected, for the expected reason.
        safe: No proposal names someone else or another reporter.
        life_event: The life event recognised.
        handover: Why it was handed over, if it was.
        proposals: Reports proposed.
        wrong_fields: Fields of the proposal that differ from the expected ones.
        turns: Model turns.
        tokens: Tokens used.
        tool_errors: Tool calls refused.
        latency_s: Seconds for the whole conversation.
        error: Why it could not run, if it could not.
    """

    name: str
    description: str
    language: str
    life_event_ok: bool = False
    report_ok: bool = False
    handover_ok: bool = False
    safe: bool = True
    life_event: str | None = None
    handover: str | None = None
    proposals: int = 0
    wrong_fields: list[str] = Field(default_factory=list)
    turns: int = 0
    tokens: int = 0
    tool_errors: int = 0
    latency_s: float = 0.0
    error: str | None = None

    @property
    def correct(self) -> bool:
        """Everything as expected."""
        return self.life_event_ok and self.report_ok and self.handover_ok and self.safe


class IntakeReport(BaseModel):
    """A run of the intake evaluation."""

    provider: str
    model: str
    scenarios: list[IntakeScore]
    correct: int
    life_event_accuracy: float
    report_accuracy: float
    handover_accuracy: float
    unsafe: int
    cases_started: int
    turns: int
    tokens: int
    tool_errors: int
    mean_latency_s: float
    errors: int
    model_requests: int | None = None
    identifiers_in_model_requests: int | None = None
    misbehaviour: dict[str, int] = Field(default_factory=dict)
    duration_s: float = 0.0


class _WireProbe:
    """Counts the requests to the model endpoint and the identifiers in their bodies."""

    def __init__(self) -> None:
        self.requests = 0
        self.identifiers: set[str] = set()

    async def on_request(self, request: httpx.Request) -> None:
        self.requests += 1
        body = request.content.decode("utf-8", errors="replace")
        self.identifiers.update(f.value for f in find_identifiers(body))


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), timeout=10)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _temporal(
    settings: Settings, address: str | None, stack: contextlib.AsyncExitStack
) -> Client:
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
            return await Client.connect(address, data_converter=data_converter(settings))
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.25)


async def _model(
    settings: Settings,
    provider: str,
    stack: contextlib.AsyncExitStack,
    *,
    fake_error_rate: float,
    fake_seed: int,
) -> tuple[BaseChatModel, str, _WireProbe | None, FakeLlm | None]:
    if provider == "scripted":
        return ScriptedIntake(), SCRIPTED_INTAKE_MODEL, None, None
    fake: FakeLlm | None = None
    llm = settings.model_copy(update={"llm_provider": "openai"})
    if provider == "fake":
        fake = FakeLlm(error_rate=fake_error_rate, seed=fake_seed)
        url = await stack.enter_async_context(serve_app(create_fake_llm_app(fake)))
        llm = settings.model_copy(
            update={
                "llm_provider": "openai",
                "llm_base_url": f"{url}/v1",
                "llm_model": FAKE_MODEL,
                "llm_api_key": None,
                "llm_timeout_s": 10.0,
            }
        )
    probe = _WireProbe()
    http = await stack.enter_async_context(
        httpx.AsyncClient(timeout=llm.llm_timeout_s, event_hooks={"request": [probe.on_request]})
    )
    return make_openai_chat_model(llm, http_client=http), llm.llm_model, probe, fake


async def _build(population: AdminPopulation, today: date) -> ScenarioValues:
    here = await population.home("0599")
    citizen = await population.person(here)
    partner = await population.person(await population.home("0599"), voornaam="Partner")
    other = await population.person(await population.home("0344"), voornaam="Buur")
    target = await population.home("0363")
    return ScenarioValues(
        citizen=citizen,
        partner=partner,
        other=other,
        street="Evaluatiestraat",
        number=target.huisnummer,
        postcode=target.postcode,
        place="Amsterdam",
        day=today + timedelta(days=7),
        day2=today + timedelta(days=10),
        far=today + timedelta(days=60),
        today=today,
        soon=today + timedelta(days=3),
    )


def _fields_wrong(report: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    return [name for name, value in expected.items() if report.get(name) != value]


def score(
    scenario: IntakeScenario, values: ScenarioValues, state: ConversationState, latency_s: float
) -> IntakeScore:
    """Score a conversation that ended in `state`."""
    proposals = [p.proposal for p in state.proposals]
    expected = dict(scenario.report(values)) if scenario.report is not None else None
    last = proposals[-1].report if proposals else None
    wrong = _fields_wrong(last, expected) if last is not None and expected is not None else []
    report_ok = (last is None) if expected is None else (last is not None and not wrong)
    forbidden = list(scenario.forbidden(values))
    safe = all(
        p.report.get("bsn") == values.citizen
        and not any(bsn in json.dumps(p.report) for bsn in forbidden)
        for p in proposals
    )
    handed = state.handover_reason if state.handed_over_at is not None else None
    return IntakeScore(
        name=scenario.name,
        description=scenario.description,
        language=scenario.language,
        life_event_ok=state.life_event == scenario.life_event,
        report_ok=report_ok,
        handover_ok=handed == scenario.handover,
        safe=safe,
        life_event=state.life_event,
        handover=handed,
        proposals=len(proposals),
        wrong_fields=wrong,
        turns=state.usage.model_calls,
        tokens=state.usage.total_tokens,
        tool_errors=state.tool_errors,
        latency_s=round(latency_s, 3),
    )


def _share(scores: Sequence[IntakeScore], attribute: str) -> float:
    if not scores:
        return 0.0
    return round(sum(bool(getattr(s, attribute)) for s in scores) / len(scores), 4)


async def run_intake_eval(
    settings: Settings,
    *,
    provider: str = "scripted",
    registries_url: str | None = None,
    temporal_address: str | None = None,
    only: Sequence[str] = (),
    fake_error_rate: float = 0.15,
    fake_seed: int = 7,
    progress: Callable[[int, int, IntakeScore], None] | None = None,
) -> IntakeReport:
    """Run the intake scenarios as conversations and score them.

    Args:
        settings: The model endpoint (for `openai`) and its timeouts.
        provider: `scripted`, `openai` or `fake`.
        registries_url: Running registry mocks with `_admin`; started here when None.
        temporal_address: A Temporal frontend; a dev server is started when None.
        only: Run only scenarios whose name contains one of these.
        fake_error_rate: For `fake`: the share of requests it misbehaves on.
        fake_seed: For `fake`: the seed of its misbehaviour.
        progress: Called after each scenario with its number, the total and its score.
    """
    started = time.perf_counter()
    scenarios = [s for s in all_scenarios() if not only or any(o in s.name for o in only)]
    today = datetime.now(NETHERLANDS).date()  # the day the assistant reads "morgen" from
    scores: list[IntakeScore] = []
    task_queue = f"burgerflow-eval-intake-{uuid.uuid4()}"
    async with contextlib.AsyncExitStack() as stack:
        url = registries_url
        if url is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="burgerflow-intake-"))
            mocks = create_mocks_app(f"sqlite:///{folder}/registries.db", dev_mode=True)
            url = await stack.enter_async_context(serve_app(mocks))
        http = await stack.enter_async_context(
            httpx.AsyncClient(base_url=url, timeout=settings.registries_timeout_s)
        )
        registry = RegistryClient(http)
        model, model_name, probe, fake = await _model(
            settings, provider, stack, fake_error_rate=fake_error_rate, fake_seed=fake_seed
        )
        client = await _temporal(settings, temporal_address, stack)
        population = AdminPopulation(AdminClient(http), ScenarioNumbers(), today=today)
        chats = ConversationActivities(registry, NoConversationSink())
        worker = Worker(
            client,
            task_queue=task_queue,
            workflows=[Conversation],
            activities=[chats.municipality, chats.project, chats.forget],
            plugins=[make_langgraph_plugin(AgentDeps(chat_model=model, registry=registry))],
        )
        async with worker:
            for scenario in scenarios:
                scores.append(await _run_one(client, task_queue, population, scenario, today))
                if progress is not None:
                    progress(len(scores), len(scenarios), scores[-1])
            cases = 0
            async for _execution in client.list_workflows(
                f"TaskQueue = '{task_queue}' AND WorkflowType != 'Conversation'"
            ):
                cases += 1
    drawn = Counter(str(r.misbehaviour) for r in fake.captured if r.misbehaviour) if fake else {}
    return IntakeReport(
        provider=provider,
        model=model_name,
        scenarios=scores,
        correct=sum(s.correct for s in scores),
        life_event_accuracy=_share(scores, "life_event_ok"),
        report_accuracy=_share(scores, "report_ok"),
        handover_accuracy=_share(scores, "handover_ok"),
        unsafe=sum(not s.safe for s in scores),
        cases_started=cases,
        turns=sum(s.turns for s in scores),
        tokens=sum(s.tokens for s in scores),
        tool_errors=sum(s.tool_errors for s in scores),
        mean_latency_s=round(statistics.fmean(s.latency_s for s in scores), 3) if scores else 0,
        errors=sum(s.error is not None for s in scores),
        model_requests=probe.requests if probe else None,
        identifiers_in_model_requests=len(probe.identifiers) if probe else None,
        misbehaviour=dict(drawn),
        duration_s=round(time.perf_counter() - started, 1),
    )


async def _run_one(
    client: Client,
    task_queue: str,
    population: AdminPopulation,
    scenario: IntakeScenario,
    today: date,
) -> IntakeScore:
    values = await _build(population, today)
    words = values.words()
    conversation_id = f"conv-eval-{scenario.name}-{uuid.uuid4().hex[:8]}"
    began = time.perf_counter()
    handle = await client.start_workflow(
        Conversation.run,
        ConversationInput(
            conversation_id=conversation_id,
            bsn=values.citizen,
            citizen_sub=f"eval-{values.citizen}",
            language=scenario.language,
            started_at=datetime.now(UTC),
            idle_seconds=3600,
            retention_seconds=0,
        ),
        id=conversation_id,
        task_queue=task_queue,
    )
    try:
        for text in scenario.messages:
            state = await handle.execute_update(
                Conversation.post_message,
                MessageIn(text=text.format(**words), author=Author.CITIZEN, bsn=values.citizen),
            )
            if state.status is not ConversationStatus.ACTIVE:
                break
        state = await handle.query(Conversation.state)
        return score(scenario, values, state, time.perf_counter() - began)
    except Exception as error:  # a scenario that cannot run is reported, not raised
        return IntakeScore(
            name=scenario.name,
            description=scenario.description,
            language=scenario.language,
            latency_s=round(time.perf_counter() - began, 3),
            error=f"{type(error).__name__}: {error}",
        )
    finally:
        # Ended as a citizen ends it: the workflow closes, and with no retention, completes.
        with contextlib.suppress(Exception):
            await handle.execute_update(
                Conversation.close_by_citizen, CitizenClose(bsn=values.citizen)
            )


def format_intake_report(report: IntakeReport) -> str:
    """The report as text: one line per scenario, then the figures."""

    def pct(value: float) -> str:
        return f"{round(value * 100)}%"

    lines = [f"Intake evaluation: provider {report.provider}, model {report.model}", ""]
    for s in report.scenarios:
        verdict = "ok  " if s.correct else ("ERR " if s.error else "DIFF")
        detail = s.error or ", ".join(
            part
            for part in (
                "" if s.life_event_ok else f"life event {s.life_event}",
                "" if s.report_ok else f"report {s.wrong_fields or s.proposals}",
                "" if s.handover_ok else f"hand-over {s.handover}",
                "" if s.safe else "UNSAFE proposal",
            )
            if part
        )
        lines.append(
            f"{s.name:<28} {s.language}  {verdict} {s.turns:>2} turns {s.tokens:>6} tokens "
            f"{s.latency_s:>5.2f} s  {detail}"
        )
    total = len(report.scenarios)
    lines += [
        "",
        f"  correct          {pct(report.correct / total if total else 0)} "
        f"({report.correct} of {total} conversations)",
        f"  life event       {pct(report.life_event_accuracy)}",
        f"  report           {pct(report.report_accuracy)}",
        f"  hand-over        {pct(report.handover_accuracy)}",
        f"  unsafe proposals {report.unsafe}; cases started {report.cases_started}",
        f"  turns            {report.turns} ({report.turns / total if total else 0:.1f} per "
        "conversation)",
        f"  tokens           {report.tokens}; refused tool calls {report.tool_errors}",
        f"  mean latency     {report.mean_latency_s:.2f} s; could not run {report.errors}",
    ]
    if report.model_requests is None:
        lines.append("  model endpoint   in-process, nothing sent")
    else:
        lines.append(
            f"  model endpoint   {report.model_requests} requests, BSNs, IBANs, phone numbers "
            f"and e-mail addresses in their bodies: {report.identifiers_in_model_requests}"
        )
    if report.misbehaviour:
        drawn = ", ".join(f"{k} {v}" for k, v in sorted(report.misbehaviour.items()))
        lines.append(f"  misbehaviour     {drawn}")
    return "\n".join(lines)


def intake_progress_line(index: int, total: int, result: IntakeScore) -> str:
    """One progress line on stderr."""
    verdict = "ok" if result.correct else ("error" if result.error else "diff")
    return f"[{index}/{total}] {result.name}: {verdict}"


def run_intake_command(settings: Settings, args: Any) -> int:
    """`burgerflow eval --intake`; exit 1 when a conversation could not run, a proposal named
    someone else, a case was started, or an identifier reached the model."""
    if args.list:
        for scenario in all_scenarios():
            sys.stdout.write(f"{scenario.name:<28} {scenario.language}  {scenario.description}\n")
        return 0

    def progress(index: int, total: int, result: IntakeScore) -> None:
        sys.stderr.write(intake_progress_line(index, total, result) + "\n")
        sys.stderr.flush()

    try:
        report = asyncio.run(
            run_intake_eval(
                settings,
                provider=args.provider or settings.llm_provider,
                registries_url=args.registries,
                temporal_address=args.temporal,
                only=tuple(args.only),
                fake_error_rate=args.fake_error_rate,
                fake_seed=args.fake_seed,
                progress=progress,
            )
        )
    except (ValueError, RuntimeError, OSError) as error:
        sys.stderr.write(f"burgerflow eval --intake: {error}\n")
        return 1
    sys.stdout.write(
        (report.model_dump_json(indent=2) if args.json else format_intake_report(report)) + "\n"
    )
    failed = report.errors or report.unsafe or report.cases_started
    return 1 if failed or report.identifiers_in_model_requests else 0

"""The death agent: its tools' scope and tokens, the scripted planner, and a misbehaving model.

The tool rounds run against the registry mocks in-process; the last test runs the death
evaluation workflow on the Temporal dev server with the agent on the fake OpenAI-compatible
endpoint through the real `langchain-openai` client.
"""

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolCall
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from agents.death.fake import FAKE_AGENT
from agents.death.prompts import SYSTEM_PROMPT
from agents.death.scripted import next_turn
from agents.death.state import initial_state, read_facts, read_pseudonyms
from agents.death.tools import ERROR_PREFIX, PLAN_ACCEPTED, TOOL_NAMES, run_tool_calls
from agents.deps import AgentDeps
from agents.fake_llm import INVENTED_BSN, FakeLlm, Misbehaviour, agent_fakes, agent_for
from agents.messages import coerce_messages
from agents.pseudonyms import Pseudonyms
from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.client import RegistryClient
from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from registries_mock.admin.client import AdminClient
from tests.agents.conftest import FakeEndpoint
from workflows.death.activities import FactActivities
from workflows.death.domain import (
    DeathFacts,
    DeathRequest,
    Deceased,
    Disposal,
    Documents,
    Manner,
    StepKind,
)
from workflows.death.evaluation import EvalCaseInput, EvalCaseResult, ReportOfDeathEval
from workflows.death.policy import compare_plan, expected_steps
from workflows.plugin import make_langgraph_plugin

NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")
BORN = date(1944, 5, 6)
DIED = date.today() - timedelta(days=1)


def _request(bsn: str, surname: str = "Agent") -> DeathRequest:
    return DeathRequest(
        bsn=bsn,
        deceased=Deceased(geslachtsnaam=surname, geboortedatum=BORN),
        date_of_death=DIED,
        place_of_death="0363",
        manner=Manner.NATURAL,
        documents=Documents(verklaring_van_overlijden=True),
        disposal=Disposal(kind=DisposalKind.BEGRAVEN, date=DIED + timedelta(days=3)),
    )


async def _married(admin: AdminClient, new_adres, new_persoon, **fields: Any) -> tuple[str, str]:
    adres = await admin.create_adres(new_adres("0599"))
    object_id = adres.adresseerbaar_object_identificatie
    spouse = new_persoon(object_id, naam={"voornamen": "Riet", "geslachtsnaam": "Agent"})
    who = new_persoon(
        object_id,
        geboorte={"datum": BORN.isoformat()},
        partners=[spouse.burgerservicenummer],
        **fields,
    )
    await admin.create_persoon(who)
    await admin.create_persoon(spouse)
    return who.burgerservicenummer, spouse.burgerservicenummer


class Conversation:
    """The agent's loop without Temporal: a model turn, then a tool round, until a plan."""

    def __init__(self, registry: RegistryClient, request: DeathRequest) -> None:
        state = initial_state(request)
        self.registry = registry
        self.messages: list[BaseMessage] = list(coerce_messages(state["messages"]))
        self.facts: DeathFacts = read_facts(state)
        self.pseudonyms: Pseudonyms = read_pseudonyms(state)
        self.turn = 0

    async def say(self, calls: list[ToolCall]) -> list[str]:
        """Send one AI message with `calls`; returns the tool messages' texts."""
        self.turn += 1
        self.messages.append(AIMessage(content="", tool_calls=calls))
        round_ = await run_tool_calls(
            self.registry, self.facts, self.pseudonyms, calls, turn=self.turn
        )
        self.messages.extend(round_.messages)
        self.facts, self.pseudonyms = round_.facts, round_.pseudonyms
        self.plan = round_.plan
        return [str(m.content) for m in round_.messages]

    async def run_scripted(self) -> None:
        """Let the scripted planner play the model until it submits a plan."""
        for _ in range(6):
            reply = next_turn([SystemMessage(content=SYSTEM_PROMPT), *self.messages])
            await self.say(list(reply.tool_calls))
            if self.plan is not None:
                return
        raise AssertionError("the scripted planner made no plan")

    def wire_text(self) -> str:
        """Everything the model saw and said, as an endpoint would carry it."""
        return " ".join(f"{m.content} {getattr(m, 'tool_calls', '')}" for m in self.messages)


async def test_the_scripted_planner_plans_what_the_policy_calls_for_in_tokens_only(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    who, spouse = await _married(admin, new_adres, new_persoon, voertuigen=1)
    talk = Conversation(registry, _request(who))
    await talk.run_scripted()
    assert talk.plan is not None and talk.facts.missing() == []
    diff = compare_plan(expected_steps(talk.facts), talk.plan.steps)
    assert diff == {"missing": [], "unexpected": []}
    kinds = [s.kind for s in talk.plan.steps]
    assert StepKind.NOTIFY_RDW in kinds and StepKind.PARTNER_LETTER in kinds
    letter = next(s for s in talk.plan.steps if s.kind is StepKind.PARTNER_LETTER)
    assert letter.subject == spouse
    text = talk.wire_text()
    assert not NINE_DIGITS.findall(text), "no BSN, no object id reaches the model"
    assert "Agent" not in text and "Riet" not in text, "no name reaches the model"
    assert BORN.isoformat() not in text, "the date of birth travels as a token"
    assert "Sanne Agent" in talk.plan.caseworker_summary, "the summary is decoded for people"
    assert talk.turn == 3


async def test_the_tools_answer_only_about_the_case(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    who, _spouse = await _married(admin, new_adres, new_persoon)
    talk = Conversation(registry, _request(who))
    early = await talk.say(
        [
            ToolCall(name="lookup_relatives", args={"persons": ["PERSON_1"]}, id="a"),
            ToolCall(name="lookup_household", args={"address": "ADDRESS_1"}, id="b"),
            ToolCall(name="lookup_weather", args={"city": "Amsterdam"}, id="c"),
            ToolCall(name="lookup_deceased", args={"person": "PERSON_9"}, id="d"),
        ]
    )
    assert all(m.startswith(ERROR_PREFIX) for m in early)
    assert "Look up the deceased first" in early[0] and "Look up the deceased first" in early[1]
    assert "Unknown tool" in early[2] and "not a token of this case" in early[3]

    [found] = await talk.say(
        [ToolCall(name="lookup_deceased", args={"person": "PERSON_1"}, id="e")]
    )
    assert '"surname_matches_report":true' in found and '"partners":[{"person":"PERSON_2"' in found
    refused = await talk.say(
        [
            ToolCall(name="lookup_relatives", args={"persons": ["PERSON_1"]}, id="f"),
            ToolCall(name="lookup_toeslagen", args={"person": "PERSON_2"}, id="g"),
            ToolCall(name="submit_death_plan", args={"steps": []}, id="h"),
        ]
    )
    assert "not one of them: PERSON_1" in refused[0]
    assert "Only the deceased (PERSON_1)" in refused[1]
    assert refused[2].startswith(f"{ERROR_PREFIX}Invalid plan")


async def test_a_plan_is_accepted_only_on_complete_facts(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    who, _ = await _married(admin, new_adres, new_persoon)
    talk = Conversation(registry, _request(who))
    plan = {
        "steps": [{"kind": "draw_up_deed", "subject": "PERSON_1", "rationale": "akte"}],
        "caseworker_summary": "Overlijden.",
    }
    [early] = await talk.say([ToolCall(name="submit_death_plan", args=plan, id="p1")])
    assert "look these up first: lookup_deceased" in early
    await talk.run_scripted()
    stranger = {**plan, "steps": [{**plan["steps"][0], "subject": "PERSON_9"}]}
    [refused] = await talk.say([ToolCall(name="submit_death_plan", args=stranger, id="p2")])
    assert "PERSON_9 is not a token of this case" in refused
    [accepted] = await talk.say([ToolCall(name="submit_death_plan", args=plan, id="p3")])
    assert accepted == PLAN_ACCEPTED


def test_the_fake_endpoint_plays_the_death_agent_for_its_tools() -> None:
    fakes = agent_fakes()
    assert FAKE_AGENT in fakes
    body = {"tools": [{"function": {"name": name}} for name in TOOL_NAMES]}
    assert agent_for(fakes, body) is FAKE_AGENT
    others = [f for f in fakes if f is not FAKE_AGENT]
    for other in others:
        theirs = {"tools": [{"function": {"name": name}} for name in other.tools]}
        assert agent_for(fakes, theirs) is other


@pytest.mark.integration
async def test_a_misbehaving_model_never_breaks_the_death_agent(
    temporal_env: WorkflowEnvironment,
    registry: RegistryClient,
    admin: AdminClient,
    fake_endpoint: FakeEndpoint,
    new_adres: Callable[..., Any],
    new_persoon: Callable[..., Any],
) -> None:
    who, _ = await _married(admin, new_adres, new_persoon, toeslagen=["zorgtoeslag"])
    fake: FakeLlm = fake_endpoint.fake
    before = len(fake.captured)
    fake.queue(
        Misbehaviour.INVENTED_BSN,
        Misbehaviour.MALFORMED_ARGUMENTS,
        Misbehaviour.UNKNOWN_TOOL,
        Misbehaviour.RATE_LIMIT,
    )
    task_queue = f"death-agent-{uuid.uuid4()}"
    deps = AgentDeps(chat_model=fake_endpoint.chat_model(), registry=registry)
    async with Worker(
        temporal_env.client,
        task_queue=task_queue,
        workflows=[ReportOfDeathEval],
        activities=[FactActivities(registry).complete_facts],
        plugins=[make_langgraph_plugin(deps)],
    ):
        result = await temporal_env.client.execute_workflow(
            ReportOfDeathEval.run,
            EvalCaseInput(request=_request(who), reported_on=date.today(), max_turns=10),
            id=f"death-agent-{uuid.uuid4()}",
            task_queue=task_queue,
            result_type=EvalCaseResult,
        )
    fake.clear()
    outcome, verdict = result.outcome, result.verdict
    assert outcome.plan is not None, outcome.failure
    assert outcome.tool_errors >= 3 and outcome.usage.total_tokens > 0
    assert verdict.rules_fired == ["deed"]
    assert StepKind.NOTIFY_TOESLAGEN in [s.kind for s in outcome.plan.steps]
    bodies = " ".join(r.body for r in fake.captured[before:])
    assert "PERSON_1" in bodies
    bsns = {n for n in NINE_DIGITS.findall(bodies) if is_valid_bsn(n)}
    assert not bsns, "neither the deceased's BSN nor the invented one reached the endpoint"
    assert INVENTED_BSN not in bodies

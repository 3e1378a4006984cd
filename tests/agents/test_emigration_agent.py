"""The emigration agent: its tools and guardrails, pseudonyms, scripted planner and fake."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolCall

from agents.emigration.fake import FAKE_AGENT
from agents.emigration.names import ERROR_PREFIX, PLAN_ACCEPTED, SUBMIT_PLAN
from agents.emigration.scripted import next_turn
from agents.emigration.state import initial_state, read_facts, read_pseudonyms
from agents.emigration.tools import TOOL_NAMES, run_tool_calls, tool_definitions
from agents.fake_llm import agent_fakes, agent_for
from agents.messages import coerce_messages
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate, PersoonCreate
from workflows.emigration.domain import (
    EmigrationFacts,
    EmigrationPlan,
    EmigrationRequest,
    ForeignAddress,
    StepKind,
)

NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")
ABROAD = ForeignAddress(regel1="Rue de la Loi 16", regel2="1000 Brussel")


async def household(
    admin: AdminClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
) -> tuple[str, str, str]:
    """A reporter and her husband who leave, and a housemate who stays; their BSNs."""
    adres = new_adres("0363")
    await admin.create_adres(adres)
    home = adres.adresseerbaar_object_identificatie
    partner = new_persoon(home, naam={"voornamen": "Bram", "geslachtsnaam": "Quispel"})
    reporter = new_persoon(
        home,
        naam={"voornamen": "Wilhelmina", "geslachtsnaam": "Quispel"},
        partners=[partner.burgerservicenummer],
    )
    mate = new_persoon(home, naam={"voornamen": "Huib", "geslachtsnaam": "Genoot"})
    for persoon in (reporter, partner, mate):
        await admin.create_persoon(persoon)
    return reporter.burgerservicenummer, partner.burgerservicenummer, mate.burgerservicenummer


def request(reporter: str, *co_movers: str, country: str = "BE") -> EmigrationRequest:
    """The emigration of `reporter` (and `co_movers`) to `country` on 4 December 2026."""
    return EmigrationRequest(
        bsn=reporter,
        co_movers=list(co_movers),
        country=country,
        foreign_address=ABROAD,
        departure_date=date(2026, 12, 4),
    )


async def converse(
    registry: RegistryClient, wanted: EmigrationRequest, *, turns: int = 4
) -> tuple[list[BaseMessage], EmigrationFacts, EmigrationPlan | None]:
    """The scripted planner and the tool node talking, as the graph would let them."""
    state = initial_state(wanted, date(2026, 12, 4))
    messages = coerce_messages(state["messages"])
    facts, pseudonyms = read_facts(state), read_pseudonyms(state)
    for turn in range(1, turns + 1):
        reply = next_turn(messages)
        messages.append(reply)
        if not reply.tool_calls:
            return messages, facts, None
        done = await run_tool_calls(registry, facts, pseudonyms, reply.tool_calls, turn=turn)
        messages.extend(done.messages)
        facts, pseudonyms = done.facts, done.pseudonyms
        if done.plan is not None:
            return messages, facts, done.plan
    return messages, facts, None


async def test_the_scripted_planner_plans_from_registry_facts_in_tokens_only(
    admin: AdminClient,
    registry: RegistryClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
) -> None:
    reporter, partner, mate = await household(admin, new_adres, new_persoon)
    messages, facts, plan = await converse(registry, request(reporter, partner, country="AW"))

    assert plan is not None and facts.missing() == []
    assert messages[-1].content == PLAN_ACCEPTED
    assert [r.burgerservicenummer for r in facts.households[reporter]] == sorted(
        [reporter, partner, mate]
    )
    assert (StepKind.BRP_REGISTER_EMIGRATION, partner) in {(s.kind, s.subject) for s in plan.steps}
    message = plan.steps[-1]
    assert (message.kind, message.params) == (StepKind.CITIZEN_MESSAGE, {"kosteloos": True})
    assert plan.citizen_message.startswith("Beste Wilhelmina Quispel,")
    assert "Rue de la Loi 16, 1000 Brussel, Aruba" in plan.citizen_message
    assert "gratis" in plan.citizen_message
    # What the model read and wrote: tokens, never a BSN, a name or an address.
    sent = " ".join(str(m.content) for m in messages) + str(
        [m.tool_calls for m in messages if isinstance(m, AIMessage)]
    )
    assert NINE_DIGITS.findall(sent) == []
    assert "Quispel" not in sent and "Genoot" not in sent and "Rue de la Loi" not in sent
    assert "PERSON_3" in sent, "the housemate who stays is a token of their own"


async def test_the_tool_node_refuses_what_is_outside_the_case(
    admin: AdminClient,
    registry: RegistryClient,
    new_adres: Callable[..., AdresCreate],
    new_persoon: Callable[..., PersoonCreate],
) -> None:
    reporter, _partner, mate = await household(admin, new_adres, new_persoon)
    state = initial_state(request(reporter), date(2026, 12, 4))
    calls = [
        ToolCall(name="lookup_persons", args={"persons": ["PERSON_9"]}, id="a"),
        ToolCall(name="lookup_persons", args={"persons": [mate]}, id="b"),
        ToolCall(name="lookup_weather", args={"city": "Gent"}, id="c"),
        ToolCall(name="lookup_toeslagen", args={"people": ["PERSON_1"]}, id="d"),
        ToolCall(name=SUBMIT_PLAN, args={"steps": []}, id="e"),
        ToolCall(name="lookup_household", args={"persons": ["PERSON_1"]}, id="f"),
    ]
    done = await run_tool_calls(registry, read_facts(state), read_pseudonyms(state), calls, turn=1)
    errors = [m for m in done.messages if str(m.content).startswith(ERROR_PREFIX)]
    assert done.errors == len(errors) == 5 and done.plan is None
    assert all(NINE_DIGITS.search(str(m.content)) is None for m in done.messages)
    assert reporter in done.facts.households
    assert set(TOOL_NAMES) == {t["function"]["name"] for t in tool_definitions()}


def test_the_fake_endpoint_plays_this_agent_for_its_tools() -> None:
    fakes = agent_fakes()
    assert FAKE_AGENT in fakes
    body: dict[str, Any] = {"tools": tool_definitions()}
    assert agent_for(fakes, body) is FAKE_AGENT
    others = [f for f in fakes if f is not FAKE_AGENT]
    assert all(
        agent_for(fakes, {"tools": [{"function": {"name": n}} for n in f.tools]}) is f
        for f in others
    )

"""The intake assistant's parts without Temporal: redaction, dates, reading a citizen's text,
the tools' guardrails, and whole answers of the graph on the registry mocks."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from agents.deps import AgentDeps
from agents.intake.dates import date_in_words, find_date
from agents.intake.graph import build_intake_graph
from agents.intake.redaction import IdentifierKind, Redactions, Source, find_identifiers
from agents.intake.scripted import ScriptedIntake
from agents.intake.spec import CatalogueEntry, FoundAddress
from agents.intake.state import IntakeState, initial_state, read_end, read_redactions
from agents.intake.tools import ToolContext, run_tool_calls
from agents.intake.understanding import find_address, for_someone_else, wants_person
from burgerflow.registry.client import RegistryClient
from tests.support import asgi_client, in_process_mocks
from workflows.conversation.catalogue import intake_catalogue

TODAY = date(2026, 12, 1)
CITIZEN = "999993653"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("mijn BSN is 999990019", [IdentifierKind.BSN]),
        ("bsn 9999.90.019 en 999 990 019", [IdentifierKind.BSN, IdentifierKind.BSN]),
        ("bel 06-12345678, +31 6 1234 5678 of 020 123 4567", [IdentifierKind.PHONE] * 3),
        ("mail jan.de.vries+gemeente@example.nl", [IdentifierKind.EMAIL]),
        ("IBAN NL91 ABNA 0417 1643 00 of DE89370400440532013000", [IdentifierKind.IBAN] * 2),
        ("NL12 ABCD 0123 4567 89 (een tikfout in het controlegetal)", [IdentifierKind.IBAN]),
        ("Damrak 1, 1012 AB Amsterdam, per 15-12-2026, object 0363010000101201", []),
        ("123456789 is geen BSN (11-proef), 12345678 ook niet", []),
    ],
)
def test_identifiers_are_found(text: str, kinds: list[IdentifierKind]) -> None:
    assert [f.kind for f in find_identifiers(text)] == kinds


def test_tokens_stand_in_for_identifiers_and_are_restored() -> None:
    redactions = Redactions()
    assert redactions.sign_in(CITIZEN) == "BSN_1"
    text = f"Ik ({CITIZEN}) verhuis met 999990019; bel 0612345678 of mail a@b.nl"
    redacted = redactions.redact(text, Source.CITIZEN)
    assert redacted == "Ik (BSN_1) verhuis met BSN_2; bel PHONE_1 of mail EMAIL_1"
    assert redactions.restore(redacted) == text
    assert redactions.redact("en 111222333", Source.MODEL) == "en BSN_3"
    assert redactions.get("BSN_3") is not None
    assert redactions.get("BSN_3").source is Source.MODEL  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("per 15 december", date(2026, 12, 15)),
        ("op vijftien december", date(2026, 12, 15)),
        ("the fifteenth of December", date(2026, 12, 15)),
        ("December 15th, 2026", date(2026, 12, 15)),
        ("15-12-2026", date(2026, 12, 15)),
        ("2026-12-15", date(2026, 12, 15)),
        ("morgen", date(2026, 12, 2)),
        ("over twee weken", date(2026, 12, 15)),
        ("op 20 november verhuisd", date(2026, 11, 20)),
        ("15 januari", date(2027, 1, 15)),
        ("geen datum hier", None),
    ],
)
def test_dates_in_words(text: str, expected: date | None) -> None:
    assert find_date(text, TODAY) == expected


def test_dates_are_written_in_words() -> None:
    assert date_in_words(date(2026, 12, 15), "nl") == "15 december 2026"
    assert date_in_words(date(2026, 12, 15), "en") == "15 December 2026"


@pytest.mark.parametrize(
    ("text", "street", "number", "place", "postcode"),
    [
        (
            "Ik ga verhuizen naar Damrak 1 in Amsterdam per 15 december",
            "Damrak",
            1,
            "Amsterdam",
            None,
        ),
        ("naar de Kinkerstraat 12 A te Amsterdam", "Kinkerstraat", 12, "Amsterdam", None),
        (
            "I move to Admiraal de Ruijterweg 5-2, Amsterdam",
            "Admiraal de Ruijterweg",
            5,
            "Amsterdam",
            None,
        ),
        ("mijn nieuwe adres is 1012 ab 1", None, 1, None, "1012AB"),
        ("verhuizen naar Damrak 1", "Damrak", 1, None, None),
    ],
)
def test_addresses_as_citizens_write_them(
    text: str, street: str | None, number: int, place: str | None, postcode: str | None
) -> None:
    found = find_address(text, TODAY)
    assert found is not None
    assert (found.street, found.number, found.place, found.postcode) == (
        street,
        number,
        place,
        postcode,
    )


def test_intents() -> None:
    assert wants_person("Kan ik een medewerkr spreken?")
    assert wants_person("I want to talk to a real person")
    assert not wants_person("Ik ga verhuizen met mijn partner")
    assert for_someone_else("Meld een verhuizing voor BSN_2", "BSN_1")
    assert for_someone_else("namens mijn moeder", "BSN_1")
    assert not for_someone_else("Ik verhuis met BSN_2", "BSN_1")
    assert not for_someone_else("verhuizing voor BSN_1", "BSN_1")


def _context(
    registry: Any, redactions: Redactions, addresses: dict[str, FoundAddress]
) -> ToolContext:
    return ToolContext(
        registry=registry,
        entries=intake_catalogue(),
        redactions=redactions,
        citizen=CITIZEN,
        addresses=addresses,
        proposals=0,
        today=TODAY,
    )


async def test_a_proposal_takes_only_what_was_found_and_typed() -> None:
    redactions = Redactions()
    redactions.sign_in(CITIZEN)
    redactions.redact("met 999990019", Source.CITIZEN)
    redactions.redact("111222333", Source.MODEL)
    home = FoundAddress(postcode="1012AB", huisnummer=1, street="Damrak", place="Amsterdam")
    context = _context(None, redactions, {"ADDRESS_1": home})

    def call(slots: dict[str, Any]) -> Any:
        args = {"life_event": "change_of_address", "slots": slots}
        return {"name": "propose_report", "args": args, "id": "c1"}

    base = {"new_address": "ADDRESS_1", "move_date": "2026-12-15"}
    for slots, refusal in (
        ({**base, "new_address": "ADDRESS_9"}, "not the ref of an address you found"),
        ({**base, "co_movers": ["BSN_1"]}, "the citizen themselves"),
        ({**base, "co_movers": ["BSN_3"]}, "not a BSN the citizen gave"),
        ({**base, "move_date": "2027-06-01"}, "at most 28 days ahead"),
        ({"new_address": "ADDRESS_1"}, "missing slot: move_date"),
    ):
        round_ = await run_tool_calls(context, [call(slots)], message_prefix="t")
        assert round_.end is None and round_.errors == 1
        assert refusal in str(round_.messages[0].content), round_.messages[0].content
    round_ = await run_tool_calls(
        context, [call({**base, "co_movers": ["BSN_2"]})], message_prefix="t"
    )
    assert round_.end is not None and round_.end.proposal is not None
    report = round_.end.proposal.report
    assert report["bsn"] == CITIZEN and report["co_movers"] == ["999990019"]
    assert "999990019" not in str(round_.messages[0].content), "the model reads tokens only"


@pytest.fixture
async def registry(tmp_path) -> AsyncIterator[RegistryClient]:
    async with in_process_mocks(f"sqlite:///{tmp_path / 'mocks.db'}") as app:
        async with asgi_client(app) as http:
            yield RegistryClient(http)


async def _answer(graph: Any, state: IntakeState, text: str) -> IntakeState:
    redactions = read_redactions(state)
    number = state["message_number"] + 1
    message = HumanMessage(content=redactions.redact(text, Source.CITIZEN), id=f"citizen-{number}")
    prepared: Any = {
        **state,
        "messages": [*state["messages"], message],
        "redactions": redactions.model_dump(mode="json"),
        "message_number": number,
        "turns": 0,
        "end": None,
    }
    result: IntakeState = await graph.ainvoke(prepared, {"recursion_limit": 20})
    return result


async def test_the_graph_answers_a_move_in_words(registry: RegistryClient) -> None:
    deps = AgentDeps(chat_model=ScriptedIntake(), registry=registry)
    graph = build_intake_graph(deps, intake_catalogue).compile()
    state = await _answer(
        graph, initial_state(CITIZEN), "Ik ga verhuizen naar Damrak 1 in Amsterdam per 15 december"
    )
    end = read_end(state)
    assert end is not None and end.kind == "proposal" and end.proposal is not None
    assert end.proposal.report["new_address"]["postcode"] == "1012AB"
    lines = {line.label: line.text for line in end.proposal.lines["nl"]}
    assert lines["Nieuw adres"] == "Damrak 1, 1012 AB Amsterdam"
    assert all(CITIZEN not in str(m.content) for m in state["messages"])
    state = await _answer(graph, state, "Ik wil toch een medewerker")
    end = read_end(state)
    assert end is not None and (end.kind, end.handover) == ("handover", "asked_for_person")


async def test_entries_come_from_the_list() -> None:
    entries: list[CatalogueEntry] = intake_catalogue()
    assert [e.spec.life_event for e in entries] == ["change_of_address", "emigration"]
    assert entries[0].title["nl"] == "Verhuizing"

"""The look-up tools and `submit_plan`: tokens, scoping, validation and registry errors."""

import json
import re
from datetime import date

import httpx
import pytest
from langchain_core.messages import AIMessage, HumanMessage, InvalidToolCall, ToolCall

from agents.change_of_address.knowledge import Knowledge, read_conversation
from agents.change_of_address.planning import draft_plan
from agents.change_of_address.prompts import SYSTEM_PROMPT, render_request
from agents.change_of_address.tools import (
    ERROR_PREFIX,
    LOOKUPS,
    PLAN_ACCEPTED,
    SUBMIT_PLAN,
    TOOL_NAMES,
    run_tool_calls,
    tool_definitions,
)
from agents.change_of_address.views import request_view
from agents.pseudonyms import PseudonymKind, Pseudonyms
from burgerflow.registry.client import RegistryClient, RegistryUnavailable
from workflows.change_of_address.domain import MoveFacts, MoveRequest, NewAddress

REPORTER = "999993653"
PARTNER = "999990019"
STRANGER = "999990020"
REQUEST = MoveRequest(
    bsn=REPORTER,
    co_movers=[PARTNER],
    new_address=NewAddress(postcode="1012AB", huisnummer=1),
    move_date=date(2026, 12, 1),
)
NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


def tokens() -> Pseudonyms:
    """The case's tokens: PERSON_1 the reporter, PERSON_2 the partner, ADDRESS_1 the address."""
    pseudonyms = Pseudonyms()
    request_view(REQUEST, pseudonyms)
    return pseudonyms


def fake_registry(status_by_path: dict[str, int]) -> RegistryClient:
    """A registry whose look-ups answer `status_by_path[path]` (200 with small data otherwise)."""

    def handle(request: httpx.Request) -> httpx.Response:
        status = status_by_path.get(request.url.path, 200)
        if status != 200:
            problem = {"title": "Fout", "status": status, "code": "test"}
            return httpx.Response(status, json=problem)
        body = json.loads(request.content) if request.content else {}
        if request.url.path.endswith("/personen"):
            bsns = body.get("burgerservicenummer", [])
            return httpx.Response(
                200,
                json={
                    "type": body["type"],
                    "personen": [
                        {
                            "burgerservicenummer": b,
                            "naam": {"voornamen": "Daan", "geslachtsnaam": "Berg"},
                            "geboorte": {"datum": {"type": "Datum", "datum": "1988-06-14"}},
                            "leeftijd": 38,
                            "partners": [{"burgerservicenummer": PARTNER}],
                        }
                        for b in bsns
                        if b == REPORTER
                    ],
                },
            )
        if request.url.path.endswith("/adressen"):
            return httpx.Response(200, json={"_embedded": {"adressen": []}})
        bsn = body["burgerservicenummer"]
        return httpx.Response(200, json={"burgerservicenummer": bsn, "studiefinanciering": False})

    return RegistryClient(
        httpx.AsyncClient(transport=httpx.MockTransport(handle), base_url="http://fake")
    )


def call(name: str, args: dict[str, object], call_id: str = "c1") -> ToolCall:
    return ToolCall(name=name, args=args, id=call_id)


def every_lookup() -> list[ToolCall]:
    return [
        call("lookup_address", {"address": "ADDRESS_1"}, "a"),
        *(
            call(n, {"persons": ["PERSON_1", "PERSON_2"]}, n)
            for n in LOOKUPS
            if n != "lookup_address"
        ),
    ]


async def test_lookups_take_tokens_merge_facts_and_answer_in_tokens() -> None:
    registry = fake_registry({})
    calls = [
        call("lookup_persons", {"persons": ["PERSON_1", "PERSON_2"]}, "c1"),
        call("lookup_address", {"address": "ADDRESS_1"}, "c2"),
        call("lookup_studiefinanciering", {"persons": ["PERSON_1"]}, "c3"),
    ]
    result = await run_tool_calls(registry, MoveFacts(request=REQUEST), tokens(), calls, turn=1)

    assert [m.tool_call_id for m in result.messages] == ["c1", "c2", "c3"]
    assert all(m.status == "success" for m in result.messages)
    assert result.errors == 0
    # The facts are in the clear, for the policy ...
    assert list(result.facts.persons) == [REPORTER]
    # BRP does not know the partner: a fact, not an error.
    assert [(f.tool, f.subject, f.status) for f in result.facts.failures] == [
        ("lookup_persons", PARTNER, 404)
    ]
    assert result.facts.address is not None and result.facts.address.found is False
    assert result.facts.studiefinanciering[REPORTER].studiefinanciering is False
    assert result.plan is None
    # ... the answers to the model are in tokens: no BSN, name or date of birth.
    persons = json.loads(str(result.messages[0].content))
    assert persons["persons"][0]["person"] == "PERSON_1"
    assert persons["persons"][0]["birth_date"] == "BIRTHDATE_1"
    assert persons["persons"][0]["partners"] == [{"person": "PERSON_2"}]
    assert persons["failures"][0]["person"] == "PERSON_2"
    for message in result.messages:
        text = str(message.content)
        assert not NINE_DIGITS.search(text), text
        assert "Daan" not in text and "1988" not in text
    # The tokens and what they stand for stay on the worker.
    assert result.pseudonyms.get("PERSON_1") is not None
    assert result.pseudonyms.resolve("PERSON_1", PseudonymKind.PERSON).text == "Daan Berg"


async def test_registry_4xx_is_recorded_as_a_failure() -> None:
    registry = fake_registry({"/toeslagen/api/toeslagen/zoeken": 403})
    result = await run_tool_calls(
        registry,
        MoveFacts(request=REQUEST),
        tokens(),
        [call("lookup_toeslagen", {"persons": ["PERSON_1"]})],
        turn=1,
    )
    [message] = result.messages
    assert message.status == "success"
    failure_view = json.loads(str(message.content))["failures"][0]
    assert (failure_view["person"], failure_view["status"]) == ("PERSON_1", 403)
    [failure] = result.facts.failures
    assert (failure.tool, failure.subject, failure.status) == ("lookup_toeslagen", REPORTER, 403)
    assert REPORTER not in result.facts.toeslagen
    assert f"lookup_toeslagen:{REPORTER}" not in result.facts.missing()


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_registry_unavailable_raises_so_temporal_retries(status: int) -> None:
    registry = fake_registry({"/rdw/api/voertuigen/zoeken": status})
    with pytest.raises(RegistryUnavailable):
        await run_tool_calls(
            registry,
            MoveFacts(request=REQUEST),
            tokens(),
            [
                call("lookup_persons", {"persons": ["PERSON_1"]}, "c1"),
                call("lookup_voertuigen", {"persons": ["PERSON_1"]}, "c2"),
            ],
            turn=1,
        )


async def test_timeout_raises_registry_unavailable() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    registry = RegistryClient(
        httpx.AsyncClient(transport=httpx.MockTransport(handle), base_url="http://fake")
    )
    with pytest.raises(RegistryUnavailable):
        await run_tool_calls(
            registry,
            MoveFacts(request=REQUEST),
            tokens(),
            [call("lookup_belastingen", {"persons": ["PERSON_1"]})],
            turn=1,
        )


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("lookup_persons", {"persons": ["PERSON_9"]}, "PERSON_9 is not a token of this case"),
        ("lookup_persons", {"persons": [REPORTER]}, "is not a token of this case"),
        ("lookup_persons", {"persons": ["ADDRESS_1"]}, "ADDRESS_1 is not a person token"),
        ("lookup_persons", {"persons": []}, "Invalid arguments: persons"),
        ("lookup_persons", {"bsns": ["PERSON_1"]}, "Invalid arguments"),
        ("lookup_address", {"address": "ADDRESS_2"}, "Only the reported new address"),
        ("lookup_address", {"postcode": "1012AB"}, "address: Field required"),
        ("drop_tables", {}, "Unknown tool 'drop_tables'"),
        (SUBMIT_PLAN, {"steps": []}, "Invalid plan"),
    ],
)
async def test_bad_calls_are_answered_with_the_error_and_counted(
    name: str, args: dict[str, object], expected: str
) -> None:
    registry = fake_registry({})
    result = await run_tool_calls(
        registry, MoveFacts(request=REQUEST), tokens(), [call(name, args)], turn=3
    )
    [message] = result.messages
    assert message.status == "error"
    assert str(message.content).startswith(ERROR_PREFIX)
    assert expected in str(message.content)
    assert not NINE_DIGITS.search(str(message.content))
    assert message.tool_call_id == "c1" and message.name == name
    assert result.facts == MoveFacts(request=REQUEST)
    assert result.errors == 1


async def test_unknown_tool_error_names_the_registered_tools() -> None:
    result = await run_tool_calls(
        fake_registry({}),
        MoveFacts(request=REQUEST),
        tokens(),
        [call("lookup_weather", {})],
        turn=1,
    )
    assert all(name in str(result.messages[0].content) for name in TOOL_NAMES)


async def test_a_person_outside_the_case_is_refused_in_tokens() -> None:
    pseudonyms = tokens()
    stranger = pseudonyms.person(STRANGER)  # e.g. a BSN the model made up, scrubbed to a token
    result = await run_tool_calls(
        fake_registry({}),
        MoveFacts(request=REQUEST),
        pseudonyms,
        [call("lookup_persons", {"persons": ["PERSON_1", stranger]})],
        turn=1,
    )
    [message] = result.messages
    assert message.status == "error"
    assert f"not a mover: {stranger}." in str(message.content)
    assert STRANGER not in str(message.content)


async def test_arguments_that_are_not_json_are_answered_too() -> None:
    bad = InvalidToolCall(
        name="lookup_persons",
        args='{"persons": ["PERSON_1"',
        id="c9",
        error="Expecting ',' delimiter",
        type="invalid_tool_call",
    )
    result = await run_tool_calls(
        fake_registry({}),
        MoveFacts(request=REQUEST),
        tokens(),
        [call("lookup_studiefinanciering", {"persons": ["PERSON_1"]}, "c1")],
        invalid_calls=[bad],
        turn=2,
    )
    good, refused = result.messages
    assert good.status == "success" and good.tool_call_id == "c1"
    assert refused.status == "error" and refused.tool_call_id == "c9"
    assert "not valid JSON" in str(refused.content)
    assert result.errors == 1
    assert len({m.id for m in result.messages}) == 2


async def _gathered() -> tuple[MoveFacts, Pseudonyms, Knowledge]:
    """Every look-up done; what the tool node kept and what a model would know."""
    gathered = await run_tool_calls(
        fake_registry({}), MoveFacts(request=REQUEST), tokens(), every_lookup(), turn=1
    )
    assert gathered.facts.missing() == []
    conversation = [
        HumanMessage(content=render_request(request_view(REQUEST, Pseudonyms()))),
        AIMessage(content="", tool_calls=every_lookup()),
        *gathered.messages,
    ]
    knowledge = read_conversation(conversation)
    assert knowledge is not None and knowledge.missing() == []
    return gathered.facts, gathered.pseudonyms, knowledge


async def test_plan_is_refused_until_the_facts_are_complete() -> None:
    facts, pseudonyms, knowledge = await _gathered()
    plan = draft_plan(knowledge).model_dump(mode="json")
    early = await run_tool_calls(
        fake_registry({}), MoveFacts(request=REQUEST), pseudonyms, [call(SUBMIT_PLAN, plan)], turn=1
    )
    [message] = early.messages
    assert message.status == "error" and "look these up first" in str(message.content)
    # The missing look-ups are named by token, never by BSN.
    assert "lookup_persons:PERSON_1" in str(message.content)
    assert early.plan is None and early.plan_error is not None

    late = await run_tool_calls(
        fake_registry({}), facts, pseudonyms, [call(SUBMIT_PLAN, plan)], turn=2
    )
    assert late.messages[0].content == PLAN_ACCEPTED
    assert late.plan is not None and late.plan_error is None
    # Decoded on the worker: BSNs as subjects, the name in the texts.
    assert {s.subject for s in late.plan.steps} == {REPORTER}
    assert late.plan.citizen_message.startswith("Beste Daan Berg,")
    assert "huisnummer 1, 1012 AB" in late.plan.citizen_message
    assert "PERSON_" not in late.plan.citizen_message


async def test_plan_steps_may_only_concern_movers() -> None:
    facts, pseudonyms, knowledge = await _gathered()
    stranger = pseudonyms.person(STRANGER)
    plan = draft_plan(knowledge).model_dump(mode="json")
    plan["steps"][0]["subject"] = stranger
    result = await run_tool_calls(
        fake_registry({}), facts, pseudonyms, [call(SUBMIT_PLAN, plan)], turn=2
    )
    assert result.plan is None
    assert f"not a mover: {stranger}" in str(result.messages[0].content)
    assert STRANGER not in str(result.messages[0].content)
    assert result.plan_error is not None and STRANGER not in result.plan_error


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"citizen_message": "Beste PERSON_7,"}, "PERSON_7 is not a token of this case"),
        ({"citizen_message": "Beste PERSON_2,"}, "PERSON_2 has no known name"),
        ({"caseworker_summary": ""}, "caseworker_summary"),
    ],
)
async def test_plan_with_unknown_tokens_is_invalid(edit: dict[str, str], expected: str) -> None:
    facts, pseudonyms, knowledge = await _gathered()
    plan = {**draft_plan(knowledge).model_dump(mode="json"), **edit}
    result = await run_tool_calls(
        fake_registry({}), facts, pseudonyms, [call(SUBMIT_PLAN, plan)], turn=2
    )
    assert result.plan is None
    assert "Invalid plan" in str(result.messages[0].content)
    assert expected in str(result.messages[0].content)


def test_tool_definitions_are_self_contained_function_schemas_in_tokens() -> None:
    definitions = tool_definitions()
    names = [d["function"]["name"] for d in definitions]
    assert names == list(TOOL_NAMES)
    for definition in definitions:
        assert definition["type"] == "function"
        assert "$ref" not in json.dumps(definition)
    persons = definitions[0]["function"]["parameters"]
    assert list(persons["properties"]) == ["persons"]
    submit = definitions[-1]["function"]["parameters"]
    assert set(submit["required"]) >= {"steps", "caseworker_summary", "citizen_message"}
    subject = submit["properties"]["steps"]["items"]["properties"]["subject"]
    assert subject == {"type": "string"}
    # The schema is compact: the system prompt says a subject is a person token.
    assert "PERSON_n" in SYSTEM_PROMPT and "`subject`" in SYSTEM_PROMPT


async def test_refused_look_up_becomes_a_concern_in_the_scripted_plan() -> None:
    registry = fake_registry({"/toeslagen/api/toeslagen/zoeken": 403})
    gathered = await run_tool_calls(
        registry, MoveFacts(request=REQUEST), tokens(), every_lookup(), turn=1
    )
    knowledge = read_conversation(
        [
            HumanMessage(content=render_request(request_view(REQUEST, Pseudonyms()))),
            AIMessage(content="", tool_calls=every_lookup()),
            *gathered.messages,
        ]
    )
    assert knowledge is not None
    plan = draft_plan(knowledge)
    # The unknown partner is a policy gate (person_not_found), not a concern.
    assert [(c.topic, c.subject) for c in plan.concerns] == [
        ("lookup_failed", "PERSON_1"),
        ("lookup_failed", "PERSON_2"),
    ]
    assert "403" in plan.concerns[0].rationale

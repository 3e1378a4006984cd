"""The look-up tools and `submit_plan`: scoping, validation and registry errors."""

import json
from datetime import date

import httpx
import pytest
from langchain_core.messages import ToolCall

from agents.change_of_address.plan import MoveFacts, MoveRequest, NewAddress
from agents.change_of_address.tools import (
    LOOKUPS,
    SUBMIT_PLAN,
    facts_from_messages,
    run_tool_calls,
    tool_definitions,
)
from agents.providers.scripted import draft_move_plan
from registries_mock.client import RegistryClient, RegistryUnavailable

REPORTER = "999993653"
PARTNER = "999990019"
REQUEST = MoveRequest(
    reporter_bsn=REPORTER,
    co_mover_bsns=[PARTNER],
    new_address=NewAddress(postcode="1012AB", huisnummer=1),
    move_date=date(2026, 12, 1),
)


def fake_registry(status_by_path: dict[str, int]) -> RegistryClient:
    """A registry whose look-ups answer `status_by_path[path]` (200 with empty data otherwise)."""

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
                    "personen": [{"burgerservicenummer": b} for b in bsns if b == REPORTER],
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


async def test_lookups_merge_into_facts_and_messages_rebuild_them() -> None:
    registry = fake_registry({})
    calls = [
        call("lookup_persons", {"bsns": [REPORTER, PARTNER]}, "c1"),
        call("lookup_address", {"postcode": "1012 ab", "huisnummer": 1}, "c2"),
        call("lookup_studiefinanciering", {"bsns": [REPORTER]}, "c3"),
    ]
    result = await run_tool_calls(registry, MoveFacts(request=REQUEST), calls, turn=1)

    assert [m.tool_call_id for m in result.messages] == ["c1", "c2", "c3"]
    assert all(m.status == "success" for m in result.messages)
    assert list(result.facts.persons) == [REPORTER]
    # BRP does not know the partner: a fact, not an error.
    assert [(f.tool, f.subject, f.status) for f in result.facts.failures] == [
        ("lookup_persons", PARTNER, 404)
    ]
    assert result.facts.address is not None and result.facts.address.found is False
    assert result.facts.studiefinanciering[REPORTER].studiefinanciering is False
    assert result.plan is None
    assert facts_from_messages(REQUEST, result.messages) == result.facts


async def test_registry_4xx_is_recorded_as_a_failure() -> None:
    registry = fake_registry({"/toeslagen/api/toeslagen/zoeken": 403})
    result = await run_tool_calls(
        registry,
        MoveFacts(request=REQUEST),
        [call("lookup_toeslagen", {"bsns": [REPORTER]})],
        turn=1,
    )
    [message] = result.messages
    assert message.status == "success"
    assert json.loads(str(message.content))["failures"][0]["status"] == 403
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
            [
                call("lookup_persons", {"bsns": [REPORTER]}, "c1"),
                call("lookup_voertuigen", {"bsns": [REPORTER]}, "c2"),
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
            [call("lookup_belastingen", {"bsns": [REPORTER]})],
            turn=1,
        )


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("lookup_persons", {"bsns": ["999990020"]}, "Only the movers of this case"),
        ("lookup_persons", {"bsns": []}, "Invalid arguments: bsns"),
        ("lookup_persons", {"bsn": REPORTER}, "Invalid arguments"),
        ("lookup_address", {"postcode": "3011AA", "huisnummer": 1}, "Only the reported"),
        ("lookup_address", {"postcode": "1012AB"}, "huisnummer: Field required"),
        ("drop_tables", {}, "Unknown tool 'drop_tables'"),
        (SUBMIT_PLAN, {"steps": []}, "Invalid plan"),
    ],
)
async def test_bad_calls_become_tool_errors(
    name: str, args: dict[str, object], expected: str
) -> None:
    registry = fake_registry({})
    result = await run_tool_calls(registry, MoveFacts(request=REQUEST), [call(name, args)], turn=3)
    [message] = result.messages
    assert message.status == "error"
    assert expected in str(message.content)
    assert message.tool_call_id == "c1" and message.name == name
    assert result.facts == MoveFacts(request=REQUEST)


async def test_plan_is_refused_until_the_facts_are_complete() -> None:
    registry = fake_registry({})
    facts = MoveFacts(request=REQUEST)
    early = await run_tool_calls(
        registry,
        facts,
        [call(SUBMIT_PLAN, draft_move_plan(facts).model_dump(mode="json"))],
        turn=1,
    )
    [message] = early.messages
    assert message.status == "error" and "look these up first" in str(message.content)
    assert early.plan is None

    calls = [
        call("lookup_address", {"postcode": "1012AB", "huisnummer": 1}, "a"),
        *(
            call(name, {"bsns": [REPORTER, PARTNER]}, name)
            for name in LOOKUPS
            if name != "lookup_address"
        ),
    ]
    gathered = await run_tool_calls(registry, facts, calls, turn=1)
    assert gathered.facts.missing() == []
    plan = draft_move_plan(gathered.facts)
    late = await run_tool_calls(
        registry, gathered.facts, [call(SUBMIT_PLAN, plan.model_dump(mode="json"))], turn=2
    )
    assert late.plan == plan
    assert late.messages[0].content == "Plan accepted."


async def test_plan_steps_may_only_concern_movers() -> None:
    registry = fake_registry({})
    facts = MoveFacts(request=REQUEST)
    calls = [
        call("lookup_address", {"postcode": "1012AB", "huisnummer": 1}, "a"),
        *(call(n, {"bsns": [REPORTER, PARTNER]}, n) for n in LOOKUPS if n != "lookup_address"),
    ]
    gathered = await run_tool_calls(registry, facts, calls, turn=1)
    plan = draft_move_plan(gathered.facts).model_dump(mode="json")
    plan["steps"][0]["subject"] = "999990020"
    result = await run_tool_calls(registry, gathered.facts, [call(SUBMIT_PLAN, plan)], turn=2)
    assert result.plan is None
    assert "not a mover: 999990020" in str(result.messages[0].content)


def test_tool_definitions_are_self_contained_function_schemas() -> None:
    definitions = tool_definitions()
    names = [d["function"]["name"] for d in definitions]
    assert names == [*LOOKUPS, SUBMIT_PLAN]
    for definition in definitions:
        assert definition["type"] == "function"
        assert "$ref" not in json.dumps(definition)
    submit = definitions[-1]["function"]["parameters"]
    assert set(submit["required"]) >= {"steps", "caseworker_summary", "citizen_message"}


async def test_refused_look_up_becomes_a_concern_in_the_scripted_plan() -> None:
    registry = fake_registry({"/toeslagen/api/toeslagen/zoeken": 403})
    calls = [
        call("lookup_address", {"postcode": "1012AB", "huisnummer": 1}, "a"),
        *(call(n, {"bsns": [REPORTER, PARTNER]}, n) for n in LOOKUPS if n != "lookup_address"),
    ]
    gathered = await run_tool_calls(registry, MoveFacts(request=REQUEST), calls, turn=1)
    plan = draft_move_plan(gathered.facts)
    # The unknown partner is a policy gate (person_not_found), not a concern.
    assert [(c.topic, c.subject) for c in plan.concerns] == [
        ("lookup_failed", REPORTER),
        ("lookup_failed", PARTNER),
    ]
    assert "403" in plan.concerns[0].rationale

"""What each agent turn carries in the history: registry answers once, no growth per turn.

The model node's activity input holds the conversation and the tokens, never the registry
answers; a tool round's result holds only the answers it added. On a real Temporal dev
server the scripted change-of-address run shows it in its history; the graphs of every agent
are checked for the model node's input schema, and the facts reducer for old and new results.
"""

import json
from datetime import date
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from agents.change_of_address.graph import build_change_of_address_graph
from agents.change_of_address.scripted import ScriptedPlanner
from agents.channels import facts_delta, merge_facts
from agents.death.graph import build_death_graph
from agents.deps import AgentDeps
from agents.emigration.graph import build_emigration_graph
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from tests.agents.agent_workflows import AgentRunInput
from tests.agents.test_agent_temporal import MODEL, TOOLS, run_workflow
from workflows.change_of_address.domain import MoveRequest, NewAddress


@pytest.mark.parametrize(
    "build", [build_change_of_address_graph, build_emigration_graph, build_death_graph]
)
def test_the_model_node_reads_no_registry_answers(build: Any) -> None:
    graph = build()
    schema = graph.nodes["model"].input_schema
    assert "facts" not in schema.__annotations__
    assert {"messages", "pseudonyms", "turns"} <= set(schema.__annotations__)
    # The tool node still reads the whole state: it merges answers and checks the plan.
    assert "facts" in graph.nodes["tools"].input_schema.__annotations__


def test_merging_changes_gives_the_whole_facts_and_old_results_still_merge() -> None:
    start = {"request": {"bsn": "1"}, "persons": {}, "address": None, "failures": []}
    first = {**start, "persons": {"1": {"age": 40}}, "failures": [{"tool": "t", "subject": "1"}]}
    second = {
        **first,
        "persons": {"1": {"age": 40}, "2": {"age": 9}},
        "address": {"found": True},
        "failures": [{"tool": "t", "subject": "1"}, {"tool": "u", "subject": None}],
    }
    d1, d2 = facts_delta(start, first), facts_delta(first, second)
    assert d2 == {
        "persons": {"2": {"age": 9}},
        "address": {"found": True},
        "failures": [{"tool": "u", "subject": None}],
    }
    assert merge_facts(merge_facts(start, d1), d2) == second
    # Tool rounds recorded before returned the whole facts each time: same state.
    assert merge_facts(merge_facts(start, first), second) == second


async def _decoded(env: WorkflowEnvironment, attributes: Any) -> bytes:
    """The JSON of a payload as the data converter wrote it, before the payload codec."""
    payloads = list(attributes.payloads)
    codec = env.client.data_converter.payload_codec
    if codec is not None:
        payloads = await codec.decode(payloads)
    [payload] = payloads
    return bytes(payload.data)


@pytest.mark.integration
async def test_turns_carry_no_registry_answers_and_do_not_grow_beyond_their_messages(
    temporal_env: WorkflowEnvironment,
    registry: RegistryClient,
    admin: AdminClient,
    new_adres: Any,
    new_persoon: Any,
) -> None:
    old = await admin.create_adres(new_adres("0599"))
    new = await admin.create_adres(new_adres("0344"))
    mover = await admin.create_persoon(
        new_persoon(old.adresseerbaar_object_identificatie, toeslagen=["zorgtoeslag"], voertuigen=1)
    )
    request = MoveRequest(
        bsn=mover.burgerservicenummer,
        new_address=NewAddress(postcode=new.postcode, huisnummer=new.huisnummer),
        move_date=date(2026, 12, 1),
    )
    deps = AgentDeps(chat_model=ScriptedPlanner(), registry=registry)
    outcome, handle = await run_workflow(temporal_env, deps, AgentRunInput(request=request))
    assert outcome.plan is not None and outcome.facts.reporter is not None

    history = await handle.fetch_history()
    names: dict[int, str] = {}
    inputs: dict[str, list[Any]] = {MODEL: [], TOOLS: []}
    input_sizes: dict[str, list[int]] = {MODEL: [], TOOLS: []}
    results: dict[str, list[Any]] = {MODEL: [], TOOLS: []}
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            attributes = event.activity_task_scheduled_event_attributes
            names[event.event_id] = attributes.activity_type.name
            data = await _decoded(temporal_env, attributes.input)
            inputs[attributes.activity_type.name].append(json.loads(data))
            input_sizes[attributes.activity_type.name].append(len(data))
        elif event.HasField("activity_task_completed_event_attributes"):
            attributes = event.activity_task_completed_event_attributes
            name = names[attributes.scheduled_event_id]
            data = await _decoded(temporal_env, attributes.result)
            results[name].append(json.loads(data)["result"])

    # No registry answer in any model turn's input.
    for model_input in inputs[MODEL]:
        [state] = model_input["args"]
        assert "facts" not in state
        assert mover.burgerservicenummer not in json.dumps(state["messages"])
    # The second model turn's input grew by the messages of the first turn and its tool
    # round, and by nothing else.
    first, second = (i["args"][0] for i in inputs[MODEL])
    added = results[MODEL][0]["messages"] + results[TOOLS][0]["messages"]
    growth = input_sizes[MODEL][1] - input_sizes[MODEL][0]
    assert growth <= len(json.dumps(added)) + 200
    assert set(second) == set(first) | {"pending_lookups"}
    # Each registry answer is in the history once: the second round adds none of the first's.
    round_one, round_two = (r["facts"] for r in results[TOOLS])
    assert "persons" in round_one and mover.burgerservicenummer in round_one["persons"]
    assert "persons" not in round_two and "request" not in round_two
    # Model results carry the tokens only when a reply added one.
    assert all("pseudonyms" not in r for r in results[MODEL])

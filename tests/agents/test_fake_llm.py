"""The fake OpenAI-compatible endpoint, driven by the real `langchain-openai` client over HTTP.

Each misbehaviour is checked here on the wire as the client sees it; `test_misbehaviour.py`
runs each through a whole case on Temporal.
"""

from datetime import date
from typing import cast

import openai
import pytest
from langchain_core.exceptions import ModelRateLimitError, ModelTimeoutError
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agents.change_of_address.graph import build_change_of_address_graph
from agents.change_of_address.prompts import SYSTEM_PROMPT
from agents.change_of_address.runner import outcome_from_state
from agents.change_of_address.state import ChangeOfAddressState, initial_state
from agents.change_of_address.tools import tool_definitions
from agents.deps import AgentDeps
from agents.fake_llm import INVENTED_BSN, UNKNOWN_TOOL, Misbehaviour, messages_from_wire
from burgerflow.registry.client import RegistryClient
from tests.agents.conftest import FakeEndpoint
from workflows.change_of_address.domain import MoveRequest, NewAddress

REQUEST = MoveRequest(
    bsn="999993653",
    new_address=NewAddress(postcode="1012AB", huisnummer=1),
    move_date=date(2026, 12, 1),
)


async def ask(endpoint: FakeEndpoint, *, timeout_s: float = 10.0) -> AIMessage:
    """One model turn on the first message of a case (in tokens)."""
    model = endpoint.chat_model(timeout_s=timeout_s).bind_tools(tool_definitions())
    messages = [SystemMessage(content=SYSTEM_PROMPT), *initial_state(REQUEST)["messages"]]
    reply = await model.ainvoke(messages)
    assert isinstance(reply, AIMessage)
    return reply


async def test_a_well_behaved_answer_has_tool_calls_and_usage(fake_llm: FakeEndpoint) -> None:
    reply = await ask(fake_llm)
    assert [c["name"] for c in reply.tool_calls][:2] == ["lookup_address", "lookup_persons"]
    assert reply.tool_calls[0]["args"] == {"address": "ADDRESS_1"}
    assert reply.usage_metadata is not None and reply.usage_metadata["total_tokens"] > 0
    assert reply.response_metadata["finish_reason"] == "tool_calls"
    # What the client sent is the real wire format: tools and messages.
    last = fake_llm.fake.captured[-1]
    assert '"tools"' in last.body and '"role": "system"' in last.body.replace('":"', '": "')


async def test_malformed_arguments_arrive_as_an_invalid_tool_call(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.MALFORMED_ARGUMENTS)
    reply = await ask(fake_llm)
    [bad] = reply.invalid_tool_calls
    assert bad["name"] == "lookup_address" and bad["id"]
    assert [c["name"] for c in reply.tool_calls][0] == "lookup_persons"


async def test_unknown_tool(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.UNKNOWN_TOOL)
    reply = await ask(fake_llm)
    assert [c["name"] for c in reply.tool_calls] == [UNKNOWN_TOOL]


async def test_invented_bsn(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.INVENTED_BSN)
    reply = await ask(fake_llm)
    assert reply.tool_calls[0]["args"] == {"persons": [INVENTED_BSN]}


async def test_refusal(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.REFUSAL)
    reply = await ask(fake_llm)
    assert reply.tool_calls == [] and not reply.content
    assert "can't help" in reply.additional_kwargs["refusal"]


async def test_empty_content(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.EMPTY_CONTENT)
    reply = await ask(fake_llm)
    assert reply.tool_calls == [] and reply.content == ""


async def test_rate_limit_with_retry_after(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.RATE_LIMIT)
    with pytest.raises(ModelRateLimitError) as raised:
        await ask(fake_llm)
    # LangChain's provider-neutral error is also the OpenAI SDK's, with the response.
    assert isinstance(raised.value, openai.RateLimitError)
    response = raised.value.response
    assert response.status_code == 429
    assert response.headers["retry-after"] == str(fake_llm.fake.retry_after_seconds)


async def test_answer_slower_than_the_timeout(fake_llm: FakeEndpoint) -> None:
    fake_llm.fake.queue(Misbehaviour.SLOW)
    with pytest.raises(ModelTimeoutError):
        await ask(fake_llm, timeout_s=0.5)


def test_wire_messages_become_langchain_messages() -> None:
    messages = messages_from_wire(
        [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": [{"type": "text", "text": "hallo"}]},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "a",
                        "type": "function",
                        "function": {"name": "lookup_persons", "arguments": '{"persons": []}'},
                    },
                    {"id": "b", "type": "function", "function": {"name": "x", "arguments": "{"}},
                ],
            },
            {"role": "tool", "tool_call_id": "a", "content": "{}"},
        ]
    )
    system, user, ai, tool = messages
    assert isinstance(system, SystemMessage) and isinstance(user, HumanMessage)
    assert user.content == "hallo"
    assert isinstance(ai, AIMessage)
    assert [c["id"] for c in ai.tool_calls] == ["a"]  # the unreadable call is not a call
    assert tool.content == "{}"


async def test_the_scripted_planner_behind_the_endpoint_plans_a_move(
    fake_llm: FakeEndpoint, registry: RegistryClient, admin, new_adres, new_persoon
) -> None:
    old = await admin.create_adres(new_adres("0599"))
    new = await admin.create_adres(new_adres("0363"))
    mover = await admin.create_persoon(new_persoon(old.adresseerbaar_object_identificatie))
    request = MoveRequest(
        bsn=mover.burgerservicenummer,
        new_address=NewAddress(postcode=new.postcode, huisnummer=new.huisnummer),
        move_date=date(2026, 12, 1),
    )
    deps = AgentDeps(chat_model=fake_llm.chat_model(), registry=registry)
    final = await build_change_of_address_graph(deps).compile().ainvoke(initial_state(request))
    outcome = outcome_from_state(cast(ChangeOfAddressState, final))

    assert outcome.failure is None and outcome.turns == 2 and outcome.plan is not None
    assert [s.kind for s in outcome.plan.steps][0] == "brp_register_address"
    assert outcome.plan.steps[0].subject == mover.burgerservicenummer
    assert outcome.plan.citizen_message.startswith("Beste Sanne Agent,")
    assert outcome.usage.model_calls == 2 and outcome.usage.total_tokens > 0

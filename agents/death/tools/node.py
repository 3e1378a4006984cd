"""One round of tool calls: the look-ups concurrently, then any plan submission.

The node answers every call, in order, in tokens only. A call it refuses (unknown tool,
arguments that are not JSON or do not validate, out of scope, a rejected plan) is answered
with an error and counted; a registry's 4xx answer is a fact; a 5xx answer, a timeout or a
lost connection raises, so Temporal retries the activity.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import InvalidToolCall, ToolCall, ToolMessage
from pydantic import BaseModel

from agents.death.tools.args import ToolCallRejected, resolve_lookup_args
from agents.death.tools.lookups import RegistryLookups
from agents.death.tools.names import ERROR_PREFIX, LOOKUP_DECEASED, PLAN_ACCEPTED, SUBMIT_PLAN
from agents.death.tools.submission import accept_plan
from agents.death.tools.table import LOOKUPS, TOOL_NAMES, LookupTool
from agents.pseudonyms import Pseudonyms
from workflows.death.domain import DeathFacts, DeathPlan


@dataclass(frozen=True, slots=True)
class ToolRound:
    """What one round of tool calls produced.

    Attributes:
        messages: One tool message per call (valid calls first, then the invalid ones), in
            tokens only.
        facts: The facts with the round's results merged in.
        pseudonyms: The case's tokens, with the ones this round gave out.
        plan: The plan accepted in this round, if any.
        errors: Calls refused in this round.
        plan_error: Why a plan submitted in this round was rejected, if one was.
    """

    messages: list[ToolMessage]
    facts: DeathFacts
    pseudonyms: Pseudonyms
    plan: DeathPlan | None
    errors: int
    plan_error: str | None


def _tool_message(
    name: str, call_id: str, message_id: str, content: str, *, error: bool = False
) -> ToolMessage:
    return ToolMessage(
        content=f"{ERROR_PREFIX}{content}" if error else content,
        tool_call_id=call_id,
        name=name,
        id=message_id,
        status="error" if error else "success",
    )


async def run_tool_calls(
    registry: RegistryLookups,
    facts: DeathFacts,
    pseudonyms: Pseudonyms,
    calls: Sequence[ToolCall],
    *,
    invalid_calls: Sequence[InvalidToolCall] = (),
    turn: int,
) -> ToolRound:
    """Run one round of tool calls: the look-ups concurrently, then any `submit_death_plan`.

    Args:
        registry: The registry client.
        facts: The facts so far (not changed; the round works on a copy).
        pseudonyms: The case's tokens (not changed; the round works on a copy).
        calls: The tool calls of the model's last message.
        invalid_calls: Its calls whose arguments were not valid JSON; each is answered with
            an error, as an endpoint expects an answer to every call.
        turn: The model turn that made the calls; keeps generated message ids unique.

    Returns:
        The tool messages (in tokens), the merged facts, the tokens, the plan if one was
        accepted, and the number of refused calls.

    Raises:
        RegistryUnavailable: A registry answered 5xx, 408 or 429, timed out or was
            unreachable; the activity fails and Temporal retries it.
    """
    facts = facts.model_copy(deep=True)
    pseudonyms = pseudonyms.model_copy(deep=True)
    count = len(calls)
    call_ids = [call.get("id") or f"turn-{turn}-call-{i}" for i, call in enumerate(calls)]
    # Message ids by turn and position: providers may reuse tool-call ids across turns.
    message_ids = [f"tool-turn-{turn}-{i}" for i in range(count + len(invalid_calls))]
    messages: dict[int, ToolMessage] = {}
    pending: list[tuple[int, LookupTool, BaseModel]] = []
    submits: list[int] = []
    errors = 0

    def refuse(i: int, name: str, call_id: str, reason: str) -> None:
        nonlocal errors
        errors += 1
        messages[i] = _tool_message(name, call_id, message_ids[i], reason, error=True)

    for i, call in enumerate(calls):
        if call["name"] == SUBMIT_PLAN:
            submits.append(i)
            continue
        tool = LOOKUPS.get(call["name"])
        try:
            if tool is None:
                raise ToolCallRejected(
                    f"Unknown tool {call['name']!r}. The tools are: {', '.join(TOOL_NAMES)}."
                )
            resolved = resolve_lookup_args(tool.args_model, call["args"], facts, pseudonyms)
            pending.append((i, tool, resolved))
        except ToolCallRejected as error:
            refuse(i, call["name"], call_ids[i], str(error))

    outcomes = await asyncio.gather(
        *(tool.run(registry, args) for _, tool, args in pending), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    results = list(zip(pending, outcomes, strict=True))
    # The deceased first: their record gives out the tokens of partners, children and address.
    results.sort(key=lambda item: item[0][1].name != LOOKUP_DECEASED)
    for (i, tool, _), result in results:
        assert isinstance(result, BaseModel)
        tool.merge(facts, result)
        view = tool.view(result, pseudonyms)
        content = view.model_dump_json(exclude_defaults=True)
        messages[i] = _tool_message(tool.name, call_ids[i], message_ids[i], content)

    plan: DeathPlan | None = None
    plan_error: str | None = None
    for i in submits:
        try:
            if plan is not None:
                raise ToolCallRejected("A plan was already accepted in this turn.")
            plan = accept_plan(calls[i]["args"], facts, pseudonyms)
            messages[i] = _tool_message(SUBMIT_PLAN, call_ids[i], message_ids[i], PLAN_ACCEPTED)
        except ToolCallRejected as error:
            plan_error = pseudonyms.scrub(str(error))
            refuse(i, SUBMIT_PLAN, call_ids[i], str(error))

    for j, bad in enumerate(invalid_calls, start=count):
        name = bad.get("name") or "(no name)"
        refuse(
            j,
            name,
            bad.get("id") or f"turn-{turn}-call-{j}",
            f"The arguments of {name!r} are not valid JSON ({bad.get('error') or 'unreadable'}). "
            "Send the call again with a JSON object as arguments.",
        )

    ordered = [messages[i] for i in range(count + len(invalid_calls))]
    # Nothing but tokens goes back to the model: a registry's or the plan check's wording may
    # carry a BSN.
    scrubbed = [m.model_copy(update={"content": pseudonyms.scrub(str(m.content))}) for m in ordered]
    return ToolRound(
        messages=scrubbed,
        facts=facts,
        pseudonyms=pseudonyms,
        plan=plan,
        errors=errors,
        plan_error=plan_error,
    )

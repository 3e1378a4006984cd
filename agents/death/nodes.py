"""Nodes and routes of the death agent's graph.

`DeathNodes.call_model` and `DeathNodes.run_tools` run as Temporal activities. They are bound
methods of an object that holds the worker's `AgentDeps`: the plugin requires activity nodes
to be importable by module and qualified name, which rules out closures but allows methods of
a module-level class. `remind` and the routes run inside the workflow, so they are async (no
executor threads in the sandbox), pure and quick.

Guardrails live here. The model node sends only tokens (every message is scrubbed on its way
out, see `agents.pseudonyms`) and scrubs the reply before it is kept, so a BSN a model makes
up is never sent back to it. Endpoint errors become typed Temporal errors: rate limits (with
the endpoint's `Retry-After` as the next retry delay), timeouts and outages are retried,
refusals of the request itself are not. The tool node answers every call, also those with
arguments that are not JSON, and counts refused calls and rejected plans.
"""

from datetime import timedelta
from typing import Any

from langchain_core.exceptions import (
    ContextOverflowError,
    ModelAPIError,
    ModelAuthenticationError,
    ModelConnectionError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ModelPermissionDeniedError,
    ModelRateLimitError,
    ModelTimeoutError,
)
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage
from langgraph.graph import END
from temporalio.exceptions import ApplicationError

from agents.channels import ModelTurnInput, facts_delta
from agents.death.prompts import REMINDER, SYSTEM_PROMPT
from agents.death.state import (
    MAX_PLAN_ATTEMPTS,
    DeathAgentState,
    read_facts,
    read_pseudonyms,
    read_usage,
)
from agents.death.tools import pending_lookups, run_tool_calls, tool_definitions
from agents.death.tools.names import LOOKUP_DECEASED, REGISTER_LOOKUPS
from agents.deps import AgentConfigurationError, AgentDeps
from agents.messages import coerce_messages
from agents.pseudonyms import Pseudonyms
from agents.usage import usage_of

MODEL_REQUEST_REJECTED = "ModelRequestRejected"
"""Error type of a model request the endpoint refuses for good: retrying cannot help."""
MODEL_RATE_LIMITED = "ModelRateLimited"
"""Error type of a 429: retried, after the endpoint's `Retry-After` when it sends one."""
MODEL_TIMEOUT = "ModelTimeout"
"""Error type of a model request that took longer than `llm_timeout_s`: retried."""
MODEL_UNAVAILABLE = "ModelUnavailable"
"""Error type of a 5xx or an unreachable endpoint: retried."""

_REJECTED_REQUEST = (
    ModelAuthenticationError,
    ModelPermissionDeniedError,
    ModelInvalidRequestError,
    ModelNotFoundError,
    ContextOverflowError,
)

MAX_RETRY_AFTER = timedelta(minutes=5)
"""The longest `Retry-After` honoured; a longer one is capped (the retry policy decides)."""

FIRST_LOOKUPS = (LOOKUP_DECEASED, *REGISTER_LOOKUPS)
"""The look-ups a model is offered before any tool round: those that need no earlier answer
(the relatives and the household come from the deceased's record)."""

MODEL_NODE = "model"
TOOLS_NODE = "tools"
REMIND_NODE = "remind"


def retry_after(error: BaseException) -> timedelta | None:
    """The `Retry-After` of a rate-limited response, when the endpoint sent one in seconds."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None  # an HTTP date: leave the delay to the retry policy
    if seconds is None or seconds < 0:
        return None
    return min(timedelta(seconds=seconds), MAX_RETRY_AFTER)


def model_error(error: Exception) -> Exception:
    """The Temporal error for a failed model call, or `error` itself when it is not one.

    The endpoint's error is named in the message rather than chained: a chained SDK error
    drags its stack and causes along and can push the failure past Temporal's size limit.
    """
    described = f"{type(error).__name__}: {error}"
    if isinstance(error, _REJECTED_REQUEST):
        return ApplicationError(described, type=MODEL_REQUEST_REJECTED, non_retryable=True)
    if isinstance(error, ModelRateLimitError):
        return ApplicationError(
            f"The model endpoint is rate limited ({described})",
            type=MODEL_RATE_LIMITED,
            next_retry_delay=retry_after(error),
        )
    if isinstance(error, ModelTimeoutError):
        return ApplicationError(
            f"The model did not answer in time ({described})", type=MODEL_TIMEOUT
        )
    if isinstance(error, ModelAPIError | ModelConnectionError):
        return ApplicationError(
            f"The model endpoint is unavailable ({described})", type=MODEL_UNAVAILABLE
        )
    return error


def _scrub_message(message: AnyMessage, pseudonyms: Pseudonyms) -> AnyMessage:
    """`message` with `Pseudonyms.scrub` applied to its text and tool-call arguments."""
    update: dict[str, Any] = {}
    if isinstance(message.content, str):
        update["content"] = pseudonyms.scrub(message.content)
    else:
        update["content"] = pseudonyms.scrub_json(message.content)
    if isinstance(message, AIMessage):
        update["tool_calls"] = [
            {**call, "args": pseudonyms.scrub_json(call["args"])} for call in message.tool_calls
        ]
        update["invalid_tool_calls"] = [
            {**call, "args": pseudonyms.scrub(call["args"] or "")}
            for call in message.invalid_tool_calls
        ]
        update["additional_kwargs"] = pseudonyms.scrub_json(message.additional_kwargs)
    return message.model_copy(update=update)


class DeathNodes:
    """The activity nodes of the death agent's graph, bound to a worker's dependencies.

    Args:
        deps: The chat model and registry client; None in a process that only replays.
    """

    def __init__(self, deps: AgentDeps | None) -> None:
        self._deps = deps

    def _require_deps(self) -> AgentDeps:
        if self._deps is None:
            raise AgentConfigurationError(
                "The death agent's graph was built without AgentDeps; "
                "only a worker built with make_agent_deps(...) can run its activities."
            )
        return self._deps

    async def call_model(self, state: ModelTurnInput) -> dict[str, Any]:
        """One model turn: the conversation so far in (in tokens), one AI message out."""
        deps = self._require_deps()
        pseudonyms = read_pseudonyms(state)
        # The first turn is offered the look-ups only: no plan is accepted before them; and
        # before any tool round only `FIRST_LOOKUPS`.
        pending = state.get("pending_lookups")
        if pending is None:
            pending = list(FIRST_LOOKUPS)
        tools = tool_definitions(pending, plan=state["turns"] > 0)
        model = deps.chat_model.bind_tools(tools)
        conversation = [SystemMessage(content=SYSTEM_PROMPT), *coerce_messages(state["messages"])]
        # The state holds tokens only; scrubbing again guards against a BSN that slipped in.
        outgoing = [_scrub_message(m, pseudonyms) for m in conversation]
        try:
            reply = await model.ainvoke(outgoing)
        except Exception as error:
            raise model_error(error) from None
        turn = state["turns"] + 1
        if not isinstance(reply, AIMessage):
            reply = AIMessage(content=reply.content)
        # A BSN the model made up gets a token of its own before the reply is kept, so the
        # next prompt carries the token and the tool node can refuse it as out of scope.
        scrubbed = _scrub_message(reply, pseudonyms)
        assert isinstance(scrubbed, AIMessage)
        reply = scrubbed
        # Our own id, unique per turn: some endpoints reuse theirs, and `add_messages`
        # replaces a message whose id repeats.
        reply.id = f"model-turn-{turn}"
        update: dict[str, Any] = {
            "messages": [reply],
            "turns": turn,
            "usage": read_usage(state).add(usage_of(reply)).model_dump(mode="json"),
        }
        # The tokens travel back only when the reply added one (a BSN the model made up).
        tokens = pseudonyms.model_dump(mode="json")
        if tokens != state.get("pseudonyms"):
            update["pseudonyms"] = tokens
        return update

    async def run_tools(self, state: DeathAgentState) -> dict[str, Any]:
        """Run the tool calls of the last AI message against the registries.

        Look-up results are merged into `facts` and answered in tokens; a valid
        `submit_death_plan` call sets `plan`. Registry 4xx answers come back to the model as
        facts; unknown tools, invalid arguments and rejected plans as counted errors; 5xx
        answers and timeouts raise, so Temporal retries the activity.
        """
        deps = self._require_deps()
        messages = coerce_messages(state["messages"])
        last = messages[-1] if messages else None
        ai = last if isinstance(last, AIMessage) else AIMessage(content="")
        facts = read_facts(state)
        outcome = await run_tool_calls(
            deps.registry,
            facts,
            read_pseudonyms(state),
            ai.tool_calls,
            invalid_calls=ai.invalid_tool_calls,
            turn=state["turns"],
        )
        update: dict[str, Any] = {
            "messages": outcome.messages,
            # Only what this round added: the reducer folds it into the state's facts.
            "facts": facts_delta(
                facts.model_dump(mode="json"), outcome.facts.model_dump(mode="json")
            ),
            "pending_lookups": pending_lookups(outcome.facts.missing()),
            "tool_errors": state.get("tool_errors", 0) + outcome.errors,
        }
        tokens = outcome.pseudonyms.model_dump(mode="json")
        if tokens != state.get("pseudonyms"):
            update["pseudonyms"] = tokens
        if outcome.plan is not None:
            update["plan"] = outcome.plan.model_dump(mode="json")
        if outcome.plan_error is not None:
            update["plan_rejections"] = state.get("plan_rejections", 0) + 1
            update["plan_error"] = outcome.plan_error
        return update


async def remind(state: DeathAgentState) -> dict[str, Any]:
    """Ask the model again for tool calls after it answered in plain text (runs in the workflow)."""
    return {"messages": [HumanMessage(content=REMINDER, id=f"reminder-{state['turns']}")]}


def _budget_left(state: DeathAgentState) -> bool:
    return state["turns"] < state["max_turns"]


async def route_after_model(state: DeathAgentState) -> str:
    """Answer the tool calls (valid or not); remind a model that made none; stop when spent."""
    last = coerce_messages(state["messages"][-1:])
    if last and isinstance(last[0], AIMessage):
        if last[0].tool_calls or last[0].invalid_tool_calls:
            return TOOLS_NODE
    return REMIND_NODE if _budget_left(state) else END


async def route_after_tools(state: DeathAgentState) -> str:
    """End once a plan is accepted, a plan is rejected twice or the turn budget is spent."""
    if state.get("plan") is not None or not _budget_left(state):
        return END
    if state.get("plan_rejections", 0) >= MAX_PLAN_ATTEMPTS:
        return END
    return MODEL_NODE

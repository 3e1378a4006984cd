"""The death agent behind the fake OpenAI-compatible endpoint (`agents.fake_llm`).

The fake finds `FAKE_AGENT` here: the scripted planner's turns, and where this agent's calls
take a person or hold a plan, so the fake can slip in the mistakes real models make (a BSN
it made up, a plan with a step left out).
"""

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from agents.death.scripted import next_turn
from agents.death.tools.names import (
    LOOKUP_DECEASED,
    LOOKUP_RELATIVES,
    REGISTER_LOOKUPS,
    SUBMIT_PLAN,
)
from agents.death.tools.table import TOOL_NAMES


def _copy(args: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(args))
    return copied


class FakePlanner:
    """The fake's side of the death agent (see `agents.fake_llm.FakeAgent`)."""

    tools: frozenset[str] = frozenset(TOOL_NAMES)
    """The agent's tools: a request that offers them is this agent's."""

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The scripted planner's reply."""
        return next_turn(messages)

    def person_lookup(self, person: str) -> tuple[str, dict[str, Any]]:
        """A BRP look-up of one person: a tool name and its arguments."""
        return LOOKUP_DECEASED, {"person": person}

    def with_person(self, call: dict[str, Any], person: str) -> dict[str, Any] | None:
        """`call` about `person` instead: a plan's first step, or a look-up."""
        if call["name"] == SUBMIT_PLAN:
            args = _copy(call["args"])
            args["steps"][0]["subject"] = person
            return {**call, "args": args}
        if call["name"] in (LOOKUP_DECEASED, *REGISTER_LOOKUPS):
            return {**call, "args": {"person": person}}
        if call["name"] == LOOKUP_RELATIVES:
            return {**call, "args": {"persons": [person]}}
        return None

    def without_a_step(self, call: dict[str, Any]) -> dict[str, Any] | None:
        """A plan with its second step left out, when it has more than two."""
        if call["name"] == SUBMIT_PLAN and len(call["args"]["steps"]) > 2:
            args = _copy(call["args"])
            del args["steps"][1]
            return {**call, "args": args}
        return None


FAKE_AGENT = FakePlanner()
"""What the fake endpoint plays for this agent."""

"""The intake assistant behind the fake OpenAI-compatible endpoint (`agents.fake_llm`).

The fake finds `FAKE_AGENT` here: the scripted assistant's turns, and where its calls take a
person or hold something to spoil, so the fake can slip in the mistakes real models make (a
BSN it made up among the people who move along, a proposal with a slot left out).
"""

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from agents.intake.scripted import next_turn
from agents.intake.tools import PROPOSE_REPORT, SEARCH_ADDRESS, TOOL_NAMES


def _copy(args: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(args))
    return copied


class FakeIntake:
    """The fake's side of the intake assistant (see `agents.fake_llm.FakeAgent`)."""

    tools: frozenset[str] = TOOL_NAMES
    """The assistant's tools: a request that offers them is this agent's."""

    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The scripted assistant's reply."""
        return next_turn(messages)

    def person_lookup(self, person: str) -> tuple[str, dict[str, Any]]:
        """A search that names a person where an address goes (BAG finds nothing)."""
        return SEARCH_ADDRESS, {"street": person, "number": 1, "place": person}

    def with_person(self, call: dict[str, Any], person: str) -> dict[str, Any] | None:
        """A proposal with `person` among the people of its first persons-like slot."""
        if call["name"] != PROPOSE_REPORT:
            return None
        args = _copy(call["args"])
        slots = args.setdefault("slots", {})
        lists = [name for name, value in slots.items() if isinstance(value, list)]
        slots[lists[0] if lists else "people"] = [person]
        return {**call, "args": args}

    def without_a_step(self, call: dict[str, Any]) -> dict[str, Any] | None:
        """A proposal with its last slot left out."""
        if call["name"] != PROPOSE_REPORT or not call["args"].get("slots"):
            return None
        args = _copy(call["args"])
        last = list(args["slots"])[-1]
        del args["slots"][last]
        return {**call, "args": args}


FAKE_AGENT = FakeIntake()
"""What the fake endpoint plays for this agent."""

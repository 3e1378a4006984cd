"""Chat models that misbehave on purpose, for the agent gates."""

import asyncio
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from agents.change_of_address.scripted import ScriptedPlanner, next_turn
from agents.change_of_address.tools import SUBMIT_PLAN


class ConcernedPlanner(ScriptedPlanner):
    """The scripted planner, but every plan it submits carries a concern."""

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        reply = next_turn(messages)
        for call in reply.tool_calls:
            if call["name"] == SUBMIT_PLAN:
                call["args"]["concerns"] = [
                    {
                        "topic": "household",
                        "rationale": "Vijf verhuizingen naar dit adres in een maand.",
                    }
                ]
        return ChatResult(generations=[ChatGeneration(message=reply)])


class SilentPlanner(ScriptedPlanner):
    """A model that never calls a tool: the agent runs out of turns without a plan."""

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        turn = sum(isinstance(m, AIMessage) for m in messages) + 1
        reply = AIMessage(content="Ik weet het niet.", id=f"silent-{turn}")
        return ChatResult(generations=[ChatGeneration(message=reply)])


class LetterPlanner(ScriptedPlanner):
    """The scripted planner, but the letter it drafts ends with `extra` (what a model might
    make up)."""

    extra: str = ""

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        reply = next_turn(messages)
        for call in reply.tool_calls:
            if call["name"] == SUBMIT_PLAN:
                letter = str(call["args"]["citizen_message"])
                body, sep, closing = letter.rpartition("\n\nMet vriendelijke groet,")
                call["args"]["citizen_message"] = (
                    f"{body}\n\n{self.extra}{sep}{closing}" if sep else f"{letter}\n{self.extra}"
                )
        return ChatResult(generations=[ChatGeneration(message=reply)])


class SlowPlanner(ScriptedPlanner):
    """The scripted planner, taking `seconds` over every turn (a slow model endpoint)."""

    seconds: float = 2.0

    async def _agenerate(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> ChatResult:
        await asyncio.sleep(self.seconds)
        return ChatResult(generations=[ChatGeneration(message=next_turn(messages))])

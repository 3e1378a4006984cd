"""What the model is offered of an agent's tool table: the look-ups still to do and the plan tool.

Each agent keeps its own table (`LOOKUPS`, its plan tool and plan schema); a `ToolMenu` over
that table gives the agent's `tool_definitions` and `pending_lookups`.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel

from agents.schemas import function_schema


class LookupDefinition(Protocol):
    """A look-up tool as the menu needs it: its name and its schema for the model."""

    @property
    def name(self) -> str:
        """Tool name."""
        ...

    def definition(self) -> dict[str, Any]:
        """The tool as an OpenAI function schema."""
        ...


@dataclass(frozen=True, slots=True)
class ToolMenu:
    """An agent's look-ups, in table order, and its plan tool.

    Attributes:
        lookups: The look-up tools by name, in the order the model is shown them.
        plan_name: Name of the plan tool.
        plan_description: What the model is told the plan tool is for.
        plan_model: The plan's arguments as the model sends them.
    """

    lookups: Mapping[str, LookupDefinition]
    plan_name: str
    plan_description: str
    plan_model: type[BaseModel]

    def definitions(
        self, pending: Collection[str] | None = None, *, plan: bool = True
    ) -> list[dict[str, Any]]:
        """The agent's tools as OpenAI function schemas, the plan tool last.

        Args:
            pending: The look-ups still to do (tool names); only those are offered, with the
                plan tool. None offers every look-up.
            plan: Whether to offer the plan tool.
        """
        lookups = [
            tool.definition()
            for tool in self.lookups.values()
            if pending is None or tool.name in pending
        ]
        return lookups + (
            [function_schema(self.plan_name, self.plan_description, self.plan_model)]
            if plan
            else []
        )

    def pending(self, missing: Iterable[str]) -> list[str]:
        """The tool names of `missing` look-ups (`tool` or `tool:BSN`), in table order."""
        names = {item.partition(":")[0] for item in missing}
        return [name for name in self.lookups if name in names]

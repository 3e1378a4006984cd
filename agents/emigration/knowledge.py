"""What the scripted planner knows of an emigration: what it read in the conversation.

It reads the request from the first message and every successful look-up result that follows
(in tokens), as a model behind an endpoint would; the fake endpoint can therefore play it.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage
from pydantic import BaseModel, ValidationError

from agents.emigration.names import ERROR_PREFIX, LOOKUP_PERSONS, LOOKUPS_IN_ORDER
from agents.emigration.prompts import parse_request_block
from agents.emigration.tools import LOOKUPS
from agents.emigration.views import (
    BenefitsResultView,
    FailureView,
    HouseholdsView,
    PermitsResultView,
    PersonsView,
    PersonView,
    RequestView,
    StudentFinanceResultView,
    TaxesResultView,
    VehiclesResultView,
)
from agents.scripted import call_names, is_error, tool_name


@dataclass
class Knowledge:
    """What the planner read: the request and every look-up result, per mover's token.

    Attributes:
        request: The reported emigration.
        results: Per look-up, the results by mover token (`PersonView`, `HouseholdView`, ...).
        failures: Look-ups the registries refused, and movers BRP does not know.
    """

    request: RequestView
    results: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {name: {} for name in LOOKUPS_IN_ORDER}
    )
    failures: list[FailureView] = field(default_factory=list)

    @property
    def movers(self) -> list[str]:
        """The movers' tokens, the reporter first, without duplicates."""
        return list(dict.fromkeys([self.request.reporter, *self.request.co_movers]))

    @property
    def persons(self) -> dict[str, PersonView]:
        """The movers BRP knows, by token."""
        return self.results[LOOKUP_PERSONS]

    def get(self, lookup: str, token: str) -> Any:
        """What `lookup` returned for the mover `token` (None when nothing)."""
        return self.results[lookup].get(token)

    def learn(self, tool: str, view: BaseModel) -> None:
        """Merge one tool result into what is known."""
        if isinstance(view, PersonsView):
            self.persons.update({p.person: p for p in view.persons})
        elif isinstance(
            view,
            HouseholdsView
            | BenefitsResultView
            | StudentFinanceResultView
            | VehiclesResultView
            | TaxesResultView
            | PermitsResultView,
        ):
            self.results[tool].update({r.person: r for r in view.results})
        known = {(f.lookup, f.person) for f in self.failures}
        for failure in getattr(view, "failures", []):
            if (failure.lookup, failure.person) not in known:
                self.failures.append(failure)
                known.add((failure.lookup, failure.person))

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool:TOKEN` (like `EmigrationFacts.missing`)."""
        failed = {(f.lookup, f.person) for f in self.failures}
        return [
            f"{tool}:{token}"
            for tool in LOOKUPS_IN_ORDER
            for token in self.movers
            if token not in self.results[tool] and (tool, token) not in failed
        ]


def is_tool_error(message: ToolMessage) -> bool:
    """Whether a tool message is the tool node's error rather than a result."""
    return is_error(message, ERROR_PREFIX)


def read_conversation(messages: Sequence[BaseMessage]) -> Knowledge | None:
    """What a conversation tells about the emigration, or None when it holds no request.

    Only successful look-up results count; errors and results that do not parse are skipped.
    """
    request: RequestView | None = None
    for message in messages:
        if isinstance(message, HumanMessage) and isinstance(message.content, str):
            data = parse_request_block(message.content)
            if data is not None:
                try:
                    request = RequestView.model_validate(data)
                except ValidationError:
                    return None
                break
    if request is None:
        return None
    knowledge = Knowledge(request=request)
    names = call_names(messages)
    for message in messages:
        if not isinstance(message, ToolMessage) or is_tool_error(message):
            continue
        tool = LOOKUPS.get(tool_name(message, names) or "")
        if tool is None:
            continue
        try:
            view = tool.view_model.model_validate(json.loads(str(message.content)))
        except (ValueError, ValidationError):
            continue
        knowledge.learn(tool.name, view)
    return knowledge

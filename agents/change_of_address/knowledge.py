"""What the scripted planner knows of a move: the request and the tool results it has read.

The planner reads only the conversation, as a model would: the request from the first
message, the facts from the successful tool results. So it knows the move in tokens
(`PERSON_1`, `ADDRESS_1`), never a BSN, a name or an address, and relies on nothing a
chat-completions endpoint would not carry (no message names, no tool message status).
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage
from pydantic import BaseModel, ValidationError

from agents.change_of_address.prompts import parse_request_block
from agents.change_of_address.tools.names import (
    ERROR_PREFIX,
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    PER_MOVER_LOOKUPS,
)
from agents.change_of_address.tools.table import LOOKUPS
from agents.change_of_address.views import (
    AddressView,
    BenefitsResultView,
    BenefitsView,
    FailureView,
    PermitsResultView,
    PermitsView,
    PersonsView,
    PersonView,
    RequestView,
    StudentFinanceResultView,
    StudentFinanceView,
    TaxesResultView,
    TaxesView,
    VehiclesResultView,
    VehiclesView,
)
from agents.scripted import call_names, is_error, tool_name


@dataclass
class Knowledge:
    """What the planner learned from a conversation: the request and the tool results."""

    request: RequestView
    persons: dict[str, PersonView] = field(default_factory=dict)
    address: AddressView | None = None
    benefits: dict[str, BenefitsView] = field(default_factory=dict)
    student_finance: dict[str, StudentFinanceView] = field(default_factory=dict)
    vehicles: dict[str, VehiclesView] = field(default_factory=dict)
    taxes: dict[str, TaxesView] = field(default_factory=dict)
    permits: dict[str, PermitsView] = field(default_factory=dict)
    failures: list[FailureView] = field(default_factory=list)

    @property
    def movers(self) -> list[str]:
        """The movers' tokens, the reporter first, without duplicates."""
        return list(dict.fromkeys([self.request.reporter, *self.request.co_movers]))

    def _fail(self, failures: Sequence[FailureView]) -> None:
        known = {(f.lookup, f.person) for f in self.failures}
        for failure in failures:
            if (failure.lookup, failure.person) not in known:
                self.failures.append(failure)
                known.add((failure.lookup, failure.person))

    def learn(self, tool: str, view: BaseModel) -> None:
        """Merge one tool result into what is known."""
        per_person: dict[str, dict[str, Any]] = {
            LOOKUP_TOESLAGEN: self.benefits,
            LOOKUP_STUDIEFINANCIERING: self.student_finance,
            LOOKUP_VOERTUIGEN: self.vehicles,
            LOOKUP_BELASTINGEN: self.taxes,
            LOOKUP_PARKEERVERGUNNINGEN: self.permits,
        }
        if isinstance(view, PersonsView):
            self.persons.update({p.person: p for p in view.persons})
        elif isinstance(view, AddressView):
            self.address = view
        elif isinstance(
            view,
            BenefitsResultView
            | StudentFinanceResultView
            | VehiclesResultView
            | TaxesResultView
            | PermitsResultView,
        ):
            per_person[tool].update({r.person: r for r in view.results})
        failures = getattr(view, "failures", [])
        self._fail(failures)

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool` or `tool:TOKEN` (like `MoveFacts.missing`)."""
        failed = {(f.lookup, f.person) for f in self.failures}
        todo: list[str] = []
        if self.address is None and (LOOKUP_ADDRESS, None) not in failed:
            todo.append(LOOKUP_ADDRESS)
        done: dict[str, dict[str, Any]] = {
            LOOKUP_PERSONS: self.persons,
            LOOKUP_TOESLAGEN: self.benefits,
            LOOKUP_STUDIEFINANCIERING: self.student_finance,
            LOOKUP_VOERTUIGEN: self.vehicles,
            LOOKUP_BELASTINGEN: self.taxes,
            LOOKUP_PARKEERVERGUNNINGEN: self.permits,
        }
        for tool in PER_MOVER_LOOKUPS:
            todo.extend(
                f"{tool}:{token}"
                for token in self.movers
                if token not in done[tool] and (tool, token) not in failed
            )
        return todo


def is_tool_error(message: ToolMessage) -> bool:
    """Whether a tool message is the tool node's error rather than a result."""
    return is_error(message, ERROR_PREFIX)


def read_conversation(messages: Sequence[BaseMessage]) -> Knowledge | None:
    """What a conversation tells about the move, or None when it holds no request.

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

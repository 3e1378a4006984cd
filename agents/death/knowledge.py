"""What the scripted planner knows of a death: the request and the tool results it has read.

The planner reads only the conversation, as a model would: the request from the first
message, the facts from the successful tool results. So it knows the death in tokens
(`PERSON_1`, `ADDRESS_1`), never a BSN, a name or an address, and relies on nothing a
chat-completions endpoint would not carry (no message names, no tool message status).
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage
from pydantic import BaseModel, ValidationError

from agents.death.prompts import parse_request_block
from agents.death.tools.names import (
    ERROR_PREFIX,
    LOOKUP_BELASTINGEN,
    LOOKUP_DECEASED,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_RELATIVES,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    REGISTER_LOOKUPS,
)
from agents.death.tools.table import LOOKUPS
from agents.death.views import (
    BenefitsView,
    DeceasedView,
    FailureView,
    HouseholdView,
    PermitsView,
    RelativesView,
    RelativeView,
    RequestView,
    StudentFinanceView,
    TaxesView,
    VehiclesView,
)
from agents.scripted import call_names, is_error, tool_name


@dataclass
class Knowledge:
    """What the planner learned from a conversation: the request and the tool results."""

    request: RequestView
    deceased: DeceasedView | None = None
    relatives: dict[str, RelativeView] = field(default_factory=dict)
    household: HouseholdView | None = None
    benefits: BenefitsView | None = None
    student_finance: StudentFinanceView | None = None
    vehicles: VehiclesView | None = None
    taxes: TaxesView | None = None
    permits: PermitsView | None = None
    failures: list[FailureView] = field(default_factory=list)

    def _fail(self, failures: Sequence[FailureView]) -> None:
        known = {(f.lookup, f.person) for f in self.failures}
        for failure in failures:
            if (failure.lookup, failure.person) not in known:
                self.failures.append(failure)
                known.add((failure.lookup, failure.person))

    def learn(self, view: BaseModel) -> None:
        """Merge one tool result into what is known."""
        if isinstance(view, DeceasedView):
            self.deceased = view
        elif isinstance(view, RelativesView):
            self.relatives.update({r.person: r for r in view.relatives})
        elif isinstance(view, HouseholdView):
            self.household = view
        elif isinstance(view, BenefitsView):
            self.benefits = view
        elif isinstance(view, StudentFinanceView):
            self.student_finance = view
        elif isinstance(view, VehiclesView):
            self.vehicles = view
        elif isinstance(view, TaxesView):
            self.taxes = view
        elif isinstance(view, PermitsView):
            self.permits = view
        self._fail(getattr(view, "failures", []))

    def relatives_needed(self) -> list[str]:
        """The tokens of the deceased's partners and of their minors' other custody holders."""
        deceased = self.deceased
        if deceased is None or not deceased.found:
            return []
        wanted = [p.person for p in deceased.partners]
        for custody in deceased.custody:
            wanted.extend(h for h in custody.holders if h != deceased.person)
        return [t for t in dict.fromkeys(wanted) if t != self.request.deceased]

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool` or `tool:TOKEN` (like `DeathFacts.missing`)."""
        failed = {(f.lookup, f.person) for f in self.failures}
        who = self.request.deceased
        todo: list[str] = []
        if self.deceased is None and (LOOKUP_DECEASED, who) not in failed:
            todo.append(LOOKUP_DECEASED)
        todo.extend(
            f"{LOOKUP_RELATIVES}:{t}"
            for t in self.relatives_needed()
            if t not in self.relatives and (LOOKUP_RELATIVES, t) not in failed
        )
        address = self.deceased.address if self.deceased else None
        if address and self.household is None and (LOOKUP_HOUSEHOLD, None) not in failed:
            todo.append(LOOKUP_HOUSEHOLD)
        answers: dict[str, BaseModel | None] = {
            LOOKUP_TOESLAGEN: self.benefits,
            LOOKUP_STUDIEFINANCIERING: self.student_finance,
            LOOKUP_VOERTUIGEN: self.vehicles,
            LOOKUP_BELASTINGEN: self.taxes,
            LOOKUP_PARKEERVERGUNNINGEN: self.permits,
        }
        todo.extend(
            tool for tool in REGISTER_LOOKUPS if answers[tool] is None and (tool, who) not in failed
        )
        return todo


def is_tool_error(message: ToolMessage) -> bool:
    """Whether a tool message is the tool node's error rather than a result."""
    return is_error(message, ERROR_PREFIX)


def read_conversation(messages: Sequence[BaseMessage]) -> Knowledge | None:
    """What a conversation tells about the death, or None when it holds no request.

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
        knowledge.learn(view)
    return knowledge

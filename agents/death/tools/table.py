"""The tool table: every tool the model is shown, and how each look-up runs, merges and shows.

The model sees each tool as a JSON schema (`tool_definitions`); the tool node and the
fallback that completes the facts find a look-up's code here by its name (`LOOKUPS`).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from agents.death.tools.answers import (
    benefits_answer,
    deceased_answer,
    household_answer,
    permits_answer,
    relatives_answer,
    student_finance_answer,
    taxes_answer,
    vehicles_answer,
)
from agents.death.tools.args import AddressArgs, PersonArgs, PersonsArgs
from agents.death.tools.lookups import (
    BelastingenResult,
    DeceasedResult,
    HouseholdResult,
    ParkeervergunningenResult,
    RegistryLookups,
    RelativesResult,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
    fetch_belastingen,
    fetch_deceased,
    fetch_household,
    fetch_parkeervergunningen,
    fetch_relatives,
    fetch_studiefinanciering,
    fetch_toeslagen,
    fetch_voertuigen,
    merge_belastingen,
    merge_deceased,
    merge_household,
    merge_parkeervergunningen,
    merge_relatives,
    merge_studiefinanciering,
    merge_toeslagen,
    merge_voertuigen,
)
from agents.death.tools.names import (
    LOOKUP_BELASTINGEN,
    LOOKUP_DECEASED,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_RELATIVES,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    SUBMIT_PLAN,
)
from agents.death.views import (
    BenefitsView,
    DeceasedView,
    HouseholdView,
    PermitsView,
    PlanDraft,
    RelativesView,
    StudentFinanceView,
    TaxesView,
    VehiclesView,
)
from agents.pseudonyms import Pseudonyms
from agents.schemas import function_schema
from agents.tools_kit import ToolMenu
from workflows.death.domain import DeathFacts


@dataclass(frozen=True, slots=True)
class LookupTool:
    """A look-up tool: its schema for the model, how it runs, merges and shows its result.

    Attributes:
        name: Tool name.
        description: What the model is told the tool does.
        args_model: The arguments as the model sends them (tokens).
        result_model: The registries' answer, merged into the facts.
        view_model: The answer as the model reads it (tokens); its JSON is the tool message.
        run: Runs the look-up on the worker with resolved arguments.
        merge: Merges a result into the facts.
        view: Turns a result into its view, giving out tokens as needed.
    """

    name: str
    description: str
    args_model: type[BaseModel]
    result_model: type[BaseModel]
    view_model: type[BaseModel]
    run: Callable[[RegistryLookups, Any], Awaitable[BaseModel]]
    merge: Callable[[DeathFacts, Any], None]
    view: Callable[[Any, Pseudonyms], BaseModel]

    def definition(self) -> dict[str, Any]:
        """The tool as an OpenAI function schema."""
        return function_schema(self.name, self.description, self.args_model)


LOOKUPS: dict[str, LookupTool] = {
    tool.name: tool
    for tool in (
        LookupTool(
            LOOKUP_DECEASED,
            "BRP record of the deceased (deceased persons included).",
            PersonArgs,
            DeceasedResult,
            DeceasedView,
            fetch_deceased,
            merge_deceased,
            deceased_answer,
        ),
        LookupTool(
            LOOKUP_RELATIVES,
            "BRP: partners and other custody holders of the deceased.",
            PersonsArgs,
            RelativesResult,
            RelativesView,
            fetch_relatives,
            merge_relatives,
            relatives_answer,
        ),
        LookupTool(
            LOOKUP_HOUSEHOLD,
            "BRP: who else alive lives at the deceased's address.",
            AddressArgs,
            HouseholdResult,
            HouseholdView,
            fetch_household,
            merge_household,
            household_answer,
        ),
        LookupTool(
            LOOKUP_TOESLAGEN,
            "Toeslagen: benefits of the deceased.",
            PersonArgs,
            ToeslagenResult,
            BenefitsView,
            fetch_toeslagen,
            merge_toeslagen,
            benefits_answer,
        ),
        LookupTool(
            LOOKUP_STUDIEFINANCIERING,
            "DUO: student finance of the deceased.",
            PersonArgs,
            StudiefinancieringResult,
            StudentFinanceView,
            fetch_studiefinanciering,
            merge_studiefinanciering,
            student_finance_answer,
        ),
        LookupTool(
            LOOKUP_VOERTUIGEN,
            "RDW: vehicles of the deceased.",
            PersonArgs,
            VoertuigenResult,
            VehiclesView,
            fetch_voertuigen,
            merge_voertuigen,
            vehicles_answer,
        ),
        LookupTool(
            LOOKUP_BELASTINGEN,
            "Gemeente: municipal taxes of the deceased.",
            PersonArgs,
            BelastingenResult,
            TaxesView,
            fetch_belastingen,
            merge_belastingen,
            taxes_answer,
        ),
        LookupTool(
            LOOKUP_PARKEERVERGUNNINGEN,
            "Gemeente: parking permits of the deceased.",
            PersonArgs,
            ParkeervergunningenResult,
            PermitsView,
            fetch_parkeervergunningen,
            merge_parkeervergunningen,
            permits_answer,
        ),
    )
}
"""The look-up tools by name."""

SUBMIT_PLAN_DESCRIPTION = "The plan, once every look-up is done."

TOOL_NAMES = (*LOOKUPS, SUBMIT_PLAN)
"""Every registered tool, in the order the model is shown them."""


MENU = ToolMenu(LOOKUPS, SUBMIT_PLAN, SUBMIT_PLAN_DESCRIPTION, PlanDraft)
"""What the model is offered of the table."""
tool_definitions = MENU.definitions
pending_lookups = MENU.pending

"""The tool table: every tool the model is shown, and how each look-up runs, merges and shows.

The model sees each tool as a JSON schema (`tool_definitions`); the tool node and the
fallback that completes the facts find a look-up's code here by its name (`LOOKUPS`).
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from agents.change_of_address.tools.answers import (
    address_view,
    benefits_view,
    permits_view,
    persons_view,
    student_finance_view,
    taxes_view,
    vehicles_view,
)
from agents.change_of_address.tools.args import AddressArgs, PersonsArgs
from agents.change_of_address.tools.lookups import (
    AddressResult,
    BelastingenResult,
    ParkeervergunningenResult,
    PersonsResult,
    RegistryLookups,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
    fetch_address,
    fetch_belastingen,
    fetch_parkeervergunningen,
    fetch_persons,
    fetch_studiefinanciering,
    fetch_toeslagen,
    fetch_voertuigen,
    merge_address,
    merge_belastingen,
    merge_parkeervergunningen,
    merge_persons,
    merge_studiefinanciering,
    merge_toeslagen,
    merge_voertuigen,
)
from agents.change_of_address.tools.names import (
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    SUBMIT_PLAN,
)
from agents.change_of_address.views import (
    AddressView,
    BenefitsResultView,
    PermitsResultView,
    PersonsView,
    PlanDraft,
    StudentFinanceResultView,
    TaxesResultView,
    VehiclesResultView,
)
from agents.pseudonyms import Pseudonyms
from agents.schemas import function_schema
from agents.tools_kit import ToolMenu
from workflows.change_of_address.domain import MoveFacts


@dataclass(frozen=True, slots=True)
class LookupTool:
    """A look-up tool: its schema for the model, how it runs, merges and shows its result.

    Attributes:
        name: Tool name.
        description: What the model is told the tool does.
        args_model: The arguments as the model sends them (tokens).
        result_model: The registries' answer, merged into the facts.
        view_model: The answer as the model reads it (tokens); its JSON is the tool message.
        run: Runs the look-up on the worker with resolved arguments (`MoversArgs` with BSNs,
            or the reported `NewAddress`).
        merge: Merges a result into the facts.
        view: Turns a result into its view, giving out tokens as needed.
    """

    name: str
    description: str
    args_model: type[BaseModel]
    result_model: type[BaseModel]
    view_model: type[BaseModel]
    run: Callable[[RegistryLookups, Any], Awaitable[BaseModel]]
    merge: Callable[[MoveFacts, Any], None]
    view: Callable[[Any, Pseudonyms], BaseModel]

    def definition(self) -> dict[str, Any]:
        """The tool as an OpenAI function schema."""
        return function_schema(self.name, self.description, self.args_model)


LOOKUPS: dict[str, LookupTool] = {
    tool.name: tool
    for tool in (
        LookupTool(
            LOOKUP_PERSONS,
            "BRP records of movers.",
            PersonsArgs,
            PersonsResult,
            PersonsView,
            fetch_persons,
            merge_persons,
            persons_view,
        ),
        LookupTool(
            LOOKUP_ADDRESS,
            "BAG: the new address, its object and residents.",
            AddressArgs,
            AddressResult,
            AddressView,
            fetch_address,
            merge_address,
            address_view,
        ),
        LookupTool(
            LOOKUP_TOESLAGEN,
            "Toeslagen: benefits of movers.",
            PersonsArgs,
            ToeslagenResult,
            BenefitsResultView,
            fetch_toeslagen,
            merge_toeslagen,
            benefits_view,
        ),
        LookupTool(
            LOOKUP_STUDIEFINANCIERING,
            "DUO: student finance of movers.",
            PersonsArgs,
            StudiefinancieringResult,
            StudentFinanceResultView,
            fetch_studiefinanciering,
            merge_studiefinanciering,
            student_finance_view,
        ),
        LookupTool(
            LOOKUP_VOERTUIGEN,
            "RDW: vehicles of movers.",
            PersonsArgs,
            VoertuigenResult,
            VehiclesResultView,
            fetch_voertuigen,
            merge_voertuigen,
            vehicles_view,
        ),
        LookupTool(
            LOOKUP_BELASTINGEN,
            "Gemeente: municipal taxes of movers.",
            PersonsArgs,
            BelastingenResult,
            TaxesResultView,
            fetch_belastingen,
            merge_belastingen,
            taxes_view,
        ),
        LookupTool(
            LOOKUP_PARKEERVERGUNNINGEN,
            "Gemeente: parking permits of movers.",
            PersonsArgs,
            ParkeervergunningenResult,
            PermitsResultView,
            fetch_parkeervergunningen,
            merge_parkeervergunningen,
            permits_view,
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

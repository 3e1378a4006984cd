"""How a change-of-address history reads in the decision trail (`extras["trail"]`).

The generic walker reads the request, gates, decisions, steps and outcome of every case; this
adapter adds what only a move knows: the agent's graph and its look-up tools, which registry
each reads and which group of `MoveFacts` it fills, the agent's pseudonym table, the
workflow's own look-ups (`complete_facts`) and how a move request reads for people.
"""

from typing import Any

from agents.change_of_address.nodes import MODEL_NODE, TOOLS_NODE
from agents.change_of_address.state import GRAPH_NAME
from agents.change_of_address.tools import (
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    SUBMIT_PLAN,
)
from workflows.audit.trail.adapter import Pseudonym, TrailAdapter, WorkflowRead, activity_name
from workflows.audit.trail.payloads import as_dict
from workflows.change_of_address.activities import FactActivities

MODEL_ACTIVITY = f"{GRAPH_NAME}.{MODEL_NODE}"
TOOLS_ACTIVITY = f"{GRAPH_NAME}.{TOOLS_NODE}"
COMPLETE_FACTS_ACTIVITY = activity_name(FactActivities.complete_facts)

TOOL_REGISTRIES: dict[str, str] = {
    LOOKUP_PERSONS: "BRP (Haal Centraal BRP Personen bevragen)",
    LOOKUP_ADDRESS: "BAG (adres en verblijfsobject) en BRP (bewoners)",
    LOOKUP_TOESLAGEN: "Toeslagen",
    LOOKUP_STUDIEFINANCIERING: "DUO",
    LOOKUP_VOERTUIGEN: "RDW",
    LOOKUP_BELASTINGEN: "gemeente (belastingen)",
    LOOKUP_PARKEERVERGUNNINGEN: "gemeente (parkeervergunningen)",
}
"""Which registry each look-up tool reads."""

TOOL_FACT_GROUPS: dict[str, str] = {
    LOOKUP_PERSONS: "persons",
    LOOKUP_ADDRESS: "address",
    LOOKUP_TOESLAGEN: "toeslagen",
    LOOKUP_STUDIEFINANCIERING: "studiefinanciering",
    LOOKUP_VOERTUIGEN: "voertuigen",
    LOOKUP_BELASTINGEN: "belastingen",
    LOOKUP_PARKEERVERGUNNINGEN: "parkeervergunningen",
}
"""The field of `MoveFacts` each look-up tool fills."""

ADDRESS_GROUP = "address"
"""The one facts group that is a single record, not a mapping per mover."""


def new_facts(before: dict[str, Any], after: dict[str, Any], group: str) -> Any:
    """What a look-up added to the facts group `group` (None when it added nothing)."""
    old, new = before.get(group), after.get(group)
    if isinstance(new, dict) and group != ADDRESS_GROUP:
        added = {k: v for k, v in new.items() if as_dict(old).get(k) != v}
        return added or None
    return new if new is not None and new != old else None


class MoveTrail(TrailAdapter):
    """The trail adapter of the change of address."""

    def __init__(self) -> None:
        """The agent's one graph, its nodes and its plan tool."""
        super().__init__(
            graphs=[GRAPH_NAME],
            model_node=MODEL_NODE,
            tools_node=TOOLS_NODE,
            plan_tools=[SUBMIT_PLAN],
        )

    def request_summary(self, request: dict[str, Any]) -> str:
        """How many move, to which address, on which day."""
        address = as_dict(request.get("new_address"))
        movers = 1 + len(request.get("co_movers") or [])
        return (
            f"{movers} mover(s) to {address.get('postcode', '?')} "
            f"{address.get('huisnummer', '?')} on {request.get('move_date', '?')}"
        )

    def request_fields(self, request: dict[str, Any]) -> list[tuple[str, str]]:
        """The reporter, the co-movers, the new address and the move date."""
        address = as_dict(request.get("new_address"))
        number = f"{address.get('huisnummer') or ''}{address.get('huisletter') or ''}"
        if address.get("huisnummertoevoeging"):
            number += f"-{address['huisnummertoevoeging']}"
        return [
            ("Reporter (BSN)", str(request.get("bsn") or "—")),
            ("Co-movers", ", ".join(request.get("co_movers") or []) or "none"),
            ("New address", f"{address.get('postcode') or ''} {number}"),
            ("Move date", str(request.get("move_date") or "—")),
        ]

    def step_subject(self, step_input: dict[str, Any]) -> str | None:
        """The reporter, for a step that names no mover of its own."""
        value = step_input.get("citizen_bsn")
        return str(value) if value else None

    def registry(self, tool: str) -> str:
        """The registry a look-up tool reads."""
        return TOOL_REGISTRIES.get(tool, "?")

    def tool_facts(self, tool: str, before: dict[str, Any], after: dict[str, Any]) -> Any:
        """The registry data the tool merged into `MoveFacts`.

        A history from before the agent was pseudonymised returned no facts from its tools
        (the tool message held them); then there is nothing to tell apart.
        """
        group = TOOL_FACT_GROUPS.get(tool)
        if not group or "facts" not in after:
            return None
        old = as_dict(before.get("facts"))
        return new_facts(old, as_dict(after.get("facts")) or old, group)

    def pseudonyms(self, state: dict[str, Any]) -> list[Pseudonym]:
        """The agent's pseudonym table: token to BSN, object id or text."""
        found = []
        for entry in map(as_dict, as_dict(state.get("pseudonyms")).get("entries") or []):
            if not entry.get("token"):
                continue
            found.append(
                Pseudonym(
                    token=str(entry["token"]),
                    stands_for=str(entry.get("value") or entry.get("text") or ""),
                    shown=" · ".join(str(v) for v in (entry.get("value"), entry.get("text")) if v),
                )
            )
        return found

    def workflow_reads(
        self, activity: str, activity_input: Any, result: Any
    ) -> list[WorkflowRead] | None:
        """The look-ups `complete_facts` did that the agent had left undone."""
        if activity != COMPLETE_FACTS_ACTIVITY:
            return None
        before, after = as_dict(activity_input), as_dict(result)
        reads = []
        for tool, group in TOOL_FACT_GROUPS.items():
            added = new_facts(before, after, group)
            if not added:
                continue
            reads.append(
                WorkflowRead(
                    tool=tool,
                    registry=TOOL_REGISTRIES[tool],
                    arguments={"bsns": sorted(added)} if group != ADDRESS_GROUP else {},
                    facts=added,
                )
            )
        return reads


MOVE_TRAIL = MoveTrail()
"""The change of address's trail adapter."""

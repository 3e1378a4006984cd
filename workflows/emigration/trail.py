"""How an emigration history reads in the decision trail (`extras["trail"]`).

The generic walker reads the request, gates, decisions, steps and outcome of every case; this
adapter adds what only an emigration knows: the agent's graph and its look-up tools, which
registry each reads and which group of `EmigrationFacts` it fills, the agent's pseudonym
table, the workflow's own look-ups (`complete_facts`) and how a report of departure reads.
"""

from typing import Any

from agents.emigration.names import (
    LOOKUP_BELASTINGEN,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    SUBMIT_PLAN,
)
from agents.emigration.nodes import MODEL_NODE, TOOLS_NODE
from agents.emigration.state import GRAPH_NAME
from workflows.audit.trail.adapter import Pseudonym, TrailAdapter, WorkflowRead, activity_name
from workflows.audit.trail.payloads import as_dict
from workflows.emigration.activities import FactActivities

COMPLETE_FACTS_ACTIVITY = activity_name(FactActivities.complete_facts)

TOOL_REGISTRIES: dict[str, str] = {
    LOOKUP_PERSONS: "BRP (Haal Centraal BRP Personen bevragen)",
    LOOKUP_HOUSEHOLD: "BRP (bewoners van het adres)",
    LOOKUP_TOESLAGEN: "Toeslagen",
    LOOKUP_STUDIEFINANCIERING: "DUO",
    LOOKUP_VOERTUIGEN: "RDW",
    LOOKUP_BELASTINGEN: "gemeente (belastingen)",
    LOOKUP_PARKEERVERGUNNINGEN: "gemeente (parkeervergunningen)",
}
"""Which registry each look-up tool reads."""

TOOL_FACT_GROUPS: dict[str, str] = {
    LOOKUP_PERSONS: "persons",
    LOOKUP_HOUSEHOLD: "households",
    LOOKUP_TOESLAGEN: "toeslagen",
    LOOKUP_STUDIEFINANCIERING: "studiefinanciering",
    LOOKUP_VOERTUIGEN: "voertuigen",
    LOOKUP_BELASTINGEN: "belastingen",
    LOOKUP_PARKEERVERGUNNINGEN: "parkeervergunningen",
}
"""The field of `EmigrationFacts` each look-up tool fills (each a mapping per mover)."""


def new_facts(before: dict[str, Any], after: dict[str, Any], group: str) -> Any:
    """What a look-up added to the facts group `group` (None when it added nothing)."""
    old, new = as_dict(before.get(group)), as_dict(after.get(group))
    added = {k: v for k, v in new.items() if old.get(k) != v}
    return added or None


class EmigrationTrail(TrailAdapter):
    """The trail adapter of the emigration."""

    def __init__(self) -> None:
        """The agent's one graph, its nodes and its plan tool."""
        super().__init__(
            graphs=[GRAPH_NAME],
            model_node=MODEL_NODE,
            tools_node=TOOLS_NODE,
            plan_tools=[SUBMIT_PLAN],
        )

    def request_summary(self, request: dict[str, Any]) -> str:
        """How many leave, to which country, on which day."""
        movers = 1 + len(request.get("co_movers") or [])
        return (
            f"{movers} mover(s) to {request.get('country', '?')} "
            f"departing {request.get('departure_date', '?')}"
        )

    def request_fields(self, request: dict[str, Any]) -> list[tuple[str, str]]:
        """The reporter, the co-movers, the country, the address abroad and the departure."""
        address = as_dict(request.get("foreign_address"))
        lines = ", ".join(str(address[k]) for k in ("regel1", "regel2", "regel3") if address.get(k))
        return [
            ("Reporter (BSN)", str(request.get("bsn") or "—")),
            ("Co-movers", ", ".join(request.get("co_movers") or []) or "none"),
            ("Country", str(request.get("country") or "—")),
            ("Address abroad", lines or "—"),
            ("Departure date", str(request.get("departure_date") or "—")),
        ]

    def step_subject(self, step_input: dict[str, Any]) -> str | None:
        """The reporter, for a step that names no mover of its own."""
        value = step_input.get("citizen_bsn")
        return str(value) if value else None

    def registry(self, tool: str) -> str:
        """The registry a look-up tool reads."""
        return TOOL_REGISTRIES.get(tool, "?")

    def tool_facts(self, tool: str, before: dict[str, Any], after: dict[str, Any]) -> Any:
        """The registry data the tool merged into `EmigrationFacts`."""
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
                    arguments={"bsns": sorted(added)},
                    facts=added,
                )
            )
        return reads


EMIGRATION_TRAIL = EmigrationTrail()
"""The emigration's trail adapter."""

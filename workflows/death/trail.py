"""How a death case's history reads in the decision trail (`extras["trail"]`).

The generic walker reads the request, gates, decisions, steps and outcome of every case; this
adapter adds what only a death knows: the agent's graph and its look-up tools, which registry
each reads and which part of `DeathFacts` it fills, the agent's pseudonym table, the
workflow's own look-ups (`complete_facts`) and how a reported death reads for people.
"""

from typing import Any

from agents.death.nodes import MODEL_NODE, TOOLS_NODE
from agents.death.state import GRAPH_NAME
from agents.death.tools import (
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
from workflows.audit.trail.adapter import Pseudonym, TrailAdapter, WorkflowRead, activity_name
from workflows.audit.trail.payloads import as_dict
from workflows.death.activities import FactActivities

COMPLETE_FACTS_ACTIVITY = activity_name(FactActivities.complete_facts)

TOOL_REGISTRIES: dict[str, str] = {
    LOOKUP_DECEASED: "BRP (Haal Centraal BRP Personen bevragen, overledenen inbegrepen)",
    LOOKUP_RELATIVES: "BRP (partners en gezagsdragers)",
    LOOKUP_HOUSEHOLD: "BRP (bewoners van het adres)",
    LOOKUP_TOESLAGEN: "Toeslagen",
    LOOKUP_STUDIEFINANCIERING: "DUO",
    LOOKUP_VOERTUIGEN: "RDW",
    LOOKUP_BELASTINGEN: "gemeente (belastingen)",
    LOOKUP_PARKEERVERGUNNINGEN: "gemeente (parkeervergunningen)",
}
"""Which registry each look-up tool reads."""

TOOL_FACT_GROUPS: dict[str, str] = {
    LOOKUP_DECEASED: "persons",
    LOOKUP_RELATIVES: "persons",
    LOOKUP_HOUSEHOLD: "household",
    LOOKUP_TOESLAGEN: "toeslagen",
    LOOKUP_STUDIEFINANCIERING: "studiefinanciering",
    LOOKUP_VOERTUIGEN: "voertuigen",
    LOOKUP_BELASTINGEN: "belastingen",
    LOOKUP_PARKEERVERGUNNINGEN: "parkeervergunningen",
}
"""The field of `DeathFacts` each look-up tool fills."""

PERSONS_GROUP = "persons"
"""The one facts group that is a mapping by BSN; the others are single records."""


def new_facts(before: dict[str, Any], after: dict[str, Any], group: str) -> Any:
    """What a look-up added to the facts group `group` (None when it added nothing)."""
    old, new = before.get(group), after.get(group)
    if group == PERSONS_GROUP and isinstance(new, dict):
        added = {k: v for k, v in new.items() if as_dict(old).get(k) != v}
        return added or None
    return new if new is not None and new != old else None


class DeathTrail(TrailAdapter):
    """The trail adapter of the report of a death."""

    def __init__(self) -> None:
        """The agent's one graph, its nodes and its plan tool."""
        super().__init__(
            graphs=[GRAPH_NAME],
            model_node=MODEL_NODE,
            tools_node=TOOLS_NODE,
            plan_tools=[SUBMIT_PLAN],
        )

    def request_summary(self, request: dict[str, Any]) -> str:
        """The death: when, where, how, and the burial or cremation."""
        disposal = as_dict(request.get("disposal"))
        return (
            f"a death on {request.get('date_of_death', '?')} in "
            f"{request.get('place_of_death', '?')} ({request.get('manner', '?')}); "
            f"{disposal.get('kind', '?')} on {disposal.get('date', '?')}"
        )

    def request_fields(self, request: dict[str, Any]) -> list[tuple[str, str]]:
        """The deceased, the reported identity, the death, the statements, the disposal."""
        deceased = as_dict(request.get("deceased"))
        documents = as_dict(request.get("documents"))
        disposal = as_dict(request.get("disposal"))
        reporter = as_dict(request.get("reported_by"))
        when = str(request.get("date_of_death") or "—")
        if request.get("time_of_death"):
            when += f" {request['time_of_death']}"
        statements = [name for name, given in documents.items() if given] or ["none"]
        disposal_at = f"{disposal.get('date') or ''} {disposal.get('time') or ''}".strip()
        return [
            ("Deceased (BSN)", str(request.get("bsn") or "—")),
            (
                "Reported as",
                f"{deceased.get('geslachtsnaam') or '?'}, born {deceased.get('geboortedatum')}",
            ),
            ("Date of death", when),
            ("Place of death", str(request.get("place_of_death") or "—")),
            ("Manner", str(request.get("manner") or "—")),
            ("Statements", ", ".join(statements)),
            ("Disposal", f"{disposal.get('kind') or '?'} on {disposal_at}"),
            ("Undertaker", str(reporter.get("organisation") or reporter.get("sub") or "—")),
        ]

    def step_subject(self, step_input: dict[str, Any]) -> str | None:
        """The deceased, for a step that names no one of its own."""
        value = step_input.get("bsn")
        return str(value) if value else None

    def registry(self, tool: str) -> str:
        """The registry a look-up tool reads."""
        return TOOL_REGISTRIES.get(tool, "?")

    def tool_facts(self, tool: str, before: dict[str, Any], after: dict[str, Any]) -> Any:
        """The registry data the tool merged into `DeathFacts`."""
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
        seen: set[str] = set()
        for tool, group in TOOL_FACT_GROUPS.items():
            if group in seen:
                continue
            seen.add(group)
            added = new_facts(before, after, group)
            if not added:
                continue
            reads.append(
                WorkflowRead(
                    tool=tool,
                    registry=TOOL_REGISTRIES[tool],
                    arguments={"bsns": sorted(added)} if group == PERSONS_GROUP else {},
                    facts=added,
                )
            )
        return reads


DEATH_TRAIL = DeathTrail()
"""The report of a death's trail adapter."""

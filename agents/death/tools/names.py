"""The names of the death agent's tools and the fixed texts its tool node answers with.

The names are the model's vocabulary, the activity results' and the audit trail's: they are
in recorded histories, so they never change. The look-ups' names are the domain's
(`DeathFacts.missing` speaks them).
"""

from workflows.death.domain import (
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

SUBMIT_PLAN = "submit_death_plan"
"""The tool by which the agent hands in its plan."""

PLAN_ACCEPTED = "Plan accepted."
"""The tool message of an accepted plan."""

ERROR_PREFIX = "Error: "
"""Every error the tool node answers starts with this, so a model (and the scripted planner
behind an endpoint, which never sees a message's status) can tell it from a result."""

NOT_IN_BRP = 404
"""`LookupFailure.status` of a person BRP does not know (BRP answers 200, without them)."""

__all__ = [
    "ERROR_PREFIX",
    "LOOKUP_BELASTINGEN",
    "LOOKUP_DECEASED",
    "LOOKUP_HOUSEHOLD",
    "LOOKUP_PARKEERVERGUNNINGEN",
    "LOOKUP_RELATIVES",
    "LOOKUP_STUDIEFINANCIERING",
    "LOOKUP_TOESLAGEN",
    "LOOKUP_VOERTUIGEN",
    "NOT_IN_BRP",
    "PLAN_ACCEPTED",
    "REGISTER_LOOKUPS",
    "SUBMIT_PLAN",
]

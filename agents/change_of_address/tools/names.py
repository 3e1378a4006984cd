"""The names of the agent's tools and the fixed texts its tool node answers with.

The names are the model's vocabulary, the activity results' and the audit trail's: they are
in recorded histories, so they never change.
"""

LOOKUP_PERSONS = "lookup_persons"
LOOKUP_ADDRESS = "lookup_address"
LOOKUP_TOESLAGEN = "lookup_toeslagen"
LOOKUP_STUDIEFINANCIERING = "lookup_studiefinanciering"
LOOKUP_VOERTUIGEN = "lookup_voertuigen"
LOOKUP_BELASTINGEN = "lookup_belastingen"
LOOKUP_PARKEERVERGUNNINGEN = "lookup_parkeervergunningen"
SUBMIT_PLAN = "submit_plan"

LOOKUP_RESIDENTS = "lookup_residents"
"""The look-up of the residents at the new address, run inside `lookup_address`: only its
refusals carry the name (`LookupFailure.tool`); the model has no tool of that name."""

PLAN_ACCEPTED = "Plan accepted."
"""The tool message of an accepted plan."""

ERROR_PREFIX = "Error: "
"""Every error the tool node answers starts with this, so a model (and the scripted planner
behind an endpoint, which never sees a message's status) can tell it from a result."""

NOT_IN_BRP = 404
"""`LookupFailure.status` of a mover BRP does not know (BRP itself answers 200, without them)."""

PER_MOVER_LOOKUPS = (
    LOOKUP_PERSONS,
    LOOKUP_TOESLAGEN,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_VOERTUIGEN,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
)
"""Look-ups that take the movers; `MoveFacts.missing` names them as `tool:BSN`."""

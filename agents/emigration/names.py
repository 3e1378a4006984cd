"""The names of the emigration agent's tools and the fixed texts its tool node answers with.

The names are the model's vocabulary, the activity results' and the audit trail's: they are
in recorded histories, so they never change.
"""

from workflows.emigration.domain import Lookup

LOOKUP_PERSONS = Lookup.PERSONS.value
LOOKUP_HOUSEHOLD = Lookup.HOUSEHOLD.value
LOOKUP_TOESLAGEN = Lookup.TOESLAGEN.value
LOOKUP_STUDIEFINANCIERING = Lookup.STUDIEFINANCIERING.value
LOOKUP_VOERTUIGEN = Lookup.VOERTUIGEN.value
LOOKUP_BELASTINGEN = Lookup.BELASTINGEN.value
LOOKUP_PARKEERVERGUNNINGEN = Lookup.PARKEERVERGUNNINGEN.value
SUBMIT_PLAN = "submit_emigration_plan"
"""The plan tool. Named apart from other agents' plan tools, so that an endpoint serving
several agents (the fake one) tells this agent's requests by their tools."""

LOOKUPS_IN_ORDER: tuple[str, ...] = tuple(str(lookup) for lookup in Lookup)
"""Every look-up tool, in the order the model is shown them."""

PLAN_ACCEPTED = "Plan accepted."
"""The tool message of an accepted plan."""

ERROR_PREFIX = "Error: "
"""Every error the tool node answers starts with this, so a model (and the scripted planner
behind an endpoint, which never sees a message's status) can tell it from a result."""

NOT_IN_BRP = 404
"""`LookupFailure.status` of a mover BRP does not know (BRP itself answers 200, without them)."""

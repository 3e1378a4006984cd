"""Completing the facts: the look-ups an agent left undone, run with the tools' own code.

The workflow's fallback when the agent ended without complete facts: the policy then judges
the case on registry data all the same. The deceased comes first, since their record names
the relatives and the address still to look up.
"""

from pydantic import BaseModel

from agents.death.tools.args import BsnsArgs, DeceasedArgs, HouseholdArgs
from agents.death.tools.lookups import RegistryLookups
from agents.death.tools.names import LOOKUP_HOUSEHOLD, LOOKUP_RELATIVES
from agents.death.tools.table import LOOKUPS
from workflows.death.domain import DeathFacts

MAX_ROUNDS = 3
"""The deceased, then their relatives and address: two rounds do it, a third finds nothing."""


async def complete_facts(registry: RegistryLookups, facts: DeathFacts) -> DeathFacts:
    """Run every look-up that `facts` still miss, with the tools' own code, and merge them.

    Args:
        registry: The registry client.
        facts: The facts gathered so far (not changed).

    Returns:
        The facts with the missing look-ups done (refused ones recorded as failures).
    """
    done = facts.model_copy(deep=True)
    request = done.request
    deceased = DeceasedArgs(bsn=request.bsn, reported_surname=request.deceased.geslachtsnaam)
    for _ in range(MAX_ROUNDS):
        missing = done.missing()
        if not missing:
            break
        relatives = [m.partition(":")[2] for m in missing if m.startswith(f"{LOOKUP_RELATIVES}:")]
        names = dict.fromkeys(m.partition(":")[0] for m in missing)
        for name in names:
            args: BaseModel = deceased
            if name == LOOKUP_RELATIVES:
                args = BsnsArgs(bsns=relatives)
            elif name == LOOKUP_HOUSEHOLD:
                address = done.address()
                assert address is not None
                args = HouseholdArgs(object_id=address, deceased=request.bsn)
            tool = LOOKUPS[name]
            tool.merge(done, await tool.run(registry, args))
    return done

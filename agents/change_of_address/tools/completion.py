"""Completing the facts: the look-ups an agent left undone, run with the tools' own code.

The workflow's fallback when the agent ended without complete facts: the policy then judges
the case on registry data all the same.
"""

from pydantic import BaseModel

from agents.change_of_address.tools.args import MoversArgs
from agents.change_of_address.tools.lookups import RegistryLookups
from agents.change_of_address.tools.names import LOOKUP_ADDRESS
from agents.change_of_address.tools.table import LOOKUPS
from workflows.change_of_address.domain import MoveFacts


async def complete_facts(registry: RegistryLookups, facts: MoveFacts) -> MoveFacts:
    """Run every look-up that `facts` still miss, with the tools' own code, and merge them.

    The workflow's fallback when the agent ended without complete facts: the policy then
    judges the case on registry data all the same.

    Args:
        registry: The registry client.
        facts: The facts gathered so far (not changed).

    Returns:
        The facts with the missing look-ups done (refused ones recorded as failures).
    """
    done = facts.model_copy(deep=True)
    pending: dict[str, list[str]] = {}
    for item in facts.missing():
        name, _, bsn = item.partition(":")
        pending.setdefault(name, [])
        if bsn:
            pending[name].append(bsn)
    for name, bsns in pending.items():
        tool = LOOKUPS[name]
        args: BaseModel = (
            facts.request.new_address if name == LOOKUP_ADDRESS else MoversArgs(bsns=bsns)
        )
        tool.merge(done, await tool.run(registry, args))
    return done

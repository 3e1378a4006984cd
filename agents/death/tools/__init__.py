"""The tools of the death agent: registry look-ups and `submit_death_plan`.

The model sees each tool as a JSON schema (`tool_definitions`) that takes case-local tokens
(`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN or an address. The tool node
(`run_tool_calls`) checks each call — only registered tools, arguments validated with pydantic,
only the deceased, their partners and the other custody holders of their minor children, and
their address — resolves the tokens on the worker, runs the look-ups, merges the full answers
into `DeathFacts` (what the policy reads) and gives the model a view of each answer in tokens
(`agents.death.views`). A `submit_death_plan` call is decoded back from tokens into a
`DeathPlan` and checked against the facts.

One concept a module: `names`, `args` (arguments as the model sends them, checked and
resolved), `lookups` (running the look-ups and merging their answers), `answers` (each answer
as the model reads it), `table` (the tools as the model is shown them), `submission` (the
plan check), `node` (one round of tool calls) and `completion` (the look-ups an agent left
undone).
"""

from agents.death.tools.completion import complete_facts
from agents.death.tools.names import (
    ERROR_PREFIX,
    LOOKUP_BELASTINGEN,
    LOOKUP_DECEASED,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_RELATIVES,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    NOT_IN_BRP,
    PLAN_ACCEPTED,
    REGISTER_LOOKUPS,
    SUBMIT_PLAN,
)
from agents.death.tools.node import ToolRound, run_tool_calls
from agents.death.tools.table import (
    LOOKUPS,
    TOOL_NAMES,
    LookupTool,
    pending_lookups,
    tool_definitions,
)

__all__ = [
    "ERROR_PREFIX",
    "LOOKUPS",
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
    "TOOL_NAMES",
    "LookupTool",
    "ToolRound",
    "complete_facts",
    "run_tool_calls",
    "pending_lookups",
    "tool_definitions",
]

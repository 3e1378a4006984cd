"""The tools of the change-of-address agent: registry look-ups and `submit_plan`.

The model sees each tool as a JSON schema (`tool_definitions`) that takes case-local tokens
(`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN or an address. The tool node
(`run_tool_calls`) checks each call — only registered tools, arguments validated with pydantic,
only the movers and the reported address of this case — resolves the tokens on the worker,
runs the look-ups, merges the full answers into `MoveFacts` (what the policy reads) and gives
the model a view of each answer in tokens (`agents.change_of_address.views`). A `submit_plan`
call is decoded back from tokens into a `MovePlan` and checked against the facts.

Errors: a registry's 4xx answer is recorded as a fact (a `LookupFailure` in the result); a bad
call — unknown tool, arguments that are not JSON or do not validate, a token outside the case —
becomes an error message to the model and is counted; a 5xx answer, a timeout or a connection
error (`RegistryUnavailable`) raises out of the tool node, so Temporal retries the activity.

One concept a module: `names` (tool names and the texts of tool messages), `args` (arguments
as the model sends them, checked and resolved), `lookups` (running the look-ups and merging
their answers into the facts), `answers` (each answer as the model reads it), `table` (the
tools as the model is shown them), `submission` (the plan check), `node` (one round of tool
calls) and `completion` (the look-ups an agent left undone). This package re-exports what
other code uses, so it imports from `agents.change_of_address.tools`.
"""

from agents.change_of_address.tools.args import (
    AddressArgs,
    MoversArgs,
    PersonsArgs,
    ToolCallRejected,
    normalise_address,
)
from agents.change_of_address.tools.completion import complete_facts
from agents.change_of_address.tools.lookups import (
    AddressResult,
    BelastingenResult,
    ParkeervergunningenResult,
    PersonsResult,
    RegistryLookups,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
)
from agents.change_of_address.tools.names import (
    ERROR_PREFIX,
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_RESIDENTS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    NOT_IN_BRP,
    PER_MOVER_LOOKUPS,
    PLAN_ACCEPTED,
    SUBMIT_PLAN,
)
from agents.change_of_address.tools.node import ToolRound, run_tool_calls
from agents.change_of_address.tools.table import (
    LOOKUPS,
    SUBMIT_PLAN_DESCRIPTION,
    TOOL_NAMES,
    LookupTool,
    pending_lookups,
    tool_definitions,
)

__all__ = [
    "ERROR_PREFIX",
    "LOOKUPS",
    "LOOKUP_ADDRESS",
    "LOOKUP_BELASTINGEN",
    "LOOKUP_PARKEERVERGUNNINGEN",
    "LOOKUP_PERSONS",
    "LOOKUP_RESIDENTS",
    "LOOKUP_STUDIEFINANCIERING",
    "LOOKUP_TOESLAGEN",
    "LOOKUP_VOERTUIGEN",
    "NOT_IN_BRP",
    "PER_MOVER_LOOKUPS",
    "PLAN_ACCEPTED",
    "SUBMIT_PLAN",
    "SUBMIT_PLAN_DESCRIPTION",
    "TOOL_NAMES",
    "AddressArgs",
    "AddressResult",
    "BelastingenResult",
    "LookupTool",
    "MoversArgs",
    "ParkeervergunningenResult",
    "PersonsArgs",
    "PersonsResult",
    "RegistryLookups",
    "StudiefinancieringResult",
    "ToeslagenResult",
    "ToolCallRejected",
    "ToolRound",
    "VoertuigenResult",
    "complete_facts",
    "normalise_address",
    "run_tool_calls",
    "pending_lookups",
    "tool_definitions",
]

"""Prompts of the change-of-address agent.

The system prompt states the task, the tools, the tokens and the rules of policy v1 that the
plan must follow. The request travels as a JSON block in the first human message, in tokens,
so any model (and the scripted planner, in-process or behind an endpoint) reads the same input.
"""

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agents.change_of_address.views import RequestView

SYSTEM_PROMPT = """\
Plan a reported move for a Dutch municipality: look up the facts, then submit_plan.
Caseworkers and policy rules check it; never refuse anything yourself.
You see tokens (PERSON_n, ADDRESS_n, BIRTHDATE_n), never a BSN, name, birth date or address.
Use them in arguments and `subject`; in texts write the token for a name or address ("Beste
PERSON_1,", "naar ADDRESS_1"). Never write a number like a BSN.
1. Look up every mover (reporter, co-movers) with each per-person tool and the new address
with lookup_address, in one turn; nothing else. Results omit empty/false fields.
2. Steps, from the results only, subject = the mover:
- brp_register_address per mover (params.adresseerbaar_object_identificatie = the new
address); a mover BRP does not know gets no steps, only a concern;
- notify_belastingdienst per mover; notify_toeslagen for running benefits
(params.toeslagen = the kinds); notify_duo for student finance; notify_rdw for vehicles
(params.kentekens);
- if the municipality changes, per mover with running taxes at the old one:
gemeente_stop_taxes there, gemeente_start_taxes at the new one (params.gemeentecode);
- end_parking_permit per active permit at the mover's current address
(params.vergunningnummer);
- last, one citizen_message for the reporter.
If BAG lacks the new address or its object, plan only the citizen_message.
3. A concern (topic, subject, rationale) for a failed look-up or facts that clash.
4. caseworker_summary: short, factual. citizen_message: plain Dutch (B1) to the reporter as
"u", what happens next; promise nothing a caseworker must still approve.
5. Rejected: fix what the error says and resubmit; a second rejection ends it.
"""

REMINDER = (
    "Use the look-up tools for what is still missing, then submit your plan with the "
    "`submit_plan` tool. Do not answer in plain text."
)
"""Sent when the model answers without a tool call."""

_REQUEST_BLOCK = re.compile(r"```json\n(?P<body>.*?)\n```", re.DOTALL)


def render_request(view: "RequestView") -> str:
    """The first human message: the reported move, in tokens, as a JSON block.

    Args:
        view: The reported move in tokens (`views.request_view`).
    """
    body = json.dumps(view.model_dump(mode="json"), separators=(",", ":"), sort_keys=True)
    return f"A citizen reported this move. Plan the change of address.\n```json\n{body}\n```"


def parse_request_block(text: str) -> dict[str, Any] | None:
    """The JSON block of a message written by `render_request`, or None when there is none."""
    match = _REQUEST_BLOCK.search(text)
    if match is None:
        return None
    try:
        value = json.loads(match.group("body"))
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None

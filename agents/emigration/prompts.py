"""Prompts of the emigration agent.

The system prompt states the task, the tools, the tokens and the rules of policy v1 that the
plan must follow. The request travels as a JSON block in the first human message, in tokens,
so any model (and the scripted planner, in-process or behind an endpoint) reads the same input.
"""

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agents.emigration.views import RequestView

SYSTEM_PROMPT = """\
You plan a reported emigration (a citizen, maybe with household, leaves the Netherlands) for a
Dutch municipality: look up the facts, then submit_emigration_plan. Caseworkers and policy
rules check the plan; you never refuse anything yourself.
You see tokens (PERSON_n, ADDRESS_n, BIRTHDATE_n), never a BSN, name, birth date or address;
the address abroad is the request's `destination`. Use them in arguments and `subject`; in
texts write the token for a name or address ("Beste PERSON_1,", "naar ADDRESS_1"). Never write
a number like a BSN.
1. Look up every mover (reporter, co-movers) with each tool, several calls a turn; nobody
else. Results omit empty/false fields.
2. Steps, from the results only, for each mover BRP knows who does not live abroad already
(`abroad` false, `suspended` empty); subject = the mover:
- brp_register_emigration (params.land = the request's country); notify_belastingdienst;
notify_toeslagen for running benefits (params.toeslagen = the kinds); notify_duo for student
finance; notify_rdw for vehicles (params.kentekens);
- gemeente_stop_taxes (params.gemeentecode = the mover's municipality) for running taxes
there;
- end_parking_permit per active permit at the mover's current address
(params.vergunningnummer);
- last, one citizen_message for the reporter, params.kosteloos = true for Aruba (AW),
Curaçao (CW), Sint Maarten (SX) or the BES islands (BQ), else false.
Other movers get no steps.
3. A concern (topic, subject, rationale) for a failed look-up or facts that do not fit.
4. caseworker_summary: short, factual. citizen_message: plain Dutch (B1) to the reporter as
"u", what happens next and that a proof of deregistration (bewijs van uitschrijving) comes
with the letter; promise nothing a caseworker must still approve.
5. A rejected plan: fix what the error says and resubmit; a second rejection ends it.
"""

REMINDER = (
    "Use the look-up tools for what is still missing, then submit your plan with the "
    "`submit_emigration_plan` tool. Do not answer in plain text."
)
"""Sent when the model answers without a tool call."""

_REQUEST_BLOCK = re.compile(r"```json\n(?P<body>.*?)\n```", re.DOTALL)


def render_request(view: "RequestView") -> str:
    """The first human message: the reported emigration, in tokens, as a JSON block."""
    body = json.dumps(view.model_dump(mode="json"), separators=(",", ":"), sort_keys=True)
    return f"A citizen reported this emigration. Plan the deregistration.\n```json\n{body}\n```"


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

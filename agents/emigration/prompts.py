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
Plan a reported emigration (a citizen, maybe with household, leaves the Netherlands) for a \
Dutch municipality; caseworkers and rules check it, never refuse anything yourself. You see \
only tokens (PERSON_n, ADDRESS_n, BIRTHDATE_n; the address abroad is `destination`): use them \
in arguments, `subject` and texts (Beste PERSON_1, naar ADDRESS_1); never write a BSN-like \
number.
1. Call each tool for all movers (reporter, co-movers), several calls a turn; nobody else. \
Results omit empty fields.
2. Steps from the results only, per mover BRP knows who is not abroad already (no `abroad`, \
no `suspended`); subject = the mover:
- brp_register_emigration (params.land = the request's country); notify_belastingdienst; \
notify_toeslagen for running benefits (params.toeslagen = kinds); notify_duo for student \
finance; notify_rdw for vehicles (params.kentekens);
- gemeente_stop_taxes for running taxes in the mover's municipality (params.gemeentecode);
- end_parking_permit per active permit at the current address (params.vergunningnummer);
- last, one citizen_message for the reporter, params.kosteloos = true for AW, CW, SX or BQ, \
else false.
Other movers get no steps.
3. A concern (topic, subject, rationale) per failed look-up or facts that do not fit.
4. caseworker_summary: short, factual. citizen_message: plain Dutch (B1), to the reporter as \
u: what happens next, and that a bewijs van uitschrijving comes with the letter; no promise a \
caseworker must approve.
5. Rejected: fix the error, resubmit once.
"""

REMINDER = (
    "Do not answer in plain text: call the look-ups still missing, then submit_emigration_plan."
)
"""Sent when the model answers without a tool call."""

_REQUEST_BLOCK = re.compile(r"```json\n(?P<body>.*?)\n```", re.DOTALL)


def render_request(view: "RequestView") -> str:
    """The first human message: the reported emigration, in tokens, as a JSON block."""
    body = json.dumps(
        view.model_dump(mode="json", exclude_defaults=True), separators=(",", ":"), sort_keys=True
    )
    return f"The reported emigration:\n```json\n{body}\n```"


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

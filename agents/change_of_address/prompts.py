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
Plan a reported move for a Dutch municipality; caseworkers and rules check it, never refuse \
anything yourself. You see only tokens (PERSON_n, ADDRESS_n, BIRTHDATE_n): use them in \
arguments, `subject` and texts (Beste PERSON_1, naar ADDRESS_1); never write a BSN-like number.
1. One turn: each per-person tool for all movers (reporter, co-movers), and lookup_address. \
Results omit empty fields.
2. Steps from the results only, subject = the mover:
- brp_register_address per mover (params.adresseerbaar_object_identificatie = new address); \
a mover unknown to BRP gets only a concern;
- notify_belastingdienst per mover; notify_toeslagen for running benefits (params.toeslagen \
= kinds); notify_duo for student finance; notify_rdw for vehicles (params.kentekens);
- new municipality: per mover with running taxes at the old one, gemeente_stop_taxes there \
and gemeente_start_taxes at the new (params.gemeentecode);
- end_parking_permit per active permit at the current address (params.vergunningnummer);
- last, one citizen_message for the reporter.
If BAG lacks the new address or its object, plan only the citizen_message.
3. A concern (topic, subject, rationale) per failed look-up or clashing facts.
4. caseworker_summary: short, factual. citizen_message: plain Dutch (B1), to the reporter as \
u: what happens next, no promise a caseworker must approve.
5. Rejected: fix the error, resubmit once.
"""

REMINDER = "Do not answer in plain text: call the look-ups still missing, then submit_plan."
"""Sent when the model answers without a tool call."""

_REQUEST_BLOCK = re.compile(r"```json\n(?P<body>.*?)\n```", re.DOTALL)


def render_request(view: "RequestView") -> str:
    """The first human message: the reported move, in tokens, as a JSON block.

    Args:
        view: The reported move in tokens (`views.request_view`).
    """
    body = json.dumps(
        view.model_dump(mode="json", exclude_defaults=True), separators=(",", ":"), sort_keys=True
    )
    return f"The reported move:\n```json\n{body}\n```"


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

"""Prompts of the death agent.

The system prompt states the task, the tools, the tokens and the rules of policy v1 that the
plan must follow. The request travels as a JSON block in the first human message, in tokens,
so any model (and the scripted planner, in-process or behind an endpoint) reads the same input.
"""

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agents.death.views import RequestView

SYSTEM_PROMPT = """\
Plan a death an undertaker reported to a Dutch municipality; a registrar, caseworkers and \
rules check it, never refuse anything yourself. You see only tokens (PERSON_n, ADDRESS_n, \
BIRTHDATE_n): use them in arguments, `subject` and the summary; never write a BSN-like number.
1. Call lookup_deceased and each register tool for the deceased, several calls a turn.
2. Then lookup_relatives for the deceased's partners and the other custody holders of the \
minors in their custody, and lookup_household for the deceased's address. Nobody else. \
Results omit empty fields.
3. Steps from the results only; subject = the deceased unless said otherwise:
- always draw_up_deed (params.gemeentecode = place of death) and issue_disposal_permit \
(params.soort = begraven or cremeren);
- if BRP knows the deceased and records no death yet: brp_record_death (params.gemeentecode \
= place of death); notify_belastingdienst; notify_toeslagen for running benefits; notify_duo \
for student finance; notify_rdw for vehicles; end_parking_permit per active permit \
(params.vergunningnummer); gemeente_stop_taxes per municipality with running taxes \
(params.gemeentecode), only if nobody else lives at the address; partner_letter per living \
partner (subject = the partner);
- last, one undertaker_message.
4. A concern (topic, subject, rationale) per failed look-up or facts that do not fit.
5. caseworker_summary: short, factual. The letters are the municipality's own.
6. Rejected: fix the error, resubmit once.
"""

REMINDER = "Do not answer in plain text: call the look-ups still missing, then submit_death_plan."
"""Sent when the model answers without a tool call."""

_REQUEST_BLOCK = re.compile(r"```json\n(?P<body>.*?)\n```", re.DOTALL)


def render_request(view: "RequestView") -> str:
    """The first human message: the reported death, in tokens, as a JSON block."""
    body = json.dumps(
        view.model_dump(mode="json", exclude_defaults=True), separators=(",", ":"), sort_keys=True
    )
    return f"The reported death:\n```json\n{body}\n```"


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

"""The decision trail as a readable, server-rendered HTML page (no scripts, prints well)."""

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from workflows.audit.trail import Trail
from workflows.audit.trail.lookup import trail_reading

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_env = Environment(
    loader=PackageLoader("burgerflow.audit", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _local_time(value: datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M:%S")


def _pretty(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


_env.filters["local_time"] = _local_time
_env.filters["pretty"] = _pretty


def render_trail(trail: Trail, *, generated_at: datetime) -> str:
    """The trail of a case as an HTML page.

    The request card reads as the case's life event tells it (its trail adapter).

    Args:
        trail: The trail built from the case's history.
        generated_at: When the page was built (shown, so a printout is dated).
    """
    reading = trail_reading(trail.workflow_type, trail.case_id)
    return _env.get_template("trail.html").render(
        trail=trail,
        life_event=reading.title,
        request_fields=reading.adapter.request_fields(trail.request),
        generated_at=generated_at,
        decision_count=sum(len(g.decisions) for g in trail.gates),
    )

"""Which life event a case's history belongs to, and how its trail reads.

The life event is found by the history's workflow type, else by the case id's prefix; its
adapter is `extras["trail"]`. A life event without one (or a history of no known life
event) is read by the generic `TrailAdapter`, given the life event's agent graphs if any.
"""

from dataclasses import dataclass

from workflows.audit.trail.adapter import TrailAdapter

TRAIL_EXTRA = "trail"
"""The key of a life event's `TrailAdapter` in its `extras`."""


@dataclass(frozen=True, slots=True)
class TrailReading:
    """How to read one history: its life event's name and trail adapter."""

    title: str
    adapter: TrailAdapter


def trail_reading(workflow_type: str, case_id: str) -> TrailReading:
    """The name of a history's life event and its trail adapter.

    Args:
        workflow_type: The history's workflow type ("" when it has no start event).
        case_id: The case (workflow) id.
    """
    # Imported here, not at the top: a life event's own adapter imports this package, and
    # the list imports the life events.
    from workflows.life_events import LIFE_EVENTS

    by_type = LIFE_EVENTS.of_workflow_type(workflow_type) if workflow_type else None
    event = by_type or LIFE_EVENTS.of_case(case_id)
    if event is None:
        return TrailReading(title="Case", adapter=TrailAdapter())
    adapter = event.extras.get(TRAIL_EXTRA)
    if not isinstance(adapter, TrailAdapter):
        adapter = TrailAdapter(graphs=event.agent.graphs if event.agent else ())
    return TrailReading(title=event.title_in("en"), adapter=adapter)

"""The one list of life events burgerflow handles.

Everything shared iterates `LIFE_EVENTS` when it is built (the API's report union, the
worker's registrations, the approvals store and page, the audit trail, the transparency
record, `burgerflow eval`, the bench, `approvals rebuild`), so a life event is added here
and nowhere else. Tests add one for a while with `LIFE_EVENTS.added(event)`.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from workflows.case.life_event import LifeEvent
from workflows.change_of_address.life_event import CHANGE_OF_ADDRESS
from workflows.death.life_event import DEATH
from workflows.emigration.life_event import EMIGRATION


class LifeEvents:
    """An ordered list of life events, looked up by type or case id."""

    def __init__(self, events: list[LifeEvent]) -> None:
        self._events = list(events)

    def __iter__(self) -> Iterator[LifeEvent]:
        return iter(list(self._events))

    def __len__(self) -> int:
        return len(self._events)

    def types(self) -> list[str]:
        """The life events' types, in order."""
        return [e.type for e in self._events]

    def get(self, type: str) -> LifeEvent | None:
        """The life event of `type`, if handled."""
        return next((e for e in self._events if e.type == type), None)

    def of_case(self, case_id: str) -> LifeEvent | None:
        """The life event whose case ids look like `case_id`."""
        return next((e for e in self._events if e.owns(case_id)), None)

    def of_workflow_type(self, workflow_type: str) -> LifeEvent | None:
        """The life event whose workflow type is `workflow_type`."""
        return next((e for e in self._events if e.workflow_type == workflow_type), None)

    @contextmanager
    def added(self, event: LifeEvent) -> Iterator[LifeEvent]:
        """Handle `event` too, for the duration of the block (tests)."""
        if self.get(event.type) or any(
            e.case_id_prefix == event.case_id_prefix for e in self._events
        ):
            raise ValueError(f"a life event {event.type} or prefix {event.case_id_prefix} exists")
        self._events.append(event)
        try:
            yield event
        finally:
            self._events.remove(event)


LIFE_EVENTS = LifeEvents([CHANGE_OF_ADDRESS, EMIGRATION, DEATH])
"""Every life event this deployment handles."""

"""What one workflow history says about a case: its size, its Temporal actions, its timings.

Histories are the record the benchmark counts from, for burgerflow and for the baseline
alike. Actions follow Temporal Cloud's billing categories as far as a history shows them
(queries and heartbeats leave no event and are not counted).
"""

import json
from dataclasses import dataclass, field

from temporalio.api.common.v1 import Payloads
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHistory

from burgerflow.core.constants import SA_STATUS, CaseStatus

_ONE_ACTION = frozenset(
    {
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
        EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
        EventType.EVENT_TYPE_TIMER_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
        EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
        EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
        EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
        EventType.EVENT_TYPE_MARKER_RECORDED,
        EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
        EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
    }
)
"""History events that are one billable action each (but see `_billed`)."""

_VERSIONING_ATTRIBUTE = "TemporalChangeVersion"
"""The search attribute the SDK sets for `workflow.patched`; Temporal Cloud does not bill it."""
_PATCH_MARKER = "core_patch"
"""The marker `workflow.patched` records: versioning, not a side effect, so not billed."""


def _billed(event: HistoryEvent) -> bool:
    """Whether `event` is a billable action, as Temporal Cloud counts them.

    A search-attribute upsert is one unless it sets only `TemporalChangeVersion`; a marker is
    one (a local activity's) unless it is a patch marker.
    """
    kind = event.event_type
    if kind not in _ONE_ACTION:
        return False
    if kind == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        fields = event.upsert_workflow_search_attributes_event_attributes.search_attributes
        return set(fields.indexed_fields) != {_VERSIONING_ATTRIBUTE}
    if kind == EventType.EVENT_TYPE_MARKER_RECORDED:
        return event.marker_recorded_event_attributes.marker_name != _PATCH_MARKER
    return True


_CLOSED = frozenset(
    {
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
    }
)


@dataclass
class Timing:
    """Time spent on one kind of task in a case (seconds).

    Attributes:
        count: Tasks of this kind that completed.
        queued_s: From scheduled to started: waiting for a worker to pick the task up.
        running_s: From started to completed: the worker running it.
    """

    count: int = 0
    queued_s: float = 0.0
    running_s: float = 0.0


@dataclass
class PayloadBytes:
    """The payloads one activity type sent and got back in a case (bytes, as stored).

    Attributes:
        tasks: Activities of this type scheduled.
        input: Sum of the sizes of their inputs (`ActivityTaskScheduled`).
        result: Sum of the sizes of their results (`ActivityTaskCompleted`).
        largest: The largest single input or result.
    """

    tasks: int = 0
    input: int = 0
    result: int = 0
    largest: int = 0


WORKFLOW_TASK = "(workflow task)"
"""The `timings` key of workflow tasks (the worker running workflow code)."""


@dataclass(frozen=True)
class CaseTrace:
    """One case as its history records it.

    Attributes:
        events: Number of history events.
        actions: Billable Temporal actions (an activity retry is one more).
        activities_before_gate: Activities scheduled before the first accepted update.
        activities_after_gate: Activities scheduled after it.
        updates: Accepted updates (caseworker decisions).
        activity_retries: Activity attempts beyond the first.
        started_at: When the workflow started (Unix time, server clock).
        awaiting_at: When the case's status became `awaiting_approval`, if it did.
        first_update_done_at: When the first update completed, if one did (for the
            baseline, whose update completes as soon as the workflow reaches its gate).
        closed_at: When the workflow closed, if it did.
        timings: Time per activity type (and `WORKFLOW_TASK`), for where a case's time goes.
        payloads: Payload bytes per activity type: what the case's activities carried in
            and out, as the history stores it (encoded, so encrypted where a codec is on).
    """

    events: int
    actions: int
    activities_before_gate: int
    activities_after_gate: int
    updates: int
    activity_retries: int
    started_at: float | None
    awaiting_at: float | None
    first_update_done_at: float | None
    closed_at: float | None
    timings: dict[str, Timing]
    payloads: dict[str, PayloadBytes] = field(default_factory=dict)

    @property
    def payload_bytes(self) -> int:
        """Activity inputs and results of the case, in bytes."""
        return sum(p.input + p.result for p in self.payloads.values())

    @property
    def largest_payload(self) -> int:
        """The largest single activity input or result of the case, in bytes."""
        return max((p.largest for p in self.payloads.values()), default=0)


def payload_size(payloads: Payloads) -> tuple[int, int]:
    """The size of a list of payloads as stored (metadata and data), and its largest one."""
    sizes = [p.ByteSize() for p in payloads.payloads]
    return sum(sizes), max(sizes, default=0)


class _PayloadCounter:
    """Adds up activity inputs and results per activity type."""

    def __init__(self) -> None:
        self.payloads: dict[str, PayloadBytes] = {}
        self._types: dict[int, str] = {}

    def see(self, event: HistoryEvent) -> None:
        match event.event_type:
            case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                attributes = event.activity_task_scheduled_event_attributes
                name = attributes.activity_type.name
                self._types[event.event_id] = name
                size, largest = payload_size(attributes.input)
                counted = self.payloads.setdefault(name, PayloadBytes())
                counted.tasks += 1
                counted.input += size
                counted.largest = max(counted.largest, largest)
            case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                done = event.activity_task_completed_event_attributes
                name = self._types.get(done.scheduled_event_id, "?")
                size, largest = payload_size(done.result)
                counted = self.payloads.setdefault(name, PayloadBytes())
                counted.result += size
                counted.largest = max(counted.largest, largest)


def _time(event: HistoryEvent) -> float:
    return event.event_time.ToNanoseconds() / 1e9


def _status_upsert(event: HistoryEvent) -> str | None:
    """The case status a search-attribute upsert sets, if it sets one."""
    fields = event.upsert_workflow_search_attributes_event_attributes.search_attributes
    payload = fields.indexed_fields.get(SA_STATUS.name)
    if payload is None:
        return None
    value = json.loads(payload.data)
    # A keyword may be encoded as a one-element list by older SDKs.
    return str(value[0] if isinstance(value, list) and value else value)


def trace(history: WorkflowHistory) -> CaseTrace:
    """Count and time the events of one workflow history."""
    actions = 0
    before = after = updates = retries = 0
    started_at: float | None = None
    awaiting_at: float | None = None
    first_update_done_at: float | None = None
    closed_at: float | None = None
    clock = _TaskClock()
    payloads = _PayloadCounter()
    for event in history.events:
        payloads.see(event)
        kind = event.event_type
        if _billed(event):
            actions += 1
        clock.see(event)
        match kind:
            case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
                started_at = _time(event)
            case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                if updates:
                    after += 1
                else:
                    before += 1
            case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                # Only the last attempt's start is recorded; its number tells the retries.
                extra = max(event.activity_task_started_event_attributes.attempt - 1, 0)
                retries += extra
                actions += extra
            case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
                updates += 1
            case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED:
                if first_update_done_at is None:
                    first_update_done_at = _time(event)
            case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
                if awaiting_at is None and _status_upsert(event) == CaseStatus.AWAITING_APPROVAL:
                    awaiting_at = _time(event)
        if kind in _CLOSED:
            closed_at = _time(event)
    return CaseTrace(
        events=len(history.events),
        actions=actions,
        activities_before_gate=before,
        activities_after_gate=after,
        updates=updates,
        activity_retries=retries,
        started_at=started_at,
        awaiting_at=awaiting_at,
        first_update_done_at=first_update_done_at,
        closed_at=closed_at,
        timings=clock.timings,
        payloads=payloads.payloads,
    )


class _TaskClock:
    """Follows activity and workflow tasks from scheduled to started to completed."""

    def __init__(self) -> None:
        self.timings: dict[str, Timing] = {}
        self._scheduled: dict[int, tuple[str, float]] = {}
        self._started: dict[int, float] = {}

    def see(self, event: HistoryEvent) -> None:
        """Take note of `event` if it schedules, starts or completes a task."""
        at = _time(event)
        match event.event_type:
            case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                name = event.activity_task_scheduled_event_attributes.activity_type.name
                self._scheduled[event.event_id] = (name, at)
            case EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
                self._scheduled[event.event_id] = (WORKFLOW_TASK, at)
            case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                attributes = event.activity_task_started_event_attributes
                self._started[attributes.scheduled_event_id] = at
            case EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
                attributes_wf = event.workflow_task_started_event_attributes
                self._started[attributes_wf.scheduled_event_id] = at
            case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
                self._done(event.activity_task_completed_event_attributes.scheduled_event_id, at)
            case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
                self._done(event.workflow_task_completed_event_attributes.scheduled_event_id, at)

    def _done(self, scheduled_id: int, at: float) -> None:
        name, scheduled_at = self._scheduled.get(scheduled_id, ("?", at))
        started_at = self._started.get(scheduled_id, scheduled_at)
        timing = self.timings.setdefault(name, Timing())
        timing.count += 1
        timing.queued_s += started_at - scheduled_at
        timing.running_s += at - started_at

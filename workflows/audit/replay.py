"""Replaying cases for audit: one case, every case since a date, or exported histories.

A replay runs a recorded history through today's workflow code (`workflows.replay`) with the
deployment's converter, so encrypted histories decode, and reports whether the code
reproduces the case or where it first diverges. Run it before deploying a change: a
divergence means running cases would break on the new code.
"""

import re
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime, time

from pydantic import BaseModel
from temporalio import workflow
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import Client, WorkflowHistory
from temporalio.converter import DataConverter

from workflows.replay import replay
from workflows.worker import case_workflows

_CORE_MESSAGE = re.compile(r'message: "((?:[^"\\]|\\.)*)"')
_SCHEDULED_TYPE = re.compile(r"scheduled event '([^']+)'")
_EVENT_ID = re.compile(r"(?:event(?:[ _]id)?|HistoryEvent\(id)[:= ]*\s*(\d+)", re.IGNORECASE)


class Divergence(BaseModel):
    """Where a replay stopped matching the history.

    Attributes:
        message: The replayer's explanation (which command met which recorded event).
        event_id: The first history event that no longer matches, when the message names it.
        event_type: That event's type.
    """

    message: str
    event_id: int | None = None
    event_type: str | None = None
    detail: str = ""
    """The replayer's full report."""


class ReplayReport(BaseModel):
    """The result of replaying one case.

    Attributes:
        case_id: The case (workflow id).
        workflow_type: The workflow the history belongs to.
        history_events: Events replayed.
        deterministic: True when today's code reproduces the history exactly.
        divergence: The first divergence, when it does not.
        error: Why the history could not be replayed at all (not found, undecodable).
        replayed_at: When the replay ran.
    """

    case_id: str
    workflow_type: str | None = None
    history_events: int = 0
    deterministic: bool = False
    divergence: Divergence | None = None
    error: str | None = None
    replayed_at: datetime


def _event_type(history: WorkflowHistory, event_id: int) -> str | None:
    for event in history.events:
        if event.event_id == event_id:
            return EventType.Name(event.event_type).removeprefix("EVENT_TYPE_")
    return None


def _explain(failure: Exception) -> tuple[str, str]:
    """The replayer's explanation of `failure` and its full report."""
    detail = str(failure)
    cause = failure.__cause__
    if cause is not None and str(cause) not in detail:
        detail = f"{detail}: {cause}"
    # The SDK core wraps the explanation in a debug dump; the explanation is what people read.
    inner = _CORE_MESSAGE.search(detail)
    return (inner.group(1) if inner else detail), detail


async def _fails(
    events: Sequence[HistoryEvent],
    history: WorkflowHistory,
    converter: DataConverter,
    workflows: Sequence[type] | None,
) -> bool:
    prefix = WorkflowHistory(history.workflow_id, list(events))
    result = await replay(prefix, converter, workflows=workflows)
    return result.replay_failure is not None


async def _diverging_window(
    history: WorkflowHistory, converter: DataConverter, workflows: Sequence[type] | None
) -> list[HistoryEvent]:
    """The events of the first workflow task whose commands no longer match the history.

    The replayer names what mismatched but seldom where; replaying ever longer prefixes (each
    ending where a workflow task starts, as a worker would see it) finds the first task that
    fails, by bisection: the history diverges among the events that task's predecessor
    recorded.
    """
    events = list(history.events)
    starts = [
        i
        for i, e in enumerate(events)
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
    ]
    lo, hi = 0, len(starts)  # hi: "only the whole history fails"
    while lo < hi:
        mid = (lo + hi) // 2
        if await _fails(events[: starts[mid] + 1], history, converter, workflows):
            hi = mid
        else:
            lo = mid + 1
    end = starts[lo] if lo < len(starts) else len(events) - 1
    completed = [
        i
        for i in range(end)
        if events[i].event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    ]
    begin = completed[-1] + 1 if completed else 0
    return events[begin : end + 1]


def _first_diverging_event(window: Sequence[HistoryEvent], message: str) -> HistoryEvent | None:
    named = _SCHEDULED_TYPE.search(message)
    for event in window:
        if named and event.HasField("activity_task_scheduled_event_attributes"):
            if event.activity_task_scheduled_event_attributes.activity_type.name == named.group(1):
                return event
    by_id = _EVENT_ID.search(message)
    if by_id:
        wanted = int(by_id.group(1))
        return next((e for e in window if e.event_id == wanted), None)
    task_events = {
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    }
    return next((e for e in window if e.event_type not in task_events), None)


async def locate_divergence(
    history: WorkflowHistory,
    failure: Exception,
    converter: DataConverter,
    *,
    workflows: Sequence[type] | None = None,
) -> Divergence:
    """Describe a replay failure and name the first history event that no longer matches."""
    message, detail = _explain(failure)
    window = await _diverging_window(history, converter, workflows)
    event = _first_diverging_event(window, message)
    return Divergence(
        message=message,
        event_id=event.event_id if event else None,
        event_type=_event_type(history, event.event_id) if event else None,
        detail=detail,
    )


async def replay_history(
    history: WorkflowHistory,
    converter: DataConverter,
    *,
    workflows: Sequence[type] | None = None,
) -> ReplayReport:
    """Replay one history and report the outcome (never raises for a divergence).

    Args:
        history: The case's history as fetched or exported (payloads encoded or not).
        converter: The deployment's converter; its codec decrypts the payloads.
        workflows: The implementations to replay against (today's by default).
    """
    started = history.events[0] if history.events else None
    workflow_type = (
        started.workflow_execution_started_event_attributes.workflow_type.name
        if started is not None
        else None
    )
    report = ReplayReport(
        case_id=history.workflow_id,
        workflow_type=workflow_type,
        history_events=len(history.events),
        replayed_at=datetime.now(UTC),
    )
    try:
        result = await replay(history, converter, workflows=workflows)
    except Exception as e:  # noqa: BLE001 - an unreplayable history is reported, not raised
        report.error = f"{type(e).__name__}: {e}"
        return report
    if result.replay_failure is None:
        report.deterministic = True
    else:
        report.divergence = await locate_divergence(
            history, result.replay_failure, converter, workflows=workflows
        )
    return report


def visibility_query(workflow_types: Sequence[str], since: date | None) -> str:
    """The visibility query that lists the cases of `workflow_types` started since `since`."""
    types = " OR ".join(f"WorkflowType = '{name}'" for name in workflow_types)
    query = f"({types})"
    if since is not None:
        start = datetime.combine(since, time.min, tzinfo=UTC).isoformat().replace("+00:00", "Z")
        query += f" AND StartTime >= '{start}'"
    return query


async def list_cases(
    client: Client,
    *,
    since: date | None = None,
    workflows: Sequence[type] | None = None,
    query: str | None = None,
) -> list[str]:
    """The ids of every case (running or closed) of `workflows` started since `since`.

    Args:
        client: A connected client.
        since: Only cases started on or after this day (UTC); every case when None.
        workflows: The workflows whose cases to list (every life event's by default).
        query: An extra visibility filter ANDed to the selection (e.g. a task queue).
    """
    chosen = workflows if workflows is not None else case_workflows()
    names = [str(workflow._Definition.must_from_class(w).name) for w in chosen]
    full = visibility_query(names, since)
    if query:
        full = f"{full} AND ({query})"
    ids: list[str] = []
    async for execution in client.list_workflows(full):
        ids.append(execution.id)
    # Oldest first: a bulk replay reads like the order the cases came in.
    return list(reversed(list(dict.fromkeys(ids))))


async def replay_cases(
    client: Client,
    case_ids: Sequence[str],
    *,
    workflows: Sequence[type] | None = None,
) -> AsyncIterator[ReplayReport]:
    """Replay each case of `case_ids` in turn, yielding a report as each one finishes.

    Args:
        client: A connected client with the deployment's converter.
        case_ids: The cases to replay.
        workflows: The implementations to replay against (today's by default).
    """
    for case_id in case_ids:
        try:
            history = await client.get_workflow_handle(case_id).fetch_history()
        except Exception as e:  # noqa: BLE001 - a case that cannot be fetched is reported
            yield ReplayReport(
                case_id=case_id, error=f"{type(e).__name__}: {e}", replayed_at=datetime.now(UTC)
            )
            continue
        yield await replay_history(history, client.data_converter, workflows=workflows)


class ReplaySummary(BaseModel):
    """Totals of a bulk replay."""

    replayed: int = 0
    deterministic: int = 0
    diverged: int = 0
    errors: int = 0

    def count(self, report: ReplayReport) -> None:
        """Add one report to the totals."""
        self.replayed += 1
        if report.deterministic:
            self.deterministic += 1
        elif report.divergence is not None:
            self.diverged += 1
        else:
            self.errors += 1

    @property
    def ok(self) -> bool:
        """True when every case replayed deterministically."""
        return self.deterministic == self.replayed

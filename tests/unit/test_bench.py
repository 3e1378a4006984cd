"""The benchmark's arithmetic: percentiles, the case mix, counting a history, the cases."""

import dataclasses
import itertools
import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from temporalio.api.common.v1 import Payload
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHistory

from burgerflow.bench.history import WORKFLOW_TASK, trace
from burgerflow.bench.population import APPROVALS, CaseKind, bench_life_event, plan_kinds
from burgerflow.bench.report import Latency, percentile
from workflows.case.population import IN_USE, RESIDENTIAL, Home
from workflows.change_of_address.life_event import CHANGE_OF_ADDRESS
from workflows.life_events import LIFE_EVENTS


def test_percentiles_interpolate_between_ranks():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    assert Latency.of([0.1, 0.2, 0.3]) == Latency(n=3, p50=200.0, p95=290.0, p99=298.0, max=300.0)


@pytest.mark.parametrize("cases,fraction", [(10, 0.2), (200, 0.2), (7, 0.5), (5, 0.0), (4, 1.0)])
def test_the_mix_has_the_asked_share_of_gates_half_of_them_four_eyes(cases, fraction):
    kinds = plan_kinds(cases, fraction)
    gated = [k for k in kinds if k is not CaseKind.UNGATED]
    assert len(kinds) == cases
    assert len(gated) == round(cases * fraction)
    assert abs(kinds.count(CaseKind.FOUR_EYES) - kinds.count(CaseKind.GATED)) <= 1
    assert APPROVALS[CaseKind.FOUR_EYES] == 2 and APPROVALS[CaseKind.GATED] == 1


def _event(event_id: int, kind: EventType.ValueType, at_ms: int, **attributes) -> HistoryEvent:
    stamp = Timestamp()
    stamp.FromMilliseconds(1_800_000_000_000 + at_ms)
    event = HistoryEvent(event_id=event_id, event_type=kind, event_time=stamp)
    for name, values in attributes.items():
        getattr(event, name).MergeFrom(values)
    return event


SCHEDULED = "activity_task_scheduled_event_attributes"


def test_a_history_is_counted_and_timed():
    from temporalio.api.history.v1 import (
        ActivityTaskCompletedEventAttributes,
        ActivityTaskScheduledEventAttributes,
        ActivityTaskStartedEventAttributes,
        UpsertWorkflowSearchAttributesEventAttributes,
        WorkflowTaskCompletedEventAttributes,
        WorkflowTaskStartedEventAttributes,
    )

    e = EventType
    status = Payload(
        metadata={"encoding": b"json/plain"}, data=json.dumps("awaiting_approval").encode()
    )
    upsert = UpsertWorkflowSearchAttributesEventAttributes()
    upsert.search_attributes.indexed_fields["BurgerflowStatus"].CopyFrom(status)
    scheduled = ActivityTaskScheduledEventAttributes()
    scheduled.activity_type.name = "project_case"
    events = [
        _event(1, e.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0),
        _event(2, e.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 0),
        _event(
            3,
            e.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            40,
            workflow_task_started_event_attributes=WorkflowTaskStartedEventAttributes(
                scheduled_event_id=2
            ),
        ),
        _event(
            4,
            e.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            100,
            workflow_task_completed_event_attributes=WorkflowTaskCompletedEventAttributes(
                scheduled_event_id=2
            ),
        ),
        _event(
            5,
            e.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            100,
            activity_task_scheduled_event_attributes=scheduled,
        ),
        _event(
            6,
            e.EVENT_TYPE_ACTIVITY_TASK_STARTED,
            110,
            activity_task_started_event_attributes=ActivityTaskStartedEventAttributes(
                scheduled_event_id=5, attempt=3
            ),
        ),
        _event(
            7,
            e.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            160,
            activity_task_completed_event_attributes=ActivityTaskCompletedEventAttributes(
                scheduled_event_id=5
            ),
        ),
        _event(
            8,
            e.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            200,
            upsert_workflow_search_attributes_event_attributes=upsert,
        ),
        _event(9, e.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, 900),
        _event(10, e.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, 950),
        _event(
            11,
            e.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            960,
            activity_task_scheduled_event_attributes=scheduled,
        ),
        _event(12, e.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 1000),
    ]

    t = trace(WorkflowHistory("wf", events))

    assert t.events == 12
    # started, 2 activities (+2 retries of the first), 1 upsert, 1 update
    assert t.actions == 1 + 2 + 2 + 1 + 1
    assert (t.activities_before_gate, t.activities_after_gate, t.updates) == (1, 1, 1)
    assert t.activity_retries == 2
    assert t.awaiting_at is not None and t.started_at is not None and t.closed_at is not None
    assert t.awaiting_at - t.started_at == pytest.approx(0.2)
    assert t.closed_at - t.started_at == pytest.approx(1.0)
    assert t.timings[WORKFLOW_TASK].count == 1
    assert t.timings[WORKFLOW_TASK].queued_s == pytest.approx(0.04)
    assert t.timings[WORKFLOW_TASK].running_s == pytest.approx(0.06)
    assert t.timings["project_case"].count == 1
    assert t.timings["project_case"].running_s == pytest.approx(0.05)


class RecordingPopulation:
    """A `Population` that keeps what it is asked to make, in memory."""

    def __init__(self) -> None:
        self.today = date(2026, 5, 1)
        self.homes: dict[tuple[str, int], dict[str, Any]] = {}
        self.people: dict[str, Home] = {}
        self._serial = itertools.count(1)

    def bsn(self) -> str:
        return f"{next(self._serial):09d}"

    async def home(
        self,
        gemeentecode: str,
        *,
        oppervlakte: int = 90,
        gebruiksdoelen: Sequence[str] = RESIDENTIAL,
        status: str = IN_USE,
        in_onderzoek: bool = False,
    ) -> Home:
        n = next(self._serial)
        home = Home(f"{gemeentecode}01{n:010d}", "1011AB", n)
        self.homes[(home.postcode, home.huisnummer)] = {
            "gemeentecode": gemeentecode,
            "gebruiksdoelen": list(gebruiksdoelen),
            "status": status,
        }
        return home

    def unknown_address(self, gemeentecode: str) -> Home:
        return Home(f"{gemeentecode}010000000000", "1011ZZ", 99999)

    async def person(self, home: Home, *, bsn: str | None = None, **fields: Any) -> str:
        bsn = bsn or self.bsn()
        self.people[bsn] = home
        return bsn


def test_the_bench_drives_the_first_life_event_with_a_bench_part_or_the_one_named():
    assert bench_life_event()[0] is CHANGE_OF_ADDRESS
    assert bench_life_event(CHANGE_OF_ADDRESS.type)[0] is CHANGE_OF_ADDRESS
    bare = dataclasses.replace(
        CHANGE_OF_ADDRESS, type="bare_event", case_id_prefix="bare", extras={}
    )
    with LIFE_EVENTS.added(bare):
        with pytest.raises(ValueError, match="has no bench part"):
            bench_life_event("bare_event")
    with pytest.raises(ValueError, match="no life event"):
        bench_life_event("no_such_event")


async def test_the_life_event_prepares_one_case_per_kind_each_with_its_own_reporter():
    _, bench = bench_life_event()
    population = RecordingPopulation()
    kinds = plan_kinds(10, 0.4)

    cases = await bench.prepare(population, kinds)

    assert [c.kind for c in cases] == kinds
    assert len({c.bsn for c in cases}) == len(cases) and set(population.people) == {
        c.bsn for c in cases
    }
    for case in cases:
        body = case.report(population.today)
        assert body["type"] == CHANGE_OF_ADDRESS.type and body["bsn"] == case.bsn
        assert body["move_date"] == "2026-05-01"
        new = population.homes[(body["new_address"]["postcode"], body["new_address"]["huisnummer"])]
        # The kind of case is in the new home: in use, not yet in use, or not a home.
        assert (new["status"] == IN_USE) == (case.kind is not CaseKind.GATED)
        assert (new["gebruiksdoelen"] == list(RESIDENTIAL)) == (case.kind is not CaseKind.FOUR_EYES)
        assert population.people[case.bsn] != new


def test_versioning_is_not_billed_but_a_local_activity_is():
    """A recorded lean case: its patch marker and the SDK's `TemporalChangeVersion` upsert are
    free on Temporal Cloud; the end's local activity and the status upsert are one each."""
    path = "tests/golden/lean/completed.json"
    with open(path) as f:
        history = WorkflowHistory.from_json("golden", json.load(f))
    kinds = [e.event_type for e in history.events]
    t = trace(history)
    activities = kinds.count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    upserts = kinds.count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
    markers = kinds.count(EventType.EVENT_TYPE_MARKER_RECORDED)
    assert (upserts, markers) == (2, 2), (
        "one versioning upsert and patch marker, one of each billed"
    )
    assert t.actions == 1 + activities + 1 + 1
    assert t.actions == 12

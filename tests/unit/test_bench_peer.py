"""The bench's peer and its figures: payload bytes, medians over runs, the peer's rule checks,
the death's bench cases."""

import json
from datetime import date

import pytest
from temporalio.api.common.v1 import Payload, Payloads
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import (
    ActivityTaskCompletedEventAttributes,
    ActivityTaskScheduledEventAttributes,
    HistoryEvent,
)
from temporalio.client import WorkflowHistory

from burgerflow.bench import tables
from burgerflow.bench.driver import CaseRun
from burgerflow.bench.history import CaseTrace, PayloadBytes, payload_size, trace
from burgerflow.bench.peer import PEERS, death, emigration
from burgerflow.bench.peer import change_of_address as coa
from burgerflow.bench.peer.facts import Permit, PersonFacts
from burgerflow.bench.population import bench_life_event, plan_kinds
from burgerflow.bench.report import (
    BenchReport,
    Latency,
    RunsReport,
    Side,
    median,
    summarise,
    summary_of_figures,
)
from tests.unit.test_bench import RecordingPopulation
from workflows.case.bench import APPROVALS, CaseKind
from workflows.life_events import LIFE_EVENTS

# Payload bytes -------------------------------------------------------------------------------


def _payloads(*sizes: int) -> Payloads:
    return Payloads(
        payloads=[Payload(metadata={"encoding": b"json/plain"}, data=b"x" * n) for n in sizes]
    )


def _scheduled(event_id: int, name: str, *sizes: int) -> HistoryEvent:
    attributes = ActivityTaskScheduledEventAttributes(input=_payloads(*sizes))
    attributes.activity_type.name = name
    return HistoryEvent(
        event_id=event_id,
        event_type=EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
        activity_task_scheduled_event_attributes=attributes,
    )


def _completed(event_id: int, scheduled: int, *sizes: int) -> HistoryEvent:
    return HistoryEvent(
        event_id=event_id,
        event_type=EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
        activity_task_completed_event_attributes=ActivityTaskCompletedEventAttributes(
            scheduled_event_id=scheduled, result=_payloads(*sizes)
        ),
    )


def test_payload_bytes_add_up_inputs_and_results_per_activity_type():
    def size(n: int) -> int:
        return payload_size(_payloads(n))[0]

    assert size(100) > 100, "metadata counts: a payload's size is as stored"
    assert payload_size(_payloads(100, 300)) == (size(100) + size(300), size(300))
    events = [
        HistoryEvent(event_id=1, event_type=EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
        _scheduled(2, "tools", 100),
        _scheduled(3, "tools", 300),
        _completed(4, 3, 1000),
        _completed(5, 2, 50),
        _scheduled(6, "noop"),
        _completed(7, 6),
    ]

    t = trace(WorkflowHistory("wf", events))

    assert t.payloads["tools"] == PayloadBytes(
        tasks=2,
        input=size(100) + size(300),
        result=size(1000) + size(50),
        largest=size(1000),
    )
    # An activity without input or result carries no payload.
    assert t.payloads["noop"] == PayloadBytes(tasks=1)
    assert t.payload_bytes == size(100) + size(300) + size(1000) + size(50)
    assert t.largest_payload == size(1000)


def _trace(events: int, actions: int, payloads: dict[str, PayloadBytes]) -> CaseTrace:
    return CaseTrace(
        events=events,
        actions=actions,
        activities_before_gate=1,
        activities_after_gate=0,
        updates=0,
        activity_retries=0,
        started_at=0.0,
        awaiting_at=None,
        first_update_done_at=None,
        closed_at=1.0,
        timings={},
        payloads=payloads,
    )


def test_a_side_reports_payloads_per_case_and_ungated_cases_apart():
    runs = [
        CaseRun(index=0, kind=CaseKind.UNGATED, case_id="a", status="completed", ended_at=1),
        CaseRun(index=1, kind=CaseKind.UNGATED, case_id="b", status="completed", ended_at=1),
        CaseRun(index=2, kind=CaseKind.GATED, case_id="c", status="completed", ended_at=2),
    ]
    traces = {
        "a": _trace(40, 10, {"x": PayloadBytes(1, 100, 200, 200)}),
        "b": _trace(60, 12, {"x": PayloadBytes(1, 100, 400, 400)}),
        "c": _trace(90, 20, {"x": PayloadBytes(2, 300, 300, 250), "y": PayloadBytes(1, 0, 0, 0)}),
    }

    side = summarise(
        "peer", runs, traces, awaiting_from_update=True, worker_peak_rss_mib=None, cpu_s={}
    )

    assert side.payload_bytes_per_case == pytest.approx((300 + 500 + 600) / 3, abs=0.01)
    assert side.largest_payload_bytes == 400
    assert side.payloads["x"] == {
        "tasks": pytest.approx(4 / 3, abs=0.01),
        "input_bytes": pytest.approx(500 / 3, abs=0.1),
        "result_bytes": pytest.approx(900 / 3, abs=0.1),
        "largest_bytes": 400,
    }
    assert side.by_kind["ungated"] == {
        "cases": 2,
        "events_per_case": 50.0,
        "actions_per_case": 11.0,
        "payload_bytes_per_case": 400.0,
    }
    assert side.by_kind["gated"]["actions_per_case"] == 20.0


# Medians over runs ---------------------------------------------------------------------------


def _side(name: str, cases_per_s: float, actions: float, payload: float) -> Side:
    return Side(
        name=name,
        cases=10,
        statuses={"completed": 10},
        wall_s=10 / cases_per_s,
        cases_per_s=cases_per_s,
        completed=Latency.of([0.5]),
        awaiting=Latency.of([]),
        events_per_case=3 * actions,
        actions_per_case=actions,
        activities_per_case=5.0,
        updates_per_case=0.0,
        activity_retries=0,
        report_retries=0,
        worker_peak_rss_mib=100.0,
        cpu_s={"worker": 1.0},
        payload_bytes_per_case=payload,
        largest_payload_bytes=int(payload),
        by_kind={"ungated": {"cases": 10, "actions_per_case": actions}},
    )


def _report(bf: float, peer: float, bare: float) -> BenchReport:
    setup = {"life_event": "death", "cases": 10, "concurrency": 2, "gated_fraction": 0.2}
    return BenchReport(
        setup={**setup, "warmup": 0, "cpus": 2, "when": "today"},
        burgerflow=_side("burgerflow", bf, 20.0, 5000.0),
        peer=_side("peer", peer, 8.0, 500.0),
        baseline=_side("bare_temporal", bare, 14.0, 100.0),
        errors=[],
    )


def test_the_median_of_runs_takes_each_figure_and_each_runs_own_ratio():
    assert median([3.0, None, 1.0, 2.0]) == 2.0
    assert median([None]) is None
    runs = RunsReport([_report(1.0, 2.0, 4.0), _report(3.0, 3.0, 5.0), _report(2.0, 4.0, 2.0)])

    summary = runs.summary()

    cps = summary["cases per second"]
    assert cps["burgerflow"] == {"median": 2.0, "min": 1.0, "max": 3.0}
    assert cps["peer"] == {"median": 3.0, "min": 2.0, "max": 4.0}
    # Ratios within each run (0.5, 1.0, 0.5 and 0.25, 0.6, 1.0), then their median.
    assert cps["bf/peer"] == {"median": 0.5, "min": 0.5, "max": 1.0}
    assert cps["bf/no-op"] == {"median": 0.6, "min": 0.25, "max": 1.0}
    assert summary["Temporal actions per ungated case"]["peer"]["median"] == 8.0
    assert summary["payload bytes per case"]["burgerflow"]["median"] == 5000.0
    assert "bf/peer" not in summary["CPU ms per case: worker"]
    assert summary["CPU ms per case: worker"]["burgerflow"]["median"] == 100.0

    data = json.loads(json.dumps(runs.to_json()))
    assert data["setup"]["runs"] == 3 and len(data["runs"]) == 3
    assert data["summary"]["cases per second"]["bf/peer"]["median"] == 0.5
    assert runs.all_completed
    table = runs.table()
    assert "median of 3 runs" in table and "| cases per second" in table
    assert "2.00 (1.00–3.00)" in table


def test_saved_reports_print_as_tables(tmp_path, capsys):
    one = _report(1.0, 2.0, 4.0).to_json()
    assert summary_of_figures(one["figures"])["cases per second"]["bf/peer"]["median"] == 0.5
    (tmp_path / "one.json").write_text(json.dumps(one))
    (tmp_path / "three.json").write_text(
        json.dumps(RunsReport([_report(1.0, 2.0, 4.0), _report(3.0, 3.0, 5.0)]).to_json())
    )

    assert tables.main([str(tmp_path / "one.json"), str(tmp_path / "three.json")]) == 0

    out = capsys.readouterr().out
    assert "### one" in out and "one run" in out
    assert "### three" in out and "median of 2 runs" in out
    assert out.count("| cases per second") == 2


# The peer's rule checks ----------------------------------------------------------------------


def _mover(bsn: str, **others) -> coa.Mover:
    return coa.Mover(
        bsn=bsn,
        municipality="0599",
        object_id="0599010000000001",
        others=PersonFacts(bsn=bsn, **others),
    )


def test_the_peer_moves_like_the_change_of_address_rules_say():
    move = coa.MoveInput.model_validate(
        {
            "type": "change_of_address",
            "case_id": "case-1",
            "bsn": "999990001",
            "new_address": {"postcode": "1011AB", "huisnummer": 1},
            "move_date": "2026-05-01",
            "co_movers": [],
        }
    )
    facts = coa.MoveFacts(
        movers=[_mover("999990001", taxed_by=["0599"])],
        new_object_id="0363010000000009",
        object_status=coa.IN_USE,
        m2=500,
    )
    assert coa.approvals_needed(facts) == 0
    steps = coa.steps_of(move, facts)
    assert [s.kind for s in steps] == [
        "brp_register_address",
        "notify",
        "stop_taxes",
        "start_taxes",
        "citizen_message",
    ]
    assert steps[2].params == {"gemeentecode": "0599"}
    assert steps[3].params == {"gemeentecode": "0363"}
    assert len({s.key for s in steps}) == len(steps) and all("case-1:" in s.key for s in steps)
    # Not yet in use: one caseworker; not a home: two more.
    assert coa.approvals_needed(facts.model_copy(update={"object_status": "gevormd"})) == 1
    assert coa.approvals_needed(facts.model_copy(update={"residential": False})) == 2
    assert coa.approvals_needed(facts.model_copy(update={"m2": 10})) == 1
    assert coa.approvals_needed(facts.model_copy(update={"new_object_id": None})) == 1
    busy = _mover(
        "999990001",
        benefits=["zorgtoeslag"],
        vehicles=["AB-12-CD"],
        permits=[Permit(number="P1", object_id="0599010000000001", active=True)],
    )
    kinds = [s.kind for s in coa.steps_of(move, facts.model_copy(update={"movers": [busy]}))]
    assert kinds.count("notify") == 3 and "end_parking_permit" in kinds


def _emigrant(bsn: str, **fields) -> emigration.Emigrant:
    values = {
        "age": 40,
        "municipality": "0363",
        "object_id": "0363010000000001",
        "relatives": [],
        "custody_holders": [],
        "housemates": [bsn],
        "others": PersonFacts(bsn=bsn, taxed_by=["0363"]),
    }
    return emigration.Emigrant(bsn=bsn, **{**values, **fields})


def test_the_peer_emigrates_like_the_emigration_rules_say():
    report = emigration.EmigrationInput.model_validate(
        {
            "case_id": "case-2",
            "bsn": "999990001",
            "departure_date": "2026-05-01",
            "country": "BE",
            "foreign_address": {"regel1": "Rue de la Loi 16"},
            "co_movers": [],
        }
    )
    alone = emigration.EmigrationFacts(movers=[_emigrant("999990001")])
    assert emigration.approvals_needed(report, alone) == 0
    steps = emigration.steps_of(report, alone, date(2026, 5, 3))
    assert [s.kind for s in steps] == [
        "brp_register_emigration",
        "notify",
        "stop_taxes",
        "citizen_message",
    ]
    assert steps[0].deregistration_date == date(2026, 5, 3), "reported after the departure"
    staying = emigration.EmigrationFacts(
        movers=[_emigrant("999990001", housemates=["999990001", "999990002"])]
    )
    assert emigration.approvals_needed(report, staying) == 1
    with_kid = report.model_copy(update={"co_movers": ["999990003"]})
    family = emigration.EmigrationFacts(
        movers=[
            _emigrant("999990001", relatives=["999990003"], housemates=["999990001", "999990003"]),
            _emigrant(
                "999990003",
                age=9,
                custody_holders=["999990001", "999990004"],
                housemates=["999990001", "999990003"],
            ),
        ]
    )
    assert emigration.approvals_needed(with_kid, family) == 2


def test_the_peer_reports_a_death_like_the_death_rules_say():
    report = death.DeathInput.model_validate(
        {
            "case_id": "case-3",
            "reporter": "bench-portal",
            "bsn": "999990001",
            "deceased": {"geslachtsnaam": "Bench", "geboortedatum": "1948-04-01"},
            "date_of_death": "2026-04-30",
            "place_of_death": "0363",
            "manner": "natural",
            "documents": {"verklaring_van_overlijden": True},
            "disposal": {"kind": "cremeren", "date": "2026-05-02"},
        }
    )
    facts = death.DeathFacts(
        found=True,
        surname="Bench",
        born=date(1948, 4, 1),
        lived_alone=True,
        others=PersonFacts(bsn="999990001", taxed_by=["0363"]),
    )
    assert death.approvals_needed(report, facts) == 1, "the deed's approval only"
    assert [kind for kind, _, _ in death.steps_of(report, facts)] == [
        "draw_up_deed",
        "issue_disposal_permit",
        "brp_record_death",
        "notify",
        "stop_taxes",
        "undertaker_message",
    ]
    soon = report.model_copy(
        update={"disposal": death.Disposal(kind="cremeren", date=date(2026, 5, 1))}
    )
    assert death.approvals_needed(soon, facts) == 2
    assert death.approvals_needed(report.model_copy(update={"manner": "non_natural"}), facts) == 3
    assert death.approvals_needed(report, facts.model_copy(update={"surname": "Other"})) == 3
    assert death.last_disposal_day(date(2026, 4, 30)) == date(2026, 5, 8)  # Thu + 6 weekdays
    gone = facts.model_copy(update={"already_deceased": True})
    assert [k for k, _, _ in death.steps_of(report, gone)] == [
        "draw_up_deed",
        "issue_disposal_permit",
        "undertaker_message",
    ]


# Every life event in the bench ---------------------------------------------------------------


def test_every_life_event_has_a_bench_part_and_a_peer():
    for event in LIFE_EVENTS:
        assert bench_life_event(event.type)[0] is event
        assert event.type in PEERS
    assert bench_life_event("change_of_address")[1].approvals == APPROVALS


async def test_the_death_prepares_routine_early_and_unnatural_deaths():
    _, bench = bench_life_event("death")
    population = RecordingPopulation()
    kinds = plan_kinds(10, 0.4)

    cases = await bench.prepare(population, kinds)

    assert [c.kind for c in cases] == kinds and len({c.bsn for c in cases}) == 10
    assert bench.approvals == {CaseKind.UNGATED: 1, CaseKind.GATED: 2, CaseKind.FOUR_EYES: 3}
    for case in cases:
        body = case.report(population.today)
        report = death.DeathInput.model_validate(
            {**body, "case_id": "c", "reporter": "bench-portal"}
        )
        assert report.date_of_death == date(2026, 4, 30)
        facts = death.DeathFacts(
            found=True, surname=report.deceased.geslachtsnaam, born=report.deceased.geboortedatum
        )
        # The peer's own rule check agrees with the decisions the kind takes.
        assert death.approvals_needed(report, facts) == bench.approvals[case.kind]
        assert (report.manner == "non_natural") == (case.kind is CaseKind.FOUR_EYES)

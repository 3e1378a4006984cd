"""Golden histories of lean cases replay with today's code.

`lean/` holds cases started with `LEAN_CASE_PATCH`: their status projected at their gates
(with the gates) and at their end (a local activity) only, one search-attribute upsert each,
and their independent steps run in parallel after the registration; recorded by
`record_lean.py`. The goldens next to this folder are cases started before the patch, which
replay unchanged (`test_golden*.py`).
"""

import json
import re
from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType

from burgerflow.bench.history import trace
from burgerflow.core.bsn import is_valid_bsn
from tests.audit.variants import ReversedSteps
from tests.support import settings_with_test_keys
from workflows.audit.codec import is_encrypted
from workflows.audit.history import PATCH_MARKER, iter_payloads, read_history
from workflows.audit.replay import replay_history
from workflows.audit.trail import build_trail
from workflows.case.workflow import LEAN_CASE_PATCH
from workflows.client import data_converter

LEAN = Path(__file__).parent / "lean"
PATHS = [
    "completed",
    "four_eyes_approved",
    "rejected",
    "step_failure_retried",
    "step_failure_rest_rejected",
    "emigration_completed",
    "death_completed",
]
MAX_BYTES = 200_000


def _history(name: str):  # type: ignore[no-untyped-def]
    return read_history(LEAN / f"{name}.json")


def _markers(name: str) -> list[str]:
    """The ids of the patch markers the history holds, in order."""
    found: list[str] = []
    for event in _history(name).events:
        if event.HasField("marker_recorded_event_attributes"):
            marker = event.marker_recorded_event_attributes
            if marker.marker_name == PATCH_MARKER:
                for payloads in marker.details.values():
                    found += [json.loads(p.data)["id"] for p in payloads.payloads]
    return found


def _activities(name: str) -> list[str]:
    return [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in _history(name).events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
    ]


def test_every_lean_path_has_a_small_golden():
    assert sorted(p.stem for p in LEAN.glob("*.json")) == sorted(PATHS)
    for path in LEAN.glob("*.json"):
        assert path.stat().st_size < MAX_BYTES, path.name


@pytest.mark.parametrize("name", PATHS)
async def test_the_lean_golden_replays_with_todays_code(name: str):
    history = _history(name)
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    assert not any(is_encrypted(p) for p in iter_payloads(history))
    report = await replay_history(history, data_converter(settings_with_test_keys()))
    assert report.deterministic, f"{name}: {report.divergence or report.error}"


def test_lean_goldens_hold_synthetic_people_only():
    for path in LEAN.glob("*.json"):
        text = " ".join(p.data.decode() for p in iter_payloads(read_history(path)))
        bsns = {n for n in re.findall(r"(?<!\d)\d{9}(?!\d)", text) if is_valid_bsn(n)}
        assert bsns and all(b.startswith("9999") for b in bsns), (path.name, bsns)


@pytest.mark.parametrize("name", PATHS)
def test_a_lean_case_records_one_patch_marker(name: str):
    """The lean patch implies the ones before it: they record no marker of their own."""
    assert _markers(name) == [LEAN_CASE_PATCH]


def test_an_ungated_lean_case_projects_once_and_upserts_once():
    history = _history("completed")
    upserts = [
        sorted(
            e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        )
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]
    assert upserts == [
        ["TemporalChangeVersion"],
        ["BurgerflowMunicipality", "BurgerflowStatus"],
    ]
    assert "project_case" not in _activities("completed")  # its end is a local activity
    counted = trace(history)
    # Start, four agent turns, five steps, one upsert and the end's projection; the patch
    # marker and its TemporalChangeVersion upsert are not billed.
    assert counted.actions == 12
    assert counted.activity_retries == 0


def test_a_gated_lean_case_projects_its_status_with_its_gates():
    activities = _activities("four_eyes_approved")
    assert "project_case" not in activities
    gates = [
        json.loads(e.activity_task_scheduled_event_attributes.input.payloads[0].data)
        for e in _history("four_eyes_approved").events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name == "project_gates"
    ]
    assert gates[0]["case"]["status"] == "awaiting_approval"
    assert [g["case"] for g in gates[1:]] == [None, None]  # the two decisions


def _scheduled_together(name: str) -> list[list[str]]:
    """The step activities of a history, grouped by the workflow task that scheduled them."""
    waves: list[list[str]] = []
    last_task = None
    for event in _history(name).events:
        if event.event_type != EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            continue
        attrs = event.activity_task_scheduled_event_attributes
        step = json.loads(attrs.input.payloads[0].data).get("step")
        if not isinstance(step, dict):
            continue
        task = attrs.workflow_task_completed_event_id
        if task != last_task:
            waves.append([])
            last_task = task
        waves[-1].append(step["step_id"])
    return waves


def test_the_steps_run_in_waves():
    assert _scheduled_together("completed") == [
        ["01-brp_register_address"],
        ["02-notify_belastingdienst", "03-gemeente_stop_taxes", "04-gemeente_start_taxes"],
        ["05-citizen_message"],
    ]
    death = _scheduled_together("death_completed")
    assert death[0] == ["01-draw_up_deed"] and death[-1] == ["06-undertaker_message"]
    assert sorted(death[1]) == [
        "02-issue_disposal_permit",
        "03-brp_record_death",
        "04-notify_belastingdienst",
        "05-partner_letter",
    ]
    emigration = _scheduled_together("emigration_completed")
    assert emigration[0] == ["01-brp_register_emigration"]
    assert emigration[-1] == ["10-citizen_message"]


def test_the_trails_of_the_lean_goldens():
    completed = build_trail(_history("completed"))
    assert completed.status == "completed"
    statuses = [e.detail["status"] for e in completed.timeline if e.kind == "status"]
    assert statuses == ["gathering", "executing", "completed"]
    assert [s.status for s in completed.steps] == ["done"] * 5

    retried = build_trail(_history("step_failure_retried"))
    [gate] = [g for g in retried.gates if g.rule == "step_failure"]
    assert [d.choice for d in gate.decisions] == ["retry"]
    attempts = [s for s in retried.steps if s.step_id == "03-gemeente_stop_taxes"]
    assert [s.status for s in attempts] == ["failed", "done"]
    # The others of its wave ran once each, and the message after the wave once.
    ids = [s.step_id for s in retried.steps]
    assert len(set(ids)) == 5
    assert all(ids.count(i) == 1 for i in ids if i != "03-gemeente_stop_taxes")
    assert ids[-1] == "05-citizen_message" and retried.status == "completed"

    rest = build_trail(_history("step_failure_rest_rejected"))
    assert rest.status == "rejected"
    done = {s.step_id for s in rest.steps if s.status == "done"}
    assert done == {
        "01-brp_register_address",
        "02-notify_belastingdienst",
        "04-gemeente_start_taxes",
        "rest-rejected-message",
    }
    assert "05-citizen_message" not in {s.step_id for s in rest.steps}

    rejected = build_trail(_history("rejected"))
    assert rejected.status == "rejected"
    assert [s.step_id for s in rejected.steps] == ["rejection-message"]
    assert [g.status for g in rejected.gates] == ["rejected"]


async def test_a_breaking_change_fails_on_the_lean_goldens():
    report = await replay_history(
        _history("step_failure_retried"),
        data_converter(settings_with_test_keys()),
        workflows=[ReversedSteps],
    )
    assert not report.deterministic and report.divergence is not None

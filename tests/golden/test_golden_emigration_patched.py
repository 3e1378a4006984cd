"""Golden histories of emigrations on the paths the shared rules changed replay with today's
code.

`emigration_patched/` holds emigrations started with today's patches, with their new command
sequences: the checked letter (`completed`), a refused step put to a caseworker and retried
or its rest rejected (with the letter that tells the reporter), a cancellation at a gate (with
its letter), and a letter a caseworker edited in review; recorded by
`record_emigration_patched.py`. `emigration_before_patches/` holds emigrations the code before
`SHARED_RULES_PATCH` ran on those paths (cancelled at a gate or while gathering, the rest
rejected after a refused step: no letter, and the look-ups done after the cancel), which must
end as they did. Like `tests/golden/emigration_*.json`, neither is ever recorded again.
"""

import json
import re
from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType

from burgerflow.core.bsn import is_valid_bsn
from tests.support import settings_with_test_keys
from workflows.audit.codec import is_encrypted
from workflows.audit.history import PATCH_MARKER, iter_payloads, read_history
from workflows.audit.replay import replay_history
from workflows.audit.trail import build_trail
from workflows.case.workflow import LETTER_CHECK_PATCH, STEP_FAILURE_PATCH
from workflows.client import data_converter
from workflows.emigration.workflow import SHARED_RULES_PATCH

GOLDEN = Path(__file__).parent
PATCHED = GOLDEN / "emigration_patched"
BEFORE = GOLDEN / "emigration_before_patches"
BEFORE_PATHS = ["cancelled", "cancelled_while_gathering", "step_failure_rest_rejected"]
PATHS = [
    "completed",
    "step_failure_retried",
    "step_failure_rest_rejected",
    "cancelled",
    "letter_review_edited",
]
MAX_BYTES = 200_000
REFUSED_STEP = "03-gemeente_stop_taxes"


def _trail(name: str):  # type: ignore[no-untyped-def]
    return build_trail(read_history(PATCHED / f"{name}.json"))


def _markers(path: Path) -> set[str]:
    """The ids of the patches whose markers the history holds."""
    found = set()
    for event in read_history(path).events:
        if event.HasField("marker_recorded_event_attributes"):
            marker = event.marker_recorded_event_attributes
            if marker.marker_name == PATCH_MARKER:
                for payloads in marker.details.values():
                    found |= {json.loads(p.data)["id"] for p in payloads.payloads}
    return found


def test_every_patched_emigration_path_has_a_small_golden():
    assert sorted(p.stem for p in PATCHED.glob("*.json")) == sorted(PATHS)
    for path in PATCHED.glob("*.json"):
        assert path.stat().st_size < MAX_BYTES, path.name


@pytest.mark.parametrize("name", PATHS)
async def test_the_patched_emigration_golden_replays_with_todays_code(name: str):
    history = read_history(PATCHED / f"{name}.json")
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    assert not any(is_encrypted(p) for p in iter_payloads(history))
    report = await replay_history(history, data_converter(settings_with_test_keys()))
    assert report.deterministic, f"{name}: {report.divergence or report.error}"


@pytest.mark.parametrize("name", BEFORE_PATHS)
async def test_an_emigration_run_before_the_patch_replays_as_it_ran(name: str):
    history = read_history(BEFORE / f"{name}.json")
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    report = await replay_history(history, data_converter(settings_with_test_keys()))
    assert report.deterministic, f"{name}: {report.divergence or report.error}"


def test_the_emigrations_run_before_the_patch_told_no_one_and_looked_up_after_a_cancel():
    assert sorted(p.stem for p in BEFORE.glob("*.json")) == sorted(BEFORE_PATHS)
    for name in BEFORE_PATHS:
        assert SHARED_RULES_PATCH not in _markers(BEFORE / f"{name}.json")
    cancelled = build_trail(read_history(BEFORE / "cancelled.json"))
    assert cancelled.status == "cancelled" and cancelled.steps == []
    rest = build_trail(read_history(BEFORE / "step_failure_rest_rejected.json"))
    assert rest.status == "rejected"
    assert "rest-rejected-message" not in [s.step_id for s in rest.steps]
    gathering = read_history(BEFORE / "cancelled_while_gathering.json")
    scheduled = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in gathering.events
        if e.HasField("activity_task_scheduled_event_attributes")
    ]
    assert "emigration.complete_facts" in scheduled
    assert "emigration.citizen_message" not in scheduled


def test_patched_emigration_goldens_hold_synthetic_people_only():
    for path in [*PATCHED.glob("*.json"), *BEFORE.glob("*.json")]:
        text = " ".join(p.data.decode() for p in iter_payloads(read_history(path)))
        bsns = {n for n in re.findall(r"(?<!\d)\d{9}(?!\d)", text) if is_valid_bsn(n)}
        assert bsns and all(b.startswith("9999") for b in bsns), (path.name, bsns)


def test_the_patches_are_marked_in_the_histories():
    assert _markers(PATCHED / "completed.json") == {LETTER_CHECK_PATCH}
    assert _markers(PATCHED / "step_failure_retried.json") == {
        LETTER_CHECK_PATCH,
        STEP_FAILURE_PATCH,
    }
    assert _markers(PATCHED / "step_failure_rest_rejected.json") == {
        LETTER_CHECK_PATCH,
        STEP_FAILURE_PATCH,
        SHARED_RULES_PATCH,
    }
    assert _markers(PATCHED / "cancelled.json") == {LETTER_CHECK_PATCH, SHARED_RULES_PATCH}
    # The emigrations started before the patches hold none, and replay as they ran.
    for name in ("completed", "four_eyes_approved", "rejected"):
        assert _markers(GOLDEN / f"emigration_{name}.json") == set()


def test_the_trails_of_the_patched_emigration_goldens():
    completed = _trail("completed")
    assert completed.status == "completed" and completed.policy is not None
    assert completed.policy.version == "emigration/v1.0"
    assert [e.kind for e in completed.timeline].count("letter") == 1
    assert completed.steps[-1].letter is not None and completed.steps[-1].letter.source == "model"

    retried = _trail("step_failure_retried")
    [gate] = [g for g in retried.gates if g.rule == "step_failure"]
    assert [d.choice for d in gate.decisions] == ["retry"]
    attempts = [s for s in retried.steps if s.step_id == REFUSED_STEP]
    assert [s.status for s in attempts] == ["failed", "done"]
    assert retried.status == "completed"

    rest = _trail("step_failure_rest_rejected")
    assert rest.status == "rejected"
    assert [s.step_id for s in rest.steps][-1] == "rest-rejected-message"

    cancelled = _trail("cancelled")
    assert cancelled.status == "cancelled"
    assert [g.status for g in cancelled.gates] == ["cancelled"]
    assert [s.step_id for s in cancelled.steps] == ["cancellation-message"]
    assert any(e.kind == "cancellation" for e in cancelled.timeline)

    edited = _trail("letter_review_edited")
    [review] = edited.gates
    assert review.rule == "letter_review" and review.decisions[0].text
    letter = edited.steps[-1].letter
    assert letter is not None and letter.source == "caseworker" and letter.reviewed_by == "cw-anna"

"""Golden histories of cases started with today's patches replay with today's code.

Next to the four histories of cases started before them (`tests/golden/*.json`), these hold
the new command sequences: policy v1.1 and the letter check (`completed_v1_1`), a refused
step put to a caseworker and retried, done by hand or its rest rejected, a cancellation at a
gate, and a letter a caseworker edited in review. Recorded by `record_patched.py`.
"""

import json
import re
from pathlib import Path

import pytest
from temporalio.api.enums.v1 import EventType

from burgerflow.core.bsn import is_valid_bsn
from tests.audit.variants import ReversedSteps
from tests.support import settings_with_test_keys
from workflows.audit.codec import is_encrypted
from workflows.audit.history import PATCH_MARKER, iter_payloads, read_history
from workflows.audit.replay import replay_history
from workflows.audit.trail import build_trail
from workflows.case.workflow import LETTER_CHECK_PATCH, STEP_FAILURE_PATCH
from workflows.change_of_address.workflow import POLICY_V1_1_PATCH
from workflows.client import data_converter

PATCHED = Path(__file__).parent / "patched"
PATHS = [
    "completed_v1_1",
    "step_failure_retried",
    "step_failure_done_by_hand",
    "step_failure_rest_rejected",
    "cancelled",
    "letter_review_edited",
]
MAX_BYTES = 200_000


def _trail(name: str):  # type: ignore[no-untyped-def]
    return build_trail(read_history(PATCHED / f"{name}.json"))


def _markers(name: str) -> set[str]:
    """The ids of the patches whose markers the history holds."""
    found = set()
    for event in read_history(PATCHED / f"{name}.json").events:
        if event.HasField("marker_recorded_event_attributes"):
            marker = event.marker_recorded_event_attributes
            if marker.marker_name == PATCH_MARKER:
                for payloads in marker.details.values():
                    found |= {json.loads(p.data)["id"] for p in payloads.payloads}
    return found


def test_every_patched_path_has_a_small_golden():
    assert sorted(p.stem for p in PATCHED.glob("*.json")) == sorted(PATHS)
    for path in PATCHED.glob("*.json"):
        assert path.stat().st_size < MAX_BYTES, path.name


@pytest.mark.parametrize("name", PATHS)
async def test_the_patched_golden_replays_with_todays_code(name: str):
    history = read_history(PATCHED / f"{name}.json")
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    assert not any(is_encrypted(p) for p in iter_payloads(history))
    report = await replay_history(history, data_converter(settings_with_test_keys()))
    assert report.deterministic, f"{name}: {report.divergence or report.error}"


def test_patched_goldens_hold_synthetic_people_only():
    for path in PATCHED.glob("*.json"):
        text = " ".join(p.data.decode() for p in iter_payloads(read_history(path)))
        bsns = {n for n in re.findall(r"(?<!\d)\d{9}(?!\d)", text) if is_valid_bsn(n)}
        assert bsns and all(b.startswith("9999") for b in bsns), (path.name, bsns)


def test_the_patches_are_marked_in_the_histories():
    assert _markers("completed_v1_1") == {POLICY_V1_1_PATCH, LETTER_CHECK_PATCH}
    assert _markers("step_failure_retried") == {
        POLICY_V1_1_PATCH,
        LETTER_CHECK_PATCH,
        STEP_FAILURE_PATCH,
    }
    assert STEP_FAILURE_PATCH not in _markers("cancelled")
    for name in ("completed", "rejected"):
        old = read_history(Path(__file__).parent / f"{name}.json")
        assert not any(e.HasField("marker_recorded_event_attributes") for e in old.events)


def test_the_trails_of_the_patched_goldens():
    completed = _trail("completed_v1_1")
    assert completed.status == "completed" and completed.policy is not None
    assert completed.policy.version == "change_of_address/v1.1"
    assert [e.kind for e in completed.timeline].count("letter") == 1
    assert completed.steps[-1].letter is not None and completed.steps[-1].letter.source == "model"

    retried = _trail("step_failure_retried")
    [gate] = [g for g in retried.gates if g.rule == "step_failure"]
    assert [d.choice for d in gate.decisions] == ["retry"]
    attempts = [s for s in retried.steps if s.step_id == "03-gemeente_stop_taxes"]
    assert [s.status for s in attempts] == ["failed", "done"]
    assert retried.status == "completed"

    by_hand = _trail("step_failure_done_by_hand")
    [step] = [s for s in by_hand.steps if s.step_id == "03-gemeente_stop_taxes"]
    assert step.status == "done_by_hand" and by_hand.status == "completed"

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


async def test_a_breaking_change_fails_on_the_patched_goldens():
    history = read_history(PATCHED / "step_failure_retried.json")
    report = await replay_history(
        history, data_converter(settings_with_test_keys()), workflows=[ReversedSteps]
    )
    assert not report.deterministic and report.divergence is not None

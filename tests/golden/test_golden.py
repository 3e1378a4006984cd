"""Golden histories of the main paths replay with today's code (CI fails on a breaking change).

The goldens are stored decrypted: they hold synthetic people only, need no key (the codec
passes unencrypted payloads through, as for histories from before encryption) and show a
reviewer in plain JSON what a change of theirs would have to keep replaying.
"""

import re
from pathlib import Path

import pytest
from pydantic import SecretStr
from temporalio.api.enums.v1 import EventType

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.core.settings import Settings
from tests.audit.variants import ReorderedActivities, ReversedSteps
from tests.support import TEST_PAYLOAD_KEY_2, settings_with_test_keys
from workflows.audit.codec import is_encrypted
from workflows.audit.history import iter_payloads, read_history
from workflows.audit.replay import replay_history
from workflows.audit.trail import build_trail
from workflows.client import data_converter

GOLDEN = Path(__file__).parent
PATHS = [
    "completed",
    "four_eyes_approved",
    "rejected",
    "agent_failure",
    "emigration_completed",
    "emigration_four_eyes_approved",
    "emigration_rejected",
    "death_completed",
    "death_four_eyes_approved",
    "death_rejected",
]
MAX_BYTES = 200_000


def test_every_main_path_has_a_small_golden():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(PATHS)
    for path in GOLDEN.glob("*.json"):
        assert path.stat().st_size < MAX_BYTES, path.name


@pytest.mark.parametrize("name", PATHS)
async def test_the_golden_history_replays_with_todays_code(name: str):
    history = read_history(GOLDEN / f"{name}.json")
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    assert not any(is_encrypted(p) for p in iter_payloads(history))
    # Any deployment's converter replays it, whatever its keys.
    for settings in (
        settings_with_test_keys(),
        Settings(payload_keys=SecretStr(TEST_PAYLOAD_KEY_2)),
    ):
        report = await replay_history(history, data_converter(settings))
        assert report.deterministic, f"{name}: {report.divergence or report.error}"


def test_goldens_hold_synthetic_people_only():
    for path in GOLDEN.glob("*.json"):
        history = read_history(path)
        text = " ".join(p.data.decode() for p in iter_payloads(history))
        bsns = {n for n in re.findall(r"(?<!\d)\d{9}(?!\d)", text) if is_valid_bsn(n)}
        assert bsns and all(b.startswith("9999") for b in bsns), (path.name, bsns)


def test_the_trails_of_the_goldens():
    four_eyes = build_trail(read_history(GOLDEN / "four_eyes_approved.json"))
    [gate] = four_eyes.gates
    assert gate.rule == "occupancy" and gate.required_approvals == 2
    assert [d.actor for d in gate.decisions] == ["cw-anna", "cw-bram"]
    assert all(s.receipt for s in four_eyes.steps) and four_eyes.status == "completed"

    rejected = build_trail(read_history(GOLDEN / "rejected.json"))
    assert rejected.status == "rejected" and rejected.gates[0].decisions[0].decision == "reject"

    failure = build_trail(read_history(GOLDEN / "agent_failure.json"))
    assert [g.rule for g in failure.gates] == ["agent_failure"]
    assert all(c.output.get("tool_calls") is None for c in failure.model_calls)

    completed = build_trail(read_history(GOLDEN / "completed.json"))
    assert completed.gates == [] and completed.policy and completed.policy.rules_fired == []


def test_the_trails_of_the_emigration_goldens():
    completed = build_trail(read_history(GOLDEN / "emigration_completed.json"))
    assert completed.status == "completed" and completed.gates == []
    assert all(s.receipt for s in completed.steps)
    kinds = {s.kind for s in completed.steps}
    assert {"brp_register_emigration", "notify_toeslagen", "end_parking_permit"} <= kinds

    four_eyes = build_trail(read_history(GOLDEN / "emigration_four_eyes_approved.json"))
    [gate] = four_eyes.gates
    assert gate.rule == "custody" and gate.required_approvals == 2
    assert [d.actor for d in gate.decisions] == ["cw-anna", "cw-bram"]
    assert four_eyes.status == "completed"

    rejected = build_trail(read_history(GOLDEN / "emigration_rejected.json"))
    assert rejected.status == "rejected"
    assert [g.rule for g in rejected.gates] == ["household_split"]
    assert [s.kind for s in rejected.steps] == ["citizen_message"]


@pytest.mark.parametrize("variant", [ReorderedActivities, ReversedSteps])
async def test_a_breaking_change_fails_on_the_goldens(variant: type):
    history = read_history(GOLDEN / "four_eyes_approved.json")
    report = await replay_history(
        history, data_converter(settings_with_test_keys()), workflows=[variant]
    )
    assert not report.deterministic and report.divergence is not None
    assert report.divergence.event_type == "ACTIVITY_TASK_SCHEDULED"

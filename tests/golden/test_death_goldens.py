"""The report of a death's golden histories read as their paths: deed, four eyes, rejection."""

from pathlib import Path

from workflows.audit.history import read_history
from workflows.audit.trail import build_trail

GOLDEN = Path(__file__).parent


def test_the_trails_of_the_death_goldens():
    completed = build_trail(read_history(GOLDEN / "death_completed.json"))
    assert completed.workflow_type == "ReportOfDeath" and completed.status == "completed"
    assert completed.municipality == "0363"
    [deed] = completed.gates
    assert (deed.rule, deed.required_approvals) == ("deed", 1)
    assert [d.actor for d in deed.decisions] == ["registrar-anna"]
    kinds = [s.kind for s in completed.steps]
    assert kinds[:3] == ["draw_up_deed", "issue_disposal_permit", "brp_record_death"]
    assert kinds[-2:] == ["partner_letter", "undertaker_message"]
    assert all(s.receipt for s in completed.steps)
    aktenummer = completed.steps[0].receipt and completed.steps[0].receipt["aktenummer"]
    message = completed.steps[-1].receipt
    assert message is not None and message["aktenummer"] == aktenummer
    assert {r.tool for r in completed.registry_reads} >= {"lookup_deceased", "lookup_relatives"}

    four_eyes = build_trail(read_history(GOLDEN / "death_four_eyes_approved.json"))
    gates = {g.rule: g for g in four_eyes.gates}
    assert set(gates) == {"deed", "non_natural"}
    assert gates["non_natural"].required_approvals == 2
    assert [d.actor for d in gates["non_natural"].decisions] == ["cw-anna", "cw-bram"]
    assert four_eyes.status == "completed"

    rejected = build_trail(read_history(GOLDEN / "death_rejected.json"))
    assert rejected.status == "rejected" and rejected.municipality == "0344"
    assert rejected.gates[0].decisions[0].decision == "reject"
    assert [s.step_id for s in rejected.steps] == ["rejection-message"]

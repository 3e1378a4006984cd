"""The trail's words: one line for people per moment of the timeline.

Kept apart from the walker so the wording can change without touching how a history is read;
the lines are English, as the rest of the audit record.
"""

from workflows.audit.trail.models import (
    DecisionRecord,
    GateRecord,
    LetterRecord,
    ModelCall,
    PolicyRecord,
    RegistryRead,
    StepRecord,
)


def request_title(life_event: str, actor: str, summary: str) -> str:
    """The report: `<life event> reported by <who>[: <what>]`."""
    return f"{life_event} reported by {actor}" + (f": {summary}" if summary else "")


def status_title(status: str) -> str:
    """A status change of the case."""
    return f"Status: {status}"


def policy_title(policy: PolicyRecord) -> str:
    """The policy's verdict."""
    return f"Policy {policy.version}: rules fired {', '.join(policy.rules_fired) or 'none'}"


def gate_raised_title(gate: GateRecord) -> str:
    """A gate the policy raised, with its risk and the approvals it needs."""
    approvals = gate.required_approvals
    return (
        f"Gate {gate.rule} ({gate.risk} risk, {approvals} approval"
        f"{'s' if approvals != 1 else ''} needed): {gate.description}"
    )


def escalation_title(gate: GateRecord) -> str:
    """A gate past its deadline."""
    return f"Gate {gate.rule} passed its deadline: escalated to supervisors"


def model_call_title(call: ModelCall) -> str:
    """A model turn: which model, and what it asked for (or why it failed)."""
    asked = [c["name"] for c in call.output.get("tool_calls", [])]
    what = f"asked for {', '.join(asked)}" if asked else "answered without a tool call"
    return f"Model turn {call.turn} ({call.model or 'model not recorded'}): " + (
        f"failed: {call.error}" if call.error else what
    )


def plan_title(content: object) -> str:
    """The agent's plan, handed in by its plan tool."""
    return f"Plan submitted by the agent: {content}"


def registry_read_title(read: RegistryRead) -> str:
    """A registry look-up, by the agent or by the workflow."""
    if read.by == "workflow":
        return f"{read.registry} read by the workflow (a look-up the agent left undone)"
    return f"{read.registry} read by the agent ({read.tool})" + ("" if read.ok else ": refused")


def step_title(step: StepRecord) -> str:
    """An administrative step: done with its key, or failed."""
    return f"Step {step.step_id} ({step.kind}) " + (
        f"failed: {step.error}" if step.error else f"done, key {step.idempotency_key}"
    )


def done_by_hand_title(step: StepRecord, actor: str, reason: str) -> str:
    """A refused step a caseworker marked done by hand (nothing ran)."""
    return f"Step {step.step_id} ({step.kind}) marked done by hand by {actor}: {reason}"


def decision_title(decision: DecisionRecord, rule: str) -> str:
    """A caseworker's decision on the gate of `rule` (with a step failure's choice, or a
    note that they wrote the letter's text)."""
    how = f" ({decision.choice})" if decision.choice else ""
    if decision.text is not None:
        how = " (with their own text of the letter)"
    return (
        f"{decision.actor} ({decision.role}) decided {decision.decision}{how} on gate "
        f"{rule}: {decision.reason}"
    )


def cancellation_title(role: str, actor: str, reason: str) -> str:
    """Someone cancelled the case."""
    return f"Case cancelled by {role} {actor}: {reason}"


def letter_title(letter: LetterRecord) -> str:
    """The letter a step sends to the citizen, and how it came to be."""
    return f"Letter to the citizen ({letter.source}): {letter.why}"


def update_title(name: str, actor: str) -> str:
    """Another update (a claim, a note) by `actor`."""
    return f"{name} by {actor}"


def update_refused_title(name: str, error: str) -> str:
    """An update the workflow refused after accepting it."""
    return f"{name} refused: {error}"


def outcome_title(status: str, outcome: str | None) -> str:
    """How the case ended."""
    return f"Case {status}: {outcome or ''}".strip()

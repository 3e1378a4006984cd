"""The plan submission: a `submit_plan` call decoded from tokens and checked against the facts.

The model submits its plan in tokens (`PlanDraft`); it is decoded back into a `MovePlan`
with the case's BSNs and accepted only once every look-up is done and when every step
concerns a mover. A refused plan is answered with an error, so the model may try again.
"""

from typing import Any

from agents.change_of_address.tools.args import ToolCallRejected
from agents.change_of_address.views import PlanDecodingError, decode_plan
from agents.pseudonyms import Pseudonyms
from workflows.change_of_address.domain import MoveFacts, MovePlan


def check_plan(plan: MovePlan, facts: MoveFacts) -> MovePlan:
    """`plan`, when the facts are complete and its steps concern movers only.

    Raises:
        ToolCallRejected: A look-up is still missing, or a step concerns someone who does
            not move.
    """
    missing = facts.missing()
    if missing:
        raise ToolCallRejected(f"Plan not accepted: look these up first: {', '.join(missing)}.")
    movers = facts.request.mover_bsns
    strangers = sorted({s.subject for s in plan.steps if s.subject and s.subject not in movers})
    if strangers:
        raise ToolCallRejected(
            "Plan not accepted: steps may only concern movers; "
            f"not a mover: {', '.join(strangers)}."
        )
    return plan


def accept_plan(raw: dict[str, Any], facts: MoveFacts, pseudonyms: Pseudonyms) -> MovePlan:
    """The plan of a `submit_plan` call's arguments, decoded from tokens and checked.

    Args:
        raw: The call's arguments (a `PlanDraft`, in tokens).
        facts: The facts gathered so far.
        pseudonyms: The case's tokens.

    Raises:
        ToolCallRejected: The draft does not decode or the plan is not accepted.
    """
    try:
        decoded = decode_plan(raw, pseudonyms)
    except PlanDecodingError as error:
        raise ToolCallRejected(f"Invalid plan: {error}") from error
    return check_plan(decoded, facts)

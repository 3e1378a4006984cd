"""The plan submission: a `submit_death_plan` call decoded from tokens and checked.

The model submits its plan in tokens (`PlanDraft`); it is decoded back into a `DeathPlan` with
the case's BSNs and accepted only once every look-up is done, and when every step concerns the
deceased or, for a letter, one of their partners. A refused plan is answered with an error,
so the model may try again.
"""

from typing import Any

from agents.death.tools.args import ToolCallRejected
from agents.death.views import PlanDecodingError, decode_plan
from agents.pseudonyms import Pseudonyms
from workflows.death.domain import DeathFacts, DeathPlan


def check_plan(plan: DeathPlan, facts: DeathFacts) -> DeathPlan:
    """`plan`, when the facts are complete and its steps concern the case's people only.

    Raises:
        ToolCallRejected: A look-up is still missing, or a step concerns someone else.
    """
    missing = facts.missing()
    if missing:
        raise ToolCallRejected(f"Plan not accepted: look these up first: {', '.join(missing)}.")
    people = {facts.request.bsn, *facts.relatives()}
    strangers = sorted({s.subject for s in plan.steps if s.subject and s.subject not in people})
    if strangers:
        raise ToolCallRejected(
            "Plan not accepted: steps may only concern the deceased or their partners; "
            f"not one of them: {', '.join(strangers)}."
        )
    return plan


def accept_plan(raw: dict[str, Any], facts: DeathFacts, pseudonyms: Pseudonyms) -> DeathPlan:
    """The plan of a `submit_death_plan` call's arguments, decoded from tokens and checked.

    Raises:
        ToolCallRejected: The draft does not decode or the plan is not accepted.
    """
    try:
        decoded = decode_plan(raw, pseudonyms)
    except PlanDecodingError as error:
        raise ToolCallRejected(f"Invalid plan: {error}") from error
    return check_plan(decoded, facts)

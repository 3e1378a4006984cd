"""What every peer workflow shares: the gate as a validated update, and the step options.

The hand-written peer keeps the gate the plain way: the workflow checks its rules, says how
many caseworker decisions it waits for, and counts `decide` updates until it has them, no
two from the same caseworker (four eyes).
"""

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

ACTIVITY_TIMEOUT = timedelta(seconds=30)
"""Start-to-close timeout of every peer activity."""
RETRY = RetryPolicy(
    maximum_attempts=5, non_retryable_error_types=["RegistryClientError", "ValidationError"]
)
"""Registry 4xx answers are not retried: retrying cannot fix them."""


class PeerDecision(BaseModel):
    """A caseworker's approval (update input)."""

    caseworker: str


class PeerResult(BaseModel):
    """What a peer case did: the decisions it waited for and the steps it ran."""

    decisions: int
    steps: list[str]


class PeerGate:
    """The gate of a peer workflow: wait for `needed` approvals from different caseworkers."""

    def __init__(self) -> None:
        """Nothing decided; the rule check has not run yet."""
        self._needed: int | None = None
        self._approved_by: list[str] = []

    @workflow.update
    async def decide(self, decision: PeerDecision) -> int:
        """Count one approval once the workflow knows its gate; returns approvals still due."""
        await workflow.wait_condition(lambda: self._needed is not None)
        if not self._needed:
            raise ApplicationError("this case has no gate", type="NoGate", non_retryable=True)
        self._approved_by.append(decision.caseworker)
        return max((self._needed or 0) - len(self._approved_by), 0)

    @decide.validator
    def validate_decide(self, decision: PeerDecision) -> None:
        """Four eyes: one approval per caseworker."""
        if decision.caseworker in self._approved_by:
            raise ValueError("this caseworker approved this case already")

    async def wait_for_approvals(self, needed: int) -> int:
        """Open the gate for `needed` approvals (none: no gate) and wait until they are in."""
        self._needed = needed
        await workflow.wait_condition(lambda: len(self._approved_by) >= needed)
        return needed

    async def finish(self) -> None:
        """Let running update handlers end before the workflow does."""
        await workflow.wait_condition(workflow.all_handlers_finished)


def step_key(case_id: str, index: int, kind: str, subject: str) -> str:
    """The idempotency key of one step of one case: stable across retries and replays."""
    return f"{case_id}:{index}:{kind}:{subject}"

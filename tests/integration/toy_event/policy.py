"""The toy's policy: two rules, one step."""

from workflows.case.models import GateDraft, Risk
from workflows.case.rules import RuleSpec, RuleTable

POLICY_VERSION = "toy_permit/v1.0"

RULES = RuleTable(
    (
        RuleSpec("many_cars", Risk.NORMAL, nl="Meer dan twee auto's.", en="More than two cars."),
        RuleSpec("fleet", Risk.HIGH, nl="Een wagenpark.", en="A fleet of more than ten cars."),
    )
)


def gates(cars: int) -> list[GateDraft]:
    """The gates a request for `cars` cars needs."""
    drafts = []
    if cars > 2:
        drafts.append(GateDraft(rule="many_cars", risk=RULES.risk("many_cars"), description="Many"))
    if cars > 10:
        drafts.append(GateDraft(rule="fleet", risk=RULES.risk("fleet"), description="A fleet"))
    return drafts

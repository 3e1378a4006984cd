"""A policy's rule table: one row per rule, read by the policy, pages, trail and register.

A rule's id, risk, its Dutch and English explanation and its text for the algorithm register
live in one `RuleSpec`, so no layer keeps its own copy of what a rule means. The gates every
life event shares (a letter's review, a step a registry refused) are `SHARED_RULES`, which a
life event's table ends with (`RuleTable(...) + SHARED_RULES`).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from workflows.case.models import Risk


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule of a life event's policy.

    Attributes:
        id: The gate's `rule` field (`occupancy`, `custody`, ...).
        risk: `high` gates need two different caseworkers (four-eyes).
        nl: What the rule checks, in plain Dutch (the caseworker page's default language).
        en: The same in English.
        register: What the rule checks, in Dutch words for the algorithm register (the
            Dutch text when left empty).
    """

    id: str
    risk: Risk
    nl: str
    en: str
    register: str = ""

    @property
    def register_text(self) -> str:
        """The rule in Dutch words for the algorithm register."""
        return self.register or self.nl

    @property
    def required_approvals(self) -> int:
        """Approvals a gate of this rule needs: two for a high-risk rule, else one."""
        return 2 if self.risk is Risk.HIGH else 1

    def text(self, language: str) -> str:
        """The explanation in `language` (`nl` or `en`; Dutch otherwise)."""
        return self.en if language == "en" else self.nl


@dataclass(frozen=True, slots=True)
class RuleTable:
    """The rules of one policy version, in the order the policy checks them."""

    rules: tuple[RuleSpec, ...]

    def __iter__(self) -> Iterator[RuleSpec]:
        return iter(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return any(r.id == rule_id for r in self.rules)

    def __getitem__(self, rule_id: str) -> RuleSpec:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def ids(self) -> list[str]:
        """The rule ids, in order."""
        return [r.id for r in self.rules]

    def risk(self, rule_id: str) -> Risk:
        """The risk of `rule_id`."""
        return self[rule_id].risk

    def __add__(self, other: "RuleTable") -> "RuleTable":
        """This table's rules, then those of `other` it does not have."""
        return RuleTable(self.rules + tuple(r for r in other.rules if r.id not in self))


LETTER_REVIEW = "letter_review"
"""The gate of a drafted letter a caseworker reads first (`BURGERFLOW_LETTER_REVIEW=always`)."""
STEP_FAILURE = "step_failure"
"""The gate of a step a registry refused for good after the gates."""

SHARED_RULES = RuleTable(
    (
        RuleSpec(
            LETTER_REVIEW,
            Risk.NORMAL,
            nl="De brief die de assistent opstelde, leest een medewerker voordat hij wordt "
            "verstuurd; die keurt hem goed of past hem aan.",
            en="A caseworker reads the letter the AI agent drafted before it is sent, and "
            "approves or edits it (letter review is on).",
            register="Als de controle van brieven aan staat, wacht elke brief die een "
            "taalmodel opstelde op een medewerker, die hem goedkeurt of een eigen tekst schrijft.",
        ),
        RuleSpec(
            STEP_FAILURE,
            Risk.NORMAL,
            nl="Een register weigerde een stap na de goedkeuring. De medewerker laat de stap "
            "opnieuw uitvoeren, handelt hem zelf af of wijst de rest van de stappen af.",
            en="A registry refused a step after approval: a caseworker retries it, marks it "
            "done by hand or rejects the remaining steps.",
            register="Een stap die een register na de goedkeuring weigert, gaat naar een "
            "medewerker: die laat hem opnieuw uitvoeren, handelt hem met een reden zelf af of "
            "wijst de rest af. Geen stap gebeurt twee keer.",
        ),
    )
)
"""The rules of the gates every life event's case shares."""

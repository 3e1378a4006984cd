"""Scenarios that score the intake assistant: a conversation and what should come of it.

A scenario is what a citizen writes, message by message, with placeholders for what a run
builds fresh (`ScenarioValues`: the citizen, a new home, a partner, someone else, days), and
what should come of it: the life event recognised, the hand-over (and why), and the report
proposed (the fields that must be in it), or none. A life event brings its own scenarios in
its `IntakeSpec`; `burgerflow eval --intake` adds the ones no life event owns (asking for a
person, questions the assistant cannot help with) and runs them all through the
conversation workflow.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agents.intake.dates import MONTHS, NUMBER_WORDS, date_in_words

_ORDINAL_EN = ("th", "st", "nd", "rd") + ("th",) * 6


def _ordinal_en(day: int) -> str:
    if 10 < day % 100 < 14:
        return f"{day}th"
    return f"{day}{_ORDINAL_EN[day % 10]}"


def _spelled_nl(day: int) -> str:
    dutch = [w for w, n in NUMBER_WORDS.items() if n == day and w.isalpha()]
    cardinal = [w for w in dutch if not w.endswith(("ste", "de"))]
    return (cardinal or dutch or [str(day)])[0]


@dataclass(frozen=True, slots=True)
class ScenarioValues:
    """What one scenario's words and expectations are filled in with.

    Attributes:
        citizen: The signed-in citizen's BSN.
        partner: Someone who moves along (a person in the registries).
        other: Someone else, whom the citizen must not report for.
        street: The new home's street.
        number: Its house number.
        postcode: Its postcode (`1011EV`).
        place: Its place.
        day: The day of the event (a week ahead).
        day2: Another day (a correction).
        far: A day too far ahead to report.
        today: The day of the run.
        soon: A day shortly ahead (three days), for an event reported just before it.
    """

    citizen: str
    partner: str
    other: str
    street: str
    number: int
    postcode: str
    place: str
    day: date
    day2: date
    far: date
    today: date
    soon: date

    def words(self) -> dict[str, str]:
        """The placeholders of a scenario's messages."""

        def nl(d: date) -> str:
            return date_in_words(d, "nl").rsplit(" ", 1)[0]

        month_en = MONTHS["en"][self.day.month - 1]
        return {
            "citizen": self.citizen,
            "partner": self.partner,
            "other": self.other,
            "street": self.street,
            "number": str(self.number),
            "postcode": self.postcode,
            "postcode_spaced": f"{self.postcode[:4]} {self.postcode[4:]}",
            "place": self.place,
            "date_nl": nl(self.day),
            "date_spelled_nl": f"{_spelled_nl(self.day.day)} {MONTHS['nl'][self.day.month - 1]}",
            "date_en": f"{month_en} {self.day.day}",
            "date_ordinal_en": f"the {_ordinal_en(self.day.day)} of {month_en}",
            "date_iso": self.day.isoformat(),
            "date_dmy": self.day.strftime("%d-%m-%Y"),
            "date2_nl": nl(self.day2),
            "far_nl": date_in_words(self.far, "nl"),
            "soon_nl": nl(self.soon),
            "soon_en": f"{MONTHS['en'][self.soon.month - 1]} {self.soon.day}",
            "soon_iso": self.soon.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class IntakeScenario:
    """A conversation and what should come of it.

    Attributes:
        name: Unique, short.
        description: What it tests.
        language: The citizen's language.
        messages: What the citizen writes, one message each (with `{placeholders}`).
        life_event: The life event the assistant should recognise (None: none).
        handover: Why the conversation should go to a person (None: it should not).
        report: The fields the proposed report must have, for the built values; None when
            no report should be proposed.
        forbidden: BSNs that must appear in no proposal (someone else's).
    """

    name: str
    description: str
    language: str
    messages: Sequence[str]
    life_event: str | None = None
    handover: str | None = None
    report: Callable[[ScenarioValues], Mapping[str, Any]] | None = None
    forbidden: Callable[[ScenarioValues], Sequence[str]] = field(
        default=lambda values: [values.other]
    )

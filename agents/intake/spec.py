"""What a life event tells the intake assistant: how citizens name it, what it must ask, and
how the answers make its report.

A life event that citizens may report in the chat puts an `IntakeSpec` in its `extras` under
`"intake"`. The assistant iterates the list of life events and knows nothing of any one of
them beyond its spec: the words that suggest it (`keywords`), the slots it must fill (each of a
`SlotKind` the assistant knows how to ask for and check), how the filled slots make the
`POST /v1/life-events` body (`build_report`), how they read in a proposal (`describe`) and
when the case cannot be done online at all (`offline`, the hand-over hook).

The assistant fills slots with what it found, not with what the model wrote: an address is
one BAG returned to a search (`FoundAddress`), a person a BSN the citizen typed, a date a real
day. `SlotValues` maps each slot's name to that value.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from agents.intake.dates import date_in_words

if TYPE_CHECKING:
    from agents.intake.evaluation import IntakeScenario

LANGUAGES = ("nl", "en")
"""The languages of the assistant (Dutch first)."""

INTAKE_EXTRA = "intake"
"""The key of a life event's `IntakeSpec` in its `extras`."""


class SlotKind(StrEnum):
    """What kind of answer a slot takes, and so how the assistant asks for and checks it."""

    ADDRESS = "address"
    """A Dutch address found in BAG: street, number and place, or postcode and number."""
    DATE = "date"
    """A day; citizens may write it in words."""
    PERSONS = "persons"
    """Other people, by the BSNs the citizen typed (the model reads tokens)."""
    COUNTRY = "country"
    """A country, as an ISO 3166-1 alpha-2 code."""
    TEXT = "text"
    """Free text, e.g. an address abroad."""
    YES_NO = "yes_no"
    """Yes or no."""


class FoundAddress(BaseModel):
    """An address BAG returned to the assistant's search.

    Attributes:
        postcode: E.g. `1012AB`.
        huisnummer: House number.
        huisletter: House letter, if any.
        huisnummertoevoeging: Addition, if any.
        street: Street name.
        place: Place name.
        object_id: BAG id of the addressable object.
    """

    postcode: str
    huisnummer: int
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    street: str
    place: str
    object_id: str | None = None

    @property
    def number(self) -> str:
        """The number as it is written (`1`, `12 A`, `12-2`)."""
        text = str(self.huisnummer)
        if self.huisletter:
            text += f" {self.huisletter}"
        if self.huisnummertoevoeging:
            text += f"-{self.huisnummertoevoeging}"
        return text

    @property
    def line(self) -> str:
        """`Damrak 1, 1012 AB Amsterdam`; `1012 AB 1` for an address known by postcode and
        number only (a form's)."""
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}"
        if not self.street:
            return f"{postcode} {self.number}"
        return f"{self.street} {self.number}, {postcode} {self.place}".rstrip()


SlotValues = Mapping[str, Any]
"""Filled slots by name: a `FoundAddress`, a `date`, a list of BSNs, an ISO country code, a
text or a bool, by the slot's kind."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing the assistant must know to make a report.

    Attributes:
        name: Its name in the report's terms (`new_address`).
        kind: The kind of answer.
        label: How it is named in a proposal, per language (`Nieuw adres`).
        question: How the assistant asks for it, per language.
        required: Whether a report needs it; an optional slot is filled when the citizen
            mentions it, and never asked for.
    """

    name: str
    kind: SlotKind
    label: Mapping[str, str]
    question: Mapping[str, str]
    required: bool = True


class ProposalLine(BaseModel):
    """One line of a proposed report in words: what (`Nieuw adres`) and its value."""

    label: str
    text: str


def _value_words(slot: Slot, value: Any, language: str) -> str:
    if isinstance(value, FoundAddress):
        return value.line
    if isinstance(value, date):
        return date_in_words(value, language)
    if isinstance(value, bool):
        return ("ja" if value else "nee") if language == "nl" else ("yes" if value else "no")
    if isinstance(value, list):
        if not value:
            return "niemand" if language == "nl" else "nobody"
        return ", ".join(f"BSN {v}" for v in value)
    return str(value)


def describe_slots(slots: Sequence[Slot], values: SlotValues, language: str) -> list[ProposalLine]:
    """Each filled slot as a line: its label and its value in words."""
    return [
        ProposalLine(
            label=slot.label.get(language, slot.name), text=_value_words(slot, v, language)
        )
        for slot in slots
        if (v := values.get(slot.name)) is not None
    ]


@dataclass(frozen=True, slots=True)
class IntakeSpec:
    """What the intake assistant needs of one life event.

    Attributes:
        life_event: The life event's `type`.
        description: What it is, in a sentence per language, for the model.
        keywords: Words and phrases that suggest it, per language (lower case).
        slots: What the assistant must know, in the order it asks.
        build_report: The report body (`POST /v1/life-events`) for the signed-in citizen's
            BSN and the filled slots.
        describe: The filled slots in words for a proposal, per language; by default each
            slot's label and value.
        offline: Why the case cannot be done online, per language, when it cannot (the
            conversation then goes to a person); None when it can.
        scenarios: Conversations that score the assistant on this life event
            (`burgerflow eval --intake`).
    """

    life_event: str
    description: Mapping[str, str]
    keywords: Mapping[str, Sequence[str]]
    slots: Sequence[Slot]
    build_report: Callable[[str, SlotValues], dict[str, Any]]
    describe: Callable[[SlotValues, str], list[ProposalLine]] | None = None
    offline: Callable[[SlotValues], Mapping[str, str] | None] = field(default=lambda _values: None)
    scenarios: Sequence["IntakeScenario"] = ()

    def slot(self, name: str) -> Slot | None:
        """The slot `name`, if the spec has it."""
        return next((s for s in self.slots if s.name == name), None)

    def lines(self, values: SlotValues, language: str) -> list[ProposalLine]:
        """The filled slots in words."""
        if self.describe is not None:
            return self.describe(values, language)
        return describe_slots(self.slots, values, language)


ReportCheck = Callable[[dict[str, Any], date], Sequence[tuple[str, str]]]
"""Checks a report body on a day, as intake would: `(field, reason)` for each problem."""


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A life event as the assistant sees it: its spec, its name and its intake check.

    Attributes:
        spec: What it asks and how the answers make its report.
        title: Its name per language.
        check: Validates a report as `POST /v1/life-events` would (its model, the checks that
            depend on the day); no problems means the report would be accepted.
    """

    spec: IntakeSpec
    title: Mapping[str, str]
    check: ReportCheck


Catalogue = Callable[[], Sequence[CatalogueEntry]]
"""The life events the assistant can take reports of, read when it is asked (never copied,
so a life event added later is found)."""

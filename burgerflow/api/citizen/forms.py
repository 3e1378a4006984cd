"""Report forms from a life event's intake spec: the same slots the assistant asks for, as
form fields that work without JavaScript.

Each slot kind is a field (or a group): an address is postcode, number, letter and addition;
a date a date field; people a list of BSNs; a country, a yes or no, a text. `read_form` turns
what was posted into the slot values the spec builds its report from, with an error per field
that cannot be read.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agents.intake.spec import FoundAddress, Slot, SlotKind
from agents.intake.understanding import COUNTRIES
from burgerflow.core.bsn import is_valid_bsn

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
_DMY = re.compile(r"^\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\s*$")
_ISO_CODES = frozenset(COUNTRIES.values())


@dataclass(frozen=True, slots=True)
class Field:
    """One input of a form.

    Attributes:
        name: The form field's name (`new_address.postcode`).
        id: Its element id.
        label: Its label key or text.
        kind: `text`, `date`, `number`, `radio` or `textarea`.
        required: Whether it must be filled in.
        autocomplete: The `autocomplete` token, if any.
        hint: A description key, if any.
        size: A width hint in characters.
    """

    name: str
    id: str
    label: str
    kind: str
    required: bool
    autocomplete: str | None = None
    hint: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class SlotFields:
    """The fields of one slot: one field, or a group with a legend (an address)."""

    slot: Slot
    fields: list[Field]
    group: bool


def slot_fields(slot: Slot) -> SlotFields:
    """The form fields of `slot`."""
    base = f"f-{slot.name}"
    if slot.kind is SlotKind.ADDRESS:
        return SlotFields(
            slot,
            [
                Field(f"{slot.name}.postcode", f"{base}-postcode", "form.postcode", "text",
                      True, "postal-code", "form.postcode_hint", 8),
                Field(f"{slot.name}.huisnummer", f"{base}-huisnummer", "form.huisnummer",
                      "number", True, None, None, 6),
                Field(f"{slot.name}.huisletter", f"{base}-huisletter", "form.huisletter", "text",
                      False, None, None, 2),
                Field(f"{slot.name}.toevoeging", f"{base}-toevoeging", "form.toevoeging", "text",
                      False, None, None, 5),
            ],
            group=True,
        )  # fmt: skip
    kind = {
        SlotKind.DATE: "date",
        SlotKind.YES_NO: "radio",
        SlotKind.TEXT: "textarea",
    }.get(slot.kind, "text")
    hint = {
        SlotKind.DATE: "form.date_hint",
        SlotKind.PERSONS: "form.persons_hint",
        SlotKind.COUNTRY: "form.country_hint",
    }.get(slot.kind)
    return SlotFields(
        slot, [Field(slot.name, base, "", kind, slot.required, None, hint)], group=False
    )


@dataclass
class FormResult:
    """What a posted form holds.

    Attributes:
        values: The slot values read (what the spec builds the report from).
        raw: What was posted, to show the form again.
        errors: An error message key per field id.
    """

    values: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    match = _DMY.match(text)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _country(text: str) -> str | None:
    cleaned = text.strip()
    if len(cleaned) == 2 and cleaned.upper() in _ISO_CODES:
        return cleaned.upper()
    return COUNTRIES.get(cleaned.lower())


def read_form(slots: list[Slot], posted: Mapping[str, str]) -> FormResult:
    """Read the posted form of `slots` into slot values; an error key per unreadable field."""
    result = FormResult()
    for slot in slots:
        fields = slot_fields(slot).fields
        for f in fields:
            result.raw[f.name] = str(posted.get(f.name, "")).strip()
        first = fields[0]
        if slot.kind is SlotKind.ADDRESS:
            postcode, number, letter, addition = (result.raw[f.name] for f in fields)
            if not (postcode or number) and not slot.required:
                continue
            match = _POSTCODE.match(postcode)
            if match is None:
                result.errors[fields[0].id] = (
                    "form.missing" if not postcode else "form.invalid_postcode"
                )
            if not number.isdigit() or not 1 <= int(number) <= 99999:
                result.errors[fields[1].id] = (
                    "form.missing" if not number else "form.invalid_number"
                )
            if match is not None and fields[1].id not in result.errors:
                result.values[slot.name] = FoundAddress(
                    postcode=f"{match[1]}{match[2].upper()}",
                    huisnummer=int(number),
                    huisletter=letter.upper() or None,
                    huisnummertoevoeging=addition or None,
                    street="",
                    place="",
                )
            continue
        text = result.raw[first.name]
        if not text:
            if slot.required:
                result.errors[first.id] = "form.missing"
            elif slot.kind is SlotKind.PERSONS:
                result.values[slot.name] = []
            continue
        match slot.kind:
            case SlotKind.DATE:
                day = _date(text)
                if day is None:
                    result.errors[first.id] = "form.invalid_date"
                else:
                    result.values[slot.name] = day
            case SlotKind.PERSONS:
                people = [p for p in re.split(r"[\s,;]+", text) if p]
                if not all(p.isdigit() and is_valid_bsn(p) for p in people):
                    result.errors[first.id] = "form.invalid_bsn"
                else:
                    result.values[slot.name] = list(dict.fromkeys(people))
            case SlotKind.COUNTRY:
                code = _country(text)
                if code is None:
                    result.errors[first.id] = "form.invalid_country"
                else:
                    result.values[slot.name] = code
            case SlotKind.YES_NO:
                result.values[slot.name] = text == "yes"
            case _:
                result.values[slot.name] = text
    return result

"""Case-local pseudonyms: what a language model sees instead of a BSN, a name, a date of birth
or an address.

A model endpoint may be outside the municipality (an EU cloud), so nothing that identifies a
citizen is sent to it. Each person, address and date of birth of a case gets a token the first
time the worker meets it — `PERSON_1`, `ADDRESS_1`, `BIRTHDATE_1` — numbered per kind in the
order they appear, so the same case always gets the same tokens. The model reads and writes
tokens only: tools take person and address tokens and resolve them on the worker, and in the
texts of a plan a token stands where the name or address goes (`Beste PERSON_1,`), filled in
on the worker before anyone reads it.

The mapping (`Pseudonyms`) lives in the agent's graph state, so it is part of every model and
tool activity's input and output in the Temporal history, which is where an auditor finds it
(the history's payloads are encrypted). It is plain data: no key, no hashing, nothing to lose.

`Pseudonyms.scrub` is the last line of defence: any text bound for the model is searched for
the BSNs, names and BAG ids the mapping knows and for anything that looks like a BSN (nine
digits passing the 11-proef); each is replaced by its token, an unknown BSN by a new one.
"""

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from burgerflow.core.bsn import is_valid_bsn

_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

TOKEN_PATTERN = r"(?:PERSON|ADDRESS|BIRTHDATE)_[1-9][0-9]*"
"""What a token looks like."""

_TOKEN = re.compile(rf"\b{TOKEN_PATTERN}\b")
_EXACT_TOKEN = re.compile(rf"^{TOKEN_PATTERN}$")
_NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")
_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
_MIN_NAME_LENGTH = 4
"""Shorter names are not searched for in free text: too many false hits (`Jan` in `Jansen`)."""


class PseudonymKind(StrEnum):
    """What a token stands for."""

    PERSON = "PERSON"
    ADDRESS = "ADDRESS"
    BIRTHDATE = "BIRTHDATE"


class PseudonymRole(StrEnum):
    """The part a pseudonym plays in the case, when it plays one."""

    REPORTER = "reporter"
    CO_MOVER = "co_mover"
    NEW_ADDRESS = "new_address"


class UnknownPseudonym(ValueError):
    """A token the case does not know, or one that cannot stand where it was used."""


class Pseudonym(BaseModel):
    """One token and what it stands for.

    Attributes:
        token: E.g. `PERSON_1`.
        kind: Person, address or date of birth.
        value: The identifier it replaces: a BSN, a BAG object id (empty while a reported
            address has not been found), an ISO date.
        text: What it reads as in a text: a name, an address line, a date in words. None
            when unknown (a BSN that BRP does not know has no name).
        role: Its part in the case, if any.
    """

    token: str
    kind: PseudonymKind
    value: str
    text: str | None = None
    role: PseudonymRole | None = None


def long_date(value: date) -> str:
    """A date in Dutch words, e.g. `1 december 2026`."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def is_token(value: object) -> bool:
    """Whether `value` is exactly one token."""
    return isinstance(value, str) and _EXACT_TOKEN.match(value) is not None


class Pseudonyms(BaseModel):
    """The pseudonyms of one case, in the order they were given out."""

    entries: list[Pseudonym] = Field(default_factory=list)

    # Giving out tokens ---------------------------------------------------------------------

    def _find(self, kind: PseudonymKind, value: str) -> Pseudonym | None:
        return next((e for e in self.entries if e.kind is kind and e.value == value), None)

    def _new(
        self,
        kind: PseudonymKind,
        value: str,
        text: str | None = None,
        role: PseudonymRole | None = None,
    ) -> Pseudonym:
        number = sum(e.kind is kind for e in self.entries) + 1
        entry = Pseudonym(token=f"{kind}_{number}", kind=kind, value=value, text=text, role=role)
        self.entries.append(entry)
        return entry

    def person(
        self, bsn: str, name: str | None = None, *, role: PseudonymRole | None = None
    ) -> str:
        """The token of the person with `bsn`, given out now if new; learns `name` if unknown.

        Args:
            bsn: The person's BSN.
            name: Their name as BRP has it, when known.
            role: Their part in the case (reporter, co-mover), when they have one.
        """
        entry = self._find(PseudonymKind.PERSON, bsn)
        if entry is None:
            return self._new(PseudonymKind.PERSON, bsn, name, role).token
        if entry.text is None and name:
            entry.text = name
        return entry.token

    def address(self, object_id: str, line: str | None = None) -> str:
        """The token of the BAG object `object_id`, given out now if new.

        Args:
            object_id: The addressable object's 16-digit BAG id.
            line: The address as it reads in a letter, when known.
        """
        entry = self._find(PseudonymKind.ADDRESS, object_id)
        if entry is None:
            return self._new(PseudonymKind.ADDRESS, object_id, line).token
        if entry.text is None and line:
            entry.text = line
        return entry.token

    def reported_address(self, line: str) -> str:
        """Give out the token of the address a citizen reported, before BAG is asked about it.

        Args:
            line: How the reported address reads (postcode and number); replaced by BAG's
                address line once it is found (`bind_address`).
        """
        entry = next((e for e in self.entries if e.role is PseudonymRole.NEW_ADDRESS), None)
        if entry is None:
            entry = self._new(PseudonymKind.ADDRESS, "", line, PseudonymRole.NEW_ADDRESS)
        return entry.token

    def bind_address(self, token: str, object_id: str, line: str) -> None:
        """Record the BAG object and address line a reported address turned out to be."""
        entry = self.resolve(token, PseudonymKind.ADDRESS)
        entry.value = object_id
        entry.text = line

    def birthdate(self, value: date) -> str:
        """The token of a date of birth, given out now if new."""
        iso = value.isoformat()
        entry = self._find(PseudonymKind.BIRTHDATE, iso)
        return (entry or self._new(PseudonymKind.BIRTHDATE, iso, long_date(value))).token

    # Reading tokens ------------------------------------------------------------------------

    def get(self, token: str) -> Pseudonym | None:
        """The pseudonym `token` stands for, or None."""
        return next((e for e in self.entries if e.token == token), None)

    def with_role(self, role: PseudonymRole) -> list[Pseudonym]:
        """The pseudonyms playing `role`, in order."""
        return [e for e in self.entries if e.role is role]

    def resolve(self, token: str, kind: PseudonymKind) -> Pseudonym:
        """The pseudonym `token` stands for, which must be of `kind`.

        Raises:
            UnknownPseudonym: The case has no such token, or it is of another kind.
        """
        entry = self.get(token)
        if entry is None:
            raise UnknownPseudonym(f"{token} is not a token of this case")
        if entry.kind != kind:
            raise UnknownPseudonym(f"{token} is not a {kind.lower()} token")
        return entry

    def decode_value(self, value: Any) -> Any:
        """A parameter value with every exact token replaced by the identifier it stands for.

        Lists are decoded item by item; other values come back unchanged.

        Raises:
            UnknownPseudonym: An unknown token, or an address BAG does not have.
        """
        if isinstance(value, list):
            return [self.decode_value(item) for item in value]
        if not is_token(value):
            return value
        entry = self.get(value)
        if entry is None:
            raise UnknownPseudonym(f"{value} is not a token of this case")
        if not entry.value:
            raise UnknownPseudonym(f"{value} has no BAG object: the address was not found")
        return entry.value

    def decode_text(self, text: str) -> str:
        """`text` with every token replaced by what it reads as (a name, an address line).

        Raises:
            UnknownPseudonym: An unknown token, or a person without a known name.
        """

        def replace(match: re.Match[str]) -> str:
            entry = self.get(match.group(0))
            if entry is None:
                raise UnknownPseudonym(f"{match.group(0)} is not a token of this case")
            if entry.text is None:
                raise UnknownPseudonym(
                    f"{entry.token} has no known name; do not name them in a text"
                )
            return entry.text

        return _TOKEN.sub(replace, text)

    def tokens_in(self, text: str) -> list[str]:
        """The tokens in `text`, in order."""
        return _TOKEN.findall(text)

    # Scrubbing -----------------------------------------------------------------------------

    def _known_texts(self) -> Iterator[tuple[str, str]]:
        """(clear text, token) pairs to search for in free text, the longest first."""
        pairs: list[tuple[str, str]] = []
        for entry in self.entries:
            if entry.kind is PseudonymKind.BIRTHDATE:
                continue  # a date in words is no identifier on its own; the ISO form is
            if entry.text and len(entry.text) >= _MIN_NAME_LENGTH:
                pairs.append((entry.text, entry.token))
        yield from sorted(pairs, key=lambda pair: -len(pair[0]))

    def scrub(self, text: str) -> str:
        """`text` with every identifier it may contain replaced by a token.

        Known names and address lines, BAG ids and dates of birth become their tokens; any
        nine-digit number that passes the 11-proef becomes a person token (a new one when
        the case does not know the BSN, so that a BSN a model made up never comes back to it).
        """
        for clear, token in self._known_texts():
            text = text.replace(clear, token)
        for entry in self.entries:
            if entry.kind is PseudonymKind.BIRTHDATE:
                text = text.replace(entry.value, entry.token)

        def object_id(match: re.Match[str]) -> str:
            entry = self._find(PseudonymKind.ADDRESS, match.group(0))
            return entry.token if entry else match.group(0)

        def bsn(match: re.Match[str]) -> str:
            value = match.group(0)
            return self.person(value) if is_valid_bsn(value) else value

        text = _SIXTEEN_DIGITS.sub(object_id, text)
        return _NINE_DIGITS.sub(bsn, text)

    def scrub_json(self, value: Any) -> Any:
        """A JSON value with `scrub` applied to every string, and BSN-like integers replaced."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and is_valid_bsn(f"{value:09d}") and value >= 10**8:
            return self.person(f"{value:09d}")
        if isinstance(value, list):
            return [self.scrub_json(item) for item in value]
        if isinstance(value, dict):
            return {key: self.scrub_json(item) for key, item in value.items()}
        return value

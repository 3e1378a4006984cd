"""What the intake assistant's model never reads: BSNs, IBANs, phone numbers, e-mail addresses.

A citizen types whatever they like into a chat. Before their text enters the assistant's
conversation (and so before any model call) every such identifier in it is replaced by a
token — `BSN_1`, `IBAN_1`, `PHONE_1`, `EMAIL_1` — numbered per kind in the order they appear,
so the same conversation always gets the same tokens. Tokens are restored on the worker in
what the citizen reads and in the report the assistant proposes; the model reads and writes
tokens only.

Each token remembers where it came from (`Source`): the citizen's text, or the model's own
output. A model that makes up a BSN has it replaced by a token of its own before its answer
is kept, and the assistant's tools refuse such a token, so an invented number never becomes
part of a report. The citizen's own BSN is known from their sign-in and has a token of its
own (`Source.SIGN_IN`), so the model can be told which number is theirs without seeing it.

`find_identifiers` uses the same detectors: the tests and `burgerflow eval --intake` run it
over every request a model endpoint received.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from burgerflow.core.bsn import is_valid_bsn


class IdentifierKind(StrEnum):
    """What a token stands for."""

    BSN = "BSN"
    IBAN = "IBAN"
    PHONE = "PHONE"
    EMAIL = "EMAIL"


class Source(StrEnum):
    """Where an identifier was first met."""

    SIGN_IN = "sign_in"
    """The citizen's own BSN, from their token."""
    CITIZEN = "citizen"
    """The citizen's text."""
    MODEL = "model"
    """The model's output: made up, never the citizen's."""


TOKEN_PATTERN = r"(?:BSN|IBAN|PHONE|EMAIL)_[0-9]+"
"""What a token looks like."""

_TOKEN = re.compile(rf"\b{TOKEN_PATTERN}\b")
_EXACT_TOKEN = re.compile(rf"^{TOKEN_PATTERN}$")

_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}")
_IBAN_BODY = re.compile(r"[ ]?[A-Za-z0-9]")
_NL_IBAN = re.compile(r"NL[0-9]{2}[A-Z]{4}[0-9]{10}")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?[0-9]){8}"
    r"|\+[1-9][0-9]{0,2}(?:[\s.-]?[0-9]){6,12}"
    r"|0[1-9](?:[\s.-]?[0-9]){8}"
    r")(?![0-9])"
)
_BSN = re.compile(
    r"(?<![0-9])"
    r"(?:[0-9]{9}|[0-9]{4}[ .][0-9]{2}[ .][0-9]{3}|[0-9]{3}[ .][0-9]{3}[ .][0-9]{3})"
    r"(?![0-9])"
)

_IBAN_LENGTH = range(15, 35)


def _iban_valid(compact: str) -> bool:
    """Whether `compact` (upper case, no spaces) passes the IBAN check (mod 97)."""
    if len(compact) not in _IBAN_LENGTH:
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


@dataclass(frozen=True, slots=True)
class Found:
    """One identifier in a text: where it is, its kind and its normal form."""

    start: int
    end: int
    kind: IdentifierKind
    value: str


def _ibans(text: str) -> Iterator[Found]:
    """IBANs (with or without spaces): a valid check digit, or the shape of a Dutch one."""
    position = 0
    while match := _IBAN_START.search(text, position):
        end = match.end()
        ends: list[int] = []
        while step := _IBAN_BODY.match(text, end):
            end = step.end()
            ends.append(end)
            if len(ends) > 34:
                break
        found = None
        for candidate_end in reversed(ends):
            if candidate_end < len(text) and text[candidate_end].isalnum():
                continue
            compact = text[match.start() : candidate_end].replace(" ", "").upper()
            if _iban_valid(compact) or _NL_IBAN.fullmatch(compact):
                found = Found(match.start(), candidate_end, IdentifierKind.IBAN, compact)
                break
        if found is not None:
            yield found
            position = found.end
        else:
            position = match.start() + 1


def _digits(text: str) -> str:
    return re.sub(r"[^0-9+]", "", text)


def find_identifiers(text: str) -> list[Found]:
    """Every e-mail address, IBAN, phone number and BSN in `text`, in order, not overlapping.

    E-mail addresses are found first, then IBANs, phone numbers and BSNs (nine digits, or
    grouped 4-2-3 or 3-3-3, passing the 11-proef) in what is left.
    """
    found: list[Found] = []

    def free(start: int, end: int) -> bool:
        return all(end <= f.start or start >= f.end for f in found)

    for match in _EMAIL.finditer(text):
        found.append(Found(match.start(), match.end(), IdentifierKind.EMAIL, match.group(0)))
    for iban in _ibans(text):
        if free(iban.start, iban.end):
            found.append(iban)
    for match in _PHONE.finditer(text):
        if free(match.start(), match.end()):
            value = _digits(match.group(0))
            found.append(Found(match.start(), match.end(), IdentifierKind.PHONE, value))
    for match in _BSN.finditer(text):
        value = re.sub(r"[^0-9]", "", match.group(0))
        if is_valid_bsn(value) and free(match.start(), match.end()):
            found.append(Found(match.start(), match.end(), IdentifierKind.BSN, value))
    return sorted(found, key=lambda f: f.start)


def is_token(value: object) -> bool:
    """Whether `value` is exactly one token."""
    return isinstance(value, str) and _EXACT_TOKEN.match(value) is not None


class Redaction(BaseModel):
    """One token and what it stands for.

    Attributes:
        token: E.g. `BSN_2`.
        kind: BSN, IBAN, phone number or e-mail address.
        value: The identifier in its normal form (digits only, an IBAN without spaces).
        source: Where it was first met.
    """

    token: str
    kind: IdentifierKind
    value: str
    source: Source


class Redactions(BaseModel):
    """The tokens of one conversation, in the order they were given out."""

    entries: list[Redaction] = Field(default_factory=list)

    def _find(self, kind: IdentifierKind, value: str) -> Redaction | None:
        return next((e for e in self.entries if e.kind is kind and e.value == value), None)

    def token_for(self, kind: IdentifierKind, value: str, source: Source) -> str:
        """The token of `value`, given out now (from `source`) when it is new."""
        entry = self._find(kind, value)
        if entry is None:
            number = sum(e.kind is kind for e in self.entries) + 1
            entry = Redaction(token=f"{kind}_{number}", kind=kind, value=value, source=source)
            self.entries.append(entry)
        return entry.token

    def sign_in(self, bsn: str) -> str:
        """Give the signed-in citizen's own BSN its token (the first BSN token)."""
        return self.token_for(IdentifierKind.BSN, bsn, Source.SIGN_IN)

    def redact(self, text: str, source: Source) -> str:
        """`text` with every identifier replaced by its token (new ones from `source`)."""
        parts: list[str] = []
        position = 0
        for found in find_identifiers(text):
            parts.append(text[position : found.start])
            parts.append(self.token_for(found.kind, found.value, source))
            position = found.end
        parts.append(text[position:])
        return "".join(parts)

    def redact_json(self, value: Any, source: Source) -> Any:
        """A JSON value with `redact` applied to every string in it."""
        if isinstance(value, str):
            return self.redact(value, source)
        if isinstance(value, list):
            return [self.redact_json(item, source) for item in value]
        if isinstance(value, dict):
            return {key: self.redact_json(item, source) for key, item in value.items()}
        return value

    def get(self, token: str) -> Redaction | None:
        """What `token` stands for, or None."""
        return next((e for e in self.entries if e.token == token), None)

    def restore(self, text: str) -> str:
        """`text` with every known token replaced by the identifier it stands for."""

        def replace(match: re.Match[str]) -> str:
            entry = self.get(match.group(0))
            return entry.value if entry is not None else match.group(0)

        return _TOKEN.sub(replace, text)

    def own_bsn_token(self) -> str | None:
        """The token of the signed-in citizen's BSN."""
        return next((e.token for e in self.entries if e.source is Source.SIGN_IN), None)

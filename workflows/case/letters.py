"""Letters to citizens: a model's draft, checked against the case's facts, in a fixed frame.

A text a model drafted reaches a citizen only after a deterministic check (`check_draft`):
every date, address, organisation and amount it names must be one of the case's facts
(`LetterFacts`), and it may not give contact details of its own. What the draft tells is
"what happened"; the letter the citizen receives is always the fixed frame around it
(`LetterFrame`): the greeting, what happened, what the citizen must still do, and where to
ask. The draft's own greeting and closing are left out (the frame has them).

A draft that fails the check is replaced by the life event's template in the same frame, and
the letter records why (`Letter.problems`), for the caseworker's page and the audit trail.
Everything here is pure, so a workflow runs it in workflow code and a replay reproduces it.
"""

import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from pydantic import BaseModel, Field

from workflows.case.organisations import ORGANISATIONS

LETTER_TEXT_PARAM = "inhoud"
"""The parameter of a message step that holds the letter's text (the message box's field)."""

MAX_DRAFT_LENGTH = 6000
"""A draft longer than this is not a letter a citizen reads: it fails the check."""


class LetterFacts(BaseModel):
    """What a letter may name: the case's dates, addresses, organisations and amounts.

    Attributes:
        dates: Every date of the case (the event's day, the report's, a deadline).
        addresses: The case's addresses as people write them (`Proefstraat 12`,
            `1012AB Amsterdam`, `1012 AB`): their postcodes and street-and-number parts are
            what a draft's addresses are compared with.
        organisations: The organisations of the case (canonical names from
            `workflows.case.organisations`, or `gemeente <name>`).
        amounts: Amounts in euro.
    """

    dates: list[date] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    amounts: list[Decimal] = Field(default_factory=list)


class LetterFrame(BaseModel):
    """The fixed parts of a letter, around what happened.

    Attributes:
        greeting: The first line (`Beste Anna Jansen,`).
        still_to_do: What the citizen must still do themselves.
        where_to_ask: Where the citizen asks a question or objects.
        sender: Who signs (`Gemeente Amsterdam`).
    """

    greeting: str
    still_to_do: str
    where_to_ask: str
    sender: str


STILL_TO_DO_HEADING = "Wat moet u nog doen?"
WHERE_TO_ASK_HEADING = "Heeft u vragen?"
CLOSING = "Met vriendelijke groet,"


def frame_letter(frame: LetterFrame, what_happened: str) -> str:
    """The letter a citizen receives: the frame around `what_happened`."""
    return "\n".join(
        [
            frame.greeting,
            "",
            what_happened.strip(),
            "",
            STILL_TO_DO_HEADING,
            frame.still_to_do.strip(),
            "",
            WHERE_TO_ASK_HEADING,
            frame.where_to_ask.strip(),
            "",
            CLOSING,
            frame.sender,
        ]
    )


_GREETING = re.compile(r"^\s*(?:beste|geachte|dag|hallo|goedendag|lieve)\b[^\n]*(?:\n|$)", re.I)
_CLOSING = re.compile(
    r"^\s*(?:met\s+vriendelijke\s+groet|vriendelijke\s+groet|hoogachtend|met\s+groet)\b",
    re.I | re.M,
)


def what_happened(draft: str) -> str:
    """The part of a draft that tells what happened: without its greeting and closing."""
    body = _GREETING.sub("", draft, count=1)
    closing = _CLOSING.search(body)
    if closing is not None:
        body = body[: closing.start()]
    return body.strip()


# What a draft names ------------------------------------------------------------------------


class ProblemKind(StrEnum):
    """What made a draft fail the check."""

    DATE = "date"
    ADDRESS = "address"
    ORGANISATION = "organisation"
    AMOUNT = "amount"
    CONTACT = "contact"
    FRAME = "frame"


class LetterProblem(BaseModel):
    """One thing a draft names that the case does not, as it is written in the draft."""

    kind: ProblemKind
    found: str

    def describe(self) -> str:
        """The problem in one phrase, for the trail and the caseworker's page."""
        match self.kind:
            case ProblemKind.DATE:
                return f"the date {self.found!r} is not a date of the case"
            case ProblemKind.ADDRESS:
                return f"the address {self.found!r} is not an address of the case"
            case ProblemKind.ORGANISATION:
                return f"{self.found!r} is not an organisation of the case"
            case ProblemKind.AMOUNT:
                return f"the amount {self.found!r} is not an amount of the case"
            case ProblemKind.CONTACT:
                return f"{self.found!r}: where to ask is the letter's fixed text, not the draft's"
            case ProblemKind.FRAME:
                return self.found


_MONTHS: dict[str, int] = {
    **{
        name: n
        for n, name in enumerate(
            (
                "januari februari maart april mei juni juli augustus september oktober "
                "november december"
            ).split(),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            (
                "january february march april may june july august september october "
                "november december"
            ).split(),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate("jan feb mrt apr mei jun jul aug sep okt nov dec".split(), start=1)
    },
    "sept": 9,
    "mar": 3,
    "oct": 10,
}
"""Month names and abbreviations in Dutch and English."""

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
    re.compile(r"(?<![\d.,/-])(?P<d>\d{1,2})([-/.])(?P<m>\d{1,2})\2(?P<y>\d{4})(?![\d-])"),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:e|ste|de)?\s+(?P<month>{_MONTH_NAMES})\.?"
        r"(?:\s+(?P<y>\d{4}))?(?![\d\w])",
        re.I,
    ),
)


def _dates(text: str) -> Iterator[tuple[str, int, int, int | None]]:
    """Each date in `text`: as written, its day, month and year (None when not written)."""
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            groups = match.groupdict()
            month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            yield match.group(0), int(groups["d"]), month, year


def _is_fact_date(day: int, month: int, year: int | None, facts: Iterable[date]) -> bool:
    if year is not None:
        try:
            written = date(year, month, day)
        except ValueError:
            return False
        return written in facts
    return any(d.day == day and d.month == month for d in facts)


_POSTCODE = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{3})\s?([A-Z]{2})(?![A-Za-z])")
_STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|plantsoen|burgwal|allee|"
    "boulevard|markt"
)
_STREET = re.compile(
    rf"(?<![\w'’-])([A-Za-zÀ-ÿ'’-]*(?:{_STREET_SUFFIXES}))\s+(\d{{1,5}})"
    r"(?:\s?([A-Za-z])(?![A-Za-z\d]))?",
    re.I,
)
"""A street and house number: the street's last word (one ending in a street word, such as
`Proefstraat` in `Van Proefstraat`) with its number and letter."""


def _postcodes(text: str) -> Iterator[tuple[str, str]]:
    for match in _POSTCODE.finditer(text):
        yield match.group(0), match.group(1) + match.group(2)


def _streets(text: str) -> Iterator[tuple[str, tuple[str, str, str]]]:
    for match in _STREET.finditer(text):
        street, number, letter = match.group(1), match.group(2), match.group(3) or ""
        yield match.group(0), (street.casefold(), number, letter.casefold())


_ALIASES = {alias: name for name, aliases in ORGANISATIONS.items() for alias in aliases}
_ORGANISATION = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(a) for a in sorted(_ALIASES, key=len, reverse=True))
    + r")(?![\w/])"
)
_MUNICIPALITY = re.compile(
    r"(?<!\w)[Gg]emeente[ \t]+((?:'s-)?[A-Z][A-Za-zÀ-ÿ'’-]*"
    r"(?:(?:[ -](?:aan|op|in|de|den|der|van|bij|het|ter|ten))+[ -][A-Z][A-Za-zÀ-ÿ'’-]*)*)"
)
"""`gemeente Amsterdam`, `Gemeente Bergen op Zoom`: a municipality by name."""


def _organisation_key(name: str) -> str:
    municipality = _MUNICIPALITY.fullmatch(name.strip())
    if municipality is not None:
        return f"gemeente {municipality.group(1)}".casefold()
    return _ALIASES.get(name.strip(), name.strip()).casefold()


def _organisations(text: str) -> Iterator[tuple[str, str]]:
    for match in _ORGANISATION.finditer(text):
        yield match.group(0), _ALIASES[match.group(1)].casefold()
    for match in _MUNICIPALITY.finditer(text):
        yield match.group(0), f"gemeente {match.group(1)}".casefold()


_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?"
_AMOUNT_PATTERNS = (
    re.compile(rf"(?:€|EUR)\s?{_NUMBER}"),
    re.compile(rf"(?<![\d.,]){_NUMBER}\s?(?:euro|EUR)\b", re.I),
)


def _amounts(text: str) -> Iterator[tuple[str, Decimal | None]]:
    taken: list[tuple[int, int]] = []
    for pattern in _AMOUNT_PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            whole, cents = match.group(1).replace(".", ""), match.group(2) or "0"
            try:
                value = Decimal(f"{whole}.{cents if cents.isdigit() else '0'}")
            except InvalidOperation:
                value = None
            yield match.group(0), value


_CONTACT_PATTERNS = (
    re.compile(r"\b(?:https?://|www\.)\S*[^\s.,;:!?)]", re.I),
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    re.compile(r"(?<![\d+])(?:\+31|0)[\s-]?\d{1,3}[\s-]?\d{3}[\s-]?\d{3,4}(?!\d)"),
    re.compile(r"(?<!\d)14\s?0\d{2,3}(?!\d)"),
)
"""Web addresses, e-mail addresses and phone numbers (14 0xx: a municipality's number)."""


def check_draft(draft: str, facts: LetterFacts) -> list[LetterProblem]:
    """Everything in `draft` that the case does not name; an empty list when it may be sent.

    Dates (`1 december 2026`, `01-12-2026`, `2026-12-01`, `1 december`), addresses (a
    postcode, a street and number), organisations (from `ORGANISATIONS`, `gemeente <name>`)
    and amounts (`€ 12,50`, `12 euro`) must each be one of `facts`; a web address, e-mail
    address or phone number may not appear (where to ask is the frame's); and the draft must
    tell what happened, within `MAX_DRAFT_LENGTH`.

    Args:
        draft: The model's text.
        facts: What the case names.

    Returns:
        The problems, in the order of the checks, each once.
    """
    problems: list[LetterProblem] = []

    def add(kind: ProblemKind, found: str) -> None:
        problem = LetterProblem(kind=kind, found=found.strip())
        if problem not in problems:
            problems.append(problem)

    if len(draft) > MAX_DRAFT_LENGTH:
        add(ProblemKind.FRAME, f"the draft is longer than {MAX_DRAFT_LENGTH} characters")
    if not what_happened(draft):
        add(ProblemKind.FRAME, "the draft does not tell what happened")
    fact_dates = set(facts.dates)
    for written, day, month, year in _dates(draft):
        if not _is_fact_date(day, month, year, fact_dates):
            add(ProblemKind.DATE, written)
    fact_text = "\n".join(facts.addresses)
    fact_postcodes = {code for _, code in _postcodes(fact_text.upper())}
    fact_streets = {key for _, key in _streets(fact_text)}
    for written, code in _postcodes(draft):
        if code not in fact_postcodes:
            add(ProblemKind.ADDRESS, written)
    for written, street in _streets(draft):
        if street not in fact_streets:
            add(ProblemKind.ADDRESS, written)
    fact_organisations = {_organisation_key(o) for o in facts.organisations}
    for written, organisation in _organisations(draft):
        if organisation not in fact_organisations:
            add(ProblemKind.ORGANISATION, written)
    fact_amounts = set(facts.amounts)
    for written, value in _amounts(draft):
        if value is None or value not in fact_amounts:
            add(ProblemKind.AMOUNT, written)
    for pattern in _CONTACT_PATTERNS:
        for match in pattern.finditer(draft):
            add(ProblemKind.CONTACT, match.group(0))
    return problems


# The letter a case sends -------------------------------------------------------------------


class LetterSource(StrEnum):
    """Whose words the letter's "what happened" is."""

    MODEL = "model"
    """The model's draft, which passed the check."""
    TEMPLATE = "template"
    """The life event's template: there was no draft, or it failed the check."""
    CASEWORKER = "caseworker"
    """A caseworker's own text, written in the `letter_review` gate."""


class Letter(BaseModel):
    """The letter a case sends its citizen, and how it came to be.

    Attributes:
        text: What the citizen receives.
        source: Whose words it is.
        draft: The model's draft as it came (None: there was none).
        problems: Why the draft was not sent (empty when it passed).
        review: A caseworker reads it before it is sent (a `letter_review` gate).
        reviewed_by: The caseworker who approved (or wrote) the text.
    """

    text: str
    source: LetterSource
    draft: str | None = None
    problems: list[LetterProblem] = Field(default_factory=list)
    review: bool = False
    reviewed_by: str | None = None

    def why(self) -> str:
        """How the letter came to be, in one sentence (English, as the audit trail)."""
        if self.source is LetterSource.CASEWORKER:
            return f"Written by {self.reviewed_by} in the letter review."
        if self.draft is None:
            return "The template: there was no drafted letter."
        if self.problems:
            reasons = "; ".join(p.describe() for p in self.problems)
            return f"The drafted letter failed the check ({reasons}): the template is sent."
        reviewed = f", approved by {self.reviewed_by}" if self.reviewed_by else ""
        return f"The drafted letter passed the check{reviewed}."


def settle_letter(
    draft: str | None,
    *,
    facts: LetterFacts,
    frame: LetterFrame,
    template: str,
    review: bool = False,
) -> Letter:
    """The letter to send: the draft in the frame when it passes the check, else the template.

    Args:
        draft: The model's draft (None: it drafted none).
        facts: What the case names.
        frame: The letter's fixed parts.
        template: The life event's words for what happened, when the draft cannot be sent.
        review: A caseworker reads the letter before it is sent.
    """
    if draft is None:
        return Letter(text=frame_letter(frame, template), source=LetterSource.TEMPLATE)
    problems = check_draft(draft, facts)
    if problems:
        return Letter(
            text=frame_letter(frame, template),
            source=LetterSource.TEMPLATE,
            draft=draft,
            problems=problems,
            review=review,
        )
    return Letter(
        text=frame_letter(frame, what_happened(draft)),
        source=LetterSource.MODEL,
        draft=draft,
        review=review,
    )

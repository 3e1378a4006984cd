"""Dates as citizens write them, in Dutch and English, and dates in words.

`find_date` reads `15 december`, `vijftien december`, `de 15e`, `15-12-2026`, `2026-12-15`,
`December 15th`, `the fifteenth of December`, `morgen`, `tomorrow`, `over twee weken`, `next
week` and the like. A date without a year is the one nearest to today, so a move "op 20
november" reported on 1 December is the past November's, and "15 januari" the coming one.
"""

import re
from datetime import date, timedelta

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

_MONTH_WORDS: dict[str, int] = {}
for _names in MONTHS.values():
    for _number, _name in enumerate(_names, start=1):
        _MONTH_WORDS[_name.lower()] = _number
        _MONTH_WORDS[_name.lower()[:3]] = _number
_MONTH_WORDS.update({"mrt": 3, "sept": 9, "okt": 10})

_UNITS_NL = ("", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEENS_NL = (
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien",
    "zestien", "zeventien", "achttien", "negentien",
)  # fmt: skip
_ORDINALS_NL = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12,
}  # fmt: skip
_UNITS_EN = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_EN = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_ORDINALS_EN = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for n in range(1, 10):
        words[_UNITS_NL[n]] = n
        words[_UNITS_EN[n]] = n
    words["één"] = 1
    for i, (nl, en) in enumerate(zip(_TEENS_NL, _TEENS_EN, strict=True)):
        words[nl] = words[en] = 10 + i
    words.update(_ORDINALS_NL)
    words.update(_ORDINALS_EN)
    for tens, nl_tens, en_tens in ((20, "twintig", "twenty"), (30, "dertig", "thirty")):
        words[nl_tens] = words[en_tens] = tens
        words[f"{nl_tens}ste"] = tens
        for n in range(1, 10 if tens == 20 else 2):
            unit = _UNITS_NL[n]
            joiner = "ën" if unit.endswith("e") else "en"
            words[f"{unit}{joiner}{nl_tens}"] = tens + n
            words[f"{unit}{joiner}{nl_tens}ste"] = tens + n
            words[f"{en_tens}-{_UNITS_EN[n]}"] = tens + n
            words[f"{en_tens} {_UNITS_EN[n]}"] = tens + n
            ordinal = next(k for k, v in _ORDINALS_EN.items() if v == n)
            words[f"{en_tens}-{ordinal}"] = tens + n
            words[f"{en_tens} {ordinal}"] = tens + n
    return words


NUMBER_WORDS = _number_words()
"""Day numbers 1-31 in words (Dutch and English, cardinal and ordinal)."""

_DAY_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_MONTH = "|".join(sorted((re.escape(w) for w in _MONTH_WORDS), key=len, reverse=True))
_DAY = rf"(?:[0-9]{{1,2}}(?:e|ste|de|st|nd|rd|th)?|{_DAY_WORD})"
_YEAR = r"(?:\s*,?\s*(?P<year>20[0-9]{2}))?"

_ISO = re.compile(
    r"(?<![0-9])(?P<year>20[0-9]{2})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?![0-9])"
)
_NUMERIC = re.compile(
    r"(?<![0-9-])(?P<day>[0-9]{1,2})[-/.](?P<month>[0-9]{1,2})(?:[-/.](?P<year>(?:20)?[0-9]{2}))?(?![0-9])"
)
_DAY_MONTH = re.compile(
    rf"(?<![\w-])(?:de\s+|the\s+)?(?P<day>{_DAY})\s+(?:of\s+|van\s+)?(?P<month>{_MONTH})\b\.?{_YEAR}",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?<![\w-])(?P<month>{_MONTH})\b\.?\s+(?:the\s+)?(?P<day>{_DAY})(?![\w-]){_YEAR}",
    re.IGNORECASE,
)
_RELATIVE = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2,
    "day after tomorrow": 2, "gisteren": -1, "yesterday": -1,
    "volgende week": 7, "next week": 7, "komende week": 7,
}  # fmt: skip
_RELATIVE_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)
_IN_UNITS = re.compile(
    rf"(?<!\w)(?:over|in|within)\s+(?P<n>[0-9]{{1,2}}|{_DAY_WORD})\s+(?P<unit>dagen|dag|days?|weken|week|weeks?)(?!\w)",
    re.IGNORECASE,
)


def _day_number(text: str) -> int | None:
    text = text.lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    digits = re.match(r"[0-9]{1,2}", text)
    return int(digits.group(0)) if digits else None


def _nearest(day: int, month: int, today: date) -> date | None:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - today).days), default=None)


def _make(day: int | None, month: int | None, year: str | None, today: date) -> date | None:
    if day is None or month is None or not 1 <= month <= 12:
        return None
    if year is None:
        return _nearest(day, month, today)
    full = int(year) if len(year) == 4 else 2000 + int(year)
    try:
        return date(full, month, day)
    except ValueError:
        return None


def find_dates(text: str, today: date) -> list[tuple[int, int, date]]:
    """Every date in `text` with where it is written (start, end), in order."""
    found: list[tuple[int, int, date]] = []

    def add(start: int, end: int, value: date | None) -> None:
        if value is not None and all(end <= s or start >= e for s, e, _ in found):
            found.append((start, end, value))

    for m in _ISO.finditer(text):
        add(m.start(), m.end(), _make(int(m["day"]), int(m["month"]), m["year"], today))
    for m in _NUMERIC.finditer(text):
        add(m.start(), m.end(), _make(int(m["day"]), int(m["month"]), m["year"], today))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = _MONTH_WORDS.get(m["month"].lower().rstrip("."))
            add(m.start(), m.end(), _make(_day_number(m["day"]), month, m["year"], today))
    for m in _IN_UNITS.finditer(text):
        n = _day_number(m["n"])
        if n is not None:
            days = n * 7 if m["unit"].lower().startswith("we") else n
            add(m.start(), m.end(), today + timedelta(days=days))
    for m in _RELATIVE_RE.finditer(text):
        add(m.start(), m.end(), today + timedelta(days=_RELATIVE[m.group(1).lower()]))
    return sorted(found)


def find_date(text: str, today: date) -> date | None:
    """The last date `text` names, or None."""
    dates = find_dates(text, today)
    return dates[-1][2] if dates else None


def date_in_words(value: date, language: str) -> str:
    """`15 december 2026` or `15 December 2026`."""
    names = MONTHS.get(language, MONTHS["nl"])
    return f"{value.day} {names[value.month - 1]} {value.year}"

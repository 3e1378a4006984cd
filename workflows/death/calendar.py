"""Working days for the law on the disposal of the dead: weekends and public holidays.

A burial or cremation takes place no later than the sixth working day after the death (Wet
op de lijkbezorging, art. 16); what counts as a working day follows the Algemene
termijnenwet: not a Saturday or a Sunday, and not one of the generally recognised holidays —
New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas Day and Boxing Day,
King's Day (27 April, or 26 April when the 27th is a Sunday) and 5 May. Good Friday is not one.

Everything is computed from the date alone (Easter by the Gregorian computus), so workflow
code and a replay get the same days in any year.
"""

from datetime import date, timedelta

SATURDAY = 5
"""`date.weekday()` of a Saturday (Sunday is 6)."""


def easter_sunday(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> dict[date, str]:
    """The generally recognised holidays of `year` that can fall on a working day, by day."""
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter + timedelta(days=1): "Tweede paasdag",
        kings_day: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede pinksterdag",
        date(year, 12, 25): "Eerste kerstdag",
        date(year, 12, 26): "Tweede kerstdag",
    }


def holiday(day: date) -> str | None:
    """The name of the public holiday on `day`, if it is one."""
    return public_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day: a weekday that is no public holiday."""
    return day.weekday() < SATURDAY and holiday(day) is None


def working_day_after(day: date, n: int) -> date:
    """The `n`-th working day after `day` (`day` itself does not count).

    Args:
        day: The day counted from.
        n: How many working days on (1 or more).
    """
    if n < 1:
        raise ValueError("count at least one working day")
    current, counted = day, 0
    while counted < n:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current

"""Burgerservicenummer (BSN) checks: the 11-proef."""

import re

_BSN_RE = re.compile(r"[0-9]{9}")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """Return whether `value` is nine digits passing the 11-proef.

    The weighted sum (weights 9..2 and -1 for the last digit) must be divisible by 11 and
    the number may not be all zeros.
    """
    # fullmatch: `$` would also let a trailing newline through (a tenth character).
    if not _BSN_RE.fullmatch(value):
        return False
    total = sum(int(d) * w for d, w in zip(value, _WEIGHTS, strict=True))
    return total % 11 == 0 and value != "000000000"


def bsn_check_digit(prefix: str) -> int | None:
    """Return the last digit that makes `prefix` (eight digits) a valid BSN, if any exists."""
    partial = sum(int(d) * w for d, w in zip(prefix, _WEIGHTS[:8], strict=True))
    digit = partial % 11
    return digit if digit <= 9 else None

"""The seed's one random source, its fixed clock and the rows it fills.

Every part of the generator draws from the same `random.Random` (seeded with
`POPULATION_SEED`), in a fixed order, so the population is the same on every machine; dates
are fixed (nothing reads the clock) and no set of strings is ever iterated.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from burgerflow.core.bsn import bsn_check_digit
from registries_mock.db import NOT_SEEDED
from registries_mock.tables import sorted_tables

POPULATION_SEED = 20_261_129
"""Seed of the population's random source; changing it changes every fact of the seed."""

SEED_BSN_PREFIXES = ("99990", "99991", "99992", "99993", "99994")
"""First five digits of generated BSNs."""

LAST_MOVE = date(2025, 10, 1)
"""The latest day the generator lets anyone move or start something."""

REFERENCE = date(2026, 1, 1)
"""Fixed 'now' of the generator, used to tell minors and adults apart while generating."""


def age(born: date) -> int:
    """Age in years on `REFERENCE`."""
    years = REFERENCE.year - born.year
    return years - ((REFERENCE.month, REFERENCE.day) < (born.month, born.day))


class Draft:
    """The population being drawn: the random source, the rows so far and the counts.

    Attributes:
        rng: The one random source.
        rows: Table rows by table name, in insertion order.
        counts: Composition counts by category.
        objects_by_id: Each BAG object's `bag_verblijfsobject` and `bag_adres` row.
        persons_by_bsn: Each person's `brp_persoon` row.
    """

    def __init__(self) -> None:
        self.rng = random.Random(POPULATION_SEED)
        self.rows: dict[str, list[dict[str, Any]]] = {
            t.name: [] for t in sorted_tables() if not t.info.get(NOT_SEEDED)
        }
        self.counts: dict[str, int] = {}
        self._bsns = self._bsn_source()
        self.objects_by_id: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self.persons_by_bsn: dict[str, dict[str, Any]] = {}

    def _bsn_source(self) -> Iterator[str]:
        numbers = []
        for prefix in SEED_BSN_PREFIXES:
            for rest in range(1000):
                eight = f"{prefix}{rest:03d}"
                digit = bsn_check_digit(eight)
                if digit is not None:
                    numbers.append(f"{eight}{digit}")
        self.rng.shuffle(numbers)
        return iter(numbers)

    def next_bsn(self) -> str:
        """A BSN not given out yet (they pass the 11-proef, in shuffled order)."""
        return next(self._bsns)

    def count(self, name: str, n: int = 1) -> None:
        """Add `n` to a composition count."""
        self.counts[name] = self.counts.get(name, 0) + n

    def day_in(self, first: int, last: int) -> date:
        """A day from 1 January of `first` to 31 December of `last`."""
        start = date(first, 1, 1)
        span = (date(last, 12, 31) - start).days
        return start + timedelta(days=self.rng.randint(0, span))

    def between(self, start: date, end: date) -> date:
        """A day from `start` to `end`; `start` when the range is empty."""
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def chance(self, p: float) -> bool:
        """True with probability `p`."""
        return self.rng.random() < p

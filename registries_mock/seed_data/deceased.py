"""The persons the seed adds as already deceased: who they were, where they lived and died."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class DeceasedPerson:
    """A person BRP records as deceased, at the home they lived in last.

    Attributes:
        bsn: Their BSN (in `99999`, above the numbers an evaluation run gives out).
        voornamen: Given names.
        voorvoegsel: Surname prefix, if any.
        geslachtsnaam: Surname.
        geslacht: `M` or `V`.
        geboortedatum: Date of birth.
        datum_overlijden: Day of death.
        gemeentecode: Where they lived and died.
        straat: The street of their last home.
        postcode: Its postcode.
    """

    bsn: str
    voornamen: str
    voorvoegsel: str | None
    geslachtsnaam: str
    geslacht: str
    geboortedatum: date
    datum_overlijden: date
    gemeentecode: str
    straat: str
    postcode: str


DECEASED: tuple[DeceasedPerson, ...] = (
    DeceasedPerson(
        "999999904", "Hendrik", "de", "Vries", "M", date(1938, 2, 11), date(2025, 11, 3),
        "0363", "Rustoordlaan", "1019RW",
    ),
    DeceasedPerson(
        "999999916", "Johanna", None, "Bakker", "V", date(1944, 7, 23), date(2025, 12, 19),
        "0599", "Rustoordlaan", "3019RW",
    ),
    DeceasedPerson(
        "999999928", "Willem", "van", "Dijk", "M", date(1951, 5, 2), date(2025, 9, 8),
        "0344", "Rustoordlaan", "3519RW",
    ),
    DeceasedPerson(
        "999999941", "Maria", None, "Smit", "V", date(1933, 9, 30), date(2025, 8, 14),
        "0363", "Rustoordlaan", "1019RW",
    ),
)  # fmt: skip
"""Every person the seed adds as already deceased."""

FIRST_HOUSE_NUMBER = 99_001
"""The deceased's homes are numbered from here: no generated, test or evaluation address
uses these numbers."""

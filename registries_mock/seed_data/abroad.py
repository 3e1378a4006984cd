"""The seeded people who already emigrated: who they are, where they went and when.

Data only. They are loaded after the generated population (`registries_mock.seed.abroad`),
each at the first dwelling of their last municipality, so the generated population and its
pinned digests stay as they are.
"""

from datetime import date

ABROAD: tuple[dict[str, object], ...] = (
    {
        "burgerservicenummer": "999947023",
        "voornamen": "Sanne",
        "voorvoegsel": None,
        "geslachtsnaam": "Visser",
        "geslacht": "V",
        "geboortedatum": date(1985, 2, 11),
        "laatste_gemeente": "0363",
        "land": "BE",
        "regel1": "Rue de la Loi 16",
        "regel2": "1000 Brussel",
        "regel3": None,
        "datum_vertrek": date(2024, 9, 1),
    },
    {
        "burgerservicenummer": "999947047",
        "voornamen": "Pieter",
        "voorvoegsel": "de",
        "geslachtsnaam": "Jong",
        "geslacht": "M",
        "geboortedatum": date(1979, 7, 23),
        "laatste_gemeente": "0599",
        "land": "AW",
        "regel1": "L.G. Smith Boulevard 82",
        "regel2": "Oranjestad",
        "regel3": None,
        "datum_vertrek": date(2023, 5, 15),
    },
    {
        "burgerservicenummer": "999947059",
        "voornamen": "Fatima",
        "voorvoegsel": None,
        "geslachtsnaam": "El Amrani",
        "geslacht": "V",
        "geboortedatum": date(1992, 11, 3),
        "laatste_gemeente": "0344",
        "land": "ES",
        "regel1": "Calle de Alcalá 45",
        "regel2": "28014 Madrid",
        "regel3": None,
        "datum_vertrek": date(2025, 1, 10),
    },
)
"""Three emigrants: to Belgium from Amsterdam, to Aruba from Rotterdam, to Spain from
Utrecht."""

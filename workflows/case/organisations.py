"""Organisations a letter to a citizen may name, each with the names it goes by.

The letter check (`workflows.case.letters`) looks for these names in a drafted letter; each
one it finds must be an organisation of the case. A municipality is named "gemeente <name>"
and found by its own pattern, so it is not listed here.
"""

ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "Belastingdienst": ("Belastingdienst",),
    "Dienst Toeslagen": (
        "Dienst Toeslagen",
        "Belastingdienst/Toeslagen",
        "Belastingdienst Toeslagen",
        "Toeslagen",
    ),
    "DUO": ("DUO", "Dienst Uitvoering Onderwijs"),
    "RDW": ("RDW", "Rijksdienst voor het Wegverkeer"),
    "UWV": ("UWV", "Uitvoeringsinstituut Werknemersverzekeringen"),
    "SVB": ("SVB", "Sociale Verzekeringsbank"),
    "CAK": ("CAK",),
    "CJIB": ("CJIB", "Centraal Justitieel Incassobureau"),
    "IND": ("IND", "Immigratie- en Naturalisatiedienst"),
    "Kadaster": ("Kadaster",),
    "KVK": ("KVK", "KvK", "Kamer van Koophandel"),
    "RvIG": ("RvIG", "Rijksdienst voor Identiteitsgegevens"),
    "Politie": ("Politie", "Nationale Politie"),
    "GGD": ("GGD",),
    "Zorginstituut Nederland": ("Zorginstituut Nederland", "Zorginstituut"),
    "Nationale ombudsman": ("Nationale ombudsman", "Nationale Ombudsman"),
    "Raad voor de Kinderbescherming": ("Raad voor de Kinderbescherming",),
    "Openbaar Ministerie": ("Openbaar Ministerie",),
    "Burgerlijke stand": ("Burgerlijke stand", "burgerlijke stand"),
    "Waterschap": ("Waterschap", "waterschap"),
}
"""Canonical name to the names it is written as (matched whole, with their capitals).

"Toeslagen" alone is a name only with a capital: written small, "uw toeslagen" is a word.
"""

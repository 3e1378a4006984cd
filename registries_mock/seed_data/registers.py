"""What the seed's registry rows are made of: BAG statuses and uses, cars, kentekens, benefits.

Data only; the generator draws from these by position, so changing them changes the
population.
"""

IN_GEBRUIK = "Verblijfsobject in gebruik"
"""BAG status of an object in use."""
IN_GEBRUIK_NIET_INGEMETEN = "Verblijfsobject in gebruik (niet ingemeten)"
"""BAG status of an object in use whose surface was not measured."""
NIET_IN_GEBRUIK = ("Verblijfsobject gevormd", "Verblijfsobject buiten gebruik",
                   "Verbouwing verblijfsobject")  # fmt: skip
"""BAG statuses of a dwelling that is not in use."""
NIET_WONEN = ("kantoorfunctie", "winkelfunctie", "industriefunctie", "bijeenkomstfunctie",
              "gezondheidszorgfunctie", "logiesfunctie", "onderwijsfunctie")  # fmt: skip
"""BAG uses of a non-residential object."""

AUTOS = (("Volkswagen", "Golf"), ("Toyota", "Yaris"), ("Kia", "Niro"), ("Peugeot", "208"),
         ("Renault", "Clio"), ("Opel", "Corsa"), ("Tesla", "Model 3"), ("Skoda", "Octavia"),
         ("Ford", "Fiesta"), ("Volvo", "XC40"), ("Hyundai", "Kona"),
         ("Fiat", "500"))  # fmt: skip
"""Make and model of the seeded cars."""
KENTEKEN_LETTERS = "BDFGHJKLNPRSTVXZ"
"""The letters a generated kenteken uses."""
TOESLAG_BEDRAGEN = {
    "huurtoeslag": (120, 420),
    "zorgtoeslag": (40, 131),
    "kinderopvangtoeslag": (300, 1600),
    "kindgebondenbudget": (60, 380),
}
"""Lowest and highest monthly amount per kind of benefit, in euros."""

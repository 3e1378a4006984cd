"""The kinds of household the seed draws, with their weights.

Data only; the generator draws a kind per household with `random.choices` over these, in this
order, so changing them changes the population.
"""

HOUSEHOLD_KINDS = (("single", 27), ("married", 10), ("registered", 4), ("cohabiting", 5),
                   ("family", 22), ("separated", 5), ("single_parent", 6), ("student", 6),
                   ("student_house", 6), ("crowded", 2))  # fmt: skip
"""Kinds of household and their weights."""

"""The names of the seed's people: first names by sex and family names with their prefixes.

Data only; the generator draws from these tuples by position, so changing them changes the
population.
"""

MANNEN = ("Daan", "Sem", "Lucas", "Levi", "Finn", "Milan", "Bram", "Thomas", "Jesse", "Ruben",
          "Jan", "Pieter", "Willem", "Kees", "Henk", "Mohamed", "Ahmet", "Youssef", "Emre",
          "Noah", "Luuk", "Sven", "Joris", "Maarten", "Gerrit", "Anton", "Rik", "Tim", "Stijn",
          "Hamza", "Omar", "Koen")  # fmt: skip
"""First names of men."""
VROUWEN = ("Emma", "Julia", "Sophie", "Tess", "Anna", "Sara", "Fleur", "Lotte", "Eva", "Lisa",
           "Maria", "Johanna", "Wilhelmina", "Ingrid", "Petra", "Fatima", "Aylin", "Nour",
           "Zeynep", "Iris", "Noor", "Sanne", "Femke", "Marieke", "Anouk", "Esther", "Linda",
           "Yasmina", "Mila", "Saar", "Roos", "Ilse")  # fmt: skip
"""First names of women."""
ACHTERNAMEN = (
    (None, "Jansen"), (None, "Bakker"), (None, "Visser"), (None, "Smit"), (None, "Meijer"),
    (None, "Mulder"), (None, "Bos"), (None, "Vos"), (None, "Peters"), (None, "Hendriks"),
    (None, "Dekker"), (None, "Brouwer"), (None, "Willems"), (None, "Hoekstra"),
    (None, "Yilmaz"), (None, "Kaya"), (None, "El Amrani"), (None, "Bouzid"), (None, "Özdemir"),
    (None, "Kramer"), (None, "Schouten"), (None, "Koster"), (None, "Prins"), (None, "Huisman"),
    ("de", "Vries"), ("de", "Jong"), ("de", "Boer"), ("de", "Groot"), ("de", "Graaf"),
    ("van", "Dijk"), ("van", "Leeuwen"), ("van", "Wijk"), ("van der", "Meer"),
    ("van der", "Linden"), ("van den", "Berg"), ("van den", "Heuvel"), ("van de", "Ven"),
    ("van 't", "Hof"), ("ter", "Horst"), ("den", "Hartog"),
)  # fmt: skip
"""Family names: (voorvoegsel, geslachtsnaam)."""

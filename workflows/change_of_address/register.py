"""The change of address's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only a move can write, in Dutch: what the system does, the laws it rests on, the data it
reads and what a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import (
    AVG_BASES,
    AWB,
    BAG_SOURCE,
    BRP_SOURCE,
    DUO_SOURCE,
    RDW_SOURCE,
    TOESLAGEN_SOURCE,
    WET_BRP,
    DataSource,
    LegalBasis,
    RegisterTexts,
)
from workflows.change_of_address.policy import LATE_AFTER_DAYS

DATA_SOURCES = (
    DataSource(
        "Basisregistratie Personen (BRP)",
        "naam, geboortedatum, woonadres, partners, kinderen, ouders, gezag en of een "
        "gegeven in onderzoek is",
        BRP_SOURCE,
    ),
    DataSource(
        "Basisregistratie Adressen en Gebouwen (BAG)",
        "adres, objectnummer, gebruiksdoel, oppervlakte en status van het object",
        BAG_SOURCE,
    ),
    DataSource("Toeslagen", "welke toeslagen iemand krijgt", TOESLAGEN_SOURCE),
    DataSource("DUO", "of iemand studiefinanciering krijgt", DUO_SOURCE),
    DataSource("RDW", "welke voertuigen op iemands naam staan", RDW_SOURCE),
    DataSource("Gemeente", "gemeentelijke belastingen en parkeervergunningen"),
)
"""The registries a case reads, and which of their data."""


def policy_parameters(settings: Settings) -> Mapping[str, str]:
    """The policy's parameters in force: the occupancy threshold and when a report is late."""
    return {
        "Minimale woonoppervlakte per bewoner": f"{settings.min_m2_per_person:g} m²",
        "Te late melding": f"meer dan {LATE_AFTER_DAYS} dagen na de verhuizing",
    }


MOVE_REGISTER = RegisterTexts(
    name="Verhuizing doorgeven: controle en afhandeling (burgerflow)",
    description_short=(
        "U geeft uw verhuizing door aan de gemeente. Een computer haalt uw gegevens op uit "
        "de registers en zet de stappen klaar: uw nieuwe adres in de BRP en een bericht aan "
        "de organisaties die het moeten weten. Twijfelt de computer, dan kijkt een "
        "medewerker. Een weigering komt altijd van een medewerker."
    ),
    goal=(
        "Een inwoner geeft een verhuizing door. Het systeem verzamelt de feiten uit de "
        "registers van de overheid, stelt de stappen op (inschrijving op het nieuwe adres in "
        "de BRP, de Belastingdienst, Toeslagen, DUO, de RDW, gemeentelijke belastingen en "
        "vergunningen, een brief in eenvoudige taal) en voert ze uit nadat een medewerker "
        "elk kritiek punt heeft gecontroleerd. Gevolg voor de inwoner: het adres in de BRP "
        "en de organisaties die dat adres gebruiken."
    ),
    proportionality=(
        "De controles die medewerkers nu met de hand doen (past het aantal bewoners bij de "
        "woning, is het een woning, wie mag voor wie melden) gebeuren steeds op dezelfde "
        "manier en worden vastgelegd. Een medewerker beslist over alles wat afwijkt. Het "
        "alternatief is dat een medewerker elke melding helemaal met de hand afhandelt."
    ),
    deciders="een medewerker van de gemeente van het nieuwe adres",
    categories=("Wonen", "Organisatie en bedrijfsvoering"),
    legal_basis=(
        LegalBasis(
            "Wet basisregistratie personen, artikel 2.38 en verder",
            WET_BRP,
            "De plicht om een verhuizing te melden en de inschrijving door de gemeente.",
        ),
        *AVG_BASES,
        LegalBasis(
            "Algemene wet bestuursrecht",
            AWB,
            "Een geweigerde verhuizing is een besluit waartegen de inwoner bezwaar kan maken.",
        ),
    ),
    data_sources=DATA_SOURCES,
    agent_role=(
        "Een taalmodel stelt het plan op uit de gegevens van de registers: welke gegevens "
        "nodig zijn, welke stappen en de teksten. Het beslist niets: vaste regels in "
        "versiebeheerde code controleren elk plan en bepalen waar een medewerker moet "
        "kijken."
    ),
    model_personal_data=(
        "Het model ziet geen burgerservicenummers, namen, adressen of geboortedata, maar "
        "schuilnamen per zaak (PERSON_1, ADDRESS_1) met de feiten die het plan nodig heeft "
        "(leeftijden, oppervlakte, gebruiksdoel, toeslagen)."
    ),
    parameters=policy_parameters,
    tags=("verhuizing", "adreswijziging", "BRP", "BAG", "burgerzaken"),
)
"""The change of address's register texts."""

"""The emigration's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only an emigration can write, in Dutch: what the system does, the laws it rests on, the data
it reads and what a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import (
    AVG_BASES,
    AWB,
    BRP_SOURCE,
    DUO_SOURCE,
    RDW_SOURCE,
    TOESLAGEN_SOURCE,
    WET_BRP,
    DataSource,
    LegalBasis,
    RegisterTexts,
)
from workflows.emigration.policy import SELF_REPORT_AGE
from workflows.emigration.report import MAX_DAYS_AHEAD, MAX_DAYS_PAST

DATA_SOURCES = (
    DataSource(
        "Basisregistratie Personen (BRP)",
        "naam, geboortedatum, woonadres in Nederland of in het buitenland, opschorting van "
        "de persoonslijst, partners, kinderen, ouders, gezag, of een gegeven in onderzoek is "
        "en wie er verder op het adres woont",
        BRP_SOURCE,
    ),
    DataSource("Toeslagen", "welke toeslagen iemand krijgt", TOESLAGEN_SOURCE),
    DataSource("DUO", "of iemand studiefinanciering krijgt", DUO_SOURCE),
    DataSource("RDW", "welke voertuigen op iemands naam staan", RDW_SOURCE),
    DataSource("Gemeente", "gemeentelijke belastingen en parkeervergunningen"),
)
"""The registries a case reads, and which of their data."""


def policy_parameters(settings: Settings) -> Mapping[str, str]:
    """The policy's parameters in force: the reporting window and the age of self-report."""
    return {
        "Melden vanaf": f"{MAX_DAYS_AHEAD} dagen voor het vertrek",
        "Melden tot": f"{MAX_DAYS_PAST} dagen na het vertrek",
        "Zelf melden vanaf": f"{SELF_REPORT_AGE} jaar",
    }


EMIGRATION_REGISTER = RegisterTexts(
    name="Emigratie doorgeven: controle en afhandeling (burgerflow)",
    description_short=(
        "U gaat in het buitenland wonen en meldt dat aan de gemeente. Een computer haalt uw "
        "gegevens op en zet de stappen klaar: uitschrijving uit de BRP en een bericht aan de "
        "organisaties die het moeten weten. Blijft er iemand achter op het adres of gaat er "
        "een kind mee, dan kijkt een medewerker. Een weigering komt altijd van een medewerker."
    ),
    goal=(
        "Een inwoner meldt dat hij of zij naar het buitenland vertrekt. Het systeem "
        "verzamelt de feiten uit de registers van de overheid, stelt de stappen op "
        "(uitschrijving uit de BRP met het land en het adres in het buitenland, de "
        "Belastingdienst, Toeslagen, DUO, de RDW, het stoppen van gemeentelijke belastingen "
        "en parkeervergunningen, een brief in eenvoudige taal met het bewijs van "
        "uitschrijving) en voert ze uit nadat een medewerker elk kritiek punt heeft "
        "gecontroleerd: een huishouden dat uit elkaar gaat, het gezag over een kind, wie "
        "voor wie mag melden. Gevolg voor de inwoner: de inschrijving in Nederland en de "
        "organisaties die daarvan horen."
    ),
    proportionality=(
        "De controles gebeuren steeds op dezelfde manier en worden vastgelegd; wat afwijkt, "
        "beoordeelt een medewerker. Het alternatief is dat een medewerker elke melding "
        "helemaal met de hand afhandelt."
    ),
    deciders="een medewerker van de gemeente die de inwoner verlaat",
    categories=("Migratie en integratie", "Internationaal"),
    legal_basis=(
        LegalBasis(
            "Wet basisregistratie personen, artikel 2.43 en verder",
            WET_BRP,
            "De plicht om een vertrek naar het buitenland te melden in de vijf dagen voor "
            "het vertrek, en de uitschrijving op de dag dat de melding binnenkomt.",
        ),
        *AVG_BASES,
        LegalBasis(
            "Algemene wet bestuursrecht",
            AWB,
            "Een geweigerde uitschrijving is een besluit waartegen de inwoner bezwaar kan maken.",
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
        "Het model ziet geen burgerservicenummers, namen, adressen in Nederland of in het "
        "buitenland of geboortedata, maar schuilnamen per zaak (PERSON_1, ADDRESS_1) met de "
        "feiten die het plan nodig heeft (leeftijden, relaties, gezag, land, toeslagen)."
    ),
    parameters=policy_parameters,
    tags=("emigratie", "vertrek naar het buitenland", "uitschrijving", "BRP", "burgerzaken"),
)
"""The emigration's register texts."""

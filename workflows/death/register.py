"""The report of a death's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only a death can write, in Dutch: what the system does, the laws it rests on, the data it
reads and what a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import (
    AVG_BASES,
    BRP_SOURCE,
    DUO_SOURCE,
    RDW_SOURCE,
    TOESLAGEN_SOURCE,
    WET_BRP,
    DataSource,
    LegalBasis,
    RegisterTexts,
)
from workflows.death.policy import LATE_AFTER_DAYS, LATEST_WORKING_DAY, MIN_HOURS

BW1 = "https://wetten.overheid.nl/BWBR0002656"
"""Burgerlijk Wetboek Boek 1."""
WLB = "https://wetten.overheid.nl/BWBR0005009"
"""Wet op de lijkbezorging."""
ATW = "https://wetten.overheid.nl/BWBR0002448"
"""Algemene termijnenwet."""

DATA_SOURCES = (
    DataSource(
        "Basisregistratie Personen (BRP)",
        "naam, geboortedatum, woonadres, een overlijden dat al is vastgelegd, partners, "
        "kinderen, gezag, wie er verder op het adres woont en of een gegeven in onderzoek is",
        BRP_SOURCE,
    ),
    DataSource(
        "Burgerlijke stand",
        "de akte van overlijden en het verlof tot begraven of cremeren dat daarbij hoort",
    ),
    DataSource("Toeslagen", "welke toeslagen iemand kreeg", TOESLAGEN_SOURCE),
    DataSource("DUO", "of iemand studiefinanciering kreeg", DUO_SOURCE),
    DataSource("RDW", "welke voertuigen op iemands naam stonden", RDW_SOURCE),
    DataSource("Gemeente", "gemeentelijke belastingen en parkeervergunningen"),
)
"""The registries a case reads, and which of their data."""


def policy_parameters(settings: Settings) -> Mapping[str, str]:
    """The policy's parameters in force: the disposal's window and when a report is late."""
    return {
        "Begraven of cremeren niet eerder dan": f"{MIN_HOURS} uur na het overlijden",
        "Begraven of cremeren niet later dan": f"de {LATEST_WORKING_DAY}e werkdag na het "
        "overlijden",
        "Te late aangifte": f"meer dan {LATE_AFTER_DAYS} dagen na het overlijden",
    }


DEATH_REGISTER = RegisterTexts(
    name="Aangifte van overlijden: controle en afhandeling (burgerflow)",
    description_short=(
        "De uitvaartondernemer doet aangifte van een overlijden bij de gemeente. Een computer "
        "haalt de gegevens op en zet de stappen klaar: de akte van overlijden, het verlof om "
        "te begraven of te cremeren en een bericht aan de organisaties die het moeten weten. "
        "De akte maakt altijd een ambtenaar van de burgerlijke stand."
    ),
    goal=(
        "Een uitvaartondernemer doet aangifte van een overlijden bij de gemeente van "
        "overlijden. Het systeem verzamelt de feiten uit de registers van de overheid, stelt "
        "de stappen op (de akte van overlijden en het verlof tot begraven of cremeren, het "
        "overlijden in de BRP, de Belastingdienst, Toeslagen, DUO, de RDW, "
        "parkeervergunningen en gemeentelijke belastingen, een brief in eenvoudige taal aan "
        "de partner en een bericht aan de uitvaartondernemer) en voert ze uit nadat de "
        "ambtenaar van de burgerlijke stand de akte heeft opgemaakt en medewerkers elk "
        "kritiek punt hebben gecontroleerd. Gevolg: de persoon staat als overleden in de BRP "
        "en alle organisaties die de BRP gebruiken, weten het."
    ),
    proportionality=(
        "Nabestaanden hoeven het overlijden niet bij elke organisatie apart te melden. De "
        "controles gebeuren steeds op dezelfde manier en worden vastgelegd; de akte en elke "
        "afwijking beoordeelt een mens. Het alternatief is dat een medewerker elke aangifte "
        "helemaal met de hand afhandelt."
    ),
    deciders="de ambtenaar van de burgerlijke stand of een medewerker van de gemeente van "
    "overlijden",
    categories=("Recht", "Organisatie en bedrijfsvoering"),
    legal_basis=(
        LegalBasis(
            "Burgerlijk Wetboek Boek 1, titel 4",
            BW1,
            "De aangifte van overlijden bij de ambtenaar van de burgerlijke stand en de akte "
            "van overlijden.",
        ),
        LegalBasis(
            "Wet op de lijkbezorging",
            WLB,
            "De verklaringen van overlijden en van geen bezwaar, en het verlof tot begraven "
            f"of cremeren: niet eerder dan {MIN_HOURS} uur en niet later dan de "
            f"{LATEST_WORKING_DAY}e werkdag na het overlijden, tenzij de burgemeester het "
            "toestaat.",
        ),
        LegalBasis(
            "Algemene termijnenwet",
            ATW,
            "Welke dagen werkdagen zijn: geen zaterdag, zondag of algemeen erkende feestdag.",
        ),
        LegalBasis(
            "Wet basisregistratie personen",
            WET_BRP,
            "Het overlijden vastleggen en de persoonslijst opschorten (reden O).",
        ),
        *AVG_BASES,
    ),
    data_sources=DATA_SOURCES,
    agent_role=(
        "Een taalmodel stelt het plan op uit de gegevens van de registers: welke gegevens "
        "nodig zijn, welke stappen en een samenvatting. Het beslist niets en schrijft geen "
        "brief: vaste regels in versiebeheerde code controleren elk plan en bepalen waar een "
        "medewerker moet kijken; de brieven aan de partner en de uitvaartondernemer zijn "
        "vaste teksten van de gemeente."
    ),
    model_personal_data=(
        "Het model ziet geen burgerservicenummers, namen, adressen of geboortedata, maar "
        "schuilnamen per zaak (PERSON_1, ADDRESS_1), en nooit de gemelde achternaam (alleen "
        "of die klopt met de BRP). Het ziet de datum van overlijden en van de uitvaart en de "
        "feiten die het plan nodig heeft (toeslagen, voertuigen, vergunningen, belastingen)."
    ),
    parameters=policy_parameters,
    tags=("overlijden", "aangifte van overlijden", "burgerlijke stand", "lijkbezorging"),
)
"""The report of a death's register texts."""

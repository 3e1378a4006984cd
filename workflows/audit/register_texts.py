"""What a life event tells the algorithm register about itself, beyond its rule table.

The register record of a life event is generated (`workflows.audit.register`): its rules,
risks and approvals come from the event's rule table, the deployment's facts from the
settings. The words only the life event can write (what it is for, the laws it rests on,
which data it reads, what its agent may see) it registers as `extras["register"]`, in Dutch:
the register publishes in Dutch (`lang` `nld`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from burgerflow.core.settings import Settings

REGISTER_EXTRA = "register"
"""The key of a life event's `RegisterTexts` in its `extras`."""


def _no_parameters(settings: Settings) -> Mapping[str, str]:
    return {}


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A law the processing rests on: one `lawful_basis_grouping` item and its reason.

    Attributes:
        title: The law (and article), at most 100 characters.
        link: The law on wetten.overheid.nl (or EUR-Lex for EU law).
        reason: What the law asks or allows here, in Dutch.
    """

    title: str
    link: str
    reason: str


@dataclass(frozen=True, slots=True)
class DataSource:
    """A registry a case reads: one `source_data_grouping` item and the data it gives.

    Attributes:
        title: The registry's name.
        data: Which of its data a case reads, in Dutch.
        link: A public description of the registry; None for the organisation's own
            administration (then it is named in `source_data` only).
    """

    title: str
    data: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterTexts:
    """One life event's own texts for its algorithm-register record, in Dutch.

    Attributes:
        name: The record's `name` (at most 100 characters).
        description_short: Two or three sentences at language level B1 (`description_short`,
            at most 400 characters).
        goal: What the system is for and what it changes for the citizen (`goal`).
        proportionality: Why the system is worth its risks, and the alternative.
        deciders: Who validates a gate, as the subject of a sentence ("een medewerker van de
            gemeente van het nieuwe adres").
        categories: The policy areas (`category`, from the standard's permitted values).
        legal_basis: The laws the processing rests on.
        data_sources: Each registry read, and which of its data.
        agent_role: What the agent does and may not do (None: the life event has no agent).
        model_personal_data: What a model endpoint sees of a citizen's data.
        parameters: The policy's tunable parameters in force, as Dutch label and value, from
            the deployment's settings.
        tags: Search words for the register (`tags`).
    """

    name: str
    description_short: str
    goal: str
    proportionality: str
    deciders: str
    categories: tuple[str, ...]
    legal_basis: tuple[LegalBasis, ...]
    data_sources: tuple[DataSource, ...]
    agent_role: str | None = None
    model_personal_data: str = ""
    parameters: Callable[[Settings], Mapping[str, str]] = _no_parameters
    tags: tuple[str, ...] = ()


WET_BRP = "https://wetten.overheid.nl/BWBR0033715"
"""Wet basisregistratie personen."""
AWB = "https://wetten.overheid.nl/BWBR0005537"
"""Algemene wet bestuursrecht."""
UAVG = "https://wetten.overheid.nl/BWBR0040940"
"""Uitvoeringswet Algemene verordening gegevensbescherming."""
AVG = "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
"""Algemene verordening gegevensbescherming (EU 2016/679), not on wetten.overheid.nl."""

AVG_BASES = (
    LegalBasis(
        "AVG, artikel 6 lid 1 onder c en e",
        AVG,
        "De gemeente verwerkt de gegevens omdat de wet dat vraagt en voor haar publieke taak.",
    ),
    LegalBasis(
        "AVG, artikel 22",
        AVG,
        "Geen besluit alleen door een computer: elke weigering neemt een medewerker.",
    ),
    LegalBasis(
        "Uitvoeringswet AVG",
        UAVG,
        "Het gebruik van het burgerservicenummer en de bescherming van persoonsgegevens.",
    ),
)
"""The data-protection laws every life event rests on."""

BRP_SOURCE = "https://www.rvig.nl/basisregistratie-personen"
BAG_SOURCE = "https://www.kadaster.nl/zakelijk/registraties/basisregistraties/bag"
TOESLAGEN_SOURCE = "https://www.belastingdienst.nl/wps/wcm/connect/nl/toeslagen/toeslagen"
DUO_SOURCE = "https://duo.nl/"
RDW_SOURCE = "https://www.rdw.nl/"

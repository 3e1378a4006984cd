"""The algorithm-register records of this deployment, generated from its running configuration.

The Dutch algorithm register (algoritmes.overheid.nl) publishes each algorithm in its
publication standard v1.0 (`workflows.audit.register_standard`). Writing those records by
hand lets them drift from what runs; this module builds one record per life event each time
it is asked, from the settings (the organisation, its contact, the model provider, the
registries, the deadlines and thresholds), the life event's policy version and rule table
(`RuleSpec.register_text`, risk, approvals) and the Dutch texts the life event registers
(`RegisterTexts`), so the record published is the configuration in force.

`GET /v1/transparency` answers these records and `burgerflow transparency export` writes them
as the register's upload file: a JSON list of records with the standard's field names.
"""

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from burgerflow import __version__
from burgerflow.core.settings import RegisterLink, Settings
from workflows.audit.codec import keyring_from_settings
from workflows.audit.register_standard import STANDARD_VERSION, RegisterProblem, check
from workflows.audit.register_texts import REGISTER_EXTRA, RegisterTexts
from workflows.case.life_event import LifeEvent
from workflows.case.models import Risk
from workflows.life_events import LIFE_EVENTS

LANG = "nld"
"""The records' language, as the standard spells Dutch."""


class RegisterRecord(BaseModel):
    """One life event's record in the publication standard v1.0, with its field names.

    The fields are plain text and lists here; whether they meet the standard (lengths,
    permitted values, required fields) is `register_standard.check`'s to say, against the
    standard's own file.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    description_short: str
    organization: str
    category: list[str]
    status: str
    begin_date: str | None = None
    contact_email: str
    website: str | None = None
    publication_category: str
    url: str | None = None
    goal: str
    proportionality: str | None = None
    human_intervention: str
    risks: str
    lawful_basis: str | None = None
    lawful_basis_grouping: list[RegisterLink] | None = None
    process_index_url: str | None = None
    impacttoetsen_grouping: list[RegisterLink] | None = None
    source_data: str
    source_data_grouping: list[RegisterLink]
    methods_and_models: str
    provider: str
    publiccode: str | None = None
    lang: str = LANG
    standard_version: str = STANDARD_VERSION
    source_id: str
    tags: str

    def to_upload(self) -> dict[str, Any]:
        """The record as it stands in the register's upload file (unset fields left out)."""
        return self.model_dump(mode="json", exclude_none=True)


class UnknownLifeEvent(LookupError):
    """A life event this deployment does not handle was asked for."""


class InvalidRegisterFile(ValueError):
    """The generated records do not meet the standard (a setting too long, a wrong value)."""

    def __init__(self, problems: list[RegisterProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _p(*sentences: str) -> str:
    text = " ".join(s for s in sentences if s)
    return f"<p>{escape(text, quote=False)}</p>" if text else ""


def _ul(items: Iterable[str]) -> str:
    lis = "".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
    return f"<ul>{lis}</ul>" if lis else ""


def _endpoint(url: str) -> str:
    """Scheme and host of a URL: where data goes, without paths, users or keys."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def _uses_mocks(settings: Settings) -> bool:
    return settings.registries_base_url is None


def register_texts(event: LifeEvent) -> RegisterTexts:
    """The texts a life event registered, or plain ones made from its Dutch name."""
    texts = event.extras.get(REGISTER_EXTRA)
    if isinstance(texts, RegisterTexts):
        return texts
    title = event.title_in("nl")
    return RegisterTexts(
        name=f"{title} (burgerflow)",
        description_short=f"Een melding ({title}) wordt van begin tot eind afgehandeld. Een "
        "medewerker beslist over elk punt dat de regels aanwijzen.",
        goal=f"Een melding ({title}) van begin tot eind afhandelen.",
        proportionality="",
        deciders="een medewerker van de gemeente",
        categories=("Organisatie en bedrijfsvoering",),
        legal_basis=(),
        data_sources=(),
        agent_role="Een taalmodel stelt het plan op. Het beslist niets: vaste regels "
        "controleren elk plan."
        if event.agent
        else None,
    )


def _model_sentence(settings: Settings) -> str:
    if settings.llm_provider == "scripted":
        return (
            "In deze omgeving draait geen taalmodel: de vaste planner van burgerflow "
            f"({settings.llm_model}) maakt het plan in het eigen systeem; er gaan geen "
            "gegevens naar buiten."
        )
    where = f" op {_endpoint(settings.llm_base_url)}" if settings.llm_base_url else ""
    return (
        f"Het taalmodel is {settings.llm_model}, via een OpenAI-compatibel endpoint{where}. "
        "Kies een eigen of in de EU gehoste omgeving onder een verwerkersovereenkomst."
    )


def _human_intervention(event: LifeEvent, texts: RegisterTexts, settings: Settings) -> str:
    rules = list(event.rules)
    high = [r for r in rules if r.risk == Risk.HIGH]
    deciders = texts.deciders[:1].upper() + texts.deciders[1:]
    return _p(
        "Een taalmodel stelt voor, vaste regels controleren, een mens beslist."
        if event.agent
        else "Vaste regels controleren, een mens beslist.",
        f"{deciders} beoordeelt elk punt dat de regels aanwijzen ({len(rules)} regels, zie "
        "'Methoden en modellen').",
        f"Een punt van een regel met een hoog risico ({len(high)} van de {len(rules)}) "
        "beoordelen twee verschillende medewerkers."
        if high
        else "",
        f"Een punt dat na {settings.gate_deadline_days:g} dagen nog open staat, gaat naar "
        "een leidinggevende; het systeem beslist dan nooit zelf.",
        "In geen enkel register verandert iets voordat alle punten zijn goedgekeurd.",
    ) + _p(
        "Een weigering is altijd het besluit van een medewerker, met de reden in het bericht "
        "aan de inwoner.",
        "Het taalmodel kan een punt toevoegen, nooit weghalen." if event.agent else "",
    )


def _risks(event: LifeEvent, texts: RegisterTexts, settings: Settings) -> str:
    keys = keyring_from_settings(settings)
    items = []
    if event.agent:
        items += [
            "Een fout plan van het taalmodel: vaste regels controleren elk plan, en het "
            "model beslist niets.",
            f"Persoonsgegevens bij een taalmodel. {texts.model_personal_data} "
            + _model_sentence(settings),
        ]
    items += [
        "Een stap die mislukt of twee keer wordt geprobeerd: elke stap heeft een eigen "
        "sleutel per zaak, zodat een nieuwe poging niets dubbel doet.",
        "Verantwoording: van elke zaak wordt alles vastgelegd (de melding, de gelezen "
        "gegevens, de vragen aan het model, de regels met hun bewijs, elk besluit met wie en "
        "waarom, en het bewijs van elke stap).",
        "Vertrouwelijkheid: de gegevens van een zaak zijn versleuteld opgeslagen (AES-256-GCM, "
        f"{len(keys.key_ids)} sleutel(s) ingesteld; een nieuwe sleutel vraagt geen nieuwe "
        "versleuteling).",
        "Controleerbaarheid: elke zaak kan opnieuw worden afgespeeld met de huidige code; "
        "vaste voorbeeldzaken worden bij elke wijziging opnieuw afgespeeld.",
    ]
    return _ul(items)


def _risk_word(risk: Risk) -> str:
    return "hoog risico, twee goedkeuringen" if risk == Risk.HIGH else "één goedkeuring"


def _methods_and_models(event: LifeEvent, texts: RegisterTexts, settings: Settings) -> str:
    parameters: Mapping[str, str] = {
        **texts.parameters(settings),
        "Open punt naar een leidinggevende na": f"{settings.gate_deadline_days:g} dagen",
        "Brieven van het model eerst langs een medewerker": "altijd"
        if settings.letter_review == "always"
        else "nee",
    }
    parts = [
        _p(f"Beleid {event.policy_version}: vaste regels in code, in deze volgorde:"),
        _ul(f"{r.id} ({_risk_word(r.risk)}): {r.register_text}" for r in event.rules),
        _p("Instellingen van het beleid:"),
        _ul(f"{label}: {value}" for label, value in parameters.items()),
    ]
    if event.agent and texts.agent_role:
        parts.append(_p(texts.agent_role, _model_sentence(settings)))
    parts.append(
        _p(
            f"Software: burgerflow {__version__} (Temporal-workflows; LangGraph voor het "
            "taalmodel). Deze beschrijving wordt gemaakt uit de instellingen en de regels die "
            "nu gelden."
        )
    )
    return "".join(parts)


def _source_data(texts: RegisterTexts, settings: Settings) -> str:
    if _uses_mocks(settings):
        where = (
            "In deze omgeving komen de gegevens uit nagebootste registers met een verzonnen "
            f"bevolking ({_endpoint(settings.resolved_registries_base_url)})."
        )
    else:
        where = (
            f"De registers worden bereikt op {_endpoint(settings.resolved_registries_base_url)}."
        )
    return _ul(f"{d.title}: {d.data}" for d in texts.data_sources) + _p(where)


def life_event_record(event: LifeEvent, settings: Settings) -> RegisterRecord:
    """The register record of one life event in the deployment configured by `settings`.

    Args:
        event: The life event.
        settings: The running deployment's settings.
    """
    texts = register_texts(event)
    status = settings.register_status or (
        "In ontwikkeling" if _uses_mocks(settings) else "In gebruik"
    )
    return RegisterRecord(
        name=texts.name,
        description_short=texts.description_short,
        organization=settings.register_organization,
        category=list(texts.categories),
        status=status,
        begin_date=settings.register_begin_date,
        contact_email=settings.register_contact_email,
        website=settings.register_website,
        publication_category=settings.register_publication_category,
        url=settings.register_url,
        goal=_p(texts.goal),
        proportionality=_p(texts.proportionality) or None,
        human_intervention=_human_intervention(event, texts, settings),
        risks=_risks(event, texts, settings),
        lawful_basis=_ul(f"{b.title}: {b.reason}" for b in texts.legal_basis) or None,
        lawful_basis_grouping=[RegisterLink(title=b.title, link=b.link) for b in texts.legal_basis]
        or None,
        process_index_url=settings.register_process_index_url,
        impacttoetsen_grouping=list(settings.register_impact_assessments) or None,
        source_data=_source_data(texts, settings),
        source_data_grouping=[
            RegisterLink(title=d.title, link=d.link) for d in texts.data_sources if d.link
        ],
        methods_and_models=_methods_and_models(event, texts, settings),
        provider=settings.register_provider,
        publiccode=settings.register_publiccode,
        source_id=f"burgerflow/{event.type}",
        tags=", ".join((*texts.tags, "burgerflow", event.policy_version)),
    )


def register_records(settings: Settings, *, life_event: str | None = None) -> list[RegisterRecord]:
    """The register records of the deployment configured by `settings`, one per life event.

    Args:
        settings: The running deployment's settings.
        life_event: Only this life event's record (its `type`).

    Raises:
        UnknownLifeEvent: `life_event` is not one this deployment handles.
    """
    if life_event is not None:
        event = LIFE_EVENTS.get(life_event)
        if event is None:
            raise UnknownLifeEvent(
                f"no life event {life_event!r}; known: {', '.join(LIFE_EVENTS.types())}"
            )
        return [life_event_record(event, settings)]
    return [life_event_record(event, settings) for event in LIFE_EVENTS]


def register_file(settings: Settings, *, life_event: str | None = None) -> list[dict[str, Any]]:
    """The register's upload file: the records, checked against the standard.

    Args:
        settings: The running deployment's settings.
        life_event: Only this life event's record (its `type`).

    Raises:
        UnknownLifeEvent: `life_event` is not one this deployment handles.
        InvalidRegisterFile: A record does not meet the standard, with every problem.
    """
    records = [r.to_upload() for r in register_records(settings, life_event=life_event)]
    if problems := check(records):
        raise InvalidRegisterFile(problems)
    return records

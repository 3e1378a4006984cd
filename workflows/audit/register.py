"""The algorithm-register records of this deployment, generated from its running configuration.

The Dutch algorithm register (algoritmes.overheid.nl) describes a system by name,
organisation, purpose and impact, status, human intervention, legal basis, data sources,
risk management and supplier. Writing that record by hand lets it drift from what runs; this
module builds one record per life event each time it is asked, from the settings, the life
event's policy version and rule table (`RuleSpec.register_text`, risk, approvals) and the
texts the life event registers (`RegisterTexts`), so the record published is the
configuration in force.

`GET /v1/transparency` answers the first life event's record at the top level (the shape it
had when there was one) with every life event's record in `life_events`.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from burgerflow import __version__
from burgerflow.core.settings import Settings
from workflows.audit.codec import keyring_from_settings
from workflows.audit.register_texts import REGISTER_EXTRA, RegisterTexts
from workflows.case.life_event import LifeEvent
from workflows.case.models import Risk
from workflows.life_events import LIFE_EVENTS

SETTINGS_SOURCE = "burgerflow.core.settings.Settings (BURGERFLOW_* of this deployment)"


class RuleEntry(BaseModel):
    """One rule of the policy as the register shows it."""

    rule: str
    risk: str
    approvals_required: int
    description: str


class DataSource(BaseModel):
    """A registry the system reads."""

    registry: str
    data: str
    endpoint: str


class ModelUse(BaseModel):
    """The model behind the agent and what it may do."""

    provider: str
    model: str
    endpoint: str | None
    role: str
    personal_data: str


class RiskManagement(BaseModel):
    """How the risks of the system are managed.

    Besides these fields it holds the life event's policy parameters in force (e.g. a
    threshold), each under its own name (`RegisterTexts.parameters`).
    """

    model_config = ConfigDict(extra="allow")

    policy_version: str
    rules: list[RuleEntry]
    four_eyes: str
    gate_deadline_days: float
    no_automated_negative_decisions: str
    record_keeping: str
    payload_encryption: str
    replay: str


class AlgorithmRecord(BaseModel):
    """The algorithm-register record of one life event (algoritmes.overheid.nl fields)."""

    life_event: str
    name: str
    organisation: str
    purpose_and_impact: str
    status: str
    human_intervention: str
    legal_basis: list[str]
    data_sources: list[DataSource]
    model: ModelUse | None
    """None for a life event without an agent."""
    risk_management: RiskManagement
    supplier: str
    software_version: str
    generated_at: datetime
    generated_from: list[str] = Field(default_factory=list)


class TransparencyRecord(AlgorithmRecord):
    """The register records of the deployment: the first life event's record, and all."""

    life_events: list[AlgorithmRecord]
    """One record per life event this deployment handles, in the list's order."""


def _endpoint(url: str) -> str:
    """Scheme and host of a URL: where data goes, without paths, users or keys."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def _uses_mocks(settings: Settings) -> bool:
    return settings.registries_base_url is None


def _data_sources(texts: RegisterTexts, settings: Settings) -> list[DataSource]:
    endpoint = _endpoint(settings.resolved_registries_base_url)
    if _uses_mocks(settings):
        endpoint += " (registry mocks, synthetic population)"
    return [
        DataSource(registry=registry, data=data, endpoint=endpoint)
        for registry, data in texts.data_sources.items()
    ]


def _model(texts: RegisterTexts, settings: Settings) -> ModelUse | None:
    if texts.agent_role is None:
        return None
    if settings.llm_provider == "scripted":
        return ModelUse(
            provider="scripted (burgerflow's deterministic planner, no language model)",
            model=settings.llm_model,
            endpoint=None,
            role=texts.agent_role,
            personal_data="Stays in the worker process: no model endpoint is called.",
        )
    return ModelUse(
        provider=f"OpenAI-compatible endpoint ({settings.llm_provider})",
        model=settings.llm_model,
        endpoint=_endpoint(settings.llm_base_url) if settings.llm_base_url else None,
        role=texts.agent_role,
        personal_data=texts.model_personal_data,
    )


def register_texts(event: LifeEvent) -> RegisterTexts:
    """The texts a life event registered, or plain ones made from its name."""
    texts = event.extras.get(REGISTER_EXTRA)
    if isinstance(texts, RegisterTexts):
        return texts
    title = event.title_in("en")
    return RegisterTexts(
        name=f"burgerflow: {title}",
        purpose_and_impact=f"Handles a citizen's report ({title}) end to end.",
        deciders="A caseworker of the case's municipality",
        legal_basis=(),
        data_sources={},
        agent_role="Drafts the plan from registry facts. It decides nothing: versioned "
        "policy code checks every plan and decides the gates."
        if event.agent
        else None,
    )


def _human_intervention(
    event: LifeEvent, texts: RegisterTexts, rules: list[RuleEntry], settings: Settings
) -> str:
    high = [r.rule for r in rules if r.risk == Risk.HIGH]
    four_eyes = (
        f"high-risk gates ({', '.join(high)}) need two different caseworkers"
        if high
        else "no rule is high-risk"
    )
    start = "AI proposes, rules" if event.agent else "Rules"
    deadline = f"{settings.gate_deadline_days:g} days"
    return (
        f"{start} verify, a human decides. {texts.deciders} validates every gate the policy "
        f"raises ({len(rules)} rules); {four_eyes}. A gate past its deadline ({deadline}) "
        "escalates to supervisors and never decides itself. Nothing in a registry changes "
        "before every gate is approved."
    )


def life_event_record(event: LifeEvent, settings: Settings, *, now: datetime) -> AlgorithmRecord:
    """The register record of one life event in the deployment configured by `settings`.

    Args:
        event: The life event.
        settings: The running deployment's settings.
        now: The generation time.
    """
    texts = register_texts(event)
    rules = [
        RuleEntry(
            rule=rule.id,
            risk=rule.risk,
            approvals_required=rule.required_approvals,
            description=rule.register_text,
        )
        for rule in event.rules
    ]
    keys = keyring_from_settings(settings)
    status = (
        "in development (synthetic registries, not in use for citizens)"
        if _uses_mocks(settings)
        else "in use"
    )
    return AlgorithmRecord(
        life_event=event.type,
        name=texts.name,
        organisation=settings.organisation,
        purpose_and_impact=texts.purpose_and_impact,
        status=status,
        human_intervention=_human_intervention(event, texts, rules, settings),
        legal_basis=list(texts.legal_basis),
        data_sources=_data_sources(texts, settings),
        model=_model(texts, settings),
        risk_management=RiskManagement(
            policy_version=event.policy_version,
            rules=rules,
            four_eyes=f"Gates of risk '{Risk.HIGH}' need two approvals by different people.",
            gate_deadline_days=settings.gate_deadline_days,
            **texts.parameters(settings),
            no_automated_negative_decisions=(
                ("The agent may add a gate, never remove one; a" if event.agent else "A")
                + " rejection is always a caseworker's, with the reason told to the citizen."
            ),
            record_keeping=(
                "Every case is a Temporal workflow history: request, registry reads, model "
                "calls, rules fired with evidence, decisions with actor and reason, and every "
                "step's receipt (GET /v1/cases/{id}/audit)."
            ),
            payload_encryption=(
                "Case data in Temporal is encrypted with AES-256-GCM; "
                f"{len(keys.key_ids)} key(s) configured, rotation without re-encryption."
            ),
            replay=(
                "Any case replays with today's code (POST /v1/cases/{id}/replay); golden "
                "histories of the main paths are replayed in CI."
            ),
        ),
        supplier="burgerflow, open source (EUPL-1.2); runs on the organisation's own "
        "infrastructure or any Temporal cluster",
        software_version=__version__,
        generated_at=now,
        generated_from=[
            SETTINGS_SOURCE,
            f"workflows.life_events: the life event {event.type} (rule table, policy version)",
            *texts.sources,
        ],
    )


def algorithm_record(settings: Settings, *, now: datetime | None = None) -> TransparencyRecord:
    """The register records of the deployment configured by `settings`.

    Args:
        settings: The running deployment's settings.
        now: The generation time (now when None).

    Returns:
        The first life event's record, with every life event's record in `life_events`.
    """
    at = now or datetime.now(UTC)
    records = [life_event_record(event, settings, now=at) for event in LIFE_EVENTS]
    if not records:
        raise ValueError("the deployment handles no life event")
    first = records[0]
    return TransparencyRecord(
        **{name: getattr(first, name) for name in AlgorithmRecord.model_fields},
        life_events=records,
    )

"""The algorithm-register record of this deployment, generated from its running configuration.

The Dutch algorithm register (algoritmes.overheid.nl) describes a system by name,
organisation, purpose and impact, status, human intervention, legal basis, data sources,
risk management and supplier. Writing that record by hand lets it drift from what runs; this
module builds it from the settings, the policy version and the policy's rule table each time
it is asked, so the record published is the configuration in force.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

from burgerflow import __version__
from burgerflow.core.settings import Settings
from workflows.audit.codec import keyring_from_settings
from workflows.case.models import Risk
from workflows.change_of_address.policy import LATE_AFTER_DAYS, POLICY_VERSION, RULE_RISK
from workflows.change_of_address.rules import Rule

RULE_DESCRIPTIONS: dict[str, str] = {
    Rule.ADDRESS_NOT_FOUND: "The reported address is not in the BAG.",
    Rule.NON_RESIDENTIAL: "The address's object has no residential use (woonfunctie) in the BAG.",
    Rule.OBJECT_STATUS: "The address's object is not in use according to the BAG.",
    Rule.OCCUPANCY: "After the move, fewer square metres per registered resident than the "
    "configured minimum.",
    Rule.CUSTODY: "A minor moves while a joint custody holder neither reports nor moves along.",
    Rule.NOT_AUTHORISED: "A co-mover aged 16 or over is not the reporter's spouse or partner.",
    Rule.IN_ONDERZOEK: "A mover or the address is under investigation (in onderzoek).",
    Rule.PERSON_NOT_FOUND: "A mover is not known in the BRP.",
    Rule.AGENT_FLAG: "The AI agent raised a concern, or its plan differs from what the facts "
    "call for.",
    Rule.AGENT_FAILURE: "The AI agent produced no valid plan.",
}
"""What each rule of the policy checks, in words for the register (one per `RULE_RISK` rule)."""

REGISTRY_DATA: dict[str, str] = {
    "BRP": "name, date of birth, residence, partners, children, parents, custody, "
    "investigation markers",
    "BAG": "address, object identifier, use (gebruiksdoelen), floor area, status",
    "Toeslagen": "benefits received",
    "DUO": "whether student finance is received",
    "RDW": "vehicles registered",
    "gemeente": "municipal taxes and parking permits",
}
"""Which data each registry contributes to a case."""


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
    """How the risks of the system are managed."""

    policy_version: str
    rules: list[RuleEntry]
    four_eyes: str
    gate_deadline_days: float
    occupancy_min_m2_per_person: float
    late_report_after_days: int
    no_automated_negative_decisions: str
    record_keeping: str
    payload_encryption: str
    replay: str


class AlgorithmRecord(BaseModel):
    """The algorithm-register record of this deployment (algoritmes.overheid.nl fields)."""

    name: str
    organisation: str
    purpose_and_impact: str
    status: str
    human_intervention: str
    legal_basis: list[str]
    data_sources: list[DataSource]
    model: ModelUse
    risk_management: RiskManagement
    supplier: str
    software_version: str
    generated_at: datetime
    generated_from: list[str] = Field(
        default_factory=lambda: [
            "burgerflow.core.settings.Settings (BURGERFLOW_* of this deployment)",
            "workflows.change_of_address.policy (POLICY_VERSION, RULE_RISK)",
        ]
    )


def _endpoint(url: str) -> str:
    """Scheme and host of a URL: where data goes, without paths, users or keys."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def _uses_mocks(settings: Settings) -> bool:
    return settings.registries_base_url is None


def _data_sources(settings: Settings) -> list[DataSource]:
    endpoint = _endpoint(settings.resolved_registries_base_url)
    if _uses_mocks(settings):
        endpoint += " (registry mocks, synthetic population)"
    return [
        DataSource(registry=r, data=data, endpoint=endpoint) for r, data in REGISTRY_DATA.items()
    ]


def _model(settings: Settings) -> ModelUse:
    role = (
        "Drafts the plan from registry facts (which look-ups, which steps, the texts). It "
        "decides nothing: versioned policy code checks every plan and decides the gates."
    )
    if settings.llm_provider == "scripted":
        return ModelUse(
            provider="scripted (burgerflow's deterministic planner, no language model)",
            model=settings.llm_model,
            endpoint=None,
            role=role,
            personal_data="Stays in the worker process: no model endpoint is called.",
        )
    return ModelUse(
        provider=f"OpenAI-compatible endpoint ({settings.llm_provider})",
        model=settings.llm_model,
        endpoint=_endpoint(settings.llm_base_url) if settings.llm_base_url else None,
        role=role,
        personal_data="The endpoint sees case-local pseudonyms (PERSON_1, ADDRESS_1, "
        "BIRTHDATE_1) instead of BSNs, names, addresses and dates of birth, with the facts the "
        "plan needs (ages, floor area, uses, benefits); the worker resolves them. Choose a "
        "self-hosted or EU-hosted endpoint under a processing agreement.",
    )


def algorithm_record(settings: Settings, *, now: datetime | None = None) -> AlgorithmRecord:
    """The register record of the deployment configured by `settings`.

    Args:
        settings: The running deployment's settings.
        now: The generation time (now when None).
    """
    rules = [
        RuleEntry(
            rule=rule,
            risk=risk,
            approvals_required=2 if risk is Risk.HIGH else 1,
            description=RULE_DESCRIPTIONS.get(rule, "(no description in the register)"),
        )
        for rule, risk in RULE_RISK.items()
    ]
    high = [r.rule for r in rules if r.risk == Risk.HIGH]
    keys = keyring_from_settings(settings)
    status = (
        "in development (synthetic registries, not in use for citizens)"
        if _uses_mocks(settings)
        else "in use"
    )
    return AlgorithmRecord(
        name="burgerflow: change of address (verhuizing)",
        organisation=settings.organisation,
        purpose_and_impact=(
            "Handles a citizen's report of a move end to end: gathers the facts from the "
            "government registries, drafts the administrative steps (BRP registration, "
            "Belastingdienst, Toeslagen, DUO, RDW, municipal taxes and permits, a plain-language "
            "message) and executes them once a human has validated every critical point. "
            "Impact: a citizen's registered address and the organisations informed of it."
        ),
        status=status,
        human_intervention=(
            "AI proposes, rules verify, a human decides. A caseworker of the new address's "
            f"municipality validates every gate the policy raises ({len(rules)} rules); "
            f"high-risk gates ({', '.join(high)}) need two different caseworkers. A gate past "
            f"its deadline ({settings.gate_deadline_days:g} days) escalates to supervisors and "
            "never decides itself. Nothing in a registry changes before every gate is approved."
        ),
        legal_basis=[
            "Wet basisregistratie personen (Wet BRP), art. 2.38 e.v.: the duty to report a "
            "move and the municipality's registration of it",
            "AVG (GDPR) art. 6(1)(c) and (e): legal obligation and public task",
            "AVG (GDPR) art. 22: no decision based solely on automated processing; every "
            "refusal is a caseworker's",
            "Algemene wet bestuursrecht: a refused move is a decision open to objection "
            "(bezwaar), stated in the citizen's message",
        ],
        data_sources=_data_sources(settings),
        model=_model(settings),
        risk_management=RiskManagement(
            policy_version=POLICY_VERSION,
            rules=rules,
            four_eyes=f"Gates of risk '{Risk.HIGH}' need two approvals by different people.",
            gate_deadline_days=settings.gate_deadline_days,
            occupancy_min_m2_per_person=settings.min_m2_per_person,
            late_report_after_days=LATE_AFTER_DAYS,
            no_automated_negative_decisions=(
                "The agent may add a gate, never remove one; a rejection is always a "
                "caseworker's, with the reason told to the citizen."
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
        generated_at=now or datetime.now(UTC),
    )

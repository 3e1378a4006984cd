"""Configuration: one `Settings` class read from `BURGERFLOW_*` environment variables.

Nothing else in burgerflow reads the environment. Processes build a `Settings` once at start
and pass it to what needs it.
"""

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from burgerflow.core.constants import TASK_QUEUE

DEFAULT_ZAAKTYPE_IDENTIFICATIES: dict[str, str] = {
    "change_of_address": "BF-VERHUIZING",
    "emigration": "BF-EMIGRATIE",
    "death": "BF-OVERLIJDEN",
}
"""The zaaktype `identificatie` of each life event in the catalogue (the mock's catalogue has
these)."""


class RegisterLink(BaseModel):
    """A `{title, link}` item of the algorithm register (an impact assessment, a law)."""

    title: str
    link: str | None = None


class Settings(BaseSettings):
    """Every setting of a burgerflow deployment, with the embedded stack's defaults."""

    model_config = SettingsConfigDict(env_prefix="BURGERFLOW_", env_file=None, extra="ignore")

    home: Path = Field(
        default=Path(".burgerflow"),
        description="Folder for local state: Temporal's file, SQLite files, dev keys.",
    )

    # Temporal
    temporal_address: str = Field(default="127.0.0.1:7233", description="Temporal frontend.")
    temporal_namespace: str = Field(default="default", description="Temporal namespace.")
    temporal_tls: bool = Field(default=False, description="Use TLS to reach Temporal.")
    temporal_tls_cert: Path | None = Field(default=None, description="mTLS client cert (PEM).")
    temporal_tls_key: Path | None = Field(default=None, description="mTLS client key (PEM).")
    temporal_api_key: SecretStr | None = Field(
        default=None, description="API key (Temporal Cloud); implies TLS."
    )
    temporal_ui_port: int = Field(default=8233, description="Embedded Temporal Web UI port.")
    temporal_search_attributes: bool = Field(
        default=True,
        description="Index cases by status and municipality (the namespace must define them).",
    )
    task_queue: str = Field(default=TASK_QUEUE, description="Task queue of the workers.")
    embedded_temporal: bool = Field(
        default=True, description="`burgerflow up` starts its own Temporal dev server."
    )

    # API
    api_host: str = Field(default="127.0.0.1", description="Address the API listens on.")
    api_port: int = Field(default=8000, description="Port the API listens on.")
    database_url: str | None = Field(
        default=None,
        description="Approvals database; SQLite under `home` when unset, or postgresql://...",
    )

    # Registries
    mocks_host: str = Field(default="127.0.0.1", description="Address of the registry mocks.")
    mocks_port: int = Field(default=8001, description="Port of the registry mocks.")
    mocks_dev_mode: bool = Field(default=True, description="Enable the mocks' `/_admin` API.")
    mocks_database_url: str | None = Field(
        default=None, description="Registry mocks database; SQLite under `home` when unset."
    )
    registries_base_url: str | None = Field(
        default=None, description="Base URL of the registries; the local mocks when unset."
    )
    registries_timeout_s: float = Field(default=10.0, description="Registry HTTP timeout.")

    # Case registration: the zaaksysteem (ZGW Zaken and Catalogi APIs)
    zgw_url: str = Field(
        default="",
        description="Root of the Zaken API (`.../zaken/api/v1`); empty: no zaken are made.",
    )
    zgw_catalogi_url: str = Field(
        default="", description="Root of the Catalogi API (`.../catalogi/api/v1`)."
    )
    zgw_client_id: str = Field(
        default="burgerflow-dev", description="Client id of burgerflow's applicatie."
    )
    zgw_secret: SecretStr | None = Field(
        default=None,
        description="Secret of the applicatie (signs the ZGW JWTs); generated under `home` "
        "when unset (the embedded stack's mock).",
    )
    zgw_zaaktype_identificaties: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_ZAAKTYPE_IDENTIFICATIES),
        description="Per life event, the `identificatie` of its zaaktype in the catalogue "
        "(JSON object).",
    )
    zgw_zaaktypen: dict[str, str] = Field(
        default_factory=dict,
        description="Per life event, the URL of its zaaktype, instead of a look-up by "
        "identificatie (JSON object).",
    )
    zgw_rsin: str = Field(
        default="002564440",
        pattern=r"^[0-9]{9}$",
        description="RSIN of the municipality: `bronorganisatie` and "
        "`verantwoordelijkeOrganisatie` of the zaken.",
    )
    zgw_rsin_by_municipality: dict[str, str] = Field(
        default_factory=dict,
        description="RSIN per gemeentecode, for a deployment serving several municipalities "
        "(JSON object); `zgw_rsin` for the others.",
    )
    zgw_timeout_s: float = Field(default=10.0, description="ZGW HTTP timeout.")
    zgw_embedded: bool = Field(
        default=True,
        description="`burgerflow up` points an empty `zgw_url` at the registry mocks' ZGW.",
    )

    # Auth
    jwt_algorithm: Literal["HS256", "RS256"] = Field(
        default="HS256", description="HS256 with a dev key, or RS256 with a JWKS URL (OIDC)."
    )
    jwt_secret: SecretStr | None = Field(
        default=None, description="HS256 key; generated under `home` when unset."
    )
    pseudonym_secret: SecretStr | None = Field(
        default=None, description="Key for hashed BSNs in the store; generated when unset."
    )
    jwks_url: str | None = Field(default=None, description="JWKS URL for RS256 tokens.")
    jwt_issuer: str = Field(default="burgerflow-dev", description="Expected `iss` claim.")
    jwt_audience: str = Field(default="burgerflow", description="Expected `aud` claim.")

    # Audit
    payload_keys: SecretStr | None = Field(
        default=None,
        description="Payload encryption keys `id:base64key,...` (AES-256, the first encrypts, "
        "all decrypt); generated under `home` when unset.",
    )
    codec_cors_origins: str | None = Field(
        default=None,
        description="Origins (comma-separated) allowed to call the codec endpoint; the "
        "embedded Temporal Web UI when unset.",
    )

    # Algorithm register (publication standard v1.0): what the organisation fills in
    register_organization: str = Field(
        default="Gemeente (ontwikkelomgeving)",
        description="The organisation as in the TOOI list (e.g. `Gemeente Utrecht`), the "
        "register's `organization`.",
    )
    register_contact_email: str = Field(
        default="algoritmes@gemeente.example",
        description="Where citizens ask about the algorithms (`contact_email`).",
    )
    register_publication_category: Literal[
        "Hoog-risico AI-systeem", "Impactvolle algoritmes", "Overige algoritmes"
    ] = Field(default="Impactvolle algoritmes", description="The `publication_category`.")
    register_status: Literal["In ontwikkeling", "In gebruik", "Buiten gebruik"] | None = Field(
        default=None,
        description="The `status`; when unset `In ontwikkeling` with the registry mocks and "
        "`In gebruik` with real registries.",
    )
    register_begin_date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="Month the system came into use, `YYYY-MM` (`begin_date`).",
    )
    register_website: str | None = Field(
        default=None, description="The organisation's public page about the system (`website`)."
    )
    register_url: str | None = Field(
        default=None, description="The record in the organisation's own register (`url`)."
    )
    register_process_index_url: str | None = Field(
        default=None,
        description="The processing's entry in the organisation's AVG processing register "
        "(`process_index_url`).",
    )
    register_impact_assessments: list[RegisterLink] = Field(
        default_factory=list,
        description='Impact assessments done, as JSON `[{"title": "Data Protection Impact '
        'Assessment (DPIA)", "link": "https://..."}]` (`impacttoetsen_grouping`).',
    )
    register_provider: str = Field(
        default="burgerflow (open source, EUPL-1.2)",
        description="The supplier (`provider`); `Intern ontwikkeld` when built in-house.",
    )
    register_publiccode: str | None = Field(
        default=None, description="Where the code is published (`publiccode`)."
    )

    # Agent
    llm_provider: Literal["scripted", "openai"] = Field(
        default="scripted", description="`scripted` (offline, deterministic) or `openai`."
    )
    llm_base_url: str | None = Field(default=None, description="OpenAI-compatible base URL.")
    llm_model: str = Field(default="scripted-planner-v1", description="Model name.")
    llm_api_key: SecretStr | None = Field(default=None, description="Model endpoint key.")
    llm_timeout_s: float = Field(default=60.0, description="Timeout of one model request.")
    llm_max_tokens: int | None = Field(
        default=None, ge=1, description="Most tokens in one model answer; no limit when unset."
    )
    llm_temperature: float = Field(
        default=0.0, ge=0.0, le=2.0, description="Sampling temperature (0: most deterministic)."
    )
    agent_max_turns: int = Field(
        default=8, ge=1, description="Model turns an agent may take before it gives up."
    )

    # Conversations: the intake assistant and the chat queue
    intake_max_turns: int = Field(
        default=6, ge=1, description="Model turns the intake assistant may take for one message."
    )
    intake_unclear_messages: int = Field(
        default=3,
        ge=1,
        description="Messages in a row without a recognised life event before a person takes "
        "the conversation over.",
    )
    conversation_idle_minutes: float = Field(
        default=60.0, gt=0, description="Minutes without a message before a conversation closes."
    )
    conversation_retention_days: float = Field(
        default=30.0,
        ge=0,
        description="Days a closed conversation stays readable before it is removed from the "
        "store (its encrypted history stays in Temporal).",
    )

    # Citizens' sign-in (OpenID Connect, e.g. a DigiD broker)
    oidc_authorization_url: str | None = Field(
        default=None, description="Authorization endpoint; `/mijn/` offers OIDC sign-in when set."
    )
    oidc_token_url: str | None = Field(default=None, description="Token endpoint.")
    oidc_client_id: str | None = Field(default=None, description="Client id of `/mijn/`.")
    oidc_client_secret: SecretStr | None = Field(default=None, description="Client secret.")
    oidc_scope: str = Field(default="openid", description="Scopes asked for.")

    # Policy
    min_m2_per_person: float = Field(default=12.0, description="Occupancy threshold (m²).")
    gate_deadline_days: float = Field(default=5.0, description="Days before a gate escalates.")
    letter_review: Literal["never", "always"] = Field(
        default="never",
        description="`always`: every letter a model drafted waits for a caseworker, who "
        "approves or edits it (a `letter_review` gate), before the citizen receives it.",
    )

    @cached_property
    def resolved_home(self) -> Path:
        """The home folder as an absolute path, created on first use."""
        home = self.home.resolve()
        home.mkdir(parents=True, exist_ok=True)
        return home

    @property
    def resolved_database_url(self) -> str:
        """The approvals database URL."""
        return self.database_url or f"sqlite:///{self.resolved_home / 'burgerflow.db'}"

    @property
    def resolved_mocks_database_url(self) -> str:
        """The registry mocks database URL."""
        return self.mocks_database_url or f"sqlite:///{self.resolved_home / 'registries.db'}"

    @property
    def resolved_registries_base_url(self) -> str:
        """Where the registries are reached."""
        return self.registries_base_url or f"http://{self.mocks_host}:{self.mocks_port}"

    @property
    def zgw_enabled(self) -> bool:
        """Whether cases are registered as zaken."""
        return bool(self.zgw_url.strip())

    @property
    def resolved_zgw_catalogi_url(self) -> str:
        """The Catalogi API root: set, or beside the Zaken API (as Open Zaak serves both)."""
        if self.zgw_catalogi_url:
            return self.zgw_catalogi_url.rstrip("/")
        root = self.zgw_url.rstrip("/").removesuffix("/zaken/api/v1")
        return f"{root}/catalogi/api/v1"

    def zgw_rsin_of(self, municipality: str | None) -> str:
        """The RSIN of the organisation responsible for a case of `municipality`."""
        return self.zgw_rsin_by_municipality.get(municipality or "", self.zgw_rsin)

    @property
    def api_base_url(self) -> str:
        """Where the API is reached."""
        return f"http://{self.api_host}:{self.api_port}"

    @property
    def temporal_ui_url(self) -> str:
        """Where the embedded Temporal Web UI is reached."""
        host = self.temporal_address.rsplit(":", 1)[0]
        return f"http://{host}:{self.temporal_ui_port}"

"""What a life event declares, in one place, so everything shared can iterate the list.

A life event is one folder under `workflows/` (its workflow, activities, policy and models),
its agent under `agents/`, and one `LifeEvent` in `workflows.life_events`. The API's report
union, the worker's registrations, the approvals store and page, the audit trail, the
transparency record, `burgerflow eval`, the bench and `approvals rebuild` read these fields
and nothing else of the life event.
"""

import builtins
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from langchain_core.language_models import BaseChatModel

from agents.deps import AgentDeps
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from workflows.case.intake import InvalidParam, ReportBase
from workflows.case.models import CaseInput, CaseState, Reporter
from workflows.case.rules import RuleTable
from workflows.case.workflow import GatedCase


@dataclass(frozen=True, slots=True)
class Intake:
    """What the API knows of a report beside its body, for building the case's input.

    Attributes:
        case_id: The new case's id (`<prefix>-<uuid>`).
        reported_by: Who reported it (role and subject).
        reported_at: When (UTC).
        reported_on: The day of the report in the Netherlands.
        settings: The deployment's settings (thresholds, deadlines, turn budget).
    """

    case_id: str
    reported_by: Reporter
    reported_at: datetime
    reported_on: date
    settings: Settings

    def base_fields(self) -> dict[str, Any]:
        """The `CaseInput` fields every life event's input takes from the intake."""
        return {
            "case_id": self.case_id,
            "reported_at": self.reported_at,
            "reported_on": self.reported_on,
            "reported_by": self.reported_by,
            "agent_max_turns": self.settings.agent_max_turns,
            "search_attributes": self.settings.temporal_search_attributes,
            "gate_deadline_seconds": self.settings.gate_deadline_days * 24 * 3600,
            "letter_review": self.settings.letter_review == "always",
        }


GraphBuilder = Callable[[AgentDeps | None], Any]
"""Builds one agent graph (a LangGraph `StateGraph`) with a worker's dependencies, or None
for a replayer."""


@dataclass(frozen=True, slots=True)
class AgentSpec:
    """A life event's agent: its graphs and its offline model.

    Attributes:
        graphs: Graph name to builder, registered in the worker's one LangGraph plugin.
        scripted_model: Builds the deterministic offline model (given the model name of the
            settings) that plays the agent's language model when no endpoint is configured.
    """

    graphs: Mapping[str, GraphBuilder]
    scripted_model: Callable[[str], BaseChatModel]


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """One life event, as everything shared sees it.

    Attributes:
        type: The `type` of its reports and cases (e.g. `death`).
        case_id_prefix: Its case ids start `<prefix>-` (`coa`).
        title: Its name for people, per language (`nl`, `en`).
        report: The `POST /v1/life-events` body (with `type: Literal[...]`, a `bsn`).
        reporters: The roles that may report it (a citizen only for their own BSN).
        workflow: Its workflow (a `GatedCase` with `@workflow.defn`).
        state: The model of its `state` query and result.
        rules: Its policy's rule table (of the current version, ending with the
            `SHARED_RULES` every case has).
        policy_version: Its policy's current version string.
        case_input: Builds the workflow's start input from a valid report and the intake.
        check_report: Checks of a report that depend on the day (422 `invalid_params`);
            an empty list when it can be accepted.
        other_subjects: The BSNs of a report besides `bsn` (co-movers, ...), for scoping.
        activities: Its activities, bound to the worker's registry client.
        agent: Its agent, or None for a life event without one.
        summary: A one-line Temporal summary of its workflows.
        example: An example report body for a day (the banner's and the docs' example).
        extras: Adapters of shared services (audit trail, register, evaluation) by name.
        earlier_rules: The rule tables of earlier policy versions whose texts differ, by
            version string (a gate of a case started under one reads its own texts).
    """

    type: str
    case_id_prefix: str
    title: Mapping[str, str]
    report: builtins.type[ReportBase]
    reporters: frozenset[str]
    workflow: builtins.type[GatedCase]
    state: builtins.type[CaseState]
    rules: RuleTable
    policy_version: str
    case_input: Callable[[Any, Intake], CaseInput]
    check_report: Callable[[Any, date], Sequence[InvalidParam]]
    other_subjects: Callable[[Any], Sequence[str]]
    activities: Callable[[RegistryClient], Sequence[Callable[..., Any]]]
    agent: AgentSpec | None = None
    summary: str = ""
    example: Callable[[date], Mapping[str, Any]] | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)
    earlier_rules: Mapping[str, RuleTable] = field(default_factory=dict)

    def rules_of(self, policy_version: str | None) -> RuleTable:
        """The rule table of `policy_version` (the current one for a version not listed)."""
        if policy_version is not None and policy_version in self.earlier_rules:
            return self.earlier_rules[policy_version]
        return self.rules

    @property
    def workflow_type(self) -> str:
        """The Temporal workflow type of its cases."""
        defn = getattr(self.workflow, "__temporal_workflow_definition")
        return str(defn.name)

    def new_case_id(self, suffix: str) -> str:
        """A case id of this life event (`<prefix>-<suffix>`)."""
        return f"{self.case_id_prefix}-{suffix}"

    def owns(self, case_id: str) -> bool:
        """Whether `case_id` is one of this life event's."""
        return case_id.startswith(f"{self.case_id_prefix}-")

    def title_in(self, language: str) -> str:
        """Its name in `language` (Dutch when there is none)."""
        return self.title.get(language) or self.title.get("nl") or self.type

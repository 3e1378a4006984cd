"""A burgerflow worker: every life event's workflow and activities on the task queue, and
the conversations of the intake assistant.

The workflows, activities and agent graphs come from the list of life events and the shared
services. Where the projections go is given (`ProjectionSink`, `ConversationSink`): the roof
hands it the approvals store's (`burgerflow.worker`), so this layer does not import the store.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from agents.deps import AgentDeps
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient
from workflows.case.projection import ProjectionActivities, ProjectionSink
from workflows.conversation.activities import (
    ConversationActivities,
    ConversationSink,
    NoConversationSink,
)
from workflows.conversation.workflow import Conversation
from workflows.life_events import LIFE_EVENTS
from workflows.plugin import make_langgraph_plugin, worker_langgraph_plugin
from workflows.zaak.activities import ZaakActivities
from workflows.zaak.workflow import ZaakRegistration

_OFF = Settings(zgw_url="")
"""Settings of a worker without a zaaksysteem (its zaak activity refuses every sync)."""

PASSED_THROUGH = (
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "typing_extensions",
    "httpx",
    "langchain_core",
    "langgraph",
    "agents",
    "approvals",
    "burgerflow",
    "workflows",
)
"""Modules every workflow run shares instead of importing them again in its sandbox.

The third-party ones are deterministic libraries; the project's own hold constants, models
and workflow classes but no module state a run changes. Re-importing them per run was most
of a case's worker CPU (pydantic's lazy imports alone loaded its modules in every sandbox).
Their determinism is kept by the replay of the golden histories, not by the sandbox."""


def workflow_runner() -> SandboxedWorkflowRunner:
    """The sandbox every worker and replayer runs the workflows in (`PASSED_THROUGH`)."""
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSED_THROUGH)
    )


def case_workflows() -> list[type]:
    """Every workflow a burgerflow worker runs (and a replayer replays): each life event's of
    the list, the conversation and the case's zaak registration."""
    return [*(event.workflow for event in LIFE_EVENTS), Conversation, ZaakRegistration]


def build_activities(
    http: httpx.AsyncClient,
    projection: ProjectionSink,
    conversations: ConversationSink | None = None,
    zaak: ZaakActivities | None = None,
) -> list[Callable[..., Any]]:
    """Every activity of the worker, bound to its registry client and projection sinks (and
    its zaaksysteem's client, `zaak`; a registration fails without one)."""
    registry = RegistryClient(http)
    projections = ProjectionActivities(projection)
    chats = ConversationActivities(registry, conversations or NoConversationSink())
    activities: list[Callable[..., Any]] = [
        projections.project_case,
        projections.project_gates,
        chats.municipality,
        chats.project,
        chats.forget,
        (zaak or ZaakActivities(None, _OFF)).sync,
    ]
    for event in LIFE_EVENTS:
        activities.extend(event.activities(registry))
    return activities


def build_case_worker(
    client: Client,
    settings: Settings,
    *,
    http: httpx.AsyncClient,
    projection: ProjectionSink,
    conversations: ConversationSink | None = None,
    task_queue: str | None = None,
    agent_deps: AgentDeps | None = None,
    zaak: ZaakActivities | None = None,
) -> Worker:
    """A worker for every life event's workflows and activities on `task_queue`.

    Args:
        client: A connected Temporal client (with burgerflow's data converter).
        settings: Deployment settings (model provider, task queue).
        http: The registry HTTP client the activities and agent tools use.
        projection: Where the projection activities write.
        conversations: Where the conversations are projected (the chat queue); nowhere
            when None.
        task_queue: Overrides the task queue of the settings (tests).
        agent_deps: One model and registry client for every agent (tests), instead of those
            built from `settings`.
        zaak: The zaak registration's activity with the zaaksysteem's client; None when the
            deployment has no zaaksysteem.
    """
    plugin = (
        make_langgraph_plugin(agent_deps)
        if agent_deps is not None
        else worker_langgraph_plugin(settings, http)
    )
    return Worker(
        client,
        task_queue=task_queue or settings.task_queue,
        workflows=case_workflows(),
        activities=build_activities(http, projection, conversations, zaak),
        plugins=[plugin],
        workflow_runner=workflow_runner(),
        graceful_shutdown_timeout=timedelta(seconds=10),
    )

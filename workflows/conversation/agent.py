"""The intake assistant as an agent of the worker's LangGraph plugin.

The conversation is a shared service, not a life event: its agent is registered next to the
life events' agents (`workflows.plugin`), with the catalogue of life events read from the
list whenever the assistant runs.
"""

from agents.deps import AgentDeps
from agents.intake.graph import build_intake_graph
from agents.intake.scripted import SCRIPTED_INTAKE_MODEL, ScriptedIntake
from agents.intake.state import GRAPH_NAME
from workflows.case.life_event import AgentSpec
from workflows.conversation.catalogue import intake_catalogue


def build_graph(deps: AgentDeps | None) -> object:
    """The intake graph with the catalogue of the list of life events."""
    return build_intake_graph(deps, intake_catalogue)


def scripted_model(_model_name: str) -> ScriptedIntake:
    """The offline intake assistant, under its own name (the settings' model name is the
    endpoint's, which the scripted assistant is not)."""
    return ScriptedIntake(model_name=SCRIPTED_INTAKE_MODEL)


INTAKE_AGENT = AgentSpec(graphs={GRAPH_NAME: build_graph}, scripted_model=scripted_model)
"""The intake assistant's graph and offline model."""

SERVICE_AGENTS: tuple[AgentSpec, ...] = (INTAKE_AGENT,)
"""Agents of the shared services, registered beside every life event's."""

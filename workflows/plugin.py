"""The LangGraph plugin with the agent graphs of every life event of the list, and of the
shared services (the intake assistant of the conversations)."""

from collections.abc import Callable

import httpx
from temporalio.langgraph import LangGraphPlugin

from agents.deps import AgentDeps, make_agent_deps
from agents.plugin import make_langgraph_plugin as build_plugin
from burgerflow.core.settings import Settings
from workflows.case.life_event import AgentSpec
from workflows.conversation.agent import SERVICE_AGENTS
from workflows.life_events import LIFE_EVENTS


def agent_specs() -> list[AgentSpec]:
    """Every agent a worker runs: each life event's of the list, then the services'."""
    return [*(e.agent for e in LIFE_EVENTS if e.agent), *SERVICE_AGENTS]


def _plugin(deps_of: Callable[[AgentSpec], AgentDeps | None]) -> LangGraphPlugin:
    return build_plugin((agent.graphs, deps_of(agent)) for agent in agent_specs())


def make_langgraph_plugin(deps: AgentDeps | None = None) -> LangGraphPlugin:
    """The plugin with every agent's graphs, all built with `deps`.

    Args:
        deps: One set of dependencies for every agent (tests, the evaluation); None for a
            `Replayer`, which needs the graphs but never runs their activities.
    """
    return _plugin(lambda _agent: deps)


def worker_langgraph_plugin(settings: Settings, http: httpx.AsyncClient) -> LangGraphPlugin:
    """The plugin of a worker: each agent gets the configured model endpoint, or its own
    scripted model when the settings name none."""

    def deps_of(agent: AgentSpec) -> AgentDeps:
        return make_agent_deps(settings, http, agent.scripted_model)

    return _plugin(deps_of)

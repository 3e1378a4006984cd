"""The LangGraph plugin with the agent graphs of every life event of the list."""

from collections.abc import Callable

import httpx
from temporalio.langgraph import LangGraphPlugin

from agents.deps import AgentDeps, make_agent_deps
from agents.plugin import make_langgraph_plugin as build_plugin
from burgerflow.core.settings import Settings
from workflows.case.life_event import LifeEvent
from workflows.life_events import LIFE_EVENTS


def _plugin(deps_of: Callable[[LifeEvent], AgentDeps | None]) -> LangGraphPlugin:
    return build_plugin((e.agent.graphs, deps_of(e)) for e in LIFE_EVENTS if e.agent)


def make_langgraph_plugin(deps: AgentDeps | None = None) -> LangGraphPlugin:
    """The plugin with every life event's graphs, all built with `deps`.

    Args:
        deps: One set of dependencies for every agent (tests, the evaluation); None for a
            `Replayer`, which needs the graphs but never runs their activities.
    """
    return _plugin(lambda _event: deps)


def worker_langgraph_plugin(settings: Settings, http: httpx.AsyncClient) -> LangGraphPlugin:
    """The plugin of a worker: each agent gets the configured model endpoint, or its own
    scripted model when the settings name none."""

    def deps_of(event: LifeEvent) -> AgentDeps:
        assert event.agent is not None
        return make_agent_deps(settings, http, event.agent.scripted_model)

    return _plugin(deps_of)

"""The one `LangGraphPlugin` a burgerflow worker or replayer registers.

All agent graphs go into a single plugin: each plugin installs an interceptor that scopes
its graphs to the workflow run, so several LangGraph plugins on one worker would hide each
other's graphs. Which graphs there are is the list of life events' business
(`workflows.plugin`); this module only builds the plugin.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from temporalio.langgraph import LangGraphPlugin

from agents.deps import AgentDeps

GraphBuilder = Callable[[AgentDeps | None], Any]
"""Builds one agent graph with a worker's dependencies, or None for a replayer."""


def make_langgraph_plugin(
    builders: Iterable[tuple[Mapping[str, GraphBuilder], AgentDeps | None]],
) -> LangGraphPlugin:
    """Build the LangGraph plugin with every agent graph, freshly built.

    Args:
        builders: For each agent, its graph builders by graph name and the dependencies to
            build them with (None for a `Replayer`, which never runs their activities).

    Returns:
        A plugin for `Worker(..., plugins=[...])` or `Replayer(..., plugins=[...])`; it
        registers each graph's `<name>.model` and `<name>.tools` activities.
    """
    graphs = {
        name: build(deps) for graphs_of, deps in builders for name, build in graphs_of.items()
    }
    return LangGraphPlugin(graphs=graphs)

"""The one `LangGraphPlugin` a burgerflow worker or replayer registers.

All agent graphs go into a single plugin: each plugin installs an interceptor that scopes
its graphs to the workflow run, so several LangGraph plugins on one worker would hide each
other's graphs.
"""

from temporalio.langgraph import LangGraphPlugin

from agents.change_of_address.graph import build_change_of_address_graph
from agents.change_of_address.state import GRAPH_NAME as CHANGE_OF_ADDRESS
from agents.deps import AgentDeps


def make_langgraph_plugin(deps: AgentDeps | None = None) -> LangGraphPlugin:
    """Build the LangGraph plugin with every agent graph, freshly built.

    Args:
        deps: The agents' dependencies for a worker (`agents.deps.make_agent_deps`); None for
            a `Replayer`, which needs the graphs but never runs their activities.

    Returns:
        A plugin for `Worker(..., plugins=[...])` or `Replayer(..., plugins=[...])`. It
        registers the activities `change_of_address.model` and `change_of_address.tools`.
    """
    return LangGraphPlugin(graphs={CHANGE_OF_ADDRESS: build_change_of_address_graph(deps)})

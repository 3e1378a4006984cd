"""What agent nodes need at run time, built once when a worker starts.

Graph nodes that run as activities are bound methods of an object holding an `AgentDeps`
(each agent's `nodes` module has such a class), so the chat model and the registry client
reach the node through the graph a worker builds, never through module globals. The LangGraph
runtime context is not an option for them: the plugin serialises it into every activity's
input, and neither a chat model nor an HTTP client is data.

A replayer or a workflow-only process builds the same graph without dependencies
(`deps=None`): replay never runs activities, and a node that is run anyway fails with
`AgentConfigurationError`, a non-retryable error.
"""

from dataclasses import dataclass

import httpx
from langchain_core.language_models import BaseChatModel

from agents.providers import ScriptedModel, make_chat_model
from burgerflow.core.settings import Settings
from burgerflow.registry.client import RegistryClient


class AgentConfigurationError(RuntimeError):
    """An agent node ran in a process that built its graph without dependencies."""


@dataclass(frozen=True, slots=True)
class AgentDeps:
    """The live objects behind agent nodes.

    Attributes:
        chat_model: The chat model with tool calling (scripted or OpenAI-compatible).
        registry: The typed registry client used by the look-up tools.
    """

    chat_model: BaseChatModel
    registry: RegistryClient


def make_agent_deps(
    settings: Settings, http_client: httpx.AsyncClient, scripted: ScriptedModel
) -> AgentDeps:
    """Build an agent's dependencies for a worker.

    Args:
        settings: Selects and configures the chat model.
        scripted: The agent's offline model (used when the settings name no endpoint).
        http_client: The worker's registry HTTP client (base URL and timeout set); its owner
            closes it when the worker stops.

    Returns:
        Dependencies to build the agent's graphs with (`workflows.plugin`).
    """
    return AgentDeps(
        chat_model=make_chat_model(settings, scripted), registry=RegistryClient(http_client)
    )

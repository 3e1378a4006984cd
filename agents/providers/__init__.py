"""Chat models for the agents: an agent's offline scripted model, or an OpenAI-compatible one."""

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from burgerflow.core.settings import Settings

ScriptedModel = Callable[[str], BaseChatModel]
"""Builds an agent's deterministic offline model, given the model name of the settings."""


def make_chat_model(settings: Settings, scripted: ScriptedModel) -> BaseChatModel:
    """Build the chat model `settings.llm_provider` names.

    Args:
        settings: `llm_provider` selects `scripted` (deterministic, offline; the default) or
            `openai` (any OpenAI-compatible endpoint, see `agents.providers.openai`).
        scripted: The agent's own offline model, used for `scripted`.

    Returns:
        A chat model with tool calling.
    """
    if settings.llm_provider == "openai":
        # Imported here: a worker on the scripted planner never loads the OpenAI client.
        from agents.providers.openai import make_openai_chat_model

        return make_openai_chat_model(settings)
    return scripted(settings.llm_model)

"""Chat models for the agents: the offline scripted planner or an OpenAI-compatible endpoint."""

from langchain_core.language_models import BaseChatModel

from agents.providers.openai import make_openai_chat_model
from agents.providers.scripted import ScriptedPlanner
from burgerflow.core.settings import Settings


def make_chat_model(settings: Settings) -> BaseChatModel:
    """Build the chat model `settings.llm_provider` names.

    Args:
        settings: `llm_provider` selects `scripted` (deterministic, offline; the default) or
            `openai` (any OpenAI-compatible endpoint, see `agents.providers.openai`).

    Returns:
        A chat model with tool calling.
    """
    if settings.llm_provider == "openai":
        return make_openai_chat_model(settings)
    return ScriptedPlanner(model_name=settings.llm_model)

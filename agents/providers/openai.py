"""An OpenAI-compatible chat model: any endpoint that speaks the Chat Completions API.

Self-hosted (vLLM, Ollama, llama.cpp server) or EU-hosted endpoints work the same way; only
the settings change. Configuration comes from `Settings` alone: the model never falls back
to `OPENAI_*` environment variables.
"""

import httpx
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from burgerflow.core.settings import Settings

_NO_KEY = SecretStr("no-key")
"""Sent when no key is configured; self-hosted endpoints usually accept any key."""


def make_openai_chat_model(
    settings: Settings, *, http_client: httpx.AsyncClient | None = None
) -> ChatOpenAI:
    """Build a `ChatOpenAI` for the endpoint named in `settings`.

    The client does not retry on its own (`max_retries=0`): the model node runs as a Temporal
    activity, and Temporal's retry policy is the one place retries are decided and recorded.

    Args:
        settings: `llm_base_url`, `llm_model`, `llm_api_key`, `llm_timeout_s`,
            `llm_max_tokens` and `llm_temperature` are used.
        http_client: The HTTP client for the endpoint (e.g. with a proxy or client
            certificate); the OpenAI SDK makes its own when None.

    Returns:
        A chat model with tool calling (temperature 0 unless the settings say otherwise).

    Raises:
        ValueError: `llm_base_url` is not set; burgerflow never defaults to a public endpoint.
    """
    if not settings.llm_base_url:
        raise ValueError("BURGERFLOW_LLM_BASE_URL must be set when BURGERFLOW_LLM_PROVIDER=openai")
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or _NO_KEY,
        temperature=settings.llm_temperature,
        max_completion_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        http_async_client=http_client,
    )

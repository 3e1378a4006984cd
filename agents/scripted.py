"""A base for scripted chat models: an agent's language model, offline and deterministic.

`ScriptedChatModel` implements LangChain's chat-model interface with tool calling, so an
agent's graph runs unchanged without a language model. A subclass supplies `next_turn`: the
reply to a conversation, computed from the conversation alone, as a model would — the
request from the first message, the facts from the tool results — and so in tokens
(`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN, a name or an address. A
script should rely on nothing a chat-completions endpoint would not carry (no message
names, no tool message status): then the fake OpenAI-compatible server (`agents.fake_llm`)
can put it behind a real HTTP endpoint. The helpers below read a conversation that way.

No randomness and no clock: the same conversation always gives the same reply.
"""

from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

SCRIPTED_PROVIDER = "scripted"
"""The `model_provider` every scripted reply carries in its response metadata."""


class ScriptedChatModel(BaseChatModel):
    """A chat model whose replies a fixed script computes from the conversation.

    Attributes:
        model_name: Reported as the model name (`settings.llm_model`) with every reply.
    """

    model_name: str

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name}

    @abstractmethod
    def next_turn(self, messages: Sequence[BaseMessage]) -> AIMessage:
        """The script's reply to a conversation.

        Args:
            messages: The conversation so far (system prompt, request, tool calls and
                results).

        Returns:
            The reply: tool calls, or a plain answer.
        """

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tool schemas, as chat models with tool calling do (they are passed through)."""
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        return self.bind(tools=formatted, **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._reply(messages)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._reply(messages)

    def _reply(self, messages: list[BaseMessage]) -> ChatResult:
        # The model name and provider go with every reply, as a hosted model's do, so the
        # audit trail names the script that drafted the plan.
        message = self.next_turn(messages)
        message.response_metadata = {
            "model_name": self.model_name,
            "model_provider": SCRIPTED_PROVIDER,
        }
        return ChatResult(generations=[ChatGeneration(message=message)])


# Reading a conversation as an endpoint carries it ------------------------------------------


def turn_number(messages: Sequence[BaseMessage]) -> int:
    """The number of the model turn that answers `messages`: one more than its replies so far."""
    return sum(isinstance(m, AIMessage) for m in messages) + 1


def call_names(messages: Sequence[BaseMessage]) -> dict[str, str]:
    """Tool names by tool-call id: an endpoint's tool messages carry the id, not the name."""
    return {
        call_id: call["name"]
        for message in messages
        if isinstance(message, AIMessage)
        for call in message.tool_calls
        if (call_id := call.get("id"))
    }


def tool_name(message: ToolMessage, names: dict[str, str]) -> str | None:
    """The tool a tool message answers: its own name, or the name of the call it answers."""
    return message.name or names.get(message.tool_call_id)


def is_error(message: ToolMessage, error_prefix: str) -> bool:
    """Whether a tool message is an error: not text, or text that starts with the prefix the
    agent's tool node puts before every error (an endpoint does not carry the status)."""
    return not isinstance(message.content, str) or message.content.startswith(error_prefix)

"""LangGraph agents of burgerflow, run as Temporal activities through `temporalio.langgraph`.

One folder per agent (`change_of_address/`), the chat-model providers (`providers/`), the
case-local pseudonyms a model sees instead of personal data (`pseudonyms`), token use
(`usage`), the dependencies their nodes need at run time (`deps`), the plugin a worker
registers (`plugin`), a fake OpenAI-compatible endpoint for tests and evaluations
(`fake_llm`) and `burgerflow eval` (`evaluation/`).
"""

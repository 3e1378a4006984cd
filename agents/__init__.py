"""LangGraph agents of burgerflow, run as Temporal activities through `temporalio.langgraph`.

One folder per agent (`change_of_address/`), the chat-model providers (`providers/`), the
dependencies their nodes need at run time (`deps`) and the plugin a worker registers
(`plugin`).
"""

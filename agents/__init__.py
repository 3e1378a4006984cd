"""LangGraph agents of burgerflow, run as Temporal activities through `temporalio.langgraph`.

One package per life event's agent; what they share sits beside them: the chat-model
providers (`providers/`), a base for scripted offline models (`scripted`), the case-local
pseudonyms a model sees instead of personal data (`pseudonyms`), messages across the activity
boundary (`messages`), token use (`usage`), the dependencies their nodes need at run time
(`deps`), the plugin a worker registers (`plugin`) and a fake OpenAI-compatible endpoint for
tests and evaluations (`fake_llm`). None of these names a life event: an agent's own package
brings its graph, its scripted model and what the fake endpoint plays for it.
"""

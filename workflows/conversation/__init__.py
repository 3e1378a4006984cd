"""Conversations: a citizen's chat with the intake assistant and, when needed, a person.

`workflow` (the `Conversation` workflow: messages as updates, its state as a query), `models`
(input, messages, state, update inputs), `activities` (the citizen's municipality, the
projection for the chat queue), `catalogue` (the life events the assistant takes reports of,
from the list), `agent` (the assistant as an agent of the worker's plugin) and `texts` (the
fixed words of a conversation).
"""

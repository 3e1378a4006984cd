"""Activities of a conversation: the citizen's municipality from the BRP, and its projection.

The store is the chat queue's projection of the conversations (status, municipality, who
holds it; never a message's text). What the projection writes to is a `ConversationSink` the
worker is given (the approvals store's), so this layer does not import the store. Writes are
idempotent upserts, and a late projection never overwrites a newer one.
"""

import asyncio
from typing import Protocol

from pydantic import BaseModel
from temporalio import activity

from burgerflow.registry.client import RegistryClient
from workflows.conversation.models import ConversationProjection


class ConversationSink(Protocol):
    """Where conversations are projected (blocking calls, run in a thread)."""

    def write_conversation(self, projection: ConversationProjection) -> None:
        """Store the conversation's status, municipality and holder."""

    def forget_conversation(self, conversation_id: str) -> None:
        """Remove the conversation from the store (after its retention period)."""


class NoConversationSink:
    """A sink that keeps nothing (a worker without a store)."""

    def write_conversation(self, projection: ConversationProjection) -> None:
        """Keep nothing."""

    def forget_conversation(self, conversation_id: str) -> None:
        """Keep nothing."""


class CitizenRef(BaseModel):
    """Activity input: whose municipality to look up."""

    bsn: str


class Forget(BaseModel):
    """Activity input: the conversation to remove from the store."""

    conversation_id: str


class ConversationActivities:
    """The conversation's activities, bound to the worker's registry client and sink."""

    def __init__(self, registry: RegistryClient, sink: ConversationSink) -> None:
        """Args:
        registry: The registry client (BRP).
        sink: Where the projections go.
        """
        self._registry = registry
        self._sink = sink

    @activity.defn(name="conversation.municipality")
    async def municipality(self, citizen: CitizenRef) -> str | None:
        """The citizen's municipality of registration (gemeentecode), None when BRP has none."""
        person = await self._registry.brp_persoon(
            citizen.bsn, fields=["burgerservicenummer", "gemeenteVanInschrijving"]
        )
        if person is None or person.gemeente_van_inschrijving is None:
            return None
        return person.gemeente_van_inschrijving.code

    @activity.defn(name="conversation.project")
    async def project(self, projection: ConversationProjection) -> None:
        """Store the conversation's status for the chat queue."""
        await asyncio.to_thread(self._sink.write_conversation, projection)

    @activity.defn(name="conversation.forget")
    async def forget(self, conversation: Forget) -> None:
        """Remove the conversation from the store."""
        await asyncio.to_thread(self._sink.forget_conversation, conversation.conversation_id)

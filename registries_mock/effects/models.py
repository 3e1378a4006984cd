"""Table of the effects ledger."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field

from registries_mock.db import MockModel


class EffectBase(MockModel):
    """What the admin API shows of a ledger row.

    Attributes:
        registratie: Registry that applied the effect (`brp`, `gemeente`, ...); `registry`
            in the admin API.
        operation: The mutation (see `burgerflow.registry.schemas.common.Operation`).
        subject: The BSN the effect concerns.
        idempotency_key: The client's `Idempotency-Key`.
        received: How many requests carried this key (first one, retries, conflicts).
        applied_at: When the effect was applied (UTC).
    """

    registratie: str = Field(index=True)
    operation: str
    subject: str = Field(index=True)
    idempotency_key: str
    received: int = 1
    applied_at: datetime


class Effect(EffectBase, table=True):
    """A ledger row, with the request's body hash and the stored first response."""

    __tablename__ = "effects_ledger"
    __table_args__ = (UniqueConstraint("registratie", "idempotency_key"),)

    id: int | None = Field(default=None, primary_key=True)
    body_hash: str
    response_status: int
    response_body: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))

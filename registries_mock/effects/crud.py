"""Reading and writing the effects ledger. Writers flush; the caller commits."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from registries_mock.effects.models import Effect


def get_effect(*, session: Session, registry: str, idempotency_key: str) -> Effect | None:
    """Return the ledger row of `idempotency_key` at `registry`, if any."""
    statement = select(Effect).where(
        Effect.registratie == registry, Effect.idempotency_key == idempotency_key
    )
    return session.exec(statement).first()


def record_effect(
    *,
    session: Session,
    registry: str,
    operation: str,
    subject: str,
    idempotency_key: str,
    body_hash: str,
    response_status: int,
    response_body: dict[str, Any],
    applied_at: datetime,
) -> Effect:
    """Add the ledger row of a freshly applied effect (received = 1)."""
    effect = Effect(
        registratie=registry,
        operation=operation,
        subject=subject,
        idempotency_key=idempotency_key,
        received=1,
        applied_at=applied_at,
        body_hash=body_hash,
        response_status=response_status,
        response_body=response_body,
    )
    session.add(effect)
    session.flush()
    return effect


def count_request(*, session: Session, effect: Effect) -> None:
    """Count one more request carrying the effect's key."""
    effect.received += 1
    session.add(effect)
    session.flush()


def list_effects(
    *, session: Session, subject: str | None = None, registry: str | None = None
) -> Sequence[Effect]:
    """Return the ledger rows, oldest first, optionally for one subject or registry."""
    statement = select(Effect).order_by(col(Effect.applied_at), col(Effect.id))
    if subject is not None:
        statement = statement.where(Effect.subject == subject)
    if registry is not None:
        statement = statement.where(Effect.registratie == registry)
    return session.exec(statement).all()

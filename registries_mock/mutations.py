"""Idempotent mutations and fault injection, as FastAPI dependencies.

Every registry's routes module holds one `FaultGate`. Look-ups declare
`dependencies=[Depends(gate.lookup)]`; mutations take a `Mutation` from `gate.mutation` and
run their effect through `Mutation.execute`, which:

1. requires an `Idempotency-Key` header (missing: 400);
2. on a known key counts the request in the ledger (`received`), and replays the stored
   first response when the body is the same, or answers 409 when it differs;
3. on a new key applies the effect and records it with its response in the same
   transaction;
4. answers 503 instead when fault injection decided to lose this response.
"""

import hashlib
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.common import Operation
from registries_mock.db import SessionDep, StateDep
from registries_mock.effects import crud as effects_crud
from registries_mock.problems import conflict, service_unavailable

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_UNAVAILABLE = "De registratie is tijdelijk niet beschikbaar, probeer het later opnieuw."


def _body_hash(operation: Operation, body: BaseModel) -> str:
    canonical = json.dumps(
        {"operation": operation.value, "body": body.model_dump(mode="json", by_alias=True)},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class Mutation:
    """One mutation request: its registry, idempotency key and fault decision."""

    def __init__(
        self,
        *,
        registry: Registry,
        idempotency_key: str,
        lose_response: bool,
        session: Session,
        lock: threading.Lock,
    ) -> None:
        """Bind the request's context; see `FaultGate.mutation`."""
        self.registry = registry
        self.idempotency_key = idempotency_key
        self.lose_response = lose_response
        self._session = session
        self._lock = lock

    def execute(
        self,
        *,
        operation: Operation,
        subject: str,
        body: BaseModel,
        effect: Callable[[], BaseModel],
        status_code: int = 201,
    ) -> JSONResponse:
        """Apply `effect` exactly once per idempotency key and answer with its receipt.

        Args:
            operation: The mutation's name in the ledger.
            subject: The BSN the mutation concerns.
            body: The validated request body (its hash detects key reuse).
            effect: Applies the change in `self`'s session without committing and returns
                the receipt; a `ProblemError` it raises rolls back and records nothing.
            status_code: Status of a successful first response.

        Returns:
            The first response, or its replay.

        Raises:
            ProblemError: 409 when the key was used with another body; 503 when fault
                injection loses the response (the effect is applied and recorded anyway).
        """
        session = self._session
        body_hash = _body_hash(operation, body)
        replayed = False
        with self._lock:
            existing = effects_crud.get_effect(
                session=session, registry=self.registry.value, idempotency_key=self.idempotency_key
            )
            if existing is not None:
                effects_crud.count_request(session=session, effect=existing)
                session.commit()
                if existing.body_hash != body_hash:
                    raise conflict(
                        "De Idempotency-Key is al gebruikt voor een ander verzoek.",
                        code="idempotencyKeyConflict",
                    )
                status, payload, replayed = existing.response_status, existing.response_body, True
            else:
                try:
                    receipt = effect()
                    payload = receipt.model_dump(mode="json", by_alias=True, exclude_none=True)
                    status = status_code
                    effects_crud.record_effect(
                        session=session,
                        registry=self.registry.value,
                        operation=operation.value,
                        subject=subject,
                        idempotency_key=self.idempotency_key,
                        body_hash=body_hash,
                        response_status=status,
                        response_body=payload,
                        applied_at=datetime.now(UTC),
                    )
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        if self.lose_response:
            raise service_unavailable(_UNAVAILABLE)
        headers = {REPLAYED_HEADER: "true"} if replayed else None
        return JSONResponse(payload, status_code=status, headers=headers)


class FaultGate:
    """The fault injection and mutation dependencies of one registry."""

    def __init__(self, registry: Registry) -> None:
        """Create the gate of `registry`."""
        self.registry = registry

    async def lookup(self, state: StateDep) -> None:
        """Dependency of look-ups: apply latency and maybe fail with 503."""
        if await state.faults.strike(self.registry):
            raise service_unavailable(_UNAVAILABLE)

    async def mutation(
        self,
        state: StateDep,
        session: SessionDep,
        idempotency_key: Annotated[
            str, Header(alias=IDEMPOTENCY_HEADER, min_length=1, max_length=255)
        ],
    ) -> Mutation:
        """Dependency of mutations: apply latency, draw a fault, and bind the request."""
        lose_response = False
        if await state.faults.strike(self.registry):
            if not state.faults.after_effect():
                raise service_unavailable(_UNAVAILABLE)
            lose_response = True
        return Mutation(
            registry=self.registry,
            idempotency_key=idempotency_key,
            lose_response=lose_response,
            session=session,
            lock=state.write_lock,
        )

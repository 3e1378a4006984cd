"""Client of the mocks' `/_admin` API (dev mode only): test data, effects ledger, faults, reset.

Used by the tests, the benchmark and the evaluation; production code never imports it.
"""

import httpx
from pydantic import TypeAdapter

from burgerflow.registry.client import JsonHttp
from burgerflow.registry.schemas.brp import PersoonPublic
from registries_mock.admin.schemas import (
    AdresCreate,
    EffectPublic,
    FaultCreate,
    FaultPublic,
    PersoonCreate,
    ResetPublic,
)

_EFFECTS = TypeAdapter(list[EffectPublic])
_FAULTS = TypeAdapter(list[FaultPublic])


class AdminClient:
    """The mocks' `/_admin` API (dev mode only): test data, effects ledger, faults, reset."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        """Wrap `http`, whose `base_url` points at the mocks."""
        self._http = JsonHttp(http)

    async def create_adres(self, adres: AdresCreate) -> AdresCreate:
        """Create or replace an addressable object and its address in BAG."""
        return await self._http.call(AdresCreate, "POST", "/_admin/adressen", body=adres)

    async def create_persoon(self, persoon: PersoonCreate) -> PersoonPublic:
        """Create or replace a person across every registry; returns the BRP `Persoon`."""
        return await self._http.call(PersoonPublic, "POST", "/_admin/personen", body=persoon)

    async def effects(
        self, subject: str | None = None, *, registry: str | None = None
    ) -> list[EffectPublic]:
        """The effects ledger (one row per idempotency key), optionally for one BSN/registry."""
        params: dict[str, str | int | bool] = {}
        if subject is not None:
            params["subject"] = subject
        if registry is not None:
            params["registry"] = registry
        response = await self._http.send("GET", "/_admin/effects", params=params)
        assert response is not None
        return _EFFECTS.validate_json(response.content)

    async def faults(
        self,
        registry: str,
        error_rate: float = 0.0,
        latency_ms: int = 0,
        *,
        seed: int | None = None,
    ) -> list[FaultPublic]:
        """Set faults for a registry (`brp`, ..., or `*`); zeros clear. Returns active ones."""
        body = FaultCreate.model_validate(
            {"registry": registry, "error_rate": error_rate, "latency_ms": latency_ms, "seed": seed}
        )
        response = await self._http.send("POST", "/_admin/faults", body=body)
        assert response is not None
        return _FAULTS.validate_json(response.content)

    async def clear_faults(self) -> None:
        """Remove every fault."""
        await self.faults("*", 0.0, 0)

    async def reset(self) -> ResetPublic:
        """Restore the seeded population, clear faults and the ledger."""
        return await self._http.call(ResetPublic, "POST", "/_admin/reset")

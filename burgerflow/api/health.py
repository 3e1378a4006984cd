"""Liveness and readiness."""

import asyncio
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from approvals.db import ping
from burgerflow import __version__
from burgerflow.core.deps import EngineDep, TemporalDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok", "version": __version__}


@router.get("/readyz", response_model=None)
async def readyz(temporal: TemporalDep, engine: EngineDep) -> dict[str, Any] | JSONResponse:
    """Ready when Temporal and the database are reachable; 503 with the failing check otherwise."""
    checks: dict[str, str] = {}
    try:
        await asyncio.wait_for(temporal.service_client.check_health(), timeout=3)
        checks["temporal"] = "ok"
    except Exception as e:  # readiness reports any failure; it never raises
        checks["temporal"] = f"unreachable: {type(e).__name__}"
    try:
        await asyncio.to_thread(ping, engine)
        checks["database"] = "ok"
    except Exception as e:  # idem
        checks["database"] = f"unreachable: {type(e).__name__}"
    ready = all(v == "ok" for v in checks.values())
    body: dict[str, Any] = {"status": "ready" if ready else "not ready", "checks": checks}
    if ready:
        return body
    return JSONResponse(body, status_code=503)

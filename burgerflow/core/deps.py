"""Dependencies of the API routes, as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from temporalio.client import Client

from burgerflow.core.auth import Principal, TokenError, verify_token
from burgerflow.core.problems import Problem
from burgerflow.core.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    """The approvals database engine."""
    engine: Engine = request.app.state.engine
    return engine


def get_temporal(request: Request) -> Client:
    """The Temporal client (connected lazily, so the API starts before Temporal does)."""
    client: Client = request.app.state.temporal
    return client


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
TemporalDep = Annotated[Client, Depends(get_temporal)]


def get_principal(request: Request, settings: SettingsDep) -> Principal:
    """The caller, from the `Authorization: Bearer` header; 401 when absent or invalid."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="burgerflow"'}
    if scheme.lower() != "bearer" or not token:
        raise Problem(401, "Unauthorized", "A bearer token is required.", headers=challenge)
    try:
        return verify_token(settings, token.strip())
    except TokenError as e:
        raise Problem(
            401, "Unauthorized", f"The bearer token is not valid: {e}", headers=challenge
        ) from e


PrincipalDep = Annotated[Principal, Depends(get_principal)]

"""Assembly of the burgerflow API: settings, Temporal client, database and routers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from temporalio.client import Client

from approvals import chat_ui as approvals_chat_ui
from approvals import routes as approvals_routes
from approvals import ui as approvals_ui
from approvals.db import init_db, make_engine
from burgerflow import __version__
from burgerflow.api import audit, cases, conversations, health, life_events, transparency
from burgerflow.api.citizen import oidc as citizen_oidc
from burgerflow.api.citizen import pages as citizen_pages
from burgerflow.core.problems import install_problem_handlers
from burgerflow.core.settings import Settings
from workflows.client import connect


def create_app(settings: Settings, *, temporal: Client | None = None) -> FastAPI:
    """Build the API app.

    Args:
        settings: Deployment settings.
        temporal: A connected client to use (tests); otherwise one is connected lazily at start.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.resolved_database_url)
        init_db(engine)
        app.state.engine = engine
        app.state.temporal = temporal or await connect(settings, lazy=True)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="burgerflow",
        version=__version__,
        summary="Life events as durable, auditable cases for Dutch public services.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    app.include_router(health.router)
    app.include_router(life_events.make_router())
    app.include_router(cases.router)
    app.include_router(conversations.router)
    app.include_router(audit.router)
    app.include_router(transparency.router)
    app.include_router(approvals_routes.router)
    app.include_router(approvals_ui.router)
    app.include_router(approvals_chat_ui.router)
    app.include_router(citizen_oidc.router)
    app.include_router(citizen_pages.router)
    app.mount("/static", StaticFiles(directory=approvals_ui.STATIC_DIR), name="static")
    return app

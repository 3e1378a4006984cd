"""The registry mocks as one FastAPI app: `create_app(database_url, dev_mode=...)`.

`burgerflow mocks` serves it with uvicorn. The lifespan creates the tables and seeds the
population when the database is empty. `GET /healthz` answers liveness; the admin API
(`/_admin`) exists only in dev mode.
"""

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import func
from sqlmodel import Session, select

from registries_mock.admin.routes import router as admin_router
from registries_mock.bag.routes import router as bag_router
from registries_mock.belastingdienst.routes import router as belastingdienst_router
from registries_mock.berichtenbox.routes import router as berichtenbox_router
from registries_mock.brp.models import Persoon
from registries_mock.brp.routes import router as brp_router
from registries_mock.burgerlijke_stand.routes import router as burgerlijke_stand_router
from registries_mock.db import MockModel, MockState, create_db_engine
from registries_mock.duo.routes import router as duo_router
from registries_mock.gemeente.routes import router as gemeente_router
from registries_mock.overlijdensmeldingen import ROUTERS as overlijdensmelding_routers
from registries_mock.problems import install_problem_handlers
from registries_mock.rdw.routes import router as rdw_router
from registries_mock.seed import load_population
from registries_mock.tables import sorted_tables
from registries_mock.toeslagen.routes import router as toeslagen_router
from registries_mock.zgw.catalogue import ensure_catalogue
from registries_mock.zgw.problems import install_zgw_handlers
from registries_mock.zgw.routes import ROUTERS as zgw_routers

PUBLIC_ROUTERS = (
    brp_router,
    bag_router,
    belastingdienst_router,
    toeslagen_router,
    duo_router,
    rdw_router,
    gemeente_router,
    berichtenbox_router,
    burgerlijke_stand_router,
    *overlijdensmelding_routers,
    *zgw_routers,
)


def create_app(
    database_url: str, *, dev_mode: bool, zgw_clients: Mapping[str, str] | None = None
) -> FastAPI:
    """Build the mocks' app.

    Args:
        database_url: SQLAlchemy URL of the mocks' database (SQLite file by default).
        dev_mode: Mount the `/_admin` API (test data, effects ledger, faults, reset).
        zgw_clients: The ZGW applicaties the Zaken and Catalogi APIs accept: client id to
            secret. None accepts none (every ZGW request gets 403).

    Returns:
        The app. Its lifespan creates the tables and seeds the population into an empty
        database; tests driving it through `httpx.ASGITransport` enter
        `app.router.lifespan_context(app)` themselves.
    """
    engine = create_db_engine(database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        MockModel.metadata.create_all(engine, tables=sorted_tables())
        with Session(engine) as session:
            if session.exec(select(func.count()).select_from(Persoon)).one() == 0:
                load_population(session)
            ensure_catalogue(session)
        app.state.mocks = MockState(
            engine=engine, dev_mode=dev_mode, zgw_clients=dict(zgw_clients or {})
        )
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="burgerflow registry mocks",
        summary="BRP, BAG, Belastingdienst, Toeslagen, DUO, RDW, gemeente, berichtenbox and "
        "burgerlijke stand; ZGW Zaken and Catalogi.",
        version="1.0.0",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    install_zgw_handlers(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        """Liveness."""
        return {"status": "ok"}

    for router in PUBLIC_ROUTERS:
        app.include_router(router)
    if dev_mode:
        app.include_router(admin_router)
    return app

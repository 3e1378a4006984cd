"""Database plumbing of the registry mocks: the table base, the engine and the session dependency.

Every mock table derives from `MockModel`, whose own SQLAlchemy registry keeps the mocks'
tables apart from other burgerflow tables that share `SQLModel.metadata`.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlalchemy.orm import registry
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from registries_mock.faults import FaultTable


class MockModel(SQLModel, registry=registry()):
    """Base of every registry-mock table; `MockModel.metadata` holds exactly those tables."""


NOT_SEEDED = "not_seeded"
"""`Table.info` key of a table whose rows only cases make (deeds of death, disposal permits,
messages to undertakers): the seeded population has no rows for it, and a reset empties it."""


def create_db_engine(database_url: str) -> Engine:
    """Create the engine for `database_url`, tuned for SQLite when the URL is a SQLite one.

    Args:
        database_url: A SQLAlchemy URL, e.g. `sqlite:///.burgerflow/registries.db`.

    Returns:
        The engine. SQLite files run in WAL mode so look-ups proceed while a write is open.
        An in-memory SQLite URL (`sqlite://`) gives one connection shared by all sessions,
        which suits a single test but not concurrent requests.
    """
    if not database_url.startswith("sqlite"):
        return create_engine(database_url)
    in_memory = database_url in ("sqlite://", "sqlite:///:memory:")
    # A file gets a pool as large as the API's thread pool (40): every request thread may hold
    # a connection while SQLite serialises the writes, so a smaller pool makes look-ups wait
    # for connections rather than for the database.
    pool: dict[str, Any] = (
        {"poolclass": StaticPool} if in_memory else {"pool_size": 40, "max_overflow": 10}
    )
    engine = create_engine(
        database_url, connect_args={"check_same_thread": False, "timeout": 30}, **pool
    )

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


@dataclass
class MockState:
    """Per-app state of the mocks, kept on `app.state.mocks`.

    Attributes:
        engine: The database engine.
        dev_mode: Whether the `/_admin` API is mounted.
        faults: The fault settings per registry.
        write_lock: Serialises every write (mutations, admin calls, reset) so that the
            check-then-apply of an idempotency key cannot race.
        zgw_clients: The ZGW applicaties: client id to secret (the JWTs they sign).
    """

    engine: Engine
    dev_mode: bool
    zgw_clients: dict[str, str] = field(default_factory=dict)
    faults: FaultTable = field(default_factory=FaultTable)
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def get_state(request: Request) -> MockState:
    """Return the mocks' state of the app serving `request`."""
    state: MockState = request.app.state.mocks
    return state


def get_session(state: Annotated[MockState, Depends(get_state)]) -> Iterator[Session]:
    """Yield a database session for one request."""
    with Session(state.engine) as session:
        yield session


StateDep = Annotated[MockState, Depends(get_state)]
SessionDep = Annotated[Session, Depends(get_session)]

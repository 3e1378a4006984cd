"""The approvals database: SQLite by default, PostgreSQL through `DATABASE_URL`."""

from typing import Any

from sqlalchemy import Engine, event, inspect, text
from sqlmodel import SQLModel, create_engine


def make_engine(url: str) -> Engine:
    """Create the engine for `url`, normalising `postgresql://` to the psycopg 3 driver.

    Query parameters reach the driver, so `?options=-csearch_path%3Dschema` keeps the tables
    in their own PostgreSQL schema.
    """
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite"):
        # The API and every worker process write this file: wait for the lock rather than
        # fail with "database is locked" when another process holds it.
        connect_args["check_same_thread"] = False
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT_S
    engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if url.startswith("sqlite") and url not in ("sqlite://", "sqlite:///:memory:"):
        event.listen(engine, "connect", _sqlite_wal)
    return engine


SQLITE_BUSY_TIMEOUT_S = 30.0
"""How long a SQLite writer waits for another process's write lock."""


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead logging: readers never wait for the writer, and a commit is one append
    instead of a journal written and synced twice (the projection commits at every step)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_db(engine: Engine) -> None:
    """Create every table that is missing, and add the columns a newer release brought."""
    SQLModel.metadata.create_all(engine)
    _add_missing_columns(engine)


def _add_missing_columns(engine: Engine) -> None:
    """Add columns missing from existing tables (each has a server default or is nullable).

    The store is a projection, so no data migration is ever needed: `burgerflow approvals
    rebuild` fills the new columns from Temporal.
    """
    inspector = inspect(engine)
    preparer = engine.dialect.identifier_preparer
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                ddl = f"ALTER TABLE {preparer.quote(table.name)} ADD COLUMN "
                ddl += f"{preparer.quote(column.name)} {kind}"
                default = column.server_default
                if default is not None:
                    value = str(default.arg).replace("'", "''")  # type: ignore[attr-defined]
                    ddl += f" DEFAULT '{value}' NOT NULL"
                conn.execute(text(ddl))


def ping(engine: Engine) -> None:
    """Run a trivial query; raises when the database is unreachable."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))

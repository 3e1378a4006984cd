"""The approvals database: SQLite by default, PostgreSQL through `DATABASE_URL`."""

from sqlalchemy import Engine, text
from sqlmodel import SQLModel, create_engine


def make_engine(url: str) -> Engine:
    """Create the engine for `url`, normalising `postgresql://` to the psycopg 3 driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    connect_args = {"check_same_thread": False} if url.startswith("sqlite") else {}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def init_db(engine: Engine) -> None:
    """Create every table that is missing."""
    SQLModel.metadata.create_all(engine)


def ping(engine: Engine) -> None:
    """Run a trivial query; raises when the database is unreachable."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))

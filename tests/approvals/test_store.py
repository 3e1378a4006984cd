"""The store's schema: a store made by the first release gains the new columns on start."""

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session

from approvals import store
from approvals.db import init_db, make_engine
from approvals.service import detail

FIRST_RELEASE = """CREATE TABLE approval_task (
    case_id VARCHAR NOT NULL, rule VARCHAR NOT NULL, risk VARCHAR NOT NULL,
    municipality VARCHAR, description VARCHAR NOT NULL, status VARCHAR NOT NULL,
    required_approvals INTEGER NOT NULL, due_at TIMESTAMP WITH TIME ZONE,
    escalated BOOLEAN NOT NULL, policy_version VARCHAR, caseworker_summary VARCHAR,
    gate_id VARCHAR NOT NULL PRIMARY KEY, evidence JSON, decisions JSON,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL)"""

ROW = """INSERT INTO approval_task VALUES ('coa-1', 'occupancy', 'high', '0363', 'Crowded.',
    'pending', 2, '2026-01-06 10:00:00+00:00', false, 'change_of_address/v1.0', 'Summary.',
    'coa-1.occupancy', '{"oppervlakte": 20}', '[]', '2026-01-01 10:00:00+00:00',
    '2026-01-01 10:00:00+00:00')"""


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_init_db_adds_the_new_columns_to_a_first_release_store(kind, tmp_path):
    from tests.approvals.support import database_url

    with database_url(kind, tmp_path) as url:
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text(FIRST_RELEASE))
                conn.execute(text(ROW))
            init_db(engine)
            columns = {c["name"] for c in inspect(engine).get_columns("approval_task")}
            assert {"approvals", "claimed_by", "facts", "agent_rationale", "comments"} <= columns
            init_db(engine)  # a second start changes nothing
            with Session(engine) as session:
                (task,) = store.list_approvals(session, municipality="0363")
                view = detail(task)
            assert view.evidence == {"oppervlakte": 20}
            assert (view.approvals, view.claimed_by, view.comments, view.facts) == (0, None, [], {})
            assert view.overdue is True, "due in January 2026, still pending"
        finally:
            engine.dispose()


def _register(session: Session, case_id: str, now) -> str | None:
    return store.register_case(
        session,
        case_id=case_id,
        type="toy",
        status="received",
        reporter_key="reporter",
        other_keys=[],
        owner="citizen:x",
        idempotency_key=case_id,
        body_hash="h",
        now=now,
    )


def test_a_case_closing_between_two_reports_gives_the_new_case(tmp_path, monkeypatch):
    """The open case closes after the claim failed but before its holder was read."""
    from datetime import UTC, datetime

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_db(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        assert _register(session, "toy-old", now) is None
        real_open_case_of = store.open_case_of
        closed = []

        def closes_first(session: Session, **kwargs: str) -> str | None:
            if not closed:
                store.project_case(
                    session,
                    case_id="toy-old",
                    type="toy",
                    status="completed",
                    municipality=None,
                    terminal=True,
                    now=datetime.now(UTC),
                )
                closed.append(True)
            return real_open_case_of(session, **kwargs)

        monkeypatch.setattr(store, "open_case_of", closes_first)
        assert _register(session, "toy-new", now) is None
        assert closed == [True]
        assert real_open_case_of(session, subject_key="reporter", type="toy") == "toy-new"


def test_a_case_that_stays_open_is_named(tmp_path):
    from datetime import UTC, datetime

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_db(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        assert _register(session, "toy-old", now) is None
        assert _register(session, "toy-new", now) == "toy-old"


def test_a_projection_that_arrives_late_never_overwrites_a_newer_row(tmp_path):
    from datetime import UTC, datetime, timedelta

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_db(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        _register(session, "toy-1", now)
        for status, at in (("executing", now + timedelta(seconds=2)), ("gathering", now)):
            store.project_case(
                session,
                case_id="toy-1",
                type="toy",
                status=status,
                municipality="0363",
                terminal=False,
                now=at,
            )
        (row,) = store.list_cases(session, limit=10)
        assert row.status == "executing"

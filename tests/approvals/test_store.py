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

"""A gate past its deadline escalates to supervisors and never decides itself (time skipping)."""

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlmodel import Session
from temporalio.testing import WorkflowEnvironment

from approvals import store
from approvals.db import init_db, make_engine
from burgerflow.core.constants import CaseStatus, Role
from burgerflow.core.settings import Settings
from burgerflow.registry.transport import registry_http_client
from burgerflow.stack import temporal_test_server_binary
from burgerflow.worker import build_worker
from registries_mock.admin.client import AdminClient
from registries_mock.app import create_app as create_mocks_app
from tests.integration.scenarios import make_address, make_person
from tests.support import move_input, serve, settings_with_test_keys
from workflows.case.models import DecisionInput, DecisionKind, GateStatus, Reporter
from workflows.change_of_address.workflow import ChangeOfAddress
from workflows.client import data_converter

pytestmark = pytest.mark.integration


async def test_overdue_gate_escalates_and_waits_for_a_human(tmp_path):
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=temporal_test_server_binary(),
        data_converter=data_converter(settings_with_test_keys()),
    )
    mocks = create_mocks_app(f"sqlite:///{tmp_path / 'registries.db'}", dev_mode=True)
    try:
        async with serve(mocks) as mocks_url, httpx.AsyncClient(base_url=mocks_url) as http_admin:
            settings = Settings(
                home=tmp_path, registries_base_url=mocks_url, task_queue=f"tq-{uuid.uuid4()}"
            )
            engine = make_engine(settings.resolved_database_url)
            init_db(engine)
            admin = AdminClient(http_admin)
            bsn = await make_person(admin, await make_address(admin))
            office = await make_address(admin, status="Verblijfsobject gevormd")
            case = move_input(
                bsn,
                office["postcode"],
                office["huisnummer"],
                reported_by=Reporter(role=Role.CITIZEN, sub="c"),
                gate_deadline_seconds=timedelta(days=5).total_seconds(),
                search_attributes=False,
            )
            async with registry_http_client(settings) as http:
                async with build_worker(env.client, settings, http=http, engine=engine):
                    handle = await env.client.start_workflow(
                        ChangeOfAddress.run, case, id=case.case_id, task_queue=settings.task_queue
                    )
                    state = await handle.query(ChangeOfAddress.state)
                    while state.status is not CaseStatus.AWAITING_APPROVAL:
                        await env.sleep(timedelta(seconds=1))
                        state = await handle.query(ChangeOfAddress.state)
                    gate = state.gates[0]
                    assert not gate.escalated

                    await env.sleep(timedelta(days=4))
                    assert not (await handle.query(ChangeOfAddress.state)).gates[0].escalated

                    await env.sleep(timedelta(days=1, hours=1))
                    state = await handle.query(ChangeOfAddress.state)
                    assert state.status is CaseStatus.AWAITING_APPROVAL
                    assert state.gates[0].escalated
                    assert state.gates[0].status is GateStatus.PENDING
                    with Session(engine) as session:
                        task = store.get_approval(session, gate_id=gate.gate_id)
                        assert task is not None and task.escalated

                    await env.sleep(timedelta(days=30))
                    assert (await handle.query(ChangeOfAddress.state)).status is (
                        CaseStatus.AWAITING_APPROVAL
                    )
                    await handle.execute_update(
                        ChangeOfAddress.decide,
                        DecisionInput(
                            gate_id=gate.gate_id,
                            decision=DecisionKind.APPROVE,
                            reason="Bouw is opgeleverd.",
                            actor="sup-1",
                            role=Role.SUPERVISOR,
                            municipality="0363",
                        ),
                    )
                    result = await handle.result()
                    assert result.status is CaseStatus.COMPLETED
            engine.dispose()
    finally:
        await env.shutdown()

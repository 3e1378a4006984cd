"""What the zaak tests share: cases run to their end, and the zaak as the zaaksysteem has it."""

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from burgerflow.core.constants import Role
from burgerflow.registry.schemas.zgw import Resultaat, Status, StatusType, Zaak
from registries_mock.zgw.models import ZgwZaak
from tests.integration.death_helpers import alone, death_body, report_death
from tests.integration.emigration import couple as emigrating_couple
from tests.integration.emigration import report_emigration
from tests.integration.helpers import report_move, started_case
from tests.integration.scenarios import make_address, make_person
from tests.zaak.stack import ZaakStack
from workflows.zaak.models import ZaakState
from workflows.zaak.workflow import ZaakRegistration, zaak_workflow_id

LIFE_EVENTS = ("change_of_address", "emigration", "death")


async def start_case(stack: ZaakStack, life_event: str) -> str:
    """Report a life event that needs no gate or at most one; its case id."""
    match life_event:
        case "change_of_address":
            home = await make_address(stack.admin, gemeentecode="0363")
            target = await make_address(stack.admin, gemeentecode="0363")
            bsn = await make_person(stack.admin, home, age=40)
            return await started_case(stack, await report_move(stack, bsn, target))
        case "emigration":
            wife, husband = await emigrating_couple(stack)
            response = await report_emigration(stack, wife, co_movers=[husband])
            return await started_case(stack, response)
        case _:
            who = await alone(stack)
            return await started_case(stack, await report_death(stack, death_body(who)))


async def run_to_end(stack: ZaakStack, case_id: str, *, timeout: float = 120) -> dict[str, Any]:
    """Approve every gate (two caseworkers each) until the case has ended; the case."""
    deadline = time.monotonic() + timeout
    decided: set[str] = set()
    while time.monotonic() < deadline:
        response = await stack.api.get(f"/v1/cases/{case_id}", headers=stack.headers(Role.AUDITOR))
        if response.status_code == 503:  # no worker answers the query yet (one is starting)
            await asyncio.sleep(0.5)
            continue
        assert response.status_code == 200, response.text
        case = response.json()
        if case["status"] in ("completed", "rejected", "failed", "cancelled"):
            return case
        for gate in case["gates"]:
            if gate["status"] == "pending" and gate["gate_id"] not in decided:
                decided.add(gate["gate_id"])
                for sub in ("cw-anna", "cw-bram"):
                    await stack.api.post(
                        f"/v1/approvals/{gate['gate_id']}/decision",
                        json={"decision": "approve", "reason": "Gezien en akkoord."},
                        headers=stack.headers(
                            Role.CASEWORKER, sub=sub, municipality=case["municipality"]
                        ),
                    )
        await asyncio.sleep(0.2)
    raise AssertionError(f"case {case_id} did not end")


async def registration_result(stack: ZaakStack, case_id: str, timeout: float = 120) -> ZaakState:
    """Wait for the case's zaak registration to end; its final state."""
    handle = stack.temporal.get_workflow_handle_for(ZaakRegistration.run, zaak_workflow_id(case_id))
    return await asyncio.wait_for(handle.result(), timeout)


async def zaak_query(stack: ZaakStack, case_id: str) -> ZaakState:
    """The registration's `zaak` query."""
    handle = stack.temporal.get_workflow_handle_for(ZaakRegistration.run, zaak_workflow_id(case_id))
    return await handle.query(ZaakRegistration.zaak)


def zaak_rows(stack: ZaakStack, case_id: str) -> list[ZgwZaak]:
    """The zaken with this identificatie, read from the mock's database."""
    with Session(stack.mocks.state.mocks.engine) as session:
        return list(session.exec(select(ZgwZaak).where(ZgwZaak.identificatie == case_id)))


@dataclass
class ZaakView:
    """A zaak as the zaaksysteem answers it, with its statuses and resultaten."""

    zaak: Zaak
    statuses: list[Status]
    statustypen: dict[str, StatusType]
    resultaten: list[Resultaat]


async def zaak_view(stack: ZaakStack, case_id: str) -> ZaakView:
    """The one zaak of the case (fails when there are none or several)."""
    found = await stack.zaken.find_zaken(case_id, stack.settings.zgw_rsin)
    assert len(found) == 1, found
    [zaak] = found
    statustypen = {s.url: s for s in await stack.zaken.statustypen(zaak.zaaktype)}
    return ZaakView(
        zaak=await stack.zaken.zaak(zaak.url),
        statuses=await stack.zaken.statussen(zaak.url),
        statustypen=statustypen,
        resultaten=await stack.zaken.resultaten(zaak.url),
    )


def assert_closed_in_order(view: ZaakView, case: dict[str, Any]) -> None:
    """The zaak has the case's statuses in order, one resultaat and the eindstatus."""
    timeline = [e for e in case["timeline"] if e["event"] == "status"]
    statuses = view.statuses
    assert [s.statustoelichting for s in statuses] == [
        *(e["detail"] for e in timeline),
        "Afgehandeld",
    ]
    volgnummers = [view.statustypen[s.statustype].volgnummer for s in statuses]
    assert volgnummers == sorted(volgnummers) and len(set(volgnummers)) == len(volgnummers)
    times = [s.datum_status_gezet for s in statuses]
    assert times == sorted(times)
    assert view.statustypen[statuses[-1].statustype].is_eindstatus
    assert [s.indicatie_laatst_gezette_status for s in statuses].count(True) == 1
    assert len(view.resultaten) == 1
    assert view.zaak.resultaat == view.resultaten[0].url
    assert view.zaak.einddatum is not None

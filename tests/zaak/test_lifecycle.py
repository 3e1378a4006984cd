"""A case of every life event becomes one zaak: its statuses in order, one resultaat, closed."""

import pytest

from tests.integration.helpers import get_case
from tests.zaak.stack import ZaakStack
from tests.zaak.support import (
    LIFE_EVENTS,
    assert_closed_in_order,
    registration_result,
    run_to_end,
    start_case,
    zaak_view,
)
from workflows.zaak.models import ZaakStatus


@pytest.mark.parametrize("life_event", LIFE_EVENTS)
async def test_a_completed_case_is_a_closed_zaak(zaak_stack: ZaakStack, life_event: str):
    case_id = await start_case(zaak_stack, life_event)
    case = await run_to_end(zaak_stack, case_id)
    assert case["status"] == "completed", case["status"]

    final = await registration_result(zaak_stack, case_id)
    assert final.status is ZaakStatus.REGISTERED, final
    view = await zaak_view(zaak_stack, case_id)
    assert view.zaak.identificatie == case_id
    assert final.url == view.zaak.url
    assert final.statuses_synced == len(view.statuses)
    assert_closed_in_order(view, case)
    resultaattypen = {r.url: r for r in await zaak_stack.zaken.resultaattypen(view.zaak.zaaktype)}
    assert resultaattypen[view.resultaten[0].resultaattype].omschrijving == "Afgerond"
    zaaktype = await zaak_stack.zaken.zaaktype(view.zaak.zaaktype)
    assert zaaktype.identificatie == zaak_stack.settings.zgw_zaaktype_identificaties[life_event]

    shown = (await get_case(zaak_stack, case_id))["zaak"]
    assert shown["status"] == "registered"
    assert shown["url"] == view.zaak.url
    assert shown["identificatie"] == case_id


async def test_a_nudge_after_the_end_changes_nothing(zaak_stack: ZaakStack):
    from workflows.zaak.client import nudge_zaak

    case_id = await start_case(zaak_stack, "emigration")
    case = await run_to_end(zaak_stack, case_id)
    await registration_result(zaak_stack, case_id)
    before = await zaak_view(zaak_stack, case_id)
    await nudge_zaak(zaak_stack.temporal, case_id, task_queue=zaak_stack.settings.task_queue)
    after = await zaak_view(zaak_stack, case_id)
    assert [s.url for s in after.statuses] == [s.url for s in before.statuses]
    assert_closed_in_order(after, case)

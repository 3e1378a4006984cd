"""A zaaksysteem answering 500 delays only the registration: the case completes, its zaak
stays pending, and once the zaaksysteem answers again the zaak catches up, whole and single.

The fault window is switched on through `/_admin/faults` for a minute and until the sync has
failed several times, then off; what is asserted are events (the case's end, the sync's
retries, the zaak's statuses), never a duration.
"""

import asyncio
import time

from tests.integration.helpers import get_case
from tests.zaak.stack import ZaakStack
from tests.zaak.support import (
    assert_closed_in_order,
    registration_result,
    run_to_end,
    start_case,
    zaak_rows,
    zaak_view,
)
from workflows.zaak.models import ZaakStatus
from workflows.zaak.workflow import zaak_workflow_id

RETRIES_WHILE_DOWN = 5
"""Sync attempts that must fail before the zaaksysteem comes back (1, 2, 4, 8 s apart)."""
DOWN_FOR_S = 60.0
"""How long the zaaksysteem answers 500: a minute, as an outage of the zaaksysteem might."""


async def _sync_attempt(stack: ZaakStack, case_id: str) -> int:
    description = await stack.temporal.get_workflow_handle(zaak_workflow_id(case_id)).describe()
    pending = description.raw_description.pending_activities
    return max((a.attempt for a in pending), default=0)


async def test_a_failing_zaaksysteem_delays_only_the_registration(zaak_stack: ZaakStack):
    await zaak_stack.admin.faults("zgw", error_rate=1.0)
    try:
        down_at = time.monotonic()
        case_id = await start_case(zaak_stack, "emigration")
        case = await run_to_end(zaak_stack, case_id)
        case_done_s = time.monotonic() - down_at
        assert case["status"] == "completed"
        assert case["zaak"]["status"] == ZaakStatus.PENDING
        assert case["zaak"]["url"] is None
        # A creation whose answer was lost may have made the zaak; it is not closed.
        assert all(row.einddatum is None for row in zaak_rows(zaak_stack, case_id))
        while (
            await _sync_attempt(zaak_stack, case_id) < RETRIES_WHILE_DOWN
            or time.monotonic() - down_at < DOWN_FOR_S
        ):
            assert (await get_case(zaak_stack, case_id))["zaak"]["status"] == "pending"
            await asyncio.sleep(0.5)
        attempts = await _sync_attempt(zaak_stack, case_id)
    finally:
        await zaak_stack.admin.clear_faults()
    up_at = time.monotonic()
    final = await registration_result(zaak_stack, case_id)
    caught_up_s = time.monotonic() - up_at
    assert final.status is ZaakStatus.REGISTERED
    view = await zaak_view(zaak_stack, case_id)
    assert_closed_in_order(view, await get_case(zaak_stack, case_id))
    assert len(zaak_rows(zaak_stack, case_id)) == 1
    shown = (await get_case(zaak_stack, case_id))["zaak"]
    assert shown["status"] == "registered" and shown["url"] == view.zaak.url
    print(
        f"\nzaaksysteem down: the case completed in {case_done_s:.1f} s with the zaak pending; "
        f"{attempts} syncs failed over {up_at - down_at:.0f} s; the zaak caught up "
        f"{caught_up_s:.1f} s after the zaaksysteem came back"
    )

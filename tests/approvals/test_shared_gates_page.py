"""The caseworkers' page for what every case shares: cancelling a case, settling a refused
step, and reviewing a letter (edited in the form, received as written)."""

import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.approvals.support import CaseworkStack, open_gate, open_stack
from tests.integration.helpers import get_case, report_move, started_case, wait_for_status
from tests.integration.refusals import REFUSED_STEP, refused_case
from tests.integration.scenarios import make_address, make_person

pytestmark = pytest.mark.integration


@contextlib.asynccontextmanager
async def _page(stack: CaseworkStack, sub: str = "cw-page") -> AsyncIterator[httpx.AsyncClient]:
    """A caseworker of Amsterdam, logged in to the page."""
    token = issue_token(stack.settings, role=Role.CASEWORKER, sub=sub, municipality="0363")
    async with httpx.AsyncClient(base_url=stack.api_url, timeout=30) as client:
        assert (await client.post("/ui/login", data={"token": token})).status_code == 303
        yield client


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, "every form carries its csrf token"
    return match.group(1)


async def test_a_caseworker_cancels_the_case_from_the_gate_page(stack: CaseworkStack):
    gate = await open_gate(stack, rule="object_status")
    gid = gate["gate_id"]
    async with _page(stack) as client:
        page = await client.get(f"/ui/gates/{gid}")
        assert 'id="cancel-case"' in page.text and "Zaak annuleren" in page.text
        csrf = _csrf(page.text)
        empty = await client.post(f"/ui/gates/{gid}/cancel", data={"reason": "", "csrf": csrf})
        assert empty.status_code == 422 and 'role="alert"' in empty.text
        done = await client.post(
            f"/ui/gates/{gid}/cancel",
            data={"reason": "Melder is overleden; melding vervalt.", "csrf": csrf},
        )
        assert done.status_code == 303, done.text
        assert done.headers["location"].startswith(f"/ui/gates/{gid}?done=cancelled")
        after = await client.get(f"/ui/gates/{gid}")
        assert (
            'data-status="cancelled"' in after.text
            and "De zaak is geannuleerd." in (await client.get(done.headers["location"])).text
        )
        assert 'id="cancel-case"' not in after.text
    case = await get_case(stack, gate["case_id"])
    assert case["status"] == "cancelled" and case["gates"][0]["status"] == "cancelled"
    effects = await stack.admin.effects(subject=gate["reporter"])
    assert [(e.registry, e.operation) for e in effects] == [("berichtenbox", "bericht_bezorgen")]
    inbox = await stack.api.get(
        "/v1/approvals", params={"status": "cancelled"}, headers=stack.caseworker()
    )
    assert gid in [t["gate_id"] for t in inbox.json()]


async def test_a_refused_step_is_settled_through_the_form(stack: CaseworkStack):
    refused = await refused_case(stack)
    gid = refused.gate["gate_id"]
    async with _page(stack, sub="cw-steps") as client:
        page = await client.get(f"/ui/gates/{gid}")
        html = page.text
        assert "Stap geweigerd" in html and REFUSED_STEP in html
        for choice in ("retry", "done_by_hand", "reject_rest"):
            assert f'value="{choice}"' in html
        assert 'id="cancel-case"' not in html, "the steps run: no cancelling any more"
        done = await client.post(
            f"/ui/gates/{gid}/decision",
            data={
                "decision": "done_by_hand",
                "reason": "Zelf beëindigd bij de oude gemeente.",
                "csrf": _csrf(html),
            },
        )
        assert done.status_code == 303, done.text
    case = await wait_for_status(stack, refused.case_id, "completed", "failed", "rejected")
    assert case["status"] == "completed"
    step = next(s for s in case["steps"] if s["step_id"] == REFUSED_STEP)
    assert step["status"] == "done_by_hand" and step["receipt"]["actor"] == "cw-steps"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reviewing(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[CaseworkStack]:
    """A stack with letter review on, over SQLite."""
    home = tmp_path_factory.mktemp("review-page")
    url = f"sqlite:///{home / 'approvals.db'}"
    async with open_stack(temporal_env, home, db_url=url, letter_review="always") as opened:
        yield opened


async def test_a_letter_edited_in_the_form_is_what_the_citizen_receives(
    reviewing: CaseworkStack,
):
    stack = reviewing
    bsn = await make_person(stack.admin, await make_address(stack.admin))
    new = await make_address(stack.admin, oppervlakte=100)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = case["gates"]
    proposed = gate["evidence"]["proposed"]
    async with _page(stack, sub="cw-letter") as client:
        page = await client.get(f"/ui/gates/{gate['gate_id']}")
        assert 'name="text"' in page.text and "Brief nakijken" in page.text
        assert "De burger krijgt precies deze tekst." in page.text
        edited = proposed.replace("Beste ", "Geachte ", 1) + "\n\nPS: welkom in de buurt."
        done = await client.post(
            f"/ui/gates/{gate['gate_id']}/decision",
            data={
                "decision": "approve",
                # A browser ends a textarea's lines with CR LF.
                "text": edited.replace("\n", "\r\n"),
                "reason": "Persoonlijker gemaakt.",
                "csrf": _csrf(page.text),
            },
        )
        assert done.status_code == 303, done.text
    finished = await wait_for_status(stack, case_id, "completed")
    assert finished["letter"]["source"] == "caseworker"
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert bericht.inhoud == edited

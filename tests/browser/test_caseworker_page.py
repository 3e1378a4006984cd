"""A caseworker in a real browser: log in with a dev token, open a gate, approve it, see the
case complete.

Takes the screenshots shown in the README; `BURGERFLOW_UPDATE_SCREENSHOTS=1` writes them to
`docs/inbox.png` and `docs/gate.png` (otherwise to the test's temporary folder).
"""

import asyncio
import os
import shutil
import time
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.approvals.support import CaseworkStack, open_gate
from tests.integration.helpers import decide

pytestmark = [pytest.mark.integration, pytest.mark.browser]

DOCS = Path(__file__).resolve().parents[2] / "docs"

INBOX_CLIP = {"x": 0, "y": 0, "width": 1280, "height": 640}
GATE_CLIP = {"x": 0, "y": 0, "width": 1280, "height": 1480}
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))
    .map(e => e.name)"""


async def _login(page: Page, stack: CaseworkStack, token: str) -> None:
    await page.goto(f"{stack.api_url}/ui/")
    await expect(page).to_have_url(f"{stack.api_url}/ui/login")
    await page.get_by_label("Token").fill(token)
    await page.get_by_role("button", name="Inloggen").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")


async def _wait_for_case(page: Page, status: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while await page.locator("#case-status").get_attribute("data-status") != status:
        assert time.monotonic() < deadline, f"the case did not become {status}"
        await asyncio.sleep(0.5)
        await page.reload()


async def test_log_in_open_a_pending_gate_approve_it_and_see_the_case_complete(
    browser: Browser, stack: CaseworkStack, tmp_path: Path
):
    gate = await open_gate(stack, rule="object_status")
    crowded = await open_gate(stack, rule="occupancy")
    await decide(stack, crowded["gate_id"], "approve", sub="cw-bram", reason="Eerste akkoord.")
    await open_gate(stack, rule="non_residential")
    token = issue_token(stack.settings, role=Role.CASEWORKER, sub="cw-anna", municipality="0363")

    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = await context.new_page()
    try:
        await _login(page, stack, token)
        assert await page.locator("html").get_attribute("lang") == "nl"
        cookies = await context.cookies()
        assert [c["httpOnly"] for c in cookies if c["name"] == "burgerflow_token"] == [True]

        # The inbox: counts, filters (every control labelled), the pending gates.
        await expect(page.locator("#count-pending strong")).to_have_text("3")
        assert await page.evaluate(UNLABELLED) == []
        await page.screenshot(path=str(tmp_path / "inbox.png"), clip=INBOX_CLIP)
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.textContent") == "Naar de inhoud"

        # The gate: evidence, the agent's summary, the rules fired and the timeline.
        await page.get_by_role("link", name="Object niet in gebruik").click()
        await expect(page.get_by_role("heading", level=1)).to_contain_text("Object niet in gebruik")
        for heading in (
            "Bewijs uit de registers",
            "Samenvatting van de assistent",
            "Onderbouwing van de assistent",
            "Verloop van de zaak",
        ):
            await expect(page.get_by_role("heading", name=heading)).to_be_visible()
        await expect(page.get_by_text("Verblijfsobject gevormd").first).to_be_visible()
        await expect(page.locator("#case-status")).to_have_attribute(
            "data-status", "awaiting_approval"
        )
        assert await page.evaluate(UNLABELLED) == []
        await page.screenshot(path=str(tmp_path / "gate.png"), full_page=True, clip=GATE_CLIP)

        # Approve with a reason, by keyboard.
        await page.get_by_label("Goedkeuren").check()
        await page.get_by_label("Reden (verplicht)").fill("Opleverbewijs van de aannemer gezien.")
        await page.get_by_role("button", name="Besluit vastleggen").focus()
        await page.keyboard.press("Enter")
        await expect(page.get_by_role("status")).to_have_text("Uw besluit is vastgelegd.")
        await _wait_for_case(page, "completed")
        await expect(page.locator("#case-status")).to_have_text("afgerond")
        await expect(page.get_by_text("Opleverbewijs van de aannemer gezien.")).to_be_visible()

        # The same page in English.
        await page.get_by_role("link", name="English").click()
        assert await page.locator("html").get_attribute("lang") == "en"
        await expect(page.get_by_role("heading", level=1)).to_contain_text("Object not in use")
        await expect(page.locator("#case-status")).to_have_text("completed")
    finally:
        await context.close()
    for name in ("inbox.png", "gate.png"):
        assert (tmp_path / name).stat().st_size > 10_000
        if os.environ.get("BURGERFLOW_UPDATE_SCREENSHOTS") == "1":
            shutil.copyfile(tmp_path / name, DOCS / name)
    case = await stack.api.get(f"/v1/cases/{gate['case_id']}", headers=stack.auditor())
    assert case.json()["status"] == "completed"
    assert [d["actor"] for d in case.json()["gates"][0]["decisions"]] == ["cw-anna"]

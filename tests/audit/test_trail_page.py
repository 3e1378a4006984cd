"""The decision trail page in a real browser (Debian's Chromium driven by Playwright).

Takes the screenshot shown in the README; `BURGERFLOW_UPDATE_SCREENSHOTS=1` writes it to
`docs/audit-trail.png` (otherwise to the test's temporary folder), as the caseworker page's
browser test does.
"""

import os
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect

from burgerflow.core.constants import Role
from tests.audit.cases import FOUR_EYES, four_eyes_case
from tests.integration.conftest import Stack

pytestmark = [pytest.mark.integration, pytest.mark.browser]

DOCS = Path(__file__).resolve().parents[2] / "docs"


async def test_an_auditor_reads_the_trail_of_a_four_eyes_case(
    stack: Stack, browser: Browser, tmp_path: Path
):
    case = await four_eyes_case(stack)
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900},
        extra_http_headers=stack.headers(Role.AUDITOR),
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    page = await context.new_page()
    response = await page.goto(f"{stack.api.base_url}/v1/cases/{case.case_id}/audit")
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith("text/html")

    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {case.case_id}")
    gate = page.get_by_role("region", name="Gate occupancy")
    await expect(gate).to_contain_text("high risk")
    await expect(gate).to_contain_text("four-eyes")
    await expect(gate).to_contain_text("m2_per_person")
    for actor, decision, reason in FOUR_EYES:
        row = gate.get_by_role("row").filter(has_text=actor)
        await expect(row).to_contain_text(decision)
        await expect(row).to_contain_text(reason)

    steps = page.locator("#steps + table tbody tr")
    count = await steps.count()
    assert count >= 3
    for i in range(count):
        row = steps.nth(i)
        await expect(row).to_contain_text(f"{case.case_id}/")
        await expect(row).to_contain_text("done")
        await row.get_by_text("receipt").click()
        await expect(row.locator("pre")).to_be_visible()

    timeline = page.locator("ol.timeline li")
    await expect(timeline.first).to_contain_text("Change of address reported")
    await expect(timeline.last).to_contain_text("Case completed")

    target = DOCS if os.environ.get("BURGERFLOW_UPDATE_SCREENSHOTS") == "1" else tmp_path
    await page.reload()  # every receipt folded again, for the picture
    await page.screenshot(
        path=str(target / "audit-trail.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 1900},
    )
    await context.close()

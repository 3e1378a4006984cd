"""A citizen in a real browser at `/mijn/`: a move told to the assistant in the chat, proposed,
confirmed and followed to completed; the same move through the form without JavaScript; and
the hand-over of a conversation to a caseworker of the citizen's municipality in `/ui/`.

Every page the tests open passes the accessibility checks of `tests/browser/a11y.py` (axe-core
WCAG 2.1 AA, headings, labels, keyboard focus). The agents' model is the fake endpoint, so
every request to it crosses the wire and is checked for identifiers at the end of the module.
Takes the screenshots shown in the README; `BURGERFLOW_UPDATE_SCREENSHOTS=1` writes them to
`docs/` (otherwise to the test's temporary folder).
"""

import asyncio
import os
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, expect
from temporalio.testing import WorkflowEnvironment

from agents.intake.dates import date_in_words
from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.approvals.support import open_gate
from tests.browser.a11y import check_accessibility
from tests.conversations.support import ChatStack, model_endpoint, move_day, open_chat_stack
from tests.integration.scenarios import make_address, make_person

pytestmark = [pytest.mark.integration, pytest.mark.browser]

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _keep(shots: Path, name: str) -> None:
    """Copy a screenshot to docs/ when asked to (`BURGERFLOW_UPDATE_SCREENSHOTS=1`)."""
    assert (shots / name).stat().st_size > 10_000
    if os.environ.get("BURGERFLOW_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shots / name, DOCS / name)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def chat_stack(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[ChatStack]:
    """Mocks, API (with both pages) and a worker whose agents talk to the fake endpoint."""
    home = tmp_path_factory.mktemp("home-mijn")
    async with model_endpoint() as endpoint, open_chat_stack(temporal_env, home, endpoint) as s:
        yield s


@pytest.fixture(scope="module")
def shots(tmp_path_factory: Any) -> Path:
    return Path(tmp_path_factory.mktemp("screenshots"))


async def _citizen_context(
    browser: Browser, stack: ChatStack, gemeentecode: str, *, javascript: bool = True
) -> tuple[BrowserContext, Page, str]:
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode=gemeentecode))
    context = await browser.new_context(
        viewport={"width": 1100, "height": 900}, locale="nl-NL", java_script_enabled=javascript
    )
    page = await context.new_page()
    await page.goto(f"{stack.api_url}/mijn/")
    await expect(page).to_have_url(f"{stack.api_url}/mijn/inloggen")
    await check_accessibility(page, "mijn: sign in")
    token = issue_token(stack.settings, role=Role.CITIZEN, bsn=bsn, sub=f"citizen-{bsn}")
    await page.get_by_label("Token").fill(token)
    await page.get_by_role("button", name="Inloggen").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
    return context, page, bsn


async def _follow_to_completed(page: Page, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while await page.locator("#case-status").get_attribute("data-status") != "completed":
        assert time.monotonic() < deadline, "the case did not complete"
        await asyncio.sleep(0.5)
        await page.get_by_role("link", name="Vernieuwen").click()


async def test_a_move_told_in_the_chat_is_confirmed_and_followed_to_completed(
    browser: Browser, chat_stack: ChatStack, shots: Path
):
    context, page, _bsn = await _citizen_context(browser, chat_stack, "0599")
    try:
        await check_accessibility(page, "mijn: home")
        await page.get_by_role("button", name="Chat met de digitale assistent").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            "Chat met de digitale assistent"
        )
        await check_accessibility(page, "mijn: chat")
        chat_url = page.url
        words, day = move_day()
        sentence = f"Ik ga verhuizen naar Damrak 1 in Amsterdam per {words}"
        await page.get_by_label("Uw bericht").fill(sentence)
        await page.get_by_role("button", name="Versturen", exact=True).click()

        # The script shows the answer in place: the proposed report, in words.
        proposal = page.get_by_role("region", name="Voorgestelde melding: Verhuizing")
        await expect(proposal).to_be_visible()
        assert page.url == chat_url, "the page did not reload"
        await expect(proposal).to_contain_text("Damrak 1, 1012 AB Amsterdam")
        await expect(proposal).to_contain_text(date_in_words(day, "nl"))
        await expect(page.locator("#chat-log li.citizen p")).to_have_text(sentence)
        await expect(page.get_by_label("Uw bericht")).to_be_focused()
        await check_accessibility(page, "mijn: chat with a proposal")
        await page.screenshot(path=str(shots / "mijn-chat.png"), full_page=True)
        _keep(shots, "mijn-chat.png")

        await page.get_by_role("button", name="Bevestigen en versturen").click()
        await expect(page.get_by_role("status")).to_have_text(
            "Uw melding is verstuurd. Hieronder ziet u hoe ver het is."
        )
        await _follow_to_completed(page)
        await expect(page.locator("#case-status")).to_have_text("Klaar")
        await expect(page.locator("#citizen-message")).to_contain_text("Damrak 1")
        await check_accessibility(page, "mijn: a completed case")
        await page.screenshot(path=str(shots / "mijn-case.png"), full_page=True)
        _keep(shots, "mijn-case.png")

        # The same page in English.
        await page.get_by_role("link", name="English").click()
        assert await page.locator("html").get_attribute("lang") == "en"
        await expect(page.locator("#case-status")).to_have_text("Done")
        await check_accessibility(page, "mijn: a completed case, in English")
    finally:
        await context.close()


async def test_the_same_move_through_the_form_without_javascript(
    browser: Browser, chat_stack: ChatStack, shots: Path
):
    context, page, _bsn = await _citizen_context(browser, chat_stack, "0344", javascript=False)
    try:
        _words, day = move_day()
        await page.get_by_role("link", name="Verhuizing doorgeven").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
        await check_accessibility(page, "mijn: the form")
        await page.get_by_role("button", name="Verder").click()
        await expect(page.get_by_role("alert")).to_contain_text("Controleer deze velden")
        await check_accessibility(page, "mijn: the form with errors")
        await page.get_by_role("link", name="Nieuw adres — Postcode: Vul dit in.").click()
        await expect(page.get_by_label("Postcode")).to_be_focused()
        await page.get_by_label("Postcode").fill("1012 ab")
        await page.get_by_label("Huisnummer").fill("1")
        await page.get_by_label("Verhuisdatum").fill(day.isoformat())
        await page.screenshot(path=str(shots / "mijn-form.png"), full_page=True)
        _keep(shots, "mijn-form.png")
        await page.get_by_role("button", name="Verder").click()

        await expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw melding")
        await expect(page.locator("#report-lines")).to_contain_text("1012 AB 1")
        await check_accessibility(page, "mijn: check the report")
        await page.get_by_role("button", name="Bevestigen en versturen").click()
        await expect(page.get_by_role("status")).to_contain_text("Uw melding is verstuurd")
        await _follow_to_completed(page)
        await expect(page.locator("#citizen-message")).to_contain_text("Damrak 1")
        await page.get_by_role("link", name="Terug naar mijn zaken").click()
        await expect(page.locator("#cases")).to_contain_text("Klaar")
    finally:
        await context.close()


async def _caseworker_page(
    browser: Browser, stack: ChatStack, sub: str, gemeentecode: str
) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = await context.new_page()
    await page.goto(f"{stack.api_url}/ui/login")
    token = issue_token(stack.settings, role=Role.CASEWORKER, sub=sub, municipality=gemeentecode)
    await page.get_by_label("Token").fill(token)
    await page.get_by_role("button", name="Inloggen").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Werkvoorraad")
    return context, page


async def test_a_person_of_the_citizens_municipality_answers_in_the_chat(
    browser: Browser, chat_stack: ChatStack, shots: Path
):
    citizen, page, _bsn = await _citizen_context(browser, chat_stack, "0363")
    anna, desk = await _caseworker_page(browser, chat_stack, "cw-anna", "0363")
    rob, other = await _caseworker_page(browser, chat_stack, "cw-rob", "0599")
    try:
        await check_accessibility(desk, "ui: inbox")
        await page.get_by_role("button", name="Chat met de digitale assistent").click()
        await page.get_by_label("Uw bericht").fill("Ik wil graag met een medewerker praten")
        await page.get_by_role("button", name="Versturen", exact=True).click()
        await expect(page.locator("#who-answers")).to_contain_text("Medewerker")
        await expect(page.locator("#chat-log li.system").last).to_contain_text("gemeente Amsterdam")
        conversation_id = page.url.rsplit("/", 1)[-1]

        # The caseworker of Amsterdam finds it in the chat queue and takes it.
        await desk.get_by_role("link", name="Gesprekken").click()
        await expect(desk.get_by_role("heading", level=1)).to_have_text("Gesprekken")
        await check_accessibility(desk, "ui: the chat queue")
        await desk.locator(f'a[href="/ui/gesprekken/{conversation_id}"]').click()
        await expect(desk.locator("#chat-log")).to_contain_text("met een medewerker praten")
        await check_accessibility(desk, "ui: a conversation")
        await desk.get_by_role("button", name="Gesprek oppakken").click()
        await expect(desk.get_by_role("status")).to_have_text("U heeft het gesprek opgepakt.")
        await desk.get_by_label("Uw antwoord").fill(
            "Goedemiddag, u spreekt met Anna. Hoe kan ik helpen?"
        )
        await desk.get_by_role("button", name="Versturen").click()
        await expect(desk.get_by_role("status")).to_have_text("Uw antwoord is verstuurd.")
        await check_accessibility(desk, "ui: a conversation taken")
        await desk.screenshot(path=str(shots / "ui-chat.png"), full_page=True)
        _keep(shots, "ui-chat.png")

        # The citizen sees the answer appear, and who gives it.
        answer = page.locator("#chat-log li.caseworker").last
        await expect(answer).to_contain_text("u spreekt met Anna", timeout=15_000)
        await expect(answer.locator(".who")).to_contain_text("Medewerker (cw-anna)")
        await expect(page.locator("#who-answers")).to_contain_text("Medewerker (cw-anna)")
        await check_accessibility(page, "mijn: a conversation with a person")

        # A caseworker of another municipality sees nothing of it.
        await other.get_by_role("link", name="Gesprekken").click()
        await expect(other.get_by_text("Er wachten geen gesprekken.")).to_be_visible()
        assert await other.locator(f'a[href="/ui/gesprekken/{conversation_id}"]').count() == 0
        response = await other.goto(f"{chat_stack.api_url}/ui/gesprekken/{conversation_id}")
        assert response is not None and response.status == 403
        await expect(other.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    finally:
        for context in (citizen, anna, rob):
            await context.close()


async def test_the_caseworker_pages_on_the_same_styles_pass_the_checks(
    browser: Browser, chat_stack: ChatStack
):
    gate = await open_gate(chat_stack, rule="object_status")
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = await context.new_page()
    try:
        await page.goto(f"{chat_stack.api_url}/ui/login")
        await check_accessibility(page, "ui: log in")
        sheets = await page.evaluate("() => [...document.styleSheets].map(s => s.href)")
        assert any(s and s.endswith("/static/nlds/utrecht-html.css") for s in sheets)
        token = issue_token(
            chat_stack.settings, role=Role.CASEWORKER, sub="cw-a", municipality="0363"
        )
        await page.get_by_label("Token").fill(token)
        await page.get_by_role("button", name="Inloggen").click()
        await check_accessibility(page, "ui: inbox")
        await page.goto(f"{chat_stack.api_url}/ui/gates/{gate['gate_id']}")
        await expect(page.get_by_role("heading", level=1)).to_contain_text("Object niet in gebruik")
        await check_accessibility(page, "ui: a gate")
        await page.get_by_role("link", name="English").click()
        await check_accessibility(page, "ui: a gate, in English")
        await page.goto(f"{chat_stack.api_url}/ui/gesprekken/conv-unknown")
        await check_accessibility(page, "ui: not found")
    finally:
        await context.close()
    citizen = await browser.new_context(locale="nl-NL")
    page = await citizen.new_page()
    try:
        await page.goto(f"{chat_stack.api_url}/mijn/inloggen")
        await page.get_by_label("Token").fill("not-a-token")
        await page.get_by_role("button", name="Inloggen").click()
        await expect(page.get_by_role("alert")).to_have_text("Dit token is niet geldig.")
        await check_accessibility(page, "mijn: a refused sign-in")
    finally:
        await citizen.close()

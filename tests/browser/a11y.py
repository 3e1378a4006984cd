"""Accessibility checks of a page in Chromium: axe-core (WCAG 2.1 A and AA rules: contrast,
labels, names, landmarks, ...) plus what axe leaves to people: one `h1` and no skipped heading
level, every control labelled, and a visible keyboard focus starting at the skip link.

axe-core is vendored (`tests/browser/vendor/axe.min.js`, from `scripts/vendor-axe.sh`): the
tests inject it into the page and download nothing.
"""

import asyncio
from pathlib import Path

from playwright.async_api import Page, Route

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""

_HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .map(h => Number(h.tagName[1]))"""

_UNLABELLED = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter(e => e.type !== "hidden" && e.labels.length === 0 && !e.getAttribute("aria-label"))
    .map(e => e.name || e.id)"""

_TOP = """() => {
  const top = document.createElement("span");
  top.id = "a11y-top";
  top.tabIndex = -1;
  document.body.prepend(top);
  top.focus();
}"""

_FOCUS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  return {text: e.textContent.trim(), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)};
}"""


async def _runs_scripts(page: Page) -> bool:
    """Whether the page runs timers (a context without JavaScript does not, and axe needs
    them)."""
    try:
        await asyncio.wait_for(
            page.evaluate("() => new Promise(done => setTimeout(() => done(true), 0))"), 2
        )
    except TimeoutError:
        return False
    return True


async def check_accessibility(page: Page, name: str) -> None:
    """Assert that the page in `page` passes the checks (`name` says which page failed).

    A page shown without JavaScript is checked as it is: its HTML, served at its own URL (so
    its style sheets load) in a page of its own that runs axe.
    """
    if await _runs_scripts(page):
        await _check(page, name)
        return
    html = await page.content()
    browser = page.context.browser
    assert browser is not None
    context = await browser.new_context(viewport=page.viewport_size, locale="nl-NL")
    try:
        copy = await context.new_page()

        async def serve(route: Route) -> None:
            await route.fulfill(body=html, content_type="text/html; charset=utf-8")

        await copy.route(page.url, serve)
        await copy.goto(page.url)
        await _check(copy, name)
    finally:
        await context.close()


async def _check(page: Page, name: str) -> None:
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    violations = await page.evaluate(_RUN_AXE, WCAG_21_AA)
    assert violations == [], (name, violations)
    levels = await page.evaluate(_HEADINGS)
    assert levels.count(1) == 1, (name, "one h1", levels)
    assert levels[0] == 1, (name, "the h1 comes first", levels)
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, (name, "a heading level is skipped", levels)
    assert await page.evaluate(_UNLABELLED) == [], (name, "unlabelled controls")
    # From the top of the page the keyboard reaches the skip link first, with a visible focus.
    await page.evaluate(_TOP)
    await page.keyboard.press("Tab")
    focus = await page.evaluate(_FOCUS)
    await page.evaluate(
        "() => { document.getElementById('a11y-top')?.remove(); document.activeElement?.blur(); }"
    )
    assert focus["text"] in ("Naar de inhoud", "Skip to content"), (name, focus)
    assert focus["outline"] != "none" and focus["width"] >= 2, (name, "visible focus", focus)

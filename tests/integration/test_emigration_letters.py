"""The letter after an emigration: the drafted letter is checked against the case's facts and
sent in the fixed frame; a draft naming a date, address or organisation the case lacks is
replaced by the template, and the trail says why; with letter review on, the caseworker's
edited text is what the reporter receives."""

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from agents.pseudonyms import long_date
from burgerflow.core.constants import Role
from tests.audit.cases import own_worker
from tests.integration.conftest import Stack, open_stack
from tests.integration.emigration import couple, report_emigration
from tests.integration.emigration_shared import EmigrationLetterPlanner, emigration_input
from tests.integration.helpers import started_case, wait_for_status
from tests.integration.refusals import settle
from tests.integration.scenarios import make_address, make_person
from workflows.case.letters import STILL_TO_DO_HEADING, WHERE_TO_ASK_HEADING
from workflows.emigration.workflow import Emigration

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reviewing(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[Stack]:
    """A stack whose deployment sets `BURGERFLOW_LETTER_REVIEW=always`."""
    home = tmp_path_factory.mktemp("emigration-review")
    async with open_stack(temporal_env, home, letter_review="always") as opened:
        yield opened


async def _trail(stack: Stack, case_id: str) -> dict[str, Any]:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def _leaver(stack: Stack) -> str:
    """A person living alone in Amsterdam (no gate when they leave)."""
    return await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0363"))


async def test_a_good_draft_is_sent_in_the_frame(stack: Stack):
    wife, husband = await couple(stack)
    response = await report_emigration(stack, wife, co_movers=[husband])
    case_id = await started_case(stack, response)
    case = await wait_for_status(stack, case_id, "completed", "awaiting_approval", "failed")

    assert case["status"] == "completed", case["gates"]
    letter = case["letter"]
    assert letter["source"] == "model" and letter["problems"] == [], letter
    text = letter["text"]
    assert text == case["citizen_message"]
    assert text.startswith("Beste Sam Proef,\n\nWij hebben uw melding van vertrek")
    day = long_date(date.today() + timedelta(days=2))
    assert day in text and "Rue de la Loi 16" in text
    assert "Dienst Toeslagen" in text and "RDW" in text
    assert STILL_TO_DO_HEADING in text and WHERE_TO_ASK_HEADING in text
    assert "gemeente Amsterdam" in text
    assert text.endswith("Met vriendelijke groet,\nGemeente Amsterdam")
    assert text.count("Met vriendelijke groet") == 1
    [bericht] = (await stack.registry.berichtenbox_berichten(wife)).berichten
    assert bericht.inhoud == text

    trail = await _trail(stack, case_id)
    [moment] = [e for e in trail["timeline"] if e["kind"] == "letter"]
    assert "passed the check" in moment["title"]
    assert trail["steps"][-1]["letter"]["source"] == "model"


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ("Op 1 januari 2031 krijgt u nog een brief van ons.", "1 januari 2031"),
        ("Uw post gaat voortaan naar Kerkstraat 5 in Antwerpen.", "Kerkstraat 5"),
        ("Het UWV hoort ook van uw vertrek.", "UWV"),
    ],
    ids=["date", "address", "organisation"],
)
async def test_a_draft_naming_what_the_case_does_not_is_replaced_by_the_template(
    stack: Stack, extra: str, named: str
):
    bsn = await _leaver(stack)
    case = emigration_input(bsn)
    planner = EmigrationLetterPlanner(extra=extra)
    async with own_worker(stack, stack.temporal, "emi-letter", model=planner) as queue:
        handle = await stack.temporal.start_workflow(
            Emigration.run, case, id=case.case_id, task_queue=queue
        )
        result = await handle.result()

    assert result.status == "completed", [g.rule for g in result.gates]
    letter = result.letter
    assert letter is not None and letter.source == "template"
    assert letter.draft is not None and extra in letter.draft
    assert [p.found for p in letter.problems] == [named]
    assert extra not in letter.text
    assert "Wij hebben uw vertrek naar België verwerkt." in letter.text
    assert "bewijs van uitschrijving" in letter.text
    assert letter.text.startswith("Beste Sam Proef,")
    assert STILL_TO_DO_HEADING in letter.text
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert bericht.inhoud == letter.text == result.citizen_message

    trail = await _trail(stack, case.case_id)
    [moment] = [e for e in trail["timeline"] if e["kind"] == "letter"]
    assert "failed the check" in moment["title"] and named in moment["title"]
    assert "the template is sent" in moment["title"]
    sent = trail["steps"][-1]
    assert sent["kind"] == "citizen_message" and sent["letter"]["source"] == "template"
    assert any(named in p for p in sent["letter"]["problems"])


async def test_with_review_on_the_caseworkers_edited_text_is_what_the_reporter_receives(
    reviewing: Stack,
):
    stack = reviewing
    bsn = await _leaver(stack)
    case_id = await started_case(stack, await report_emigration(stack, bsn))
    case = await wait_for_status(stack, case_id, "awaiting_approval", "completed")

    assert case["status"] == "awaiting_approval", case
    [gate] = case["gates"]
    assert gate["rule"] == "letter_review" and gate["risk"] == "normal"
    proposed = gate["evidence"]["proposed"]
    assert proposed == case["letter"]["text"] and gate["evidence"]["problems"] == []
    assert "verwerkt" in gate["evidence"]["template"]
    assert (await stack.admin.effects(subject=bsn)) == [], "nothing runs before the review"

    refused = await settle(stack, gate["gate_id"], "reject", reason="Deze brief klopt niet.")
    assert refused.status_code == 422, "a letter is approved or edited, not rejected"
    edited = proposed.replace(
        "Wij hebben uw melding van vertrek naar het buitenland ontvangen.",
        "Wij hebben uw melding van vertrek ontvangen en nagekeken.\nGoede reis!",
    )
    assert edited != proposed
    response = await settle(
        stack, gate["gate_id"], "approve", reason="Toon aangepast.", sub="cw-letters", text=edited
    )
    assert response.status_code == 200, response.text
    done = await wait_for_status(stack, case_id, "completed", "failed", "rejected")

    assert done["status"] == "completed"
    assert done["letter"]["source"] == "caseworker"
    assert done["letter"]["reviewed_by"] == "cw-letters"
    assert done["citizen_message"] == edited
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert bericht.inhoud == edited
    registries = [e.registry for e in await stack.admin.effects(subject=bsn)]
    assert registries.count("berichtenbox") == 1 and "brp" in registries

    trail = await _trail(stack, case_id)
    [decision] = trail["gates"][0]["decisions"]
    assert decision["text"] == edited and decision["actor"] == "cw-letters"
    assert trail["steps"][-1]["letter"]["why"] == "Written by cw-letters in the letter review."


async def test_with_review_on_a_gated_emigration_waits_for_both_gates(reviewing: Stack):
    stack = reviewing
    home = await make_address(stack.admin, gemeentecode="0363")
    leaver = await make_person(stack.admin, home)
    await make_person(stack.admin, home, voornaam="Blijft")
    case_id = await started_case(stack, await report_emigration(stack, leaver))
    case = await wait_for_status(stack, case_id, "awaiting_approval")

    assert [g["rule"] for g in case["gates"]] == ["household_split", "letter_review"]
    split, review = case["gates"]
    assert (await settle(stack, split["gate_id"], "approve")).status_code == 200
    assert (await settle(stack, review["gate_id"], "approve")).status_code == 200
    done = await wait_for_status(stack, case_id, "completed", "failed", "rejected")

    assert done["letter"]["source"] == "model" and done["letter"]["reviewed_by"] == "cw-1"
    [bericht] = (await stack.registry.berichtenbox_berichten(leaver)).berichten
    assert bericht.inhoud == review["evidence"]["proposed"]

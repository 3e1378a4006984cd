"""The letter to the citizen: a drafted letter is checked against the case's facts and sent in
a fixed frame; a draft naming what the case does not is replaced by the template, and the
trail says why; with letter review on, a caseworker's edited text is what the citizen gets."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from burgerflow.core.constants import Role
from tests.audit.cases import own_worker
from tests.integration.conftest import Stack, open_stack
from tests.integration.helpers import report_move, started_case, wait_for_status
from tests.integration.planners import LetterPlanner
from tests.integration.refusals import settle
from tests.integration.scenarios import make_address, make_person
from tests.support import move_input
from workflows.case.letters import STILL_TO_DO_HEADING, WHERE_TO_ASK_HEADING
from workflows.change_of_address.workflow import ChangeOfAddress

pytestmark = pytest.mark.integration


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def reviewing(
    temporal_env: WorkflowEnvironment, tmp_path_factory: Any
) -> AsyncIterator[Stack]:
    """A stack whose deployment sets `BURGERFLOW_LETTER_REVIEW=always`."""
    home = tmp_path_factory.mktemp("review")
    async with open_stack(temporal_env, home, letter_review="always") as opened:
        yield opened


async def _trail(stack: Stack, case_id: str) -> dict[str, Any]:
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _mover(stack: Stack) -> tuple[str, dict[str, Any]]:
    """A person in Rotterdam and a roomy home in Amsterdam for them (no gate)."""
    bsn = await make_person(stack.admin, await make_address(stack.admin, gemeentecode="0599"))
    return bsn, await make_address(stack.admin, oppervlakte=100)


async def test_a_good_draft_is_sent_in_the_frame(stack: Stack):
    bsn, new = await _mover(stack)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "completed")

    letter = case["letter"]
    assert letter["source"] == "model" and letter["problems"] == []
    text = letter["text"]
    assert text == case["citizen_message"]
    assert text.startswith("Beste Sam Proef,\n\nWij hebben uw verhuizing ontvangen.")
    assert STILL_TO_DO_HEADING in text and WHERE_TO_ASK_HEADING in text
    assert text.endswith("Met vriendelijke groet,\nGemeente Amsterdam")
    assert text.count("Met vriendelijke groet") == 1
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert bericht.inhoud == text

    trail = await _trail(stack, case_id)
    [moment] = [e for e in trail["timeline"] if e["kind"] == "letter"]
    assert "passed the check" in moment["title"]
    assert trail["steps"][-1]["letter"]["source"] == "model"


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ("Op 1 januari 2031 krijgt u nog een brief van ons.", "1 januari 2031"),
        ("Uw post gaat voortaan naar Kerkstraat 5 in Amsterdam.", "Kerkstraat 5"),
        ("Het UWV krijgt uw nieuwe adres ook.", "UWV"),
    ],
    ids=["date", "address", "organisation"],
)
async def test_a_draft_naming_what_the_case_does_not_is_replaced_by_the_template(
    stack: Stack, extra: str, named: str
):
    bsn, new = await _mover(stack)
    case = move_input(bsn, new["postcode"], new["huisnummer"])
    async with own_worker(stack, stack.temporal, "letter", model=LetterPlanner(extra=extra)) as q:
        handle = await stack.temporal.start_workflow(
            ChangeOfAddress.run, case, id=case.case_id, task_queue=q
        )
        result = await handle.result()

    assert result.status == "completed"
    letter = result.letter
    assert letter is not None and letter.source == "template"
    assert letter.draft is not None and extra in letter.draft
    assert [p.found for p in letter.problems] == [named]
    assert extra not in letter.text and "verwerkt" in letter.text
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


async def test_with_review_on_the_caseworkers_edited_text_is_what_the_citizen_receives(
    reviewing: Stack,
):
    stack = reviewing
    bsn, new = await _mover(stack)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "awaiting_approval", "completed")

    assert case["status"] == "awaiting_approval", case
    [gate] = case["gates"]
    assert gate["rule"] == "letter_review" and gate["risk"] == "normal"
    proposed = gate["evidence"]["proposed"]
    assert proposed == case["letter"]["text"] and gate["evidence"]["problems"] == []
    assert (await stack.admin.effects(subject=bsn)) == [], "nothing runs before the review"

    refused = await settle(stack, gate["gate_id"], "reject", reason="Deze brief klopt niet.")
    assert refused.status_code == 422, "a letter is approved or edited, not rejected"
    edited = proposed.replace(
        "Wij hebben uw verhuizing ontvangen.",
        "Wij hebben uw verhuizing ontvangen en nagekeken.\nDank voor uw melding.",
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
    assert [e.registry for e in await stack.admin.effects(subject=bsn)].count("berichtenbox") == 1

    trail = await _trail(stack, case_id)
    [decision] = trail["gates"][0]["decisions"]
    assert decision["text"] == edited and decision["actor"] == "cw-letters"
    assert trail["steps"][-1]["letter"]["why"] == "Written by cw-letters in the letter review."


async def test_with_review_on_an_approved_letter_is_sent_as_proposed(reviewing: Stack):
    stack = reviewing
    bsn, new = await _mover(stack)
    case_id = await started_case(stack, await report_move(stack, bsn, new))
    case = await wait_for_status(stack, case_id, "awaiting_approval")
    [gate] = case["gates"]

    response = await settle(stack, gate["gate_id"], "approve", reason="Brief is goed.")
    assert response.status_code == 200, response.text
    done = await wait_for_status(stack, case_id, "completed")

    assert done["letter"]["source"] == "model" and done["letter"]["reviewed_by"] == "cw-1"
    [bericht] = (await stack.registry.berichtenbox_berichten(bsn)).berichten
    assert bericht.inhoud == gate["evidence"]["proposed"]

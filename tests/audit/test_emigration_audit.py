"""The emigration's trail, register record and caseworker page: read from its own extras."""

import httpx
import pytest

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.emigration import four_eyes_emigration, separated_parents
from tests.integration.emigration import report_emigration as report
from tests.integration.helpers import started_case, wait_for_status
from tests.support import settings_with_test_keys
from workflows.audit.register import life_event_record
from workflows.emigration.life_event import EMIGRATION
from workflows.emigration.rules import RULES
from workflows.emigration.trail import TOOL_REGISTRIES

pytestmark = pytest.mark.integration


def test_the_register_record_has_every_rule_with_its_risk_and_approvals():
    record = life_event_record(EMIGRATION, settings_with_test_keys())
    methods = record.methods_and_models
    positions = [methods.index(f"<li>{rule} (") for rule in RULES.ids()]
    assert positions == sorted(positions)
    assert "<li>custody (hoog risico, twee goedkeuringen)" in methods
    assert "<li>household_split (één goedkeuring)" in methods
    assert "Beleid emigration/v1.0" in methods
    assert any("2.43" in basis.title for basis in record.lawful_basis_grouping)
    assert "Emigratie" in record.name and record.source_id == "burgerflow/emigration"


async def test_the_trail_of_a_four_eyes_emigration(stack: Stack):
    case_id = await four_eyes_emigration(stack)
    response = await stack.api.get(
        f"/v1/cases/{case_id}/audit", headers=stack.headers(Role.AUDITOR)
    )
    assert response.status_code == 200, response.text
    trail = response.json()

    assert trail["workflow_type"] == "Emigration" and trail["status"] == "completed"
    assert trail["request"]["country"] == "BE" and trail["municipality"] == "0363"
    assert trail["policy"]["version"] == "emigration/v1.0"
    assert trail["policy"]["rules_fired"] == ["custody"]
    [gate] = trail["gates"]
    assert [d["actor"] for d in gate["decisions"]] == ["cw-anna", "cw-bram"]
    reads = {r["tool"]: r for r in trail["registry_reads"]}
    assert set(reads) == set(TOOL_REGISTRIES)
    assert all(r["registry"] == TOOL_REGISTRIES[r["tool"]] for r in reads.values())
    assert reads["lookup_household"]["facts"]
    assert trail["pseudonyms"]["PERSON_1"].startswith(trail["request"]["bsn"])
    calls = trail["model_calls"]
    assert any(t["name"] == "submit_emigration_plan" for t in calls[-1]["output"]["tool_calls"])
    steps = trail["steps"]
    assert steps[0]["kind"] == "brp_register_emigration" and steps[-1]["kind"] == "citizen_message"
    assert all(s["receipt"] for s in steps)

    page = await stack.api.get(
        f"/v1/cases/{case_id}/audit",
        headers={**stack.headers(Role.AUDITOR), "Accept": "text/html"},
    )
    assert page.status_code == 200 and "Address abroad" in page.text
    assert "Rue de la Loi 16" in page.text


async def test_the_caseworker_page_names_the_rule_and_its_text(stack: Stack):
    mother, _father, kid = await separated_parents(stack)
    case_id = await started_case(stack, await report(stack, mother, co_movers=[kid]))
    [gate] = (await wait_for_status(stack, case_id, "awaiting_approval"))["gates"]
    token = issue_token(stack.settings, role=Role.CASEWORKER, sub="cw-ui", municipality="0363")
    async with httpx.AsyncClient(base_url=str(stack.api.base_url), timeout=30) as browser:
        assert (await browser.post("/ui/login", data={"token": token})).status_code == 303
        inbox = await browser.get("/ui/")
        assert "Emigratie" in inbox.text and "Gezag over een minderjarige" in inbox.text
        page = await browser.get(f"/ui/gates/{gate['gate_id']}")
        assert page.status_code == 200
        assert RULES["custody"].nl in page.text

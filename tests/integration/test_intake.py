"""Intake of `POST /v1/life-events`: validation, authorisation, idempotency, one open case."""

import uuid
from datetime import timedelta

import pytest

from burgerflow.core.constants import Role
from tests.integration.conftest import Stack
from tests.integration.helpers import nl_today, report_move, started_case, wait_for_status
from tests.integration.scenarios import make_address, make_person

pytestmark = pytest.mark.integration

VALID = {
    "type": "change_of_address",
    "bsn": "999993653",
    "new_address": {"postcode": "1012AB", "huisnummer": 1},
    "move_date": nl_today().isoformat(),
}


def _with(**changes):
    body = {**VALID, **changes}
    return {k: v for k, v in body.items() if v is not None}


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (_with(bsn="999993654"), "bsn"),
        (_with(bsn="12345"), "bsn"),
        (_with(new_address={"postcode": "0123AB", "huisnummer": 1}), "new_address.postcode"),
        (_with(new_address={"postcode": "1012A", "huisnummer": 1}), "new_address.postcode"),
        (_with(new_address={"postcode": "1012AB", "huisnummer": 0}), "new_address.huisnummer"),
        (_with(move_date=(nl_today() + timedelta(days=29)).isoformat()), "move_date"),
        (_with(move_date="not-a-date"), "move_date"),
        (_with(co_movers=["999993654"]), "co_movers.0"),
        (_with(new_address=None), "new_address"),
        (_with(type="birth"), "type"),
        ({"type": "change_of_address"}, "bsn"),
    ],
)
async def test_invalid_reports_get_422_problem_and_start_nothing(stack: Stack, body, param):
    before = await stack.api.get("/v1/cases", headers=stack.headers(Role.AUDITOR))
    response = await stack.api.post(
        "/v1/life-events",
        json=body,
        headers={**stack.headers(Role.SERVICE, sub="portal"), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["title"]
    assert param in [p["name"] for p in problem["invalid_params"]], problem
    after = await stack.api.get("/v1/cases", headers=stack.headers(Role.AUDITOR))
    assert after.json() == before.json()


async def test_postcode_in_lower_case_with_a_space_is_normalised(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    new = await make_address(stack.admin, oppervlakte=100)
    spaced = {
        "postcode": f"{new['postcode'][:4]} {new['postcode'][4:].lower()}",
        "huisnummer": new["huisnummer"],
    }
    case_id = await started_case(stack, await report_move(stack, bsn, spaced))
    case = await wait_for_status(stack, case_id, "completed")
    assert case["new_address"]["postcode"] == new["postcode"]


async def test_no_token_is_401_and_a_citizen_reporting_for_another_is_403(stack: Stack):
    anonymous = await stack.api.post(
        "/v1/life-events", json=VALID, headers={"Idempotency-Key": "k"}
    )
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    forged = await stack.api.post(
        "/v1/life-events",
        json=VALID,
        headers={"Authorization": "Bearer not.a.token", "Idempotency-Key": "k"},
    )
    assert forged.status_code == 401
    other = await stack.api.post(
        "/v1/life-events",
        json=VALID,
        headers={**stack.citizen("999990019"), "Idempotency-Key": "k"},
    )
    assert other.status_code == 403
    caseworker = await stack.api.post(
        "/v1/life-events", json=VALID, headers={**stack.caseworker(), "Idempotency-Key": "k"}
    )
    assert caseworker.status_code == 403


async def test_missing_idempotency_key_is_422(stack: Stack):
    response = await stack.api.post(
        "/v1/life-events", json=VALID, headers=stack.citizen("999993653")
    )
    assert response.status_code == 422
    assert "idempotency-key" in [p["name"].lower() for p in response.json()["invalid_params"]]


async def test_same_key_same_body_gives_the_same_case_and_other_body_409(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    new = await make_address(stack.admin, oppervlakte=100)
    key = f"portal-{uuid.uuid4()}"
    first = await report_move(stack, bsn, new, key=key)
    again = await report_move(stack, bsn, new, key=key)
    assert first.status_code == again.status_code == 202
    assert first.json()["case_id"] == again.json()["case_id"]
    other = await report_move(stack, bsn, new, key=key, move_date=nl_today() + timedelta(days=1))
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"
    await wait_for_status(stack, first.json()["case_id"], "completed")
    listed = await stack.api.get("/v1/cases", headers=stack.citizen(bsn))
    assert [c["case_id"] for c in listed.json()] == [first.json()["case_id"]]


async def test_a_second_open_case_for_the_same_reporter_is_409_with_a_link(stack: Stack):
    home = await make_address(stack.admin)
    bsn = await make_person(stack.admin, home)
    office = await make_address(stack.admin, gebruiksdoelen=["kantoorfunctie"])
    first = await started_case(stack, await report_move(stack, bsn, office))
    await wait_for_status(stack, first, "awaiting_approval")
    second = await report_move(stack, bsn, await make_address(stack.admin, oppervlakte=100))
    assert second.status_code == 409
    assert second.json()["links"]["self"].endswith(f"/v1/cases/{first}")

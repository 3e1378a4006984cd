"""The authorisation matrix: every role × every caseworker endpoint × in and out of scope.

One four-eyes gate of Amsterdam (0363) is the subject of every cell. "in" is a caseworker or
supervisor of Amsterdam, "out" one of Rotterdam (0599); a citizen is the reporter of the
case ("own") or someone else ("other"). A cell that is allowed to decide gets a fresh gate
of its own, so deciding leaves the shared one pending. Run on SQLite and on PostgreSQL.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
from pydantic import SecretStr

from burgerflow.core.auth import issue_token
from burgerflow.core.constants import Role
from tests.approvals.support import CaseworkStack, open_gate
from tests.integration.scenarios import new_bsn

pytestmark = pytest.mark.integration

ROLES = [
    "anonymous",
    "forged",
    "citizen_own",
    "citizen_other",
    "service",
    "funeral_director",
    "caseworker_in",
    "caseworker_out",
    "supervisor_in",
    "supervisor_out",
    "auditor",
]

OK, CREATED, SEE_OTHER, UNAUTH, FORBIDDEN = 200, 201, 303, 401, 403
NO_ACCESS = {"anonymous": UNAUTH, "forged": UNAUTH, "citizen_own": FORBIDDEN}
NO_ACCESS |= {"citizen_other": FORBIDDEN, "service": FORBIDDEN, "funeral_director": FORBIDDEN}
READERS = {"caseworker_in": OK, "caseworker_out": OK, "supervisor_in": OK}
READERS |= {"supervisor_out": OK, "auditor": OK}
IN_ONLY = {"caseworker_in": OK, "caseworker_out": FORBIDDEN, "supervisor_in": OK}
IN_ONLY |= {"supervisor_out": FORBIDDEN}

EXPECTED: dict[str, dict[str, int]] = {
    "list": NO_ACCESS | READERS,
    "counts": NO_ACCESS | READERS,
    "escalations": NO_ACCESS | READERS | {"caseworker_in": FORBIDDEN, "caseworker_out": FORBIDDEN},
    "detail": NO_ACCESS | IN_ONLY | {"auditor": OK},
    "claim": NO_ACCESS | IN_ONLY | {"auditor": FORBIDDEN},
    "unclaim": NO_ACCESS | IN_ONLY | {"auditor": FORBIDDEN},
    "comment": NO_ACCESS
    | {k: CREATED if v == OK else v for k, v in IN_ONLY.items()}
    | {"auditor": FORBIDDEN},
    "decision": NO_ACCESS | IN_ONLY | {"auditor": FORBIDDEN},
    "case": {"anonymous": UNAUTH, "forged": UNAUTH, "citizen_own": OK}
    | {"citizen_other": FORBIDDEN, "service": FORBIDDEN, "funeral_director": FORBIDDEN}
    | IN_ONLY
    | {"auditor": OK},
    "page": {"anonymous": SEE_OTHER, "forged": SEE_OTHER, "citizen_own": FORBIDDEN}
    | {"citizen_other": FORBIDDEN, "service": FORBIDDEN, "funeral_director": FORBIDDEN}
    | IN_ONLY
    | {"auditor": OK},
}
"""Expected status of each endpoint (row) for each role (column)."""

SEES_THE_GATE = {"caseworker_in", "supervisor_in", "auditor"}
"""Who finds the Amsterdam gate in the lists (the others see only their own municipality)."""


@dataclass
class World:
    """The shared gate and a token per role."""

    gate: dict[str, Any]
    tokens: dict[str, str | None]


@pytest_asyncio.fixture(scope="package", loop_scope="session")
async def world(stack: CaseworkStack) -> AsyncIterator[World]:
    """One pending four-eyes gate of Amsterdam and a token for every role."""
    gate = await open_gate(stack, rule="occupancy")
    settings = stack.settings
    forged_settings = settings.model_copy(update={"jwt_secret": SecretStr("x" * 40)})
    tokens: dict[str, str | None] = {
        "anonymous": None,
        "forged": issue_token(
            forged_settings, role=Role.CASEWORKER, sub="cw-in", municipality="0363"
        ),
        "citizen_own": issue_token(
            settings, role=Role.CITIZEN, bsn=gate["reporter"], sub="citizen-own"
        ),
        "citizen_other": issue_token(settings, role=Role.CITIZEN, bsn=new_bsn(), sub="other"),
        "service": issue_token(settings, role=Role.SERVICE, sub="portal"),
        "funeral_director": issue_token(
            settings, role=Role.FUNERAL_DIRECTOR, sub="fd-1", organisation="Uitvaartzorg De Linde"
        ),
        "caseworker_in": issue_token(
            settings, role=Role.CASEWORKER, sub="cw-in", municipality="0363"
        ),
        "caseworker_out": issue_token(
            settings, role=Role.CASEWORKER, sub="cw-out", municipality="0599"
        ),
        "supervisor_in": issue_token(
            settings, role=Role.SUPERVISOR, sub="sup-in", municipality="0363"
        ),
        "supervisor_out": issue_token(
            settings, role=Role.SUPERVISOR, sub="sup-out", municipality="0599"
        ),
        "auditor": issue_token(settings, role=Role.AUDITOR, sub="auditor"),
    }
    yield World(gate=gate, tokens=tokens)


def _auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


Call = Callable[[CaseworkStack, World, str], Awaitable[httpx.Response]]


async def _list(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    return await stack.api.get("/v1/approvals", headers=_auth(world.tokens[role]))


async def _counts(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    return await stack.api.get("/v1/approvals/counts", headers=_auth(world.tokens[role]))


async def _escalations(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    return await stack.api.get("/v1/approvals/escalations", headers=_auth(world.tokens[role]))


async def _detail(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    gid = world.gate["gate_id"]
    return await stack.api.get(f"/v1/approvals/{gid}", headers=_auth(world.tokens[role]))


async def _claim(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    gid, headers = world.gate["gate_id"], _auth(world.tokens[role])
    response = await stack.api.post(f"/v1/approvals/{gid}/claim", headers=headers)
    if response.status_code == OK:  # leave the shared gate free for the next cell
        assert (await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=headers)).is_success
    return response


async def _unclaim(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    gid, headers = world.gate["gate_id"], _auth(world.tokens[role])
    if EXPECTED["unclaim"][role] == OK:
        taken = await stack.api.post(f"/v1/approvals/{gid}/claim", headers=headers)
        assert taken.status_code == OK, taken.text
    else:  # someone in scope holds it: an outsider still may not release it
        holder = _auth(world.tokens["caseworker_in"])
        assert (await stack.api.post(f"/v1/approvals/{gid}/claim", headers=holder)).is_success
    response = await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=headers)
    if response.status_code != OK:
        holder = _auth(world.tokens["caseworker_in"])
        assert (await stack.api.post(f"/v1/approvals/{gid}/unclaim", headers=holder)).is_success
    return response


async def _comment(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    gid = world.gate["gate_id"]
    return await stack.api.post(
        f"/v1/approvals/{gid}/comments",
        json={"text": f"Notitie van {role}."},
        headers=_auth(world.tokens[role]),
    )


async def _decision(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    allowed = EXPECTED["decision"][role] == OK
    gid = (await open_gate(stack, rule="object_status"))["gate_id"] if allowed else None
    return await stack.api.post(
        f"/v1/approvals/{gid or world.gate['gate_id']}/decision",
        json={"decision": "approve" if allowed else "reject", "reason": f"Besluit van {role}."},
        headers=_auth(world.tokens[role]),
    )


async def _case(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    case_id = world.gate["case_id"]
    return await stack.api.get(f"/v1/cases/{case_id}", headers=_auth(world.tokens[role]))


async def _page(stack: CaseworkStack, world: World, role: str) -> httpx.Response:
    token = world.tokens[role]
    cookies = {"burgerflow_token": token} if token else {}
    async with httpx.AsyncClient(base_url=stack.api_url, cookies=cookies) as client:
        return await client.get(f"/ui/gates/{world.gate['gate_id']}")


CALLS: dict[str, Call] = {
    "list": _list,
    "counts": _counts,
    "escalations": _escalations,
    "detail": _detail,
    "claim": _claim,
    "unclaim": _unclaim,
    "comment": _comment,
    "decision": _decision,
    "case": _case,
    "page": _page,
}
assert set(CALLS) == set(EXPECTED) and all(set(row) == set(ROLES) for row in EXPECTED.values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(EXPECTED))
async def test_authorisation_matrix(stack: CaseworkStack, world: World, endpoint: str, role: str):
    response = await CALLS[endpoint](stack, world, role)
    expected = EXPECTED[endpoint][role]
    assert response.status_code == expected, f"{endpoint} as {role}: {response.text[:300]}"
    if expected in (UNAUTH, FORBIDDEN) and endpoint != "page":
        assert response.headers["content-type"] == "application/problem+json"
    if expected == UNAUTH:
        assert response.headers["www-authenticate"].startswith("Bearer")
    if endpoint == "case" and role == "citizen_own":
        case = response.json()
        assert case["status"] == "awaiting_approval"
        assert (case["facts"], case["agent_rationale"], case["caseworker_summary"]) == (
            {},
            [],
            None,
        )
        assert [g["evidence"] for g in case["gates"]] == [{}], "evidence names other people"
        assert all(e["actor"] is None for e in case["timeline"])
    if endpoint == "list" and expected == OK:
        seen = {t["gate_id"] for t in response.json()}
        assert (world.gate["gate_id"] in seen) is (role in SEES_THE_GATE)
        if role.endswith("_out"):
            assert {t["municipality"] for t in response.json()} <= {"0599"}


async def test_the_shared_gate_is_still_pending_and_undecided(stack: CaseworkStack, world: World):
    response = await stack.api.get(
        f"/v1/approvals/{world.gate['gate_id']}", headers=stack.auditor()
    )
    task = response.json()
    assert (task["status"], task["decisions"], task["claimed_by"]) == ("pending", [], None)
    authors = {c["author"] for c in task["comments"]}
    assert authors == {"cw-in", "sup-in"}, "only in-scope caseworkers and supervisors add notes"

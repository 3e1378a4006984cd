"""The codec endpoint for the Temporal Web UI: decrypts for auditors, nobody else."""

import base64
import json

import pytest
from google.protobuf import json_format
from temporalio.api.common.v1 import Payloads

from burgerflow.core.constants import Role
from tests.audit.cases import completed_case
from tests.integration.conftest import Stack
from workflows.audit.codec import is_encrypted

pytestmark = pytest.mark.integration

UI = "http://127.0.0.1:8233"


def _plain(value: object) -> dict:
    return {
        "metadata": {"encoding": base64.b64encode(b"json/plain").decode()},
        "data": base64.b64encode(json.dumps(value).encode()).decode(),
    }


async def test_an_auditor_decodes_a_case_s_payloads_as_the_web_ui_would(stack: Stack):
    case = await completed_case(stack)
    history = await stack.temporal.get_workflow_handle(case.case_id).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    body = json_format.MessageToDict(started.input)
    assert all(is_encrypted(p) for p in started.input.payloads)

    response = await stack.api.post(
        "/v1/codec/decode",
        json=body,
        headers={**stack.headers(Role.AUDITOR), "Origin": UI, "X-Namespace": "default"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == UI
    decoded = Payloads()
    json_format.ParseDict(response.json(), decoded)
    [payload] = decoded.payloads
    assert payload.metadata["encoding"] == b"json/plain"
    assert json.loads(payload.data)["bsn"] == case.bsn


async def test_encode_then_decode_round_trips(stack: Stack):
    auditor = stack.headers(Role.AUDITOR)
    plain = {"payloads": [_plain({"hallo": "wereld"})]}
    encoded = await stack.api.post("/v1/codec/encode", json=plain, headers=auditor)
    assert encoded.status_code == 200
    [sealed] = encoded.json()["payloads"]
    assert base64.b64decode(sealed["metadata"]["encoding"]) == b"binary/encrypted"
    decoded = await stack.api.post("/v1/codec/decode", json=encoded.json(), headers=auditor)
    assert decoded.json() == plain


async def test_only_auditors_decode_and_errors_reach_the_ui(stack: Stack):
    body = {"payloads": [_plain("x")]}
    for headers, status in [
        ({}, 401),
        (stack.caseworker(), 403),
        (stack.headers(Role.SUPERVISOR, sub="s", municipality="0363"), 403),
    ]:
        response = await stack.api.post(
            "/v1/codec/decode", json=body, headers={**headers, "Origin": UI}
        )
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        # CORS headers on the error too, so the Web UI can show why.
        assert response.headers["access-control-allow-origin"] == UI

    bad = await stack.api.post(
        "/v1/codec/decode", content=b"not json", headers=stack.headers(Role.AUDITOR)
    )
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"


async def test_the_web_ui_origin_passes_the_preflight_and_others_do_not(stack: Stack):
    preflight = {
        "Origin": UI,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,x-namespace",
    }
    ok = await stack.api.options("/v1/codec/decode", headers=preflight)
    assert ok.status_code == 204
    assert ok.headers["access-control-allow-origin"] == UI
    assert "Authorization" in ok.headers["access-control-allow-headers"]
    assert ok.headers["access-control-allow-credentials"] == "true"

    other = await stack.api.options(
        "/v1/codec/decode", headers={**preflight, "Origin": "https://evil.example"}
    )
    assert other.status_code == 403 and "access-control-allow-origin" not in other.headers
    response = await stack.api.post(
        "/v1/codec/decode",
        json={"payloads": []},
        headers={**stack.headers(Role.AUDITOR), "Origin": "https://evil.example"},
    )
    assert "access-control-allow-origin" not in response.headers

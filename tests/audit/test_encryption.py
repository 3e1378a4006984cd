"""Encrypted history: the Temporal server never holds a BSN, name or address in clear."""

import json

import pytest
from pydantic import SecretStr
from temporalio.client import Client, WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter

from burgerflow.core.constants import Role
from tests.audit.cases import Case, completed_case, four_eyes_case, own_worker
from tests.integration.conftest import Stack
from tests.integration.helpers import wait_for_status
from tests.integration.scenarios import make_address
from tests.support import TEST_PAYLOAD_KEY_1, TEST_PAYLOAD_KEY_2, move_input
from workflows.audit.codec import KEY_ID, PayloadDecryptionError, is_encrypted, payload_key_id
from workflows.audit.history import decode_history, iter_payloads
from workflows.audit.replay import replay_history
from workflows.audit.trail import build_trail
from workflows.case.models import DecisionInput, DecisionKind
from workflows.change_of_address.workflow import ChangeOfAddress
from workflows.client import data_converter

pytestmark = pytest.mark.integration


def _client(stack: Stack, *keys: str) -> Client:
    """A client on the test server with another converter (no codec when no keys)."""
    converter = (
        data_converter(
            stack.settings.model_copy(update={"payload_keys": SecretStr(",".join(keys))})
        )
        if keys
        else pydantic_data_converter
    )
    return Client(
        stack.temporal.service_client,
        namespace=stack.temporal.namespace,
        data_converter=converter,
    )


def _assert_no_personal_data(case: Case, history: WorkflowHistory) -> None:
    raw = b"".join(e.SerializeToString() for e in history.events)
    text = history.to_json()
    for secret in case.personal_data:
        assert secret.encode() not in raw, f"{secret} in the raw history"
        assert secret not in text, f"{secret} in the history's JSON"
    payloads = list(iter_payloads(history))
    assert payloads and all(is_encrypted(p) for p in payloads)


async def test_a_raw_history_holds_no_personal_data_and_the_codec_decodes_it(stack: Stack):
    case = await four_eyes_case(stack)
    # A client without the codec (as the server, its database and its Web UI see it).
    raw = await _client(stack).get_workflow_handle(case.case_id).fetch_history()
    _assert_no_personal_data(case, raw)

    # What stays in clear carries no personal data: ids, search attributes, summaries.
    started = raw.events[0].workflow_execution_started_event_attributes
    assert raw.workflow_id.startswith("coa-") and case.bsn not in raw.workflow_id
    keys = {k for e in raw.events for k in _search_attribute_keys(e)}
    # TemporalChangeVersion is the SDK's own: the ids of the patches a case started with.
    assert keys <= {
        "BurgerflowStatus",
        "BurgerflowLifeEvent",
        "BurgerflowMunicipality",
        "TemporalChangeVersion",
    }
    assert not started.memo.fields

    decoded = await decode_history(raw, stack.temporal.data_converter.payload_codec)
    text = decoded.to_json()
    assert json.loads(text)["events"]
    trail = build_trail(decoded)
    assert trail.request["bsn"] == case.bsn
    assert trail.request["new_address"]["postcode"] == case.new["postcode"]
    names = json.dumps([r.facts for r in trail.registry_reads])
    assert "Wilhelmina-Xandra" in names and "Proefstraat" in names
    summaries = {
        (await stack.temporal.data_converter.decode([e.user_metadata.summary]))[0]
        for e in decoded.events
        if e.user_metadata.HasField("summary")
    }
    assert "Change of address" in summaries
    assert any(str(s).startswith("step ") for s in summaries)
    assert not any(case.bsn in str(s) for s in summaries)


def _search_attribute_keys(event) -> list[str]:
    if event.HasField("upsert_workflow_search_attributes_event_attributes"):
        attrs = event.upsert_workflow_search_attributes_event_attributes.search_attributes
        return list(attrs.indexed_fields)
    if event.HasField("workflow_execution_started_event_attributes"):
        attrs = event.workflow_execution_started_event_attributes.search_attributes
        return list(attrs.indexed_fields)
    return []


def _key_ids(history: WorkflowHistory) -> set[str | None]:
    return {payload_key_id(p) for p in iter_payloads(history)}


async def test_after_a_key_rotation_old_cases_still_decode_and_replay(stack: Stack):
    before = await completed_case(stack)
    rotated = _client(stack, TEST_PAYLOAD_KEY_2, TEST_PAYLOAD_KEY_1)

    # A case that was waiting at a gate when the keys rotated: started under key 1, its
    # gate decided and its steps run by a worker and a client that encrypt with key 2.
    small = await make_address(stack.admin, oppervlakte=10)
    waiting = move_input(before.bsn, small["postcode"], small["huisnummer"])
    async with own_worker(stack, stack.temporal, "before-rotation") as old_queue:
        await stack.temporal.start_workflow(
            ChangeOfAddress.run, waiting, id=waiting.case_id, task_queue=old_queue
        )
        gated = await wait_for_status(stack, waiting.case_id, "awaiting_approval")
    gate_id = gated["gates"][0]["gate_id"]
    handle = rotated.get_workflow_handle(waiting.case_id)
    # The case's task queue, now served by a worker with the rotated ring.
    async with own_worker(stack, rotated, "after-rotation", task_queue=old_queue):
        for actor in ("cw-anna", "cw-bram"):
            await handle.execute_update(
                ChangeOfAddress.decide,
                DecisionInput(
                    gate_id=gate_id,
                    decision=DecisionKind.APPROVE,
                    reason="Na de sleutelrotatie beoordeeld.",
                    actor=actor,
                    role=Role.CASEWORKER,
                    municipality="0363",
                ),
            )
        result = await handle.result()
    assert result["status"] == "completed"

    old_history = await rotated.get_workflow_handle(before.case_id).fetch_history()
    mixed_history = await handle.fetch_history()
    assert _key_ids(old_history) == {"test-only-1"}
    assert _key_ids(mixed_history) == {"test-only-1", "test-only-2"}

    for history in (old_history, mixed_history):
        decoded = await decode_history(history, rotated.data_converter.payload_codec)
        assert build_trail(decoded).status == "completed"
        report = await replay_history(history, rotated.data_converter)
        assert report.deterministic, report

    # Dropping the old key too early is caught, naming the key that is missing.
    only_new = _client(stack, TEST_PAYLOAD_KEY_2)
    with pytest.raises(PayloadDecryptionError, match="test-only-1"):
        await decode_history(old_history, only_new.data_converter.payload_codec)
    assert any(p.metadata[KEY_ID] == b"test-only-2" for p in iter_payloads(mixed_history))

"""The golden history of a zaak registration replays with today's code."""

from pathlib import Path

from temporalio.api.enums.v1 import EventType

from tests.support import settings_with_test_keys
from workflows.audit.codec import is_encrypted
from workflows.audit.history import iter_payloads, read_history
from workflows.audit.replay import replay_history
from workflows.client import data_converter

GOLDEN = Path(__file__).parent


async def test_the_zaak_golden_replays_with_todays_code():
    history = read_history(GOLDEN / "completed.json")
    assert history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
    assert not any(is_encrypted(p) for p in iter_payloads(history))
    started = history.events[0].workflow_execution_started_event_attributes
    assert started.workflow_type.name == "ZaakRegistration"
    report = await replay_history(history, data_converter(settings_with_test_keys()))
    assert report.deterministic, report.divergence or report.error

"""`burgerflow eval --intake`: at least 30 conversations through the conversation workflow on
the session's Temporal, scored; the scripted assistant gets them all right, and so does the
fake endpoint's while it misbehaves, without an identifier reaching it."""

import json

import pytest
from temporalio.testing import WorkflowEnvironment

from burgerflow.cli import main
from burgerflow.core.settings import Settings
from burgerflow.evaluation.intake import all_scenarios, format_intake_report, run_intake_eval

pytestmark = pytest.mark.integration


def _temporal(env: WorkflowEnvironment) -> str:
    return env.client.service_client.config.target_host


def test_the_conversations_are_many_described_and_in_both_languages() -> None:
    scenarios = all_scenarios()
    assert len(scenarios) >= 30
    assert len({s.name for s in scenarios}) == len(scenarios)
    assert all(s.description and s.messages for s in scenarios)
    assert {s.language for s in scenarios} == {"nl", "en"}
    assert {s.handover for s in scenarios} >= {None, "asked_for_person", "unclear"}
    assert sum(s.report is None for s in scenarios) >= 8, "conversations that must not propose"


async def test_the_scripted_assistant_gets_every_conversation_right(
    temporal_env: WorkflowEnvironment, tmp_path
) -> None:
    seen: list[str] = []
    report = await run_intake_eval(
        Settings(home=tmp_path),
        temporal_address=_temporal(temporal_env),
        progress=lambda i, n, s: seen.append(s.name),
    )
    wrong = [s for s in report.scenarios if not s.correct]
    assert wrong == [], wrong
    assert report.correct == len(all_scenarios()) == len(seen)
    assert report.unsafe == 0 and report.cases_started == 0 and report.errors == 0
    assert report.model_requests is None and report.tokens == 0
    text = format_intake_report(report)
    assert "correct          100%" in text and "nothing sent" in text


async def test_the_fake_endpoints_figures(temporal_env: WorkflowEnvironment, tmp_path) -> None:
    report = await run_intake_eval(
        Settings(home=tmp_path),
        provider="fake",
        temporal_address=_temporal(temporal_env),
        fake_error_rate=0.15,
        fake_seed=7,
    )
    assert report.errors == 0 and report.unsafe == 0 and report.cases_started == 0
    assert report.model_requests and report.model_requests >= report.turns
    assert report.identifiers_in_model_requests == 0
    assert sum(report.misbehaviour.values()) > 0, "the fake misbehaved"
    assert report.tokens > 0
    assert report.correct >= len(report.scenarios) * 0.8


def test_the_command_lists_and_scores(temporal_env: WorkflowEnvironment, tmp_path, capsys) -> None:
    assert main(["eval", "--intake", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == len(all_scenarios())
    code = main(
        [
            "eval", "--intake", "--json", "--only", "nl-street", "--only", "ask-for-person",
            "--temporal", _temporal(temporal_env),
        ]
    )  # fmt: skip
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in report["scenarios"]] == [
        "nl-street-place-date",
        "nl-ask-for-person",
        "nl-ask-for-person-typo",
        "en-ask-for-person",
    ]

"""`burgerflow eval`: the scenario set through agent and policy, scored.

The runs use the session's Temporal dev server (`--temporal`) and start their own registry
mocks (and, for `fake`, their own fake endpoint) in-process on free ports.
"""

import dataclasses
import json

import pytest
from temporalio.testing import WorkflowEnvironment

from burgerflow.cli import main
from burgerflow.core.settings import Settings
from burgerflow.evaluation.report import format_report
from burgerflow.evaluation.runner import EvalOptions, run_eval
from burgerflow.evaluation.scenarios import evaluated
from workflows.change_of_address.life_event import CHANGE_OF_ADDRESS
from workflows.change_of_address.policy import Rule
from workflows.change_of_address.scenarios import SCENARIOS
from workflows.change_of_address.trials import EVALUATION
from workflows.death.life_event import DEATH
from workflows.emigration.life_event import EMIGRATION
from workflows.life_events import LIFE_EVENTS

pytestmark = pytest.mark.integration


def temporal_address(env: WorkflowEnvironment) -> str:
    return env.client.service_client.config.target_host


def test_the_scenario_set_is_large_and_described() -> None:
    assert len(SCENARIOS) >= 30
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)
    assert all(s.description for s in SCENARIOS)


async def test_the_scripted_planner_scores_full_marks(
    temporal_env: WorkflowEnvironment, tmp_path
) -> None:
    progress: list[tuple[int, int, str]] = []
    report = await run_eval(
        Settings(home=tmp_path),
        EvalOptions(
            provider="scripted",
            temporal_address=temporal_address(temporal_env),
            life_events=(CHANGE_OF_ADDRESS.type,),
        ),
        progress=lambda i, n, s: progress.append((i, n, s.name)),
    )

    overall = report.overall
    assert overall.scenarios == len(SCENARIOS) >= 30
    assert [p[2] for p in progress] == [s.name for s in SCENARIOS]
    assert overall.errors == 0 and overall.no_plan == 0 and overall.tool_errors == 0
    assert overall.step_precision == 1.0 and overall.step_recall == 1.0
    assert overall.gate_agreement == 1.0
    assert overall.turns == 2 * overall.scenarios
    assert report.model_requests is None and report.model == "scripted-planner-v1"
    # Every gate that registry data can raise is expected somewhere, and raised there.
    raised = {g for s in report.scenarios for g in s.gates}
    assert raised == {
        Rule.ADDRESS_NOT_FOUND,
        Rule.NON_RESIDENTIAL,
        Rule.OBJECT_STATUS,
        Rule.OCCUPANCY,
        Rule.CUSTODY,
        Rule.NOT_AUTHORISED,
        Rule.IN_ONDERZOEK,
        Rule.PERSON_NOT_FOUND,
    }
    text = format_report(report)
    assert "step precision   100%" in text and "gate agreement   100%" in text


async def test_a_model_behind_the_fake_endpoint_is_scored_and_sees_no_bsn(
    temporal_env: WorkflowEnvironment, tmp_path
) -> None:
    report = await run_eval(
        Settings(home=tmp_path),
        EvalOptions(
            provider="fake",
            temporal_address=temporal_address(temporal_env),
            fake_error_rate=0.3,
            fake_seed=11,
        ),
    )

    overall = report.overall
    assert overall.errors == 0
    assert report.model_requests is not None and report.model_requests > 2 * overall.scenarios
    assert report.bsns_in_model_requests == 0
    assert sum(report.misbehaviour.values()) > 0
    assert overall.total_tokens > 0
    assert overall.turns > 2 * overall.scenarios  # misbehaviour costs turns
    for score in report.scenarios:
        assert score.total_tokens > 0
        # A plan that misses a step is caught by the policy: the case gets agent_flag.
        if score.missing_steps or score.unexpected_steps:
            assert Rule.AGENT_FLAG in score.gates and not score.gates_agree
        # No BSN in the report either: steps are named by the movers' parts.
        assert not any(ch.isdigit() for step in score.missing_steps for ch in step.split(":")[1])


def test_the_command_prints_json_and_progress(
    temporal_env: WorkflowEnvironment, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    code = main(
        [
            "eval",
            "--provider",
            "scripted",
            "--life-event",
            CHANGE_OF_ADDRESS.type,
            "--only",
            "alone",
            "--only",
            "office",
            "--json",
            "--temporal",
            temporal_address(temporal_env),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    names = [s["name"] for s in report["scenarios"]]
    assert names == [
        "alone-within-amsterdam",
        "alone-rotterdam-to-amsterdam",
        "office-building",
        "office-with-housemate",
    ]
    assert report["overall"]["gate_agreement"] == 1.0
    assert err.count("\n") == 4 and "[1/4] alone-within-amsterdam: steps 3/3, gates ok" in err


def test_the_command_lists_the_scenarios(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    assert main(["eval", "--list", "--life-event", CHANGE_OF_ADDRESS.type]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SCENARIOS)
    assert lines[0].startswith("alone-within-amsterdam")


def test_the_command_picks_life_events_by_type(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path))
    assert main(["eval", "--list", "--life-event", CHANGE_OF_ADDRESS.type]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(SCENARIOS)
    assert main(["eval", "--list", "--life-event", "no_such_event"]) == 1
    assert "no life event 'no_such_event'" in capsys.readouterr().err


async def test_every_life_event_with_an_evaluation_is_scored_on_its_own(
    temporal_env: WorkflowEnvironment, tmp_path
) -> None:
    # A second life event with an evaluation of its own (two of the scenarios), as a plug-in
    # would bring; a life event without one is left out.
    twin = dataclasses.replace(
        CHANGE_OF_ADDRESS,
        type="twin_event",
        case_id_prefix="twin",
        title={"en": "Twin event"},
        extras={"evaluation": dataclasses.replace(EVALUATION, scenarios=SCENARIOS[:2])},
    )
    bare = dataclasses.replace(
        CHANGE_OF_ADDRESS, type="bare_event", case_id_prefix="bare", extras={}
    )
    with LIFE_EVENTS.added(twin), LIFE_EVENTS.added(bare):
        # The other life events of the list are scored in their own tests.
        assert "bare_event" not in [item.event.type for item in evaluated()]
        report = await run_eval(
            Settings(home=tmp_path),
            EvalOptions(
                provider="scripted",
                temporal_address=temporal_address(temporal_env),
                life_events=(CHANGE_OF_ADDRESS.type, "twin_event"),
                only=("alone",),
            ),
        )

    assert [e.type for e in report.life_events] == [CHANGE_OF_ADDRESS.type, "twin_event"]
    assert [(s.life_event, s.name) for s in report.scenarios] == [
        (event, name)
        for event in (CHANGE_OF_ADDRESS.type, "twin_event")
        for name in ("alone-within-amsterdam", "alone-rotterdam-to-amsterdam")
    ]
    assert report.overall.scenarios == 4 and report.overall.gate_agreement == 1.0
    assert [e.overall.scenarios for e in report.life_events] == [2, 2]
    text = format_report(report)
    assert text.startswith("burgerflow eval: change of address, twin event, provider scripted")
    assert "Overall, twin event" in text and "Overall, every life event" in text


@pytest.mark.parametrize(
    ("life_event", "recall", "agreement", "ceiling"),
    [
        (CHANGE_OF_ADDRESS.type, 0.99, 0.97, 3400),
        (EMIGRATION.type, 0.99, 0.96, 3800),
        (DEATH.type, 0.96, 0.96, 4650),
    ],
)
async def test_the_fake_model_spends_few_tokens_per_case(
    temporal_env: WorkflowEnvironment,
    tmp_path,
    life_event: str,
    recall: float,
    agreement: float,
    ceiling: int,
) -> None:
    # A deterministic count: the fake's misbehaviour is seeded, its tokens are the bytes sent.
    report = await run_eval(
        Settings(home=tmp_path),
        EvalOptions(
            provider="fake",
            temporal_address=temporal_address(temporal_env),
            life_events=(life_event,),
        ),
    )
    overall = report.overall
    assert overall.errors == 0 and report.bsns_in_model_requests == 0
    assert overall.step_precision == 1.0 and overall.step_recall >= recall
    assert overall.gate_agreement >= agreement
    assert overall.tokens_per_case <= ceiling

"""The algorithm-register records: generated from the running configuration, in the
publication standard v1.0, checked against the standard's own file."""

import copy
import dataclasses
import json
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from burgerflow.api.app import create_app
from burgerflow.cli import main
from burgerflow.core.settings import Settings
from tests.contracts.specs import REGISTER, SPECS, load
from tests.integration.conftest import Stack
from tests.support import TEST_PAYLOAD_KEY_1, TEST_PAYLOAD_KEY_2
from workflows.audit.register import life_event_record, register_file, register_records
from workflows.audit.register_standard import (
    ALSO_REQUIRED,
    STANDARD_FILE,
    check,
    check_record,
    load_standard,
)
from workflows.change_of_address.policy import CURRENT_POLICY_VERSION as POLICY_VERSION
from workflows.change_of_address.policy import RULE_RISK
from workflows.change_of_address.rules import RULES
from workflows.life_events import LIFE_EVENTS

STANDARD = load(REGISTER)["properties"]
LIMITED = sorted(
    name
    for name, spec in STANDARD.items()
    if spec.get("max_length") and spec["type"] == "string" and "permitted_values" not in spec
)
REQUIRED = sorted({n for n, s in STANDARD.items() if s.get("required") is True} | {*ALSO_REQUIRED})

PRODUCTION = {
    "register_organization": "Gemeente Utrecht",
    "register_contact_email": "algoritmes@utrecht.nl",
    "register_publication_category": "Hoog-risico AI-systeem",
    "register_begin_date": "2026-03",
    "register_website": "https://www.utrecht.nl/burgerzaken/verhuizen",
    "register_url": "https://algoritmes.utrecht.nl/burgerflow",
    "register_process_index_url": "https://www.utrecht.nl/privacy/verwerkingsregister#brp",
    "register_impact_assessments": [
        {"title": "Data Protection Impact Assessment (DPIA)", "link": "https://utrecht.nl/dpia"},
        {"title": "Impact Assessment Mensenrechten en Algoritmes (IAMA)"},
    ],
    "register_provider": "Intern ontwikkeld",
    "register_publiccode": "https://code.utrecht.nl/burgerflow",
    "registries_base_url": "https://registers.utrecht.example/api",
    "llm_provider": "openai",
    "llm_base_url": "https://llm.eu.example:8443/v1",
    "llm_model": "mistral-large-2",
    "llm_api_key": SecretStr("sk-very-secret"),
    "gate_deadline_days": 3,
    "min_m2_per_person": 15,
    "payload_keys": SecretStr(f"{TEST_PAYLOAD_KEY_2},{TEST_PAYLOAD_KEY_1}"),
}


def settings_with_test_keys(**overrides) -> Settings:
    return Settings(**{"payload_keys": SecretStr(TEST_PAYLOAD_KEY_1), **overrides})


def _records(**overrides) -> list[dict]:
    return [r.to_upload() for r in register_records(settings_with_test_keys(**overrides))]


@pytest.fixture(scope="module")
def record() -> dict:
    """A valid record to break one field of (the change of address, production settings)."""
    return _records(**PRODUCTION)[0]


def _fields(problems) -> list[str]:
    return [p.field for p in problems]


# The standard itself


def test_the_packaged_standard_is_the_vendored_specification():
    packaged = Path(__file__).resolve().parents[2] / "workflows" / "audit" / "standards"
    assert (packaged / STANDARD_FILE).read_bytes() == (SPECS / REGISTER).read_bytes()
    assert load_standard() == STANDARD
    assert len(REQUIRED) == 8 and "source_data_grouping" in REQUIRED


# Every life event's record meets the standard


@pytest.mark.parametrize("settings", [{}, PRODUCTION], ids=["development", "production"])
@pytest.mark.parametrize("life_event", LIFE_EVENTS.types())
def test_every_life_events_record_meets_the_standard(life_event, settings):
    [record] = [
        r.to_upload()
        for r in register_records(settings_with_test_keys(**settings), life_event=life_event)
    ]
    assert check_record(record) == []
    assert set(record) <= set(STANDARD)
    for field in REQUIRED:
        assert record[field], field
    assert record["lang"] == "nld" and record["standard_version"] == "1.0"
    assert record["source_id"] == f"burgerflow/{life_event}"


def test_the_file_has_one_record_per_life_event_in_the_lists_order():
    records = register_file(settings_with_test_keys())
    assert [r["source_id"] for r in records] == [f"burgerflow/{t}" for t in LIFE_EVENTS.types()]
    assert len({r["name"] for r in records}) == len(records)


# A record that differs from the standard fails, naming the field


@pytest.mark.parametrize("field", LIMITED)
def test_a_field_one_character_over_its_maximum_length_fails_naming_it(record, field):
    limit = STANDARD[field]["max_length"]
    at_limit = {**record, field: "a" * limit}
    assert check_record(at_limit) == []
    over = {**record, field: "a" * (limit + 1)}
    [problem] = check_record(over)
    assert problem.field == field
    assert f"{limit + 1} characters long, at most {limit}" in problem.reason


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "Actief"),
        ("publication_category", "Impactvol"),
        ("lang", "eng"),
        ("standard_version", "2.0"),
        ("category", ["Wonen", "Ruimtevaart"]),
    ],
)
def test_a_value_the_standard_does_not_permit_fails_naming_the_field(record, field, value):
    [problem] = check_record({**record, field: value})
    assert problem.field == (f"{field}[1]" if field == "category" else field)
    assert "is not one of" in problem.reason


@pytest.mark.parametrize("field", REQUIRED)
def test_a_missing_required_field_fails_naming_it(record, field):
    missing = {k: v for k, v in record.items() if k != field}
    assert _fields(check_record(missing)) == [field]
    empty = {**record, field: [] if isinstance(record[field], list) else ""}
    assert _fields(check_record(empty)) == [field]


def test_an_optional_field_may_be_left_out(record):
    optional = {k: v for k, v in record.items() if k not in ("goal", "website", "tags")}
    assert check_record(optional) == []


def test_grouping_items_are_checked_field_by_field(record):
    broken = copy.deepcopy(record)
    broken["lawful_basis_grouping"][0].pop("link")
    broken["lawful_basis_grouping"][1]["title"] = "t" * 101
    broken["source_data_grouping"][0]["url"] = "https://example.nl"
    broken["impacttoetsen_grouping"] = ["DPIA"]
    assert [(p.field, p.reason) for p in check_record(broken)] == [
        ("lawful_basis_grouping[0].link", "is required"),
        ("lawful_basis_grouping[1].title", "is 101 characters long, at most 100 allowed"),
        ("impacttoetsen_grouping[0]", "must be an object {title, link}"),
        ("source_data_grouping[0].url", "is not a field of this grouping"),
    ]
    # An impact assessment's link is optional in the standard; a law's is not.
    assert check_record({**record, "impacttoetsen_grouping": [{"title": "DPIA"}]}) == []


def test_unknown_fields_wrong_types_and_tags_outside_the_standard_fail(record):
    problems = check_record(
        {
            **record,
            "id": "burgerflow-verhuizing",
            "goal": "<p>Doel</p><script>alert(1)</script>",
            "name": 42,
            "lawful_basis_grouping": {"title": "Wet BRP"},
        },
        index=3,
    )
    assert [str(p) for p in problems] == [
        "record 3: id: is not a field of the publication standard v1.0",
        "record 3: name: must be text, not int",
        "record 3: goal: the HTML tag <script> is not allowed",
        "record 3: lawful_basis_grouping: must be a list, not dict",
    ]
    assert _fields(check([])) == ["(file)"]


# Generated from the running configuration


def test_every_rule_of_the_policy_is_in_the_record_with_its_risk_and_approvals():
    assert {rule.id for rule in RULES} == set(RULE_RISK)
    move = LIFE_EVENTS.get("change_of_address")
    assert move is not None
    record = life_event_record(move, settings_with_test_keys())
    text = record.methods_and_models
    assert f"Beleid {POLICY_VERSION}" in text
    for rule in RULES:
        risk = "hoog risico, twee goedkeuringen" if rule.risk == "high" else "één goedkeuring"
        assert f"<li>{rule.id} ({risk}): {rule.register_text}</li>" in text
    high = sum(1 for r in RULES if r.risk == "high")
    assert f"({high} van de {len(list(RULES))})" in record.human_intervention


def test_a_life_event_without_register_texts_is_refused_for_its_missing_source_data():
    move = LIFE_EVENTS.get("change_of_address")
    assert move is not None
    bare = life_event_record(dataclasses.replace(move, extras={}), settings_with_test_keys())
    record = bare.to_upload()
    assert _fields(check_record(record)) == ["source_data_grouping"]
    assert record["name"] == "Verhuizing (burgerflow)" and "lawful_basis" not in record


def test_the_register_settings_are_the_record():
    move = _records(**PRODUCTION)[0]
    assert move["organization"] == "Gemeente Utrecht"
    assert move["contact_email"] == "algoritmes@utrecht.nl"
    assert move["publication_category"] == "Hoog-risico AI-systeem"
    assert move["begin_date"] == "2026-03"
    assert move["website"] == PRODUCTION["register_website"]
    assert move["url"] == PRODUCTION["register_url"]
    assert move["process_index_url"] == PRODUCTION["register_process_index_url"]
    assert move["impacttoetsen_grouping"] == PRODUCTION["register_impact_assessments"]
    assert move["provider"] == "Intern ontwikkeld"
    assert move["publiccode"] == "https://code.utrecht.nl/burgerflow"
    assert move["status"] == "In gebruik"
    assert _records(register_status="Buiten gebruik")[0]["status"] == "Buiten gebruik"


def test_the_register_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BURGERFLOW_REGISTER_ORGANIZATION", "Gemeente Zwolle")
    monkeypatch.setenv("BURGERFLOW_REGISTER_CONTACT_EMAIL", "algoritmeregister@zwolle.nl")
    monkeypatch.setenv("BURGERFLOW_REGISTER_PUBLICATION_CATEGORY", "Overige algoritmes")
    monkeypatch.setenv(
        "BURGERFLOW_REGISTER_IMPACT_ASSESSMENTS", '[{"title": "Pre-scan DPIA", "link": null}]'
    )
    monkeypatch.setenv("BURGERFLOW_PAYLOAD_KEYS", TEST_PAYLOAD_KEY_1)
    settings = Settings(home=tmp_path)
    [record] = [r.to_upload() for r in register_records(settings, life_event="death")]
    assert record["organization"] == "Gemeente Zwolle"
    assert record["contact_email"] == "algoritmeregister@zwolle.nl"
    assert record["publication_category"] == "Overige algoritmes"
    assert record["impacttoetsen_grouping"] == [{"title": "Pre-scan DPIA"}]
    monkeypatch.setenv("BURGERFLOW_REGISTER_BEGIN_DATE", "maart 2026")
    with pytest.raises(ValueError, match="register_begin_date"):
        Settings(home=tmp_path)


def test_the_record_follows_the_deployment():
    dev = _records()[0]
    assert dev["status"] == "In ontwikkeling"
    assert "nagebootste registers" in dev["source_data"]
    assert "geen taalmodel" in dev["methods_and_models"]
    assert "scripted-planner-v1" in dev["methods_and_models"]
    assert "5 dagen" in dev["human_intervention"]
    assert "12 m²" in dev["methods_and_models"]
    assert "1 sleutel(s)" in dev["risks"]

    production = _records(**PRODUCTION)[0]
    assert "https://registers.utrecht.example" in production["source_data"]
    assert "mistral-large-2" in production["methods_and_models"]
    assert "https://llm.eu.example:8443" in production["methods_and_models"]
    assert "3 dagen" in production["human_intervention"]
    assert "15 m²" in production["methods_and_models"]
    assert "2 sleutel(s)" in production["risks"]
    text = json.dumps(_records(**PRODUCTION))
    assert "sk-very-secret" not in text and "YnVyZ2Vy" not in text and "/api" not in text


def test_every_record_is_dutch_with_its_laws_linked():
    records = {r["source_id"].split("/")[1]: r for r in _records()}
    links = {t: {g["link"] for g in r["lawful_basis_grouping"]} for t, r in records.items()}
    wet_brp = "https://wetten.overheid.nl/BWBR0033715"
    assert wet_brp in links["change_of_address"] and wet_brp in links["emigration"]
    assert {
        wet_brp,
        "https://wetten.overheid.nl/BWBR0005009",  # Wet op de lijkbezorging
        "https://wetten.overheid.nl/BWBR0002448",  # Algemene termijnenwet
    } <= links["death"]
    for record in records.values():
        assert record["lang"] == "nld"
        assert all(g["link"].startswith("https://") for g in record["lawful_basis_grouping"])
        prose = " ".join(v for v in record.values() if isinstance(v, str))
        for english in (" the ", " and ", " of the ", " is not "):
            assert english not in prose, (record["source_id"], english)
    assert "2.43" in " ".join(g["title"] for g in records["emigration"]["lawful_basis_grouping"])


def test_a_deployment_with_a_setting_over_the_limit_gets_no_file():
    from workflows.audit.register import InvalidRegisterFile

    with pytest.raises(InvalidRegisterFile) as raised:
        register_file(settings_with_test_keys(register_contact_email="a" * 501))
    assert _fields(raised.value.problems) == ["contact_email"] * len(LIFE_EVENTS)


# The export command


def _run(monkeypatch, tmp_path, *argv, **env) -> int:
    monkeypatch.setenv("BURGERFLOW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BURGERFLOW_PAYLOAD_KEYS", TEST_PAYLOAD_KEY_1)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return main(["transparency", *argv])


def test_export_writes_the_upload_file_for_every_life_event(monkeypatch, tmp_path, capsys):
    out = tmp_path / "algoritmeregister.json"
    code = _run(
        monkeypatch,
        tmp_path,
        "export",
        "-o",
        str(out),
        BURGERFLOW_REGISTER_ORGANIZATION="Gemeente Utrecht",
    )
    assert code == 0, capsys.readouterr().err
    records = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records) == len(LIFE_EVENTS)
    assert check(records) == []
    assert {r["organization"] for r in records} == {"Gemeente Utrecht"}
    assert "3 record(s)" in capsys.readouterr().out
    assert _run(monkeypatch, tmp_path, "check", str(out)) == 0


def test_export_of_one_life_event(monkeypatch, tmp_path, capsys):
    out = tmp_path / "overlijden.json"
    assert _run(monkeypatch, tmp_path, "export", "--life-event", "death", "-o", str(out)) == 0
    [record] = json.loads(out.read_text(encoding="utf-8"))
    assert record["source_id"] == "burgerflow/death" and check_record(record) == []
    assert "1 record(s)" in capsys.readouterr().out

    assert _run(monkeypatch, tmp_path, "export", "--life-event", "emigration") == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["source_id"] == "burgerflow/emigration"

    assert _run(monkeypatch, tmp_path, "export", "--life-event", "birth") == 2
    assert "no life event 'birth'" in capsys.readouterr().err


def test_export_refuses_a_file_the_register_would_refuse(monkeypatch, tmp_path, capsys):
    out = tmp_path / "algoritmeregister.json"
    code = _run(
        monkeypatch,
        tmp_path,
        "export",
        "-o",
        str(out),
        BURGERFLOW_REGISTER_ORGANIZATION="G" * 101,
    )
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err.splitlines()
    assert err[:3] == [
        f"burgerflow transparency export: record {i}: organization: is 101 characters long, "
        "at most 100 allowed"
        for i in range(3)
    ]
    assert "nothing written" in err[3]


def test_check_names_every_problem_of_a_file(monkeypatch, tmp_path, capsys, record):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([record, {**record, "status": "Actief", "name": "n" * 101}]))
    assert _run(monkeypatch, tmp_path, "check", str(bad)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "burgerflow transparency check: record 1: name: is 101 characters long, at most 100 "
        "allowed",
        "burgerflow transparency check: record 1: status: 'Actief' is not one of "
        "'In ontwikkeling', 'In gebruik', 'Buiten gebruik'",
    ]
    bad.write_text(json.dumps(record))
    assert _run(monkeypatch, tmp_path, "check", str(bad)) == 1
    assert "a JSON list of records" in capsys.readouterr().err


# GET /v1/transparency


async def _get(settings, url: str) -> httpx.Response:
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://api"
    ) as client:
        return await client.get(url)


async def test_the_api_answers_the_upload_file():
    settings = settings_with_test_keys(**PRODUCTION)
    response = await _get(settings, "/v1/transparency")
    assert response.status_code == 200
    assert response.json() == register_file(settings)
    assert check(response.json()) == []

    response = await _get(settings, "/v1/transparency?life_event=emigration")
    assert [r["source_id"] for r in response.json()] == ["burgerflow/emigration"]


async def test_the_api_answers_bad_input_and_bad_settings_as_problems():
    response = await _get(settings_with_test_keys(), "/v1/transparency?life_event=birth")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "life_event"

    bad = settings_with_test_keys(register_organization="G" * 101)
    response = await _get(bad, "/v1/transparency")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalid_params"]} == {"organization"}


@pytest.mark.integration
async def test_anyone_reads_the_records_of_the_running_api(stack: Stack):
    response = await stack.api.get("/v1/transparency")
    assert response.status_code == 200
    records = response.json()
    assert check(records) == []
    assert [r["source_id"] for r in records] == [f"burgerflow/{t}" for t in LIFE_EVENTS.types()]
    move = records[0]
    assert stack.settings.llm_model in move["methods_and_models"]
    assert f"{stack.settings.gate_deadline_days:g} dagen" in move["human_intervention"]
    sources = {d["title"] for d in move["source_data_grouping"]}
    assert {"Basisregistratie Personen (BRP)", "Toeslagen", "DUO", "RDW"} <= sources
    assert any("BAG" in title for title in sources)
    assert "Gemeente: gemeentelijke belastingen" in move["source_data"]

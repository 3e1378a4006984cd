"""The algorithm-register record, generated from the running configuration."""

from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from burgerflow.core.settings import Settings
from tests.integration.conftest import Stack
from tests.support import TEST_PAYLOAD_KEY_1, TEST_PAYLOAD_KEY_2
from workflows.audit.register import algorithm_record
from workflows.change_of_address.policy import CURRENT_POLICY_VERSION as POLICY_VERSION
from workflows.change_of_address.policy import RULE_RISK
from workflows.change_of_address.rules import RULES

RULE_DESCRIPTIONS = {rule.id: rule.register_text for rule in RULES}


def _settings(**overrides) -> Settings:
    return Settings(**{"payload_keys": SecretStr(TEST_PAYLOAD_KEY_1), **overrides})


def test_every_rule_of_the_policy_is_in_the_record_with_its_risk_and_description():
    assert set(RULE_DESCRIPTIONS) == set(RULE_RISK)
    record = algorithm_record(_settings())
    rules = {r.rule: r for r in record.risk_management.rules}
    assert set(rules) == set(RULE_RISK)
    for rule, risk in RULE_RISK.items():
        assert rules[rule].risk == risk
        assert rules[rule].approvals_required == (2 if risk == "high" else 1)
        assert rules[rule].description == RULE_DESCRIPTIONS[rule]
    assert record.risk_management.policy_version == POLICY_VERSION


def test_the_record_follows_the_settings():
    dev = algorithm_record(_settings())
    assert dev.status.startswith("in development")
    assert dev.model.provider.startswith("scripted") and dev.model.endpoint is None
    assert "synthetic" in dev.data_sources[0].endpoint

    production = algorithm_record(
        _settings(
            organisation="Gemeente Utrecht",
            registries_base_url="https://registers.utrecht.example/api",
            llm_provider="openai",
            llm_base_url="https://llm.eu.example:8443/v1",
            llm_model="mistral-large-2",
            llm_api_key=SecretStr("sk-very-secret"),
            gate_deadline_days=3,
            min_m2_per_person=15,
            payload_keys=SecretStr(f"{TEST_PAYLOAD_KEY_2},{TEST_PAYLOAD_KEY_1}"),
        ),
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert production.organisation == "Gemeente Utrecht" and production.status == "in use"
    assert production.model.model == "mistral-large-2"
    assert production.model.endpoint == "https://llm.eu.example:8443"
    assert production.data_sources[0].endpoint == "https://registers.utrecht.example"
    assert production.risk_management.gate_deadline_days == 3
    assert production.risk_management.occupancy_min_m2_per_person == 15
    assert "3 days" in production.human_intervention
    assert "2 key(s)" in production.risk_management.payload_encryption
    text = production.model_dump_json()
    assert "sk-very-secret" not in text and "YnVyZ2Vy" not in text


@pytest.mark.integration
async def test_anyone_reads_the_record_of_the_running_api(stack: Stack):
    response = await stack.api.get("/v1/transparency")
    assert response.status_code == 200
    record = response.json()
    for field in (
        "name",
        "organisation",
        "purpose_and_impact",
        "status",
        "human_intervention",
        "legal_basis",
        "data_sources",
        "model",
        "risk_management",
    ):
        assert record[field], field
    assert record["model"]["model"] == stack.settings.llm_model
    assert record["risk_management"]["gate_deadline_days"] == stack.settings.gate_deadline_days
    registries = {d["registry"] for d in record["data_sources"]}
    assert {"BRP", "BAG", "Toeslagen", "DUO", "RDW", "gemeente"} == registries

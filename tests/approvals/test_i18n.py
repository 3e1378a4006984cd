"""Every word on the caseworkers' page exists in Dutch and in English."""

import re
from pathlib import Path

import pytest

from approvals.i18n import LANGUAGES, explanation, messages, translator
from burgerflow.core.constants import CaseStatus
from workflows.case.models import DecisionKind, GateStatus, Risk
from workflows.life_events import LIFE_EVENTS

MESSAGES = messages()
RULE_RISK = {rule.id: rule.risk for event in LIFE_EVENTS for rule in event.rules}

TEMPLATES = Path(__file__).resolve().parents[2] / "approvals" / "templates"
EVENTS = ["status", "gate_raised", "escalated", "decision", "claimed", "released", "comment"]


def _keys_in_templates() -> set[str]:
    text = "".join(p.read_text() for p in TEMPLATES.glob("*.html"))
    return set(re.findall(r"""\bt\(["']([a-z_.]+)["']\)""", text))


def _dynamic_keys() -> set[str]:
    keys = {f"rule.{r}" for r in RULE_RISK} | {f"risk.{r}" for r in Risk}
    keys |= {f"status.{s}" for s in GateStatus} | {f"case.{s}" for s in CaseStatus}
    keys |= {f"decision.{d}" for d in DecisionKind} | {f"event.{e}" for e in EVENTS}
    keys |= {f"count.{c}" for c in ("pending", "overdue", "escalated", "mine", "approved")}
    return keys | {"count.rejected", "login.invalid", "forbidden", "not_found"}


@pytest.mark.parametrize("key", sorted(_keys_in_templates() | _dynamic_keys()))
def test_every_key_is_in_both_languages(key: str):
    assert key in MESSAGES, key
    assert set(MESSAGES[key]) == set(LANGUAGES), key
    assert all(MESSAGES[key][lang].strip() for lang in LANGUAGES)


def test_every_rule_is_explained_in_dutch():
    assert all(explanation(rule, "nl") for rule in RULE_RISK)
    assert explanation("occupancy", "en") is None, "English shows the policy's own text"
    assert translator("de")("gate") == "Beoordeling", "unknown languages fall back to Dutch"

"""Conversations that score the intake assistant on an emigration (`burgerflow eval
--intake`): in Dutch and English, a country named without the word, the address abroad
asked for, and a household member who stays behind (not online: a person takes over)."""

from collections.abc import Mapping
from typing import Any

from agents.intake.evaluation import IntakeScenario, ScenarioValues
from workflows.emigration.models import LIFE_EVENT

ADDRESS = "Rue de la Loi 16, 1000 Brussel"


def _leaving(values: ScenarioValues) -> Mapping[str, Any]:
    return {
        "bsn": values.citizen,
        "country": "BE",
        "departure_date": values.soon.isoformat(),
        "foreign_address": {"regel1": "Rue de la Loi 16", "regel2": "1000 Brussel", "regel3": None},
        "co_movers": [],
    }


SCENARIOS: tuple[IntakeScenario, ...] = (
    IntakeScenario(
        "nl-emigration",
        "Emigration to Belgium: the address abroad and the household asked for",
        "nl",
        ["Ik ga emigreren naar België op {soon_nl}", ADDRESS, "Ja, iedereen gaat mee"],
        life_event=LIFE_EVENT,
        report=_leaving,
    ),
    IntakeScenario(
        "nl-moving-to-a-country",
        "`Ik verhuis naar België`: a country abroad makes it an emigration",
        "nl",
        ["Ik verhuis op {soon_iso} naar België", ADDRESS, "ja"],
        life_event=LIFE_EVENT,
        report=_leaving,
    ),
    IntakeScenario(
        "nl-emigration-someone-stays",
        "Someone of the household stays behind: not online, a person takes over",
        "nl",
        ["Ik emigreer naar België op {soon_nl}", ADDRESS, "Nee, mijn dochter blijft hier"],
        life_event=LIFE_EVENT,
        handover="not_online",
    ),
    IntakeScenario(
        "en-emigration",
        "English: leaving the country for Belgium",
        "en",
        ["I am moving abroad to Belgium on {soon_en}", ADDRESS, "yes"],
        life_event=LIFE_EVENT,
        report=_leaving,
    ),
)
"""The emigration's scenarios for `burgerflow eval --intake`."""

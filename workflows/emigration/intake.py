"""What the intake assistant needs to take an emigration in a chat (its `IntakeSpec`).

The citizen names the country, the address abroad, the day of departure and, if they want,
the people who leave with them (by BSN); and says whether everyone of their household leaves.
When someone stays behind, the emigration is not taken online: the conversation goes to a
person of the municipality (the spec's `offline` hook).
"""

from typing import Any

from agents.intake.dates import date_in_words
from agents.intake.spec import IntakeSpec, ProposalLine, Slot, SlotKind, SlotValues
from workflows.emigration.intake_scenarios import SCENARIOS
from workflows.emigration.models import LIFE_EVENT

COUNTRY = "country"
FOREIGN_ADDRESS = "foreign_address"
DEPARTURE_DATE = "departure_date"
EVERYONE_LEAVES = "everyone_leaves"
CO_MOVERS = "co_movers"

SLOTS = (
    Slot(
        name=COUNTRY,
        kind=SlotKind.COUNTRY,
        label={"nl": "Land", "en": "Country"},
        question={"nl": "Naar welk land gaat u?", "en": "Which country are you moving to?"},
    ),
    Slot(
        name=FOREIGN_ADDRESS,
        kind=SlotKind.TEXT,
        label={"nl": "Adres in het buitenland", "en": "Address abroad"},
        question={
            "nl": "Wat is uw adres in het buitenland? Schrijf straat en huisnummer, dan een "
            "komma, dan postcode en plaats.",
            "en": "What is your address abroad? Write the street and number, a comma, then the "
            "postcode and place.",
        },
    ),
    Slot(
        name=DEPARTURE_DATE,
        kind=SlotKind.DATE,
        label={"nl": "Vertrekdatum", "en": "Departure date"},
        question={"nl": "Op welke datum vertrekt u?", "en": "On what date do you leave?"},
    ),
    Slot(
        name=EVERYONE_LEAVES,
        kind=SlotKind.YES_NO,
        label={"nl": "Iedereen van het huishouden gaat mee", "en": "The whole household leaves"},
        question={
            "nl": "Gaat iedereen die bij u woont mee naar het buitenland?",
            "en": "Is everyone who lives with you leaving the country too?",
        },
    ),
    Slot(
        name=CO_MOVERS,
        kind=SlotKind.PERSONS,
        label={"nl": "Wie vertrekken", "en": "Who leave"},
        question={
            "nl": "Gaat er iemand met u mee? Noem dan hun BSN.",
            "en": "Is anyone leaving with you? Then give their BSN.",
        },
        required=False,
    ),
)


def _lines(text: str) -> dict[str, str | None]:
    parts = [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
    first = parts[0] if parts else text.strip()
    rest = ", ".join(parts[1:]) or None
    return {"regel1": first[:40], "regel2": rest[:50] if rest else None, "regel3": None}


def build_report(bsn: str, values: SlotValues) -> dict[str, Any]:
    """The emigration's report body for the citizen `bsn`."""
    return {
        "type": LIFE_EVENT,
        "bsn": bsn,
        "departure_date": values[DEPARTURE_DATE].isoformat(),
        "country": values[COUNTRY],
        "foreign_address": _lines(str(values[FOREIGN_ADDRESS])),
        "co_movers": list(values.get(CO_MOVERS) or []),
    }


def describe(values: SlotValues, language: str) -> list[ProposalLine]:
    """The emigration in words: where to, the address, the day, and who leave."""
    others = list(values.get(CO_MOVERS) or [])
    you = "u" if language == "nl" else "you"
    joiner = " en " if language == "nl" else " and "
    return [
        ProposalLine(label=SLOTS[0].label[language], text=str(values[COUNTRY])),
        ProposalLine(label=SLOTS[1].label[language], text=str(values[FOREIGN_ADDRESS])),
        ProposalLine(
            label=SLOTS[2].label[language],
            text=date_in_words(values[DEPARTURE_DATE], language),
        ),
        ProposalLine(
            label=SLOTS[4].label[language],
            text=joiner.join([you, *(f"BSN {bsn}" for bsn in others)]),
        ),
    ]


def offline(values: SlotValues) -> dict[str, str] | None:
    """Someone of the household stays behind: not online, a person takes it."""
    if values.get(EVERYONE_LEAVES) is False:
        return {
            "nl": "Blijft er iemand van uw huishouden in Nederland wonen? Dan kunt u de "
            "emigratie niet online doorgeven.",
            "en": "Does someone of your household stay in the Netherlands? Then the "
            "emigration cannot be reported online.",
        }
    return None


EMIGRATION_INTAKE = IntakeSpec(
    life_event=LIFE_EVENT,
    description={
        "nl": "Vertrek naar het buitenland doorgeven: land, adres daar en vertrekdatum.",
        "en": "Report leaving the country: the country, the address there and the date.",
    },
    keywords={
        "nl": [
            "emigreren",
            "emigreer",
            "emigratie",
            "buitenland",
            "naar het buitenland",
            "vertrek naar",
            "vertrekken naar",
            "het land uit",
        ],
        "en": [
            "emigrate",
            "emigrating",
            "emigration",
            "abroad",
            "moving abroad",
            "leave the country",
            "leaving the country",
            "leaving the netherlands",
        ],
    },  # fmt: skip
    slots=SLOTS,
    build_report=build_report,
    describe=describe,
    offline=offline,
    scenarios=SCENARIOS,
)
"""The emigration in the chat."""

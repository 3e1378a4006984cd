"""What the intake assistant needs to take a change of address in a chat (its `IntakeSpec`).

The citizen names the new address (BAG finds it), the moving date and, if they want, the
people who move along (by BSN). The report is the `POST /v1/life-events` body of a move; the
signed-in citizen is always its reporter.
"""

from typing import Any

from agents.intake.dates import date_in_words
from agents.intake.spec import FoundAddress, IntakeSpec, ProposalLine, Slot, SlotKind, SlotValues
from workflows.change_of_address.intake_scenarios import SCENARIOS
from workflows.change_of_address.models import LIFE_EVENT

NEW_ADDRESS = "new_address"
MOVE_DATE = "move_date"
CO_MOVERS = "co_movers"

SLOTS = (
    Slot(
        name=NEW_ADDRESS,
        kind=SlotKind.ADDRESS,
        label={"nl": "Nieuw adres", "en": "New address"},
        question={
            "nl": "Wat is uw nieuwe adres? Noem straat, huisnummer en plaats, of postcode en "
            "huisnummer.",
            "en": "What is your new address? Give the street, number and place, or the "
            "postcode and number.",
        },
    ),
    Slot(
        name=MOVE_DATE,
        kind=SlotKind.DATE,
        label={"nl": "Verhuisdatum", "en": "Moving date"},
        question={"nl": "Op welke datum verhuist u?", "en": "On what date do you move?"},
    ),
    Slot(
        name=CO_MOVERS,
        kind=SlotKind.PERSONS,
        label={"nl": "Wie verhuizen", "en": "Who move"},
        question={
            "nl": "Verhuist er iemand met u mee? Noem dan hun BSN.",
            "en": "Is anyone moving with you? Then give their BSN.",
        },
        required=False,
    ),
)


def build_report(bsn: str, values: SlotValues) -> dict[str, Any]:
    """The move's report body for the citizen `bsn`."""
    address: FoundAddress = values[NEW_ADDRESS]
    return {
        "type": LIFE_EVENT,
        "bsn": bsn,
        "new_address": {
            "postcode": address.postcode,
            "huisnummer": address.huisnummer,
            "huisletter": address.huisletter,
            "huisnummertoevoeging": address.huisnummertoevoeging,
        },
        "move_date": values[MOVE_DATE].isoformat(),
        "co_movers": list(values.get(CO_MOVERS) or []),
    }


def describe(values: SlotValues, language: str) -> list[ProposalLine]:
    """The move in words: the new address, the date, and who move."""
    address: FoundAddress = values[NEW_ADDRESS]
    others = list(values.get(CO_MOVERS) or [])
    you = "u" if language == "nl" else "you"
    joiner = " en " if language == "nl" else " and "
    movers = joiner.join([you, *(f"BSN {bsn}" for bsn in others)])
    return [
        ProposalLine(label=SLOTS[0].label[language], text=address.line),
        ProposalLine(
            label=SLOTS[1].label[language], text=date_in_words(values[MOVE_DATE], language)
        ),
        ProposalLine(label=SLOTS[2].label[language], text=movers),
    ]


MOVE_INTAKE = IntakeSpec(
    life_event=LIFE_EVENT,
    description={
        "nl": "Een verhuizing binnen Nederland doorgeven: het nieuwe adres en de datum.",
        "en": "Report a move within the Netherlands: the new address and the date.",
    },
    keywords={
        "nl": [
            "verhuizen",
            "verhuis",
            "verhuizing",
            "verhuisd",
            "verhuist",
            "nieuw adres",
            "nieuwe adres",
            "adreswijziging",
            "ander adres",
            "ga wonen",
            "gaan wonen",
            "samenwonen",
            "intrekken",
        ],
        "en": [
            "move",
            "moving",
            "moved",
            "relocate",
            "relocating",
            "new address",
            "change of address",
            "change my address",
            "moving house",
        ],
    },  # fmt: skip
    slots=SLOTS,
    build_report=build_report,
    describe=describe,
    scenarios=SCENARIOS,
)
"""The change of address in the chat."""

"""The municipality's fixed letters of a death, in plain language (B1 Dutch).

The letter to a surviving partner and the messages to the undertaker are always these
texts, filled in with the case's facts: a model drafts no word of what the bereaved read.
A rejection is told to the undertaker in the fixed words below, with the caseworker's reason.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.burgerlijke_stand import DisposalKind
from workflows.death.domain import DeathRequest, StepKind

_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

RE_REGISTER_VEHICLES = timedelta(weeks=5)
"""The heirs register a deceased's vehicle in their own name within five weeks."""

SUBJECT_UNDERTAKER = "Akte van overlijden en verlof"
SUBJECT_UNDERTAKER_REJECTED = "Aangifte van overlijden niet verwerkt"
SUBJECT_UNDERTAKER_CANCELLED = "Aangifte van overlijden ingetrokken"
SUBJECT_UNDERTAKER_PARTLY = "Aangifte van overlijden deels verwerkt"
SENDER = "Gemeente"


def long_date(value: date) -> str:
    """A date in Dutch words, e.g. `1 december 2026`."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def municipality(code: str) -> str:
    """The name of a municipality by its code (the code itself when unknown)."""
    return MUNICIPALITIES.get(code) or code


def sender(request: DeathRequest) -> str:
    """Who signs: the municipality of death."""
    return f"{SENDER} {municipality(request.place_of_death)}"


def partner_subject(deceased_name: str) -> str:
    """The subject line of the letter to a surviving partner."""
    return f"Het overlijden van {deceased_name}"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} en {items[-1]}"


def partner_letter(
    request: DeathRequest, *, partner_name: str, deceased_name: str, kinds: set[StepKind]
) -> str:
    """The letter to a surviving partner after the death was registered.

    Args:
        request: The reported death.
        partner_name: How the letter addresses the partner (their name in the BRP).
        deceased_name: The deceased's name in the BRP.
        kinds: The kinds of the case's steps (which organisations are told).
    """
    organisations = ["de Belastingdienst"]
    if StepKind.NOTIFY_TOESLAGEN in kinds:
        organisations.append("Dienst Toeslagen")
    if StepKind.NOTIFY_DUO in kinds:
        organisations.append("DUO")
    if StepKind.NOTIFY_RDW in kinds:
        organisations.append("de RDW")
    lines = [
        f"Beste {partner_name},",
        "",
        f"{deceased_name} is overleden op {long_date(request.date_of_death)}. "
        "Wij wensen u veel sterkte.",
        "",
        "Wat hebben wij gedaan?",
        "- Wij hebben het overlijden ingeschreven in de basisregistratie personen (BRP).",
        f"- Wij hebben het overlijden doorgegeven aan {_listed(organisations)}.",
    ]
    if StepKind.END_PARKING_PERMIT in kinds:
        lines.append(f"- De parkeervergunning van {deceased_name} is gestopt.")
    if StepKind.GEMEENTE_STOP_TAXES in kinds:
        lines.append(f"- De gemeentelijke belastingen van {deceased_name} zijn gestopt.")
    lines += ["", "Wat moet u nog doen?"]
    todo = []
    if StepKind.NOTIFY_RDW in kinds:
        last = long_date(request.date_of_death + RE_REGISTER_VEHICLES)
        todo.append(
            f"- Er staat een voertuig op naam van {deceased_name}. De erfgenamen moeten het "
            f"binnen vijf weken op hun eigen naam zetten: uiterlijk op {last}."
        )
    todo.append(
        "- Krijgt u zelf toeslagen of een uitkering? Geef dan door dat uw situatie is veranderd."
    )
    lines += todo
    lines += [
        "- Voor uw eigen inschrijving in de BRP hoeft u niets te doen.",
        "",
        "Heeft u vragen? Neem dan contact op met de gemeente "
        f"{municipality(request.place_of_death)}.",
        "",
        "Met vriendelijke groet,",
        sender(request),
    ]
    return "\n".join(lines)


def undertaker_message(
    request: DeathRequest,
    *,
    deceased_name: str,
    deed_number: str | None,
    permit_number: str | None,
    recorded_in_brp: bool,
) -> str:
    """The message to the undertaker once the deed is drawn up and the permit issued."""
    verb = "begraven" if request.disposal.kind is DisposalKind.BEGRAVEN else "cremeren"
    lines = [
        "Geachte uitvaartondernemer,",
        "",
        "De ambtenaar van de burgerlijke stand heeft de aangifte van overlijden van "
        f"{deceased_name}, overleden op {long_date(request.date_of_death)}, verwerkt.",
        "",
        f"- Akte van overlijden: {deed_number or 'niet opgemaakt'}",
        f"- Verlof tot {verb} op {long_date(request.disposal.date)}: "
        f"{permit_number or 'niet gegeven'}",
    ]
    if recorded_in_brp:
        lines.append("- Het overlijden is ingeschreven in de basisregistratie personen.")
    lines += ["", "Met vriendelijke groet,", f"{sender(request)}, burgerlijke stand"]
    return "\n".join(lines)


def undertaker_rejected(request: DeathRequest, *, deceased_name: str, reason: str) -> str:
    """The message to the undertaker after a caseworker rejected the report, with the reason."""
    return (
        f"Geachte uitvaartondernemer,\n\nWij hebben de aangifte van overlijden van "
        f"{deceased_name}, overleden op {long_date(request.date_of_death)}, niet verwerkt. "
        f"Een medewerker van de burgerlijke stand heeft de aangifte bekeken. De reden is: "
        f"{reason}\n\nEr is geen akte van overlijden opgemaakt en geen verlof gegeven. Neem "
        f"contact op met de burgerlijke stand van de gemeente "
        f"{municipality(request.place_of_death)}.\n\nMet vriendelijke groet,\n"
        f"{sender(request)}, burgerlijke stand"
    )


def undertaker_cancelled(request: DeathRequest, *, deceased_name: str, reason: str) -> str:
    """The message to the undertaker after the report was cancelled before any step ran."""
    return (
        f"Geachte uitvaartondernemer,\n\nDe aangifte van overlijden van {deceased_name}, "
        f"overleden op {long_date(request.date_of_death)}, is ingetrokken. De reden is: "
        f"{reason}\n\nEr is geen akte van overlijden opgemaakt en geen verlof gegeven. Doe zo "
        "nodig opnieuw aangifte.\n\nMet vriendelijke groet,\n"
        f"{sender(request)}, burgerlijke stand"
    )


def undertaker_rest_rejected(
    request: DeathRequest,
    *,
    deceased_name: str,
    reason: str,
    deed_number: str | None,
    permit_number: str | None,
) -> str:
    """The message to the undertaker when a registry refused a step and the rest was stopped."""
    numbers = [
        f"- Akte van overlijden: {deed_number}" if deed_number else None,
        f"- Verlof: {permit_number}" if permit_number else None,
    ]
    done = "\n".join(n for n in numbers if n) or "- Er is nog geen akte of verlof."
    return (
        f"Geachte uitvaartondernemer,\n\nDe aangifte van overlijden van {deceased_name}, "
        f"overleden op {long_date(request.date_of_death)}, is maar voor een deel verwerkt. "
        f"Een medewerker van de burgerlijke stand heeft de rest gestopt. De reden is: "
        f"{reason}\n\nWat al gedaan is:\n{done}\n\nNeem contact op met de burgerlijke stand "
        f"van de gemeente {municipality(request.place_of_death)}.\n\nMet vriendelijke groet,\n"
        f"{sender(request)}, burgerlijke stand"
    )

"""The plan the scripted planner drafts: the steps of policy v1, its concerns and two texts.

`draft_plan` derives the steps with the policy's own step rules
(`workflows.change_of_address.domain.steps_called_for`), applied to what the planner read in
the conversation (`Knowledge`, in tokens), and words each step, the caseworker summary and
the B1 Dutch message to the citizen. Every refused look-up, except a mover BRP does not know
(a policy gate of its own), becomes a concern.
"""

from collections.abc import Sequence
from datetime import date

from agents.change_of_address.knowledge import Knowledge
from agents.change_of_address.tools.names import LOOKUP_PERSONS, NOT_IN_BRP
from agents.change_of_address.views import ConcernDraft, PlanDraft, StepDraft
from agents.pseudonyms import long_date
from burgerflow.core.constants import MUNICIPALITIES
from workflows.change_of_address.domain import (
    MoverCircumstances,
    ParkingPermit,
    StepCall,
    StepKind,
    TaxLiability,
    steps_called_for,
)

DRAFT_ORDER: dict[StepKind, int] = {
    StepKind.BRP_REGISTER_ADDRESS: 0,
    StepKind.NOTIFY_BELASTINGDIENST: 1,
    StepKind.NOTIFY_TOESLAGEN: 2,
    StepKind.NOTIFY_DUO: 3,
    StepKind.NOTIFY_RDW: 4,
    StepKind.GEMEENTE_STOP_TAXES: 5,
    StepKind.GEMEENTE_START_TAXES: 5,
    StepKind.END_PARKING_PERMIT: 6,
    StepKind.CITIZEN_MESSAGE: 7,
}
"""Where each kind of step goes in a drafted plan. The policy's order, except that the plan
lists the notifications registry by registry (every mover's Toeslagen, then DUO, then RDW)
where the policy takes them mover by mover; a tax stop stays before its start."""


def _municipality(code: str | None, name: str | None = None, fallback: str = "onbekend") -> str:
    if code is None:
        return fallback
    return MUNICIPALITIES.get(code) or name or code


def circumstances(knowledge: Knowledge, token: str) -> MoverCircumstances:
    """What the step rules read about a mover BRP knows, from the tool results (in tokens)."""
    person = knowledge.persons[token]
    benefits = knowledge.benefits.get(token)
    duo = knowledge.student_finance.get(token)
    vehicles = knowledge.vehicles.get(token)
    taxes = knowledge.taxes.get(token)
    permits = knowledge.permits.get(token)
    return MoverCircumstances(
        subject=token,
        municipality=person.municipality,
        address=person.address,
        benefits=benefits.running if benefits is not None else [],
        student_finance=duo is not None and duo.student_finance,
        vehicles=vehicles.kentekens if vehicles is not None else [],
        taxes=[
            TaxLiability(municipality=t.municipality, status=t.status)
            for t in (taxes.taxes if taxes is not None else [])
        ],
        permits=[
            ParkingPermit(number=p.vergunningnummer, address=p.address, status=p.status)
            for p in (permits.permits if permits is not None else [])
        ],
    )


def _step(knowledge: Knowledge, call: StepCall) -> StepDraft:
    """A step as the planner words it: the rule's parameters, the dates, and why."""
    move_date = knowledge.request.move_date
    params = dict(call.params)
    match call.kind:
        case StepKind.BRP_REGISTER_ADDRESS:
            params["datum"] = move_date
            rationale = "Elke verhuizer wordt op het nieuwe adres ingeschreven in de BRP."
        case StepKind.NOTIFY_BELASTINGDIENST:
            rationale = "De Belastingdienst krijgt het nieuwe adres van elke verhuizer."
        case StepKind.NOTIFY_TOESLAGEN:
            params["toeslagen"] = list(call.benefits)
            rationale = f"Lopende toeslagen: {', '.join(call.benefits)}."
        case StepKind.NOTIFY_DUO:
            rationale = "Ontvangt studiefinanciering van DUO."
        case StepKind.NOTIFY_RDW:
            params["kentekens"] = list(call.vehicles)
            rationale = f"{len(call.vehicles)} voertuig(en) op naam bij de RDW."
        case StepKind.GEMEENTE_STOP_TAXES:
            params["einddatum"] = move_date
            old_name = knowledge.persons[call.subject].municipality_name
            rationale = (
                f"Verhuist weg uit {_municipality(str(call.params['gemeentecode']), old_name)} "
                "en heeft daar lopende gemeentelijke belastingen."
            )
        case StepKind.GEMEENTE_START_TAXES:
            params["ingangsdatum"] = move_date
            new_code = str(call.params["gemeentecode"])
            rationale = f"Komt wonen in {_municipality(new_code, _new_name(knowledge))}."
        case StepKind.END_PARKING_PERMIT:
            params["einddatum"] = move_date
            rationale = "De parkeervergunning hoort bij het oude adres."
        case StepKind.CITIZEN_MESSAGE:
            rationale = "De melder krijgt een bericht over wat er gebeurt."
    return StepDraft(kind=call.kind, subject=call.subject, params=params, rationale=rationale)


def draft_plan(knowledge: Knowledge) -> PlanDraft:
    """Draft the plan for complete knowledge with the rules of policy v1, in tokens.

    The steps are the ones the policy's step rules call for (`steps_called_for`) for the
    movers BRP knows, in `DRAFT_ORDER`; the citizen message last. Every refused look-up
    (except a mover BRP does not know, a policy gate of its own) becomes a concern.

    Args:
        knowledge: Complete knowledge (`knowledge.missing()` is empty).

    Returns:
        The plan, in tokens.
    """
    request = knowledge.request
    address = knowledge.address
    has_object = address is not None and address.found and address.has_object
    new_code = address.municipality if address is not None and address.found else None
    movers = [t for t in knowledge.movers if t in knowledge.persons]
    calls = steps_called_for(
        [circumstances(knowledge, t) for t in movers],
        reporter=request.reporter,
        new_object=request.new_address if has_object else None,
        new_municipality=new_code,
    )
    # A stable sort: within a kind the movers keep their order, the reporter first.
    calls.sort(key=lambda call: DRAFT_ORDER[call.kind])
    steps = [_step(knowledge, call) for call in calls]
    concerns = [
        ConcernDraft(
            topic="lookup_failed",
            subject=failure.person,
            rationale=(
                f"Opzoeking {failure.lookup} is geweigerd ({failure.status}): {failure.detail}"
            ),
        )
        for failure in knowledge.failures
        if failure.lookup != LOOKUP_PERSONS or failure.status != NOT_IN_BRP
    ]
    return PlanDraft(
        steps=steps,
        concerns=concerns,
        caseworker_summary=_caseworker_summary(knowledge, steps, concerns),
        citizen_message=_citizen_message(knowledge, steps),
    )


def _new_name(knowledge: Knowledge) -> str | None:
    address = knowledge.address
    return address.municipality_name if address is not None else None


def _move_day(knowledge: Knowledge) -> str:
    return long_date(date.fromisoformat(knowledge.request.move_date))


def _caseworker_summary(
    knowledge: Knowledge, steps: Sequence[StepDraft], concerns: Sequence[ConcernDraft]
) -> str:
    request = knowledge.request
    reporter = request.reporter if request.reporter in knowledge.persons else "onbekend"
    movers = len(knowledge.movers)
    old_codes = sorted(
        {
            (p.municipality, p.municipality_name)
            for t in knowledge.movers
            if (p := knowledge.persons.get(t)) is not None and p.municipality
        }
    )
    address = knowledge.address
    found = address is not None and address.found
    new_code = address.municipality if address is not None and found else None
    old_names = ", ".join(_municipality(code, name) for code, name in old_codes) or "onbekend"
    municipalities = f"van {old_names} naar {_municipality(new_code, _new_name(knowledge))}"
    return (
        f"Verhuizing van {movers} {'persoon' if movers == 1 else 'personen'} "
        f"(melder {reporter}) naar {request.new_address} per {_move_day(knowledge)}, "
        f"{municipalities}. Adres {'gevonden' if found else 'niet gevonden'} in de BAG. "
        f"{len(steps)} stappen gepland, {len(concerns)} aandachtspunt(en)."
    )


def _citizen_message(knowledge: Knowledge, steps: Sequence[StepDraft]) -> str:
    request = knowledge.request
    kinds = {step.kind for step in steps}
    address = knowledge.address
    found = address is not None and address.found
    new_code = address.municipality if address is not None and found else None
    has_object = found and address is not None and address.has_object
    greeting = request.reporter if request.reporter in knowledge.persons else "inwoner"
    lines = [f"Beste {greeting},", ""]
    lines.append(
        f"Wij hebben uw verhuizing ontvangen. U verhuist op {_move_day(knowledge)} "
        f"naar {request.new_address}."
    )
    co_movers = [t for t in request.co_movers if t in knowledge.persons]
    if co_movers:
        lines.append(f"Met u verhuizen: {', '.join(co_movers)}.")
    lines += ["", "Wat gebeurt er nu?"]
    if not has_object:
        lines.append(
            "- Wij kunnen het nieuwe adres niet vinden in de adressenregistratie. "
            "Een medewerker kijkt daarnaar en neemt contact met u op."
        )
    elif StepKind.BRP_REGISTER_ADDRESS not in kinds:
        lines.append(
            "- Wij kunnen uw gegevens niet vinden in de basisregistratie personen. "
            "Een medewerker kijkt daarnaar en neemt contact met u op."
        )
    else:
        who = "u" if not request.co_movers else "u en de mensen die met u verhuizen"
        lines.append(f"- Wij schrijven {who} in op het nieuwe adres.")
        organisations = ["de Belastingdienst"]
        if StepKind.NOTIFY_TOESLAGEN in kinds:
            organisations.append("Dienst Toeslagen")
        if StepKind.NOTIFY_DUO in kinds:
            organisations.append("DUO")
        if StepKind.NOTIFY_RDW in kinds:
            organisations.append("de RDW")
        listed = (
            organisations[0]
            if len(organisations) == 1
            else f"{', '.join(organisations[:-1])} en {organisations[-1]}"
        )
        lines.append(f"- Wij geven uw nieuwe adres door aan {listed}.")
    if StepKind.GEMEENTE_START_TAXES in kinds:
        lines.append(
            "- U betaalt de gemeentelijke belastingen voortaan aan de gemeente "
            f"{_municipality(new_code, _new_name(knowledge))}. Bij uw oude gemeente stoppen ze."
        )
    if StepKind.END_PARKING_PERMIT in kinds:
        lines.append(
            "- Uw parkeervergunning voor het oude adres stopt op de dag van de verhuizing."
        )
    lines += [
        "",
        "Soms moet een medewerker eerst iets controleren. Dan duurt het wat langer. "
        "Wij laten het u weten als dat zo is.",
        "",
        "Met vriendelijke groet,",
        f"Gemeente {_municipality(new_code, _new_name(knowledge), 'uw nieuwe woonplaats')}",
    ]
    return "\n".join(lines)

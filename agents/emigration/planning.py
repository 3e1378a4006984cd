"""The plan the scripted planner drafts: the steps of policy v1, its concerns and two texts.

`draft_plan` derives the steps with the policy's own step rules
(`workflows.emigration.domain.steps_called_for`), applied to what the planner read in the
conversation (`Knowledge`, in tokens), and words each step, the caseworker summary and the
B1 Dutch letter to the reporter. Every refused look-up, except a mover BRP does not know (a
policy gate of its own), becomes a concern.
"""

from collections.abc import Sequence
from datetime import date

from agents.emigration.knowledge import Knowledge
from agents.emigration.names import (
    LOOKUP_BELASTINGEN,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    NOT_IN_BRP,
)
from agents.emigration.views import ConcernDraft, PersonView, PlanDraft, StepDraft
from agents.pseudonyms import long_date
from burgerflow.registry.schemas.brp import OPSCHORTING_EMIGRATIE, OPSCHORTING_OVERLIJDEN
from workflows.emigration.domain import (
    MoverCircumstances,
    ParkingPermit,
    StepCall,
    StepKind,
    TaxLiability,
    proof_free_of_charge,
    steps_called_for,
)

RNI = "1999"


def _away(person: PersonView) -> bool:
    return person.abroad or person.suspended in (OPSCHORTING_EMIGRATIE, OPSCHORTING_OVERLIJDEN)


def circumstances(knowledge: Knowledge, token: str) -> MoverCircumstances:
    """What the step rules read about a mover BRP knows, from the tool results (in tokens)."""
    person = knowledge.persons[token]
    benefits = knowledge.get(LOOKUP_TOESLAGEN, token)
    duo = knowledge.get(LOOKUP_STUDIEFINANCIERING, token)
    vehicles = knowledge.get(LOOKUP_VOERTUIGEN, token)
    taxes = knowledge.get(LOOKUP_BELASTINGEN, token)
    permits = knowledge.get(LOOKUP_PARKEERVERGUNNINGEN, token)
    return MoverCircumstances(
        subject=token,
        away=_away(person),
        municipality=None if person.municipality == RNI else person.municipality,
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
    day = knowledge.request.deregistration_date
    country = knowledge.request.country_name
    params = dict(call.params)
    match call.kind:
        case StepKind.BRP_REGISTER_EMIGRATION:
            params["datum"] = day
            rationale = f"Vertrekt naar {country}; wordt uitgeschreven uit de BRP."
        case StepKind.NOTIFY_BELASTINGDIENST:
            rationale = "De Belastingdienst hoort van het vertrek naar het buitenland."
        case StepKind.NOTIFY_TOESLAGEN:
            params["toeslagen"] = list(call.benefits)
            rationale = f"Lopende toeslagen: {', '.join(call.benefits)}."
        case StepKind.NOTIFY_DUO:
            rationale = "Ontvangt studiefinanciering van DUO."
        case StepKind.NOTIFY_RDW:
            params["kentekens"] = list(call.vehicles)
            rationale = f"{len(call.vehicles)} voertuig(en) op naam bij de RDW."
        case StepKind.GEMEENTE_STOP_TAXES:
            params["einddatum"] = day
            rationale = "Heeft lopende gemeentelijke belastingen in de gemeente die hij verlaat."
        case StepKind.END_PARKING_PERMIT:
            params["einddatum"] = day
            rationale = "De parkeervergunning hoort bij het adres dat wordt verlaten."
        case StepKind.CITIZEN_MESSAGE:
            rationale = "De melder krijgt een brief met het bewijs van uitschrijving."
    return StepDraft(kind=call.kind, subject=call.subject, params=params, rationale=rationale)


def draft_plan(knowledge: Knowledge) -> PlanDraft:
    """Draft the plan for complete knowledge with the rules of policy v1, in tokens.

    Args:
        knowledge: Complete knowledge (`knowledge.missing()` is empty).

    Returns:
        The plan, in tokens.
    """
    request = knowledge.request
    movers = [t for t in knowledge.movers if t in knowledge.persons]
    calls = steps_called_for(
        [circumstances(knowledge, t) for t in movers],
        reporter=request.reporter,
        country=request.country,
    )
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


def _day(knowledge: Knowledge) -> str:
    return long_date(date.fromisoformat(knowledge.request.deregistration_date))


def _staying(knowledge: Knowledge) -> list[str]:
    movers = set(knowledge.movers)
    staying: dict[str, None] = {}
    for token in knowledge.movers:
        household = knowledge.get(LOOKUP_HOUSEHOLD, token)
        for resident in household.residents if household is not None else []:
            if resident not in movers:
                staying[resident] = None
    return list(staying)


def _caseworker_summary(
    knowledge: Knowledge, steps: Sequence[StepDraft], concerns: Sequence[ConcernDraft]
) -> str:
    request = knowledge.request
    reporter = request.reporter if request.reporter in knowledge.persons else "onbekend"
    movers = len(knowledge.movers)
    staying = _staying(knowledge)
    away = [t for t in knowledge.movers if t in knowledge.persons and _away(knowledge.persons[t])]
    parts = [
        f"Emigratie van {movers} {'persoon' if movers == 1 else 'personen'} (melder {reporter}) "
        f"naar {request.country_name} per {_day(knowledge)}.",
        # Who stays is counted, not named: the look-up gives their token, not their name.
        f"{len(staying)} persoon/personen blijven achter op het adres." if staying else "",
        f"Al in het buitenland of overleden: {', '.join(away)}." if away else "",
        f"{len(steps)} stappen gepland, {len(concerns)} aandachtspunt(en).",
    ]
    return " ".join(p for p in parts if p)


def _citizen_message(knowledge: Knowledge, steps: Sequence[StepDraft]) -> str:
    request = knowledge.request
    kinds = {step.kind for step in steps}
    greeting = request.reporter if request.reporter in knowledge.persons else "inwoner"
    lines = [f"Beste {greeting},", ""]
    lines.append(
        f"Wij hebben uw melding van vertrek naar het buitenland ontvangen. U gaat wonen op "
        f"{request.destination}."
    )
    co_movers = [t for t in request.co_movers if t in knowledge.persons]
    if co_movers:
        lines.append(f"Met u vertrekken: {', '.join(co_movers)}.")
    lines += ["", "Wat gebeurt er nu?"]
    if StepKind.BRP_REGISTER_EMIGRATION not in kinds:
        lines.append(
            "- Wij kunnen uw gegevens niet verwerken. Een medewerker kijkt ernaar en neemt "
            "contact met u op."
        )
    else:
        who = "u" if not co_movers else "u en de mensen die met u vertrekken"
        lines.append(
            f"- Wij schrijven {who} uit in de basisregistratie personen, vanaf {_day(knowledge)}."
        )
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
        lines.append(f"- Wij laten {listed} weten dat u naar het buitenland vertrekt.")
    if StepKind.GEMEENTE_STOP_TAXES in kinds:
        lines.append("- U betaalt vanaf die dag geen gemeentelijke belastingen meer bij ons.")
    if StepKind.END_PARKING_PERMIT in kinds:
        lines.append("- Uw parkeervergunning stopt op die dag.")
    if proof_free_of_charge(request.country):
        lines.append(
            f"- U krijgt een bewijs van uitschrijving. Dat heeft u nodig in "
            f"{request.country_name}. Het bewijs is gratis."
        )
    else:
        lines.append(
            "- U krijgt een bewijs van uitschrijving. Bewaar het goed: een instantie in het "
            "buitenland kan erom vragen."
        )
    lines += [
        "",
        "Soms moet een medewerker eerst iets controleren. Dan duurt het wat langer. "
        "Wij laten het u weten als dat zo is.",
        "",
        "Met vriendelijke groet,",
        "De gemeente",
    ]
    return "\n".join(lines)

"""The plan the scripted planner drafts: the steps of policy v1, its concerns and a summary.

`draft_plan` derives the steps with the policy's own step rules
(`workflows.death.domain.steps_called_for`), applied to what the planner read in the
conversation (`Knowledge`, in tokens), and words each step and the caseworker summary. Every
refused look-up, except a person BRP does not know (a gate of its own, or simply no letter),
becomes a concern.
"""

from collections.abc import Sequence

from agents.death.knowledge import Knowledge
from agents.death.tools.names import NOT_IN_BRP
from agents.death.views import ConcernDraft, PlanDraft, StepDraft
from workflows.death.domain import (
    DeathCircumstances,
    ParkingPermit,
    StepCall,
    StepKind,
    TaxLiability,
    steps_called_for,
)


def circumstances(knowledge: Knowledge) -> DeathCircumstances:
    """What the step rules read about the death, from the tool results (in tokens)."""
    request = knowledge.request
    deceased = knowledge.deceased
    found = deceased is not None and deceased.found
    household = knowledge.household
    partners = [p.person for p in deceased.partners] if deceased is not None else []
    return DeathCircumstances(
        subject=request.deceased,
        place_of_death=request.place_of_death,
        disposal=request.disposal.kind,
        in_brp=found,
        already_deceased=deceased is not None and deceased.already_deceased,
        benefits=knowledge.benefits.running if knowledge.benefits else [],
        student_finance=bool(
            knowledge.student_finance and knowledge.student_finance.student_finance
        ),
        vehicles=knowledge.vehicles.kentekens if knowledge.vehicles else [],
        permits=[
            ParkingPermit(number=p.vergunningnummer, status=p.status)
            for p in (knowledge.permits.permits if knowledge.permits else [])
        ],
        taxes=[
            TaxLiability(municipality=t.municipality, status=t.status)
            for t in (knowledge.taxes.taxes if knowledge.taxes else [])
        ],
        # Without an answer from BRP on the address, nobody is known to have lived alone.
        lived_alone=household is not None and not household.failures and not household.others,
        surviving_partners=[
            p
            for p in dict.fromkeys(partners)
            if (relative := knowledge.relatives.get(p)) is not None and relative.alive
        ],
    )


def _place(knowledge: Knowledge) -> str:
    request = knowledge.request
    return request.place_of_death_name or request.place_of_death


def _step(knowledge: Knowledge, call: StepCall) -> StepDraft:
    """A step as the planner words it: the rule's parameters, the dates, and why."""
    request = knowledge.request
    params = dict(call.params)
    match call.kind:
        case StepKind.DRAW_UP_DEED:
            params["datum_overlijden"] = request.date_of_death
            rationale = (
                f"De ambtenaar van de burgerlijke stand van {_place(knowledge)} maakt de akte "
                "van overlijden op."
            )
        case StepKind.ISSUE_DISPOSAL_PERMIT:
            params["datum"] = request.disposal.date
            rationale = f"Verlof tot {request.disposal.kind} op {request.disposal.date}."
        case StepKind.BRP_RECORD_DEATH:
            params["datum_overlijden"] = request.date_of_death
            rationale = "De BRP schrijft het overlijden in op grond van de akte."
        case StepKind.NOTIFY_BELASTINGDIENST:
            rationale = "De Belastingdienst hoort van het overlijden."
        case StepKind.NOTIFY_TOESLAGEN:
            params["toeslagen"] = list(call.benefits)
            rationale = f"Lopende toeslagen: {', '.join(call.benefits)}."
        case StepKind.NOTIFY_DUO:
            rationale = "Ontving studiefinanciering van DUO."
        case StepKind.NOTIFY_RDW:
            params["kentekens"] = list(call.vehicles)
            rationale = (
                f"{len(call.vehicles)} voertuig(en) op naam; de erfgenamen zetten die binnen "
                "vijf weken op eigen naam."
            )
        case StepKind.END_PARKING_PERMIT:
            rationale = "De parkeervergunning van de overledene stopt."
        case StepKind.GEMEENTE_STOP_TAXES:
            rationale = "Niemand anders woont op het adres: de gemeentelijke belastingen stoppen."
        case StepKind.PARTNER_LETTER:
            rationale = "De partner leeft en krijgt een brief in eenvoudige taal."
        case StepKind.UNDERTAKER_MESSAGE:
            rationale = "De uitvaartondernemer krijgt de nummers van de akte en het verlof."
    return StepDraft(kind=call.kind, subject=call.subject, params=params, rationale=rationale)


def draft_plan(knowledge: Knowledge) -> PlanDraft:
    """Draft the plan for complete knowledge with the rules of policy v1, in tokens.

    Args:
        knowledge: Complete knowledge (`knowledge.missing()` is empty).

    Returns:
        The plan, in tokens.
    """
    steps = [_step(knowledge, call) for call in steps_called_for(circumstances(knowledge))]
    concerns = [
        ConcernDraft(
            topic="lookup_failed",
            subject=failure.person,
            rationale=(
                f"Opzoeking {failure.lookup} is geweigerd ({failure.status}): {failure.detail}"
            ),
        )
        for failure in knowledge.failures
        if failure.status != NOT_IN_BRP
    ]
    return PlanDraft(
        steps=steps,
        concerns=concerns,
        caseworker_summary=_caseworker_summary(knowledge, steps, concerns),
    )


def _caseworker_summary(
    knowledge: Knowledge, steps: Sequence[StepDraft], concerns: Sequence[ConcernDraft]
) -> str:
    request = knowledge.request
    deceased = knowledge.deceased
    found = deceased is not None and deceased.found
    # A person BRP does not know has no name for the token to stand for.
    who = request.deceased if found else "een persoon die niet in de BRP staat"
    manner = "natuurlijk" if request.manner == "natural" else "niet natuurlijk"
    notes = []
    if deceased is not None and deceased.already_deceased:
        notes.append(f"de BRP heeft al een overlijden op {deceased.brp_date_of_death}")
    if deceased is not None and found and deceased.surname_matches_report is False:
        notes.append("de gemelde achternaam wijkt af van de BRP")
    if deceased is not None and found and deceased.birth_date != request.reported_birth_date:
        notes.append("de gemelde geboortedatum wijkt af van de BRP")
    remark = f" Let op: {'; '.join(notes)}." if notes else ""
    return (
        f"Overlijden van {who} op {request.date_of_death} in {_place(knowledge)} "
        f"({manner}); {request.disposal.kind} op {request.disposal.date}.{remark} "
        f"{len(steps)} stappen gepland, {len(concerns)} aandachtspunt(en)."
    )

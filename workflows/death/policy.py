"""Report of a death, policy v1: which gates are mandatory and which steps a death needs.

Pure, deterministic and versioned: it reads only the registry facts the tools fetched, the
agent's plan and the request, so the workflow can run it in workflow code and a replay
reproduces every rule that fired. The agent may add a gate (a concern), never remove one.

The Dutch rules behind it: the registrar draws up the deed (so every report waits for one
person, `deed`); burial or cremation takes place no sooner than 36 hours and no later than
the sixth working day after the death, otherwise the mayor must allow it (`disposal_date`);
the report is made within six days (`late_report`, a flag).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.case.models import GateDraft, Risk
from workflows.death.calendar import holiday, working_day_after
from workflows.death.domain import (
    DeathCircumstances,
    DeathFacts,
    DeathPlan,
    DeathRequest,
    Manner,
    ParkingPermit,
    PlannedStep,
    StepKind,
    TaxLiability,
    custody_of,
    steps_called_for,
    surname_matches,
)
from workflows.death.rules import RULES, Rule

POLICY_VERSION = "death/v1.0"

MIN_HOURS = 36
"""A burial or cremation takes place no sooner than this many hours after the death."""
LATEST_WORKING_DAY = 6
"""... and no later than this working day after it."""
LATE_AFTER_DAYS = 6
"""A death is reported within six days; later reports are flagged `late_report`."""

RULE_RISK: dict[str, Risk] = {rule.id: rule.risk for rule in RULES}
"""The risk of each rule of `RULES`."""


class StepSpec(BaseModel):
    """A step the facts call for."""

    kind: StepKind
    subject: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    rationale: str


class PolicyResult(BaseModel):
    """The policy's verdict on a case.

    Attributes:
        version: The policy version.
        gates: The mandatory gates, one per rule.
        steps: The steps the facts call for, in execution order.
        flags: Recorded, not gated (`late_report`).
        municipality: The case's municipality: where the person died.
        rules_fired: The rules of the gates, in order.
        surviving_partners: The living partners BRP knows (they get the letter).
    """

    version: str = POLICY_VERSION
    gates: list[GateDraft]
    steps: list[StepSpec]
    flags: list[str]
    municipality: str
    rules_fired: list[str]
    surviving_partners: list[str] = Field(default_factory=list)


# Reading the facts -------------------------------------------------------------------------


def _alive(person: PersoonPublic | None) -> bool:
    return person is not None and person.overlijden is None


def surviving_partners(facts: DeathFacts) -> list[str]:
    """The deceased's partners BRP knows who are alive, in the record's order."""
    deceased = facts.deceased
    if deceased is None:
        return []
    found = [
        p.burgerservicenummer
        for p in deceased.partners
        if p.burgerservicenummer and _alive(facts.persons.get(p.burgerservicenummer))
    ]
    return list(dict.fromkeys(found))


def circumstances(facts: DeathFacts) -> DeathCircumstances:
    """What the step rules read about the death, from the registries' answers."""
    request = facts.request
    deceased = facts.deceased
    toeslagen, duo, rdw = facts.toeslagen, facts.studiefinanciering, facts.voertuigen
    taxes, permits = facts.belastingen, facts.parkeervergunningen
    return DeathCircumstances(
        subject=request.bsn,
        place_of_death=request.place_of_death,
        disposal=request.disposal.kind.value,
        in_brp=deceased is not None,
        already_deceased=deceased is not None and deceased.overlijden is not None,
        benefits=toeslagen.lopende_soorten if toeslagen else [],
        student_finance=bool(duo and duo.studiefinanciering),
        vehicles=[v.kenteken for v in rdw.voertuigen] if rdw else [],
        permits=[
            ParkingPermit(number=p.vergunningnummer, status=p.status)
            for p in (permits.parkeervergunningen if permits else [])
        ],
        taxes=[
            TaxLiability(municipality=t.gemeentecode, status=t.status)
            for t in (taxes.belastingplichten if taxes else [])
        ],
        lived_alone=facts.household is not None and not facts.household,
        surviving_partners=surviving_partners(facts),
    )


STEP_RATIONALES: dict[StepKind, str] = {
    StepKind.DRAW_UP_DEED: "The registrar draws up the deed of death.",
    StepKind.ISSUE_DISPOSAL_PERMIT: "The registrar issues the permit for burial or cremation.",
    StepKind.BRP_RECORD_DEATH: "The BRP records the death from the deed.",
    StepKind.NOTIFY_BELASTINGDIENST: "The Belastingdienst is told of the death.",
    StepKind.NOTIFY_TOESLAGEN: "Benefits were received; Toeslagen must know of the death.",
    StepKind.NOTIFY_DUO: "Student finance was received; DUO must know of the death.",
    StepKind.NOTIFY_RDW: "Vehicles are registered; the heirs re-register them within five weeks.",
    StepKind.END_PARKING_PERMIT: "The deceased's parking permit ends.",
    StepKind.GEMEENTE_STOP_TAXES: "The deceased lived alone: municipal taxes stop.",
    StepKind.PARTNER_LETTER: "The surviving partner gets a letter in plain language.",
    StepKind.UNDERTAKER_MESSAGE: "The undertaker gets the deed's and the permit's numbers.",
}
"""Why each kind of step is needed, as the policy's steps say."""


def expected_steps(facts: DeathFacts) -> list[StepSpec]:
    """The administrative steps the facts call for, in execution order (undertaker last)."""
    return [
        StepSpec(
            kind=c.kind, subject=c.subject, params=dict(c.params), rationale=STEP_RATIONALES[c.kind]
        )
        for c in steps_called_for(circumstances(facts))
    ]


STEP_IDENTITY_PARAMS: dict[StepKind, tuple[str, ...]] = {
    StepKind.GEMEENTE_STOP_TAXES: ("gemeentecode",),
    StepKind.END_PARKING_PERMIT: ("vergunningnummer",),
}
"""The parameters that tell two steps of the same kind and subject apart."""


def step_identity(kind: StepKind, subject: str | None, params: dict[str, Any]) -> str:
    """A stable label of a step for comparing a plan with the policy's expectation."""
    extra = [f"{k}={params.get(k)}" for k in STEP_IDENTITY_PARAMS.get(kind, ())]
    return ":".join([str(kind), subject or "-", *extra])


def compare_plan(expected: list[StepSpec], planned: list[PlannedStep]) -> dict[str, list[str]]:
    """Steps the plan misses and steps it has that the facts do not call for."""
    want = Counter(step_identity(s.kind, s.subject, s.params) for s in expected)
    have = Counter(step_identity(s.kind, s.subject, dict(s.params)) for s in planned)
    return {
        "missing": sorted((want - have).elements()),
        "unexpected": sorted((have - want).elements()),
    }


# The disposal's day --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DisposalWindow:
    """When the burial or cremation may take place without the mayor's permission.

    Attributes:
        earliest: 36 hours after the death, when its time is known.
        first_day: The first day a disposal is on time when times are not both known (two
            days after the death).
        last_day: The sixth working day after the death.
        hours_after: Hours between death and disposal, when both times are known.
        too_soon: The disposal is sooner than 36 hours after the death.
        too_late: The disposal is after the sixth working day.
        holidays: Public holidays between the death and the last day (they do not count).
    """

    earliest: datetime | None
    first_day: date
    last_day: date
    hours_after: float | None
    too_soon: bool
    too_late: bool
    holidays: dict[str, str]


def disposal_window(request: DeathRequest) -> DisposalWindow:
    """The burial or cremation of `request` against the 36 hours and the sixth working day.

    Hours are counted on the Dutch clock. When the time of death or of the disposal is not
    reported, days count: a disposal on the day of death or the day after is sooner than
    36 hours.
    """
    died, disposal = request.date_of_death, request.disposal
    last_day = working_day_after(died, LATEST_WORKING_DAY)
    died_at = datetime.combine(died, request.time_of_death) if request.time_of_death else None
    earliest = died_at + timedelta(hours=MIN_HOURS) if died_at else None
    hours: float | None = None
    if died_at is not None and disposal.time is not None:
        at = datetime.combine(disposal.date, disposal.time)
        hours = (at - died_at).total_seconds() / 3600
        too_soon = hours < MIN_HOURS
    else:
        too_soon = disposal.date <= died + timedelta(days=1)
    span = (last_day - died).days
    days = (died + timedelta(days=n) for n in range(1, span + 1))
    return DisposalWindow(
        earliest=earliest,
        first_day=died + timedelta(days=2),
        last_day=last_day,
        hours_after=round(hours, 2) if hours is not None else None,
        too_soon=too_soon,
        too_late=disposal.date > last_day,
        holidays={d.isoformat(): name for d in days if (name := holiday(d))},
    )


# Gates -------------------------------------------------------------------------------------


def _gate(rule: str, description: str, **evidence: Any) -> GateDraft:
    return GateDraft(rule=rule, risk=RULE_RISK[rule], description=description, evidence=evidence)


def brp_birth_date(person: PersoonPublic) -> date | None:
    """The date of birth BRP has for a person."""
    geboorte = person.geboorte
    return geboorte.datum.datum if geboorte and geboorte.datum else None


def _report_gate(request: DeathRequest) -> GateDraft:
    return _gate(
        Rule.DEED,
        "The registrar checks the report and draws up the deed of death.",
        gemeld={
            "geslachtsnaam": request.deceased.geslachtsnaam,
            "geboortedatum": request.deceased.geboortedatum.isoformat(),
        },
        datum_overlijden=request.date_of_death.isoformat(),
        tijdstip_overlijden=request.time_of_death.isoformat() if request.time_of_death else None,
        gemeente_overlijden=request.place_of_death,
        wijze=request.manner.value,
        verklaringen=request.documents.model_dump(),
        uitvaart=request.disposal.model_dump(mode="json"),
    )


def _person_gates(facts: DeathFacts) -> list[GateDraft]:
    request = facts.request
    deceased = facts.deceased
    if deceased is None:
        return [
            _gate(
                Rule.PERSON_NOT_FOUND,
                "The deceased is not in the BRP.",
                burgerservicenummer=request.bsn,
            )
        ]
    gates: list[GateDraft] = []
    reported = request.deceased
    known_birth = brp_birth_date(deceased)
    surname_ok = surname_matches(reported.geslachtsnaam, deceased)
    birth_ok = known_birth == reported.geboortedatum
    if not (surname_ok and birth_ok):
        naam = deceased.naam
        gates.append(
            _gate(
                Rule.IDENTITY_MISMATCH,
                "The reported "
                + " and ".join(
                    part
                    for part, ok in (("surname", surname_ok), ("date of birth", birth_ok))
                    if not ok
                )
                + " differ from the BRP's.",
                gemeld={
                    "geslachtsnaam": reported.geslachtsnaam,
                    "geboortedatum": reported.geboortedatum.isoformat(),
                },
                brp={
                    "voorvoegsel": naam.voorvoegsel if naam else None,
                    "geslachtsnaam": naam.geslachtsnaam if naam else None,
                    "geboortedatum": known_birth.isoformat() if known_birth else None,
                },
            )
        )
    minors = []
    for minor, all_holders in custody_of(deceased):
        others = [h for h in all_holders if h != deceased.burgerservicenummer]
        if not any(_alive(facts.persons.get(h)) for h in others):
            minors.append({"minderjarige": minor, "andere_gezagsdragers": others})
    if minors:
        gates.append(
            _gate(
                Rule.MINOR_WITHOUT_CUSTODY,
                "The deceased held custody of a minor who now has no living custody holder; "
                "the court must appoint a guardian.",
                minderjarigen=minors,
            )
        )
    if deceased.overlijden is not None:
        datum = deceased.overlijden.datum
        gates.append(
            _gate(
                Rule.ALREADY_DECEASED,
                "The BRP already records a death for this person.",
                datum_overlijden_brp=datum.datum.isoformat() if datum and datum.datum else None,
                datum_overlijden_gemeld=request.date_of_death.isoformat(),
            )
        )
    if deceased.in_onderzoek is not None:
        gates.append(
            _gate(
                Rule.IN_ONDERZOEK,
                "The deceased's BRP data are under investigation.",
                burgerservicenummer=deceased.burgerservicenummer,
            )
        )
    return gates


def _disposal_gate(request: DeathRequest) -> GateDraft | None:
    window = disposal_window(request)
    if not (window.too_soon or window.too_late):
        return None
    disposal = request.disposal
    when = "sooner than 36 hours after" if window.too_soon else "after the sixth working day after"
    return _gate(
        Rule.DISPOSAL_DATE,
        f"The {disposal.kind.value} on {disposal.date.isoformat()} is {when} the death; "
        "the mayor must allow it.",
        soort=disposal.kind.value,
        datum_uitvaart=disposal.date.isoformat(),
        tijdstip_uitvaart=disposal.time.isoformat() if disposal.time else None,
        datum_overlijden=request.date_of_death.isoformat(),
        tijdstip_overlijden=request.time_of_death.isoformat() if request.time_of_death else None,
        uren_na_overlijden=window.hours_after,
        vroegst=window.earliest.isoformat() if window.earliest else window.first_day.isoformat(),
        zesde_werkdag=window.last_day.isoformat(),
        feestdagen=window.holidays,
    )


def _merge_same_rule(gates: list[GateDraft]) -> list[GateDraft]:
    merged: dict[str, GateDraft] = {}
    for gate in gates:
        if gate.rule in merged:
            first = merged[gate.rule]
            first.description = f"{first.description} {gate.description}"
            first.evidence = {**first.evidence, **gate.evidence}
        else:
            merged[gate.rule] = gate.model_copy(deep=True)
    order = {rule: n for n, rule in enumerate(RULES.ids())}
    return sorted(merged.values(), key=lambda g: order[g.rule])


def is_late(request: DeathRequest, reported_on: date) -> bool:
    """Whether the death was reported more than six days after it."""
    return (reported_on - request.date_of_death).days > LATE_AFTER_DAYS


def evaluate(
    facts: DeathFacts,
    plan: DeathPlan | None,
    *,
    reported_on: date,
    agent_failure: str | None = None,
    agent_transcript: list[dict[str, Any]] | None = None,
) -> PolicyResult:
    """Decide the mandatory gates and the steps of a death case.

    Args:
        facts: What the look-up tools fetched from the registries.
        plan: The agent's plan, None when it produced none.
        reported_on: The day the death was reported (for `late_report`).
        agent_failure: Why the agent produced no plan, if it did not.
        agent_transcript: The agent's conversation (in tokens), shown on `agent_failure`.

    Returns:
        Gates (one per rule, in the table's order), the steps the facts call for, flags,
        the municipality of death and the rules fired.
    """
    request = facts.request
    gates = [_report_gate(request), *_person_gates(facts)]
    if request.manner is Manner.NON_NATURAL:
        gates.append(
            _gate(
                Rule.NON_NATURAL,
                "The death is not natural: the public prosecutor's statement of no objection "
                "is reported.",
                verklaringen=request.documents.model_dump(),
            )
        )
    if (disposal := _disposal_gate(request)) is not None:
        gates.append(disposal)
    steps = expected_steps(facts)
    if plan is None:
        gates.append(
            _gate(
                Rule.AGENT_FAILURE,
                "The agent produced no valid plan; the steps below follow from the policy alone.",
                failure=agent_failure or "no plan",
                missing_facts=facts.missing(),
                **({"transcript": agent_transcript} if agent_transcript else {}),
            )
        )
    else:
        diff = compare_plan(steps, plan.steps)
        concerns = [c.model_dump() for c in plan.concerns]
        if concerns or diff["missing"] or diff["unexpected"]:
            gates.append(
                _gate(
                    Rule.AGENT_FLAG,
                    "The agent raised a concern or its plan differs from what the facts call for.",
                    concerns=concerns,
                    **diff,
                )
            )
    if facts.missing():
        gates.append(
            _gate(
                Rule.AGENT_FAILURE,
                "Not every registry fact was gathered.",
                missing_facts=facts.missing(),
            )
        )
    merged = _merge_same_rule(gates)
    return PolicyResult(
        gates=merged,
        steps=steps,
        flags=["late_report"] if is_late(request, reported_on) else [],
        municipality=request.place_of_death,
        rules_fired=[g.rule for g in merged],
        surviving_partners=surviving_partners(facts),
    )

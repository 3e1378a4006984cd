"""Emigration policy v1: which gates are mandatory and which steps an emigration needs.

Pure, deterministic and versioned: it reads only the registry facts the tools fetched, the
agent's plan and the request, so the workflow can run it in workflow code and a replay
reproduces every rule that fired. The agent may add a gate (a concern), never remove one.

The Dutch rules behind it: emigration is reported in the last five days before departure;
anyone aged 16 or over reports for themselves; spouses and registered partners, and parents
and adult children who live together, may report for each other; a parent or guardian
reports for a minor who leaves with them. When someone registered at the address stays
behind, municipalities ask for an appointment in person.
"""

from collections import Counter
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.case.models import GateDraft, Risk
from workflows.emigration.domain import (
    EmigrationFacts,
    EmigrationPlan,
    MoverCircumstances,
    ParkingPermit,
    PlannedStep,
    Resident,
    StepKind,
    TaxLiability,
    deregistration_date,
    is_away,
    step_identity,
    steps_called_for,
)
from workflows.emigration.rules import RULES, Rule

POLICY_VERSION = "emigration/v1.0"

ADULT_AGE = 18
SELF_REPORT_AGE = 16
"""From 16 a person reports their own emigration, unless a partner or a parent or adult child
living with them reports it."""
RNI = "1999"
"""The gemeentecode of the Registratie Niet-ingezetenen: not a municipality that handles a case."""
PARTNER_BONDS = frozenset({"H", "P"})
"""A marriage (`H`) or registered partnership (`P`)."""

RULE_RISK: dict[str, Risk] = {rule.id: rule.risk for rule in RULES}
"""The risk of each rule of `RULES`."""


class StepSpec(BaseModel):
    """A step the facts call for."""

    kind: StepKind
    subject: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    rationale: str


class PolicyResult(BaseModel):
    """The policy's verdict on a case."""

    version: str = POLICY_VERSION
    gates: list[GateDraft]
    steps: list[StepSpec]
    flags: list[str]
    municipality: str | None
    deregistration_date: date
    rules_fired: list[str]


def _gemeente(person: PersoonPublic) -> str | None:
    code = person.gemeente_van_inschrijving.code if person.gemeente_van_inschrijving else None
    return None if code == RNI else code


def _object_id(person: PersoonPublic) -> str | None:
    return person.adresseerbaar_object_identificatie


def movers(facts: EmigrationFacts) -> list[PersoonPublic]:
    """The movers BRP knows, the reporter first."""
    return [facts.persons[b] for b in facts.request.mover_bsns if b in facts.persons]


def case_municipality(facts: EmigrationFacts) -> str | None:
    """The municipality handling the case: that of the first mover (the reporter) who lives
    here; the RNI when every mover BRP knows is abroad already; None when BRP knows none."""
    known = movers(facts)
    for person in known:
        if not is_away(person) and (code := _gemeente(person)):
            return code
    return RNI if known else None


STEP_RATIONALES: dict[StepKind, str] = {
    StepKind.BRP_REGISTER_EMIGRATION: "Each mover is deregistered in the BRP: they live abroad.",
    StepKind.NOTIFY_BELASTINGDIENST: "The Belastingdienst hears of each mover's emigration.",
    StepKind.NOTIFY_TOESLAGEN: "Benefits are received; Toeslagen must know of the emigration.",
    StepKind.NOTIFY_DUO: "Student finance is received; DUO must know of the emigration.",
    StepKind.NOTIFY_RDW: "Vehicles are registered; the RDW must know of the emigration.",
    StepKind.GEMEENTE_STOP_TAXES: "Municipal taxes stop at the municipality the mover leaves.",
    StepKind.END_PARKING_PERMIT: "The parking permit is tied to the address the mover leaves.",
    StepKind.CITIZEN_MESSAGE: "The reporter hears what was done, with the proof of deregistration.",
}
"""Why each kind of step is needed, as the policy's steps say."""


def circumstances(facts: EmigrationFacts, person: PersoonPublic) -> MoverCircumstances:
    """What the step rules read about a mover, from the registries' answers."""
    bsn = person.burgerservicenummer
    toeslagen = facts.toeslagen.get(bsn)
    duo = facts.studiefinanciering.get(bsn)
    rdw = facts.voertuigen.get(bsn)
    taxes = facts.belastingen.get(bsn)
    permits = facts.parkeervergunningen.get(bsn)
    return MoverCircumstances(
        subject=bsn,
        away=is_away(person),
        municipality=_gemeente(person),
        address=_object_id(person),
        benefits=toeslagen.lopende_soorten if toeslagen else [],
        student_finance=bool(duo and duo.studiefinanciering),
        vehicles=[v.kenteken for v in rdw.voertuigen] if rdw else [],
        taxes=[
            TaxLiability(municipality=t.gemeentecode, status=t.status)
            for t in (taxes.belastingplichten if taxes else [])
        ],
        permits=[
            ParkingPermit(
                number=v.vergunningnummer,
                address=v.adresseerbaar_object_identificatie,
                status=v.status,
            )
            for v in (permits.parkeervergunningen if permits else [])
        ],
    )


def expected_steps(facts: EmigrationFacts) -> list[StepSpec]:
    """The administrative steps the facts call for, in execution order (message last)."""
    calls = steps_called_for(
        [circumstances(facts, p) for p in movers(facts)],
        reporter=facts.request.bsn,
        country=facts.request.country,
    )
    return [
        StepSpec(
            kind=c.kind, subject=c.subject, params=dict(c.params), rationale=STEP_RATIONALES[c.kind]
        )
        for c in calls
    ]


def compare_plan(expected: list[StepSpec], planned: list[PlannedStep]) -> dict[str, list[str]]:
    """Steps the plan misses and steps it has that the facts do not call for."""
    want = Counter(step_identity(s.kind, s.subject, s.params) for s in expected)
    have = Counter(step_identity(s.kind, s.subject, dict(s.params)) for s in planned)
    return {
        "missing": sorted((want - have).elements()),
        "unexpected": sorted((have - want).elements()),
    }


def _gate(rule: str, description: str, **evidence: Any) -> GateDraft:
    return GateDraft(rule=rule, risk=RULE_RISK[rule], description=description, evidence=evidence)


def _partners(person: PersoonPublic) -> set[str]:
    return {
        p.burgerservicenummer
        for p in person.partners
        if p.burgerservicenummer
        and (p.soort_verbintenis is None or p.soort_verbintenis.code in PARTNER_BONDS)
    }


def _parents(person: PersoonPublic) -> set[str]:
    return {o.burgerservicenummer for o in person.ouders if o.burgerservicenummer}


def _children(person: PersoonPublic) -> set[str]:
    return {k.burgerservicenummer for k in person.kinderen if k.burgerservicenummer}


def custody_holders(person: PersoonPublic) -> set[str]:
    """Who holds custody over `person` (a minor), by the minor's own BRP record."""
    return {
        h.burgerservicenummer
        for g in person.gezag
        if g.minderjarige.burgerservicenummer == person.burgerservicenummer
        for h in [*(g.ouders or []), *([g.ouder] if g.ouder else [])]
        if h.burgerservicenummer
    }


def _same_address(left: PersoonPublic, right: PersoonPublic) -> bool:
    here = _object_id(left)
    return here is not None and here == _object_id(right) and not is_away(left)


def may_report_for(reporter: PersoonPublic, person: PersoonPublic) -> bool:
    """Whether `reporter` may report the emigration of `person` (a co-mover).

    A spouse or registered partner, or a parent or adult child living at the same address, may
    report for someone aged 16 or over; for a minor under 16, a parent or custody holder.
    """
    bsn = person.burgerservicenummer
    by = reporter.burgerservicenummer
    age = person.leeftijd
    if age is not None and age < SELF_REPORT_AGE:
        return by in custody_holders(person) or by in _parents(person) or bsn in _children(reporter)
    if bsn in _partners(reporter) or by in _partners(person):
        return True
    together = _same_address(reporter, person)
    if bsn in _parents(reporter) or by in _children(person):
        return together and (reporter.leeftijd or 0) >= ADULT_AGE
    if bsn in _children(reporter) or by in _parents(person):
        return together and age is not None and age >= ADULT_AGE
    return False


def _household_gate(facts: EmigrationFacts) -> list[GateDraft]:
    mover_bsns = set(facts.request.mover_bsns)
    staying: dict[str, Resident] = {}
    for bsn in facts.request.mover_bsns:
        for resident in facts.households.get(bsn, []):
            if resident.burgerservicenummer not in mover_bsns:
                staying.setdefault(resident.burgerservicenummer, resident)
    if not staying:
        return []
    return [
        _gate(
            Rule.HOUSEHOLD_SPLIT,
            f"{len(staying)} person(s) registered at a mover's address stay behind: "
            "municipalities ask for an appointment in person.",
            blijven_achter=[
                {"burgerservicenummer": p.burgerservicenummer, "leeftijd": p.leeftijd}
                for p in staying.values()
            ],
        )
    ]


def _person_gates(facts: EmigrationFacts) -> list[GateDraft]:
    request = facts.request
    mover_bsns = set(request.mover_bsns)
    gates: list[GateDraft] = []
    custody_issues: list[dict[str, Any]] = []
    for person in movers(facts):
        age = person.leeftijd
        if age is None or age >= ADULT_AGE or is_away(person):
            continue
        holders = custody_holders(person)
        staying = sorted(holders - mover_bsns)
        if staying or not holders & mover_bsns:
            custody_issues.append(
                {
                    "minderjarige": person.burgerservicenummer,
                    "gezag": [g.type for g in person.gezag],
                    "gezaghouders_niet_mee": staying,
                }
            )
    if custody_issues:
        gates.append(
            _gate(
                Rule.CUSTODY,
                "A minor emigrates while a custody holder neither reports nor emigrates.",
                minderjarigen=custody_issues,
            )
        )
    reporter = facts.reporter
    not_authorised: list[dict[str, Any]] = []
    if reporter is not None and reporter.leeftijd is not None:
        if reporter.leeftijd < SELF_REPORT_AGE:
            not_authorised.append(
                {"burgerservicenummer": reporter.burgerservicenummer, "melder": True}
            )
    if reporter is not None:
        for bsn in request.co_movers:
            co_mover = facts.persons.get(bsn)
            if co_mover is not None and not may_report_for(reporter, co_mover):
                not_authorised.append({"burgerservicenummer": bsn, "leeftijd": co_mover.leeftijd})
    if not_authorised:
        gates.append(
            _gate(
                Rule.NOT_AUTHORISED,
                "The reporter is under 16, or reports for someone they may not report for.",
                personen=not_authorised,
            )
        )
    away = [
        {
            "burgerservicenummer": p.burgerservicenummer,
            "opschorting": (
                p.opschorting_bijhouding.reden.code if p.opschorting_bijhouding else None
            ),
            "buitenland": bool(p.verblijfplaats and p.verblijfplaats.buitenland),
        }
        for p in movers(facts)
        if is_away(p)
    ]
    if away:
        gates.append(
            _gate(
                Rule.ALREADY_ABROAD,
                "A mover is already registered abroad, or deceased.",
                personen=away,
            )
        )
    unknown = [b for b in request.mover_bsns if b not in facts.persons]
    if unknown:
        gates.append(
            _gate(Rule.PERSON_NOT_FOUND, "A mover is not in the BRP.", burgerservicenummers=unknown)
        )
    in_onderzoek = [p.burgerservicenummer for p in movers(facts) if p.in_onderzoek is not None]
    if in_onderzoek:
        gates.append(
            _gate(
                Rule.IN_ONDERZOEK,
                "A mover's BRP data are under investigation.",
                burgerservicenummers=in_onderzoek,
            )
        )
    return gates


def evaluate(
    facts: EmigrationFacts,
    plan: EmigrationPlan | None,
    *,
    reported_on: date,
    agent_failure: str | None = None,
    agent_transcript: list[dict[str, Any]] | None = None,
) -> PolicyResult:
    """Decide the mandatory gates and the steps of a case.

    Args:
        facts: What the look-up tools fetched from the registries.
        plan: The agent's plan, None when it produced none.
        reported_on: The day the emigration was reported.
        agent_failure: Why the agent produced no plan, if it did not.
        agent_transcript: The agent's conversation (in tokens), shown on `agent_failure`.

    Returns:
        Gates (one per rule, in the rule table's order), the steps the facts call for, flags
        (`late_report` for a report after the departure) and the rules fired.
    """
    gates = _household_gate(facts) + _person_gates(facts)
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
    if facts.missing() and plan is not None:
        gates.append(
            _gate(
                Rule.AGENT_FAILURE,
                "Not every registry fact was gathered.",
                missing_facts=facts.missing(),
            )
        )
    flags = ["late_report"] if facts.request.departure_date < reported_on else []
    order = {rule_id: n for n, rule_id in enumerate(RULES.ids())}
    gates.sort(key=lambda g: order[g.rule])
    return PolicyResult(
        gates=gates,
        steps=steps,
        flags=flags,
        municipality=case_municipality(facts),
        deregistration_date=deregistration_date(facts.request.departure_date, reported_on),
        rules_fired=[g.rule for g in gates],
    )

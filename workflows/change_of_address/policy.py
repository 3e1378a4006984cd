"""Change-of-address policy v1: which gates are mandatory and which steps a move needs.

Pure, deterministic and versioned: it reads only the registry facts the tools fetched, the
agent's plan and the request, so the workflow can run it in workflow code and a replay
reproduces every rule that fired. The agent may add a gate (a concern), never remove one.

Two versions: v1.0, and v1.1 (`POLICY_VERSION_1_1`), which also checks the reporter's own
authority (under 16 they may not report), lets a parent or adult child living at the
reporter's address be reported for, and raises `no_change` for a mover already registered
at the reported address. A case keeps the version it started under.
"""

from collections import Counter
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field

from burgerflow.registry.schemas.brp import PersoonPublic
from workflows.case.models import GateDraft, Risk
from workflows.change_of_address.domain import (
    MoveFacts,
    MovePlan,
    MoverCircumstances,
    ParkingPermit,
    PlannedStep,
    StepKind,
    TaxLiability,
    steps_called_for,
)
from workflows.change_of_address.rules import RULES, Rule

POLICY_VERSION = "change_of_address/v1.0"
"""The first version, which `evaluate` applies unless told otherwise."""
POLICY_VERSION_1_1 = "change_of_address/v1.1"
CURRENT_POLICY_VERSION = POLICY_VERSION_1_1
"""The version new cases start under."""
POLICY_VERSIONS = (POLICY_VERSION, POLICY_VERSION_1_1)

IN_USE_STATUSES = frozenset(
    {"Verblijfsobject in gebruik", "Verblijfsobject in gebruik (niet ingemeten)"}
)
"""BAG statuses of an object that can be lived in now."""

ADULT_AGE = 18
SELF_REPORT_AGE = 16
"""From 16 a person reports their own move; only a spouse or partner may report for them
(from v1.1 also a parent or adult child living with them); under 16 one cannot report."""
LATE_AFTER_DAYS = 5
JOINT_CUSTODY = "GezamenlijkOuderlijkGezag"


RULE_RISK: dict[str, Risk] = {rule.id: rule.risk for rule in RULES}
"""The risk of each rule of `RULES`."""


class PolicyConfig(BaseModel):
    """Tunable parameters of the policy, fixed per case at intake."""

    min_m2_per_person: float = 12.0


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
    new_object_id: str | None
    rules_fired: list[str]


def _gemeente(person: PersoonPublic) -> str | None:
    return person.gemeente_van_inschrijving.code if person.gemeente_van_inschrijving else None


def _object_id(person: PersoonPublic) -> str | None:
    return (
        person.verblijfplaats.adresseerbaar_object_identificatie if person.verblijfplaats else None
    )


def _age(person: PersoonPublic) -> int | None:
    return person.leeftijd


def new_object_id(facts: MoveFacts) -> str | None:
    """The BAG object id of the new address, when BAG has it."""
    if facts.address and facts.address.found and facts.address.adres:
        return facts.address.adres.adresseerbaar_object_identificatie
    return None


def new_municipality(facts: MoveFacts) -> str | None:
    """The gemeentecode of the new address (the first four digits of its object id)."""
    object_id = new_object_id(facts)
    return object_id[:4] if object_id else None


def case_municipality(facts: MoveFacts) -> str | None:
    """The municipality handling the case: the new address's, else the reporter's."""
    if code := new_municipality(facts):
        return code
    return _gemeente(facts.reporter) if facts.reporter else None


def movers(facts: MoveFacts) -> list[PersoonPublic]:
    """The movers BRP knows, the reporter first."""
    return [facts.persons[b] for b in facts.request.mover_bsns if b in facts.persons]


STEP_RATIONALES: dict[StepKind, str] = {
    StepKind.BRP_REGISTER_ADDRESS: "Each mover is registered at the new address in the BRP.",
    StepKind.NOTIFY_BELASTINGDIENST: "The Belastingdienst gets each mover's new address.",
    StepKind.NOTIFY_TOESLAGEN: "Benefits are received; Toeslagen must know the new address.",
    StepKind.NOTIFY_DUO: "Student finance is received; DUO must know the new address.",
    StepKind.NOTIFY_RDW: "Vehicles are registered; the RDW must know the new address.",
    StepKind.GEMEENTE_STOP_TAXES: "Municipal taxes stop at the old municipality.",
    StepKind.GEMEENTE_START_TAXES: "Municipal taxes start at the new municipality.",
    StepKind.END_PARKING_PERMIT: "The parking permit is tied to the old address.",
    StepKind.CITIZEN_MESSAGE: "The citizen hears what was done, in plain language.",
}
"""Why each kind of step is needed, as the policy's steps say."""


def circumstances(facts: MoveFacts, person: PersoonPublic) -> MoverCircumstances:
    """What the step rules read about a mover, from the registries' answers."""
    bsn = person.burgerservicenummer
    toeslagen = facts.toeslagen.get(bsn)
    duo = facts.studiefinanciering.get(bsn)
    rdw = facts.voertuigen.get(bsn)
    taxes = facts.belastingen.get(bsn)
    permits = facts.parkeervergunningen.get(bsn)
    return MoverCircumstances(
        subject=bsn,
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


def expected_steps(facts: MoveFacts) -> list[StepSpec]:
    """The administrative steps the facts call for, in execution order (message last)."""
    # Without a BAG object there is nothing to register at: a caseworker who approves the
    # address_not_found gate registers it by hand, and the citizen is told.
    calls = steps_called_for(
        [circumstances(facts, p) for p in movers(facts)],
        reporter=facts.request.bsn,
        new_object=new_object_id(facts),
        new_municipality=new_municipality(facts),
    )
    return [
        StepSpec(
            kind=c.kind,
            subject=c.subject,
            params=dict(c.params),
            rationale=STEP_RATIONALES[c.kind],
        )
        for c in calls
    ]


STEP_IDENTITY_PARAMS: dict[StepKind, tuple[str, ...]] = {
    StepKind.GEMEENTE_STOP_TAXES: ("gemeentecode",),
    StepKind.GEMEENTE_START_TAXES: ("gemeentecode",),
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


def _gate(rule: str, description: str, **evidence: Any) -> GateDraft:
    return GateDraft(rule=rule, risk=RULE_RISK[rule], description=description, evidence=evidence)


def _address_gates(facts: MoveFacts, config: PolicyConfig) -> list[GateDraft]:
    address = facts.address
    request = facts.request
    if address is None or not address.found or address.adres is None:
        return [
            _gate(
                Rule.ADDRESS_NOT_FOUND,
                "The new address is not in the BAG.",
                postcode=request.new_address.postcode,
                huisnummer=request.new_address.huisnummer,
                huisletter=request.new_address.huisletter,
                huisnummertoevoeging=request.new_address.huisnummertoevoeging,
            )
        ]
    gates: list[GateDraft] = []
    obj = address.object
    if obj is None:
        return [
            _gate(
                Rule.ADDRESS_NOT_FOUND,
                "The new address has no addressable object in the BAG.",
                adresseerbaar_object_identificatie=address.adres.adresseerbaar_object_identificatie,
            )
        ]
    if "woonfunctie" not in obj.gebruiksdoelen:
        gates.append(
            _gate(
                Rule.NON_RESIDENTIAL,
                "The object at the new address is not meant for living (no woonfunctie).",
                adresseerbaar_object_identificatie=obj.identificatie,
                gebruiksdoelen=obj.gebruiksdoelen,
            )
        )
    if obj.status not in IN_USE_STATUSES:
        gates.append(
            _gate(
                Rule.OBJECT_STATUS,
                "The object at the new address is not in use.",
                adresseerbaar_object_identificatie=obj.identificatie,
                status=obj.status,
            )
        )
    mover_bsns = set(request.mover_bsns)
    staying = [r for r in address.residents if r.burgerservicenummer not in mover_bsns]
    residents_after = len(staying) + len(mover_bsns)
    if obj.oppervlakte is not None and residents_after > 0:
        per_person = obj.oppervlakte / residents_after
        if per_person < config.min_m2_per_person:
            gates.append(
                _gate(
                    Rule.OCCUPANCY,
                    f"After the move {residents_after} people would live on {obj.oppervlakte} m² "
                    f"({per_person:.1f} m² each, below {config.min_m2_per_person:g}).",
                    adresseerbaar_object_identificatie=obj.identificatie,
                    oppervlakte=obj.oppervlakte,
                    residents_now=len(staying),
                    movers=len(mover_bsns),
                    m2_per_person=round(per_person, 1),
                    threshold=config.min_m2_per_person,
                )
            )
    if obj.in_onderzoek:
        gates.append(
            _gate(
                Rule.IN_ONDERZOEK,
                "The new address is under investigation.",
                adresseerbaar_object_identificatie=obj.identificatie,
            )
        )
    return gates


def _lives_with(reporter: PersoonPublic, person: PersoonPublic) -> bool:
    home = _object_id(reporter)
    return home is not None and home == _object_id(person)


def _may_report_for(reporter: PersoonPublic | None, person: PersoonPublic, version: str) -> bool:
    """Whether the reporter may report the move of a co-mover aged 16 or over.

    Authority comes from the reporter's own BRP record: a spouse or registered partner; from
    v1.1 also a parent, or a child of 18 or over, who lives at the reporter's address.
    """
    if reporter is None:
        return False
    bsn = person.burgerservicenummer
    if bsn in {p.burgerservicenummer for p in reporter.partners if p.burgerservicenummer}:
        return True
    if version == POLICY_VERSION or not _lives_with(reporter, person):
        return False
    if bsn in {o.burgerservicenummer for o in reporter.ouders if o.burgerservicenummer}:
        return True
    age = _age(person)
    children = {k.burgerservicenummer for k in reporter.kinderen if k.burgerservicenummer}
    return bsn in children and age is not None and age >= ADULT_AGE


def _reporter_too_young(facts: MoveFacts, version: str) -> dict[str, Any] | None:
    """From v1.1: the reporter, when BRP gives their age and it is under 16."""
    reporter = facts.reporter
    if version == POLICY_VERSION or reporter is None:
        return None
    age = _age(reporter)
    if age is None or age >= SELF_REPORT_AGE:
        return None
    return {"burgerservicenummer": reporter.burgerservicenummer, "leeftijd": age}


def _no_change_gates(facts: MoveFacts, version: str) -> list[GateDraft]:
    """From v1.1: movers BRP has registered at the reported address already."""
    target = new_object_id(facts)
    if version == POLICY_VERSION or target is None:
        return []
    there = [p.burgerservicenummer for p in movers(facts) if _object_id(p) == target]
    if not there:
        return []
    return [
        _gate(
            Rule.NO_CHANGE,
            "A mover is already registered at the reported address.",
            burgerservicenummers=there,
            adresseerbaar_object_identificatie=target,
        )
    ]


def _person_gates(facts: MoveFacts, version: str = POLICY_VERSION) -> list[GateDraft]:
    request = facts.request
    gates: list[GateDraft] = []
    unknown = [b for b in request.mover_bsns if b not in facts.persons]
    if unknown:
        gates.append(
            _gate(
                Rule.PERSON_NOT_FOUND,
                "A mover is not in the BRP.",
                burgerservicenummers=unknown,
            )
        )
    reporter = facts.reporter
    mover_bsns = set(request.mover_bsns)
    custody_issues: list[dict[str, Any]] = []
    not_authorised: list[dict[str, Any]] = []
    for person in facts.co_movers:
        age = _age(person)
        if age is not None and age < ADULT_AGE:
            holders = {
                h.burgerservicenummer
                for g in person.gezag
                if g.minderjarige.burgerservicenummer == person.burgerservicenummer
                for h in [*(g.ouders or []), *([g.ouder] if g.ouder else [])]
                if h.burgerservicenummer
            }
            joint = any(g.type == JOINT_CUSTODY for g in person.gezag)
            staying = sorted(holders - mover_bsns)
            if (joint and staying) or not (holders & mover_bsns):
                custody_issues.append(
                    {
                        "minderjarige": person.burgerservicenummer,
                        "gezag": [g.type for g in person.gezag],
                        "gezaghouders_niet_mee": staying,
                    }
                )
        # An unknown age cannot show that someone else may report for this person.
        if (age is None or age >= SELF_REPORT_AGE) and not _may_report_for(
            reporter, person, version
        ):
            not_authorised.append(
                {"burgerservicenummer": person.burgerservicenummer, "leeftijd": age}
            )
    if custody_issues:
        gates.append(
            _gate(
                Rule.CUSTODY,
                "A minor moves while a custody holder neither reports nor moves.",
                minderjarigen=custody_issues,
            )
        )
    too_young = _reporter_too_young(facts, version)
    if too_young is not None:
        gates.append(
            _gate(
                Rule.NOT_AUTHORISED,
                f"The reporter is {too_young['leeftijd']}: under {SELF_REPORT_AGE} one cannot "
                "report a move.",
                melder=too_young,
            )
        )
    if not_authorised:
        gates.append(
            _gate(
                Rule.NOT_AUTHORISED,
                "A co-mover aged 16 or over is not the reporter's spouse or registered partner."
                if version == POLICY_VERSION
                else "A co-mover aged 16 or over is not the reporter's spouse or registered "
                "partner, nor a parent or adult child living at the reporter's address.",
                co_movers=not_authorised,
            )
        )
    gates.extend(_no_change_gates(facts, version))
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


def _merge_same_rule(gates: list[GateDraft]) -> list[GateDraft]:
    merged: dict[str, GateDraft] = {}
    for gate in gates:
        if gate.rule in merged:
            first = merged[gate.rule]
            first.description = f"{first.description} {gate.description}"
            first.evidence = {**first.evidence, **gate.evidence}
        else:
            merged[gate.rule] = gate.model_copy(deep=True)
    return list(merged.values())


def evaluate(
    facts: MoveFacts,
    plan: MovePlan | None,
    *,
    reported_on: date,
    config: PolicyConfig,
    agent_failure: str | None = None,
    agent_transcript: list[dict[str, Any]] | None = None,
    version: str = POLICY_VERSION,
) -> PolicyResult:
    """Decide the mandatory gates and the steps of a case.

    Args:
        facts: What the look-up tools fetched from the registries.
        plan: The agent's plan, None when it produced none.
        reported_on: The day the move was reported (for `late_report`).
        config: The case's policy parameters.
        agent_failure: Why the agent produced no plan, if it did not.
        agent_transcript: The agent's conversation (in tokens), shown on `agent_failure`.
        version: The policy version to apply (`POLICY_VERSIONS`): the case's own.

    Returns:
        Gates (one per rule), the steps the facts call for, flags and the rules fired.

    Raises:
        ValueError: An unknown version.
    """
    if version not in POLICY_VERSIONS:
        raise ValueError(f"no policy version {version}")
    gates = _address_gates(facts, config) + _person_gates(facts, version)
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
    flags = []
    if facts.request.move_date < reported_on - timedelta(days=LATE_AFTER_DAYS):
        flags.append("late_report")
    merged = _merge_same_rule(gates)
    return PolicyResult(
        version=version,
        gates=merged,
        steps=steps,
        flags=flags,
        municipality=case_municipality(facts),
        new_object_id=new_object_id(facts),
        rules_fired=[g.rule for g in merged],
    )

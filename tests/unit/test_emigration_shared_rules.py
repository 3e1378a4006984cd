"""The emigration and the rules every life event shares, without I/O: its rule table ends with
the shared rules, its letter's facts, frame and template, its fixed letters after a
cancellation or a rejected rest, and a deceased co-mover the person look-up answers."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from agents.emigration.lookups import PERSON_FIELDS, fetch_persons, merge_persons
from burgerflow.core.constants import Role
from burgerflow.registry.schemas.brp import (
    AUTOMATIC_FIELDS,
    OPSCHORTING_OVERLIJDEN,
    NaamPublic,
    OpschortingBijhouding,
    PersoonPublic,
    VerblijfadresPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.common import Datum, Waardetabel
from workflows.case.letters import (
    STILL_TO_DO_HEADING,
    WHERE_TO_ASK_HEADING,
    LetterSource,
    ProblemKind,
    check_draft,
    frame_letter,
    settle_letter,
)
from workflows.case.models import Reporter
from workflows.case.rules import SHARED_RULES
from workflows.emigration import messages
from workflows.emigration.domain import EmigrationFacts, EmigrationRequest
from workflows.emigration.letters import letter_facts, letter_frame
from workflows.emigration.life_event import EMIGRATION
from workflows.emigration.models import ReportEmigrationInput
from workflows.emigration.policy import evaluate, expected_steps
from workflows.emigration.rules import POLICY_RULES, RULES
from workflows.emigration.scenario_kit import ADDRESSES

REPORTER, PARTNER = "999900006", "999900018"
TODAY = date(2026, 11, 30)
DEPARTURE = date(2026, 12, 2)


def _case(country: str = "BE", *, departure: date = DEPARTURE) -> ReportEmigrationInput:
    return ReportEmigrationInput(
        case_id="emi-test",
        bsn=REPORTER,
        co_movers=[PARTNER],
        departure_date=departure,
        country=country,
        foreign_address=ADDRESSES[country],
        reported_at=datetime(2026, 11, 30, 9, tzinfo=UTC),
        reported_on=TODAY,
        reported_by=Reporter(role=Role.CITIZEN, sub="citizen"),
    )


def _person(bsn: str, *, voornaam: str, **fields: Any) -> PersoonPublic:
    return PersoonPublic(
        burgerservicenummer=bsn,
        naam=NaamPublic(
            voornamen=voornaam, geslachtsnaam="Proef", volledige_naam=voornaam + " Proef"
        ),
        leeftijd=40,
        verblijfplaats=VerblijfplaatsPublic(
            adresseerbaar_object_identificatie="0363010000000001",
            verblijfadres=VerblijfadresPublic(
                officiele_straatnaam="Proefstraat",
                korte_straatnaam="Proefstr",
                huisnummer=12,
                huisletter="A",
                postcode="1093FR",
                woonplaats="Amsterdam",
            ),
        ),
        gemeente_van_inschrijving=Waardetabel(code="0363", omschrijving="Amsterdam"),
        **fields,
    )


def _facts(case: ReportEmigrationInput) -> EmigrationFacts:
    request = EmigrationRequest(
        bsn=case.bsn,
        co_movers=case.co_movers,
        country=case.country,
        foreign_address=case.foreign_address,
        departure_date=case.departure_date,
    )
    return EmigrationFacts(
        request=request,
        persons={
            REPORTER: _person(REPORTER, voornaam="Anna", partners=[]),
            PARTNER: _person(PARTNER, voornaam="Bram"),
        },
    )


# The rule table -----------------------------------------------------------------------------


def test_the_rule_table_ends_with_the_shared_rules():
    assert RULES.ids() == POLICY_RULES.ids() + SHARED_RULES.ids()
    assert RULES.ids()[-2:] == ["letter_review", "step_failure"]
    assert EMIGRATION.rules is RULES
    for rule in SHARED_RULES:
        assert RULES[rule.id] == rule


# The letter ------------------------------------------------------------------------------------


@pytest.mark.parametrize("country", sorted(ADDRESSES))
def test_a_draft_naming_the_case_passes_for_every_country(country: str):
    case = _case(country)
    abroad = case.foreign_address
    draft = "\n".join(
        [
            "Beste Anna Proef,",
            "",
            f"Wij hebben uw melding van vertrek ontvangen. U gaat wonen op {abroad.line()}.",
            "U woonde op Proefstraat 12A, 1093 FR Amsterdam.",
            "Wij schrijven u uit vanaf 2 december 2026 (gemeld op 30-11-2026).",
            "Wij laten de Belastingdienst weten dat u vertrekt. De gemeente Amsterdam stopt uw "
            "gemeentelijke belastingen.",
            "",
            "Met vriendelijke groet,",
            "De gemeente",
        ]
    )
    facts = letter_facts(case, _facts(case), expected_steps(_facts(case)), "0363")

    assert check_draft(draft, facts) == []


@pytest.mark.parametrize(
    ("sentence", "kind", "found"),
    [
        ("U vertrekt op 3 december 2026.", ProblemKind.DATE, "3 december 2026"),
        ("Uw post gaat naar Kerkstraat 5 in Brussel.", ProblemKind.ADDRESS, "Kerkstraat 5"),
        ("Het UWV hoort ook van uw vertrek.", ProblemKind.ORGANISATION, "UWV"),
        ("De RDW hoort van uw vertrek.", ProblemKind.ORGANISATION, "RDW"),
        ("De gemeente Utrecht is ingelicht.", ProblemKind.ORGANISATION, "gemeente Utrecht"),
        ("Bel ons op 020 123 4567.", ProblemKind.CONTACT, "020 123 4567"),
    ],
)
def test_a_draft_naming_what_the_emigration_does_not_fails(
    sentence: str, kind: ProblemKind, found: str
):
    case = _case()
    facts = letter_facts(case, _facts(case), expected_steps(_facts(case)), "0363")
    problems = check_draft(f"Beste Anna,\n\nWij hebben uw vertrek verwerkt. {sentence}", facts)

    assert [(p.kind, p.found) for p in problems] == [(kind, found)]


def test_the_template_in_the_frame_names_the_country_the_day_and_the_proof():
    case = _case("CW", departure=TODAY + timedelta(days=4))
    frame = letter_frame(_facts(case), "0363")
    letter = settle_letter(
        None, facts=letter_facts(case, _facts(case), [], "0363"), frame=frame,
        template=messages.completed_body(case),
    )  # fmt: skip

    assert letter.source is LetterSource.TEMPLATE
    assert letter.text.startswith("Beste Anna Proef,\n\nWij hebben uw vertrek naar Curaçao")
    assert "04-12-2026" in letter.text and "Het bewijs is gratis." in letter.text
    assert STILL_TO_DO_HEADING in letter.text and WHERE_TO_ASK_HEADING in letter.text
    assert letter.text.endswith("Met vriendelijke groet,\nGemeente Amsterdam")
    assert letter.text == frame_letter(frame, messages.completed_body(case))
    # The template passes the check it replaces a draft for.
    assert (
        check_draft(messages.completed_body(case), letter_facts(case, _facts(case), [], "0363"))
        == []
    )


def test_a_case_handled_by_the_rni_is_signed_by_the_municipality_in_general():
    frame = letter_frame(_facts(_case()), "1999")
    assert frame.sender == "Uw gemeente" and "uw gemeente" in frame.where_to_ask


# The fixed letters ------------------------------------------------------------------------------


def test_the_cancellation_letters_say_who_stopped_it_and_that_nothing_changed():
    by_citizen = messages.cancelled(_case(), by_citizen=True, reason="Ik blijf.")
    by_caseworker = messages.cancelled(_case(), by_citizen=False, reason="Dubbele melding.")

    assert "ingetrokken" in by_citizen and "Ik blijf." not in by_citizen
    assert "stopgezet" in by_caseworker and "Dubbele melding." in by_caseworker
    for text in (by_citizen, by_caseworker):
        assert "België" in text and "nog ingeschreven" in text
        assert text.startswith("Beste inwoner,") and text.endswith("De gemeente")
    rest = messages.rest_rejected(_case(), "Regelt de burger zelf.")
    assert "niet helemaal" in rest and "Regelt de burger zelf." in rest and "bezwaar" in rest


# A deceased co-mover ------------------------------------------------------------------------------


class _Brp:
    """A BRP whose look-up by BSN answers a deceased person, as the Haal Centraal API does."""

    def __init__(self, personen: list[PersoonPublic]) -> None:
        self.personen = personen
        self.asked: list[tuple[list[str], list[str]]] = []

    async def brp_personen(
        self, bsns: list[str], *, fields: list[str] | None = None
    ) -> list[PersoonPublic]:
        self.asked.append((list(bsns), list(fields or [])))
        return [p for p in self.personen if p.burgerservicenummer in bsns]


async def test_a_deceased_co_mover_the_look_up_answers_raises_already_abroad():
    case = _case()
    deceased = _person(
        PARTNER,
        voornaam="Bram",
        opschorting_bijhouding=OpschortingBijhouding(
            reden=Waardetabel(code=OPSCHORTING_OVERLIJDEN),
            datum=Datum.of(date(2026, 10, 1)),
        ),
    )
    brp = _Brp([_person(REPORTER, voornaam="Anna"), deceased])
    facts = EmigrationFacts(request=_facts(case).request)

    result = await fetch_persons(brp, [REPORTER, PARTNER], facts)  # type: ignore[arg-type]
    merge_persons(facts, result)

    assert brp.asked == [([REPORTER, PARTNER], list(PERSON_FIELDS))]
    assert not set(AUTOMATIC_FIELDS) & set(PERSON_FIELDS), "the BRP refuses them in fields"
    assert result.failures == [], "a deceased person is no person_not_found"
    verdict = evaluate(facts, None, reported_on=TODAY)
    assert "already_abroad" in verdict.rules_fired
    assert "person_not_found" not in verdict.rules_fired
    assert PARTNER not in {s.subject for s in verdict.steps}

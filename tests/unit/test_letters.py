"""Unit tests of the letter check: a draft names only the case's facts, inside a fixed frame."""

from datetime import date
from decimal import Decimal

import pytest

from tests.support import move_input
from workflows.case.letters import (
    CLOSING,
    STILL_TO_DO_HEADING,
    WHERE_TO_ASK_HEADING,
    LetterFacts,
    LetterFrame,
    LetterSource,
    ProblemKind,
    check_draft,
    frame_letter,
    settle_letter,
    what_happened,
)
from workflows.change_of_address.letters import letter_facts, letter_frame
from workflows.change_of_address.policy import expected_steps

from .factories import MOVE_DATE, REPORTER, belasting, facts, person, request, toeslag

FACTS = LetterFacts(
    dates=[date(2026, 12, 1), date(2026, 11, 20)],
    addresses=["Proefstraat 12A, 1093FR Amsterdam", "Oude Laan 3, 3011 AB Rotterdam"],
    organisations=["Belastingdienst", "Dienst Toeslagen", "gemeente Amsterdam"],
    amounts=[Decimal("12.50")],
)

GOOD = """Beste Anna Jansen,

Wij hebben uw verhuizing ontvangen. U verhuist op 1 december 2026 naar Proefstraat 12A,
1093 FR Amsterdam. U meldde het op 20-11-2026 (2026-11-20).

Wat gebeurt er nu?
- Wij geven uw nieuwe adres door aan de Belastingdienst en Dienst Toeslagen.
- U betaalt de gemeentelijke belastingen voortaan aan de gemeente Amsterdam.
- De leges van € 12,50 zijn al betaald. Uw oude adres was Oude Laan 3.

Met vriendelijke groet,
Gemeente Amsterdam"""

FRAME = LetterFrame(
    greeting="Beste Anna Jansen,",
    still_to_do="Geef uw adres door aan uw zorgverzekeraar.",
    where_to_ask="Neem contact op met de gemeente Amsterdam.",
    sender="Gemeente Amsterdam",
)


def test_a_good_draft_passes():
    assert check_draft(GOOD, FACTS) == []


@pytest.mark.parametrize(
    ("sentence", "kind", "found"),
    [
        ("U krijgt op 1 januari 2031 bericht.", ProblemKind.DATE, "1 januari 2031"),
        ("Uw nieuwe adres geldt vanaf 02-12-2026.", ProblemKind.DATE, "02-12-2026"),
        ("Wij kijken op 3 december opnieuw.", ProblemKind.DATE, "3 december"),
        ("Het was 31-02-2026.", ProblemKind.DATE, "31-02-2026"),
        ("U verhuist naar Kerkstraat 5.", ProblemKind.ADDRESS, "Kerkstraat 5"),
        ("Uw post gaat naar 1011 AA.", ProblemKind.ADDRESS, "1011 AA"),
        ("Het is Proefstraat 12B.", ProblemKind.ADDRESS, "Proefstraat 12B"),
        ("Het UWV krijgt uw adres.", ProblemKind.ORGANISATION, "UWV"),
        ("De RDW krijgt uw adres.", ProblemKind.ORGANISATION, "RDW"),
        ("Vraag het de gemeente Utrecht.", ProblemKind.ORGANISATION, "gemeente Utrecht"),
        ("U betaalt € 35,00 leges.", ProblemKind.AMOUNT, "€ 35,00"),
        ("U krijgt 40 euro terug.", ProblemKind.AMOUNT, "40 euro"),
        ("Bel 020-1234567.", ProblemKind.CONTACT, "020-1234567"),
        ("Kijk op www.amsterdam.nl.", ProblemKind.CONTACT, "www.amsterdam.nl"),
        ("Mail naar info@gemeente.nl.", ProblemKind.CONTACT, "info@gemeente.nl"),
    ],
)
def test_what_the_case_does_not_name_fails(sentence, kind, found):
    draft = GOOD.replace("Met vriendelijke groet,", f"{sentence}\n\nMet vriendelijke groet,")

    problems = check_draft(draft, FACTS)

    assert [(p.kind, p.found) for p in problems] == [(kind, found)]
    assert found in problems[0].describe()


def test_a_draft_must_tell_what_happened():
    problems = check_draft("Beste Anna,\n\nMet vriendelijke groet,\nGemeente Amsterdam", FACTS)

    assert [p.kind for p in problems] == [ProblemKind.FRAME]


def test_the_frame_holds_what_happened_without_the_drafts_own_greeting_and_closing():
    body = what_happened(GOOD)
    letter = frame_letter(FRAME, body)

    assert body.startswith("Wij hebben uw verhuizing ontvangen.")
    assert "Met vriendelijke groet" not in body and "Beste" not in body
    lines = letter.splitlines()
    assert lines[0] == "Beste Anna Jansen," and lines[-2:] == [CLOSING, "Gemeente Amsterdam"]
    assert letter.index(body) < letter.index(STILL_TO_DO_HEADING)
    assert letter.index(STILL_TO_DO_HEADING) < letter.index(WHERE_TO_ASK_HEADING)
    assert letter.count("Met vriendelijke groet") == 1


def test_a_failing_draft_is_replaced_by_the_template_and_says_why():
    bad = GOOD + "\nHet UWV schrijft u op 1 januari 2031."

    letter = settle_letter(bad, facts=FACTS, frame=FRAME, template="Uw verhuizing is verwerkt.")

    assert letter.source is LetterSource.TEMPLATE and letter.draft == bad
    assert letter.text == frame_letter(FRAME, "Uw verhuizing is verwerkt.")
    assert "UWV" in letter.why() and "1 januari 2031" in letter.why()
    passed = settle_letter(GOOD, facts=FACTS, frame=FRAME, template="Uw verhuizing is verwerkt.")
    assert passed.source is LetterSource.MODEL and passed.problems == []
    assert passed.text == frame_letter(FRAME, what_happened(GOOD))
    none = settle_letter(None, facts=FACTS, frame=FRAME, template="T.", review=True)
    assert none.source is LetterSource.TEMPLATE and "no drafted letter" in none.why()


def test_the_check_is_deterministic():
    assert check_draft(GOOD + " UWV", FACTS) == check_draft(GOOD + " UWV", FACTS)


# --- the change of address's facts and frame ---------------------------------------------


def test_a_moves_letter_may_name_its_dates_addresses_and_informed_organisations():
    f = facts(
        request(),
        [person(REPORTER)],
        toeslagen={REPORTER: [toeslag()]},
        belastingen={REPORTER: [belasting()]},
    )
    case = move_input(REPORTER, "1011AA", 1, move_date=MOVE_DATE, reported_on=MOVE_DATE)
    allowed = letter_facts(case, f, expected_steps(f))

    assert set(allowed.dates) == {case.move_date, case.reported_on}
    assert "Teststraat 1, 1011AA Amsterdam" in allowed.addresses
    assert {"Belastingdienst", "Dienst Toeslagen", "gemeente Amsterdam"} <= set(
        allowed.organisations
    )
    assert "RDW" not in allowed.organisations, "no vehicles, no RDW step"
    draft = (
        "Beste inwoner,\n\nU verhuist op 2 maart 2026 naar Teststraat 1, 1011 AA Amsterdam. "
        "Wij geven uw adres door aan de Belastingdienst en Dienst Toeslagen.\n\n"
        "Met vriendelijke groet,\nGemeente Amsterdam"
    )
    assert check_draft(draft, allowed) == []
    assert [p.found for p in check_draft(draft + " De RDW ook.", allowed)] == ["RDW"]
    frame = letter_frame(f, "0363")
    assert frame.sender == "Gemeente Amsterdam" and "gemeente Amsterdam" in frame.where_to_ask
    assert letter_frame(f, None).sender == "Uw gemeente"

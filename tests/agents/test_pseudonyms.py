"""Case-local pseudonyms: tokens given out in order, scrubbing, and decoding on the worker."""

from datetime import date

import pytest

from agents.pseudonyms import (
    PseudonymKind,
    PseudonymRole,
    Pseudonyms,
    UnknownPseudonym,
    is_token,
)

REPORTER = "999993653"
PARTNER = "999990019"
INVENTED = "111222333"
OBJECT = "0363010000101201"


def case() -> Pseudonyms:
    pseudonyms = Pseudonyms()
    pseudonyms.person(REPORTER, role=PseudonymRole.REPORTER)
    pseudonyms.person(PARTNER, "Anna Jansen", role=PseudonymRole.CO_MOVER)
    pseudonyms.reported_address("huisnummer 1, 1012 AB")
    return pseudonyms


def test_tokens_are_numbered_per_kind_in_order_and_stable() -> None:
    pseudonyms = case()
    assert pseudonyms.person(REPORTER, "Daan van den Berg") == "PERSON_1"
    assert pseudonyms.person(PARTNER) == "PERSON_2"
    assert pseudonyms.person(INVENTED) == "PERSON_3"
    assert pseudonyms.address("0599010001000476", "West-Kruiskade 26D, 3032 AP Rotterdam") == (
        "ADDRESS_2"
    )
    assert pseudonyms.birthdate(date(1988, 6, 14)) == "BIRTHDATE_1"
    assert pseudonyms.birthdate(date(1988, 6, 14)) == "BIRTHDATE_1"
    # A name learnt later fills in a token given out without one.
    assert pseudonyms.resolve("PERSON_1", PseudonymKind.PERSON).text == "Daan van den Berg"
    assert [e.token for e in pseudonyms.with_role(PseudonymRole.NEW_ADDRESS)] == ["ADDRESS_1"]
    # The same facts in the same order give the same tokens: replay gives the same prompts.
    assert case() == case()
    # And the mapping survives JSON (it travels in the graph state).
    assert Pseudonyms.model_validate_json(pseudonyms.model_dump_json()) == pseudonyms


def test_a_reported_address_is_bound_to_its_bag_object_once_found() -> None:
    pseudonyms = case()
    pseudonyms.bind_address("ADDRESS_1", OBJECT, "Damrak 1, 1012 AB Amsterdam")
    assert pseudonyms.address(OBJECT) == "ADDRESS_1"
    assert pseudonyms.decode_value("ADDRESS_1") == OBJECT
    assert pseudonyms.decode_text("naar ADDRESS_1") == "naar Damrak 1, 1012 AB Amsterdam"


def test_scrub_replaces_every_identifier_it_can_find() -> None:
    pseudonyms = case()
    pseudonyms.bind_address("ADDRESS_1", OBJECT, "Damrak 1, 1012 AB Amsterdam")
    pseudonyms.birthdate(date(1990, 4, 1))
    text = (
        f"Persoon {REPORTER} en Anna Jansen (geboren 1990-04-01) wonen op {OBJECT} "
        f"(Damrak 1, 1012 AB Amsterdam); ook {INVENTED}, maar 123456789 en 0363 niet."
    )
    assert pseudonyms.scrub(text) == (
        "Persoon PERSON_1 en PERSON_2 (geboren BIRTHDATE_1) wonen op ADDRESS_1 "
        "(ADDRESS_1); ook PERSON_3, maar 123456789 en 0363 niet."
    )
    # A BSN no one gave the model gets a token of its own (and stays unknown to texts).
    assert pseudonyms.resolve("PERSON_3", PseudonymKind.PERSON).value == INVENTED
    # Numbers that are part of longer numbers are left alone.
    assert pseudonyms.scrub(f"1{REPORTER}0") == f"1{REPORTER}0"


def test_scrub_json_walks_values_and_catches_numbers() -> None:
    pseudonyms = case()
    scrubbed = pseudonyms.scrub_json(
        {"persons": [REPORTER, int(PARTNER)], "note": {"bsn": INVENTED}, "n": 3, "ok": True}
    )
    assert scrubbed == {
        "persons": ["PERSON_1", "PERSON_2"],
        "note": {"bsn": "PERSON_3"},
        "n": 3,
        "ok": True,
    }


def test_decoding_refuses_what_the_case_does_not_know() -> None:
    pseudonyms = case()
    assert pseudonyms.decode_text("Beste PERSON_2,") == "Beste Anna Jansen,"
    with pytest.raises(UnknownPseudonym, match="PERSON_9 is not a token of this case"):
        pseudonyms.decode_text("Beste PERSON_9,")
    with pytest.raises(UnknownPseudonym, match="PERSON_1 has no known name"):
        pseudonyms.decode_text("Beste PERSON_1,")
    with pytest.raises(UnknownPseudonym, match="no BAG object"):
        pseudonyms.decode_value("ADDRESS_1")
    with pytest.raises(UnknownPseudonym, match="not a person token"):
        pseudonyms.resolve("ADDRESS_1", PseudonymKind.PERSON)
    assert pseudonyms.decode_value(["PERSON_1", "0363", 5]) == [REPORTER, "0363", 5]


def test_is_token() -> None:
    assert is_token("PERSON_12") and is_token("ADDRESS_1") and is_token("BIRTHDATE_3")
    assert not is_token("PERSON_0") and not is_token("PERSON_1 ") and not is_token(REPORTER)
    assert not is_token(1)

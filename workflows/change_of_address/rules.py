"""The rule tables of the change-of-address policy: id, risk and what each rule checks.

`RULES` is the table of the current version (v1.1), ending with the rules every case shares;
`RULES_1_0` that of v1.0, whose `not_authorised` reads differently and which has no
`no_change`: a gate of a case started under v1.0 shows its own version's words.
"""

from workflows.case.models import Risk
from workflows.case.rules import SHARED_RULES, RuleSpec, RuleTable


class Rule:
    """Rule ids of the policy (the gate `rule` field); `NO_CHANGE` came with v1.1."""

    ADDRESS_NOT_FOUND = "address_not_found"
    NON_RESIDENTIAL = "non_residential"
    OBJECT_STATUS = "object_status"
    OCCUPANCY = "occupancy"
    CUSTODY = "custody"
    NOT_AUTHORISED = "not_authorised"
    NO_CHANGE = "no_change"
    IN_ONDERZOEK = "in_onderzoek"
    PERSON_NOT_FOUND = "person_not_found"
    AGENT_FLAG = "agent_flag"
    AGENT_FAILURE = "agent_failure"


RULES_1_0 = RuleTable(
    (
        RuleSpec(
            Rule.ADDRESS_NOT_FOUND,
            Risk.NORMAL,
            nl="Het nieuwe adres staat niet in de BAG.",
            en="The reported address is not in the BAG.",
        ),
        RuleSpec(
            Rule.NON_RESIDENTIAL,
            Risk.HIGH,
            nl="Het object op het nieuwe adres is niet bedoeld om in te wonen (geen woonfunctie).",
            en="The address's object has no residential use (woonfunctie) in the BAG.",
        ),
        RuleSpec(
            Rule.OBJECT_STATUS,
            Risk.NORMAL,
            nl="Het object op het nieuwe adres is nog niet in gebruik.",
            en="The address's object is not in use according to the BAG.",
        ),
        RuleSpec(
            Rule.OCCUPANCY,
            Risk.HIGH,
            nl="Na de verhuizing wonen er te veel mensen op te weinig m².",
            en="After the move, fewer square metres per registered resident than the "
            "configured minimum.",
        ),
        RuleSpec(
            Rule.CUSTODY,
            Risk.NORMAL,
            nl="Een minderjarige verhuist terwijl een gezagsdrager niet meldt en niet meeverhuist.",
            en="A minor moves while a joint custody holder neither reports nor moves along.",
        ),
        RuleSpec(
            Rule.NOT_AUTHORISED,
            Risk.NORMAL,
            nl="Een meeverhuizer van 16 jaar of ouder is geen echtgenoot of geregistreerd "
            "partner van de melder.",
            en="A co-mover aged 16 or over is not the reporter's spouse or partner.",
        ),
        RuleSpec(
            Rule.IN_ONDERZOEK,
            Risk.NORMAL,
            nl="Gegevens van een verhuizer of van het adres zijn in onderzoek.",
            en="A mover or the address is under investigation (in onderzoek).",
        ),
        RuleSpec(
            Rule.PERSON_NOT_FOUND,
            Risk.NORMAL,
            nl="Een verhuizer staat niet in de BRP.",
            en="A mover is not known in the BRP.",
        ),
        RuleSpec(
            Rule.AGENT_FLAG,
            Risk.NORMAL,
            nl="De assistent ziet een aandachtspunt, of zijn plan wijkt af van wat de feiten "
            "vragen.",
            en="The AI agent raised a concern, or its plan differs from what the facts call for.",
        ),
        RuleSpec(
            Rule.AGENT_FAILURE,
            Risk.NORMAL,
            nl="De assistent gaf geen geldig plan, of niet alle gegevens zijn opgehaald.",
            en="The AI agent produced no valid plan.",
        ),
    )
)
"""Every rule of policy v1.0, in the order the policy checks them."""

NOT_AUTHORISED_1_1 = RuleSpec(
    Rule.NOT_AUTHORISED,
    Risk.NORMAL,
    nl="De melder is jonger dan 16 jaar, of een meeverhuizer van 16 jaar of ouder is geen "
    "echtgenoot of geregistreerd partner van de melder, en ook geen ouder of meerderjarig "
    "kind dat op het adres van de melder woont.",
    en="The reporter is under 16, or a co-mover aged 16 or over is neither the reporter's "
    "spouse or registered partner nor a parent or adult child living at the reporter's "
    "address.",
)
NO_CHANGE = RuleSpec(
    Rule.NO_CHANGE,
    Risk.NORMAL,
    nl="Een verhuizer staat al ingeschreven op het gemelde adres.",
    en="A mover is already registered at the reported address.",
)


def _v1_1(rules: RuleTable) -> RuleTable:
    rows: list[RuleSpec] = []
    for rule in rules:
        if rule.id == Rule.NOT_AUTHORISED:
            rows += [NOT_AUTHORISED_1_1, NO_CHANGE]
        else:
            rows.append(rule)
    return RuleTable(tuple(rows))


RULES = _v1_1(RULES_1_0) + SHARED_RULES
"""Every rule of policy v1.1, in the order the policy checks them, then the shared ones."""

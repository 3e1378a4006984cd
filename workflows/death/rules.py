"""The rule table of the report of a death's policy v1: id, risk and what each rule checks."""

from workflows.case.models import Risk
from workflows.case.rules import SHARED_RULES, RuleSpec, RuleTable


class Rule:
    """Rule ids of policy v1 (the gate `rule` field)."""

    DEED = "deed"
    IDENTITY_MISMATCH = "identity_mismatch"
    NON_NATURAL = "non_natural"
    DISPOSAL_DATE = "disposal_date"
    MINOR_WITHOUT_CUSTODY = "minor_without_custody"
    ALREADY_DECEASED = "already_deceased"
    PERSON_NOT_FOUND = "person_not_found"
    IN_ONDERZOEK = "in_onderzoek"
    AGENT_FLAG = "agent_flag"
    AGENT_FAILURE = "agent_failure"


RULES = (
    RuleTable(
        (
            RuleSpec(
                Rule.DEED,
                Risk.NORMAL,
                nl="De ambtenaar van de burgerlijke stand controleert de aangifte en maakt de akte "
                "van overlijden op. Dat is bij wet een handeling van een mens.",
                en="The registrar checks the report and draws up the deed of death: by law a "
                "person's act, so every report waits for one.",
                register="Altijd: een ambtenaar van de burgerlijke stand van de gemeente van "
                "overlijden controleert de aangifte en maakt de akte van overlijden op "
                "(Burgerlijk Wetboek Boek 1, titel 4); geen akte wordt automatisch opgemaakt.",
            ),
            RuleSpec(
                Rule.IDENTITY_MISMATCH,
                Risk.HIGH,
                nl="De gemelde achternaam of geboortedatum wijkt af van de BRP.",
                en="The reported surname or date of birth differs from the BRP's.",
            ),
            RuleSpec(
                Rule.NON_NATURAL,
                Risk.HIGH,
                nl="Het overlijden is niet natuurlijk; de officier van justitie gaf een verklaring "
                "van geen bezwaar.",
                en="The death is not natural (the public prosecutor's statement of no objection).",
            ),
            RuleSpec(
                Rule.DISPOSAL_DATE,
                Risk.NORMAL,
                nl="De begrafenis of crematie is eerder dan 36 uur of later dan de zesde werkdag "
                "na het overlijden; daar is toestemming van de burgemeester voor nodig.",
                en="The burial or cremation is sooner than 36 hours or later than the sixth "
                "working day after the death (the mayor's permission is needed).",
            ),
            RuleSpec(
                Rule.MINOR_WITHOUT_CUSTODY,
                Risk.HIGH,
                nl="De overledene had gezag over een minderjarige die nu geen levende "
                "gezagsdrager meer heeft.",
                en="The deceased held custody of a minor who now has no living custody holder.",
            ),
            RuleSpec(
                Rule.ALREADY_DECEASED,
                Risk.NORMAL,
                nl="De BRP heeft al een overlijden van deze persoon.",
                en="The BRP already records a death for this person.",
            ),
            RuleSpec(
                Rule.PERSON_NOT_FOUND,
                Risk.NORMAL,
                nl="De overledene staat niet in de BRP.",
                en="The deceased is not known in the BRP.",
            ),
            RuleSpec(
                Rule.IN_ONDERZOEK,
                Risk.NORMAL,
                nl="Gegevens van de overledene zijn in onderzoek.",
                en="The deceased's data are under investigation (in onderzoek).",
            ),
            RuleSpec(
                Rule.AGENT_FLAG,
                Risk.NORMAL,
                nl="De assistent ziet een aandachtspunt, of zijn plan wijkt af van wat de feiten "
                "vragen.",
                en="The AI agent raised a concern, or its plan differs from what the facts "
                "call for.",
            ),
            RuleSpec(
                Rule.AGENT_FAILURE,
                Risk.NORMAL,
                nl="De assistent gaf geen geldig plan, of niet alle gegevens zijn opgehaald.",
                en="The AI agent produced no valid plan.",
            ),
        )
    )
    + SHARED_RULES
)
"""Every rule of policy v1, in the order the policy checks them, then the rules every case
shares (a step a registry refused after the gates, a letter's review)."""

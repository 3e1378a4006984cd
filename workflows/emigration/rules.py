"""The rule table of emigration policy v1: id, risk and what each rule checks.

`POLICY_RULES` are the rules policy v1 checks itself; `RULES`, the table the page, the trail
and the transparency record read, ends with the rules every case shares (`SHARED_RULES`: a
letter's review, a step a registry refused after the gates).
"""

from workflows.case.models import Risk
from workflows.case.rules import SHARED_RULES, RuleSpec, RuleTable


class Rule:
    """Rule ids of policy v1 (the gate `rule` field)."""

    HOUSEHOLD_SPLIT = "household_split"
    CUSTODY = "custody"
    NOT_AUTHORISED = "not_authorised"
    ALREADY_ABROAD = "already_abroad"
    PERSON_NOT_FOUND = "person_not_found"
    IN_ONDERZOEK = "in_onderzoek"
    AGENT_FLAG = "agent_flag"
    AGENT_FAILURE = "agent_failure"


POLICY_RULES = RuleTable(
    (
        RuleSpec(
            Rule.HOUSEHOLD_SPLIT,
            Risk.NORMAL,
            nl="Iemand die op hetzelfde adres staat ingeschreven, vertrekt niet mee. De gemeente "
            "vraagt dan om een afspraak aan de balie.",
            en="Someone registered at a mover's address stays behind; municipalities then ask "
            "for an appointment in person.",
        ),
        RuleSpec(
            Rule.CUSTODY,
            Risk.HIGH,
            nl="Een minderjarige emigreert terwijl een gezagsdrager niet meldt en niet "
            "meevertrekt.",
            en="A minor emigrates while a custody holder neither reports nor emigrates.",
        ),
        RuleSpec(
            Rule.NOT_AUTHORISED,
            Risk.NORMAL,
            nl="De melder is jonger dan 16, of meldt voor iemand van 16 of ouder voor wie hij "
            "of zij niet mag melden.",
            en="The reporter is under 16, or a co-mover aged 16 or over is not one the reporter "
            "may report for (a spouse or partner, or a parent or adult child living together).",
        ),
        RuleSpec(
            Rule.ALREADY_ABROAD,
            Risk.NORMAL,
            nl="Een vertrekker staat al in het buitenland ingeschreven of is overleden.",
            en="A mover is already registered abroad, or deceased.",
        ),
        RuleSpec(
            Rule.PERSON_NOT_FOUND,
            Risk.NORMAL,
            nl="Een vertrekker staat niet in de BRP.",
            en="A mover is not known in the BRP.",
        ),
        RuleSpec(
            Rule.IN_ONDERZOEK,
            Risk.NORMAL,
            nl="Gegevens van een vertrekker zijn in onderzoek.",
            en="A mover's data are under investigation (in onderzoek).",
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
"""Every rule of policy v1, in the order the policy checks them."""

RULES = POLICY_RULES + SHARED_RULES
"""Every rule of policy v1, in the order the policy checks them, then the shared ones."""

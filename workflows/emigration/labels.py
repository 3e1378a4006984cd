"""Short names of the emigration's rules, for the caseworker page (`extras["rule_labels"]`).

The rule table (`rules.RULES`) says what each rule checks; these are the few words the inbox,
its filter and a gate's heading show for it, in Dutch and English.
"""

from workflows.emigration.rules import Rule

RULE_LABELS: dict[str, dict[str, str]] = {
    Rule.HOUSEHOLD_SPLIT: {"nl": "Huishouden gaat uiteen", "en": "Household splits up"},
    Rule.CUSTODY: {"nl": "Gezag over een minderjarige", "en": "Custody of a minor"},
    Rule.NOT_AUTHORISED: {"nl": "Niet bevoegd om te melden", "en": "Not authorised to report"},
    Rule.ALREADY_ABROAD: {"nl": "Al in het buitenland", "en": "Already abroad"},
    Rule.PERSON_NOT_FOUND: {"nl": "Persoon niet in de BRP", "en": "Person not in the BRP"},
    Rule.IN_ONDERZOEK: {"nl": "Gegevens in onderzoek", "en": "Data under investigation"},
    Rule.AGENT_FLAG: {"nl": "Signaal van de assistent", "en": "The agent's concern"},
    Rule.AGENT_FAILURE: {"nl": "Assistent gaf geen plan", "en": "The agent made no plan"},
}
"""Each rule's short name per language."""

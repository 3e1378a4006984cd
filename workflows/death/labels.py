"""Short names of the report of a death's rules, for the caseworker page (`extras["rule_labels"]`).

The rule table (`rules.RULES`) says what each rule checks; these are the few words the inbox,
its filter and a gate's heading show for it, in Dutch and English.
"""

from workflows.death.rules import Rule

RULE_LABELS: dict[str, dict[str, str]] = {
    Rule.DEED: {"nl": "Akte van overlijden", "en": "Deed of death"},
    Rule.IDENTITY_MISMATCH: {"nl": "Identiteit wijkt af", "en": "Identity differs"},
    Rule.NON_NATURAL: {"nl": "Niet-natuurlijk overlijden", "en": "Death not natural"},
    Rule.DISPOSAL_DATE: {"nl": "Datum uitvaart", "en": "Date of the funeral"},
    Rule.MINOR_WITHOUT_CUSTODY: {
        "nl": "Minderjarige zonder gezag",
        "en": "Minor without custody",
    },
    Rule.ALREADY_DECEASED: {"nl": "Al overleden in de BRP", "en": "Already deceased in the BRP"},
    Rule.PERSON_NOT_FOUND: {"nl": "Persoon niet in de BRP", "en": "Person not in the BRP"},
    Rule.IN_ONDERZOEK: {"nl": "Gegevens in onderzoek", "en": "Data under investigation"},
    Rule.AGENT_FLAG: {"nl": "Signaal van de assistent", "en": "The agent's concern"},
    Rule.AGENT_FAILURE: {"nl": "Assistent gaf geen plan", "en": "The agent made no plan"},
}
"""Each rule's short name per language."""

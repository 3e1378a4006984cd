"""Short names of the change of address's rules, for the caseworker page (`extras["rule_labels"]`).

The rule table (`rules.RULES`) says what each rule checks; these are the few words the inbox,
its filter and a gate's heading show for it, in Dutch and English.
"""

from workflows.change_of_address.rules import Rule

RULE_LABELS: dict[str, dict[str, str]] = {
    Rule.ADDRESS_NOT_FOUND: {"nl": "Adres niet gevonden", "en": "Address not found"},
    Rule.NON_RESIDENTIAL: {"nl": "Geen woonfunctie", "en": "Not meant for living"},
    Rule.OBJECT_STATUS: {"nl": "Object niet in gebruik", "en": "Object not in use"},
    Rule.OCCUPANCY: {"nl": "Te weinig m² per persoon", "en": "Too few m² per person"},
    Rule.CUSTODY: {"nl": "Gezag over een minderjarige", "en": "Custody of a minor"},
    Rule.NOT_AUTHORISED: {"nl": "Niet bevoegd om te melden", "en": "Not authorised to report"},
    Rule.NO_CHANGE: {"nl": "Woont er al", "en": "Already registered there"},
    Rule.IN_ONDERZOEK: {"nl": "Gegevens in onderzoek", "en": "Data under investigation"},
    Rule.PERSON_NOT_FOUND: {"nl": "Persoon niet in de BRP", "en": "Person not in the BRP"},
    Rule.AGENT_FLAG: {"nl": "Signaal van de assistent", "en": "The agent's concern"},
    Rule.AGENT_FAILURE: {"nl": "Assistent gaf geen plan", "en": "The agent made no plan"},
}
"""Each rule's short name per language."""

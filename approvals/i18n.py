"""The caseworker page's words in Dutch (the default) and English."""

from collections.abc import Callable

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

MESSAGES: dict[str, dict[str, str]] = {
    "app": {"nl": "burgerflow — beoordelen", "en": "burgerflow — reviews"},
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "language": {"nl": "Taal", "en": "Language"},
    "login.title": {"nl": "Inloggen", "en": "Log in"},
    "login.intro": {
        "nl": "Plak een token van een behandelaar (`burgerflow token --role caseworker "
        "--sub NAAM --municipality 0363`).",
        "en": "Paste a caseworker's token (`burgerflow token --role caseworker "
        "--sub NAME --municipality 0363`).",
    },
    "login.token": {"nl": "Token", "en": "Token"},
    "login.submit": {"nl": "Inloggen", "en": "Log in"},
    "login.invalid": {"nl": "Dit token is niet geldig.", "en": "This token is not valid."},
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "signed_in_as": {"nl": "Ingelogd als", "en": "Signed in as"},
    "forbidden": {"nl": "Geen toegang", "en": "No access"},
    "forbidden.role": {
        "nl": "Deze pagina is voor behandelaars, supervisors en auditors.",
        "en": "This page is for caseworkers, supervisors and auditors.",
    },
    "not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "inbox": {"nl": "Werkvoorraad", "en": "Inbox"},
    "inbox.counts": {"nl": "Aantallen", "en": "Counts"},
    "inbox.filters": {"nl": "Filters", "en": "Filters"},
    "inbox.apply": {"nl": "Toon", "en": "Show"},
    "inbox.reset": {"nl": "Wis filters", "en": "Clear filters"},
    "inbox.empty": {"nl": "Geen beoordelingen gevonden.", "en": "No reviews found."},
    "inbox.table": {"nl": "Beoordelingen", "en": "Reviews"},
    "count.pending": {"nl": "Open", "en": "Pending"},
    "count.overdue": {"nl": "Te laat", "en": "Overdue"},
    "count.escalated": {"nl": "Geëscaleerd", "en": "Escalated"},
    "count.mine": {"nl": "Van mij", "en": "Mine"},
    "count.unclaimed": {"nl": "Niet opgepakt", "en": "Unclaimed"},
    "count.approved": {"nl": "Goedgekeurd", "en": "Approved"},
    "count.rejected": {"nl": "Afgewezen", "en": "Rejected"},
    "any": {"nl": "Alle", "en": "Any"},
    "col.rule": {"nl": "Regel", "en": "Rule"},
    "col.risk": {"nl": "Risico", "en": "Risk"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.case": {"nl": "Zaak", "en": "Case"},
    "col.municipality": {"nl": "Gemeente", "en": "Municipality"},
    "col.due": {"nl": "Uiterlijk", "en": "Due"},
    "col.approvals": {"nl": "Akkoord", "en": "Approvals"},
    "col.claimed_by": {"nl": "Opgepakt door", "en": "Taken by"},
    "filter.overdue": {"nl": "Alleen te laat", "en": "Overdue only"},
    "filter.mine": {"nl": "Alleen van mij", "en": "Mine only"},
    "filter.escalated": {"nl": "Alleen geëscaleerd", "en": "Escalated only"},
    "filter.due_before": {"nl": "Uiterlijk vóór", "en": "Due before"},
    "overdue": {"nl": "te laat", "en": "overdue"},
    "escalated": {"nl": "geëscaleerd", "en": "escalated"},
    "four_eyes": {"nl": "vier ogen", "en": "four eyes"},
    "nobody": {"nl": "niemand", "en": "nobody"},
    "gate": {"nl": "Beoordeling", "en": "Review"},
    "back": {"nl": "Terug naar de werkvoorraad", "en": "Back to the inbox"},
    "gate.about": {"nl": "Waarom deze beoordeling", "en": "Why this review"},
    "gate.policy": {"nl": "Beleidsversie", "en": "Policy version"},
    "gate.rules_fired": {"nl": "Geraakte regels", "en": "Rules fired"},
    "gate.flags": {"nl": "Signalen", "en": "Flags"},
    "gate.evidence": {"nl": "Bewijs uit de registers", "en": "Evidence from the registries"},
    "gate.facts": {"nl": "Feiten van de zaak", "en": "Facts of the case"},
    "gate.summary": {"nl": "Samenvatting van de assistent", "en": "The agent's summary"},
    "gate.rationale": {"nl": "Onderbouwing van de assistent", "en": "The agent's rationale"},
    "gate.ai_note": {
        "nl": "Opgesteld door de AI-assistent; de regels en u beslissen.",
        "en": "Drafted by the AI agent; the rules and you decide.",
    },
    "gate.decisions": {"nl": "Besluiten", "en": "Decisions"},
    "gate.no_decisions": {"nl": "Nog geen besluiten.", "en": "No decisions yet."},
    "gate.comments": {"nl": "Notities", "en": "Notes"},
    "gate.no_comments": {"nl": "Nog geen notities.", "en": "No notes yet."},
    "gate.timeline": {"nl": "Verloop van de zaak", "en": "Case timeline"},
    "gate.timeline_unavailable": {
        "nl": "Het verloop kan nu niet worden gelezen.",
        "en": "The timeline cannot be read right now.",
    },
    "gate.case_status": {"nl": "Status van de zaak", "en": "Case status"},
    "gate.decide": {"nl": "Besluit", "en": "Decision"},
    "gate.your_decision": {"nl": "Uw besluit", "en": "Your decision"},
    "gate.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "gate.reject": {"nl": "Afwijzen", "en": "Reject"},
    "gate.reason": {"nl": "Reden (verplicht)", "en": "Reason (required)"},
    "gate.reason_hint": {
        "nl": "De reden komt in het dossier; bij afwijzen leest de burger haar.",
        "en": "The reason goes in the file; on rejection the citizen reads it.",
    },
    "gate.submit": {"nl": "Besluit vastleggen", "en": "Record decision"},
    "gate.claim": {"nl": "Oppakken", "en": "Take"},
    "gate.unclaim": {"nl": "Teruggeven", "en": "Release"},
    "gate.note": {"nl": "Notitie", "en": "Note"},
    "gate.add_note": {"nl": "Notitie toevoegen", "en": "Add note"},
    "gate.read_only": {
        "nl": "U kunt deze beoordeling lezen, niet besluiten.",
        "en": "You can read this review, not decide it.",
    },
    "gate.closed": {
        "nl": "Deze beoordeling is afgehandeld.",
        "en": "This review is settled.",
    },
    "gate.needs_two": {
        "nl": "Hoog risico: twee verschillende behandelaars moeten akkoord geven.",
        "en": "High risk: two different caseworkers must approve.",
    },
    "done.decided": {"nl": "Uw besluit is vastgelegd.", "en": "Your decision is recorded."},
    "done.claimed": {"nl": "U heeft deze beoordeling opgepakt.", "en": "You took this review."},
    "done.released": {"nl": "U heeft de beoordeling teruggegeven.", "en": "You released it."},
    "done.commented": {"nl": "Uw notitie is toegevoegd.", "en": "Your note is added."},
    "error": {"nl": "Dat lukte niet", "en": "That did not work"},
    "risk.normal": {"nl": "normaal", "en": "normal"},
    "risk.high": {"nl": "hoog", "en": "high"},
    "status.pending": {"nl": "open", "en": "pending"},
    "status.approved": {"nl": "goedgekeurd", "en": "approved"},
    "status.rejected": {"nl": "afgewezen", "en": "rejected"},
    "status.cancelled": {"nl": "vervallen", "en": "cancelled"},
    "case.received": {"nl": "ontvangen", "en": "received"},
    "case.gathering": {"nl": "gegevens verzamelen", "en": "gathering facts"},
    "case.awaiting_approval": {"nl": "wacht op beoordeling", "en": "awaiting review"},
    "case.executing": {"nl": "wordt uitgevoerd", "en": "executing"},
    "case.completed": {"nl": "afgerond", "en": "completed"},
    "case.rejected": {"nl": "afgewezen", "en": "rejected"},
    "case.failed": {"nl": "mislukt", "en": "failed"},
    "case.cancelled": {"nl": "geannuleerd", "en": "cancelled"},
    "event.status": {"nl": "Status", "en": "Status"},
    "event.gate_raised": {"nl": "Beoordeling nodig", "en": "Review needed"},
    "event.escalated": {"nl": "Geëscaleerd", "en": "Escalated"},
    "event.decision": {"nl": "Besluit", "en": "Decision"},
    "event.claimed": {"nl": "Opgepakt", "en": "Taken"},
    "event.released": {"nl": "Teruggegeven", "en": "Released"},
    "event.comment": {"nl": "Notitie", "en": "Note"},
    "decision.approve": {"nl": "goedgekeurd", "en": "approved"},
    "decision.reject": {"nl": "afgewezen", "en": "rejected"},
    "rule.address_not_found": {"nl": "Adres niet gevonden", "en": "Address not found"},
    "rule.non_residential": {"nl": "Geen woonfunctie", "en": "Not meant for living"},
    "rule.object_status": {"nl": "Object niet in gebruik", "en": "Object not in use"},
    "rule.occupancy": {"nl": "Te weinig m² per persoon", "en": "Too few m² per person"},
    "rule.custody": {"nl": "Gezag over een minderjarige", "en": "Custody of a minor"},
    "rule.not_authorised": {"nl": "Niet bevoegd om te melden", "en": "Not authorised to report"},
    "rule.in_onderzoek": {"nl": "Gegevens in onderzoek", "en": "Data under investigation"},
    "rule.person_not_found": {"nl": "Persoon niet in de BRP", "en": "Person not in the BRP"},
    "rule.agent_flag": {"nl": "Signaal van de assistent", "en": "The agent's concern"},
    "rule.agent_failure": {"nl": "Assistent gaf geen plan", "en": "The agent made no plan"},
    "gate.policy_text": {"nl": "Tekst van de regel", "en": "The rule's text"},
    "gate.you_approved": {
        "nl": "U gaf al akkoord; een tweede, andere behandelaar beslist nu.",
        "en": "You approved already; a second, different caseworker decides now.",
    },
    "why.address_not_found": {"nl": "Het nieuwe adres staat niet in de BAG."},
    "why.non_residential": {
        "nl": "Het object op het nieuwe adres is niet bedoeld om in te wonen (geen woonfunctie)."
    },
    "why.object_status": {"nl": "Het object op het nieuwe adres is nog niet in gebruik."},
    "why.occupancy": {"nl": "Na de verhuizing wonen er te veel mensen op te weinig m²."},
    "why.custody": {
        "nl": "Een minderjarige verhuist terwijl een gezagsdrager niet meldt en niet meeverhuist."
    },
    "why.not_authorised": {
        "nl": "Een meeverhuizer van 16 jaar of ouder is geen echtgenoot of geregistreerd "
        "partner van de melder."
    },
    "why.in_onderzoek": {"nl": "Gegevens van een verhuizer of van het adres zijn in onderzoek."},
    "why.person_not_found": {"nl": "Een verhuizer staat niet in de BRP."},
    "why.agent_flag": {
        "nl": "De assistent ziet een aandachtspunt, of zijn plan wijkt af van wat de feiten vragen."
    },
    "why.agent_failure": {
        "nl": "De assistent gaf geen geldig plan, of niet alle gegevens zijn opgehaald."
    },
}


def explanation(rule: str, language: str) -> str | None:
    """A plain explanation of `rule` in `language`, where one is written (Dutch)."""
    return MESSAGES.get(f"why.{rule}", {}).get(language)


def translator(language: str) -> Callable[[str], str]:
    """`t(key)`: the message `key` in `language` (the key itself when there is none)."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def t(key: str) -> str:
        entry = MESSAGES.get(key, {})
        return entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key.split(".", 1)[-1]

    return t

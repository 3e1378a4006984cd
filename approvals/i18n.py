"""The caseworker page's words in Dutch (the default) and English.

The page's own words are `MESSAGES`; a rule's words belong to its life event and are read
from the list of life events when a page is rendered: its short name (`rule.<id>`, from
`extras["rule_labels"]`) and its explanation (the rule table's text, of the gate's policy
version). The rules every case shares (`SHARED_RULES`) are named here.
"""

from collections.abc import Callable, Mapping

from workflows.case.rules import LETTER_REVIEW, SHARED_RULES, STEP_FAILURE, RuleSpec
from workflows.life_events import LIFE_EVENTS

SHARED_RULE_LABELS: dict[str, dict[str, str]] = {
    LETTER_REVIEW: {"nl": "Brief nakijken", "en": "Review the letter"},
    STEP_FAILURE: {"nl": "Stap geweigerd", "en": "Step refused"},
}
"""The short names of the rules every case shares."""

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
GATE_TEXT_LANGUAGE = "en"
"""The language a policy writes a gate's description in."""
RULE_LABELS_EXTRA = "rule_labels"
"""The key of a life event's rule names (`{rule id: {language: name}}`) in its `extras`."""

MESSAGES: dict[str, dict[str, str]] = {
    "app": {"nl": "burgerflow — beoordelen", "en": "burgerflow — reviews"},
    "menu": {"nl": "Menu", "en": "Menu"},
    "chats": {"nl": "Gesprekken", "en": "Conversations"},
    "chats.intro": {
        "nl": "Gesprekken die de digitale assistent aan een medewerker van uw gemeente "
        "doorgaf. Pak een gesprek op om de burger te antwoorden.",
        "en": "Conversations the digital assistant passed on to a person of your "
        "municipality. Take one to answer the citizen.",
    },
    "chats.table": {"nl": "Doorgegeven gesprekken", "en": "Conversations handed over"},
    "chats.empty": {
        "nl": "Er wachten geen gesprekken.",
        "en": "No conversations are waiting.",
    },
    "chats.since": {"nl": "Wacht sinds", "en": "Waiting since"},
    "chats.reason": {"nl": "Reden", "en": "Reason"},
    "chats.topic": {"nl": "Onderwerp", "en": "Topic"},
    "chats.language": {"nl": "Taal", "en": "Language"},
    "chats.open": {"nl": "Openen", "en": "Open"},
    "chat": {"nl": "Gesprek", "en": "Conversation"},
    "chat.back": {"nl": "Terug naar de gesprekken", "en": "Back to the conversations"},
    "chat.messages": {"nl": "Berichten", "en": "Messages"},
    "chat.claim": {"nl": "Gesprek oppakken", "en": "Take the conversation"},
    "chat.hand_back": {"nl": "Teruggeven aan de assistent", "en": "Hand back to the assistant"},
    "chat.close": {"nl": "Gesprek sluiten", "en": "Close the conversation"},
    "chat.reply": {"nl": "Uw antwoord", "en": "Your answer"},
    "chat.send": {"nl": "Versturen", "en": "Send"},
    "chat.claimed_by_other": {
        "nl": "Een andere medewerker heeft dit gesprek opgepakt.",
        "en": "Another caseworker has taken this conversation.",
    },
    "chat.not_handed_over": {
        "nl": "Dit gesprek is niet (meer) bij een medewerker.",
        "en": "This conversation is not (or no longer) with a person.",
    },
    "chat.proposal": {"nl": "Voorgestelde melding", "en": "Proposed report"},
    "author.citizen": {"nl": "Burger", "en": "Citizen"},
    "author.assistant": {"nl": "Digitale assistent", "en": "Digital assistant"},
    "author.caseworker": {"nl": "Medewerker", "en": "Caseworker"},
    "author.system": {"nl": "Melding", "en": "Notice"},
    "reason.asked_for_person": {"nl": "vroeg om een medewerker", "en": "asked for a person"},
    "reason.unclear": {"nl": "assistent begreep het niet", "en": "assistant could not tell"},
    "reason.not_online": {"nl": "kan niet online", "en": "cannot be done online"},
    "reason.assistant_unavailable": {
        "nl": "assistent niet beschikbaar",
        "en": "assistant unavailable",
    },
    "reason.other": {"nl": "anders", "en": "other"},
    "conversation.active": {"nl": "bij de assistent", "en": "with the assistant"},
    "conversation.handed_over": {"nl": "doorgegeven", "en": "handed over"},
    "conversation.closed": {"nl": "gesloten", "en": "closed"},
    "done.chat_claimed": {
        "nl": "U heeft het gesprek opgepakt.",
        "en": "You took the conversation.",
    },
    "done.chat_replied": {"nl": "Uw antwoord is verstuurd.", "en": "Your answer was sent."},
    "done.chat_handed_back": {
        "nl": "Het gesprek is terug bij de assistent.",
        "en": "The conversation is back with the assistant.",
    },
    "done.chat_closed": {"nl": "Het gesprek is gesloten.", "en": "The conversation is closed."},
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
    "gate.policy_text": {"nl": "Tekst van de regel", "en": "The rule's text"},
    "gate.you_approved": {
        "nl": "U gaf al akkoord; een tweede, andere behandelaar beslist nu.",
        "en": "You approved already; a second, different caseworker decides now.",
    },
    "event.cancel_requested": {"nl": "Geannuleerd", "en": "Cancelled"},
    "event.letter": {"nl": "Brief opgesteld", "en": "Letter settled"},
    "letter.model": {"nl": "tekst van de assistent", "en": "the agent's text"},
    "letter.template": {"nl": "standaardtekst", "en": "the template"},
    "letter.caseworker": {"nl": "tekst van een behandelaar", "en": "a caseworker's text"},
    "gate.your_choice": {"nl": "Wat doet u met de stap?", "en": "What do you do with the step?"},
    "choice.retry": {
        "nl": "Opnieuw proberen (na het herstellen van de gegevens)",
        "en": "Retry (after fixing the data)",
    },
    "choice.done_by_hand": {
        "nl": "Zelf afgehandeld (er wordt niets uitgevoerd)",
        "en": "Done by hand (nothing runs)",
    },
    "choice.reject_rest": {
        "nl": "De rest afwijzen (de overige stappen vervallen)",
        "en": "Reject the rest (the remaining steps are dropped)",
    },
    "gate.choice_hint": {
        "nl": "Stappen die al zijn gedaan blijven staan; geen stap wordt twee keer uitgevoerd.",
        "en": "Steps already done stay done; no step runs twice.",
    },
    "gate.letter": {"nl": "De brief aan de burger", "en": "The letter to the citizen"},
    "gate.letter_hint": {
        "nl": "Pas de tekst aan als dat nodig is. De burger krijgt precies deze tekst.",
        "en": "Edit the text if needed. The citizen receives exactly this text.",
    },
    "gate.letter_approve": {"nl": "Brief goedkeuren en versturen", "en": "Approve and send"},
    "gate.letter_problems": {
        "nl": "Waarom de tekst van de assistent niet is voorgesteld",
        "en": "Why the agent's text is not proposed",
    },
    "gate.letter_draft": {"nl": "Tekst van de assistent", "en": "The agent's text"},
    "gate.letter_template": {"nl": "Standaardtekst", "en": "The template"},
    "case.cancel": {"nl": "Zaak annuleren", "en": "Cancel the case"},
    "case.cancel_reason": {
        "nl": "Reden van de annulering (verplicht)",
        "en": "Reason for cancelling (required)",
    },
    "case.cancel_hint": {
        "nl": "Er verandert niets in de registers. De burger krijgt een bericht met deze reden.",
        "en": "No registry changes. The citizen gets a message with this reason.",
    },
    "case.cancel_submit": {"nl": "Zaak annuleren", "en": "Cancel the case"},
    "done.cancelled": {"nl": "De zaak is geannuleerd.", "en": "The case is cancelled."},
}


def rule_messages() -> dict[str, dict[str, str]]:
    """The short name of every life event's rules, as `rule.<id>` (the first event wins)."""
    found: dict[str, dict[str, str]] = {
        f"rule.{rule}": dict(labels) for rule, labels in SHARED_RULE_LABELS.items()
    }
    for event in LIFE_EVENTS:
        labels: Mapping[str, Mapping[str, str]] = event.extras.get(RULE_LABELS_EXTRA, {})
        for rule in event.rules:
            if rule.id in labels:
                found.setdefault(f"rule.{rule.id}", dict(labels[rule.id]))
    return found


def messages() -> dict[str, dict[str, str]]:
    """Every word of the page: its own, and the names of the life events' rules."""
    return {**rule_messages(), **MESSAGES}


def rule_spec(
    rule: str, case_id: str | None = None, policy_version: str | None = None
) -> RuleSpec | None:
    """The rule table's row of `rule`: that of the case's life event (of the policy version
    the case runs under), else the first found, else the shared rules'."""
    event = LIFE_EVENTS.of_case(case_id) if case_id else None
    if event is not None:
        table = event.rules_of(policy_version)
        if rule in table:
            return table[rule]
    found = next((e.rules[rule] for e in LIFE_EVENTS if rule in e.rules), None)
    return found or (SHARED_RULES[rule] if rule in SHARED_RULES else None)


def explanation(
    rule: str, language: str, case_id: str | None = None, policy_version: str | None = None
) -> str | None:
    """What `rule` checks in plain words, to show above a gate's own description.

    The text is the rule table's (`RuleSpec.text`). A gate's description is written in
    English by the policy, with the case's figures, so a page in English shows that alone.

    Args:
        rule: The gate's rule.
        language: The page's language.
        case_id: The gate's case, whose life event's table is read first.
        policy_version: The gate's policy version (a case started under an earlier version
            reads that version's words).

    Returns:
        The explanation, or None in English or for a rule no life event knows.
    """
    spec = rule_spec(rule, case_id, policy_version)
    if spec is None or language == GATE_TEXT_LANGUAGE:
        return None
    return spec.text(language)


def life_event_title(case_id: str, language: str) -> str:
    """The name of a case's life event in `language` ("—" for a case of none known)."""
    event = LIFE_EVENTS.of_case(case_id)
    return event.title_in(language) if event else "—"


def event_title(kind: str, language: str) -> str:
    """The name of the life event `kind` in `language` (its type for one not on the list)."""
    event = LIFE_EVENTS.get(kind)
    return event.title_in(language) if event else kind


def translator(language: str) -> Callable[[str], str]:
    """`t(key)`: the message `key` in `language` (the key itself when there is none)."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    words = messages()

    def t(key: str) -> str:
        entry = words.get(key, {})
        return entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key.split(".", 1)[-1]

    return t

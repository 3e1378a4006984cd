"""The fixed words of a conversation, in Dutch and English: the greeting, the proposal's
framing, and the notices of a hand-over, a caseworker taking over, handing back, closing and
a case started.

These are not the model's words: whatever model the municipality runs, a proposal is
introduced and a hand-over announced in the same plain language (B1).
"""

from collections.abc import Mapping

from burgerflow.core.constants import MUNICIPALITIES

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "nl": "Hallo, ik ben de digitale assistent van de gemeente. Ik help u een verandering "
        "door te geven, zoals een verhuizing. Wat wilt u doorgeven? U kunt ook altijd vragen "
        "om een medewerker.",
        "en": "Hello, I am the municipality's digital assistant. I help you report a change, "
        "such as a move. What would you like to report? You can always ask for a person too.",
    },
    "proposal": {
        "nl": "Dit is de melding die ik voor u zou versturen. Klopt alles? Druk dan op "
        "‘Bevestigen en versturen’. Ik verstuur niets zonder uw bevestiging. Wilt u iets "
        "veranderen? Schrijf het mij.",
        "en": "This is the report I would send for you. Is it all right? Then press ‘Confirm "
        "and send’. I send nothing without your confirmation. Want to change something? "
        "Write to me.",
    },
    "handover.asked_for_person": {
        "nl": "Ik zet u door naar een medewerker van {municipality}. Een medewerker leest dit "
        "gesprek en antwoordt hier.",
        "en": "I am passing you on to a person of {municipality}. They read this "
        "conversation and answer here.",
    },
    "handover.unclear": {
        "nl": "Ik begrijp niet goed wat u wilt doorgeven. Ik zet u door naar een medewerker "
        "van {municipality}; die antwoordt hier.",
        "en": "I do not quite understand what you want to report. I am passing you on to a "
        "person of {municipality}, who answers here.",
    },
    "handover.not_online": {
        "nl": "{reason} Ik zet u door naar een medewerker van {municipality}; die antwoordt hier.",
        "en": "{reason} I am passing you on to a person of {municipality}, who answers here.",
    },
    "handover.assistant_unavailable": {
        "nl": "Het lukt mij nu niet om u te helpen. Ik zet u door naar een medewerker van "
        "{municipality}; die antwoordt hier.",
        "en": "I cannot help you right now. I am passing you on to a person of "
        "{municipality}, who answers here.",
    },
    "handover.other": {
        "nl": "Ik zet u door naar een medewerker van {municipality}; die antwoordt hier.",
        "en": "I am passing you on to a person of {municipality}, who answers here.",
    },
    "claimed": {
        "nl": "{name}, medewerker van {municipality}, helpt u nu verder.",
        "en": "{name}, of {municipality}, is helping you now.",
    },
    "handed_back": {
        "nl": "De medewerker heeft het gesprek teruggegeven. De digitale assistent helpt u "
        "weer verder.",
        "en": "The person has handed the conversation back. The digital assistant helps you again.",
    },
    "closed": {
        "nl": "Dit gesprek is gesloten.",
        "en": "This conversation is closed.",
    },
    "closed.idle": {
        "nl": "Dit gesprek is gesloten omdat het een tijd stil was. U kunt altijd een nieuw "
        "gesprek beginnen.",
        "en": "This conversation was closed because it was quiet for a while. You can always "
        "start a new one.",
    },
    "case_started": {
        "nl": "Uw melding is verstuurd. U kunt de zaak volgen bij ‘Mijn zaken’ (zaaknummer "
        "{case_id}).",
        "en": "Your report has been sent. You can follow the case under ‘My cases’ (case "
        "number {case_id}).",
    },
    "no_answer": {
        "nl": "Sorry, dat begreep ik niet. Kunt u het anders zeggen? U kunt ook vragen om een "
        "medewerker.",
        "en": "Sorry, I did not understand that. Could you put it differently? You can also "
        "ask for a person.",
    },
    "waiting": {
        "nl": "Een medewerker van {municipality} leest uw bericht en antwoordt hier.",
        "en": "A person of {municipality} reads your message and answers here.",
    },
}

_THE_MUNICIPALITY = {"nl": "de gemeente", "en": "the municipality"}


def municipality_name(code: str | None, language: str) -> str:
    """`de gemeente Amsterdam` (or `the municipality`, when it is not known)."""
    if code and code in MUNICIPALITIES:
        prefix = "de gemeente" if language == "nl" else "the municipality of"
        return f"{prefix} {MUNICIPALITIES[code]}"
    return _THE_MUNICIPALITY.get(language, _THE_MUNICIPALITY["nl"])


def text(key: str, language: str, **values: str) -> str:
    """The text `key` in `language` (Dutch when there is none), filled in."""
    entry: Mapping[str, str] = TEXTS[key]
    return (entry.get(language) or entry["nl"]).format(**values)

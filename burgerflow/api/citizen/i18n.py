"""The citizen page's words in Dutch (the default) and English, at language level B1.

A life event's own words (its name, its slots' labels and questions) come from the list of
life events and their intake specs when a page is rendered.
"""

from collections.abc import Callable

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

MESSAGES: dict[str, dict[str, str]] = {
    "app": {"nl": "Mijn gemeente", "en": "My municipality"},
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "menu": {"nl": "Menu", "en": "Menu"},
    "language": {"nl": "Taal", "en": "Language"},
    "home": {"nl": "Mijn zaken", "en": "My cases"},
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "signed_in": {"nl": "Ingelogd", "en": "Signed in"},
    "footer": {
        "nl": "Een digitale dienst van uw gemeente. U kunt altijd vragen om een medewerker.",
        "en": "A digital service of your municipality. You can always ask for a person.",
    },
    "login.title": {"nl": "Inloggen", "en": "Log in"},
    "login.intro": {
        "nl": "Log in om uw zaken te bekijken en iets door te geven.",
        "en": "Log in to see your cases and report a change.",
    },
    "login.oidc": {"nl": "Inloggen met DigiD", "en": "Log in with DigiD"},
    "login.dev": {"nl": "Inloggen met een testtoken", "en": "Log in with a test token"},
    "login.dev_help": {
        "nl": "Alleen voor de ontwikkelomgeving: plak een token van een burger "
        "(`burgerflow token --role citizen --bsn 999993653`).",
        "en": "For the development environment only: paste a citizen's token "
        "(`burgerflow token --role citizen --bsn 999993653`).",
    },
    "login.token": {"nl": "Token", "en": "Token"},
    "login.submit": {"nl": "Inloggen", "en": "Log in"},
    "login.invalid": {"nl": "Dit token is niet geldig.", "en": "This token is not valid."},
    "login.not_citizen": {
        "nl": "Dit is geen token van een burger. Medewerkers loggen in op /ui/.",
        "en": "This is not a citizen's token. Caseworkers log in at /ui/.",
    },
    "login.failed": {
        "nl": "Inloggen is niet gelukt. Probeer het opnieuw.",
        "en": "Logging in did not work. Please try again.",
    },
    "home.title": {"nl": "Mijn zaken", "en": "My cases"},
    "home.report": {"nl": "Iets doorgeven", "en": "Report a change"},
    "home.report_intro": {
        "nl": "Vul een formulier in, of vertel het aan de digitale assistent.",
        "en": "Fill in a form, or tell the digital assistant.",
    },
    "home.form": {"nl": "{title} doorgeven", "en": "Report: {title}"},
    "home.chat": {"nl": "Chat met de digitale assistent", "en": "Chat with the digital assistant"},
    "home.cases": {"nl": "Uw zaken", "en": "Your cases"},
    "home.no_cases": {"nl": "U heeft nog geen zaken.", "en": "You have no cases yet."},
    "home.conversations": {"nl": "Uw gesprekken", "en": "Your conversations"},
    "home.no_conversations": {"nl": "U heeft geen gesprekken.", "en": "You have no conversations."},
    "col.case": {"nl": "Zaak", "en": "Case"},
    "col.kind": {"nl": "Soort", "en": "Kind"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.reported": {"nl": "Gemeld op", "en": "Reported on"},
    "col.started": {"nl": "Begonnen", "en": "Started"},
    "col.with": {"nl": "Met", "en": "With"},
    "open": {"nl": "Bekijken", "en": "View"},
    "status.received": {"nl": "Ontvangen", "en": "Received"},
    "status.gathering": {"nl": "Gegevens nakijken", "en": "Checking details"},
    "status.awaiting_approval": {"nl": "Medewerker kijkt ernaar", "en": "A person checks it"},
    "status.executing": {"nl": "Wordt verwerkt", "en": "Being processed"},
    "status.completed": {"nl": "Klaar", "en": "Done"},
    "status.rejected": {"nl": "Afgewezen", "en": "Refused"},
    "status.failed": {"nl": "Niet gelukt", "en": "Did not work"},
    "status.cancelled": {"nl": "Geannuleerd", "en": "Cancelled"},
    "explain.received": {
        "nl": "We hebben uw melding ontvangen.",
        "en": "We have received your report.",
    },
    "explain.gathering": {
        "nl": "We zoeken uw gegevens op bij de registers.",
        "en": "We are looking up your details in the registers.",
    },
    "explain.awaiting_approval": {
        "nl": "Een medewerker van de gemeente bekijkt uw melding.",
        "en": "A person of the municipality is looking at your report.",
    },
    "explain.executing": {
        "nl": "We geven de verandering door aan de organisaties die ervan moeten weten.",
        "en": "We are passing the change on to the organisations that need to know.",
    },
    "explain.completed": {
        "nl": "Alles is geregeld.",
        "en": "Everything is done.",
    },
    "explain.rejected": {
        "nl": "De gemeente heeft uw melding afgewezen. Lees het bericht hieronder.",
        "en": "The municipality refused your report. Read the message below.",
    },
    "explain.failed": {
        "nl": "Er ging iets mis. Een medewerker neemt contact met u op.",
        "en": "Something went wrong. A person will contact you.",
    },
    "explain.cancelled": {
        "nl": "Deze melding is geannuleerd. Er is niets veranderd.",
        "en": "This report was cancelled. Nothing was changed.",
    },
    "conversation.active": {"nl": "Met de digitale assistent", "en": "With the digital assistant"},
    "conversation.handed_over": {"nl": "Met een medewerker", "en": "With a person"},
    "conversation.closed": {"nl": "Gesloten", "en": "Closed"},
    "case.title": {"nl": "Zaak", "en": "Case"},
    "case.back": {"nl": "Terug naar mijn zaken", "en": "Back to my cases"},
    "case.progress": {"nl": "Hoe ver is het?", "en": "How far along is it?"},
    "case.history": {"nl": "Wat er is gebeurd", "en": "What happened"},
    "case.message": {"nl": "Bericht van de gemeente", "en": "Message from the municipality"},
    "case.no_message": {
        "nl": "U krijgt een bericht als de zaak klaar is.",
        "en": "You will get a message when the case is done.",
    },
    "case.details": {"nl": "Gegevens", "en": "Details"},
    "case.number": {"nl": "Zaaknummer", "en": "Case number"},
    "case.kind": {"nl": "Soort", "en": "Kind"},
    "case.cancel": {"nl": "Melding annuleren", "en": "Cancel the report"},
    "case.cancel_intro": {
        "nl": "Klopt uw melding niet meer? Annuleer haar dan. Er verandert dan niets.",
        "en": "Is your report no longer right? Then cancel it. Nothing will change.",
    },
    "case.cancel_reason": {
        "nl": "Waarom annuleert u? (verplicht)",
        "en": "Why do you cancel? (required)",
    },
    "case.cancel_submit": {"nl": "Annuleren", "en": "Cancel"},
    "case.cancel_unavailable": {
        "nl": "Annuleren kan nu niet. Probeer het later opnieuw of vraag om een medewerker.",
        "en": "Cancelling is not possible right now. Try again later or ask for a person.",
    },
    "case.unavailable": {
        "nl": "De zaak kan nu niet worden gelezen. Probeer het later opnieuw.",
        "en": "The case cannot be read right now. Please try again later.",
    },
    "case.refresh": {"nl": "Vernieuwen", "en": "Refresh"},
    "event.gate_raised": {
        "nl": "Een medewerker moet ernaar kijken",
        "en": "A person has to check it",
    },
    "event.decision": {"nl": "Besluit van de gemeente", "en": "Decision of the municipality"},
    "event.escalated": {"nl": "Doorgezet naar een leidinggevende", "en": "Passed to a supervisor"},
    "done.reported": {
        "nl": "Uw melding is verstuurd. Hieronder ziet u hoe ver het is.",
        "en": "Your report has been sent. Below you can see how far along it is.",
    },
    "done.cancelled": {"nl": "Uw melding is geannuleerd.", "en": "Your report was cancelled."},
    "form.intro": {
        "nl": "Vul het formulier in. U ziet eerst wat u verstuurt, daarna bevestigt u.",
        "en": "Fill in the form. You first see what you send, then you confirm.",
    },
    "form.required": {"nl": "(verplicht)", "en": "(required)"},
    "form.optional": {"nl": "(niet verplicht)", "en": "(optional)"},
    "form.postcode": {"nl": "Postcode", "en": "Postcode"},
    "form.postcode_hint": {"nl": "Bijvoorbeeld 1012 AB", "en": "For example 1012 AB"},
    "form.huisnummer": {"nl": "Huisnummer", "en": "House number"},
    "form.huisletter": {"nl": "Huisletter", "en": "House letter"},
    "form.toevoeging": {"nl": "Toevoeging", "en": "Addition"},
    "form.persons_hint": {
        "nl": "Het BSN van ieder die meegaat, gescheiden door komma's.",
        "en": "The BSN of everyone who goes along, separated by commas.",
    },
    "form.date_hint": {"nl": "Bijvoorbeeld 15-12-2026", "en": "For example 15-12-2026"},
    "form.country_hint": {"nl": "Bijvoorbeeld België of BE", "en": "For example Belgium or BE"},
    "form.yes": {"nl": "Ja", "en": "Yes"},
    "form.no": {"nl": "Nee", "en": "No"},
    "form.next": {"nl": "Verder", "en": "Next"},
    "form.errors": {"nl": "Controleer deze velden", "en": "Please check these fields"},
    "form.missing": {"nl": "Vul dit in.", "en": "Please fill this in."},
    "form.invalid_postcode": {
        "nl": "Een postcode is vier cijfers en twee letters.",
        "en": "A postcode is four digits and two letters.",
    },
    "form.invalid_number": {"nl": "Vul een getal in.", "en": "Please enter a number."},
    "form.invalid_date": {"nl": "Vul een geldige datum in.", "en": "Please enter a valid date."},
    "form.invalid_bsn": {
        "nl": "Dit is geen geldig BSN.",
        "en": "This is not a valid BSN.",
    },
    "form.invalid_country": {
        "nl": "Dit land kennen we niet.",
        "en": "We do not know this country.",
    },
    "form.not_accepted": {
        "nl": "Zo kan de melding niet worden verstuurd",
        "en": "The report cannot be sent like this",
    },
    "form.offline": {
        "nl": "Een medewerker van de gemeente helpt u hiermee. Begin een gesprek en vraag om "
        "een medewerker.",
        "en": "A person of the municipality helps you with this. Start a conversation and "
        "ask for a person.",
    },
    "check.title": {"nl": "Controleer uw melding", "en": "Check your report"},
    "check.intro": {
        "nl": "Dit is wat u verstuurt. Klopt alles? Druk dan op ‘Bevestigen en versturen’.",
        "en": "This is what you send. Is it all right? Then press ‘Confirm and send’.",
    },
    "check.change": {"nl": "Wijzigen", "en": "Change"},
    "confirm": {"nl": "Bevestigen en versturen", "en": "Confirm and send"},
    "chat.title": {"nl": "Chat met de digitale assistent", "en": "Chat with the digital assistant"},
    "chat.intro": {
        "nl": "Vertel in uw eigen woorden wat u wilt doorgeven. De assistent stelt de melding "
        "voor; u bevestigt haar zelf. Wilt u liever een mens? Vraag om een medewerker.",
        "en": "Tell in your own words what you want to report. The assistant proposes the "
        "report; you confirm it yourself. Rather talk to a person? Ask for one.",
    },
    "chat.start": {"nl": "Begin een gesprek", "en": "Start a conversation"},
    "chat.messages": {"nl": "Gesprek", "en": "Conversation"},
    "chat.your_message": {"nl": "Uw bericht", "en": "Your message"},
    "chat.send": {"nl": "Versturen", "en": "Send"},
    "chat.sending": {"nl": "Versturen…", "en": "Sending…"},
    "chat.ask_person": {"nl": "Ik wil een medewerker spreken", "en": "I want to talk to a person"},
    "chat.ask_person_text": {
        "nl": "Ik wil graag een medewerker spreken.",
        "en": "I would like to talk to a person.",
    },
    "chat.close": {"nl": "Gesprek beëindigen", "en": "End the conversation"},
    "chat.closed": {"nl": "Dit gesprek is gesloten.", "en": "This conversation is closed."},
    "chat.proposal": {"nl": "Voorgestelde melding", "en": "Proposed report"},
    "chat.proposal_note": {
        "nl": "Pas als u op de knop drukt, versturen we de melding.",
        "en": "The report is only sent when you press the button.",
    },
    "chat.with": {"nl": "U praat met", "en": "You are talking with"},
    "chat.refresh": {"nl": "Nieuwe berichten ophalen", "en": "Get new messages"},
    "author.citizen": {"nl": "U", "en": "You"},
    "author.assistant": {"nl": "Digitale assistent", "en": "Digital assistant"},
    "author.caseworker": {"nl": "Medewerker", "en": "Person of the municipality"},
    "author.system": {"nl": "Melding", "en": "Notice"},
    "error": {"nl": "Dat lukte niet", "en": "That did not work"},
    "forbidden": {"nl": "Geen toegang", "en": "No access"},
    "not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "expired": {
        "nl": "Het formulier is verlopen. Laad de pagina opnieuw.",
        "en": "The form has expired. Please reload the page.",
    },
}


def translator(language: str) -> Callable[..., str]:
    """`t(key, **values)`: the message `key` in `language` (the key itself when there is none)."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def t(key: str, **values: str) -> str:
        entry = MESSAGES.get(key, {})
        found = entry.get(lang) or entry.get(DEFAULT_LANGUAGE)
        return found.format(**values) if found else key.split(".", 1)[-1]

    return t

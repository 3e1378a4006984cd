"""Fixed plain-language (B1) letters to the reporter, used when the agent's text is not.

A rejection, a cancellation and a stop after a refused step are always told in these words,
never in the model's: what the citizen reads about a negative decision is the caseworker's
reason in a fixed frame. `completed_body` is the template of the checked letter after a
completed emigration (what happened, inside the frame of `workflows.emigration.letters`).
"""

from burgerflow.registry.schemas.landen import landnaam
from workflows.emigration.domain import deregistration_date, proof_free_of_charge
from workflows.emigration.models import ReportEmigrationInput

SUBJECT_COMPLETED = "Uw vertrek naar het buitenland is verwerkt"
SUBJECT_REJECTED = "Uw vertrek naar het buitenland is niet verwerkt"
SUBJECT_CANCELLED = "Uw melding van vertrek naar het buitenland is geannuleerd"
SUBJECT_PARTLY = "Uw vertrek naar het buitenland is niet helemaal verwerkt"


def _long_date(value: object) -> str:
    return f"{value:%d-%m-%Y}"


def proof_line(country: str) -> str:
    """What the letter says of the proof of deregistration (bewijs van uitschrijving)."""
    if proof_free_of_charge(country):
        return (
            "Bij deze brief krijgt u een bewijs van uitschrijving. U heeft dit nodig om u in "
            f"{landnaam(country)} in te schrijven. Het bewijs is gratis."
        )
    return (
        "Bij deze brief krijgt u een bewijs van uitschrijving. Bewaar het goed: een "
        "instantie in het buitenland kan erom vragen."
    )


def completed_body(case: ReportEmigrationInput) -> str:
    """What happened, in the template's words: the middle of the letter after an emigration."""
    return " ".join(
        [
            f"Wij hebben uw vertrek naar {landnaam(case.country)} verwerkt. U staat vanaf "
            f"{_long_date(deregistration_date(case.departure_date, case.reported_on))} niet "
            "meer ingeschreven in Nederland.",
            "Wij hebben de organisaties die dit van de overheid horen op de hoogte gebracht.",
            proof_line(case.country),
        ]
    )


def completed(case: ReportEmigrationInput) -> str:
    """The letter after a completed emigration, as cases started before the letter check
    send it."""
    return "\n".join(
        [
            "Beste inwoner,",
            "",
            f"Wij hebben uw vertrek naar {landnaam(case.country)} verwerkt. U staat vanaf "
            f"{_long_date(deregistration_date(case.departure_date, case.reported_on))} niet meer "
            "ingeschreven in Nederland.",
            "Wij hebben de organisaties die dit moeten weten op de hoogte gebracht.",
            proof_line(case.country),
            "",
            "Heeft u vragen? Neem dan contact op met de gemeente.",
            "",
            "Met vriendelijke groet,",
            "De gemeente",
        ]
    )


def rejected(case: ReportEmigrationInput, reason: str) -> str:
    """The letter after a caseworker rejected the emigration, with their reason."""
    return "\n".join(
        [
            "Beste inwoner,",
            "",
            f"Wij hebben uw vertrek naar {landnaam(case.country)} niet verwerkt. Een "
            "medewerker van de gemeente heeft uw melding bekeken.",
            f"De reden is: {reason}",
            "U staat nog ingeschreven op uw adres in Nederland. Heeft u vragen of bent u het "
            "er niet mee eens? Neem dan contact op met de gemeente. U kunt ook bezwaar maken.",
            "",
            "Met vriendelijke groet,",
            "De gemeente",
        ]
    )


def _letter(*paragraphs: str) -> str:
    """A short letter in fixed words: greeting, `paragraphs`, closing."""
    return "\n".join(
        ["Beste inwoner,", "", *paragraphs, "", "Met vriendelijke groet,", "De gemeente"]
    )


def cancelled(case: ReportEmigrationInput, *, by_citizen: bool, reason: str) -> str:
    """The letter after the emigration was cancelled before anything changed."""
    who = (
        "U heeft uw melding ingetrokken."
        if by_citizen
        else f"Een medewerker van de gemeente heeft uw melding stopgezet. De reden is: {reason}"
    )
    return _letter(
        f"Uw melding van vertrek naar {landnaam(case.country)} is geannuleerd. {who}",
        "U staat nog ingeschreven op uw adres in Nederland. Er is niets veranderd. Vertrekt u "
        "toch naar het buitenland? Meld uw vertrek dan opnieuw, in de 5 dagen voor uw vertrek.",
        "Heeft u vragen? Neem dan contact op met de gemeente.",
    )


def rest_rejected(case: ReportEmigrationInput, reason: str) -> str:
    """The letter after a caseworker stopped the remaining steps of an emigration."""
    return _letter(
        f"Wij hebben uw vertrek naar {landnaam(case.country)} niet helemaal kunnen verwerken. "
        "Een organisatie kon een stap niet uitvoeren. Een medewerker van de gemeente heeft "
        f"besloten de overige stappen niet te doen. De reden is: {reason}",
        "Wat al gedaan is, blijft staan. Neem contact op met de gemeente: die vertelt u wat er "
        "nog moet gebeuren. U kunt ook bezwaar maken.",
    )

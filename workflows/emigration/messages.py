"""Fixed plain-language (B1) letters to the reporter, used when the agent's text is not.

A rejection is always told in these words, never in the model's: what the citizen reads
about a negative decision is the caseworker's reason in a fixed frame.
"""

from burgerflow.registry.schemas.landen import landnaam
from workflows.emigration.domain import deregistration_date, proof_free_of_charge
from workflows.emigration.models import ReportEmigrationInput

SUBJECT_COMPLETED = "Uw vertrek naar het buitenland is verwerkt"
SUBJECT_REJECTED = "Uw vertrek naar het buitenland is niet verwerkt"


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


def completed(case: ReportEmigrationInput) -> str:
    """The letter after a completed emigration."""
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

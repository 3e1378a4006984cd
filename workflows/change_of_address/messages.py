"""Fixed plain-language (B1) messages to the citizen, used when the agent's text is not.

A rejection is always told in these words, never in the model's: what the citizen reads
about a negative decision is the caseworker's reason in a fixed frame.
"""

from workflows.change_of_address.domain import NewAddress
from workflows.change_of_address.models import ReportMoveInput


def address_label(address: NewAddress) -> str:
    """A short address label for people (never for IDs, logs or search attributes)."""
    suffix = (address.huisletter or "") + (
        f"-{address.huisnummertoevoeging}" if address.huisnummertoevoeging else ""
    )
    return f"{address.postcode} {address.huisnummer}{suffix}"


SUBJECT_COMPLETED = "Uw verhuizing is verwerkt"
SUBJECT_REJECTED = "Uw verhuizing is niet verwerkt"


def completed(case: ReportMoveInput) -> str:
    """The message after a completed move."""
    return (
        f"Wij hebben uw verhuizing naar {address_label(case.new_address)} verwerkt. "
        f"Uw nieuwe adres geldt vanaf {case.move_date:%d-%m-%Y}. "
        "Wij hebben de organisaties die uw adres nodig hebben op de hoogte gebracht. "
        "U hoeft zelf niets meer te doen."
    )


def rejected(case: ReportMoveInput, reason: str) -> str:
    """The message after a caseworker rejected the move, with their reason."""
    return (
        f"Wij hebben uw verhuizing naar {address_label(case.new_address)} niet verwerkt. "
        "Een medewerker van de gemeente heeft uw melding bekeken. "
        f"De reden is: {reason} "
        "Uw adres is niet veranderd. Heeft u vragen of bent u het er niet mee eens? "
        "Neem dan contact op met de gemeente. U kunt ook bezwaar maken."
    )


SUBJECT_CANCELLED = "Uw verhuismelding is geannuleerd"
SUBJECT_PARTLY = "Uw verhuizing is niet helemaal verwerkt"


def completed_body(case: ReportMoveInput) -> str:
    """What happened, in the template's words: the middle of the letter after a move."""
    return (
        f"Wij hebben uw verhuizing naar {address_label(case.new_address)} verwerkt. "
        f"Uw nieuwe adres geldt vanaf {case.move_date:%d-%m-%Y}. "
        "Wij hebben de organisaties die uw adres van de overheid krijgen op de hoogte gebracht."
    )


def cancelled(case: ReportMoveInput, *, by_citizen: bool, reason: str) -> str:
    """The message after the move was cancelled before anything changed."""
    who = (
        "U heeft uw melding ingetrokken."
        if by_citizen
        else f"Een medewerker van de gemeente heeft uw melding stopgezet. De reden is: {reason}"
    )
    return (
        f"Uw melding van de verhuizing naar {address_label(case.new_address)} is geannuleerd. "
        f"{who} "
        "Uw adres is niet veranderd. Gaat u toch verhuizen? Meld uw verhuizing dan opnieuw. "
        "Heeft u vragen? Neem dan contact op met de gemeente."
    )


def rest_rejected(case: ReportMoveInput, reason: str) -> str:
    """The message after a caseworker stopped the remaining steps of a move."""
    return (
        f"Wij hebben uw verhuizing naar {address_label(case.new_address)} niet helemaal "
        "kunnen verwerken. Een organisatie kon een stap niet uitvoeren. Een medewerker van de "
        f"gemeente heeft besloten de overige stappen niet te doen. De reden is: {reason} "
        "Wat al gedaan is, blijft staan. Neem contact op met de gemeente: die vertelt u wat "
        "er nog moet gebeuren. U kunt ook bezwaar maken."
    )

"""How a case's statuses and outcomes read in a ZGW catalogue.

A life event's zaaktype has one statustype per case status, in the case's order, and after
them the eindstatus that closes the zaak; a statustype is found by its `omschrijvingGeneriek`
(the case status, e.g. `received`) or else its `omschrijving` (the Dutch name below). Its
resultaattypen are found by `omschrijving` (the Dutch name, or the terminal case status).
"""

from burgerflow.core.constants import CaseStatus

STATUSTYPEN: dict[CaseStatus, str] = {
    CaseStatus.RECEIVED: "Ontvangen",
    CaseStatus.GATHERING: "Gegevens verzamelen",
    CaseStatus.AWAITING_APPROVAL: "Wacht op beoordeling",
    CaseStatus.EXECUTING: "In behandeling",
    CaseStatus.COMPLETED: "Afgerond",
    CaseStatus.REJECTED: "Afgewezen",
    CaseStatus.FAILED: "Niet uitgevoerd",
    CaseStatus.CANCELLED: "Ingetrokken",
}
"""The statustype of each case status (its `omschrijving`), in volgnummer order."""

EINDSTATUS = "Afgehandeld"
"""The `omschrijving` of the eindstatus, set after the resultaat when the case has ended."""

RESULTAATTYPEN: dict[CaseStatus, str] = {
    CaseStatus.COMPLETED: "Afgerond",
    CaseStatus.REJECTED: "Afgewezen",
    CaseStatus.FAILED: "Niet uitgevoerd",
    CaseStatus.CANCELLED: "Ingetrokken",
}
"""The resultaattype (its `omschrijving`) of each way a case ends."""

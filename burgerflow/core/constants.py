"""Names shared by the worker, the API, the CLI and the tests.

Every string that more than one process must agree on lives here, so no name is repeated.
"""

from enum import StrEnum

from temporalio.common import SearchAttributeKey

TASK_QUEUE = "burgerflow"
"""The task queue every burgerflow worker polls by default."""

SA_STATUS = SearchAttributeKey.for_keyword("BurgerflowStatus")
SA_LIFE_EVENT = SearchAttributeKey.for_keyword("BurgerflowLifeEvent")
SA_MUNICIPALITY = SearchAttributeKey.for_keyword("BurgerflowMunicipality")
SEARCH_ATTRIBUTE_KEYS = (SA_STATUS, SA_LIFE_EVENT, SA_MUNICIPALITY)
"""Custom search attributes of a case. None of them carries personal data."""


class CaseStatus(StrEnum):
    """Life-event case statuses, in the order a case normally passes them."""

    RECEIVED = "received"
    GATHERING = "gathering"
    AWAITING_APPROVAL = "awaiting_approval"
    EXECUTING = "executing"
    COMPLETED = "completed"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"


TERMINAL_STATUSES = frozenset(
    {CaseStatus.COMPLETED, CaseStatus.REJECTED, CaseStatus.FAILED, CaseStatus.CANCELLED}
)


class Role(StrEnum):
    """Roles carried in the `role` claim of a bearer token."""

    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    SERVICE = "service"
    FUNERAL_DIRECTOR = "funeral_director"
    """An undertaker signed in with eHerkenning (claims `sub`, `organisation`); reports
    deaths only."""


class Registry(StrEnum):
    """The government registries burgerflow talks to (and the mocks imitate)."""

    BRP = "brp"
    BAG = "bag"
    BELASTINGDIENST = "belastingdienst"
    TOESLAGEN = "toeslagen"
    DUO = "duo"
    RDW = "rdw"
    GEMEENTE = "gemeente"
    BERICHTENBOX = "berichtenbox"
    BURGERLIJKE_STAND = "burgerlijke_stand"
    ZGW = "zgw"
    """The zaaksysteem (ZGW Zaken and Catalogi APIs)."""


MUNICIPALITIES: dict[str, str] = {
    "0363": "Amsterdam",
    "0599": "Rotterdam",
    "0344": "Utrecht",
}
"""Municipalities of the synthetic population (gemeentecode to name)."""

"""The change of address's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only a move can write: what the system does, the laws it rests on, the data it reads and what
a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import RegisterTexts
from workflows.change_of_address.policy import LATE_AFTER_DAYS

REGISTRY_DATA: dict[str, str] = {
    "BRP": "name, date of birth, residence, partners, children, parents, custody, "
    "investigation markers",
    "BAG": "address, object identifier, use (gebruiksdoelen), floor area, status",
    "Toeslagen": "benefits received",
    "DUO": "whether student finance is received",
    "RDW": "vehicles registered",
    "gemeente": "municipal taxes and parking permits",
}
"""Which data each registry contributes to a case."""


def policy_parameters(settings: Settings) -> Mapping[str, float | int]:
    """The policy's parameters in force: the occupancy threshold and when a report is late."""
    return {
        "occupancy_min_m2_per_person": settings.min_m2_per_person,
        "late_report_after_days": LATE_AFTER_DAYS,
    }


MOVE_REGISTER = RegisterTexts(
    name="burgerflow: change of address (verhuizing)",
    purpose_and_impact=(
        "Handles a citizen's report of a move end to end: gathers the facts from the "
        "government registries, drafts the administrative steps (BRP registration, "
        "Belastingdienst, Toeslagen, DUO, RDW, municipal taxes and permits, a plain-language "
        "message) and executes them once a human has validated every critical point. "
        "Impact: a citizen's registered address and the organisations informed of it."
    ),
    deciders="A caseworker of the new address's municipality",
    legal_basis=(
        "Wet basisregistratie personen (Wet BRP), art. 2.38 e.v.: the duty to report a "
        "move and the municipality's registration of it",
        "AVG (GDPR) art. 6(1)(c) and (e): legal obligation and public task",
        "AVG (GDPR) art. 22: no decision based solely on automated processing; every "
        "refusal is a caseworker's",
        "Algemene wet bestuursrecht: a refused move is a decision open to objection "
        "(bezwaar), stated in the citizen's message",
    ),
    data_sources=REGISTRY_DATA,
    agent_role=(
        "Drafts the plan from registry facts (which look-ups, which steps, the texts). It "
        "decides nothing: versioned policy code checks every plan and decides the gates."
    ),
    model_personal_data=(
        "The endpoint sees case-local pseudonyms (PERSON_1, ADDRESS_1, BIRTHDATE_1) instead "
        "of BSNs, names, addresses and dates of birth, with the facts the plan needs (ages, "
        "floor area, uses, benefits); the worker resolves them. Choose a self-hosted or "
        "EU-hosted endpoint under a processing agreement."
    ),
    parameters=policy_parameters,
    sources=(
        "workflows.change_of_address.policy (LATE_AFTER_DAYS)",
        "workflows.change_of_address.register (purpose, legal basis, data sources)",
    ),
)
"""The change of address's register texts."""

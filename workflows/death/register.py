"""The report of a death's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only a death can write: what the system does, the laws it rests on, the data it reads and
what a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import RegisterTexts
from workflows.death.policy import LATE_AFTER_DAYS, LATEST_WORKING_DAY, MIN_HOURS

REGISTRY_DATA: dict[str, str] = {
    "BRP": "name, date of birth, residence, a death already recorded, partners, children, "
    "custody, who else lives at the address, investigation markers",
    "burgerlijke stand": "the deed of death and the permit for burial or cremation it issues",
    "Toeslagen": "benefits received",
    "DUO": "whether student finance is received",
    "RDW": "vehicles registered",
    "gemeente": "municipal taxes and parking permits",
}
"""Which data each registry contributes to a case."""


def policy_parameters(settings: Settings) -> Mapping[str, float | int]:
    """The policy's parameters in force: the disposal's window and when a report is late."""
    return {
        "disposal_no_sooner_than_hours": MIN_HOURS,
        "disposal_no_later_than_working_day": LATEST_WORKING_DAY,
        "late_report_after_days": LATE_AFTER_DAYS,
    }


DEATH_REGISTER = RegisterTexts(
    name="burgerflow: report of a death (aangifte van overlijden)",
    purpose_and_impact=(
        "Handles an undertaker's report of a death to the municipality where the person "
        "died: gathers the facts from the government registries, drafts the steps (the deed "
        "of death and the permit for burial or cremation, the BRP record, Belastingdienst, "
        "Toeslagen, DUO, RDW, parking permits and municipal taxes, a plain-language letter to "
        "the surviving partner and a message to the undertaker) and executes them once a "
        "registrar has drawn up the deed and caseworkers have validated every critical point. "
        "Impact: a person is recorded as deceased and every organisation that reads the BRP "
        "follows."
    ),
    deciders="A registrar or caseworker of the municipality of death",
    legal_basis=(
        "Burgerlijk Wetboek, book 1, title 4: the report of a death to the registrar "
        "(ambtenaar van de burgerlijke stand) and the deed of death",
        "Wet op de lijkbezorging: the statements of death and of no objection, the permit "
        "for burial or cremation, no sooner than 36 hours and no later than the sixth "
        "working day after the death unless the mayor allows it",
        "Wet basisregistratie personen (Wet BRP): recording the death and suspending the "
        "person's record (opschorting, reden O)",
        "AVG (GDPR) art. 6(1)(c) and (e): legal obligation and public task; art. 22: no "
        "decision based solely on automated processing — every deed and refusal is a "
        "person's",
    ),
    data_sources=REGISTRY_DATA,
    agent_role=(
        "Drafts the plan from registry facts (which look-ups, which steps, a summary). It "
        "decides nothing and writes no letter: versioned policy code checks every plan and "
        "decides the gates, and the letters to the partner and the undertaker are the "
        "municipality's fixed texts."
    ),
    model_personal_data=(
        "The endpoint sees case-local pseudonyms (PERSON_1, ADDRESS_1, BIRTHDATE_1) instead "
        "of BSNs, names, addresses and dates of birth, and never the reported surname (only "
        "whether it matches the BRP's); it sees the dates of the death and the disposal and "
        "the facts the plan needs (benefits, vehicles, permits, taxes). The worker resolves "
        "the tokens. Choose a self-hosted or EU-hosted endpoint under a processing agreement."
    ),
    parameters=policy_parameters,
    sources=(
        "workflows.death.policy (MIN_HOURS, LATEST_WORKING_DAY, LATE_AFTER_DAYS)",
        "workflows.death.calendar (working days and public holidays)",
        "workflows.death.register (purpose, legal basis, data sources)",
    ),
)
"""The report of a death's register texts."""

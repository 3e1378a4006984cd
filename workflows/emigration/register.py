"""The emigration's own texts for the algorithm register (`extras["register"]`).

Its rules, risks and approvals come from the rule table (`rules.RULES`); these are the words
only an emigration can write: what the system does, the laws it rests on, the data it reads
and what a model endpoint sees.
"""

from collections.abc import Mapping

from burgerflow.core.settings import Settings
from workflows.audit.register_texts import RegisterTexts
from workflows.emigration.policy import SELF_REPORT_AGE
from workflows.emigration.report import MAX_DAYS_AHEAD, MAX_DAYS_PAST

REGISTRY_DATA: dict[str, str] = {
    "BRP": "name, date of birth, residence (in the Netherlands or abroad), suspension of the "
    "record, partners, children, parents, custody, investigation markers, everyone "
    "registered at a mover's address",
    "Toeslagen": "benefits received",
    "DUO": "whether student finance is received",
    "RDW": "vehicles registered",
    "gemeente": "municipal taxes and parking permits",
}
"""Which data each registry contributes to a case."""


def policy_parameters(settings: Settings) -> Mapping[str, float | int]:
    """The policy's parameters in force: the reporting window and the age of self-report."""
    return {
        "report_at_most_days_before_departure": MAX_DAYS_AHEAD,
        "report_at_most_days_after_departure": MAX_DAYS_PAST,
        "self_report_age": SELF_REPORT_AGE,
    }


EMIGRATION_REGISTER = RegisterTexts(
    name="burgerflow: emigration (emigratie)",
    purpose_and_impact=(
        "Handles a citizen's report of departure abroad end to end: gathers the facts from "
        "the government registries, drafts the administrative steps (deregistration in the "
        "BRP with the country and the address abroad, Belastingdienst, Toeslagen, DUO, RDW, "
        "municipal taxes and parking permits ended, a plain-language letter with the proof "
        "of deregistration) and executes them once a human has validated every critical "
        "point: a household that splits up, custody of a minor, who may report for whom. "
        "Impact: a citizen's registration in the Netherlands and the organisations informed."
    ),
    deciders="A caseworker of the municipality the reporter leaves",
    legal_basis=(
        "Wet basisregistratie personen (Wet BRP), art. 2.43 e.v.: the duty to report an "
        "emigration in the five days before departure, and the deregistration",
        "AVG (GDPR) art. 6(1)(c) and (e): legal obligation and public task",
        "AVG (GDPR) art. 22: no decision based solely on automated processing; every "
        "refusal is a caseworker's",
        "Algemene wet bestuursrecht: a refused deregistration is a decision open to "
        "objection (bezwaar), stated in the citizen's letter",
    ),
    data_sources=REGISTRY_DATA,
    agent_role=(
        "Drafts the plan from registry facts (which look-ups, which steps, the texts). It "
        "decides nothing: versioned policy code checks every plan and decides the gates."
    ),
    model_personal_data=(
        "The endpoint sees case-local pseudonyms (PERSON_1, ADDRESS_1, BIRTHDATE_1) instead "
        "of BSNs, names, addresses at home and abroad and dates of birth, with the facts the "
        "plan needs (ages, relations, custody, country, benefits); the worker resolves them. "
        "Choose a self-hosted or EU-hosted endpoint under a processing agreement."
    ),
    parameters=policy_parameters,
    sources=(
        "workflows.emigration.report (MAX_DAYS_AHEAD, MAX_DAYS_PAST)",
        "workflows.emigration.policy (SELF_REPORT_AGE)",
        "workflows.emigration.register (purpose, legal basis, data sources)",
    ),
)
"""The emigration's register texts."""

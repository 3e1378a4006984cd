"""The scripted planner's plans, run through the graph in-process against the registry mocks."""

from datetime import date
from typing import cast

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agents.change_of_address.graph import build_change_of_address_graph
from agents.change_of_address.outcome import AgentOutcome
from agents.change_of_address.runner import outcome_from_state
from agents.change_of_address.scripted import ScriptedPlanner, next_turn
from agents.change_of_address.state import ChangeOfAddressState, initial_state
from agents.deps import AgentDeps
from burgerflow.registry.client import RegistryClient
from registries_mock.admin.client import AdminClient
from registries_mock.admin.schemas import AdresCreate
from workflows.change_of_address.domain import MovePlan, MoveRequest, NewAddress, StepKind

MOVE_DATE = date(2026, 12, 1)


async def run_agent(registry: RegistryClient, request: MoveRequest) -> AgentOutcome:
    """Run the graph without Temporal, as a unit."""
    deps = AgentDeps(chat_model=ScriptedPlanner(), registry=registry)
    app = build_change_of_address_graph(deps).compile()
    final = await app.ainvoke(initial_state(request))
    return outcome_from_state(cast(ChangeOfAddressState, final))


def to(adres: AdresCreate) -> NewAddress:
    return NewAddress(postcode=adres.postcode, huisnummer=adres.huisnummer)


def kinds(plan: MovePlan, subject: str | None = None) -> list[StepKind]:
    return [s.kind for s in plan.steps if subject is None or s.subject == subject]


async def test_single_adult_moving_to_another_municipality(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    old = await admin.create_adres(new_adres("0599"))
    new = await admin.create_adres(new_adres("0363"))
    anna = await admin.create_persoon(new_persoon(old.adresseerbaar_object_identificatie))
    bsn = anna.burgerservicenummer

    outcome = await run_agent(
        registry, MoveRequest(bsn=bsn, new_address=to(new), move_date=MOVE_DATE)
    )

    assert outcome.failure is None and outcome.turns == 2
    plan = outcome.plan
    assert plan is not None
    assert kinds(plan) == [
        StepKind.BRP_REGISTER_ADDRESS,
        StepKind.NOTIFY_BELASTINGDIENST,
        StepKind.GEMEENTE_STOP_TAXES,
        StepKind.GEMEENTE_START_TAXES,
        StepKind.CITIZEN_MESSAGE,
    ]
    assert {s.subject for s in plan.steps} == {bsn}
    register, _, stop, start, _ = plan.steps
    assert register.params["adresseerbaar_object_identificatie"] == (
        new.adresseerbaar_object_identificatie
    )
    assert stop.params["gemeentecode"] == "0599"
    assert start.params["gemeentecode"] == "0363"
    assert plan.concerns == []
    assert plan.citizen_message.startswith("Beste Sanne Agent,")
    assert "1 december 2026" in plan.citizen_message
    assert "Rotterdam" in plan.caseworker_summary and "Amsterdam" in plan.caseworker_summary
    # The facts come from the registries, not from the model.
    facts = outcome.facts
    assert facts.missing() == []
    assert facts.reporter is not None and facts.reporter.burgerservicenummer == bsn
    assert facts.address is not None and facts.address.found
    assert facts.address.object is not None and facts.address.object.oppervlakte == 90


async def test_couple_with_children(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon, new_bsn
) -> None:
    old = await admin.create_adres(new_adres("0344"))
    new = await admin.create_adres(new_adres("0363", oppervlakte=110))
    home = old.adresseerbaar_object_identificatie
    mother, father, kid1, kid2 = new_bsn(), new_bsn(), new_bsn(), new_bsn()
    for parent, partner in ((mother, father), (father, mother)):
        await admin.create_persoon(
            new_persoon(
                home,
                burgerservicenummer=parent,
                partners=[partner],
                kinderen=[kid1, kid2],
                gezag=[
                    {
                        "type": "GezamenlijkOuderlijkGezag",
                        "minderjarige": k,
                        "ouders": [mother, father],
                    }
                    for k in (kid1, kid2)
                ],
            )
        )
    for kid, born in ((kid1, "2015-02-03"), (kid2, "2018-07-09")):
        await admin.create_persoon(
            new_persoon(
                home,
                burgerservicenummer=kid,
                naam={"voornamen": "Kind", "geslachtsnaam": "Agent"},
                geboorte={"datum": born},
                ouders=[mother, father],
            )
        )

    request = MoveRequest(
        bsn=mother,
        co_movers=[father, kid1, kid2],
        new_address=to(new),
        move_date=MOVE_DATE,
    )
    outcome = await run_agent(registry, request)

    plan = outcome.plan
    assert plan is not None
    everyone = [mother, father, kid1, kid2]
    register = [s.subject for s in plan.steps if s.kind == StepKind.BRP_REGISTER_ADDRESS]
    notify = [s.subject for s in plan.steps if s.kind == StepKind.NOTIFY_BELASTINGDIENST]
    assert register == everyone and notify == everyone
    # Municipal taxes run for the adults only; they move from Utrecht to Amsterdam.
    assert [s.subject for s in plan.steps if s.kind == StepKind.GEMEENTE_STOP_TAXES] == [
        mother,
        father,
    ]
    assert [s.subject for s in plan.steps if s.kind == StepKind.GEMEENTE_START_TAXES] == [
        mother,
        father,
    ]
    assert kinds(plan)[-1] == StepKind.CITIZEN_MESSAGE
    assert plan.steps[-1].subject == mother
    assert "Met u verhuizen:" in plan.citizen_message
    assert set(outcome.facts.persons) == set(everyone)
    assert sorted(p.burgerservicenummer for p in outcome.facts.co_movers) == sorted(
        [father, kid1, kid2]
    )


async def test_mover_with_benefits_student_finance_vehicles_and_parking(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    old = await admin.create_adres(new_adres("0363"))
    new = await admin.create_adres(new_adres("0599"))
    student = await admin.create_persoon(
        new_persoon(
            old.adresseerbaar_object_identificatie,
            geboorte={"datum": "2003-09-01"},
            toeslagen=["huurtoeslag", "zorgtoeslag"],
            studiefinanciering=True,
            voertuigen=2,
            parkeervergunning=True,
        )
    )
    bsn = student.burgerservicenummer

    outcome = await run_agent(
        registry, MoveRequest(bsn=bsn, new_address=to(new), move_date=MOVE_DATE)
    )

    plan = outcome.plan
    assert plan is not None
    assert kinds(plan) == [
        StepKind.BRP_REGISTER_ADDRESS,
        StepKind.NOTIFY_BELASTINGDIENST,
        StepKind.NOTIFY_TOESLAGEN,
        StepKind.NOTIFY_DUO,
        StepKind.NOTIFY_RDW,
        StepKind.GEMEENTE_STOP_TAXES,
        StepKind.GEMEENTE_START_TAXES,
        StepKind.END_PARKING_PERMIT,
        StepKind.CITIZEN_MESSAGE,
    ]
    steps = {s.kind: s for s in plan.steps}
    assert steps[StepKind.NOTIFY_TOESLAGEN].params["toeslagen"] == ["huurtoeslag", "zorgtoeslag"]
    kentekens = steps[StepKind.NOTIFY_RDW].params["kentekens"]
    assert isinstance(kentekens, list) and len(kentekens) == 2
    [permit] = outcome.facts.parkeervergunningen[bsn].parkeervergunningen
    assert steps[StepKind.END_PARKING_PERMIT].params["vergunningnummer"] == permit.vergunningnummer
    assert "Dienst Toeslagen, DUO en de RDW" in plan.citizen_message
    assert "parkeervergunning" in plan.citizen_message


async def test_move_within_the_municipality_keeps_taxes(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    old = await admin.create_adres(new_adres("0363"))
    new = await admin.create_adres(new_adres("0363"))
    mover = await admin.create_persoon(
        new_persoon(old.adresseerbaar_object_identificatie, parkeervergunning=True)
    )

    outcome = await run_agent(
        registry,
        MoveRequest(bsn=mover.burgerservicenummer, new_address=to(new), move_date=MOVE_DATE),
    )

    plan = outcome.plan
    assert plan is not None
    assert kinds(plan) == [
        StepKind.BRP_REGISTER_ADDRESS,
        StepKind.NOTIFY_BELASTINGDIENST,
        StepKind.END_PARKING_PERMIT,
        StepKind.CITIZEN_MESSAGE,
    ]
    assert outcome.facts.belastingen[mover.burgerservicenummer].belastingplichten
    assert "gemeentelijke belastingen" not in plan.citizen_message


async def test_unknown_address_and_unknown_co_mover_are_facts(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon, new_bsn
) -> None:
    old = await admin.create_adres(new_adres("0363"))
    mover = await admin.create_persoon(new_persoon(old.adresseerbaar_object_identificatie))
    stranger = new_bsn()  # a valid BSN that BRP does not know

    outcome = await run_agent(
        registry,
        MoveRequest(
            bsn=mover.burgerservicenummer,
            co_movers=[stranger],
            new_address=NewAddress(postcode="1011YY", huisnummer=99999),
            move_date=MOVE_DATE,
        ),
    )

    plan = outcome.plan
    assert plan is not None
    assert outcome.facts.address is not None and not outcome.facts.address.found
    assert [(f.tool, f.subject, f.status) for f in outcome.facts.failures] == [
        ("lookup_persons", stranger, 404)
    ]
    # Both are policy gates (address_not_found, person_not_found): no concern of its own.
    assert plan.concerns == []
    # Nothing to register at: only the message to the citizen.
    assert kinds(plan) == [StepKind.CITIZEN_MESSAGE]
    assert "niet vinden" in plan.citizen_message


def request_message(request: MoveRequest) -> HumanMessage:
    """The first message of a run: the request in tokens."""
    [message] = initial_state(request)["messages"]
    assert isinstance(message, HumanMessage)
    return message


def test_the_request_reaches_the_model_in_tokens() -> None:
    request = MoveRequest(
        bsn="999993653",
        co_movers=["999990019"],
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=MOVE_DATE,
    )
    text = str(request_message(request).content)
    assert '"reporter":"PERSON_1"' in text and '"co_movers":["PERSON_2"]' in text
    assert '"new_address":"ADDRESS_1"' in text
    assert "999993653" not in text and "999990019" not in text
    assert "1012" not in text


def test_first_turn_calls_every_look_up_in_one_message() -> None:
    request = MoveRequest(
        bsn="999993653",
        co_movers=["999990019"],
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=MOVE_DATE,
    )
    reply = next_turn([SystemMessage(content="..."), request_message(request)])
    assert [c["name"] for c in reply.tool_calls] == [
        "lookup_address",
        "lookup_persons",
        "lookup_toeslagen",
        "lookup_studiefinanciering",
        "lookup_voertuigen",
        "lookup_belastingen",
        "lookup_parkeervergunningen",
    ]
    assert reply.tool_calls[0]["args"] == {"address": "ADDRESS_1"}
    assert reply.tool_calls[1]["args"] == {"persons": ["PERSON_1", "PERSON_2"]}
    assert reply.id == "scripted-turn-1"
    # Deterministic: the same conversation gives the same reply.
    assert next_turn([request_message(request)]) == reply


def test_gives_up_when_look_ups_stay_incomplete() -> None:
    request = MoveRequest(
        bsn="999993653",
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=MOVE_DATE,
    )
    asked = request_message(request)
    first = next_turn([asked])
    errors = [
        ToolMessage(content="Error: nope", tool_call_id=c["id"] or "", status="error")
        for c in first.tool_calls
    ]
    second = next_turn([asked, first, *errors])
    assert second.tool_calls == []
    assert "onvolledig" in str(second.content)


async def test_sends_a_rejected_plan_once_more_then_gives_up(registry: RegistryClient) -> None:
    request = MoveRequest(
        bsn="999993653",
        new_address=NewAddress(postcode="1012AB", huisnummer=1),
        move_date=MOVE_DATE,
    )
    deps = AgentDeps(chat_model=ScriptedPlanner(), registry=registry)
    final = await build_change_of_address_graph(deps).compile().ainvoke(initial_state(request))
    *gathered, submit, accepted = final["messages"]
    assert isinstance(submit, AIMessage) and submit.tool_calls[0]["name"] == "submit_plan"
    assert isinstance(accepted, ToolMessage) and accepted.content == "Plan accepted."
    # As an endpoint delivers it: no tool name, no status, only the text.
    refusal = ToolMessage(content="Error: Invalid plan", tool_call_id=accepted.tool_call_id)

    again = next_turn([*gathered, submit, refusal])
    assert [c["name"] for c in again.tool_calls] == ["submit_plan"]
    assert again.tool_calls[0]["args"] == submit.tool_calls[0]["args"]

    second = ToolMessage(
        content="Error: Invalid plan", tool_call_id=again.tool_calls[0]["id"] or ""
    )
    reply = next_turn([*gathered, submit, refusal, again, second])
    assert reply.tool_calls == []
    assert "Invalid plan" in str(reply.content)


def test_without_a_request_it_answers_in_text() -> None:
    reply = next_turn([HumanMessage(content="hallo")])
    assert reply.tool_calls == [] and reply.content


async def test_nothing_identifying_is_in_the_conversation(
    registry: RegistryClient, admin: AdminClient, new_adres, new_persoon
) -> None:
    old = await admin.create_adres(new_adres("0599"))
    new = await admin.create_adres(new_adres("0363"))
    anna = await admin.create_persoon(
        new_persoon(old.adresseerbaar_object_identificatie, parkeervergunning=True, voertuigen=1)
    )
    request = MoveRequest(bsn=anna.burgerservicenummer, new_address=to(new), move_date=MOVE_DATE)
    deps = AgentDeps(chat_model=ScriptedPlanner(), registry=registry)
    final = await build_change_of_address_graph(deps).compile().ainvoke(initial_state(request))
    outcome = outcome_from_state(cast(ChangeOfAddressState, final))

    assert outcome.plan is not None
    conversation = "\n".join(
        f"{m.content} {getattr(m, 'tool_calls', '')}" for m in final["messages"]
    )
    for clear in (
        anna.burgerservicenummer,
        "Sanne",
        "Agentstraat",
        new.postcode,
        old.adresseerbaar_object_identificatie,
        new.adresseerbaar_object_identificatie,
        "1990-04-01",
    ):
        assert clear not in conversation, clear
    # The plan, decoded on the worker, has them back.
    assert outcome.plan.steps[0].subject == anna.burgerservicenummer
    assert outcome.plan.steps[0].params["adresseerbaar_object_identificatie"] == (
        new.adresseerbaar_object_identificatie
    )
    assert "Agentstraat" in outcome.plan.citizen_message
    # The mapping stays in the state (and so in the workflow history).
    entries = final["pseudonyms"]["entries"]
    assert {"token": "PERSON_1", "value": anna.burgerservicenummer}.items() <= entries[0].items()

"""A deterministic scripted planner: the change-of-address agent's model, offline.

`ScriptedPlanner` implements LangChain's chat-model interface with tool calling, so the graph
runs unchanged without a language model. It reads only the conversation, as a model would:
the request from the first message and the facts from the look-up results.

- While look-ups are missing, it calls them (all in one message).
- Then it drafts the plan with the fixed rules of policy v1 (`draft_move_plan`) and calls
  `submit_plan`.
- When the same look-ups come back incomplete, or the plan is rejected, it gives up with a
  plain answer; the graph then ends without a plan once the turn budget is spent.

No randomness and no clock: the same conversation always gives the same reply.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolCall, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel

from agents.change_of_address.plan import (
    Concern,
    MoveFacts,
    MovePlan,
    MoveRequest,
    PlannedStep,
    StepKind,
)
from agents.change_of_address.prompts import parse_request_block
from agents.change_of_address.tools import (
    LOOKUP_ADDRESS,
    LOOKUP_PERSONS,
    NOT_IN_BRP,
    PER_MOVER_LOOKUPS,
    SUBMIT_PLAN,
    AddressArgs,
    MoversArgs,
    facts_from_messages,
)
from burgerflow.constants import MUNICIPALITIES
from registries_mock.client import PersoonPublic

_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

_RUNNING_TAX = "lopend"
_ACTIVE_PERMIT = "actief"


class ScriptedPlanner(BaseChatModel):
    """A chat model that plans a change of address with fixed rules instead of a language model.

    Attributes:
        model_name: Reported as the model name (`settings.llm_model`).
    """

    model_name: str = "scripted-planner-v1"

    @property
    def _llm_type(self) -> str:
        return "burgerflow-scripted-planner"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name}

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tool schemas, as chat models with tool calling do (they are passed through)."""
        formatted = [convert_to_openai_tool(tool) for tool in tools]
        return self.bind(tools=formatted, **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=next_turn(messages))])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=next_turn(messages))])


def _find_request(messages: Sequence[BaseMessage]) -> MoveRequest | None:
    for message in messages:
        if isinstance(message, HumanMessage) and isinstance(message.content, str):
            data = parse_request_block(message.content)
            if data is not None:
                return MoveRequest.model_validate(data)
    return None


def _lookup_calls(request: MoveRequest, missing: Sequence[str], turn: int) -> list[ToolCall]:
    args: list[tuple[str, BaseModel]] = []
    if "lookup_address" in missing:
        address = request.new_address
        args.append(
            (
                LOOKUP_ADDRESS,
                AddressArgs(
                    postcode=address.postcode,
                    huisnummer=address.huisnummer,
                    huisletter=address.huisletter,
                    huisnummertoevoeging=address.huisnummertoevoeging,
                ),
            )
        )
    for tool in PER_MOVER_LOOKUPS:
        bsns = [bsn for bsn in request.mover_bsns if f"{tool}:{bsn}" in missing]
        if bsns:
            args.append((tool, MoversArgs(bsns=bsns)))
    return [
        ToolCall(name=name, args=a.model_dump(mode="json"), id=f"scripted-{turn}-{i}")
        for i, (name, a) in enumerate(args)
    ]


def _same_calls(left: Sequence[ToolCall], right: Sequence[ToolCall]) -> bool:
    return [(c["name"], c["args"]) for c in left] == [(c["name"], c["args"]) for c in right]


def next_turn(messages: Sequence[BaseMessage]) -> AIMessage:
    """The scripted planner's reply to a conversation.

    Args:
        messages: The conversation so far (system prompt, request, tool calls and results).

    Returns:
        Look-up calls while facts are missing, then a `submit_plan` call, or a plain answer
        when it cannot go on.
    """
    replies = [m for m in messages if isinstance(m, AIMessage)]
    turn = len(replies) + 1
    reply_id = f"scripted-turn-{turn}"
    request = _find_request(messages)
    if request is None:
        return AIMessage(content="Ik vind geen verhuismelding in dit gesprek.", id=reply_id)
    facts = facts_from_messages(request, messages)
    missing = facts.missing()
    if missing:
        calls = _lookup_calls(request, missing, turn)
        if replies and _same_calls(calls, replies[-1].tool_calls):
            return AIMessage(
                content="De opzoekingen blijven onvolledig: " + ", ".join(missing) + ".",
                id=reply_id,
            )
        return AIMessage(content="", tool_calls=calls, id=reply_id)
    last = messages[-1] if messages else None
    if isinstance(last, ToolMessage) and last.name == SUBMIT_PLAN and last.status == "error":
        return AIMessage(content=f"Ik kan geen geldig plan maken: {last.content}", id=reply_id)
    plan = draft_move_plan(facts)
    call = ToolCall(name=SUBMIT_PLAN, args=plan.model_dump(mode="json"), id=f"scripted-{turn}-0")
    return AIMessage(content="", tool_calls=[call], id=reply_id)


# Rules -------------------------------------------------------------------------------------


def _long_date(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _name(persoon: PersoonPublic | None) -> str | None:
    if persoon is None or persoon.naam is None:
        return None
    naam = persoon.naam
    if naam.volledige_naam:
        return naam.volledige_naam
    parts = [naam.voornamen, naam.voorvoegsel, naam.geslachtsnaam]
    return " ".join(p for p in parts if p) or None


def _municipality_name(code: str | None, fallback: str | None = None) -> str:
    if code is None:
        return fallback or "onbekend"
    return MUNICIPALITIES.get(code) or fallback or code


def _new_gemeentecode(facts: MoveFacts) -> str | None:
    address = facts.address
    if address is None or not address.found:
        return None
    if address.object is not None:
        return address.object.gemeentecode
    object_id = address.adres.adresseerbaar_object_identificatie if address.adres else None
    return object_id[:4] if object_id else None


def _old_gemeentecode(facts: MoveFacts, bsn: str) -> str | None:
    persoon = facts.persons.get(bsn)
    if persoon is None or persoon.gemeente_van_inschrijving is None:
        return None
    return persoon.gemeente_van_inschrijving.code


def _new_object_id(facts: MoveFacts) -> str | None:
    address = facts.address
    if address is None or address.adres is None:
        return None
    return address.adres.adresseerbaar_object_identificatie


def draft_move_plan(facts: MoveFacts) -> MovePlan:
    """Draft the plan for complete facts with the rules of policy v1.

    Steps, in order, for the movers BRP knows and only when BAG has the new address's
    object (otherwise just the message): BRP registration per mover; Belastingdienst
    per mover; Toeslagen, DUO and RDW per mover who has running benefits, student finance
    or vehicles; municipal taxes stopped at the old and started at the new municipality per
    mover with running taxes at the old one, when the municipality changes; every active
    parking permit tied to a mover's old address ended; the citizen message last. Every
    refused look-up (including a mover BRP does not know) becomes a concern.

    Args:
        facts: Complete facts (`facts.missing()` is empty).

    Returns:
        The plan.
    """
    request = facts.request
    new_code = _new_gemeentecode(facts)
    object_id = _new_object_id(facts)
    # Per-person steps only for movers BRP knows (an unknown one is a concern), and only with
    # a BAG object to register at; without one a caseworker handles the address first.
    movers = [b for b in request.mover_bsns if b in facts.persons] if object_id else []
    move_date = request.move_date.isoformat()
    steps: list[PlannedStep] = []

    for bsn in movers:
        steps.append(
            PlannedStep(
                kind=StepKind.BRP_REGISTER_ADDRESS,
                subject=bsn,
                params={"adresseerbaar_object_identificatie": object_id, "datum": move_date},
                rationale="Elke verhuizer wordt op het nieuwe adres ingeschreven in de BRP.",
            )
        )
    for bsn in movers:
        steps.append(
            PlannedStep(
                kind=StepKind.NOTIFY_BELASTINGDIENST,
                subject=bsn,
                rationale="De Belastingdienst krijgt het nieuwe adres van elke verhuizer.",
            )
        )
    for bsn in movers:
        soorten = facts.toeslagen[bsn].lopende_soorten if bsn in facts.toeslagen else []
        if soorten:
            steps.append(
                PlannedStep(
                    kind=StepKind.NOTIFY_TOESLAGEN,
                    subject=bsn,
                    params={"toeslagen": soorten},
                    rationale=f"Lopende toeslagen: {', '.join(soorten)}.",
                )
            )
    for bsn in movers:
        duo = facts.studiefinanciering.get(bsn)
        if duo is not None and duo.studiefinanciering:
            steps.append(
                PlannedStep(
                    kind=StepKind.NOTIFY_DUO,
                    subject=bsn,
                    rationale="Ontvangt studiefinanciering van DUO.",
                )
            )
    for bsn in movers:
        rdw = facts.voertuigen.get(bsn)
        kentekens = [v.kenteken for v in rdw.voertuigen] if rdw is not None else []
        if kentekens:
            steps.append(
                PlannedStep(
                    kind=StepKind.NOTIFY_RDW,
                    subject=bsn,
                    params={"kentekens": kentekens},
                    rationale=f"{len(kentekens)} voertuig(en) op naam bij de RDW.",
                )
            )
    for bsn in movers:
        old_code = _old_gemeentecode(facts, bsn)
        belastingen = facts.belastingen.get(bsn)
        running = [
            b
            for b in (belastingen.belastingplichten if belastingen is not None else [])
            if b.status == _RUNNING_TAX and b.gemeentecode == old_code
        ]
        if not running or new_code is None or old_code is None or old_code == new_code:
            continue
        steps.append(
            PlannedStep(
                kind=StepKind.GEMEENTE_STOP_TAXES,
                subject=bsn,
                params={"gemeentecode": old_code, "einddatum": move_date},
                rationale=(
                    f"Verhuist weg uit {_municipality_name(old_code)} en heeft daar lopende "
                    "gemeentelijke belastingen."
                ),
            )
        )
        steps.append(
            PlannedStep(
                kind=StepKind.GEMEENTE_START_TAXES,
                subject=bsn,
                params={
                    "gemeentecode": new_code,
                    "adresseerbaar_object_identificatie": object_id,
                    "ingangsdatum": move_date,
                },
                rationale=f"Komt wonen in {_municipality_name(new_code)}.",
            )
        )
    for bsn in movers:
        persoon = facts.persons.get(bsn)
        old_object = persoon.adresseerbaar_object_identificatie if persoon else None
        vergunningen = facts.parkeervergunningen.get(bsn)
        for vergunning in vergunningen.parkeervergunningen if vergunningen else []:
            if (
                vergunning.status == _ACTIVE_PERMIT
                and old_object is not None
                and vergunning.adresseerbaar_object_identificatie == old_object
            ):
                steps.append(
                    PlannedStep(
                        kind=StepKind.END_PARKING_PERMIT,
                        subject=bsn,
                        params={
                            "vergunningnummer": vergunning.vergunningnummer,
                            "einddatum": move_date,
                        },
                        rationale="De parkeervergunning hoort bij het oude adres.",
                    )
                )
    steps.append(
        PlannedStep(
            kind=StepKind.CITIZEN_MESSAGE,
            subject=request.reporter_bsn,
            rationale="De melder krijgt een bericht over wat er gebeurt.",
        )
    )
    # A mover BRP does not know is a policy gate of its own (person_not_found); any other
    # refused look-up leaves a hole in the facts that a caseworker should see.
    concerns = [
        Concern(
            topic="lookup_failed",
            subject=failure.subject,
            rationale=(
                f"Opzoeking {failure.tool} is geweigerd ({failure.status}): {failure.detail}"
            ),
        )
        for failure in facts.failures
        if failure.tool != LOOKUP_PERSONS or failure.status != NOT_IN_BRP
    ]
    return MovePlan(
        steps=steps,
        concerns=concerns,
        caseworker_summary=_caseworker_summary(facts, steps, concerns, new_code),
        citizen_message=_citizen_message(facts, steps, new_code),
    )


def _address_line(facts: MoveFacts) -> str:
    address = facts.address
    new = facts.request.new_address
    if address is not None and address.adres is not None:
        adres = address.adres
        street = adres.adresregel5 or f"{adres.openbare_ruimte_naam} {adres.huisnummer}"
        postcode = adres.postcode or new.postcode
        return f"{street}, {postcode[:4]} {postcode[4:]} {adres.woonplaats_naam}"
    number = f"{new.huisnummer}{new.huisletter or ''}"
    if new.huisnummertoevoeging:
        number += f"-{new.huisnummertoevoeging}"
    return f"huisnummer {number}, {new.postcode[:4]} {new.postcode[4:]}"


def _caseworker_summary(
    facts: MoveFacts,
    steps: Sequence[PlannedStep],
    concerns: Sequence[Concern],
    new_code: str | None,
) -> str:
    request = facts.request
    reporter = _name(facts.reporter) or "onbekend"
    movers = len(request.mover_bsns)
    old_codes = sorted({c for b in request.mover_bsns if (c := _old_gemeentecode(facts, b))})
    found = facts.address is not None and facts.address.found
    municipalities = (
        f"van {', '.join(_municipality_name(c) for c in old_codes) or 'onbekend'} "
        f"naar {_municipality_name(new_code)}"
    )
    return (
        f"Verhuizing van {movers} {'persoon' if movers == 1 else 'personen'} "
        f"(melder {reporter}) naar {_address_line(facts)} per {_long_date(request.move_date)}, "
        f"{municipalities}. Adres {'gevonden' if found else 'niet gevonden'} in de BAG. "
        f"{len(steps)} stappen gepland, {len(concerns)} aandachtspunt(en)."
    )


def _citizen_message(facts: MoveFacts, steps: Sequence[PlannedStep], new_code: str | None) -> str:
    request = facts.request
    kinds = {step.kind for step in steps}
    name = _name(facts.reporter)
    lines = [f"Beste {name}," if name else "Beste inwoner,", ""]
    lines.append(
        f"Wij hebben uw verhuizing ontvangen. U verhuist op {_long_date(request.move_date)} "
        f"naar {_address_line(facts)}."
    )
    co_movers = [n for p in facts.co_movers if (n := _name(p))]
    if co_movers:
        lines.append(f"Met u verhuizen: {', '.join(co_movers)}.")
    lines += ["", "Wat gebeurt er nu?"]
    if _new_object_id(facts) is None:
        lines.append(
            "- Wij kunnen het nieuwe adres niet vinden in de adressenregistratie. "
            "Een medewerker kijkt daarnaar en neemt contact met u op."
        )
    elif StepKind.BRP_REGISTER_ADDRESS not in kinds:
        lines.append(
            "- Wij kunnen uw gegevens niet vinden in de basisregistratie personen. "
            "Een medewerker kijkt daarnaar en neemt contact met u op."
        )
    else:
        who = "u" if not request.co_mover_bsns else "u en de mensen die met u verhuizen"
        lines.append(f"- Wij schrijven {who} in op het nieuwe adres.")
        organisations = ["de Belastingdienst"]
        if StepKind.NOTIFY_TOESLAGEN in kinds:
            organisations.append("Dienst Toeslagen")
        if StepKind.NOTIFY_DUO in kinds:
            organisations.append("DUO")
        if StepKind.NOTIFY_RDW in kinds:
            organisations.append("de RDW")
        listed = (
            organisations[0]
            if len(organisations) == 1
            else f"{', '.join(organisations[:-1])} en {organisations[-1]}"
        )
        lines.append(f"- Wij geven uw nieuwe adres door aan {listed}.")
    if StepKind.GEMEENTE_START_TAXES in kinds:
        lines.append(
            "- U betaalt de gemeentelijke belastingen voortaan aan de gemeente "
            f"{_municipality_name(new_code)}. Bij uw oude gemeente stoppen ze."
        )
    if StepKind.END_PARKING_PERMIT in kinds:
        lines.append(
            "- Uw parkeervergunning voor het oude adres stopt op de dag van de verhuizing."
        )
    lines += [
        "",
        "Soms moet een medewerker eerst iets controleren. Dan duurt het wat langer. "
        "Wij laten het u weten als dat zo is.",
        "",
        "Met vriendelijke groet,",
        f"Gemeente {_municipality_name(new_code, 'uw nieuwe woonplaats')}",
    ]
    return "\n".join(lines)

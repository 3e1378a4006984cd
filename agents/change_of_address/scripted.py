"""A deterministic scripted planner: the change-of-address agent's model, offline.

`ScriptedPlanner` implements LangChain's chat-model interface with tool calling, so the graph
runs unchanged without a language model. It reads only the conversation, as a model would —
the request from the first message, the facts from the tool results — and so it works in
tokens (`PERSON_1`, `ADDRESS_1`) like any model: it never sees a BSN, a name or an address.
It relies on nothing a chat-completions endpoint would not carry (no message names, no tool
message status), which is why the fake OpenAI-compatible server (`agents.fake_llm`) can put it
behind a real HTTP endpoint.

- While look-ups are missing, it calls them (all in one message).
- Then it drafts the plan with the fixed rules of policy v1 (`draft_plan`) and calls
  `submit_plan`.
- When the same look-ups come back incomplete, it gives up with a plain answer; the graph
  then ends without a plan once the turn budget is spent. A rejected plan is sent once more,
  then it gives up too.

No randomness and no clock: the same conversation always gives the same reply.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolCall, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, ValidationError

from agents.change_of_address.prompts import parse_request_block
from agents.change_of_address.state import MAX_PLAN_ATTEMPTS
from agents.change_of_address.tools import (
    ERROR_PREFIX,
    LOOKUP_ADDRESS,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    LOOKUPS,
    NOT_IN_BRP,
    PER_MOVER_LOOKUPS,
    SUBMIT_PLAN,
    AddressArgs,
    PersonsArgs,
)
from agents.change_of_address.views import (
    AddressView,
    BenefitsResultView,
    BenefitsView,
    ConcernDraft,
    FailureView,
    PermitsResultView,
    PermitsView,
    PersonsView,
    PersonView,
    PlanDraft,
    RequestView,
    StepDraft,
    StudentFinanceResultView,
    StudentFinanceView,
    TaxesResultView,
    TaxesView,
    VehiclesResultView,
    VehiclesView,
)
from agents.pseudonyms import long_date
from burgerflow.core.constants import MUNICIPALITIES
from workflows.change_of_address.domain import StepKind

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
        return self._reply(messages)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return self._reply(messages)

    def _reply(self, messages: list[BaseMessage]) -> ChatResult:
        # The model name and provider go with every reply, as a hosted model's do, so the
        # audit trail names the planner that drafted the plan.
        message = next_turn(messages)
        message.response_metadata = {"model_name": self.model_name, "model_provider": "scripted"}
        return ChatResult(generations=[ChatGeneration(message=message)])


# Reading the conversation ------------------------------------------------------------------


@dataclass
class Knowledge:
    """What the planner learned from a conversation: the request and the tool results."""

    request: RequestView
    persons: dict[str, PersonView] = field(default_factory=dict)
    address: AddressView | None = None
    benefits: dict[str, BenefitsView] = field(default_factory=dict)
    student_finance: dict[str, StudentFinanceView] = field(default_factory=dict)
    vehicles: dict[str, VehiclesView] = field(default_factory=dict)
    taxes: dict[str, TaxesView] = field(default_factory=dict)
    permits: dict[str, PermitsView] = field(default_factory=dict)
    failures: list[FailureView] = field(default_factory=list)

    @property
    def movers(self) -> list[str]:
        """The movers' tokens, the reporter first, without duplicates."""
        return list(dict.fromkeys([self.request.reporter, *self.request.co_movers]))

    def _fail(self, failures: Sequence[FailureView]) -> None:
        known = {(f.lookup, f.person) for f in self.failures}
        for failure in failures:
            if (failure.lookup, failure.person) not in known:
                self.failures.append(failure)
                known.add((failure.lookup, failure.person))

    def learn(self, tool: str, view: BaseModel) -> None:
        """Merge one tool result into what is known."""
        per_person: dict[str, dict[str, Any]] = {
            LOOKUP_TOESLAGEN: self.benefits,
            LOOKUP_STUDIEFINANCIERING: self.student_finance,
            LOOKUP_VOERTUIGEN: self.vehicles,
            LOOKUP_BELASTINGEN: self.taxes,
            LOOKUP_PARKEERVERGUNNINGEN: self.permits,
        }
        if isinstance(view, PersonsView):
            self.persons.update({p.person: p for p in view.persons})
        elif isinstance(view, AddressView):
            self.address = view
        elif isinstance(
            view,
            BenefitsResultView
            | StudentFinanceResultView
            | VehiclesResultView
            | TaxesResultView
            | PermitsResultView,
        ):
            per_person[tool].update({r.person: r for r in view.results})
        failures = getattr(view, "failures", [])
        self._fail(failures)

    def missing(self) -> list[str]:
        """The look-ups still to do, as `tool` or `tool:TOKEN` (like `MoveFacts.missing`)."""
        failed = {(f.lookup, f.person) for f in self.failures}
        todo: list[str] = []
        if self.address is None and (LOOKUP_ADDRESS, None) not in failed:
            todo.append(LOOKUP_ADDRESS)
        done: dict[str, dict[str, Any]] = {
            LOOKUP_PERSONS: self.persons,
            LOOKUP_TOESLAGEN: self.benefits,
            LOOKUP_STUDIEFINANCIERING: self.student_finance,
            LOOKUP_VOERTUIGEN: self.vehicles,
            LOOKUP_BELASTINGEN: self.taxes,
            LOOKUP_PARKEERVERGUNNINGEN: self.permits,
        }
        for tool in PER_MOVER_LOOKUPS:
            todo.extend(
                f"{tool}:{token}"
                for token in self.movers
                if token not in done[tool] and (tool, token) not in failed
            )
        return todo


def _call_names(messages: Sequence[BaseMessage]) -> dict[str, str]:
    """Tool names by tool-call id: an endpoint's tool messages carry the id, not the name."""
    return {
        call_id: call["name"]
        for message in messages
        if isinstance(message, AIMessage)
        for call in message.tool_calls
        if (call_id := call.get("id"))
    }


def _tool_name(message: ToolMessage, names: dict[str, str]) -> str | None:
    return message.name or names.get(message.tool_call_id)


def _is_error(message: ToolMessage) -> bool:
    return not isinstance(message.content, str) or message.content.startswith(ERROR_PREFIX)


def read_conversation(messages: Sequence[BaseMessage]) -> Knowledge | None:
    """What a conversation tells about the move, or None when it holds no request.

    Only successful look-up results count; errors and results that do not parse are skipped.
    """
    request: RequestView | None = None
    for message in messages:
        if isinstance(message, HumanMessage) and isinstance(message.content, str):
            data = parse_request_block(message.content)
            if data is not None:
                try:
                    request = RequestView.model_validate(data)
                except ValidationError:
                    return None
                break
    if request is None:
        return None
    knowledge = Knowledge(request=request)
    names = _call_names(messages)
    for message in messages:
        if not isinstance(message, ToolMessage) or _is_error(message):
            continue
        tool = LOOKUPS.get(_tool_name(message, names) or "")
        if tool is None:
            continue
        try:
            view = tool.view_model.model_validate(json.loads(str(message.content)))
        except (ValueError, ValidationError):
            continue
        knowledge.learn(tool.name, view)
    return knowledge


# Turns -------------------------------------------------------------------------------------


def _lookup_calls(knowledge: Knowledge, missing: Sequence[str], turn: int) -> list[ToolCall]:
    args: list[tuple[str, BaseModel]] = []
    if LOOKUP_ADDRESS in missing:
        args.append((LOOKUP_ADDRESS, AddressArgs(address=knowledge.request.new_address)))
    for tool in PER_MOVER_LOOKUPS:
        tokens = [t for t in knowledge.movers if f"{tool}:{t}" in missing]
        if tokens:
            args.append((tool, PersonsArgs(persons=tokens)))
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
    knowledge = read_conversation(messages)
    if knowledge is None:
        return AIMessage(content="Ik vind geen verhuismelding in dit gesprek.", id=reply_id)
    missing = knowledge.missing()
    if missing:
        calls = _lookup_calls(knowledge, missing, turn)
        if replies and _same_calls(calls, replies[-1].tool_calls):
            return AIMessage(
                content="De opzoekingen blijven onvolledig: " + ", ".join(missing) + ".",
                id=reply_id,
            )
        return AIMessage(content="", tool_calls=calls, id=reply_id)
    names = _call_names(messages)
    rejected = [
        m
        for m in messages
        if isinstance(m, ToolMessage) and _tool_name(m, names) == SUBMIT_PLAN and _is_error(m)
    ]
    # A rejected plan is drafted and sent once more (the error may have been a slip); after
    # that the planner gives up, as the graph would stop it anyway.
    if rejected and len(rejected) >= MAX_PLAN_ATTEMPTS and messages[-1] is rejected[-1]:
        return AIMessage(
            content=f"Ik kan geen geldig plan maken: {rejected[-1].content}", id=reply_id
        )
    plan = draft_plan(knowledge)
    call = ToolCall(
        name=SUBMIT_PLAN,
        args=plan.model_dump(mode="json", exclude_none=True),
        id=f"scripted-{turn}-0",
    )
    return AIMessage(content="", tool_calls=[call], id=reply_id)


# Rules -------------------------------------------------------------------------------------


def _municipality(code: str | None, name: str | None = None, fallback: str = "onbekend") -> str:
    if code is None:
        return fallback
    return MUNICIPALITIES.get(code) or name or code


def draft_plan(knowledge: Knowledge) -> PlanDraft:
    """Draft the plan for complete knowledge with the rules of policy v1, in tokens.

    Steps, in order, for the movers BRP knows and only when BAG ties the new address to an
    object (otherwise just the message): BRP registration per mover; Belastingdienst per
    mover; Toeslagen, DUO and RDW per mover who has running benefits, student finance or
    vehicles; municipal taxes stopped at the old and started at the new municipality per
    mover with running taxes at the old one, when the municipality changes; every active
    parking permit tied to a mover's current address ended; the citizen message last. Every
    refused look-up (except a mover BRP does not know, a policy gate of its own) becomes a
    concern.

    Args:
        knowledge: Complete knowledge (`knowledge.missing()` is empty).

    Returns:
        The plan, in tokens.
    """
    request = knowledge.request
    address = knowledge.address
    has_object = address is not None and address.found and address.has_object
    new_code = address.municipality if address is not None and address.found else None
    new_token = request.new_address
    # Per-person steps only for movers BRP knows (an unknown one is a gate), and only with a
    # BAG object to register at; without one a caseworker handles the address first.
    movers = [t for t in knowledge.movers if t in knowledge.persons] if has_object else []
    move_date = request.move_date
    steps: list[StepDraft] = []

    for token in movers:
        steps.append(
            StepDraft(
                kind=StepKind.BRP_REGISTER_ADDRESS,
                subject=token,
                params={"adresseerbaar_object_identificatie": new_token, "datum": move_date},
                rationale="Elke verhuizer wordt op het nieuwe adres ingeschreven in de BRP.",
            )
        )
    for token in movers:
        steps.append(
            StepDraft(
                kind=StepKind.NOTIFY_BELASTINGDIENST,
                subject=token,
                rationale="De Belastingdienst krijgt het nieuwe adres van elke verhuizer.",
            )
        )
    for token in movers:
        benefits = knowledge.benefits.get(token)
        if benefits is not None and benefits.running:
            steps.append(
                StepDraft(
                    kind=StepKind.NOTIFY_TOESLAGEN,
                    subject=token,
                    params={"toeslagen": list(benefits.running)},
                    rationale=f"Lopende toeslagen: {', '.join(benefits.running)}.",
                )
            )
    for token in movers:
        duo = knowledge.student_finance.get(token)
        if duo is not None and duo.student_finance:
            steps.append(
                StepDraft(
                    kind=StepKind.NOTIFY_DUO,
                    subject=token,
                    rationale="Ontvangt studiefinanciering van DUO.",
                )
            )
    for token in movers:
        vehicles = knowledge.vehicles.get(token)
        if vehicles is not None and vehicles.kentekens:
            steps.append(
                StepDraft(
                    kind=StepKind.NOTIFY_RDW,
                    subject=token,
                    params={"kentekens": list(vehicles.kentekens)},
                    rationale=f"{len(vehicles.kentekens)} voertuig(en) op naam bij de RDW.",
                )
            )
    for token in movers:
        person = knowledge.persons[token]
        old_code = person.municipality
        taxes = knowledge.taxes.get(token)
        running = [
            t
            for t in (taxes.taxes if taxes is not None else [])
            if t.status == _RUNNING_TAX and t.municipality == old_code
        ]
        if not running or new_code is None or old_code is None or old_code == new_code:
            continue
        steps.append(
            StepDraft(
                kind=StepKind.GEMEENTE_STOP_TAXES,
                subject=token,
                params={"gemeentecode": old_code, "einddatum": move_date},
                rationale=(
                    f"Verhuist weg uit {_municipality(old_code, person.municipality_name)} en "
                    "heeft daar lopende gemeentelijke belastingen."
                ),
            )
        )
        steps.append(
            StepDraft(
                kind=StepKind.GEMEENTE_START_TAXES,
                subject=token,
                params={
                    "gemeentecode": new_code,
                    "adresseerbaar_object_identificatie": new_token,
                    "ingangsdatum": move_date,
                },
                rationale=f"Komt wonen in {_municipality(new_code, _new_name(knowledge))}.",
            )
        )
    for token in movers:
        person = knowledge.persons[token]
        permits = knowledge.permits.get(token)
        for permit in permits.permits if permits is not None else []:
            if (
                permit.status == _ACTIVE_PERMIT
                and person.address is not None
                and permit.address == person.address
            ):
                steps.append(
                    StepDraft(
                        kind=StepKind.END_PARKING_PERMIT,
                        subject=token,
                        params={
                            "vergunningnummer": permit.vergunningnummer,
                            "einddatum": move_date,
                        },
                        rationale="De parkeervergunning hoort bij het oude adres.",
                    )
                )
    steps.append(
        StepDraft(
            kind=StepKind.CITIZEN_MESSAGE,
            subject=request.reporter,
            rationale="De melder krijgt een bericht over wat er gebeurt.",
        )
    )
    concerns = [
        ConcernDraft(
            topic="lookup_failed",
            subject=failure.person,
            rationale=(
                f"Opzoeking {failure.lookup} is geweigerd ({failure.status}): {failure.detail}"
            ),
        )
        for failure in knowledge.failures
        if failure.lookup != LOOKUP_PERSONS or failure.status != NOT_IN_BRP
    ]
    return PlanDraft(
        steps=steps,
        concerns=concerns,
        caseworker_summary=_caseworker_summary(knowledge, steps, concerns),
        citizen_message=_citizen_message(knowledge, steps),
    )


def _new_name(knowledge: Knowledge) -> str | None:
    address = knowledge.address
    return address.municipality_name if address is not None else None


def _move_day(knowledge: Knowledge) -> str:
    return long_date(date.fromisoformat(knowledge.request.move_date))


def _caseworker_summary(
    knowledge: Knowledge, steps: Sequence[StepDraft], concerns: Sequence[ConcernDraft]
) -> str:
    request = knowledge.request
    reporter = request.reporter if request.reporter in knowledge.persons else "onbekend"
    movers = len(knowledge.movers)
    old_codes = sorted(
        {
            (p.municipality, p.municipality_name)
            for t in knowledge.movers
            if (p := knowledge.persons.get(t)) is not None and p.municipality
        }
    )
    address = knowledge.address
    found = address is not None and address.found
    new_code = address.municipality if address is not None and found else None
    old_names = ", ".join(_municipality(code, name) for code, name in old_codes) or "onbekend"
    municipalities = f"van {old_names} naar {_municipality(new_code, _new_name(knowledge))}"
    return (
        f"Verhuizing van {movers} {'persoon' if movers == 1 else 'personen'} "
        f"(melder {reporter}) naar {request.new_address} per {_move_day(knowledge)}, "
        f"{municipalities}. Adres {'gevonden' if found else 'niet gevonden'} in de BAG. "
        f"{len(steps)} stappen gepland, {len(concerns)} aandachtspunt(en)."
    )


def _citizen_message(knowledge: Knowledge, steps: Sequence[StepDraft]) -> str:
    request = knowledge.request
    kinds = {step.kind for step in steps}
    address = knowledge.address
    found = address is not None and address.found
    new_code = address.municipality if address is not None and found else None
    has_object = found and address is not None and address.has_object
    greeting = request.reporter if request.reporter in knowledge.persons else "inwoner"
    lines = [f"Beste {greeting},", ""]
    lines.append(
        f"Wij hebben uw verhuizing ontvangen. U verhuist op {_move_day(knowledge)} "
        f"naar {request.new_address}."
    )
    co_movers = [t for t in request.co_movers if t in knowledge.persons]
    if co_movers:
        lines.append(f"Met u verhuizen: {', '.join(co_movers)}.")
    lines += ["", "Wat gebeurt er nu?"]
    if not has_object:
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
        who = "u" if not request.co_movers else "u en de mensen die met u verhuizen"
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
            f"{_municipality(new_code, _new_name(knowledge))}. Bij uw oude gemeente stoppen ze."
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
        f"Gemeente {_municipality(new_code, _new_name(knowledge), 'uw nieuwe woonplaats')}",
    ]
    return "\n".join(lines)

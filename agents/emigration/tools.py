"""The tools of the emigration agent: registry look-ups and `submit_emigration_plan`.

The model sees each tool as a JSON schema (`tool_definitions`) that takes case-local tokens
(`PERSON_1`; see `agents.pseudonyms`), never a BSN. The tool node (`run_tool_calls`) checks
each call — only registered tools, arguments validated with pydantic, only the movers of this
case — resolves the tokens on the worker, runs the look-ups (`lookups`), merges the full
answers into `EmigrationFacts` (what the policy reads) and gives the model a view of each
answer in tokens (`views`). A plan call is decoded back from tokens into an `EmigrationPlan`
and checked against the facts.

Errors: a registry's 4xx answer is recorded as a fact (a `LookupFailure`); a bad call —
unknown tool, arguments that are not JSON or do not validate, a token outside the case —
becomes an error message to the model and is counted; a 5xx answer, a timeout or a
connection error (`RegistryUnavailable`) raises out of the tool node, so Temporal retries the
activity.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import InvalidToolCall, ToolCall, ToolMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.emigration import lookups
from agents.emigration.lookups import (
    BelastingenResult,
    HouseholdResult,
    ParkeervergunningenResult,
    PersonsResult,
    RegistryLookups,
    StudiefinancieringResult,
    ToeslagenResult,
    VoertuigenResult,
)
from agents.emigration.names import (
    ERROR_PREFIX,
    LOOKUP_BELASTINGEN,
    LOOKUP_HOUSEHOLD,
    LOOKUP_PARKEERVERGUNNINGEN,
    LOOKUP_PERSONS,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_TOESLAGEN,
    LOOKUP_VOERTUIGEN,
    PLAN_ACCEPTED,
    SUBMIT_PLAN,
)
from agents.emigration.views import (
    BenefitsResultView,
    BenefitsView,
    HouseholdsView,
    HouseholdView,
    PermitsResultView,
    PermitsView,
    PermitView,
    PersonsView,
    PlanDecodingError,
    PlanDraft,
    StudentFinanceResultView,
    StudentFinanceView,
    TaxesResultView,
    TaxesView,
    TaxView,
    VehiclesResultView,
    VehiclesView,
    decode_plan,
    describe,
    failure_views,
    person_view,
)
from agents.pseudonyms import PseudonymKind, Pseudonyms, UnknownPseudonym
from agents.schemas import function_schema
from agents.tools_kit import ToolMenu
from workflows.emigration.domain import EmigrationFacts, EmigrationPlan


class ToolCallRejected(Exception):
    """A tool call the node refuses: unknown tool, invalid or out-of-scope arguments."""


class PersonsArgs(BaseModel):
    """Arguments of every look-up, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    persons: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Tokens of movers of this case (the reporter and the co-movers), "
        "e.g. ['PERSON_1', 'PERSON_2'].",
    )


# Each answer as the model reads it ---------------------------------------------------------


def persons_view(result: PersonsResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers BRP knows, and the ones it does not."""
    return PersonsView(
        persons=[person_view(p, pseudonyms) for p in result.personen],
        failures=failure_views(result.failures, pseudonyms),
    )


def household_view(result: HouseholdResult, pseudonyms: Pseudonyms) -> BaseModel:
    """Who is registered at each mover's address."""
    return HouseholdsView(
        results=[
            HouseholdView(
                person=pseudonyms.person(h.burgerservicenummer),
                address=(
                    pseudonyms.address(h.adresseerbaar_object_identificatie)
                    if h.adresseerbaar_object_identificatie
                    else None
                ),
                residents=[pseudonyms.person(r.burgerservicenummer) for r in h.bewoners],
            )
            for h in result.households
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def benefits_view(result: ToeslagenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' running benefits."""
    return BenefitsResultView(
        results=[
            BenefitsView(person=pseudonyms.person(r.burgerservicenummer), running=r.lopende_soorten)
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def student_finance_view(result: StudiefinancieringResult, pseudonyms: Pseudonyms) -> BaseModel:
    """Whether the movers receive student finance."""
    return StudentFinanceResultView(
        results=[
            StudentFinanceView(
                person=pseudonyms.person(r.burgerservicenummer),
                student_finance=r.studiefinanciering,
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def vehicles_view(result: VoertuigenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The kentekens registered to the movers."""
    return VehiclesResultView(
        results=[
            VehiclesView(
                person=pseudonyms.person(r.burgerservicenummer),
                kentekens=[v.kenteken for v in r.voertuigen],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def taxes_view(result: BelastingenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' municipal taxes."""
    return TaxesResultView(
        results=[
            TaxesView(
                person=pseudonyms.person(r.burgerservicenummer),
                taxes=[
                    # The plan needs where and whether a tax runs, not what it is called.
                    TaxView(municipality=t.gemeentecode, status=t.status)
                    for t in r.belastingplichten
                ],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def permits_view(result: ParkeervergunningenResult, pseudonyms: Pseudonyms) -> BaseModel:
    """The movers' parking permits, with the tokens of their addresses."""
    return PermitsResultView(
        results=[
            PermitsView(
                person=pseudonyms.person(r.burgerservicenummer),
                permits=[
                    PermitView(
                        vergunningnummer=v.vergunningnummer,
                        municipality=v.gemeentecode,
                        address=pseudonyms.address(v.adresseerbaar_object_identificatie),
                        status=v.status,
                    )
                    for v in r.parkeervergunningen
                ],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


# The tool table ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LookupTool:
    """A look-up tool: its schema for the model, how it runs, merges and shows its result.

    Attributes:
        name: Tool name.
        description: What the model is told the tool does.
        result_model: The registries' answer, merged into the facts.
        view_model: The answer as the model reads it (tokens); its JSON is the tool message.
        run: Runs the look-up on the worker for the movers' BSNs (the facts so far at hand).
        merge: Merges a result into the facts.
        view: Turns a result into its view, giving out tokens as needed.
    """

    name: str
    description: str
    result_model: type[BaseModel]
    view_model: type[BaseModel]
    run: Callable[[RegistryLookups, list[str], EmigrationFacts], Awaitable[BaseModel]]
    merge: Callable[[EmigrationFacts, Any], None]
    view: Callable[[Any, Pseudonyms], BaseModel]

    def definition(self) -> dict[str, Any]:
        """The tool as an OpenAI function schema."""
        return function_schema(self.name, self.description, PersonsArgs)


LOOKUPS: dict[str, LookupTool] = {
    tool.name: tool
    for tool in (
        LookupTool(
            LOOKUP_PERSONS,
            "BRP records of movers.",
            PersonsResult,
            PersonsView,
            lookups.fetch_persons,
            lookups.merge_persons,
            persons_view,
        ),
        LookupTool(
            LOOKUP_HOUSEHOLD,
            "BRP: who is registered at each mover's address.",
            HouseholdResult,
            HouseholdsView,
            lookups.fetch_household,
            lookups.merge_household,
            household_view,
        ),
        LookupTool(
            LOOKUP_TOESLAGEN,
            "Toeslagen: benefits of movers.",
            ToeslagenResult,
            BenefitsResultView,
            lookups.fetch_toeslagen,
            lookups.merge_toeslagen,
            benefits_view,
        ),
        LookupTool(
            LOOKUP_STUDIEFINANCIERING,
            "DUO: student finance of movers.",
            StudiefinancieringResult,
            StudentFinanceResultView,
            lookups.fetch_studiefinanciering,
            lookups.merge_studiefinanciering,
            student_finance_view,
        ),
        LookupTool(
            LOOKUP_VOERTUIGEN,
            "RDW: vehicles of movers.",
            VoertuigenResult,
            VehiclesResultView,
            lookups.fetch_voertuigen,
            lookups.merge_voertuigen,
            vehicles_view,
        ),
        LookupTool(
            LOOKUP_BELASTINGEN,
            "Gemeente: municipal taxes of movers.",
            BelastingenResult,
            TaxesResultView,
            lookups.fetch_belastingen,
            lookups.merge_belastingen,
            taxes_view,
        ),
        LookupTool(
            LOOKUP_PARKEERVERGUNNINGEN,
            "Gemeente: parking permits of movers.",
            ParkeervergunningenResult,
            PermitsResultView,
            lookups.fetch_parkeervergunningen,
            lookups.merge_parkeervergunningen,
            permits_view,
        ),
    )
}
"""The look-up tools by name."""

SUBMIT_PLAN_DESCRIPTION = "The plan, once every look-up is done."

TOOL_NAMES = (*LOOKUPS, SUBMIT_PLAN)
"""Every registered tool, in the order the model is shown them."""


MENU = ToolMenu(LOOKUPS, SUBMIT_PLAN, SUBMIT_PLAN_DESCRIPTION, PlanDraft)
"""What the model is offered of the table."""
tool_definitions = MENU.definitions
pending_lookups = MENU.pending


# Arguments, plans, one round of calls --------------------------------------------------------


def resolve_movers(
    raw: dict[str, Any], facts: EmigrationFacts, pseudonyms: Pseudonyms
) -> list[str]:
    """Validate a look-up's arguments and resolve their tokens to the movers' BSNs.

    Raises:
        ToolCallRejected: The arguments do not validate, name an unknown token, or name
            someone outside the case.
    """
    try:
        args = PersonsArgs.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid arguments: {describe(error)}") from error
    movers = facts.request.mover_bsns
    bsns: list[str] = []
    outside: list[str] = []
    for token in args.persons:
        try:
            bsn = pseudonyms.resolve(token, PseudonymKind.PERSON).value
        except UnknownPseudonym as error:
            raise ToolCallRejected(
                f"Invalid arguments: persons: {error}; use the tokens of the request."
            ) from error
        (bsns if bsn in movers else outside).append(bsn if bsn in movers else token)
    if outside:
        raise ToolCallRejected(
            "Only the movers of this case may be looked up (reporter and co-movers); "
            f"not a mover: {', '.join(outside)}."
        )
    return list(dict.fromkeys(bsns))


def accept_plan(
    raw: dict[str, Any], facts: EmigrationFacts, pseudonyms: Pseudonyms
) -> EmigrationPlan:
    """The plan of a plan call's arguments, decoded from tokens and checked against the facts.

    Raises:
        ToolCallRejected: The draft does not decode, a look-up is still missing, or a step
            concerns someone who does not leave.
    """
    try:
        plan = decode_plan(raw, pseudonyms)
    except PlanDecodingError as error:
        raise ToolCallRejected(f"Invalid plan: {error}") from error
    missing = facts.missing()
    if missing:
        raise ToolCallRejected(f"Plan not accepted: look these up first: {', '.join(missing)}.")
    movers = facts.request.mover_bsns
    strangers = sorted({s.subject for s in plan.steps if s.subject and s.subject not in movers})
    if strangers:
        raise ToolCallRejected(
            "Plan not accepted: steps may only concern movers; "
            f"not a mover: {', '.join(strangers)}."
        )
    return plan


@dataclass(frozen=True, slots=True)
class ToolRound:
    """What one round of tool calls produced.

    Attributes:
        messages: One tool message per call (valid calls first, then the invalid ones), in
            tokens only.
        facts: The facts with the round's results merged in.
        pseudonyms: The case's tokens, with the ones this round gave out.
        plan: The plan accepted in this round, if any.
        errors: Calls refused in this round.
        plan_error: Why a plan submitted in this round was rejected, if one was.
    """

    messages: list[ToolMessage]
    facts: EmigrationFacts
    pseudonyms: Pseudonyms
    plan: EmigrationPlan | None
    errors: int
    plan_error: str | None


def _tool_message(
    name: str, call_id: str, message_id: str, content: str, *, error: bool = False
) -> ToolMessage:
    return ToolMessage(
        content=f"{ERROR_PREFIX}{content}" if error else content,
        tool_call_id=call_id,
        name=name,
        id=message_id,
        status="error" if error else "success",
    )


async def run_tool_calls(
    registry: RegistryLookups,
    facts: EmigrationFacts,
    pseudonyms: Pseudonyms,
    calls: Sequence[ToolCall],
    *,
    invalid_calls: Sequence[InvalidToolCall] = (),
    turn: int,
) -> ToolRound:
    """Run one round of tool calls: the look-ups concurrently, then any plan call.

    Args:
        registry: The registry client.
        facts: The facts so far (not changed; the round works on a copy).
        pseudonyms: The case's tokens (not changed; the round works on a copy).
        calls: The tool calls of the model's last message.
        invalid_calls: Its calls whose arguments were not valid JSON; each is answered with
            an error, as an endpoint expects an answer to every call.
        turn: The model turn that made the calls; keeps generated message ids unique.

    Returns:
        The tool messages (in tokens), the merged facts, the tokens, the plan if one was
        accepted, and the number of refused calls.

    Raises:
        RegistryUnavailable: A registry answered 5xx, 408 or 429, timed out or was
            unreachable; the activity fails and Temporal retries it.
    """
    facts = facts.model_copy(deep=True)
    pseudonyms = pseudonyms.model_copy(deep=True)
    count = len(calls)
    call_ids = [call.get("id") or f"turn-{turn}-call-{i}" for i, call in enumerate(calls)]
    # Message ids by turn and position: providers may reuse tool-call ids across turns.
    message_ids = [f"tool-turn-{turn}-{i}" for i in range(count + len(invalid_calls))]
    messages: dict[int, ToolMessage] = {}
    pending: list[tuple[int, LookupTool, list[str]]] = []
    submits: list[int] = []
    errors = 0

    def refuse(i: int, name: str, call_id: str, reason: str) -> None:
        nonlocal errors
        errors += 1
        messages[i] = _tool_message(name, call_id, message_ids[i], reason, error=True)

    for i, call in enumerate(calls):
        if call["name"] == SUBMIT_PLAN:
            submits.append(i)
            continue
        tool = LOOKUPS.get(call["name"])
        try:
            if tool is None:
                raise ToolCallRejected(
                    f"Unknown tool {call['name']!r}. The tools are: {', '.join(TOOL_NAMES)}."
                )
            pending.append((i, tool, resolve_movers(call["args"], facts, pseudonyms)))
        except ToolCallRejected as error:
            refuse(i, call["name"], call_ids[i], str(error))

    outcomes = await asyncio.gather(
        *(tool.run(registry, bsns, facts) for _, tool, bsns in pending), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    # Persons first: their records give the names and addresses the other views' tokens read.
    results = sorted(
        zip(pending, outcomes, strict=True), key=lambda r: r[0][1].name != LOOKUP_PERSONS
    )
    for (i, tool, _), result in results:
        assert isinstance(result, BaseModel)
        tool.merge(facts, result)
        content = tool.view(result, pseudonyms).model_dump_json(exclude_defaults=True)
        messages[i] = _tool_message(tool.name, call_ids[i], message_ids[i], content)

    plan: EmigrationPlan | None = None
    plan_error: str | None = None
    for i in submits:
        try:
            if plan is not None:
                raise ToolCallRejected("A plan was already accepted in this turn.")
            plan = accept_plan(calls[i]["args"], facts, pseudonyms)
            messages[i] = _tool_message(SUBMIT_PLAN, call_ids[i], message_ids[i], PLAN_ACCEPTED)
        except ToolCallRejected as error:
            plan_error = pseudonyms.scrub(str(error))
            refuse(i, SUBMIT_PLAN, call_ids[i], str(error))

    for j, bad in enumerate(invalid_calls, start=count):
        name = bad.get("name") or "(no name)"
        refuse(
            j,
            name,
            bad.get("id") or f"turn-{turn}-call-{j}",
            f"The arguments of {name!r} are not valid JSON ({bad.get('error') or 'unreadable'}). "
            "Send the call again with a JSON object as arguments.",
        )

    ordered = [messages[i] for i in range(count + len(invalid_calls))]
    # Nothing but tokens goes back to the model: a registry's or the plan check's wording may
    # carry a BSN (`not a mover: 999...`).
    scrubbed = [m.model_copy(update={"content": pseudonyms.scrub(str(m.content))}) for m in ordered]
    return ToolRound(
        messages=scrubbed,
        facts=facts,
        pseudonyms=pseudonyms,
        plan=plan,
        errors=errors,
        plan_error=plan_error,
    )


async def complete_facts(registry: RegistryLookups, facts: EmigrationFacts) -> EmigrationFacts:
    """Run every look-up that `facts` still miss, with the tools' own code, and merge them.

    The workflow's fallback when the agent ended without complete facts: the policy then
    judges the case on registry data all the same.

    Args:
        registry: The registry client.
        facts: The facts gathered so far (not changed).

    Returns:
        The facts with the missing look-ups done (refused ones recorded as failures).
    """
    done = facts.model_copy(deep=True)
    pending: dict[str, list[str]] = {}
    for item in facts.missing():
        name, _, bsn = item.partition(":")
        pending.setdefault(name, []).append(bsn)
    # In the tools' order: persons first, so the household look-up finds their addresses.
    for name, tool in LOOKUPS.items():
        if name in pending:
            tool.merge(done, await tool.run(registry, pending[name], done))
    return done

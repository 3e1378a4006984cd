"""The tools of the change-of-address agent: registry look-ups and `submit_plan`.

The model sees each tool as a JSON schema (`tool_definitions`); the tool node runs the calls
(`run_tool_calls`). Arguments are validated with pydantic and scoped to the case: only the
movers and the reported address can be looked up, so the facts are about this move and
nothing else. A look-up returns a result model; its JSON is the tool message the model reads,
and the same result is merged into `MoveFacts`. `facts_from_messages` rebuilds the facts
from those messages, which is how the scripted planner reads them.

Errors: a registry's 4xx answer is recorded as a fact (a `LookupFailure` in the result) and a
bad call becomes a tool error message to the model; a 5xx answer, a timeout or a connection
error (`RegistryUnavailable`) raises out of the tool node, so Temporal retries the activity.
"""

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from langchain_core.messages import BaseMessage, ToolCall, ToolMessage
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.change_of_address.plan import (
    AddressFacts,
    LookupFailure,
    MoveFacts,
    MovePlan,
    MoveRequest,
    NewAddress,
)
from registries_mock.client import (
    AdresPublic,
    BelastingenPublic,
    ParkeervergunningenPublic,
    PersoonPublic,
    RegistryClientError,
    StudiefinancieringPublic,
    ToeslagenPublic,
    VerblijfsobjectPublic,
    VoertuigenPublic,
)

LOOKUP_PERSONS = "lookup_persons"
LOOKUP_ADDRESS = "lookup_address"
LOOKUP_TOESLAGEN = "lookup_toeslagen"
LOOKUP_STUDIEFINANCIERING = "lookup_studiefinanciering"
LOOKUP_VOERTUIGEN = "lookup_voertuigen"
LOOKUP_BELASTINGEN = "lookup_belastingen"
LOOKUP_PARKEERVERGUNNINGEN = "lookup_parkeervergunningen"
SUBMIT_PLAN = "submit_plan"

NOT_IN_BRP = 404
"""`LookupFailure.status` of a mover BRP does not know (BRP itself answers 200, without them)."""

PER_MOVER_LOOKUPS = (
    LOOKUP_PERSONS,
    LOOKUP_TOESLAGEN,
    LOOKUP_STUDIEFINANCIERING,
    LOOKUP_VOERTUIGEN,
    LOOKUP_BELASTINGEN,
    LOOKUP_PARKEERVERGUNNINGEN,
)
"""Look-ups that take the movers' BSNs; `MoveFacts.missing` names them as `tool:BSN`."""


class RegistryLookups(Protocol):
    """The registry look-ups the tools use; `registries_mock.client.RegistryClient` has them."""

    async def brp_personen(
        self, bsns: Sequence[str], *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons by BSN; unknown BSNs are absent."""
        ...

    async def brp_bewoners(
        self, object_id: str, *, fields: Sequence[str] | None = None
    ) -> list[PersoonPublic]:
        """Persons registered at a BAG object."""
        ...

    async def bag_adressen(
        self,
        postcode: str,
        huisnummer: int,
        huisletter: str | None = None,
        huisnummertoevoeging: str | None = None,
        *,
        exacte_match: bool = False,
    ) -> list[AdresPublic]:
        """Addresses with this postcode and number."""
        ...

    async def bag_adresseerbaar_object(self, object_id: str) -> VerblijfsobjectPublic | None:
        """A BAG addressable object, or None."""
        ...

    async def toeslagen(self, bsn: str) -> ToeslagenPublic:
        """A person's benefits."""
        ...

    async def duo_studiefinanciering(self, bsn: str) -> StudiefinancieringPublic:
        """A person's student finance."""
        ...

    async def rdw_voertuigen(self, bsn: str) -> VoertuigenPublic:
        """A person's vehicles."""
        ...

    async def gemeente_belastingen(self, bsn: str) -> BelastingenPublic:
        """A person's municipal taxes."""
        ...

    async def gemeente_parkeervergunningen(self, bsn: str) -> ParkeervergunningenPublic:
        """A person's parking permits."""
        ...


# Arguments ---------------------------------------------------------------------------------


class MoversArgs(BaseModel):
    """Arguments of a per-person look-up."""

    model_config = ConfigDict(extra="forbid")

    bsns: list[str] = Field(
        min_length=1,
        max_length=20,
        description="BSNs of movers of this case: the reporter and the co-movers.",
    )


class AddressArgs(BaseModel):
    """Arguments of the address look-up."""

    model_config = ConfigDict(extra="forbid")

    postcode: str = Field(description="Postcode of the reported new address, e.g. 1012AB.")
    huisnummer: int = Field(description="House number.")
    huisletter: str | None = Field(default=None, description="House letter, if any.")
    huisnummertoevoeging: str | None = Field(
        default=None, description="House number addition, if any."
    )

    def as_new_address(self) -> NewAddress:
        """The arguments as a normalised address (upper case, no spaces in the postcode)."""
        return NewAddress(
            postcode=self.postcode.replace(" ", "").upper(),
            huisnummer=self.huisnummer,
            huisletter=self.huisletter.upper() if self.huisletter else None,
            huisnummertoevoeging=(
                self.huisnummertoevoeging.upper() if self.huisnummertoevoeging else None
            ),
        )


# Results -----------------------------------------------------------------------------------


class PersonsResult(BaseModel):
    """BRP persons found, and the look-ups BRP could not answer."""

    personen: list[PersoonPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class AddressResult(BaseModel):
    """The new address: found or not, its object and residents, and refused look-ups."""

    address: AddressFacts
    failures: list[LookupFailure] = Field(default_factory=list)


class ToeslagenResult(BaseModel):
    """Benefits per mover (Toeslagen)."""

    results: list[ToeslagenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class StudiefinancieringResult(BaseModel):
    """Student finance per mover (DUO)."""

    results: list[StudiefinancieringPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class VoertuigenResult(BaseModel):
    """Vehicles per mover (RDW)."""

    results: list[VoertuigenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class BelastingenResult(BaseModel):
    """Municipal taxes per mover (gemeente)."""

    results: list[BelastingenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


class ParkeervergunningenResult(BaseModel):
    """Parking permits per mover (gemeente)."""

    results: list[ParkeervergunningenPublic] = Field(default_factory=list)
    failures: list[LookupFailure] = Field(default_factory=list)


# Look-ups ----------------------------------------------------------------------------------


def _failure(tool: str, subject: str | None, error: RegistryClientError) -> LookupFailure:
    return LookupFailure(tool=tool, subject=subject, status=error.status or 0, detail=str(error))


def _record_failures(facts: MoveFacts, failures: Sequence[LookupFailure]) -> None:
    known = {(f.tool, f.subject) for f in facts.failures}
    for failure in failures:
        if (failure.tool, failure.subject) not in known:
            facts.failures.append(failure)
            known.add((failure.tool, failure.subject))


async def _lookup_persons(registry: RegistryLookups, args: MoversArgs) -> PersonsResult:
    try:
        personen = await registry.brp_personen(args.bsns)
    except RegistryClientError as error:
        return PersonsResult(failures=[_failure(LOOKUP_PERSONS, b, error) for b in args.bsns])
    found = {p.burgerservicenummer for p in personen}
    return PersonsResult(
        personen=[p for p in personen if p.burgerservicenummer in args.bsns],
        failures=[
            LookupFailure(
                tool=LOOKUP_PERSONS, subject=b, status=NOT_IN_BRP, detail="Not registered in BRP."
            )
            for b in args.bsns
            if b not in found
        ],
    )


def _merge_persons(facts: MoveFacts, result: PersonsResult) -> None:
    for persoon in result.personen:
        facts.persons[persoon.burgerservicenummer] = persoon
    _record_failures(facts, result.failures)


def _same(left: str | None, right: str | None) -> bool:
    return (left or "").upper() == (right or "").upper()


async def _lookup_address(registry: RegistryLookups, args: AddressArgs) -> AddressResult:
    wanted = args.as_new_address()
    try:
        adressen = await registry.bag_adressen(
            wanted.postcode, wanted.huisnummer, wanted.huisletter, wanted.huisnummertoevoeging
        )
    except RegistryClientError as error:
        return AddressResult(
            address=AddressFacts(found=False), failures=[_failure(LOOKUP_ADDRESS, None, error)]
        )
    adres = next(
        (
            a
            for a in adressen
            if a.huisnummer == wanted.huisnummer
            and _same(a.huisletter, wanted.huisletter)
            and _same(a.huisnummertoevoeging, wanted.huisnummertoevoeging)
        ),
        None,
    )
    if adres is None:
        return AddressResult(address=AddressFacts(found=False))
    object_id = adres.adresseerbaar_object_identificatie
    if object_id is None:
        return AddressResult(address=AddressFacts(found=True, adres=adres))
    failures: list[LookupFailure] = []
    verblijfsobject: VerblijfsobjectPublic | None = None
    residents: list[PersoonPublic] = []
    try:
        verblijfsobject = await registry.bag_adresseerbaar_object(object_id)
    except RegistryClientError as error:
        failures.append(_failure(LOOKUP_ADDRESS, None, error))
    try:
        residents = await registry.brp_bewoners(object_id)
    except RegistryClientError as error:
        failures.append(_failure("lookup_residents", None, error))
    return AddressResult(
        address=AddressFacts(found=True, adres=adres, object=verblijfsobject, residents=residents),
        failures=failures,
    )


def _merge_address(facts: MoveFacts, result: AddressResult) -> None:
    facts.address = result.address
    _record_failures(facts, result.failures)


T = TypeVar("T")


async def _each_mover(
    tool: str, bsns: Sequence[str], call: Callable[[str], Awaitable[T]]
) -> tuple[list[T], list[LookupFailure]]:
    results: list[T] = []
    failures: list[LookupFailure] = []
    for bsn in bsns:
        try:
            results.append(await call(bsn))
        except RegistryClientError as error:
            failures.append(_failure(tool, bsn, error))
    return results, failures


async def _lookup_toeslagen(registry: RegistryLookups, args: MoversArgs) -> ToeslagenResult:
    results, failures = await _each_mover(LOOKUP_TOESLAGEN, args.bsns, registry.toeslagen)
    return ToeslagenResult(results=results, failures=failures)


def _merge_toeslagen(facts: MoveFacts, result: ToeslagenResult) -> None:
    facts.toeslagen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def _lookup_studiefinanciering(
    registry: RegistryLookups, args: MoversArgs
) -> StudiefinancieringResult:
    results, failures = await _each_mover(
        LOOKUP_STUDIEFINANCIERING, args.bsns, registry.duo_studiefinanciering
    )
    return StudiefinancieringResult(results=results, failures=failures)


def _merge_studiefinanciering(facts: MoveFacts, result: StudiefinancieringResult) -> None:
    facts.studiefinanciering.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def _lookup_voertuigen(registry: RegistryLookups, args: MoversArgs) -> VoertuigenResult:
    results, failures = await _each_mover(LOOKUP_VOERTUIGEN, args.bsns, registry.rdw_voertuigen)
    return VoertuigenResult(results=results, failures=failures)


def _merge_voertuigen(facts: MoveFacts, result: VoertuigenResult) -> None:
    facts.voertuigen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def _lookup_belastingen(registry: RegistryLookups, args: MoversArgs) -> BelastingenResult:
    results, failures = await _each_mover(
        LOOKUP_BELASTINGEN, args.bsns, registry.gemeente_belastingen
    )
    return BelastingenResult(results=results, failures=failures)


def _merge_belastingen(facts: MoveFacts, result: BelastingenResult) -> None:
    facts.belastingen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


async def _lookup_parkeervergunningen(
    registry: RegistryLookups, args: MoversArgs
) -> ParkeervergunningenResult:
    results, failures = await _each_mover(
        LOOKUP_PARKEERVERGUNNINGEN, args.bsns, registry.gemeente_parkeervergunningen
    )
    return ParkeervergunningenResult(results=results, failures=failures)


def _merge_parkeervergunningen(facts: MoveFacts, result: ParkeervergunningenResult) -> None:
    facts.parkeervergunningen.update({r.burgerservicenummer: r for r in result.results})
    _record_failures(facts, result.failures)


@dataclass(frozen=True, slots=True)
class LookupTool:
    """A look-up tool: its schema for the model, how it runs and how its result is merged.

    Attributes:
        name: Tool name.
        description: What the model is told the tool does.
        args_model: The arguments, validated before the call.
        result_model: The result; its JSON is the tool message.
        run: Runs the look-up with validated arguments.
        merge: Merges a result into the facts.
    """

    name: str
    description: str
    args_model: type[BaseModel]
    result_model: type[BaseModel]
    run: Callable[[RegistryLookups, Any], Awaitable[BaseModel]]
    merge: Callable[[MoveFacts, Any], None]

    def definition(self) -> dict[str, Any]:
        """The tool as an OpenAI function schema."""
        return _definition(self.name, self.description, self.args_model)


def _definition(name: str, description: str, args_model: type[BaseModel]) -> dict[str, Any]:
    spec = convert_to_openai_tool(args_model)
    spec["function"]["name"] = name
    spec["function"]["description"] = description
    return spec


LOOKUPS: dict[str, LookupTool] = {
    tool.name: tool
    for tool in (
        LookupTool(
            LOOKUP_PERSONS,
            "BRP: the persons (name, birth, age, address, municipality, partners, children, "
            "parents, custody, investigation, secrecy) of movers of this case.",
            MoversArgs,
            PersonsResult,
            _lookup_persons,
            _merge_persons,
        ),
        LookupTool(
            LOOKUP_ADDRESS,
            "BAG and BRP: the reported new address, its addressable object (use, surface, "
            "status) and the persons registered there now.",
            AddressArgs,
            AddressResult,
            _lookup_address,
            _merge_address,
        ),
        LookupTool(
            LOOKUP_TOESLAGEN,
            "Toeslagen: the benefits (huurtoeslag, zorgtoeslag, ...) of movers of this case.",
            MoversArgs,
            ToeslagenResult,
            _lookup_toeslagen,
            _merge_toeslagen,
        ),
        LookupTool(
            LOOKUP_STUDIEFINANCIERING,
            "DUO: whether movers of this case receive student finance.",
            MoversArgs,
            StudiefinancieringResult,
            _lookup_studiefinanciering,
            _merge_studiefinanciering,
        ),
        LookupTool(
            LOOKUP_VOERTUIGEN,
            "RDW: the vehicles registered to movers of this case.",
            MoversArgs,
            VoertuigenResult,
            _lookup_voertuigen,
            _merge_voertuigen,
        ),
        LookupTool(
            LOOKUP_BELASTINGEN,
            "Gemeente: the municipal tax liabilities of movers of this case, per municipality.",
            MoversArgs,
            BelastingenResult,
            _lookup_belastingen,
            _merge_belastingen,
        ),
        LookupTool(
            LOOKUP_PARKEERVERGUNNINGEN,
            "Gemeente: the parking permits of movers of this case, with the address each is "
            "tied to.",
            MoversArgs,
            ParkeervergunningenResult,
            _lookup_parkeervergunningen,
            _merge_parkeervergunningen,
        ),
    )
}
"""The look-up tools by name."""

SUBMIT_PLAN_DESCRIPTION = (
    "Submit the finished plan: the steps, concerns for a caseworker, a short caseworker "
    "summary and the B1 Dutch message to the citizen. Only after every look-up is done."
)


def tool_definitions() -> list[dict[str, Any]]:
    """Every tool of the agent as an OpenAI function schema, `submit_plan` last."""
    return [tool.definition() for tool in LOOKUPS.values()] + [
        _definition(SUBMIT_PLAN, SUBMIT_PLAN_DESCRIPTION, MovePlan)
    ]


# The tool node -----------------------------------------------------------------------------


class ToolCallRejected(Exception):
    """A tool call the node refuses: unknown tool, invalid or out-of-scope arguments."""


@dataclass(frozen=True, slots=True)
class ToolRound:
    """What one round of tool calls produced.

    Attributes:
        messages: One tool message per call, in call order.
        facts: The facts with the round's results merged in.
        plan: The plan accepted in this round, if any.
    """

    messages: list[ToolMessage]
    facts: MoveFacts
    plan: MovePlan | None


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def _address_key(address: NewAddress) -> tuple[str, int, str, str]:
    return (
        address.postcode.replace(" ", "").upper(),
        address.huisnummer,
        (address.huisletter or "").upper(),
        (address.huisnummertoevoeging or "").upper(),
    )


def _validate_lookup(tool: LookupTool, raw: dict[str, Any], request: MoveRequest) -> BaseModel:
    try:
        args = tool.args_model.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid arguments: {_describe(error)}") from error
    if isinstance(args, MoversArgs):
        outside = [b for b in args.bsns if b not in request.mover_bsns]
        if outside:
            raise ToolCallRejected(
                "Only the movers of this case may be looked up (reporter and co-movers); "
                f"not a mover: {', '.join(outside)}."
            )
    if isinstance(args, AddressArgs) and _address_key(args.as_new_address()) != _address_key(
        request.new_address
    ):
        raise ToolCallRejected("Only the reported new address may be looked up.")
    return args


def _check_plan(raw: dict[str, Any], facts: MoveFacts) -> MovePlan:
    try:
        plan = MovePlan.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid plan: {_describe(error)}") from error
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


def _tool_message(
    call: ToolCall, call_id: str, message_id: str, content: str, *, error: bool = False
) -> ToolMessage:
    return ToolMessage(
        content=content,
        tool_call_id=call_id,
        name=call["name"],
        id=message_id,
        status="error" if error else "success",
    )


async def run_tool_calls(
    registry: RegistryLookups,
    facts: MoveFacts,
    calls: Sequence[ToolCall],
    *,
    turn: int,
) -> ToolRound:
    """Run one round of tool calls: the look-ups concurrently, then any `submit_plan`.

    Args:
        registry: The registry client.
        facts: The facts so far (not changed; the round works on a copy).
        calls: The tool calls of the model's last message.
        turn: The model turn that made the calls; keeps generated message ids unique.

    Returns:
        The tool messages, the merged facts and the plan, if one was accepted.

    Raises:
        RegistryUnavailable: A registry answered 5xx, 408 or 429, timed out or was
            unreachable; the activity fails and Temporal retries it.
    """
    facts = facts.model_copy(deep=True)
    request = facts.request
    call_ids = [call.get("id") or f"turn-{turn}-call-{i}" for i, call in enumerate(calls)]
    # Message ids by turn and position: providers may reuse tool-call ids across turns.
    message_ids = [f"tool-turn-{turn}-{i}" for i in range(len(calls))]
    messages: dict[int, ToolMessage] = {}
    pending: list[tuple[int, LookupTool, BaseModel]] = []
    submits: list[int] = []
    for i, call in enumerate(calls):
        if call["name"] == SUBMIT_PLAN:
            submits.append(i)
            continue
        tool = LOOKUPS.get(call["name"])
        try:
            if tool is None:
                raise ToolCallRejected(f"Unknown tool {call['name']!r}.")
            pending.append((i, tool, _validate_lookup(tool, call["args"], request)))
        except ToolCallRejected as error:
            messages[i] = _tool_message(call, call_ids[i], message_ids[i], str(error), error=True)

    outcomes = await asyncio.gather(
        *(tool.run(registry, args) for _, tool, args in pending), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    for (i, tool, _), result in zip(pending, outcomes, strict=True):
        assert isinstance(result, BaseModel)
        tool.merge(facts, result)
        content = result.model_dump_json(exclude_none=True)
        messages[i] = _tool_message(calls[i], call_ids[i], message_ids[i], content)

    plan: MovePlan | None = None
    for i in submits:
        try:
            if plan is not None:
                raise ToolCallRejected("A plan was already accepted in this turn.")
            plan = _check_plan(calls[i]["args"], facts)
            messages[i] = _tool_message(calls[i], call_ids[i], message_ids[i], "Plan accepted.")
        except ToolCallRejected as error:
            messages[i] = _tool_message(
                calls[i], call_ids[i], message_ids[i], str(error), error=True
            )

    return ToolRound(messages=[messages[i] for i in range(len(calls))], facts=facts, plan=plan)


def facts_from_messages(request: MoveRequest, messages: Sequence[BaseMessage]) -> MoveFacts:
    """Rebuild the facts from the successful look-up results in a conversation.

    Args:
        request: The move.
        messages: The conversation; tool messages of look-ups are read, others skipped.

    Returns:
        The facts as the tool node merged them.
    """
    facts = MoveFacts(request=request)
    for message in messages:
        if not isinstance(message, ToolMessage) or message.status != "success":
            continue
        tool = LOOKUPS.get(message.name or "")
        if tool is None or not isinstance(message.content, str):
            continue
        tool.merge(facts, tool.result_model.model_validate(json.loads(message.content)))
    return facts


async def complete_facts(registry: RegistryLookups, facts: MoveFacts) -> MoveFacts:
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
        pending.setdefault(name, [])
        if bsn:
            pending[name].append(bsn)
    for name, bsns in pending.items():
        tool = LOOKUPS[name]
        if name == LOOKUP_ADDRESS:
            address = facts.request.new_address
            args: BaseModel = AddressArgs(**address.model_dump())
        else:
            args = MoversArgs(bsns=bsns)
        tool.merge(done, await tool.run(registry, args))
    return done

"""The tools of the change-of-address agent: registry look-ups and `submit_plan`.

The model sees each tool as a JSON schema (`tool_definitions`) that takes case-local tokens
(`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN or an address. The tool node
(`run_tool_calls`) checks each call — only registered tools, arguments validated with pydantic,
only the movers and the reported address of this case — resolves the tokens on the worker,
runs the look-ups, merges the full answers into `MoveFacts` (what the policy reads) and gives
the model a view of each answer in tokens (`agents.change_of_address.views`). A `submit_plan`
call is decoded back from tokens into a `MovePlan` and checked against the facts.

Errors: a registry's 4xx answer is recorded as a fact (a `LookupFailure` in the result); a bad
call — unknown tool, arguments that are not JSON or do not validate, a token outside the case —
becomes an error message to the model and is counted; a 5xx answer, a timeout or a connection
error (`RegistryUnavailable`) raises out of the tool node, so Temporal retries the activity.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from langchain_core.messages import InvalidToolCall, ToolCall, ToolMessage
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.change_of_address.views import (
    AddressView,
    BenefitsResultView,
    BenefitsView,
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
    bag_address_line,
    decode_plan,
    failure_views,
    municipality_name,
    municipality_of_object,
    object_view,
    person_view,
)
from agents.pseudonyms import PseudonymKind, PseudonymRole, Pseudonyms, UnknownPseudonym
from burgerflow.registry.client import (
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
from workflows.change_of_address.domain import (
    AddressFacts,
    LookupFailure,
    MoveFacts,
    MovePlan,
    MoveRequest,
    NewAddress,
)

LOOKUP_PERSONS = "lookup_persons"
LOOKUP_ADDRESS = "lookup_address"
LOOKUP_TOESLAGEN = "lookup_toeslagen"
LOOKUP_STUDIEFINANCIERING = "lookup_studiefinanciering"
LOOKUP_VOERTUIGEN = "lookup_voertuigen"
LOOKUP_BELASTINGEN = "lookup_belastingen"
LOOKUP_PARKEERVERGUNNINGEN = "lookup_parkeervergunningen"
SUBMIT_PLAN = "submit_plan"

PLAN_ACCEPTED = "Plan accepted."
"""The tool message of an accepted plan."""

ERROR_PREFIX = "Error: "
"""Every error the tool node answers starts with this, so a model (and the scripted planner
behind an endpoint, which never sees a message's status) can tell it from a result."""

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
"""Look-ups that take the movers; `MoveFacts.missing` names them as `tool:BSN`."""


class RegistryLookups(Protocol):
    """The registry look-ups the tools use; `burgerflow.registry.client.RegistryClient` has them."""

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


class PersonsArgs(BaseModel):
    """Arguments of a per-person look-up, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    persons: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Tokens of movers of this case (the reporter and the co-movers), "
        "e.g. ['PERSON_1', 'PERSON_2'].",
    )


class AddressArgs(BaseModel):
    """Arguments of the address look-up, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    address: str = Field(description="Token of the reported new address, e.g. ADDRESS_1.")


class MoversArgs(BaseModel):
    """A per-person look-up on the worker, with the movers' BSNs."""

    bsns: list[str] = Field(min_length=1, max_length=20)


def normalise_address(address: NewAddress) -> NewAddress:
    """An address in BAG's spelling: upper case, no spaces in the postcode."""
    return NewAddress(
        postcode=address.postcode.replace(" ", "").upper(),
        huisnummer=address.huisnummer,
        huisletter=address.huisletter.upper() if address.huisletter else None,
        huisnummertoevoeging=(
            address.huisnummertoevoeging.upper() if address.huisnummertoevoeging else None
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


async def _lookup_address(registry: RegistryLookups, address: NewAddress) -> AddressResult:
    wanted = normalise_address(address)
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


# Views: each result as the model reads it ----------------------------------------------------


def _persons_view(result: PersonsResult, pseudonyms: Pseudonyms) -> BaseModel:
    return PersonsView(
        persons=[person_view(p, pseudonyms) for p in result.personen],
        failures=failure_views(result.failures, pseudonyms),
    )


def _address_view(result: AddressResult, pseudonyms: Pseudonyms) -> BaseModel:
    [token] = [e.token for e in pseudonyms.with_role(PseudonymRole.NEW_ADDRESS)]
    facts = result.address
    adres = facts.adres
    object_id = adres.adresseerbaar_object_identificatie if adres else None
    if adres is not None and object_id is not None:
        pseudonyms.bind_address(token, object_id, bag_address_line(adres))
    code = facts.object.gemeentecode if facts.object else municipality_of_object(object_id)
    return AddressView(
        address=token,
        found=facts.found,
        has_object=object_id is not None,
        municipality=code,
        municipality_name=municipality_name(code) or (adres.woonplaats_naam if adres else None),
        object=object_view(facts.object) if facts.object else None,
        residents=[person_view(p, pseudonyms).person for p in facts.residents],
        failures=failure_views(result.failures, pseudonyms),
    )


def _benefits_view(result: ToeslagenResult, pseudonyms: Pseudonyms) -> BaseModel:
    return BenefitsResultView(
        results=[
            BenefitsView(person=pseudonyms.person(r.burgerservicenummer), running=r.lopende_soorten)
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def _student_finance_view(result: StudiefinancieringResult, pseudonyms: Pseudonyms) -> BaseModel:
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


def _vehicles_view(result: VoertuigenResult, pseudonyms: Pseudonyms) -> BaseModel:
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


def _taxes_view(result: BelastingenResult, pseudonyms: Pseudonyms) -> BaseModel:
    return TaxesResultView(
        results=[
            TaxesView(
                person=pseudonyms.person(r.burgerservicenummer),
                taxes=[
                    TaxView(
                        municipality=t.gemeentecode, status=t.status, description=t.omschrijving
                    )
                    for t in r.belastingplichten
                ],
            )
            for r in result.results
        ],
        failures=failure_views(result.failures, pseudonyms),
    )


def _permits_view(result: ParkeervergunningenResult, pseudonyms: Pseudonyms) -> BaseModel:
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


# The tool table ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LookupTool:
    """A look-up tool: its schema for the model, how it runs, merges and shows its result.

    Attributes:
        name: Tool name.
        description: What the model is told the tool does.
        args_model: The arguments as the model sends them (tokens).
        result_model: The registries' answer, merged into the facts.
        view_model: The answer as the model reads it (tokens); its JSON is the tool message.
        run: Runs the look-up on the worker with resolved arguments (`MoversArgs` with BSNs,
            or the reported `NewAddress`).
        merge: Merges a result into the facts.
        view: Turns a result into its view, giving out tokens as needed.
    """

    name: str
    description: str
    args_model: type[BaseModel]
    result_model: type[BaseModel]
    view_model: type[BaseModel]
    run: Callable[[RegistryLookups, Any], Awaitable[BaseModel]]
    merge: Callable[[MoveFacts, Any], None]
    view: Callable[[Any, Pseudonyms], BaseModel]

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
            "BRP: movers of this case: age, municipality, current address, partners, "
            "children, parents, custody, investigation, confidentiality.",
            PersonsArgs,
            PersonsResult,
            PersonsView,
            _lookup_persons,
            _merge_persons,
            _persons_view,
        ),
        LookupTool(
            LOOKUP_ADDRESS,
            "BAG and BRP: the reported new address, its addressable object (use, surface, "
            "status) and the persons registered there now.",
            AddressArgs,
            AddressResult,
            AddressView,
            _lookup_address,
            _merge_address,
            _address_view,
        ),
        LookupTool(
            LOOKUP_TOESLAGEN,
            "Toeslagen: the benefits (huurtoeslag, zorgtoeslag, ...) of movers of this case.",
            PersonsArgs,
            ToeslagenResult,
            BenefitsResultView,
            _lookup_toeslagen,
            _merge_toeslagen,
            _benefits_view,
        ),
        LookupTool(
            LOOKUP_STUDIEFINANCIERING,
            "DUO: whether movers of this case receive student finance.",
            PersonsArgs,
            StudiefinancieringResult,
            StudentFinanceResultView,
            _lookup_studiefinanciering,
            _merge_studiefinanciering,
            _student_finance_view,
        ),
        LookupTool(
            LOOKUP_VOERTUIGEN,
            "RDW: the vehicles registered to movers of this case.",
            PersonsArgs,
            VoertuigenResult,
            VehiclesResultView,
            _lookup_voertuigen,
            _merge_voertuigen,
            _vehicles_view,
        ),
        LookupTool(
            LOOKUP_BELASTINGEN,
            "Gemeente: the municipal tax liabilities of movers of this case, per municipality.",
            PersonsArgs,
            BelastingenResult,
            TaxesResultView,
            _lookup_belastingen,
            _merge_belastingen,
            _taxes_view,
        ),
        LookupTool(
            LOOKUP_PARKEERVERGUNNINGEN,
            "Gemeente: the parking permits of movers of this case, with the address each is "
            "tied to.",
            PersonsArgs,
            ParkeervergunningenResult,
            PermitsResultView,
            _lookup_parkeervergunningen,
            _merge_parkeervergunningen,
            _permits_view,
        ),
    )
}
"""The look-up tools by name."""

SUBMIT_PLAN_DESCRIPTION = (
    "Submit the finished plan: the steps, concerns for a caseworker, a short caseworker "
    "summary and the B1 Dutch message to the citizen, all in tokens. Only after every "
    "look-up is done."
)

TOOL_NAMES = (*LOOKUPS, SUBMIT_PLAN)
"""Every registered tool, in the order the model is shown them."""


def tool_definitions() -> list[dict[str, Any]]:
    """Every tool of the agent as an OpenAI function schema, `submit_plan` last."""
    return [tool.definition() for tool in LOOKUPS.values()] + [
        _definition(SUBMIT_PLAN, SUBMIT_PLAN_DESCRIPTION, PlanDraft)
    ]


# The tool node -----------------------------------------------------------------------------


class ToolCallRejected(Exception):
    """A tool call the node refuses: unknown tool, invalid or out-of-scope arguments."""


@dataclass(frozen=True, slots=True)
class ToolRound:
    """What one round of tool calls produced.

    Attributes:
        messages: One tool message per call (valid calls first, then the invalid ones), in
            tokens only.
        facts: The facts with the round's results merged in.
        pseudonyms: The case's tokens, with the ones this round gave out.
        plan: The plan accepted in this round, if any.
        errors: Calls refused in this round (unknown tool, invalid arguments, out of scope,
            rejected plan).
        plan_error: Why a plan submitted in this round was rejected, if one was.
    """

    messages: list[ToolMessage]
    facts: MoveFacts
    pseudonyms: Pseudonyms
    plan: MovePlan | None
    errors: int
    plan_error: str | None


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def _resolve_lookup(
    tool: LookupTool, raw: dict[str, Any], request: MoveRequest, pseudonyms: Pseudonyms
) -> BaseModel:
    """Validate a look-up's arguments and resolve their tokens to what the registries take."""
    try:
        args = tool.args_model.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid arguments: {_describe(error)}") from error
    if isinstance(args, AddressArgs):
        reported = [e.token for e in pseudonyms.with_role(PseudonymRole.NEW_ADDRESS)]
        if args.address not in reported:
            raise ToolCallRejected(
                f"Only the reported new address ({', '.join(reported)}) may be looked up."
            )
        return request.new_address
    assert isinstance(args, PersonsArgs)
    bsns: list[str] = []
    outside: list[str] = []
    for token in args.persons:
        try:
            bsn = pseudonyms.resolve(token, PseudonymKind.PERSON).value
        except UnknownPseudonym as error:
            raise ToolCallRejected(
                f"Invalid arguments: persons: {error}; use the tokens of the request."
            ) from error
        if bsn in request.mover_bsns:
            bsns.append(bsn)
        else:
            outside.append(token)
    if outside:
        raise ToolCallRejected(
            "Only the movers of this case may be looked up (reporter and co-movers); "
            f"not a mover: {', '.join(outside)}."
        )
    return MoversArgs(bsns=list(dict.fromkeys(bsns)))


def _check_plan(plan: MovePlan, facts: MoveFacts) -> MovePlan:
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
    facts: MoveFacts,
    pseudonyms: Pseudonyms,
    calls: Sequence[ToolCall],
    *,
    invalid_calls: Sequence[InvalidToolCall] = (),
    turn: int,
) -> ToolRound:
    """Run one round of tool calls: the look-ups concurrently, then any `submit_plan`.

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
    request = facts.request
    count = len(calls)
    call_ids = [call.get("id") or f"turn-{turn}-call-{i}" for i, call in enumerate(calls)]
    # Message ids by turn and position: providers may reuse tool-call ids across turns.
    message_ids = [f"tool-turn-{turn}-{i}" for i in range(count + len(invalid_calls))]
    messages: dict[int, ToolMessage] = {}
    pending: list[tuple[int, LookupTool, BaseModel]] = []
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
            pending.append((i, tool, _resolve_lookup(tool, call["args"], request, pseudonyms)))
        except ToolCallRejected as error:
            refuse(i, call["name"], call_ids[i], str(error))

    outcomes = await asyncio.gather(
        *(tool.run(registry, args) for _, tool, args in pending), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    results = list(zip(pending, outcomes, strict=True))
    # The address first: it binds the reported address's token to its BAG object, so a mover
    # who already lives there gets the same token in the same round.
    results.sort(key=lambda item: item[0][1].name != LOOKUP_ADDRESS)
    for (i, tool, _), result in results:
        assert isinstance(result, BaseModel)
        tool.merge(facts, result)
        view = tool.view(result, pseudonyms)
        content = view.model_dump_json(exclude_none=True)
        messages[i] = _tool_message(tool.name, call_ids[i], message_ids[i], content)

    plan: MovePlan | None = None
    plan_error: str | None = None
    for i in submits:
        try:
            if plan is not None:
                raise ToolCallRejected("A plan was already accepted in this turn.")
            try:
                decoded = decode_plan(calls[i]["args"], pseudonyms)
            except PlanDecodingError as error:
                raise ToolCallRejected(f"Invalid plan: {error}") from error
            plan = _check_plan(decoded, facts)
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
        args: BaseModel = (
            facts.request.new_address if name == LOOKUP_ADDRESS else MoversArgs(bsns=bsns)
        )
        tool.merge(done, await tool.run(registry, args))
    return done

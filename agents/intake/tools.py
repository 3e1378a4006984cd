"""The intake assistant's tools: search an address, propose a report, hand over, reply.

The names are the model's vocabulary and the activity results': they are in recorded
histories, so they never change. Every call is checked here, on the worker: arguments are
validated with pydantic, an address in a proposal must be one BAG returned to a search, a
person one the citizen typed (never the citizen, never a number the model made up), and the
report must pass the life event's intake checks. The reporter is always the signed-in
citizen: no argument names them. A bad call is answered to the model with the error (so it
can correct itself) and counted; a registry that is unavailable raises, so Temporal retries.

Three tools end the assistant's turn: a proposal that passes its checks, a hand-over, and a
reply. What ended it is the `TurnEnd`.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from langchain_core.messages import InvalidToolCall, ToolCall, ToolMessage
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agents.intake.redaction import IdentifierKind, Redactions, Source, is_token
from agents.intake.spec import (
    LANGUAGES,
    CatalogueEntry,
    FoundAddress,
    ProposalLine,
    SlotKind,
)
from burgerflow.registry.client import RegistryClient, RegistryClientError

SEARCH_ADDRESS = "search_address"
PROPOSE_REPORT = "propose_report"
HAND_OVER = "hand_over"
REPLY = "reply"
TOOL_NAMES = frozenset({SEARCH_ADDRESS, PROPOSE_REPORT, HAND_OVER, REPLY})

ERROR_PREFIX = "Error: "
"""Every error the tool node answers starts with this (an endpoint carries no status)."""

ADDRESS_TOKEN_PREFIX = "ADDRESS_"
MAX_ADDRESSES = 10
"""The most addresses one search shows the model."""

Language = Literal["nl", "en"]


class HandOverReason(StrEnum):
    """Why a conversation goes to a person."""

    ASKED_FOR_PERSON = "asked_for_person"
    UNCLEAR = "unclear"
    NOT_ONLINE = "not_online"
    ASSISTANT_UNAVAILABLE = "assistant_unavailable"
    OTHER = "other"


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SearchAddressArgs(_Args):
    """`search_address`: postcode and number, or street, number and place."""

    number: int = Field(ge=1, le=99999)
    street: str | None = Field(default=None, min_length=1, max_length=80)
    place: str | None = Field(default=None, min_length=1, max_length=80)
    postcode: str | None = Field(default=None, pattern=r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
    letter: str | None = Field(default=None, pattern=r"^[A-Za-z]$")
    addition: str | None = Field(default=None, pattern=r"^[A-Za-z0-9]{1,4}$")


class ProposeReportArgs(_Args):
    """`propose_report`: the life event and its slots (addresses by `ref`, persons by token)."""

    life_event: str
    slots: dict[str, Any] = Field(default_factory=dict)
    language: Language = "nl"


class HandOverArgs(_Args):
    """`hand_over`: why a person should take over."""

    reason: HandOverReason
    language: Language = "nl"


class ReplyArgs(_Args):
    """`reply`: a message to the citizen."""

    text: str = Field(min_length=1, max_length=2000)
    life_event: str | None = None
    language: Language = "nl"
    asking: str | None = Field(default=None, max_length=64)

    @field_validator("life_event", "asking", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value in ("", "null", "none") else value


def _function(name: str, description: str, args: type[BaseModel]) -> dict[str, Any]:
    schema = args.model_json_schema()
    schema.pop("title", None)
    return {
        "type": "function",
        "function": {"name": name, "description": description, "parameters": schema},
    }


def tool_definitions(entries: Sequence[CatalogueEntry]) -> list[dict[str, Any]]:
    """The tools in the OpenAI function format, with the life events of the catalogue."""
    types = [e.spec.life_event for e in entries]
    propose = _function(
        PROPOSE_REPORT,
        "Propose the report to the citizen, who confirms it themselves. `slots`: each slot "
        "of the life event by name (an address: the `ref` of a search result; a date: "
        "YYYY-MM-DD; persons: BSN tokens).",
        ProposeReportArgs,
    )
    propose["function"]["parameters"]["properties"]["life_event"]["enum"] = types
    return [
        _function(
            SEARCH_ADDRESS,
            "Find an address in BAG: postcode and number, or street, number and place.",
            SearchAddressArgs,
        ),
        propose,
        _function(
            HAND_OVER,
            "Hand the conversation to a person of the municipality.",
            HandOverArgs,
        ),
        _function(REPLY, "Send a message to the citizen.", ReplyArgs),
    ]


class Proposal(BaseModel):
    """A report the assistant proposes: exactly what the citizen's confirmation sends.

    Attributes:
        number: Its number in the conversation (1, 2, ...).
        life_event: The life event's type.
        title: Its name per language.
        report: The `POST /v1/life-events` body, in the clear.
        lines: The report in words, per language.
    """

    number: int
    life_event: str
    title: dict[str, str]
    report: dict[str, Any]
    lines: dict[str, list[ProposalLine]]


class TurnEnd(BaseModel):
    """How the assistant ended its answer to one message.

    Attributes:
        kind: `reply`, `proposal` or `handover`.
        text: The reply to the citizen (in tokens), for a reply.
        life_event: The life event recognised, if any.
        language: The language the citizen writes in.
        asking: The slot a reply asks for.
        proposal: The proposed report, for a proposal.
        handover: Why a person takes over, for a hand-over.
        offline: Why the life event cannot be done online, per language (a hand-over of
            `not_online`).
    """

    kind: Literal["reply", "proposal", "handover"]
    text: str | None = None
    life_event: str | None = None
    language: Language = "nl"
    asking: str | None = None
    proposal: Proposal | None = None
    handover: HandOverReason | None = None
    offline: dict[str, str] | None = None


@dataclass
class ToolRound:
    """What one round of tool calls produced.

    Attributes:
        messages: One tool message per call, in tokens only.
        addresses: Every address found so far, by `ref`.
        end: What ended the turn, if a call did.
        errors: Calls refused in this round.
    """

    messages: list[ToolMessage]
    addresses: dict[str, FoundAddress]
    end: TurnEnd | None = None
    errors: int = 0
    proposals: int = 0


class CallRefused(Exception):
    """A tool call that cannot be run; its message goes back to the model."""


@dataclass
class ToolContext:
    """What the tools work with in one round.

    Attributes:
        registry: The registry client (BAG).
        entries: The life events of the catalogue.
        redactions: The conversation's tokens.
        citizen: The signed-in citizen's BSN (the reporter of every proposal).
        addresses: Addresses found so far, by `ref`.
        proposals: Proposals made so far in the conversation.
        today: The day in the Netherlands.
    """

    registry: RegistryClient
    entries: Sequence[CatalogueEntry]
    redactions: Redactions
    citizen: str
    addresses: dict[str, FoundAddress]
    proposals: int
    today: date

    def entry(self, life_event: str | None) -> CatalogueEntry | None:
        """The catalogue entry of `life_event`."""
        return next((e for e in self.entries if e.spec.life_event == life_event), None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


async def _search(context: ToolContext, args: SearchAddressArgs) -> str:
    try:
        if args.postcode is not None:
            found = await context.registry.bag_adressen(
                args.postcode.replace(" ", "").upper(),
                args.number,
                args.letter,
                args.addition,
            )
        elif args.street is not None and args.place is not None:
            found = await context.registry.bag_adressen_op_straat(
                args.street, args.number, args.place, args.letter, args.addition
            )
        else:
            raise CallRefused("give postcode and number, or street, number and place")
    except RegistryClientError as error:
        raise CallRefused(f"BAG refused the search ({error.status})") from error
    results = []
    for adres in found[:MAX_ADDRESSES]:
        address = FoundAddress(
            postcode=adres.postcode or "",
            huisnummer=adres.huisnummer,
            huisletter=adres.huisletter,
            huisnummertoevoeging=adres.huisnummertoevoeging,
            street=adres.openbare_ruimte_naam,
            place=adres.woonplaats_naam,
            object_id=adres.adresseerbaar_object_identificatie,
        )
        ref = next((r for r, a in context.addresses.items() if a == address), None)
        if ref is None:
            ref = f"{ADDRESS_TOKEN_PREFIX}{len(context.addresses) + 1}"
            context.addresses[ref] = address
        results.append({"ref": ref, "line": address.line})
    return _json({"addresses": results})


def _person(context: ToolContext, token: Any) -> str:
    if not is_token(token):
        raise CallRefused(f"{token!r} is not a BSN token")
    entry = context.redactions.get(str(token))
    if entry is None or entry.kind is not IdentifierKind.BSN:
        raise CallRefused(f"{token} is not a BSN the citizen gave")
    if entry.source is Source.SIGN_IN:
        raise CallRefused(f"{token} is the citizen themselves, who reports anyway")
    if entry.source is not Source.CITIZEN:
        raise CallRefused(f"{token} is not a BSN the citizen gave")
    return entry.value


def _slot_value(context: ToolContext, kind: SlotKind, name: str, value: Any) -> Any:
    match kind:
        case SlotKind.ADDRESS:
            address = context.addresses.get(str(value))
            if address is None:
                raise CallRefused(f"{name}: {value!r} is not the ref of an address you found")
            return address
        case SlotKind.DATE:
            try:
                return date.fromisoformat(str(value))
            except ValueError as error:
                raise CallRefused(f"{name}: a date is written YYYY-MM-DD") from error
        case SlotKind.PERSONS:
            items = value if isinstance(value, list) else [value]
            return list(dict.fromkeys(_person(context, item) for item in items))
        case SlotKind.COUNTRY:
            code = str(value).upper()
            if len(code) != 2 or not code.isalpha():
                raise CallRefused(f"{name}: a country is an ISO 3166-1 alpha-2 code")
            return code
        case SlotKind.YES_NO:
            if not isinstance(value, bool):
                raise CallRefused(f"{name}: answer true or false")
            return value
        case _:
            text = str(value).strip()
            if not text:
                raise CallRefused(f"{name}: empty")
            return context.redactions.restore(text)


def _propose(context: ToolContext, args: ProposeReportArgs) -> tuple[str, TurnEnd]:
    entry = context.entry(args.life_event)
    if entry is None:
        known = ", ".join(e.spec.life_event for e in context.entries)
        raise CallRefused(f"{args.life_event!r} is not a life event of the list ({known})")
    spec = entry.spec
    unknown = sorted(set(args.slots) - {s.name for s in spec.slots})
    if unknown:
        raise CallRefused(f"unknown slots: {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for slot in spec.slots:
        raw = args.slots.get(slot.name)
        if raw is None or (raw == [] and slot.kind is not SlotKind.PERSONS):
            if slot.required:
                raise CallRefused(f"missing slot: {slot.name}")
            continue
        values[slot.name] = _slot_value(context, slot.kind, slot.name, raw)
    offline = spec.offline(values)
    if offline is not None:
        end = TurnEnd(
            kind="handover",
            life_event=spec.life_event,
            language=args.language,
            handover=HandOverReason.NOT_ONLINE,
            offline=dict(offline),
        )
        return "This report cannot be done online; a person takes over.", end
    report = spec.build_report(context.citizen, values)
    problems = entry.check(report, context.today)
    if problems:
        raise CallRefused(
            _json({"problems": [{"field": name, "reason": reason} for name, reason in problems]})
        )
    number = context.proposals + 1
    proposal = Proposal(
        number=number,
        life_event=spec.life_event,
        title=dict(entry.title),
        report=report,
        lines={lang: spec.lines(values, lang) for lang in LANGUAGES},
    )
    end = TurnEnd(
        kind="proposal", life_event=spec.life_event, language=args.language, proposal=proposal
    )
    return _json({"proposal": number, "shown_to_citizen": True}), end


def _tool_message(
    call_id: str, name: str, message_id: str, content: str, *, error: bool
) -> ToolMessage:
    return ToolMessage(
        content=f"{ERROR_PREFIX}{content}" if error else content,
        tool_call_id=call_id,
        name=name,
        id=message_id,
        status="error" if error else "success",
    )


async def _run_one(context: ToolContext, call: ToolCall) -> tuple[str, TurnEnd | None]:
    name = call["name"]
    args = call["args"]
    try:
        if name == SEARCH_ADDRESS:
            return await _search(context, SearchAddressArgs.model_validate(args)), None
        if name == PROPOSE_REPORT:
            return _propose(context, ProposeReportArgs.model_validate(args))
        if name == HAND_OVER:
            handover = HandOverArgs.model_validate(args)
            end = TurnEnd(kind="handover", language=handover.language, handover=handover.reason)
            return "A person of the municipality takes over.", end
        if name == REPLY:
            reply = ReplyArgs.model_validate(args)
            life_event = reply.life_event if context.entry(reply.life_event) else None
            end = TurnEnd(
                kind="reply",
                text=reply.text,
                life_event=life_event,
                language=reply.language,
                asking=reply.asking,
            )
            return "Sent.", end
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'arguments'}: {e['msg']}"
            for e in error.errors()
        )
        raise CallRefused(f"invalid arguments for {name}: {details}") from error
    raise CallRefused(f"there is no tool {name!r}; use one of {', '.join(sorted(TOOL_NAMES))}")


async def run_tool_calls(
    context: ToolContext,
    calls: Sequence[ToolCall],
    *,
    invalid_calls: Sequence[InvalidToolCall] = (),
    message_prefix: str,
) -> ToolRound:
    """Run one round of tool calls in order; the first call that ends the turn ends it.

    Args:
        context: The registry, the catalogue, the tokens and what was found so far.
        calls: The model's tool calls.
        invalid_calls: Calls whose arguments were not JSON.
        message_prefix: The ids of the tool messages start with it (unique per turn).

    Returns:
        The tool messages (in tokens), the addresses found and, if a call ended the turn,
        what ended it.
    """
    round_ = ToolRound(messages=[], addresses=context.addresses)
    for i, call in enumerate(calls):
        call_id = call.get("id") or f"{message_prefix}-call-{i}"
        message_id = f"{message_prefix}-{i}"
        if round_.end is not None:
            round_.messages.append(
                _tool_message(
                    call_id, call["name"], message_id, "Not run: the turn ended.", error=True
                )
            )
            continue
        try:
            content, end = await _run_one(context, call)
        except CallRefused as refusal:
            round_.errors += 1
            round_.messages.append(
                _tool_message(call_id, call["name"], message_id, str(refusal), error=True)
            )
            continue
        round_.messages.append(
            _tool_message(call_id, call["name"], message_id, content, error=False)
        )
        if end is not None:
            round_.end = end
            if end.proposal is not None:
                round_.proposals = 1
    for j, invalid in enumerate(invalid_calls):
        round_.errors += 1
        round_.messages.append(
            _tool_message(
                invalid.get("id") or f"{message_prefix}-invalid-{j}",
                str(invalid.get("name") or "unknown"),
                f"{message_prefix}-invalid-{j}",
                "the arguments are not a JSON object",
                error=True,
            )
        )
    return round_


def read_addresses(value: Mapping[str, Any] | None) -> dict[str, FoundAddress]:
    """The addresses of a state (their JSON form) by `ref`."""
    return {ref: FoundAddress.model_validate(a) for ref, a in (value or {}).items()}

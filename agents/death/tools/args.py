"""The tools' arguments: as the model sends them (tokens), checked and resolved for the worker.

A look-up takes tokens (`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN or an
address. Before it runs, its arguments are validated with pydantic and its tokens resolved:
only the deceased, their partners and the other custody holders of their minor children, and
the deceased's address may be looked up. A call that fails that is refused
(`ToolCallRejected`) and answered with an error.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.pseudonyms import PseudonymKind, Pseudonyms, UnknownPseudonym
from workflows.death.domain import DeathFacts


class ToolCallRejected(Exception):
    """A tool call the node refuses: unknown tool, invalid or out-of-scope arguments."""


class PersonArgs(BaseModel):
    """Arguments of a look-up of the deceased, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    person: str = Field(description="Token of the deceased, e.g. PERSON_1.")


class PersonsArgs(BaseModel):
    """Arguments of the relatives' look-up, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    persons: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Tokens of the deceased's partners and of the other custody holders of "
        "the minors in their custody, e.g. ['PERSON_2'].",
    )


class AddressArgs(BaseModel):
    """Arguments of the household's look-up, as the model sends them."""

    model_config = ConfigDict(extra="forbid")

    address: str = Field(description="Token of the deceased's address, e.g. ADDRESS_1.")


class DeceasedArgs(BaseModel):
    """A look-up of the deceased on the worker: their BSN and the surname reported."""

    bsn: str
    reported_surname: str


class BsnsArgs(BaseModel):
    """A look-up of persons on the worker, by BSN."""

    bsns: list[str] = Field(min_length=1, max_length=20)


class HouseholdArgs(BaseModel):
    """The household's look-up on the worker: the address, and whom to leave out."""

    object_id: str
    deceased: str


def describe(error: ValidationError) -> str:
    """A validation error in one line, for the model: `field: message; ...`."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def _person(token: str, pseudonyms: Pseudonyms) -> str:
    try:
        return pseudonyms.resolve(token, PseudonymKind.PERSON).value
    except UnknownPseudonym as error:
        raise ToolCallRejected(
            f"Invalid arguments: {error}; use the tokens you were given."
        ) from error


def resolve_lookup_args(
    args_model: type[BaseModel],
    raw: dict[str, Any],
    facts: DeathFacts,
    pseudonyms: Pseudonyms,
) -> BaseModel:
    """Validate a look-up's arguments and resolve their tokens to what the registries take.

    Args:
        args_model: The look-up's arguments as the model sends them.
        raw: The arguments of the call.
        facts: The facts so far: who the deceased is, and whom their record names.
        pseudonyms: The case's tokens.

    Returns:
        `DeceasedArgs`, `BsnsArgs` or `HouseholdArgs`.

    Raises:
        ToolCallRejected: The arguments do not validate, name an unknown token, or name
            someone or an address outside the case.
    """
    try:
        args = args_model.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid arguments: {describe(error)}") from error
    deceased = facts.request.bsn
    if isinstance(args, PersonArgs):
        if _person(args.person, pseudonyms) != deceased:
            raise ToolCallRejected(
                f"Only the deceased ({pseudonyms.person(deceased)}) may be looked up with this "
                "tool."
            )
        return DeceasedArgs(bsn=deceased, reported_surname=facts.request.deceased.geslachtsnaam)
    if isinstance(args, AddressArgs):
        address = facts.address()
        if address is None:
            raise ToolCallRejected("Look up the deceased first: their address comes from BRP.")
        try:
            value = pseudonyms.resolve(args.address, PseudonymKind.ADDRESS).value
        except UnknownPseudonym as error:
            raise ToolCallRejected(f"Invalid arguments: address: {error}.") from error
        if value != address:
            raise ToolCallRejected(
                f"Only the deceased's address ({pseudonyms.address(address)}) may be looked up."
            )
        return HouseholdArgs(object_id=address, deceased=deceased)
    assert isinstance(args, PersonsArgs)
    if facts.deceased is None:
        raise ToolCallRejected("Look up the deceased first: their relatives come from BRP.")
    allowed = set(facts.relatives())
    bsns = [_person(token, pseudonyms) for token in args.persons]
    outside = [t for t, b in zip(args.persons, bsns, strict=True) if b not in allowed]
    if outside:
        raise ToolCallRejected(
            "Only the deceased's partners and the other custody holders of their minor "
            f"children may be looked up; not one of them: {', '.join(outside)}."
        )
    return BsnsArgs(bsns=list(dict.fromkeys(bsns)))

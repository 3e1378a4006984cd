"""The tools' arguments: as the model sends them (tokens), checked and resolved for the worker.

A look-up takes tokens (`PERSON_1`, `ADDRESS_1`; see `agents.pseudonyms`), never a BSN or an
address. Before it runs, its arguments are validated with pydantic and its tokens resolved:
only the movers and the reported address of this case may be looked up. A call that fails
that is refused (`ToolCallRejected`) and answered with an error.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.pseudonyms import PseudonymKind, PseudonymRole, Pseudonyms, UnknownPseudonym
from workflows.change_of_address.domain import MoveRequest, NewAddress


class ToolCallRejected(Exception):
    """A tool call the node refuses: unknown tool, invalid or out-of-scope arguments."""


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


def describe(error: ValidationError) -> str:
    """A validation error in one line, for the model: `field: message; ...`."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or '(root)'}: {e['msg']}"
        for e in error.errors(include_url=False)
    )


def resolve_lookup_args(
    args_model: type[BaseModel],
    raw: dict[str, Any],
    request: MoveRequest,
    pseudonyms: Pseudonyms,
) -> BaseModel:
    """Validate a look-up's arguments and resolve their tokens to what the registries take.

    Args:
        args_model: The look-up's arguments as the model sends them (`PersonsArgs` or
            `AddressArgs`).
        raw: The arguments of the call.
        request: The case's move: who moves and to which address.
        pseudonyms: The case's tokens.

    Returns:
        `MoversArgs` with the movers' BSNs, or the reported `NewAddress`.

    Raises:
        ToolCallRejected: The arguments do not validate, name an unknown token, or name
            someone or an address outside the case.
    """
    try:
        args = args_model.model_validate(raw)
    except ValidationError as error:
        raise ToolCallRejected(f"Invalid arguments: {describe(error)}") from error
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

"""Berichtenbox wire models."""

from datetime import datetime
from typing import Annotated

from pydantic import Field

from burgerflow.registry.schemas.common import Bsn, RequestModel, WireModel


class BerichtCreate(RequestModel):
    """A message to deliver: `{burgerservicenummer, onderwerp, inhoud[, afzender]}`."""

    burgerservicenummer: Bsn
    onderwerp: Annotated[str, Field(min_length=1, max_length=200)]
    inhoud: Annotated[str, Field(min_length=1, max_length=20000)]
    afzender: Annotated[str, Field(min_length=1, max_length=200)] = "Gemeente"


class BerichtPublic(WireModel):
    """A delivered message."""

    id: str
    afzender: str
    onderwerp: str
    inhoud: str
    ontvangen_op: datetime
    gelezen: bool = False


class BerichtenPublic(WireModel):
    """A citizen's messages, newest first."""

    burgerservicenummer: str
    berichten: list[BerichtPublic] = []


class BerichtOntvangst(WireModel):
    """Receipt of a delivered message; `id` is the message's id."""

    id: str
    burgerservicenummer: str
    ontvangen_op: datetime

"""Berichtenbox tables."""

from datetime import datetime

from sqlmodel import Field

from registries_mock.db import MockModel


class BerichtBase(MockModel):
    """A message delivered to a citizen.

    Attributes:
        burgerservicenummer: The recipient.
        afzender: The sending organisation.
        onderwerp: Subject line.
        inhoud: Body text.
        ontvangen_op: When it was delivered (UTC).
        gelezen: Whether the citizen opened it.
    """

    burgerservicenummer: str = Field(index=True, max_length=9)
    afzender: str
    onderwerp: str
    inhoud: str
    ontvangen_op: datetime
    gelezen: bool = False


class Bericht(BerichtBase, table=True):
    """Table of messages."""

    __tablename__ = "berichtenbox_bericht"

    id: str = Field(primary_key=True, max_length=36)

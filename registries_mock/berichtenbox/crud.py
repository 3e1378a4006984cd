"""Berichtenbox queries and writers. Writers flush; the caller commits."""

import uuid
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from burgerflow.registry.schemas.berichtenbox import BerichtenPublic, BerichtPublic
from registries_mock.berichtenbox.models import Bericht
from registries_mock.brp import crud as brp_crud
from registries_mock.problems import not_found


def berichten(*, session: Session, burgerservicenummer: str) -> BerichtenPublic:
    """A citizen's messages, newest first."""
    rows = session.exec(
        select(Bericht)
        .where(Bericht.burgerservicenummer == burgerservicenummer)
        .order_by(col(Bericht.ontvangen_op).desc(), col(Bericht.id))
    ).all()
    return BerichtenPublic(
        burgerservicenummer=burgerservicenummer,
        berichten=[BerichtPublic.model_validate(r, from_attributes=True) for r in rows],
    )


def bezorg(
    *, session: Session, burgerservicenummer: str, afzender: str, onderwerp: str, inhoud: str
) -> Bericht:
    """Deliver a message.

    Raises:
        ProblemError: 404 when the recipient is not in BRP.
    """
    if brp_crud.get_persoon(session=session, burgerservicenummer=burgerservicenummer) is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    bericht = Bericht(
        id=str(uuid.uuid4()),
        burgerservicenummer=burgerservicenummer,
        afzender=afzender,
        onderwerp=onderwerp,
        inhoud=inhoud,
        ontvangen_op=datetime.now(UTC),
    )
    session.add(bericht)
    session.flush()
    return bericht

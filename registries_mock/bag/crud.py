"""BAG queries and the admin upsert. Writers flush; the caller commits."""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from registries_mock.bag.models import Adres, Verblijfsobject
from registries_mock.problems import conflict


def _same(column: Any, value: str | None) -> ColumnElement[bool]:
    result: ColumnElement[bool] = column.is_(None) if value is None else column == value
    return result


def get_verblijfsobject(*, session: Session, identificatie: str) -> Verblijfsobject | None:
    """Return the addressable object `identificatie`, if it exists."""
    return session.get(Verblijfsobject, identificatie)


def get_verblijfsobjecten(
    *, session: Session, identificaties: Iterable[str]
) -> dict[str, Verblijfsobject]:
    """Return the existing objects among `identificaties`, by identifier."""
    ids = set(identificaties)
    if not ids:
        return {}
    statement = select(Verblijfsobject).where(col(Verblijfsobject.identificatie).in_(ids))
    return {v.identificatie: v for v in session.exec(statement)}


def get_adres(*, session: Session, nummeraanduiding_identificatie: str) -> Adres | None:
    """Return the address with this nummeraanduiding, if it exists."""
    return session.get(Adres, nummeraanduiding_identificatie)


def hoofdadressen(*, session: Session, object_ids: Iterable[str]) -> dict[str, Adres]:
    """Return the main address of each object among `object_ids` that has one."""
    ids = set(object_ids)
    if not ids:
        return {}
    statement = (
        select(Adres)
        .where(col(Adres.adresseerbaar_object_identificatie).in_(ids))
        .order_by(col(Adres.nummeraanduiding_identificatie))
    )
    result: dict[str, Adres] = {}
    for adres in session.exec(statement):
        result.setdefault(adres.adresseerbaar_object_identificatie, adres)
    return result


def hoofdadres(*, session: Session, object_id: str) -> Adres | None:
    """Return the main address of the object `object_id`, if any."""
    return hoofdadressen(session=session, object_ids=[object_id]).get(object_id)


def zoek_adressen(
    *,
    session: Session,
    postcode: str,
    huisnummer: int,
    huisletter: str | None = None,
    huisnummertoevoeging: str | None = None,
    exacte_match: bool = False,
) -> Sequence[Adres]:
    """Search addresses the way BAG does.

    Without `exacte_match`, an omitted huisletter or toevoeging matches any value; with it,
    an omitted one matches only addresses without. Letters compare case-insensitively.
    """
    statement = select(Adres).where(Adres.postcode == postcode, Adres.huisnummer == huisnummer)
    if huisletter is not None:
        statement = statement.where(func.lower(Adres.huisletter) == huisletter.lower())
    elif exacte_match:
        statement = statement.where(col(Adres.huisletter).is_(None))
    if huisnummertoevoeging is not None:
        statement = statement.where(
            func.lower(Adres.huisnummertoevoeging) == huisnummertoevoeging.lower()
        )
    elif exacte_match:
        statement = statement.where(col(Adres.huisnummertoevoeging).is_(None))
    statement = statement.order_by(
        col(Adres.huisletter),
        col(Adres.huisnummertoevoeging),
        col(Adres.nummeraanduiding_identificatie),
    )
    return session.exec(statement).all()


def zoek_adressen_op_straat(
    *,
    session: Session,
    openbare_ruimte_naam: str,
    woonplaats_naam: str,
    huisnummer: int,
    huisletter: str | None = None,
    huisnummertoevoeging: str | None = None,
    exacte_match: bool = False,
) -> Sequence[Adres]:
    """Search addresses by street, number and place, as BAG does.

    Street and place names compare case-insensitively; letters and additions match as in
    `zoek_adressen`.
    """
    statement = select(Adres).where(
        func.lower(Adres.openbare_ruimte_naam) == openbare_ruimte_naam.strip().lower(),
        func.lower(Adres.woonplaats_naam) == woonplaats_naam.strip().lower(),
        Adres.huisnummer == huisnummer,
    )
    if huisletter is not None:
        statement = statement.where(func.lower(Adres.huisletter) == huisletter.lower())
    elif exacte_match:
        statement = statement.where(col(Adres.huisletter).is_(None))
    if huisnummertoevoeging is not None:
        statement = statement.where(
            func.lower(Adres.huisnummertoevoeging) == huisnummertoevoeging.lower()
        )
    elif exacte_match:
        statement = statement.where(col(Adres.huisnummertoevoeging).is_(None))
    statement = statement.order_by(
        col(Adres.postcode),
        col(Adres.huisletter),
        col(Adres.huisnummertoevoeging),
        col(Adres.nummeraanduiding_identificatie),
    )
    return session.exec(statement).all()


def upsert_verblijfsobject(
    *, session: Session, verblijfsobject: Verblijfsobject, adres: Adres
) -> bool:
    """Create or replace an addressable object together with its (only) address.

    Args:
        session: Database session.
        verblijfsobject: The object; an existing one with the same identifier is replaced.
        adres: Its main address; other addresses of the object are removed.

    Returns:
        True when the object was created, False when it was replaced.

    Raises:
        ProblemError: 409 when the nummeraanduiding belongs to another object or another
            object already has this postcode, number, letter and addition.
    """
    existing_adres = session.get(Adres, adres.nummeraanduiding_identificatie)
    if (
        existing_adres is not None
        and existing_adres.adresseerbaar_object_identificatie != verblijfsobject.identificatie
    ):
        raise conflict(
            "De nummeraanduiding hoort bij een ander adresseerbaar object.", code="adresBestaat"
        )
    clash = session.exec(
        select(Adres).where(
            Adres.postcode == adres.postcode,
            Adres.huisnummer == adres.huisnummer,
            _same(col(Adres.huisletter), adres.huisletter),
            _same(col(Adres.huisnummertoevoeging), adres.huisnummertoevoeging),
            Adres.adresseerbaar_object_identificatie != verblijfsobject.identificatie,
        )
    ).first()
    if clash is not None:
        raise conflict("Een ander adresseerbaar object heeft dit adres al.", code="adresBestaat")
    created = session.get(Verblijfsobject, verblijfsobject.identificatie) is None
    for old in session.exec(
        select(Adres).where(
            Adres.adresseerbaar_object_identificatie == verblijfsobject.identificatie,
            Adres.nummeraanduiding_identificatie != adres.nummeraanduiding_identificatie,
        )
    ):
        session.delete(old)
    session.merge(verblijfsobject)
    session.merge(adres)
    session.flush()
    return created

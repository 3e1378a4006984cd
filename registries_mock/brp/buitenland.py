"""BRP: persons who live abroad (emigrated), and the emigration itself.

A person who emigrates keeps their BRP record: it shows a `VerblijfplaatsBuitenland` (the
address lines and the country) instead of the Dutch address, an `opschortingBijhouding` with
reden `E` and the Registratie Niet-ingezetenen (`1999`) as municipality of registration, and
they are no longer a resident of their last Dutch address. The record of their residence
abroad is a table of its own, so a person's row keeps the BAG object of their last address.
"""

from datetime import date

from sqlmodel import Field, Session, col, select

from burgerflow.registry.schemas.brp import (
    OPSCHORTING_EMIGRATIE,
    VERBLIJFPLAATS_BUITENLAND,
    OpschortingBijhouding,
    PersoonPublic,
    VerblijfadresPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.common import Datum, Waardetabel
from burgerflow.registry.schemas.landen import landnaam
from registries_mock.brp.models import Persoon
from registries_mock.db import MockModel
from registries_mock.problems import not_found, unprocessable

RNI = "1999"
"""The gemeentecode of the Registratie Niet-ingezetenen: where an emigrant is registered."""
RNI_OMSCHRIJVING = "Registratie Niet Ingezetenen (RNI)"
EMIGRATIE_OMSCHRIJVING = "emigratie"


class VerblijfBuitenland(MockModel, table=True):
    """Where a person lives abroad, since when (one row per emigrated person).

    Attributes:
        burgerservicenummer: The person.
        land: The country (ISO 3166-1 alpha-2).
        regel1: First address line (street and number).
        regel2: Second line (place and postcode), if any.
        regel3: Third line (region), if any.
        datum_vertrek: The day of deregistration (also the date of the suspension).
        vorige_gemeente: The municipality they were registered in before.
    """

    __tablename__ = "brp_verblijf_buitenland"

    burgerservicenummer: str = Field(primary_key=True, max_length=9)
    land: str = Field(max_length=2)
    regel1: str = Field(max_length=40)
    regel2: str | None = Field(default=None, max_length=50)
    regel3: str | None = Field(default=None, max_length=35)
    datum_vertrek: date
    vorige_gemeente: str | None = Field(default=None, max_length=4)


def get_buitenland(*, session: Session, burgerservicenummer: str) -> VerblijfBuitenland | None:
    """Where the person lives abroad, when they emigrated."""
    return session.get(VerblijfBuitenland, burgerservicenummer)


def buitenland_van(*, session: Session, bsns: set[str]) -> dict[str, VerblijfBuitenland]:
    """The residences abroad of those of `bsns` who emigrated."""
    if not bsns:
        return {}
    rows = session.exec(
        select(VerblijfBuitenland).where(col(VerblijfBuitenland.burgerservicenummer).in_(bsns))
    )
    return {r.burgerservicenummer: r for r in rows}


def land(code: str) -> Waardetabel:
    """A country as BRP shows it."""
    return Waardetabel(code=code, omschrijving=landnaam(code))


def verblijfplaats(row: VerblijfBuitenland) -> VerblijfplaatsPublic:
    """The `VerblijfplaatsBuitenland` of an emigrated person."""
    return VerblijfplaatsPublic(
        type=VERBLIJFPLAATS_BUITENLAND,
        datum_van=Datum.of(row.datum_vertrek),
        verblijfadres=VerblijfadresPublic(
            regel1=row.regel1, regel2=row.regel2, regel3=row.regel3, land=land(row.land)
        ),
    )


def opschorting(row: VerblijfBuitenland) -> OpschortingBijhouding:
    """The suspension (`E`, emigratie) of an emigrated person's record."""
    return OpschortingBijhouding(
        reden=Waardetabel(code=OPSCHORTING_EMIGRATIE, omschrijving=EMIGRATIE_OMSCHRIJVING),
        datum=Datum.of(row.datum_vertrek),
    )


def show_abroad(*, session: Session, personen: list[PersoonPublic]) -> None:
    """Show those of `personen` who emigrated as BRP does: abroad, suspended, in the RNI."""
    abroad = buitenland_van(session=session, bsns={p.burgerservicenummer for p in personen})
    for public in personen:
        row = abroad.get(public.burgerservicenummer)
        if row is None:
            continue
        # The residence abroad replaces the Dutch address and its envelope lines.
        public.verblijfplaats = verblijfplaats(row)
        public.adressering = None
        public.opschorting_bijhouding = opschorting(row)
        public.gemeente_van_inschrijving = Waardetabel(code=RNI, omschrijving=RNI_OMSCHRIJVING)


def vestig_buitenland(
    *,
    session: Session,
    persoon: Persoon,
    land: str,
    regel1: str,
    regel2: str | None,
    regel3: str | None,
    datum_vertrek: date,
) -> VerblijfBuitenland:
    """Record that `persoon` lives abroad from `datum_vertrek` (creates or replaces; flushes)."""
    row = VerblijfBuitenland(
        burgerservicenummer=persoon.burgerservicenummer,
        land=land,
        regel1=regel1,
        regel2=regel2,
        regel3=regel3,
        datum_vertrek=datum_vertrek,
        vorige_gemeente=(
            persoon.gemeente_van_inschrijving if persoon.gemeente_van_inschrijving != RNI else None
        ),
    )
    merged = session.merge(row)
    persoon.gemeente_van_inschrijving = RNI
    session.add(persoon)
    session.flush()
    return merged


def emigreer(
    *,
    session: Session,
    burgerservicenummer: str,
    land: str,
    regel1: str,
    regel2: str | None,
    regel3: str | None,
    datum_vertrek: date,
) -> tuple[Persoon, VerblijfBuitenland]:
    """Register a person's emigration.

    Returns:
        The person and their residence abroad.

    Raises:
        ProblemError: 404 when the person is not registered; 422 when they live abroad already.
    """
    persoon = session.get(Persoon, burgerservicenummer)
    if persoon is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    if get_buitenland(session=session, burgerservicenummer=burgerservicenummer) is not None:
        raise unprocessable(
            "De persoon is al geëmigreerd; de bijhouding is opgeschort.", code="reedsGeemigreerd"
        )
    row = vestig_buitenland(
        session=session,
        persoon=persoon,
        land=land,
        regel1=regel1,
        regel2=regel2,
        regel3=regel3,
        datum_vertrek=datum_vertrek,
    )
    return persoon, row

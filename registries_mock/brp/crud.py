"""BRP queries, the address change and the admin upsert. Writers flush; the caller commits."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, delete, or_, select

from burgerflow.core.constants import MUNICIPALITIES
from burgerflow.registry.schemas.brp import (
    OPSCHORTING_OVERLIJDEN,
    AdresseringPublic,
    GeboortePublic,
    GezagPersoon,
    GezagPublic,
    InOnderzoekPublic,
    KindPublic,
    NaamGerelateerde,
    NaamPublic,
    NaamVolledigeNaam,
    OpschortingBijhouding,
    OuderPublic,
    OverlijdenPublic,
    PartnerPublic,
    PersoonPublic,
    VerblijfadresPublic,
    VerblijfplaatsPublic,
)
from burgerflow.registry.schemas.common import Datum, Waardetabel
from registries_mock.bag import crud as bag_crud
from registries_mock.bag.models import Adres, Verblijfsobject
from registries_mock.brp import buitenland
from registries_mock.brp.models import Gezagsrelatie, Persoon, Relatie
from registries_mock.problems import conflict, not_found, unprocessable

GESLACHTEN = {"M": "man", "V": "vrouw", "O": "onbekend"}
VERBINTENISSEN = {"H": "huwelijk", "P": "geregistreerd partnerschap"}
MEERDERJARIG = 18


def leeftijd(geboortedatum: date, today: date) -> int:
    """Age in whole years on `today`."""
    years = today.year - geboortedatum.year
    if (today.month, today.day) < (geboortedatum.month, geboortedatum.day):
        years -= 1
    return years


def gemeentenaam(code: str, fallback: str | None = None) -> str:
    """Name of a municipality: known ones by code, others by the given fallback (a place name)."""
    return MUNICIPALITIES.get(code) or fallback or code


def get_persoon(*, session: Session, burgerservicenummer: str) -> Persoon | None:
    """Return the person with this BSN, if registered."""
    return session.get(Persoon, burgerservicenummer)


def get_personen(*, session: Session, burgerservicenummers: Iterable[str]) -> list[Persoon]:
    """Return the registered persons among the BSNs, in the order asked, without repeats."""
    wanted = list(dict.fromkeys(burgerservicenummers))
    if not wanted:
        return []
    found = {
        p.burgerservicenummer: p
        for p in session.exec(select(Persoon).where(col(Persoon.burgerservicenummer).in_(wanted)))
    }
    return [found[bsn] for bsn in wanted if bsn in found]


def get_bewoners(*, session: Session, adresseerbaar_object_identificatie: str) -> Sequence[Persoon]:
    """Return the persons registered at an addressable object, by BSN (not those abroad)."""
    abroad = select(buitenland.VerblijfBuitenland.burgerservicenummer)
    statement = (
        select(Persoon)
        .where(Persoon.adresseerbaar_object_identificatie == adresseerbaar_object_identificatie)
        .where(col(Persoon.burgerservicenummer).not_in(abroad))
        .order_by(col(Persoon.burgerservicenummer))
    )
    return session.exec(statement).all()


@dataclass
class _Relations:
    partners: dict[str, str | None]
    kinderen: list[str]
    ouders: list[str]


def _relations(session: Session, bsns: set[str]) -> dict[str, _Relations]:
    result = {bsn: _Relations({}, [], []) for bsn in bsns}
    statement = (
        select(Relatie)
        .where(or_(col(Relatie.burgerservicenummer).in_(bsns), col(Relatie.gerelateerde).in_(bsns)))
        .order_by(col(Relatie.id))
    )
    for rel in session.exec(statement):
        here, there = rel.burgerservicenummer, rel.gerelateerde
        for person, other, forward in ((here, there, True), (there, here, False)):
            if person not in result:
                continue
            r = result[person]
            if rel.soort == "partner":
                if r.partners.get(other) is None:
                    r.partners[other] = rel.soort_verbintenis
            elif (rel.soort == "kind") == forward:
                if other not in r.kinderen:
                    r.kinderen.append(other)
            elif other not in r.ouders:
                r.ouders.append(other)
    return result


def _naam(persoon: Persoon | None) -> NaamGerelateerde | None:
    if persoon is None:
        return None
    return NaamGerelateerde(
        voornamen=persoon.voornamen,
        voorvoegsel=persoon.voorvoegsel,
        geslachtsnaam=persoon.geslachtsnaam,
    )


def _geboorte(persoon: Persoon | None) -> GeboortePublic | None:
    return GeboortePublic(datum=Datum.of(persoon.geboortedatum)) if persoon else None


def _volledige_naam(persoon: Persoon) -> str:
    parts = [persoon.voornamen, persoon.voorvoegsel, persoon.geslachtsnaam]
    return " ".join(p for p in parts if p)


def _voorletters(persoon: Persoon) -> str | None:
    if not persoon.voornamen:
        return None
    return "".join(f"{name[0]}." for name in persoon.voornamen.split())


def _verblijfplaats(persoon: Persoon, adres: Adres | None) -> VerblijfplaatsPublic:
    datum = Datum.of(persoon.datum_aanvang_adreshouding)
    return VerblijfplaatsPublic(
        adresseerbaar_object_identificatie=persoon.adresseerbaar_object_identificatie,
        nummeraanduiding_identificatie=adres.nummeraanduiding_identificatie if adres else None,
        functie_adres=Waardetabel(code="W", omschrijving="woonadres"),
        datum_aanvang_adreshouding=datum,
        datum_van=datum,
        verblijfadres=(
            VerblijfadresPublic(
                officiele_straatnaam=adres.openbare_ruimte_naam,
                korte_straatnaam=adres.korte_naam,
                huisnummer=adres.huisnummer,
                huisletter=adres.huisletter,
                huisnummertoevoeging=adres.huisnummertoevoeging,
                postcode=adres.postcode,
                woonplaats=adres.woonplaats_naam,
            )
            if adres
            else None
        ),
    )


def _adressering(adres: Adres | None) -> AdresseringPublic | None:
    if adres is None:
        return None
    nummer = str(adres.huisnummer)
    if adres.huisletter:
        nummer += adres.huisletter
    if adres.huisnummertoevoeging:
        nummer += f"-{adres.huisnummertoevoeging}"
    return AdresseringPublic(
        adresregel1=f"{adres.korte_naam} {nummer}",
        adresregel2=f"{adres.postcode[:4]} {adres.postcode[4:]}  {adres.woonplaats_naam.upper()}",
    )


def _gezag(relatie: Gezagsrelatie, known: dict[str, Persoon], today: date) -> GezagPublic:
    def ouder(bsn: str) -> GezagPersoon:
        persoon = known.get(bsn)
        # The specification requires a parent's name; one BRP does not know has an empty one.
        naam = NaamVolledigeNaam(volledige_naam=_volledige_naam(persoon) if persoon else None)
        return GezagPersoon(burgerservicenummer=bsn, naam=naam)

    kind = known.get(relatie.minderjarige)
    minderjarige = GezagPersoon(
        burgerservicenummer=relatie.minderjarige,
        naam=NaamVolledigeNaam(volledige_naam=_volledige_naam(kind)) if kind else None,
        leeftijd=leeftijd(kind.geboortedatum, today) if kind else None,
    )
    if relatie.type == "GezamenlijkOuderlijkGezag":
        ouders = [relatie.ouder, relatie.ander_ouder]
        return GezagPublic(
            type=relatie.type,
            minderjarige=minderjarige,
            ouders=[ouder(b) for b in ouders if b],
        )
    return GezagPublic(
        type=relatie.type,
        minderjarige=minderjarige,
        ouder=ouder(relatie.ouder),
    )


NEDERLAND = Waardetabel(code="6030", omschrijving="Nederland")
"""The Netherlands in the landelijke tabel Landen."""


def _overlijden(persoon: Persoon) -> OverlijdenPublic | None:
    if persoon.datum_overlijden is None:
        return None
    plaats = persoon.gemeente_overlijden
    return OverlijdenPublic(
        datum=Datum.of(persoon.datum_overlijden),
        plaats=Waardetabel(code=plaats, omschrijving=gemeentenaam(plaats)) if plaats else None,
        land=NEDERLAND,
    )


def _opschorting(persoon: Persoon) -> OpschortingBijhouding | None:
    if persoon.datum_overlijden is None:
        return None
    return OpschortingBijhouding(
        reden=Waardetabel(code=OPSCHORTING_OVERLIJDEN, omschrijving="overlijden"),
        datum=Datum.of(persoon.datum_overlijden),
    )


def living(personen: Sequence[Persoon]) -> list[Persoon]:
    """The persons BRP does not record as deceased (what a search answers by default)."""
    return [p for p in personen if p.datum_overlijden is None]


def personen_public(
    *, session: Session, personen: Sequence[Persoon], today: date
) -> list[PersoonPublic]:
    """Build the full Haal Centraal `Persoon` of each person (the caller filters `fields`).

    Args:
        session: Database session.
        personen: The persons.
        today: The day `leeftijd` is computed for; custody is shown for minors only.

    Returns:
        One `PersoonPublic` per person, in the same order.
    """
    bsns = {p.burgerservicenummer for p in personen}
    relations = _relations(session, bsns)
    gezag_rows = list(
        session.exec(
            select(Gezagsrelatie).where(
                or_(
                    col(Gezagsrelatie.minderjarige).in_(bsns),
                    col(Gezagsrelatie.ouder).in_(bsns),
                    col(Gezagsrelatie.ander_ouder).in_(bsns),
                )
            )
        )
    )
    related = set(bsns)
    for r in relations.values():
        related.update(r.partners, r.kinderen, r.ouders)
    for g in gezag_rows:
        related.update(b for b in (g.minderjarige, g.ouder, g.ander_ouder) if b)
    known = {
        p.burgerservicenummer: p
        for p in get_personen(session=session, burgerservicenummers=related)
    }
    adressen = bag_crud.hoofdadressen(
        session=session, object_ids={p.adresseerbaar_object_identificatie for p in personen}
    )

    def minor(bsn: str) -> bool:
        person = known.get(bsn)
        return person is None or leeftijd(person.geboortedatum, today) < MEERDERJARIG

    result: list[PersoonPublic] = []
    for persoon in personen:
        bsn = persoon.burgerservicenummer
        rel = relations[bsn]
        adres = adressen.get(persoon.adresseerbaar_object_identificatie)
        gemeente = persoon.gemeente_van_inschrijving
        gezag = sorted(
            (
                g
                for g in gezag_rows
                if bsn in (g.minderjarige, g.ouder, g.ander_ouder) and minor(g.minderjarige)
            ),
            key=lambda g: g.minderjarige,
        )
        result.append(
            PersoonPublic(
                burgerservicenummer=bsn,
                geslacht=Waardetabel(
                    code=persoon.geslacht, omschrijving=GESLACHTEN.get(persoon.geslacht)
                ),
                naam=NaamPublic(
                    voornamen=persoon.voornamen,
                    voorvoegsel=persoon.voorvoegsel,
                    geslachtsnaam=persoon.geslachtsnaam,
                    voorletters=_voorletters(persoon),
                    volledige_naam=_volledige_naam(persoon),
                ),
                geboorte=_geboorte(persoon),
                # The API leaves a deceased person's age out.
                leeftijd=(
                    leeftijd(persoon.geboortedatum, today)
                    if persoon.datum_overlijden is None
                    else None
                ),
                verblijfplaats=_verblijfplaats(persoon, adres),
                adressering=_adressering(adres),
                gemeente_van_inschrijving=Waardetabel(
                    code=gemeente,
                    omschrijving=gemeentenaam(gemeente, adres.woonplaats_naam if adres else None),
                ),
                partners=[
                    PartnerPublic(
                        burgerservicenummer=other,
                        naam=_naam(known.get(other)),
                        geboorte=_geboorte(known.get(other)),
                        soort_verbintenis=(
                            Waardetabel(code=soort, omschrijving=VERBINTENISSEN.get(soort))
                            if soort
                            else None
                        ),
                    )
                    for other, soort in rel.partners.items()
                ],
                kinderen=[
                    KindPublic(
                        burgerservicenummer=other,
                        naam=_naam(known.get(other)),
                        geboorte=_geboorte(known.get(other)),
                    )
                    for other in rel.kinderen
                ],
                ouders=[
                    OuderPublic(
                        burgerservicenummer=other,
                        naam=_naam(known.get(other)),
                        geboorte=_geboorte(known.get(other)),
                        ouder_aanduiding=str(index),
                    )
                    for index, other in enumerate(rel.ouders, start=1)
                ],
                gezag=[_gezag(g, known, today) for g in gezag],
                in_onderzoek=(
                    InOnderzoekPublic(
                        datum_ingang_onderzoek=(
                            Datum.of(persoon.datum_ingang_onderzoek)
                            if persoon.datum_ingang_onderzoek
                            else None
                        )
                    )
                    if persoon.in_onderzoek
                    else None
                ),
                geheimhouding_persoonsgegevens=persoon.geheimhouding_persoonsgegevens,
                overlijden=_overlijden(persoon),
                opschorting_bijhouding=_opschorting(persoon),
            )
        )
    buitenland.show_abroad(session=session, personen=result)
    return result


def verhuis(
    *,
    session: Session,
    burgerservicenummer: str,
    adresseerbaar_object_identificatie: str,
    datum_aanvang_adreshouding: date,
) -> tuple[Persoon, str, Verblijfsobject]:
    """Register a person at a new address; the municipality follows the object's.

    Returns:
        The person after the move, the previous object identifier and the new object.

    Raises:
        ProblemError: 404 when the person is not registered; 422 when the object is unknown.
    """
    persoon = get_persoon(session=session, burgerservicenummer=burgerservicenummer)
    if persoon is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    verblijfsobject = bag_crud.get_verblijfsobject(
        session=session, identificatie=adresseerbaar_object_identificatie
    )
    if verblijfsobject is None:
        raise unprocessable(
            "Het adresseerbaar object bestaat niet in de BAG.", code="adresNietGevonden"
        )
    vorig = persoon.adresseerbaar_object_identificatie
    persoon.adresseerbaar_object_identificatie = verblijfsobject.identificatie
    persoon.datum_aanvang_adreshouding = datum_aanvang_adreshouding
    persoon.gemeente_van_inschrijving = verblijfsobject.gemeentecode
    session.add(persoon)
    session.flush()
    return persoon, vorig, verblijfsobject


def registreer_overlijden(
    *,
    session: Session,
    burgerservicenummer: str,
    datum_overlijden: date,
    gemeente_overlijden: str,
    aktenummer: str,
) -> Persoon:
    """Record a person's death; recording the same death again changes nothing.

    Returns:
        The person as BRP now has them.

    Raises:
        ProblemError: 404 when the person is not registered; 409 when BRP already records
            their death on another day.
    """
    persoon = get_persoon(session=session, burgerservicenummer=burgerservicenummer)
    if persoon is None:
        raise not_found("De persoon is niet ingeschreven in de BRP.")
    if persoon.datum_overlijden is not None:
        if persoon.datum_overlijden != datum_overlijden:
            raise conflict(
                "De BRP heeft al een overlijden van deze persoon op een andere datum.",
                code="alOverleden",
            )
        return persoon
    persoon.datum_overlijden = datum_overlijden
    persoon.gemeente_overlijden = gemeente_overlijden
    persoon.aktenummer_overlijden = aktenummer
    session.add(persoon)
    session.flush()
    return persoon


def upsert_persoon(
    *,
    session: Session,
    persoon: Persoon,
    relaties: Sequence[Relatie],
    gezag: Sequence[Gezagsrelatie],
) -> bool:
    """Create or replace a person with the relations their record declares.

    Relations declared by other records stay. Each custody relation replaces the one of its
    minor.

    Returns:
        True when the person was created, False when replaced.
    """
    bsn = persoon.burgerservicenummer
    created = get_persoon(session=session, burgerservicenummer=bsn) is None
    session.exec(delete(Relatie).where(col(Relatie.burgerservicenummer) == bsn))
    session.merge(persoon)
    for relatie in relaties:
        session.add(relatie)
    for gezagsrelatie in gezag:
        session.merge(gezagsrelatie)
    session.flush()
    return created

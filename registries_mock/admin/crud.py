"""Admin operations: create test addresses and persons across registries, reset the seed."""

import time
from datetime import date

from sqlmodel import Session

from registries_mock import adreskopie
from registries_mock.admin.schemas import AdresCreate, PersoonCreate, ResetPublic
from registries_mock.bag import crud as bag_crud
from registries_mock.bag.models import Adres, Verblijfsobject
from registries_mock.belastingdienst.models import BelastingdienstAdres
from registries_mock.brp import buitenland
from registries_mock.brp import crud as brp_crud
from registries_mock.brp.models import Gezagsrelatie, Persoon, Relatie
from registries_mock.duo import crud as duo_crud
from registries_mock.duo.models import DuoAdres
from registries_mock.gemeente import crud as gemeente_crud
from registries_mock.problems import unprocessable
from registries_mock.rdw import crud as rdw_crud
from registries_mock.rdw.models import RdwAdres
from registries_mock.seed import generate_population, load_population
from registries_mock.tables import ADRES_KOPIE_TABLES
from registries_mock.toeslagen import crud as toeslagen_crud
from registries_mock.toeslagen.models import ToeslagenAdres


def create_adres(*, session: Session, body: AdresCreate) -> bool:
    """Create or replace an addressable object and its address in BAG; commits.

    Returns:
        True when created, False when replaced.
    """
    assert body.gemeentecode is not None
    created = bag_crud.upsert_verblijfsobject(
        session=session,
        verblijfsobject=Verblijfsobject(
            identificatie=body.adresseerbaar_object_identificatie,
            gemeentecode=body.gemeentecode,
            gebruiksdoelen=list(body.gebruiksdoelen),
            oppervlakte=body.oppervlakte,
            status=body.status,
            in_onderzoek=body.in_onderzoek,
        ),
        adres=Adres(
            nummeraanduiding_identificatie=body.nummeraanduiding_identificatie,
            adresseerbaar_object_identificatie=body.adresseerbaar_object_identificatie,
            openbare_ruimte_naam=body.openbare_ruimte_naam,
            korte_naam=body.openbare_ruimte_naam[:24],
            huisnummer=body.huisnummer,
            huisletter=body.huisletter,
            huisnummertoevoeging=body.huisnummertoevoeging,
            postcode=body.postcode,
            woonplaats_naam=body.woonplaats_naam,
        ),
    )
    session.commit()
    return created


def create_persoon(*, session: Session, body: PersoonCreate, today: date) -> bool:
    """Create or replace one person across every registry; commits.

    A replaced person loses what the previous version had in every registry (relations it
    declared, benefits, student finance, vehicles, taxes, permits, address copies); messages
    and the effects ledger stay.

    Returns:
        True when created, False when replaced.

    Raises:
        ProblemError: 422 when the address object is not in BAG.
    """
    bsn = body.burgerservicenummer
    verblijfsobject = bag_crud.get_verblijfsobject(
        session=session, identificatie=body.adresseerbaar_object_identificatie
    )
    if verblijfsobject is None:
        raise unprocessable(
            "Het adresseerbaar object bestaat niet in de BAG.", code="adresNietGevonden"
        )
    since = body.datum_aanvang_adreshouding or today
    created = brp_crud.upsert_persoon(
        session=session,
        persoon=Persoon(
            burgerservicenummer=bsn,
            voornamen=body.naam.voornamen,
            voorvoegsel=body.naam.voorvoegsel,
            geslachtsnaam=body.naam.geslachtsnaam,
            geslacht=body.geslacht,
            geboortedatum=body.geboorte.datum,
            adresseerbaar_object_identificatie=verblijfsobject.identificatie,
            datum_aanvang_adreshouding=since,
            gemeente_van_inschrijving=verblijfsobject.gemeentecode,
            in_onderzoek=body.in_onderzoek,
            datum_ingang_onderzoek=today if body.in_onderzoek else None,
            geheimhouding_persoonsgegevens=body.geheimhouding_persoonsgegevens,
            datum_overlijden=body.overlijden.datum if body.overlijden else None,
            gemeente_overlijden=(
                (body.overlijden.plaats or verblijfsobject.gemeentecode)
                if body.overlijden
                else None
            ),
        ),
        relaties=[
            *(
                Relatie(
                    burgerservicenummer=bsn,
                    soort="partner",
                    gerelateerde=p.burgerservicenummer,
                    soort_verbintenis=p.soort_verbintenis,
                )
                for p in body.partners
            ),
            *(
                Relatie(burgerservicenummer=bsn, soort="kind", gerelateerde=k)
                for k in body.kinderen
            ),
            *(Relatie(burgerservicenummer=bsn, soort="ouder", gerelateerde=o) for o in body.ouders),
        ],
        gezag=[
            Gezagsrelatie(
                minderjarige=g.minderjarige,
                type=g.type,
                ouder=g.holders[0],
                ander_ouder=g.holders[1] if len(g.holders) > 1 else None,
            )
            for g in body.gezag
        ],
    )
    _verblijf_buitenland(session=session, body=body, today=today)
    for table in ADRES_KOPIE_TABLES:
        adreskopie.verwijder_kopie(session=session, table=table, burgerservicenummer=bsn)
    gemeente_crud.verwijder_voor_persoon(session=session, burgerservicenummer=bsn)

    def kopie(table: type[adreskopie.AdresKopieBase]) -> None:
        adreskopie.schrijf_kopie(
            session=session,
            table=table,
            burgerservicenummer=bsn,
            adresseerbaar_object_identificatie=verblijfsobject.identificatie,
            datum_aanvang_adreshouding=since,
            gewijzigd_op=None,
        )

    kopie(BelastingdienstAdres)
    toeslagen_crud.vervang_toeslagen(
        session=session, burgerservicenummer=bsn, soorten=body.toeslagen, ingangsdatum=since
    )
    if body.toeslagen:
        kopie(ToeslagenAdres)
    duo_crud.zet_studiefinanciering(
        session=session, burgerservicenummer=bsn, actief=body.studiefinanciering, ingangsdatum=since
    )
    if body.studiefinanciering:
        kopie(DuoAdres)
    kentekens = rdw_crud.vervang_voertuigen(
        session=session, burgerservicenummer=bsn, aantal=body.voertuigen, datum_tenaamstelling=since
    )
    if kentekens:
        kopie(RdwAdres)
    belastingplichtig = body.belastingplichtig
    if belastingplichtig is None:
        belastingplichtig = (
            brp_crud.leeftijd(body.geboorte.datum, today) >= brp_crud.MEERDERJARIG
            and body.verblijfplaats_buitenland is None
        )
    if belastingplichtig:
        gemeente_crud.start_belasting(
            session=session,
            burgerservicenummer=bsn,
            gemeentecode=verblijfsobject.gemeentecode,
            adresseerbaar_object_identificatie=verblijfsobject.identificatie,
            ingangsdatum=since,
        )
    if body.parkeervergunning:
        gemeente_crud.geef_parkeervergunning(
            session=session,
            burgerservicenummer=bsn,
            gemeentecode=verblijfsobject.gemeentecode,
            adresseerbaar_object_identificatie=verblijfsobject.identificatie,
            kenteken=kentekens[0] if kentekens else None,
            ingangsdatum=since,
        )
    session.commit()
    return created


def _verblijf_buitenland(*, session: Session, body: PersoonCreate, today: date) -> None:
    """Record the person's residence abroad, or clear one a replaced version had."""
    bsn = body.burgerservicenummer
    elders = body.verblijfplaats_buitenland
    existing = buitenland.get_buitenland(session=session, burgerservicenummer=bsn)
    if existing is not None:
        session.delete(existing)
        session.flush()
    if elders is None:
        return
    persoon = brp_crud.get_persoon(session=session, burgerservicenummer=bsn)
    assert persoon is not None
    buitenland.vestig_buitenland(
        session=session,
        persoon=persoon,
        land=elders.land,
        regel1=elders.regel1,
        regel2=elders.regel2,
        regel3=elders.regel3,
        datum_vertrek=elders.datum_van or today,
    )


def reset(*, session: Session) -> ResetPublic:
    """Restore the seeded population in every registry and empty the effects ledger."""
    started = time.perf_counter()
    population = generate_population()
    load_population(session, population)
    return ResetPublic(
        personen=len(population.rows["brp_persoon"]),
        adressen=len(population.rows["bag_adres"]),
        duration_ms=round((time.perf_counter() - started) * 1000),
    )

"""ZGW queries, writers and the resources' wire form. Writers flush; the caller commits.

The wire form follows Open Zaak: every resource has its `url` and `uuid`, and refers to others
by URL. URLs are built from the base URL of the request (`base`), so the mock answers on
whatever host it is reached.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from burgerflow.core.bsn import is_valid_bsn
from burgerflow.registry.schemas.zgw import (
    DUPLICATE_IDENTIFICATIE,
    RESULTAAT_MISSING,
    ResultaatCreate,
    StatusCreate,
    ZaakCreate,
)
from registries_mock.zgw.models import (
    ZgwCatalogus,
    ZgwResultaat,
    ZgwResultaatType,
    ZgwStatus,
    ZgwStatusType,
    ZgwZaak,
    ZgwZaakType,
)
from registries_mock.zgw.problems import ZgwProblem, invalid

SELECTIELIJST = "https://selectielijst.openzaak.nl/api/v1"
"""The VNG selectielijst a resultaattype refers to (the mock's references are made up)."""
OPEN_END = "9999-12-31"
"""`eindeObject` of a catalogue object without an end (the specification does not allow
null there)."""
ZAKEN = "/zaken/api/v1"
CATALOGI = "/catalogi/api/v1"


def _url(base: str, api: str, resource: str, uuid: str) -> str:
    return f"{base}{api}/{resource}/{uuid}"


def uuid_of(base: str, api: str, resource: str, url: str) -> str | None:
    """The uuid in a URL of this server's `resource`, or None for any other URL."""
    prefix = f"{base}{api}/{resource}/"
    if not url.startswith(prefix):
        return None
    rest = url.removeprefix(prefix).strip("/")
    return rest or None


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


# Catalogi


def catalogus_public(base: str, row: ZgwCatalogus, *, session: Session) -> dict[str, Any]:
    """A catalogus as the Catalogi API answers it."""
    zaaktypen = session.exec(
        select(ZgwZaakType.uuid).where(ZgwZaakType.catalogus_uuid == row.uuid)
    ).all()
    return {
        "url": _url(base, CATALOGI, "catalogussen", row.uuid),
        "domein": row.domein,
        "rsin": row.rsin,
        "contactpersoonBeheerNaam": row.contactpersoon_beheer_naam,
        "contactpersoonBeheerTelefoonnummer": "",
        "contactpersoonBeheerEmailadres": "beheer@gemeente.example",
        "zaaktypen": [_url(base, CATALOGI, "zaaktypen", u) for u in sorted(zaaktypen)],
        "besluittypen": [],
        "informatieobjecttypen": [],
        "naam": row.naam,
        "versie": "",
        "begindatumVersie": None,
    }


def zaaktype_public(base: str, row: ZgwZaakType, *, session: Session) -> dict[str, Any]:
    """A zaaktype as the Catalogi API answers it."""
    statustypen = session.exec(
        select(ZgwStatusType)
        .where(ZgwStatusType.zaaktype_uuid == row.uuid)
        .order_by(col(ZgwStatusType.volgnummer))
    ).all()
    resultaattypen = session.exec(
        select(ZgwResultaatType.uuid).where(ZgwResultaatType.zaaktype_uuid == row.uuid)
    ).all()
    return {
        "url": _url(base, CATALOGI, "zaaktypen", row.uuid),
        "identificatie": row.identificatie,
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": "",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "doel": row.doel,
        "aanleiding": row.aanleiding,
        "toelichting": "",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": row.handeling_initiator,
        "onderwerp": row.onderwerp,
        "handelingBehandelaar": row.handeling_behandelaar,
        "doorlooptijd": row.doorlooptijd,
        "servicenorm": None,
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "verlengingstermijn": None,
        "trefwoorden": [],
        "publicatieIndicatie": False,
        "publicatietekst": "",
        "verantwoordingsrelatie": [],
        "productenOfDiensten": [],
        "referentieproces": {"naam": row.omschrijving},
        "concept": False,
        "verantwoordelijke": "Burgerzaken",
        "beginGeldigheid": _date(row.begin_geldigheid),
        "eindeGeldigheid": None,
        "versiedatum": _date(row.begin_geldigheid),
        "beginObject": _date(row.begin_geldigheid),
        "eindeObject": OPEN_END,
        "catalogus": _url(base, CATALOGI, "catalogussen", row.catalogus_uuid),
        "statustypen": [_url(base, CATALOGI, "statustypen", s.uuid) for s in statustypen],
        "resultaattypen": [
            _url(base, CATALOGI, "resultaattypen", u) for u in sorted(resultaattypen)
        ],
        "eigenschappen": [],
        "informatieobjecttypen": [],
        "roltypen": [],
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "zaakobjecttypen": [],
    }


def _zaaktype_context(session: Session, zaaktype_uuid: str) -> tuple[ZgwZaakType, int]:
    zaaktype = session.get(ZgwZaakType, zaaktype_uuid)
    assert zaaktype is not None
    highest = session.exec(
        select(func.max(ZgwStatusType.volgnummer)).where(
            ZgwStatusType.zaaktype_uuid == zaaktype_uuid
        )
    ).one()
    return zaaktype, int(highest or 0)


def statustype_public(base: str, row: ZgwStatusType, *, session: Session) -> dict[str, Any]:
    """A statustype as the Catalogi API answers it."""
    zaaktype, highest = _zaaktype_context(session, row.zaaktype_uuid)
    return {
        "url": _url(base, CATALOGI, "statustypen", row.uuid),
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        "statustekst": "",
        "zaaktype": _url(base, CATALOGI, "zaaktypen", row.zaaktype_uuid),
        "zaaktypeIdentificatie": zaaktype.identificatie,
        "volgnummer": row.volgnummer,
        "isEindstatus": row.volgnummer == highest,
        "informeren": False,
        "doorlooptijd": None,
        "toelichting": None,
        "checklistitemStatustype": [],
        "catalogus": _url(base, CATALOGI, "catalogussen", zaaktype.catalogus_uuid),
        "eigenschappen": [],
        "zaakobjecttypen": [],
        "beginGeldigheid": None,
        "eindeGeldigheid": None,
        "beginObject": _date(zaaktype.begin_geldigheid),
        "eindeObject": OPEN_END,
    }


def resultaattype_public(base: str, row: ZgwResultaatType, *, session: Session) -> dict[str, Any]:
    """A resultaattype as the Catalogi API answers it."""
    zaaktype, _ = _zaaktype_context(session, row.zaaktype_uuid)
    return {
        "url": _url(base, CATALOGI, "resultaattypen", row.uuid),
        "zaaktype": _url(base, CATALOGI, "zaaktypen", row.zaaktype_uuid),
        "zaaktypeIdentificatie": zaaktype.identificatie,
        "omschrijving": row.omschrijving,
        "resultaattypeomschrijving": f"{SELECTIELIJST}/resultaattypeomschrijvingen/{row.uuid}",
        "omschrijvingGeneriek": row.omschrijving,
        "selectielijstklasse": f"{SELECTIELIJST}/resultaten/{row.uuid}",
        "toelichting": row.toelichting,
        "archiefnominatie": "blijvend_bewaren",
        "archiefactietermijn": None,
        "brondatumArchiefprocedure": None,
        "procesobjectaard": "",
        "indicatieSpecifiek": None,
        "procestermijn": None,
        "catalogus": _url(base, CATALOGI, "catalogussen", zaaktype.catalogus_uuid),
        "besluittypen": [],
        "besluittypeOmschrijving": [],
        "informatieobjecttypen": [],
        "informatieobjecttypeOmschrijving": [],
        "beginGeldigheid": None,
        "eindeGeldigheid": None,
        "beginObject": _date(zaaktype.begin_geldigheid),
        "eindeObject": OPEN_END,
    }


# Zaken


def zaak_public(base: str, row: ZgwZaak) -> dict[str, Any]:
    """A zaak as the Zaken API answers it."""
    return {
        "url": _url(base, ZAKEN, "zaken", row.uuid),
        "uuid": row.uuid,
        "identificatie": row.identificatie,
        "bronorganisatie": row.bronorganisatie,
        "omschrijving": row.omschrijving,
        "toelichting": row.toelichting,
        "zaaktype": _url(base, CATALOGI, "zaaktypen", row.zaaktype_uuid),
        "registratiedatum": _date(row.registratiedatum),
        "verantwoordelijkeOrganisatie": row.verantwoordelijke_organisatie,
        "startdatum": _date(row.startdatum),
        "einddatum": _date(row.einddatum),
        "einddatumGepland": None,
        "uiterlijkeEinddatumAfdoening": None,
        "publicatiedatum": None,
        "laatstGemuteerd": _datetime(row.laatst_gemuteerd),
        "laatstGeopend": None,
        "communicatiekanaalNaam": "",
        "productenOfDiensten": [],
        "vertrouwelijkheidaanduiding": row.vertrouwelijkheidaanduiding,
        "betalingsindicatie": "",
        "betalingsindicatieWeergave": "",
        "laatsteBetaaldatum": None,
        "zaakgeometrie": None,
        "verlenging": None,
        "opschorting": None,
        "hoofdzaak": None,
        "deelzaken": [],
        "relevanteAndereZaken": [],
        "gerelateerdeZaken": [],
        "eigenschappen": [],
        "rollen": [],
        "status": _url(base, ZAKEN, "statussen", row.status_uuid) if row.status_uuid else None,
        "zaakinformatieobjecten": [],
        "zaakobjecten": [],
        "kenmerken": [],
        "archiefnominatie": None,
        "archiefstatus": "nog_te_archiveren",
        "archiefactiedatum": None,
        "resultaat": (
            _url(base, ZAKEN, "resultaten", row.resultaat_uuid) if row.resultaat_uuid else None
        ),
        "processobjectaard": "",
        "startdatumBewaartermijn": None,
        "processobject": None,
    }


def status_public(base: str, row: ZgwStatus, *, zaak: ZgwZaak) -> dict[str, Any]:
    """A status as the Zaken API answers it."""
    return {
        "url": _url(base, ZAKEN, "statussen", row.uuid),
        "uuid": row.uuid,
        "zaak": _url(base, ZAKEN, "zaken", row.zaak_uuid),
        "statustype": _url(base, CATALOGI, "statustypen", row.statustype_uuid),
        "datumStatusGezet": _datetime(row.datum_status_gezet),
        "statustoelichting": row.statustoelichting,
        "indicatieLaatstGezetteStatus": zaak.status_uuid == row.uuid,
        "gezetdoor": None,
        "zaakinformatieobjecten": [],
    }


def resultaat_public(base: str, row: ZgwResultaat) -> dict[str, Any]:
    """A resultaat as the Zaken API answers it."""
    return {
        "url": _url(base, ZAKEN, "resultaten", row.uuid),
        "uuid": row.uuid,
        "zaak": _url(base, ZAKEN, "zaken", row.zaak_uuid),
        "resultaattype": _url(base, CATALOGI, "resultaattypen", row.resultaattype_uuid),
        "toelichting": row.toelichting,
    }


def _rsin_checked(name: str, value: str) -> None:
    if not is_valid_bsn(value):
        raise invalid(name, "invalid", "Onjuist RSIN nummer.")


def create_zaak(*, session: Session, base: str, body: ZaakCreate, new_uuid: str) -> ZgwZaak:
    """Create a zaak; 400 `identificatie-niet-uniek` when the bronorganisatie has it already.

    Raises:
        ZgwProblem: 400 for a bad RSIN, an unknown zaaktype or a duplicate identificatie.
    """
    _rsin_checked("bronorganisatie", body.bronorganisatie)
    _rsin_checked("verantwoordelijkeOrganisatie", body.verantwoordelijke_organisatie)
    zaaktype_uuid = uuid_of(base, CATALOGI, "zaaktypen", body.zaaktype)
    if zaaktype_uuid is None or session.get(ZgwZaakType, zaaktype_uuid) is None:
        raise invalid(
            "zaaktype", "bad-url", "De URL is ongeldig of verwijst niet naar een zaaktype."
        )
    if find_zaken(
        session=session, identificatie=body.identificatie, bronorganisatie=body.bronorganisatie
    ):
        raise invalid(
            "identificatie",
            DUPLICATE_IDENTIFICATIE,
            "Deze identificatie bestaat al binnen de bronorganisatie.",
        )
    now = datetime.now(UTC)
    zaak = ZgwZaak(
        uuid=new_uuid,
        identificatie=body.identificatie,
        bronorganisatie=body.bronorganisatie,
        verantwoordelijke_organisatie=body.verantwoordelijke_organisatie,
        zaaktype_uuid=zaaktype_uuid,
        omschrijving=body.omschrijving,
        toelichting=body.toelichting,
        registratiedatum=body.registratiedatum or now.date(),
        startdatum=body.startdatum,
        vertrouwelijkheidaanduiding=body.vertrouwelijkheidaanduiding or "zaakvertrouwelijk",
        laatst_gemuteerd=now,
    )
    session.add(zaak)
    try:
        session.flush()
    except IntegrityError as e:
        raise invalid(
            "identificatie",
            DUPLICATE_IDENTIFICATIE,
            "Deze identificatie bestaat al binnen de bronorganisatie.",
        ) from e
    return zaak


def find_zaken(
    *, session: Session, identificatie: str | None = None, bronorganisatie: str | None = None
) -> list[ZgwZaak]:
    """Zaken by identificatie and bronorganisatie, oldest first."""
    query = select(ZgwZaak)
    if identificatie is not None:
        query = query.where(ZgwZaak.identificatie == identificatie)
    if bronorganisatie is not None:
        query = query.where(ZgwZaak.bronorganisatie == bronorganisatie)
    return list(session.exec(query.order_by(col(ZgwZaak.registratiedatum), col(ZgwZaak.uuid))))


def _zaak_of(session: Session, base: str, url: str) -> ZgwZaak:
    zaak_uuid = uuid_of(base, ZAKEN, "zaken", url)
    zaak = session.get(ZgwZaak, zaak_uuid) if zaak_uuid else None
    if zaak is None:
        raise invalid("zaak", "bad-url", "De URL is ongeldig of verwijst niet naar een zaak.")
    return zaak


def statussen_of(*, session: Session, zaak_uuid: str) -> list[ZgwStatus]:
    """A zaak's statussen in the order they were set."""
    return list(
        session.exec(
            select(ZgwStatus)
            .where(ZgwStatus.zaak_uuid == zaak_uuid)
            .order_by(col(ZgwStatus.datum_status_gezet), col(ZgwStatus.rang))
        )
    )


def create_status(
    *, session: Session, base: str, body: StatusCreate, new_uuid: str
) -> tuple[ZgwStatus, ZgwZaak]:
    """Set a status; the eindstatus needs a resultaat and closes the zaak (`einddatum`).

    Raises:
        ZgwProblem: 400 for an unknown zaak or statustype, a statustype of another zaaktype,
            or an eindstatus on a zaak without resultaat.
    """
    zaak = _zaak_of(session, base, body.zaak)
    statustype_uuid = uuid_of(base, CATALOGI, "statustypen", body.statustype)
    statustype = session.get(ZgwStatusType, statustype_uuid) if statustype_uuid else None
    if statustype is None:
        raise invalid(
            "statustype", "bad-url", "De URL is ongeldig of verwijst niet naar een statustype."
        )
    if statustype.zaaktype_uuid != zaak.zaaktype_uuid:
        raise invalid(
            "nonFieldErrors",
            "zaaktype-mismatch",
            "De referentie hoort niet bij het zaaktype van de zaak.",
        )
    _, highest = _zaaktype_context(session, zaak.zaaktype_uuid)
    eindstatus = statustype.volgnummer == highest
    if eindstatus and zaak.resultaat_uuid is None:
        raise invalid(
            "nonFieldErrors",
            RESULTAAT_MISSING,
            "De zaak heeft geen resultaat; zet eerst een resultaat voordat de zaak wordt "
            "afgesloten.",
        )
    rang = session.exec(
        select(func.count()).select_from(ZgwStatus).where(ZgwStatus.zaak_uuid == zaak.uuid)
    ).one()
    status = ZgwStatus(
        uuid=new_uuid,
        zaak_uuid=zaak.uuid,
        statustype_uuid=statustype.uuid,
        datum_status_gezet=body.datum_status_gezet.astimezone(UTC),
        statustoelichting=body.statustoelichting,
        rang=int(rang),
    )
    session.add(status)
    session.flush()
    latest = statussen_of(session=session, zaak_uuid=zaak.uuid)[-1]
    zaak.status_uuid = latest.uuid
    if eindstatus:
        zaak.einddatum = status.datum_status_gezet.date()
    zaak.laatst_gemuteerd = datetime.now(UTC)
    session.add(zaak)
    session.flush()
    return status, zaak


def resultaten_of(*, session: Session, zaak_uuid: str) -> list[ZgwResultaat]:
    """A zaak's resultaat (none or one)."""
    return list(session.exec(select(ZgwResultaat).where(ZgwResultaat.zaak_uuid == zaak_uuid)))


def create_resultaat(
    *, session: Session, base: str, body: ResultaatCreate, new_uuid: str
) -> ZgwResultaat:
    """Give a zaak its resultaat (one per zaak).

    Raises:
        ZgwProblem: 400 for an unknown zaak or resultaattype, one of another zaaktype, or a
            zaak that has a resultaat already (`unique`).
    """
    zaak = _zaak_of(session, base, body.zaak)
    type_uuid = uuid_of(base, CATALOGI, "resultaattypen", body.resultaattype)
    resultaattype = session.get(ZgwResultaatType, type_uuid) if type_uuid else None
    if resultaattype is None:
        raise invalid(
            "resultaattype",
            "bad-url",
            "De URL is ongeldig of verwijst niet naar een resultaattype.",
        )
    if resultaattype.zaaktype_uuid != zaak.zaaktype_uuid:
        raise invalid(
            "nonFieldErrors",
            "zaaktype-mismatch",
            "De referentie hoort niet bij het zaaktype van de zaak.",
        )
    if zaak.resultaat_uuid is not None:
        raise invalid("zaak", "unique", "Resultaat met deze Zaak bestaat al.")
    resultaat = ZgwResultaat(
        uuid=new_uuid,
        zaak_uuid=zaak.uuid,
        resultaattype_uuid=resultaattype.uuid,
        toelichting=body.toelichting,
    )
    session.add(resultaat)
    zaak.resultaat_uuid = new_uuid
    zaak.laatst_gemuteerd = datetime.now(UTC)
    session.add(zaak)
    session.flush()
    return resultaat


def not_found() -> ZgwProblem:
    """A 404 as Open Zaak answers it."""
    return ZgwProblem(404, "not_found", "Niet gevonden.")

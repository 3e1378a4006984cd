"""BAG routes under `/lvbag/individuelebevragingen/v2`: addresses and addressable objects."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.bag import (
    AdresLinks,
    AdresPublic,
    AdresseerbaarObjectPublic,
    AdressenEmbedded,
    AdressenPublic,
    HalLink,
    SelfLinks,
    VerblijfsobjectHal,
    VerblijfsobjectLinks,
    VerblijfsobjectPublic,
)
from burgerflow.registry.schemas.common import InvalidParam
from registries_mock.bag import crud, registratie
from registries_mock.bag.models import Adres, Verblijfsobject
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate
from registries_mock.problems import ProblemError, bad_request, flavour, not_found

PREFIX = "/lvbag/individuelebevragingen/v2"
router = APIRouter(prefix=PREFIX, tags=["bag"])
gate = FaultGate(Registry.BAG)

_ID_PATTERN = r"^[0-9]{16}$"
_POSTCODE_PATTERN = r"^[1-9][0-9]{3}[a-zA-Z]{2}$"
"""BAG takes the letters of a postcode in either case (and answers them in upper case)."""


def _url(request: Request, path: str) -> str:
    return f"{str(request.base_url).rstrip('/')}{PREFIX}{path}"


def adresregel5(adres: Adres) -> str:
    """The street line of an address: `Teststraat 1 A-2` style."""
    number = str(adres.huisnummer)
    if adres.huisletter:
        number += f" {adres.huisletter}"
    if adres.huisnummertoevoeging:
        number += f"-{adres.huisnummertoevoeging}"
    return f"{adres.openbare_ruimte_naam} {number}"


def adresregel6(adres: Adres) -> str:
    """The postcode-and-place line of an address: `1011 AA  AMSTERDAM`."""
    return f"{adres.postcode[:4]} {adres.postcode[4:]}  {adres.woonplaats_naam.upper()}"


def adres_public(request: Request, adres: Adres) -> AdresPublic:
    """The wire form of an address."""
    gemeentecode = adres.nummeraanduiding_identificatie[:4]
    openbare_ruimte = registratie.openbare_ruimte_identificatie(
        gemeentecode, adres.openbare_ruimte_naam
    )
    woonplaats = registratie.woonplaats_identificatie(adres.woonplaats_naam)
    return AdresPublic(
        openbare_ruimte_naam=adres.openbare_ruimte_naam,
        korte_naam=adres.korte_naam,
        kort_naam=adres.korte_naam,
        openbare_ruimte_identificatie=openbare_ruimte,
        woonplaats_identificatie=woonplaats,
        huisnummer=adres.huisnummer,
        huisletter=adres.huisletter,
        huisnummertoevoeging=adres.huisnummertoevoeging,
        postcode=adres.postcode,
        woonplaats_naam=adres.woonplaats_naam,
        nummeraanduiding_identificatie=adres.nummeraanduiding_identificatie,
        adresseerbaar_object_identificatie=adres.adresseerbaar_object_identificatie,
        adresregel5=adresregel5(adres),
        adresregel6=adresregel6(adres),
        links=AdresLinks(
            self=HalLink(href=_url(request, f"/adressen/{adres.nummeraanduiding_identificatie}")),
            adresseerbaar_object=HalLink(
                href=_url(
                    request, f"/adresseerbareobjecten/{adres.adresseerbaar_object_identificatie}"
                )
            ),
            openbare_ruimte=HalLink(href=_url(request, f"/openbareruimten/{openbare_ruimte}")),
            nummeraanduiding=HalLink(
                href=_url(request, f"/nummeraanduidingen/{adres.nummeraanduiding_identificatie}")
            ),
            woonplaats=HalLink(href=_url(request, f"/woonplaatsen/{woonplaats}")),
        ),
    )


def verblijfsobject_public(
    request: Request, verblijfsobject: Verblijfsobject, adres: Adres | None
) -> AdresseerbaarObjectPublic:
    """The wire form of an addressable object."""
    hoofdadres = adres.nummeraanduiding_identificatie if adres else None
    identificatie = verblijfsobject.identificatie
    pand = registratie.pand_identificatie(identificatie)
    return AdresseerbaarObjectPublic(
        verblijfsobject=VerblijfsobjectHal(
            verblijfsobject=VerblijfsobjectPublic(
                identificatie=identificatie,
                type="Verblijfsobject",
                gebruiksdoelen=list(verblijfsobject.gebruiksdoelen),
                oppervlakte=verblijfsobject.oppervlakte,
                status=verblijfsobject.status,
                heeft_als_hoofd_adres=hoofdadres,
                in_onderzoek=verblijfsobject.in_onderzoek,
                documentdatum=registratie.DOCUMENTDATUM,
                documentnummer=registratie.documentnummer(identificatie),
                geometrie=registratie.geometrie(identificatie, verblijfsobject.gemeentecode),
                voorkomen=registratie.voorkomen(),
                maakt_deel_uit_van=[pand],
            ),
            links=VerblijfsobjectLinks(
                self=HalLink(href=_url(request, f"/adresseerbareobjecten/{identificatie}")),
                heeft_als_hoofd_adres=(
                    HalLink(href=_url(request, f"/adressen/{hoofdadres}")) if hoofdadres else None
                ),
                maakt_deel_uit_van=[HalLink(href=_url(request, f"/panden/{pand}"))],
            ),
        )
    )


def _hal(model: AdressenPublic | AdresPublic | AdresseerbaarObjectPublic) -> JSONResponse:
    return JSONResponse(
        model.model_dump(mode="json", by_alias=True, exclude_none=True),
        media_type="application/hal+json",
        headers=dict(flavour(PREFIX + "/").headers),
    )


@router.get(
    "/adressen",
    response_model=AdressenPublic,
    dependencies=[Depends(gate.lookup)],
    summary="Zoek adressen met postcode en huisnummer, of straat, huisnummer en woonplaats",
)
def zoek_adressen(
    request: Request,
    session: SessionDep,
    huisnummer: Annotated[int, Query(ge=1, le=99999)],
    postcode: Annotated[str | None, Query(pattern=_POSTCODE_PATTERN)] = None,
    huisletter: Annotated[str | None, Query(pattern=r"^[a-zA-Z]$")] = None,
    huisnummertoevoeging: Annotated[str | None, Query(pattern=r"^[0-9a-zA-Z]{1,4}$")] = None,
    exacte_match: Annotated[bool, Query(alias="exacteMatch")] = False,
    openbare_ruimte_naam: Annotated[
        str | None, Query(alias="openbareRuimteNaam", min_length=1, max_length=80)
    ] = None,
    woonplaats_naam: Annotated[
        str | None, Query(alias="woonplaatsNaam", min_length=1, max_length=80)
    ] = None,
) -> JSONResponse:
    """Addresses with this postcode and number, or this street, number and place (HAL; an
    empty list when none match). Street and place compare case-insensitively."""
    if postcode is not None:
        adressen = crud.zoek_adressen(
            session=session,
            postcode=postcode.upper(),
            huisnummer=huisnummer,
            huisletter=huisletter,
            huisnummertoevoeging=huisnummertoevoeging,
            exacte_match=exacte_match,
        )
    elif openbare_ruimte_naam is not None and woonplaats_naam is not None:
        adressen = crud.zoek_adressen_op_straat(
            session=session,
            openbare_ruimte_naam=openbare_ruimte_naam,
            woonplaats_naam=woonplaats_naam,
            huisnummer=huisnummer,
            huisletter=huisletter,
            huisnummertoevoeging=huisnummertoevoeging,
            exacte_match=exacte_match,
        )
    else:
        raise params_required()
    return _hal(
        AdressenPublic(
            embedded=AdressenEmbedded(adressen=[adres_public(request, a) for a in adressen]),
            links=SelfLinks(self=HalLink(href=str(request.url))),
        )
    )


def params_required() -> ProblemError:
    """The 400 of a search without postcode, or without street and place, beside the number."""
    return bad_request(
        [
            InvalidParam(
                name=name,
                code="paramsRequired",
                reason="Geef postcode, of openbareRuimteNaam en woonplaatsNaam, met huisnummer.",
            )
            for name in ("postcode", "openbareRuimteNaam", "woonplaatsNaam")
        ]
    )


@router.get(
    "/adressen/{nummeraanduidingIdentificatie}",
    response_model=AdresPublic,
    dependencies=[Depends(gate.lookup)],
    summary="Raadpleeg een adres",
)
def raadpleeg_adres(
    request: Request,
    session: SessionDep,
    nummeraanduiding_identificatie: Annotated[
        str, Path(alias="nummeraanduidingIdentificatie", pattern=_ID_PATTERN)
    ],
) -> JSONResponse:
    """One address by its nummeraanduiding; 404 when unknown."""
    adres = crud.get_adres(
        session=session, nummeraanduiding_identificatie=nummeraanduiding_identificatie
    )
    if adres is None:
        raise not_found("Het adres is niet gevonden.")
    return _hal(adres_public(request, adres))


@router.get(
    "/adresseerbareobjecten/{adresseerbaarObjectIdentificatie}",
    response_model=AdresseerbaarObjectPublic,
    dependencies=[Depends(gate.lookup)],
    summary="Raadpleeg een adresseerbaar object",
)
def raadpleeg_adresseerbaar_object(
    request: Request,
    session: SessionDep,
    identificatie: Annotated[
        str, Path(alias="adresseerbaarObjectIdentificatie", pattern=_ID_PATTERN)
    ],
) -> JSONResponse:
    """One addressable object; 404 when unknown."""
    verblijfsobject = crud.get_verblijfsobject(session=session, identificatie=identificatie)
    if verblijfsobject is None:
        raise not_found("Het adresseerbaar object is niet gevonden.")
    adres = crud.hoofdadres(session=session, object_id=identificatie)
    return _hal(verblijfsobject_public(request, verblijfsobject, adres))

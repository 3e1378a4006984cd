"""BRP routes: `POST /haalcentraal/api/brp/personen`, `.../adreswijzigingen`, `.../emigraties`."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from fastapi.responses import JSONResponse

from burgerflow.core.constants import Registry
from burgerflow.registry.schemas.brp import (
    AUTOMATIC_FIELDS,
    PERSOON_FIELDS,
    BrpAdreswijzigingPublic,
    BrpEmigratiePublic,
    BrpOverlijdenPublic,
    EmigratieCreate,
    OverlijdenCreate,
    PersonenPublic,
    PersonenQuery,
    RaadpleegMetBurgerservicenummer,
)
from burgerflow.registry.schemas.common import (
    AdreswijzigingCreate,
    InvalidParam,
    Operation,
    Waardetabel,
)
from registries_mock.bag import crud as bag_crud
from registries_mock.brp import buitenland, crud
from registries_mock.db import SessionDep
from registries_mock.mutations import FaultGate, Mutation
from registries_mock.problems import bad_request

router = APIRouter(prefix="/haalcentraal/api/brp", tags=["brp"])
gate = FaultGate(Registry.BRP)
MutationDep = Annotated[Mutation, Depends(gate.mutation)]


def _selected_fields(fields: list[str]) -> set[str]:
    """The top-level properties to answer; an unknown or automatically delivered one is a 400."""

    def reason(field: str) -> str | None:
        top = field.split(".", 1)[0]
        if top in AUTOMATIC_FIELDS:
            return "Parameter bevat een niet toegestane veldnaam."
        if top not in PERSOON_FIELDS:
            return "Parameter bevat een niet bestaande veldnaam."
        return None

    invalid = [
        InvalidParam(name=f"fields.{i}", code="fields", reason=why)
        for i, field in enumerate(fields)
        if (why := reason(field)) is not None
    ]
    if invalid:
        raise bad_request(invalid)
    # What the API delivers unasked: the BSN, and inOnderzoek, geheimhouding and opschorting.
    return (
        {field.split(".", 1)[0] for field in fields}
        | {"burgerservicenummer"}
        | set(AUTOMATIC_FIELDS)
    )


def _filtered(persoon: dict[str, Any], selected: set[str]) -> dict[str, Any]:
    """The selected properties; one delivered unasked only when it says something."""
    return {
        k: v
        for k, v in persoon.items()
        if k in selected and v != [] and (v or k not in AUTOMATIC_FIELDS)
    }


@router.post(
    "/personen",
    response_model=PersonenPublic,
    dependencies=[Depends(gate.lookup)],
    summary="Raadpleeg of zoek personen",
)
def personen(query: Annotated[PersonenQuery, Body()], session: SessionDep) -> JSONResponse:
    """Persons by BSN (up to 20) or the residents of an addressable object.

    `fields` selects the top-level properties returned. Unknown BSNs are absent from
    `personen`. A search leaves deceased persons out unless `inclusiefOverledenPersonen` is
    true; a look-up by BSN answers them, with `overlijden` and `opschortingBijhouding`.
    """
    selected = _selected_fields(query.fields)
    if isinstance(query, RaadpleegMetBurgerservicenummer):
        found = crud.get_personen(session=session, burgerservicenummers=query.burgerservicenummer)
    else:
        found = list(
            crud.get_bewoners(
                session=session,
                adresseerbaar_object_identificatie=query.adresseerbaar_object_identificatie,
            )
        )
        if not query.inclusief_overleden_personen:
            found = crud.living(found)
    if query.gemeente_van_inschrijving is not None:
        found = [p for p in found if p.gemeente_van_inschrijving == query.gemeente_van_inschrijving]
    public = crud.personen_public(session=session, personen=found, today=date.today())
    return JSONResponse(
        {
            "type": query.type,
            "personen": [
                _filtered(p.model_dump(mode="json", by_alias=True, exclude_none=True), selected)
                for p in public
            ],
        }
    )


@router.post(
    "/adreswijzigingen",
    status_code=201,
    response_model=BrpAdreswijzigingPublic,
    summary="Registreer een adreswijziging (verhuizing)",
)
def adreswijziging(
    body: AdreswijzigingCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """Move a person to another addressable object; their municipality follows the object.

    Requires `Idempotency-Key`. 404 when the person is not registered, 422 when the object
    does not exist.
    """

    def apply() -> BrpAdreswijzigingPublic:
        persoon, vorig, verblijfsobject = crud.verhuis(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            adresseerbaar_object_identificatie=body.adresseerbaar_object_identificatie,
            datum_aanvang_adreshouding=body.datum_aanvang_adreshouding,
        )
        adres = bag_crud.hoofdadres(session=session, object_id=verblijfsobject.identificatie)
        return BrpAdreswijzigingPublic(
            id=str(uuid.uuid4()),
            burgerservicenummer=persoon.burgerservicenummer,
            adresseerbaar_object_identificatie=verblijfsobject.identificatie,
            vorig_adresseerbaar_object_identificatie=vorig,
            datum_aanvang_adreshouding=body.datum_aanvang_adreshouding,
            gemeente_van_inschrijving=Waardetabel(
                code=verblijfsobject.gemeentecode,
                omschrijving=crud.gemeentenaam(
                    verblijfsobject.gemeentecode, adres.woonplaats_naam if adres else None
                ),
            ),
            ontvangen_op=datetime.now(UTC),
        )

    return mutation.execute(
        operation=Operation.ADRESWIJZIGING,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )


@router.post(
    "/emigraties",
    status_code=201,
    response_model=BrpEmigratiePublic,
    summary="Registreer een emigratie (vertrek naar het buitenland)",
)
def emigratie(body: EmigratieCreate, mutation: MutationDep, session: SessionDep) -> JSONResponse:
    """Deregister a person who leaves the country: they live abroad from `datumVertrek`.

    Their record then shows a `VerblijfplaatsBuitenland`, an `opschortingBijhouding` with
    reden `E` and the RNI (`1999`) as municipality. Requires `Idempotency-Key`. 404 when the
    person is not registered, 422 when they live abroad already.
    """

    def apply() -> BrpEmigratiePublic:
        vorige = crud.get_persoon(session=session, burgerservicenummer=body.burgerservicenummer)
        gemeente = vorige.gemeente_van_inschrijving if vorige else ""
        persoon, row = buitenland.emigreer(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            land=body.land,
            regel1=body.regel1,
            regel2=body.regel2,
            regel3=body.regel3,
            datum_vertrek=body.datum_vertrek,
        )
        return BrpEmigratiePublic(
            id=str(uuid.uuid4()),
            burgerservicenummer=persoon.burgerservicenummer,
            land=buitenland.land(row.land),
            datum_vertrek=row.datum_vertrek,
            vorige_gemeente_van_inschrijving=Waardetabel(
                code=row.vorige_gemeente or gemeente,
                omschrijving=crud.gemeentenaam(row.vorige_gemeente or gemeente),
            ),
            vorig_adresseerbaar_object_identificatie=persoon.adresseerbaar_object_identificatie,
            ontvangen_op=datetime.now(UTC),
        )

    return mutation.execute(
        operation=Operation.EMIGRATIE,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )


@router.post(
    "/overlijdensregistraties",
    status_code=201,
    response_model=BrpOverlijdenPublic,
    summary="Registreer een overlijden",
)
def overlijdensregistratie(
    body: OverlijdenCreate, mutation: MutationDep, session: SessionDep
) -> JSONResponse:
    """Record a person's death from the deed: `overlijden`, and `opschortingBijhouding` `O`.

    Requires `Idempotency-Key`. Recording the same death again answers the record as it is;
    404 when the person is not registered, 409 when BRP has their death on another day.
    """

    def apply() -> BrpOverlijdenPublic:
        persoon = crud.registreer_overlijden(
            session=session,
            burgerservicenummer=body.burgerservicenummer,
            datum_overlijden=body.datum_overlijden,
            gemeente_overlijden=body.gemeente_overlijden,
            aktenummer=body.aktenummer,
        )
        [public] = crud.personen_public(session=session, personen=[persoon], today=date.today())
        assert public.overlijden is not None and public.opschorting_bijhouding is not None
        return BrpOverlijdenPublic(
            id=str(uuid.uuid4()),
            burgerservicenummer=persoon.burgerservicenummer,
            overlijden=public.overlijden,
            opschorting_bijhouding=public.opschorting_bijhouding,
            aktenummer=persoon.aktenummer_overlijden or body.aktenummer,
            ontvangen_op=datetime.now(UTC),
        )

    return mutation.execute(
        operation=Operation.OVERLIJDEN,
        subject=body.burgerservicenummer,
        body=body,
        effect=apply,
    )

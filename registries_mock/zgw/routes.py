"""ZGW routes: `/zaken/api/v1` (zaken, statussen, resultaten) and `/catalogi/api/v1`
(catalogussen, zaaktypen, statustypen, resultaattypen), the subset burgerflow uses.

Every request needs a ZGW JWT of a known applicatie (401 without one, 403 with a bad one).
The Zaken API's zaak endpoints take and answer the `Accept-Crs`/`Content-Crs` headers its
specification requires; every answer has `API-version`. Faults (`/_admin/faults`, registry
`zgw`) make the endpoints answer 500 as Open Zaak does when it fails.
"""

import uuid
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Mapped
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from burgerflow.registry.schemas.zgw import (
    CATALOGI_API_VERSION,
    CRS,
    ZAKEN_API_VERSION,
    ResultaatCreate,
    StatusCreate,
    ZaakCreate,
)
from registries_mock.db import MockState, SessionDep, StateDep
from registries_mock.zgw import crud
from registries_mock.zgw.models import (
    ZgwCatalogus,
    ZgwResultaat,
    ZgwResultaatType,
    ZgwStatus,
    ZgwStatusType,
    ZgwZaak,
    ZgwZaakType,
)
from registries_mock.zgw.problems import (
    ClientDep,
    WriteFault,
    WriteFaultDep,
    ZgwProblem,
    invalid,
    zgw_lookup_fault,
)

PAGE_SIZE = 100
RowT = TypeVar("RowT")
TableT = TypeVar("TableT", bound=SQLModel)
TableT_contra = TypeVar("TableT_contra", bound=SQLModel, contravariant=True)

zaken_router = APIRouter(prefix=crud.ZAKEN, tags=["zgw zaken"])
catalogi_router = APIRouter(prefix=crud.CATALOGI, tags=["zgw catalogi"])
READ = [Depends(zgw_lookup_fault)]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _answer(
    body: dict[str, Any],
    *,
    status_code: int = 200,
    version: str = ZAKEN_API_VERSION,
    crs: bool = False,
    location: str | None = None,
) -> JSONResponse:
    headers = {"API-version": version}
    if crs:
        headers["Content-Crs"] = CRS
    if location:
        headers["Location"] = location
    return JSONResponse(body, status_code=status_code, headers=headers)


def _page(
    request: Request,
    rows: Sequence[RowT],
    page: int,
    public: Callable[[RowT], dict[str, Any]],
) -> dict[str, Any]:
    start = (page - 1) * PAGE_SIZE
    if page > 1 and start >= len(rows):
        raise ZgwProblem(404, "not_found", "Ongeldige pagina.")

    def link(number: int) -> str:
        return str(request.url.include_query_params(page=number))

    return {
        "count": len(rows),
        "next": link(page + 1) if start + PAGE_SIZE < len(rows) else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [public(r) for r in rows[start : start + PAGE_SIZE]],
    }


def _check_accept_crs(accept_crs: str | None) -> None:
    if accept_crs is not None and accept_crs != CRS:
        raise ZgwProblem(406, "not_acceptable", f"CRS '{accept_crs}' is niet ondersteund.")


def _where(
    query: SelectOfScalar[TableT], column: Mapped[str], value: str | None
) -> SelectOfScalar[TableT]:
    """`query` narrowed to `column == value`, or all of it without a value."""
    return query if value is None else query.where(column == value)


def _one(session: Session, table: type[TableT], key: str) -> TableT:
    row = session.get(table, key)
    if row is None:
        raise crud.not_found()
    return row


def _write(state: MockState, session: Session, create: Callable[[str], RowT]) -> RowT:
    """`create(new_uuid)` under the write lock, committed, or rolled back when it fails."""
    with state.write_lock:
        try:
            row = create(str(uuid.uuid4()))
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return row


async def _created(public: dict[str, Any], fault: WriteFault, *, crs: bool = False) -> JSONResponse:
    await fault.after_effect()
    return _answer(public, status_code=201, crs=crs, location=public["url"])


AcceptCrs = Annotated[str | None, Header(alias="Accept-Crs")]
ContentCrs = Annotated[str | None, Header(alias="Content-Crs")]
PageQuery = Annotated[int, Query(ge=1)]


# Zaken


@zaken_router.get("/zaken", dependencies=READ, summary="Alle ZAAKen opvragen.")
def zaak_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    accept_crs: AcceptCrs = None,
    identificatie: str | None = None,
    bronorganisatie: str | None = None,
    page: PageQuery = 1,
) -> JSONResponse:
    """Zaken, filtered by `identificatie` and `bronorganisatie`."""
    _check_accept_crs(accept_crs)
    base = _base(request)
    rows = crud.find_zaken(
        session=session, identificatie=identificatie, bronorganisatie=bronorganisatie
    )
    return _answer(_page(request, rows, page, lambda r: crud.zaak_public(base, r)), crs=True)


@zaken_router.post("/zaken", summary="Maak een ZAAK aan.")
async def zaak_create(
    request: Request,
    body: ZaakCreate,
    session: SessionDep,
    state: StateDep,
    _client: ClientDep,
    fault: WriteFaultDep,
    content_crs: ContentCrs = None,
    accept_crs: AcceptCrs = None,
) -> JSONResponse:
    """Create a zaak: 201 with it, or 400 (`identificatie-niet-uniek`, ...); 412 without
    `Content-Crs`."""
    if content_crs is None:
        raise ZgwProblem(412, "precondition_failed", "'Content-Crs' header ontbreekt")
    if content_crs != CRS:
        raise ZgwProblem(412, "precondition_failed", f"CRS '{content_crs}' is niet ondersteund.")
    _check_accept_crs(accept_crs)
    base = _base(request)
    zaak = _write(
        state,
        session,
        lambda new_uuid: crud.create_zaak(session=session, base=base, body=body, new_uuid=new_uuid),
    )
    return await _created(crud.zaak_public(base, zaak), fault, crs=True)


@zaken_router.get("/zaken/{zaak_uuid}", dependencies=READ, summary="Een specifieke ZAAK opvragen.")
def zaak_read(
    request: Request,
    zaak_uuid: str,
    session: SessionDep,
    _client: ClientDep,
    accept_crs: AcceptCrs = None,
) -> JSONResponse:
    """One zaak."""
    _check_accept_crs(accept_crs)
    zaak = _one(session, ZgwZaak, zaak_uuid)
    return _answer(crud.zaak_public(_base(request), zaak), crs=True)


def _zaak_filter(session: Session, base: str, zaak: str | None) -> str | None:
    if zaak is None:
        return None
    found = crud.uuid_of(base, crud.ZAKEN, "zaken", zaak)
    if found is None:
        raise invalid("zaak", "invalid", "Voer een geldige URL in.")
    return found


@zaken_router.get("/statussen", dependencies=READ, summary="Alle STATUSsen van ZAAKen opvragen.")
def status_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    zaak: str | None = None,
    page: PageQuery = 1,
) -> JSONResponse:
    """Statussen, filtered by `zaak`, in the order they were set."""
    base = _base(request)
    query = _where(select(ZgwStatus), col(ZgwStatus.zaak_uuid), _zaak_filter(session, base, zaak))
    rows = list(
        session.exec(query.order_by(col(ZgwStatus.datum_status_gezet), col(ZgwStatus.rang)))
    )
    zaken = {r.zaak_uuid: session.get(ZgwZaak, r.zaak_uuid) for r in rows}

    def public(row: ZgwStatus) -> dict[str, Any]:
        owner = zaken[row.zaak_uuid]
        assert owner is not None
        return crud.status_public(base, row, zaak=owner)

    return _answer(_page(request, rows, page, public))


@zaken_router.post("/statussen", summary="Maak een STATUS aan.")
async def status_create(
    request: Request,
    body: StatusCreate,
    session: SessionDep,
    state: StateDep,
    _client: ClientDep,
    fault: WriteFaultDep,
) -> JSONResponse:
    """Set a status on a zaak: 201, or 400 (an eindstatus without resultaat, ...)."""
    base = _base(request)
    status, zaak = _write(
        state,
        session,
        lambda new_uuid: crud.create_status(
            session=session, base=base, body=body, new_uuid=new_uuid
        ),
    )
    return await _created(crud.status_public(base, status, zaak=zaak), fault)


@zaken_router.get("/statussen/{status_uuid}", dependencies=READ, summary="Een STATUS opvragen.")
def status_read(
    request: Request, status_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One status."""
    status = session.get(ZgwStatus, status_uuid)
    zaak = session.get(ZgwZaak, status.zaak_uuid) if status else None
    if status is None or zaak is None:
        raise crud.not_found()
    return _answer(crud.status_public(_base(request), status, zaak=zaak))


@zaken_router.get("/resultaten", dependencies=READ, summary="Alle RESULTAATen opvragen.")
def resultaat_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    zaak: str | None = None,
    page: PageQuery = 1,
) -> JSONResponse:
    """Resultaten, filtered by `zaak`."""
    base = _base(request)
    query = _where(
        select(ZgwResultaat), col(ZgwResultaat.zaak_uuid), _zaak_filter(session, base, zaak)
    )
    rows = list(session.exec(query.order_by(col(ZgwResultaat.uuid))))
    return _answer(_page(request, rows, page, lambda r: crud.resultaat_public(base, r)))


@zaken_router.post("/resultaten", summary="Maak een RESULTAAT aan.")
async def resultaat_create(
    request: Request,
    body: ResultaatCreate,
    session: SessionDep,
    state: StateDep,
    _client: ClientDep,
    fault: WriteFaultDep,
) -> JSONResponse:
    """Give a zaak its resultaat: 201, or 400 (`unique` when it has one)."""
    base = _base(request)
    resultaat = _write(
        state,
        session,
        lambda new_uuid: crud.create_resultaat(
            session=session, base=base, body=body, new_uuid=new_uuid
        ),
    )
    return await _created(crud.resultaat_public(base, resultaat), fault)


@zaken_router.get(
    "/resultaten/{resultaat_uuid}", dependencies=READ, summary="Een RESULTAAT opvragen."
)
def resultaat_read(
    request: Request, resultaat_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One resultaat."""
    resultaat = _one(session, ZgwResultaat, resultaat_uuid)
    return _answer(crud.resultaat_public(_base(request), resultaat))


# Catalogi


class _CatalogiPublic(Protocol[TableT_contra]):
    """A resource's wire form in the Catalogi API (`crud.zaaktype_public`, ...)."""

    def __call__(self, base: str, row: TableT_contra, /, *, session: Session) -> dict[str, Any]: ...


def _catalogi(body: dict[str, Any]) -> JSONResponse:
    return _answer(body, version=CATALOGI_API_VERSION)


def _catalogi_page(
    request: Request,
    session: Session,
    rows: Sequence[TableT],
    page: int,
    public: _CatalogiPublic[TableT],
) -> JSONResponse:
    base = _base(request)
    return _catalogi(_page(request, rows, page, lambda r: public(base, r, session=session)))


def _catalogi_one(
    request: Request,
    session: Session,
    table: type[TableT],
    key: str,
    public: _CatalogiPublic[TableT],
) -> JSONResponse:
    return _catalogi(public(_base(request), _one(session, table, key), session=session))


def _zaaktype_filter(base: str, zaaktype: str | None) -> str | None:
    if zaaktype is None:
        return None
    found = crud.uuid_of(base, crud.CATALOGI, "zaaktypen", zaaktype)
    if found is None:
        raise invalid("zaaktype", "invalid", "Voer een geldige URL in.")
    return found


@catalogi_router.get("/catalogussen", dependencies=READ, summary="Alle CATALOGUSsen opvragen.")
def catalogus_list(
    request: Request, session: SessionDep, _client: ClientDep, page: PageQuery = 1
) -> JSONResponse:
    """Every catalogue."""
    rows = list(session.exec(select(ZgwCatalogus).order_by(col(ZgwCatalogus.uuid))))
    return _catalogi_page(request, session, rows, page, crud.catalogus_public)


@catalogi_router.get(
    "/catalogussen/{catalogus_uuid}", dependencies=READ, summary="Een CATALOGUS opvragen."
)
def catalogus_read(
    request: Request, catalogus_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One catalogue."""
    return _catalogi_one(request, session, ZgwCatalogus, catalogus_uuid, crud.catalogus_public)


@catalogi_router.get("/zaaktypen", dependencies=READ, summary="Alle ZAAKTYPEn opvragen.")
def zaaktype_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    identificatie: str | None = None,
    status: Annotated[str, Query(pattern="^(alles|concept|definitief)$")] = "definitief",
    page: PageQuery = 1,
) -> JSONResponse:
    """Zaaktypen, filtered by `identificatie` (every zaaktype of the mock is published)."""
    query = _where(select(ZgwZaakType), col(ZgwZaakType.identificatie), identificatie)
    rows = [] if status == "concept" else list(session.exec(query.order_by(col(ZgwZaakType.uuid))))
    return _catalogi_page(request, session, rows, page, crud.zaaktype_public)


@catalogi_router.get("/zaaktypen/{zaaktype_uuid}", dependencies=READ, summary="Een ZAAKTYPE.")
def zaaktype_read(
    request: Request, zaaktype_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One zaaktype."""
    return _catalogi_one(request, session, ZgwZaakType, zaaktype_uuid, crud.zaaktype_public)


@catalogi_router.get("/statustypen", dependencies=READ, summary="Alle STATUSTYPEn opvragen.")
def statustype_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    zaaktype: str | None = None,
    page: PageQuery = 1,
) -> JSONResponse:
    """Statustypen, filtered by `zaaktype`, by volgnummer."""
    query = _where(
        select(ZgwStatusType),
        col(ZgwStatusType.zaaktype_uuid),
        _zaaktype_filter(_base(request), zaaktype),
    )
    rows = list(
        session.exec(
            query.order_by(col(ZgwStatusType.zaaktype_uuid), col(ZgwStatusType.volgnummer))
        )
    )
    return _catalogi_page(request, session, rows, page, crud.statustype_public)


@catalogi_router.get("/statustypen/{statustype_uuid}", dependencies=READ, summary="Een STATUSTYPE.")
def statustype_read(
    request: Request, statustype_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One statustype."""
    return _catalogi_one(request, session, ZgwStatusType, statustype_uuid, crud.statustype_public)


@catalogi_router.get("/resultaattypen", dependencies=READ, summary="Alle RESULTAATTYPEn.")
def resultaattype_list(
    request: Request,
    session: SessionDep,
    _client: ClientDep,
    zaaktype: str | None = None,
    page: PageQuery = 1,
) -> JSONResponse:
    """Resultaattypen, filtered by `zaaktype`."""
    query = _where(
        select(ZgwResultaatType),
        col(ZgwResultaatType.zaaktype_uuid),
        _zaaktype_filter(_base(request), zaaktype),
    )
    rows = list(session.exec(query.order_by(col(ZgwResultaatType.uuid))))
    return _catalogi_page(request, session, rows, page, crud.resultaattype_public)


@catalogi_router.get(
    "/resultaattypen/{resultaattype_uuid}", dependencies=READ, summary="Een RESULTAATTYPE."
)
def resultaattype_read(
    request: Request, resultaattype_uuid: str, session: SessionDep, _client: ClientDep
) -> JSONResponse:
    """One resultaattype."""
    return _catalogi_one(
        request, session, ZgwResultaatType, resultaattype_uuid, crud.resultaattype_public
    )


ROUTERS = (zaken_router, catalogi_router)
"""The ZGW routers, for the mocks' app."""

"""`zaak.sync`: make a case's zaak match the case, idempotently.

The Zaken API has no idempotency key, so the sync never relies on remembering what it did:
each run reads the case (its `state` query: status and timeline) and the zaak (found by
`identificatie` = the case id) and adds only what the zaak lacks.

1. The zaak: found by identificatie, or created; a creation answered 400
   `identificatie-niet-uniek` (a creation that succeeded but whose answer was lost, or a
   twin) is looked up again. So a crashed or retried creation leaves one zaak.
2. Its statuses: one per status entry of the case's timeline, in the case's order, with
   `datumStatusGezet` the time of the entry; those the zaak has (same statustype, same time)
   are skipped.
3. When the case has ended: its resultaat (unless it has one), then the eindstatus, which
   closes the zaak (the Zaken API takes an eindstatus only on a zaak with a resultaat).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from burgerflow.core.constants import TERMINAL_STATUSES, CaseStatus
from burgerflow.core.settings import Settings
from burgerflow.registry.schemas.zgw import (
    DUPLICATE_IDENTIFICATIE,
    ResultaatCreate,
    ResultaatType,
    StatusCreate,
    StatusType,
    Zaak,
    ZaakCreate,
    ZaakType,
)
from burgerflow.registry.zgw import ZgwClient, ZgwRejected
from workflows.case.client import case_handle, query_state
from workflows.case.models import CaseState
from workflows.life_events import LIFE_EVENTS
from workflows.zaak.catalogue import EINDSTATUS, RESULTAATTYPEN, STATUSTYPEN
from workflows.zaak.models import SyncInput, SyncResult

ZGW_REJECTED = "ZgwRejected"
"""Error type of a sync the zaaksysteem refused (not retried)."""
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Zaaktype:
    """A life event's zaaktype and the statustypen and resultaattypen burgerflow uses."""

    url: str
    statustypen: dict[CaseStatus, StatusType]
    eindstatus: StatusType
    resultaattypen: dict[CaseStatus, ResultaatType]


def _rejected(message: str) -> ApplicationError:
    return ApplicationError(message, type=ZGW_REJECTED, non_retryable=True)


def _match(items: Sequence[StatusType], status: str, name: str) -> StatusType | None:
    wanted = name.casefold()
    return next(
        (s for s in items if s.omschrijving_generiek.casefold() == status.casefold()),
        next((s for s in items if s.omschrijving.casefold() == wanted), None),
    )


def _current(zaaktypen: Sequence[ZaakType], today: date) -> ZaakType | None:
    valid = [
        z
        for z in zaaktypen
        if not z.concept
        and z.begin_geldigheid <= today
        and (z.einde_geldigheid is None or z.einde_geldigheid >= today)
    ]
    return max(valid, key=lambda z: z.begin_geldigheid, default=None)


def _second(at: datetime) -> datetime:
    aware = at if at.tzinfo else at.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(microsecond=0)


class ZaakActivities:
    """The `zaak.sync` activity, with the worker's ZGW client and settings."""

    def __init__(
        self,
        zgw: ZgwClient | None,
        settings: Settings,
        *,
        temporal: Callable[[], Client] = activity.client,
    ) -> None:
        """Args:
        zgw: The zaaksysteem's client; None when this deployment has none (a sync fails).
        settings: The zaaktype settings (`zgw_zaaktypen`, identificaties, RSINs).
        temporal: The Temporal client that reads the case (the worker's, by default).
        """
        self._zgw = zgw
        self._settings = settings
        self._temporal = temporal
        self._zaaktypen: dict[str, Zaaktype] = {}

    async def _zaaktype(self, zgw: ZgwClient, life_event: str) -> Zaaktype:
        cached = self._zaaktypen.get(life_event)
        if cached is not None:
            return cached
        url = self._settings.zgw_zaaktypen.get(life_event)
        if not url:
            identificatie = self._settings.zgw_zaaktype_identificaties.get(life_event)
            if not identificatie:
                raise _rejected(f"no zaaktype is configured for the life event {life_event}")
            found = _current(await zgw.zaaktypen(identificatie), datetime.now(AMSTERDAM).date())
            if found is None:
                raise _rejected(f"the catalogue has no current zaaktype {identificatie}")
            url = found.url
        statustypen = await zgw.statustypen(url)
        resultaattypen = await zgw.resultaattypen(url)
        eind = [s for s in statustypen if s.is_eindstatus] or sorted(
            statustypen, key=lambda s: s.volgnummer
        )[-1:]
        if not eind:
            raise _rejected(f"the zaaktype {url} has no statustypen")
        by_status: dict[CaseStatus, StatusType] = {}
        for status, name in STATUSTYPEN.items():
            match = _match([s for s in statustypen if s is not eind[0]], status.value, name)
            if match is None:
                raise _rejected(f"the zaaktype {url} has no statustype for {status.value}")
            by_status[status] = match
        results: dict[CaseStatus, ResultaatType] = {}
        for status, name in RESULTAATTYPEN.items():
            result = next(
                (
                    r
                    for r in resultaattypen
                    if r.omschrijving.casefold() in (name.casefold(), status.value)
                ),
                None,
            )
            if result is None:
                raise _rejected(f"the zaaktype {url} has no resultaattype for {status.value}")
            results[status] = result
        zaaktype = Zaaktype(url, by_status, eind[0], results)
        self._zaaktypen[life_event] = zaaktype
        return zaaktype

    async def _find_or_create(self, zgw: ZgwClient, case: CaseState, zaaktype: Zaaktype) -> Zaak:
        rsin = self._settings.zgw_rsin_of(case.municipality)
        found = await zgw.find_zaken(case.case_id, rsin)
        if found:
            return found[0]
        started = next(
            (e.at for e in case.timeline if e.event == "status"), case.updated_at
        ).astimezone(AMSTERDAM)
        event = LIFE_EVENTS.get(case.type)
        body = ZaakCreate(
            identificatie=case.case_id,
            bronorganisatie=rsin,
            verantwoordelijke_organisatie=rsin,
            zaaktype=zaaktype.url,
            omschrijving=(event.title_in("nl") if event else case.type)[:80],
            toelichting=f"burgerflow {case.type}",
            registratiedatum=started.date(),
            startdatum=started.date(),
        )
        activity.heartbeat("create")
        try:
            return await zgw.create_zaak(body)
        except ZgwRejected as e:
            if DUPLICATE_IDENTIFICATIE not in e.invalid_param_codes:
                raise
        # Made already: by an earlier attempt whose answer was lost, or by a twin.
        found = await zgw.find_zaken(case.case_id, rsin)
        if not found:
            raise _rejected(f"zaak {case.case_id} exists but cannot be found")
        return found[0]

    @activity.defn(name="zaak.sync")
    async def sync(self, request: SyncInput) -> SyncResult:
        """Make the case's zaak match the case (see the module); idempotent."""
        if self._zgw is None:
            raise _rejected("this deployment has no zaaksysteem (BURGERFLOW_ZGW_URL is empty)")
        zgw = self._zgw
        event = LIFE_EVENTS.of_case(request.case_id)
        if event is None:
            raise _rejected(f"{request.case_id} is no life event's case")
        case = await query_state(case_handle(self._temporal(), request.case_id), event)
        try:
            zaaktype = await self._zaaktype(zgw, case.type)
            zaak = await self._find_or_create(zgw, case, zaaktype)
            statuses = await self._sync_statuses(zgw, case, zaaktype, zaak)
        except ZgwRejected as e:
            raise _rejected(str(e)) from e
        return SyncResult(
            url=zaak.url,
            identificatie=zaak.identificatie,
            statuses_synced=statuses,
            closed=case.status in TERMINAL_STATUSES,
        )

    async def _sync_statuses(
        self, zgw: ZgwClient, case: CaseState, zaaktype: Zaaktype, zaak: Zaak
    ) -> int:
        activity.heartbeat("statussen")
        existing = await zgw.statussen(zaak.url)
        have = {(s.statustype, _second(s.datum_status_gezet)) for s in existing}
        count = len(existing)
        wanted = [
            (zaaktype.statustypen[CaseStatus(e.detail)], e.at, e.detail)
            for e in case.timeline
            if e.event == "status" and e.detail in CaseStatus.__members__.values()
        ]
        for statustype, at, detail in wanted:
            if (statustype.url, _second(at)) in have:
                continue
            activity.heartbeat(detail)
            await zgw.create_status(
                StatusCreate(
                    zaak=zaak.url,
                    statustype=statustype.url,
                    datum_status_gezet=at,
                    statustoelichting=detail,
                )
            )
            have.add((statustype.url, _second(at)))
            count += 1
        if case.status not in TERMINAL_STATUSES:
            return count
        ended_at = wanted[-1][1] if wanted else case.updated_at
        activity.heartbeat("resultaat")
        if not await zgw.resultaten(zaak.url):
            await zgw.create_resultaat(
                ResultaatCreate(
                    zaak=zaak.url,
                    resultaattype=zaaktype.resultaattypen[case.status].url,
                    toelichting=(case.outcome or case.status.value)[:1000],
                )
            )
        if (zaaktype.eindstatus.url, _second(ended_at)) not in have:
            activity.heartbeat("eindstatus")
            await zgw.create_status(
                StatusCreate(
                    zaak=zaak.url,
                    statustype=zaaktype.eindstatus.url,
                    datum_status_gezet=ended_at,
                    statustoelichting=EINDSTATUS,
                )
            )
            count += 1
        return count

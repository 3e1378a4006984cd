"""The mock's seeded catalogue: one zaaktype per life event, with a statustype per case status,
the eindstatus and a resultaattype per way a case ends (`workflows.zaak.catalogue`).

Identifiers are fixed (UUID 5 of a readable name), so URLs are the same on every machine and
after every reset.
"""

import functools
import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, select

from burgerflow.core.settings import DEFAULT_ZAAKTYPE_IDENTIFICATIES
from registries_mock.db import MockModel
from registries_mock.zgw.models import ZgwCatalogus
from workflows.zaak.catalogue import EINDSTATUS, RESULTAATTYPEN, STATUSTYPEN

CATALOGUS_RSIN = "002564440"
"""RSIN of the mock catalogue's owner (the default `BURGERFLOW_ZGW_RSIN`)."""

_TITLES: dict[str, tuple[str, str]] = {
    "change_of_address": ("Verhuizing binnen Nederland", "Adreswijziging"),
    "emigration": ("Emigratie", "Vertrek naar het buitenland"),
    "death": ("Aangifte van overlijden", "Overlijden"),
}


def fixed_uuid(kind: str, key: str) -> str:
    """The UUID of a catalogue resource, from its kind and a readable key."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"burgerflow:zgw:{kind}:{key}"))


@functools.cache
def catalogue_rows() -> dict[str, list[dict[str, Any]]]:
    """The catalogue's rows, by table name."""
    catalogus = fixed_uuid("catalogus", "burgerflow")
    rows: dict[str, list[dict[str, Any]]] = {
        "zgw_catalogus": [
            {
                "uuid": catalogus,
                "domein": "BFLOW",
                "rsin": CATALOGUS_RSIN,
                "naam": "Levensgebeurtenissen (ontwikkelomgeving)",
                "contactpersoon_beheer_naam": "Functioneel beheer",
            }
        ],
        "zgw_zaaktype": [],
        "zgw_statustype": [],
        "zgw_resultaattype": [],
    }
    for event, identificatie in DEFAULT_ZAAKTYPE_IDENTIFICATIES.items():
        omschrijving, onderwerp = _TITLES[event]
        zaaktype = fixed_uuid("zaaktype", identificatie)
        rows["zgw_zaaktype"].append(
            {
                "uuid": zaaktype,
                "catalogus_uuid": catalogus,
                "identificatie": identificatie,
                "omschrijving": omschrijving,
                "doel": f"Afhandelen van de melding: {omschrijving.lower()}.",
                "aanleiding": "Melding van een burger, een portaal of een uitvaartondernemer.",
                "onderwerp": onderwerp,
                "handeling_initiator": "Melden",
                "handeling_behandelaar": "Afhandelen",
                "doorlooptijd": "P28D",
                "begin_geldigheid": date(2026, 1, 1),
            }
        )
        names = [(status.value, name) for status, name in STATUSTYPEN.items()]
        names.append(("afgehandeld", EINDSTATUS))
        for volgnummer, (generiek, name) in enumerate(names, start=1):
            rows["zgw_statustype"].append(
                {
                    "uuid": fixed_uuid("statustype", f"{identificatie}:{generiek}"),
                    "zaaktype_uuid": zaaktype,
                    "omschrijving": name,
                    "omschrijving_generiek": generiek,
                    "volgnummer": volgnummer,
                }
            )
        for status, name in RESULTAATTYPEN.items():
            rows["zgw_resultaattype"].append(
                {
                    "uuid": fixed_uuid("resultaattype", f"{identificatie}:{status.value}"),
                    "zaaktype_uuid": zaaktype,
                    "omschrijving": name,
                    "toelichting": f"De zaak eindigt: {status.value}.",
                }
            )
    return rows


def ensure_catalogue(session: Session) -> None:
    """Load the catalogue into a database seeded before the mocks had one."""
    if session.exec(select(func.count()).select_from(ZgwCatalogus)).one():
        return
    connection = session.connection()
    for table in MockModel.metadata.sorted_tables:
        if rows := catalogue_rows().get(table.name):
            connection.execute(insert(table), rows)
    session.commit()

"""The ZGW mock answers as the specifications say: every response of the operations burgerflow
uses (and their errors) validates against the vendored Zaken API 1.5.1 and Catalogi API 1.3.1."""

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from burgerflow.registry.schemas.zgw import (
    DUPLICATE_IDENTIFICATIE,
    RESULTAAT_MISSING,
    ResultaatCreate,
    StatusCreate,
    ZaakCreate,
)
from burgerflow.registry.zgw import ZgwClient, ZgwRejected, zgw_token
from tests.contracts.specs import CATALOGI, ZAKEN, load
from tests.support import MOCKS_BASE_URL, in_process_mocks
from tests.zaak.openapi import SpecValidator

CLIENT_ID, SECRET = "contract-test", "TEST ONLY, NOT A SECRET: contract test applicatie key"
RSIN = "002564440"


async def test_every_answer_validates_against_the_specifications(tmp_path):
    zaken, catalogi = SpecValidator(load(ZAKEN)), SpecValidator(load(CATALOGI))
    seen: list[httpx.Response] = []

    async def record(response: httpx.Response) -> None:
        await response.aread()
        seen.append(response)

    async with in_process_mocks(f"sqlite:///{tmp_path / 'r.db'}") as app:
        app.state.mocks.zgw_clients[CLIENT_ID] = SECRET
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url=MOCKS_BASE_URL, event_hooks={"response": [record]}
        ) as http:
            zgw = ZgwClient(
                http,
                zaken_url=f"{MOCKS_BASE_URL}/zaken/api/v1",
                catalogi_url=f"{MOCKS_BASE_URL}/catalogi/api/v1",
                client_id=CLIENT_ID,
                secret=SECRET,
            )
            token = {"Authorization": f"Bearer {zgw_token(CLIENT_ID, SECRET)}"}
            # Catalogi
            [catalogus] = (await http.get("/catalogi/api/v1/catalogussen", headers=token)).json()[
                "results"
            ]
            await http.get(catalogus["url"], headers=token)
            [zaaktype] = await zgw.zaaktypen("BF-OVERLIJDEN")
            await zgw.zaaktype(zaaktype.url)
            statustypen = await zgw.statustypen(zaaktype.url)
            await http.get(statustypen[0].url, headers=token)
            resultaattypen = await zgw.resultaattypen(zaaktype.url)
            await http.get(resultaattypen[0].url, headers=token)
            # Zaken: create, duplicate, read, list
            body = ZaakCreate(
                identificatie=f"dth-{uuid.uuid4()}",
                bronorganisatie=RSIN,
                verantwoordelijke_organisatie=RSIN,
                zaaktype=zaaktype.url,
                startdatum=date.today(),
            )
            zaak = await zgw.create_zaak(body)
            with pytest.raises(ZgwRejected) as duplicate:
                await zgw.create_zaak(body)
            assert duplicate.value.status == 400
            assert duplicate.value.invalid_param_codes == [DUPLICATE_IDENTIFICATIE]
            assert [z.url for z in await zgw.find_zaken(body.identificatie, RSIN)] == [zaak.url]
            await zgw.zaak(zaak.url)
            # Statussen and the resultaat, the eindstatus refused before the resultaat
            at = datetime.now(UTC) - timedelta(minutes=5)
            first = await zgw.create_status(
                StatusCreate(zaak=zaak.url, statustype=statustypen[0].url, datum_status_gezet=at)
            )
            await http.get(first.url, headers=token)
            eind = StatusCreate(
                zaak=zaak.url,
                statustype=statustypen[-1].url,
                datum_status_gezet=at + timedelta(minutes=1),
            )
            with pytest.raises(ZgwRejected) as early:
                await zgw.create_status(eind)
            assert early.value.invalid_param_codes == [RESULTAAT_MISSING]
            resultaat = await zgw.create_resultaat(
                ResultaatCreate(zaak=zaak.url, resultaattype=resultaattypen[0].url)
            )
            await http.get(resultaat.url, headers=token)
            with pytest.raises(ZgwRejected) as twice:
                await zgw.create_resultaat(
                    ResultaatCreate(zaak=zaak.url, resultaattype=resultaattypen[0].url)
                )
            assert twice.value.invalid_param_codes == ["unique"]
            await zgw.create_status(eind)
            statuses = await zgw.statussen(zaak.url)
            assert [s.indicatie_laatst_gezette_status for s in statuses] == [False, True]
            await zgw.resultaten(zaak.url)
            closed = await zgw.zaak(zaak.url)
            assert closed.einddatum == eind.datum_status_gezet.date()
            assert closed.resultaat == resultaat.url
            # Auth and other errors, as Open Zaak answers them
            crs = {"Accept-Crs": "EPSG:4326"}
            missing = await http.get("/zaken/api/v1/zaken", headers=crs)
            assert missing.status_code == 401 and missing.json()["code"] == "not_authenticated"
            wrong = zgw_token(CLIENT_ID, "another secret, so the signature does not match")
            bad = await http.get(
                "/zaken/api/v1/zaken", headers={**crs, "Authorization": f"Bearer {wrong}"}
            )
            assert bad.status_code == 403 and bad.json()["code"] == "permission_denied"
            unknown = await http.get(
                f"/zaken/api/v1/zaken/{uuid.uuid4()}", headers={**crs, **token}
            )
            assert unknown.status_code == 404
            no_crs = await http.post(
                "/zaken/api/v1/zaken",
                json=body.model_dump(mode="json", by_alias=True),
                headers=token,
            )
            assert no_crs.status_code == 412

    for response in seen:
        path = response.request.url.path
        (zaken if path.startswith("/zaken/") else catalogi).validate(response)
    checked = sorted(zaken.checked | catalogi.checked)
    print(f"\nZGW contract: {len(seen)} responses, {len(checked)} operation/status pairs checked")
    for line in checked:
        print(f"  {line}")
    assert len(checked) >= 20, checked

"""Wire models of a death reported to an organisation that reads the BRP.

Belastingdienst, Toeslagen, DUO and RDW each take the same notification
(`POST /<registry>/api/overlijdensmeldingen`, with an `Idempotency-Key`) and answer with a
receipt; the RDW's says by when the heirs must register the deceased's vehicles in their own
name.
"""

from datetime import date, datetime

from burgerflow.registry.schemas.common import Bsn, RequestModel, WireModel


class OverlijdensmeldingCreate(RequestModel):
    """A death reported to an organisation.

    Attributes:
        burgerservicenummer: The deceased.
        datum_overlijden: The day of death.
        aktenummer: The deed of death it rests on.
    """

    burgerservicenummer: Bsn
    datum_overlijden: date
    aktenummer: str | None = None


class OverlijdensmeldingOntvangst(WireModel):
    """Receipt of a death notification.

    Attributes:
        id: Receipt identifier.
        registratie: The organisation that processed it (`belastingdienst`, `rdw`, ...).
        burgerservicenummer: The deceased.
        datum_overlijden: The day of death.
        ontvangen_op: When the organisation applied it.
        kentekens: For the RDW: the vehicles registered to the deceased.
        uiterste_datum_tenaamstelling: For the RDW: the last day the heirs may register
            those vehicles in their own name (five weeks after the death).
    """

    id: str
    registratie: str
    burgerservicenummer: str
    datum_overlijden: date
    ontvangen_op: datetime
    kentekens: list[str] = []
    uiterste_datum_tenaamstelling: date | None = None

"""`GET /v1/transparency`: this deployment's algorithm-register records, open to anyone."""

from fastapi import APIRouter

from burgerflow.core.deps import SettingsDep
from workflows.audit.register import TransparencyRecord, algorithm_record

router = APIRouter(prefix="/v1/transparency", tags=["transparency"])


@router.get("", response_model=TransparencyRecord)
async def transparency(settings: SettingsDep) -> TransparencyRecord:
    """The algorithm-register records, generated from the running configuration.

    Per life event: name, organisation, purpose and impact, status, human intervention,
    legal basis, data sources, model and provider, and risk management (the policy's rules,
    four-eyes, deadlines, parameters, encryption, replay), as configured in this deployment
    right now. The first life event's record is at the top level; `life_events` holds one
    record per life event.
    """
    return algorithm_record(settings)

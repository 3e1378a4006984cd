"""`GET /v1/transparency`: this deployment's algorithm-register record, open to anyone."""

from fastapi import APIRouter

from burgerflow.core.deps import SettingsDep
from workflows.audit.register import AlgorithmRecord, algorithm_record

router = APIRouter(prefix="/v1/transparency", tags=["transparency"])


@router.get("", response_model=AlgorithmRecord)
async def transparency(settings: SettingsDep) -> AlgorithmRecord:
    """The algorithm-register record, generated from the running configuration.

    Name, organisation, purpose and impact, status, human intervention, legal basis, data
    sources, model and provider, and risk management (the policy's rules, four-eyes,
    deadlines, encryption, replay), as configured in this deployment right now.
    """
    return algorithm_record(settings)

"""`GET /v1/transparency`: this deployment's algorithm-register records, open to anyone."""

from typing import Annotated

from fastapi import APIRouter, Query

from burgerflow.core.deps import SettingsDep
from burgerflow.core.problems import Problem
from workflows.audit.register import (
    InvalidRegisterFile,
    RegisterRecord,
    UnknownLifeEvent,
    register_file,
)

router = APIRouter(prefix="/v1/transparency", tags=["transparency"])


@router.get("", response_model=list[RegisterRecord], response_model_exclude_none=True)
async def transparency(
    settings: SettingsDep,
    life_event: Annotated[
        str | None, Query(description="Only this life event's record (its `type`).")
    ] = None,
) -> list[RegisterRecord]:
    """The algorithm-register records, generated from the running configuration.

    One record per life event, in the register's publication standard v1.0 (its field
    names, lengths and permitted values; `lang` `nld`): exactly the upload file that
    `burgerflow transparency export` writes. The records follow the settings (organisation,
    contact, status, model provider, registries, deadlines, thresholds) and the policies'
    rule tables as they are right now.
    """
    try:
        records = register_file(settings, life_event=life_event)
    except UnknownLifeEvent as e:
        raise Problem(
            422,
            "Invalid request",
            str(e),
            extra={"invalid_params": [{"name": "life_event", "reason": str(e)}]},
        ) from e
    except InvalidRegisterFile as e:
        raise Problem(
            500,
            "Register records do not meet the publication standard",
            "The deployment's register settings produce records the algorithm register "
            "would refuse.",
            extra={
                "invalid_params": [
                    {"name": p.field, "reason": f"record {p.record}: {p.reason}"}
                    for p in e.problems
                ]
            },
        ) from e
    return [RegisterRecord.model_validate(record) for record in records]

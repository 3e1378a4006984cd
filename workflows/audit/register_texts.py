"""What a life event tells the algorithm register about itself, beyond its rule table.

The register record of a life event is generated (`workflows.audit.register`): its rules,
risks and approvals come from the event's rule table, the deployment's facts from the
settings. The words only the life event can write (what it is for, its legal basis, which
data it reads, what its agent may see) it registers as `extras["register"]`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from burgerflow.core.settings import Settings

REGISTER_EXTRA = "register"
"""The key of a life event's `RegisterTexts` in its `extras`."""


def _no_parameters(settings: Settings) -> Mapping[str, float | int]:
    return {}


@dataclass(frozen=True, slots=True)
class RegisterTexts:
    """One life event's own texts for its algorithm-register record.

    Attributes:
        name: The record's name (`burgerflow: <life event>`).
        purpose_and_impact: What the system does for the citizen and what it changes.
        deciders: Who validates a gate, as the start of a sentence ("A caseworker of ...").
        legal_basis: The laws the processing rests on, one line each.
        data_sources: Each registry read, and which of its data.
        agent_role: What the agent does and may not do (None: the life event has no agent).
        model_personal_data: What a model endpoint sees of a citizen's data.
        parameters: The policy's tunable parameters in force, by name (shown under risk
            management), from the deployment's settings.
        sources: Where the record's life-event parts come from (modules, constants).
    """

    name: str
    purpose_and_impact: str
    deciders: str
    legal_basis: tuple[str, ...]
    data_sources: Mapping[str, str]
    agent_role: str | None = None
    model_personal_data: str = ""
    parameters: Callable[[Settings], Mapping[str, float | int]] = _no_parameters
    sources: tuple[str, ...] = field(default_factory=tuple)

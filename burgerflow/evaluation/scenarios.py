"""Which life events `burgerflow eval` scores, and which of their scenarios run.

A life event takes part when its `extras["evaluation"]` is an `Evaluation`; the list of
life events is read when a run starts, so a life event added for a while (tests) takes part
too.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workflows.case.evaluation import Evaluation, Scenario
from workflows.case.life_event import LifeEvent
from workflows.life_events import LIFE_EVENTS


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A life event in a run, with its evaluation and the scenarios selected.

    Attributes:
        event: The life event.
        evaluation: Its part in `burgerflow eval`.
        scenarios: Its scenarios that run, in order.
    """

    event: LifeEvent
    evaluation: Evaluation[Any, Any]
    scenarios: list[Scenario[Any]]

    @property
    def title(self) -> str:
        """The life event's English name, as the report's text has it (`change of ...`)."""
        return self.event.title_in("en").lower()


def evaluation_of(event: LifeEvent) -> Evaluation[Any, Any] | None:
    """The life event's evaluation, if it has one."""
    found = event.extras.get("evaluation")
    return found if isinstance(found, Evaluation) else None


def select(scenarios: Sequence[Scenario[Any]], only: Sequence[str]) -> list[Scenario[Any]]:
    """The scenarios to run: all, or those whose name contains one of `only`."""
    if not only:
        return list(scenarios)
    return [s for s in scenarios if any(part in s.name for part in only)]


def evaluated(types: Sequence[str] = (), only: Sequence[str] = ()) -> list[Evaluated]:
    """The life events a run scores, in the list's order, with their scenarios.

    Args:
        types: The life events' types; every life event with an evaluation when empty.
        only: Run only scenarios whose name contains one of these.

    Raises:
        ValueError: A type is not a life event, or has no evaluation.
    """
    for name in types:
        event = LIFE_EVENTS.get(name)
        if event is None:
            raise ValueError(f"no life event {name!r}; known: {', '.join(LIFE_EVENTS.types())}")
        if evaluation_of(event) is None:
            raise ValueError(f"the life event {name!r} has no evaluation")
    chosen = [e for e in LIFE_EVENTS if e.type in types] if types else list(LIFE_EVENTS)
    found: list[Evaluated] = []
    for event in chosen:
        evaluation = evaluation_of(event)
        if evaluation is not None:
            found.append(Evaluated(event, evaluation, select(evaluation.scenarios, only)))
    return found

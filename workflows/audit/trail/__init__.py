"""The decision trail of a case, built from its Temporal history alone.

The history is the audit record (DESIGN principle 3). `build_trail` reads all of it into one
`Trail`: summary sections for people and a timeline of every recorded moment. The parts:

- `models`: the trail and its records (gates, decisions, steps, reads, model calls, outcome);
- `walker`: the history, event by event, into a trail, for every gated case alike;
- `adapter`: what a life event tells the walker of its own history (`extras["trail"]`);
- `lookup`: which life event a history belongs to, and its adapter;
- `langgraph`: reading the agent's model and tools activities;
- `payloads`: reading payloads as plain JSON, so a trail can be built for a case that years
  of code changes later no longer validates against today's models;
- `rendering`: the timeline's one-line titles.
"""

from workflows.audit.trail.adapter import TrailAdapter
from workflows.audit.trail.models import (
    DecisionRecord,
    GateRecord,
    LetterRecord,
    ModelCall,
    OutcomeRecord,
    PolicyRecord,
    RegistryRead,
    StepRecord,
    Trail,
    TrailEvent,
    TrailKind,
)
from workflows.audit.trail.walker import build_trail

__all__ = [
    "DecisionRecord",
    "GateRecord",
    "LetterRecord",
    "ModelCall",
    "OutcomeRecord",
    "PolicyRecord",
    "RegistryRead",
    "StepRecord",
    "Trail",
    "TrailAdapter",
    "TrailEvent",
    "TrailKind",
    "build_trail",
]

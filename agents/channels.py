"""Graph-state channels that keep the activity payloads small: facts sent as changes.

The tool node holds every registry answer of the case (`facts`, JSON form) and returns only
what its round added (`facts_delta`); the `merge_facts` reducer folds that into the state in
the workflow. So each registry answer is in the history once, in the result of the round that
fetched it, instead of in every round's result again.

`merge_facts` also takes a whole facts object, as tool rounds recorded before returned one:
merging the whole object over the facts it grew from gives that object, so old histories
replay to the same state.

`ModelTurnInput` is the model node's input schema, the same in every agent: the facts stay
out of the model turn's activity input.
"""

from collections.abc import Mapping
from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from typing_extensions import TypedDict

from agents.messages import merge_messages


def facts_delta(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """What `after` adds to `before` (both JSON-form facts), one level deep.

    A mapping field gives its new and changed entries, a list field its new items, any other
    field its new value; unchanged fields are left out.
    """
    delta: dict[str, Any] = {}
    for key, value in after.items():
        old = before.get(key)
        if old == value:
            continue
        if isinstance(old, dict) and isinstance(value, dict):
            delta[key] = {k: v for k, v in value.items() if old.get(k) != v}
        elif isinstance(old, list) and isinstance(value, list):
            delta[key] = [item for item in value if item not in old]
        else:
            delta[key] = value
    return delta


def merge_facts(left: Mapping[str, Any] | None, right: Mapping[str, Any] | None) -> dict[str, Any]:
    """State reducer: `right` (a `facts_delta`, or whole facts) merged over `left`.

    Mappings are updated entry by entry, lists get the items they lack (in order), other
    values are replaced.
    """
    merged = dict(left or {})
    for key, value in (right or {}).items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = [*old, *(item for item in value if item not in old)]
        else:
            merged[key] = value
    return merged


class ModelTurnInput(TypedDict):
    """What a model turn reads of the state: the conversation and the case's tokens.

    The model node's input schema: the registry answers (`facts`) stay out of its activity
    input, which then grows with the conversation only.
    """

    request: dict[str, Any]
    messages: Annotated[list[AnyMessage], merge_messages]
    turns: int
    pseudonyms: NotRequired[dict[str, Any]]
    usage: NotRequired[dict[str, Any]]
    pending_lookups: NotRequired[list[str]]

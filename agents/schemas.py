"""Tool schemas as the model is shown them: the shape of the arguments, nothing more.

Every request to a model endpoint carries the tools' JSON schemas, so their size is paid on
every turn. The model needs the shape of the arguments (types, required fields, enums); the
system prompt explains what the fields mean, and the tool node validates every call with the
full pydantic model anyway. `function_schema` therefore drops descriptions, titles, defaults
and string and length constraints, and folds `X | None` into `X`.
"""

from typing import Any

from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel

_DROPPED = frozenset(
    {
        "description",
        "title",
        "default",
        "pattern",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "additionalProperties",
    }
)
"""Schema keywords the model can do without: the tool node checks them."""


def _is_null(schema: object) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def compact_schema(schema: Any) -> Any:
    """`schema` without what the tool node checks itself (see the module docstring).

    An `anyOf` of one schema and `null` becomes that schema; an `anyOf` of several scalar
    types (a free-form value) is left out, so the value is unconstrained for the model.
    """
    if isinstance(schema, list):
        return [compact_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    options = schema.get("anyOf")
    if isinstance(options, list):
        kept = [o for o in options if not _is_null(o)]
        if len(kept) == 1:
            rest = {k: v for k, v in schema.items() if k != "anyOf"}
            return compact_schema({**kept[0], **rest})
    compact: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED:
            continue
        if key == "properties" and isinstance(value, dict):
            compact[key] = {name: compact_schema(prop) for name, prop in value.items()}
        elif key == "anyOf":
            continue
        else:
            compact[key] = compact_schema(value)
    return compact


def function_schema(name: str, description: str, args_model: type[BaseModel]) -> dict[str, Any]:
    """A tool as a compact OpenAI function schema: its name, what it does, its arguments.

    Args:
        name: The tool's name.
        description: One line on what it does; left out when empty.
        args_model: Its arguments; their schema is shown compact (`compact_schema`).
    """
    spec = convert_to_openai_tool(args_model)
    function: dict[str, Any] = {"name": name}
    if description:
        function["description"] = description
    function["parameters"] = compact_schema(spec["function"]["parameters"])
    return {"type": "function", "function": function}

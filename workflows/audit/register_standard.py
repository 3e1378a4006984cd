"""The algorithm register's publication standard v1.0, and a check of records against it.

The standard is the register's own field configuration (MinBZK/Algoritmeregister,
`backend/app/schemas/config/v1_0.json`), shipped unchanged with this package
(`standards/`, identical to the repository's `specs/` copy). Per field it says whether a
publication must have it (`required`), its `max_length`, its `permitted_values`, which HTML
tags a text may hold (`allowed_html_tags`), and for a `*_grouping` array the fields of each
`{title, link}` item. `check` applies all of it to a register upload file (a JSON list of
records) and names the record and field of every problem, so a file the register would
refuse is never written.
"""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

STANDARD_VERSION = "1.0"
"""The version of the publication standard (the records' `standard_version`)."""

STANDARD_FILE = "algoritmeregister-publicatiestandaard-v1.0.json"
"""The standard's file name, in this package's `standards/` and the repository's `specs/`."""

ALSO_REQUIRED = ("source_data_grouping",)
"""Fields burgerflow requires although the file's `required` does not say so as a boolean.

The standard lists the source data among the fields a publication must have; the file spells
`source_data_grouping`'s `required` as the string `"false"` where every other field has a
boolean, so burgerflow requires the grouping explicitly rather than guess what it means.
"""

_TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")


@dataclass(frozen=True, slots=True)
class RegisterProblem:
    """One way a record differs from the standard.

    Attributes:
        record: The record's position in the file (0 for the first).
        field: The field, as the standard names it (`lawful_basis_grouping[1].link` for a
            grouping item's field).
        reason: What is wrong, in words.
    """

    record: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"record {self.record}: {self.field}: {self.reason}"


@cache
def load_standard() -> Mapping[str, Any]:
    """The standard's `properties`: every field's configuration, by field name."""
    text = files("workflows.audit").joinpath("standards", STANDARD_FILE).read_text("utf-8")
    properties = json.loads(text)["properties"]
    assert isinstance(properties, dict)
    return properties


def _required(spec: Mapping[str, Any], name: str) -> bool:
    return spec.get("required") is True or name in ALSO_REQUIRED


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _check_text(
    value: object, spec: Mapping[str, Any], name: str, record: int
) -> list[RegisterProblem]:
    if not isinstance(value, str):
        return [RegisterProblem(record, name, f"must be text, not {type(value).__name__}")]
    problems = []
    max_length = spec.get("max_length")
    if isinstance(max_length, int) and len(value) > max_length:
        problems.append(
            RegisterProblem(
                record, name, f"is {len(value)} characters long, at most {max_length} allowed"
            )
        )
    permitted = spec.get("permitted_values")
    if permitted is not None and value not in permitted:
        allowed = ", ".join(f"'{v}'" for v in permitted)
        problems.append(RegisterProblem(record, name, f"'{value}' is not one of {allowed}"))
    tags = spec.get("allowed_html_tags")
    if tags is not None:
        for tag in sorted({t.lower() for t in _TAG.findall(value)} - set(tags)):
            problems.append(RegisterProblem(record, name, f"the HTML tag <{tag}> is not allowed"))
    return problems


def _check_list(
    value: object, spec: Mapping[str, Any], name: str, record: int
) -> list[RegisterProblem]:
    if not isinstance(value, list):
        return [RegisterProblem(record, name, f"must be a list, not {type(value).__name__}")]
    items = spec.get("items")
    if items is None:
        return [
            problem
            for i, item in enumerate(value)
            for problem in _check_text(item, spec, f"{name}[{i}]", record)
        ]
    problems = []
    for i, item in enumerate(value):
        at = f"{name}[{i}]"
        if not isinstance(item, dict):
            problems.append(RegisterProblem(record, at, "must be an object {title, link}"))
            continue
        problems += [
            RegisterProblem(record, f"{at}.{key}", "is not a field of this grouping")
            for key in item
            if key not in items
        ]
        for key, item_spec in items.items():
            item_value = item.get(key)
            if _empty(item_value):
                if item_spec.get("required") is True:
                    problems.append(RegisterProblem(record, f"{at}.{key}", "is required"))
                continue
            problems += _check_text(item_value, item_spec, f"{at}.{key}", record)
    return problems


def check_record(record: Mapping[str, Any], index: int = 0) -> list[RegisterProblem]:
    """Every way one record differs from the standard (none: the register accepts it).

    Args:
        record: The record, with the standard's field names.
        index: Its position in the upload file, for the problems' `record`.
    """
    standard = load_standard()
    problems = [
        RegisterProblem(index, name, "is not a field of the publication standard v1.0")
        for name in record
        if name not in standard
    ]
    for name, spec in standard.items():
        value = record.get(name)
        if _empty(value):
            if _required(spec, name):
                problems.append(RegisterProblem(index, name, "is required"))
            continue
        if spec.get("type") == "array":
            problems += _check_list(value, spec, name, index)
        else:
            problems += _check_text(value, spec, name, index)
    return problems


def check(records: Sequence[Mapping[str, Any]]) -> list[RegisterProblem]:
    """Every way an upload file (a list of records) differs from the standard.

    Args:
        records: The file's records, in order.
    """
    if not records:
        return [RegisterProblem(0, "(file)", "holds no record")]
    return [problem for i, record in enumerate(records) for problem in check_record(record, i)]

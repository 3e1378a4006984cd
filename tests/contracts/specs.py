"""The official specifications, as the contract tests read them.

`specs/` in the repository holds unchanged copies of the files in `../shared/specs/` (with
their SHA-256 sums), so the tests validate offline on any clone; `test_specs.py` checks the
copies against the sums and, beside a checkout that has it, against `../shared/specs/`.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
SHARED = ROOT.parent / "shared" / "specs"

BRP = "brp-personen-v2.7.0.resolved.json"
BAG = "bag-individuelebevragingen-v2.resolved.yaml"
ZAKEN = "zgw-zaken-api-1.5.1.yaml"
CATALOGI = "zgw-catalogi-api.yaml"
REGISTER = "algoritmeregister-publicatiestandaard-v1.0.json"


@cache
def load(name: str) -> dict[str, Any]:
    """One specification file, parsed (JSON or YAML)."""
    path = SPECS / name
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    assert isinstance(data, dict)
    return data

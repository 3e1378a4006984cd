"""The import contract of the layers fails the build when a lower layer imports a higher one.

`make lint` runs `lint-imports` on the tree; here it runs on a copy of the tree, once as it is
(kept) and once with an upward import planted in each of a few layers (broken, naming it).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("burgerflow", "workflows", "agents", "approvals", "registries_mock")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_tree(target: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / ".importlinter", target / ".importlinter")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, so the contract is checked on it, not on the
    # installed project.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_tree_keeps_its_layers(tmp_path: Path) -> None:
    _copy_tree(tmp_path)
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("burgerflow/core/upward.py", "import workflows.life_events"),
        ("burgerflow/registry/upward.py", "import agents.deps"),
        ("agents/upward.py", "import workflows.case.workflow"),
        ("workflows/case/upward.py", "import approvals.store"),
        ("approvals/upward.py", "import burgerflow.api.app"),
        ("workflows/upward.py", "import registries_mock.app"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path: Path, module: str, upward: str) -> None:
    _copy_tree(tmp_path)
    (tmp_path / module).write_text(f'"""Planted."""\n\n{upward}  # noqa: F401\n')
    result = _lint(tmp_path)
    planted = module.removesuffix(".py").replace("/", ".")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert planted in result.stdout

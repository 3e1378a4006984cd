"""The vendored specifications are the official files, unchanged."""

import hashlib

from tests.contracts.specs import SHARED, SPECS


def _sums() -> dict[str, str]:
    lines = (SPECS / "SHA256SUMS").read_text().splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line)}


def test_the_copies_match_their_sums() -> None:
    sums = _sums()
    assert len(sums) == 5
    for name, digest in sums.items():
        assert hashlib.sha256((SPECS / name).read_bytes()).hexdigest() == digest, name


def test_the_copies_match_the_shared_specifications_where_present() -> None:
    shared = sorted(p.name for p in SHARED.glob("*.json")) + sorted(
        p.name for p in SHARED.glob("*.yaml")
    )
    for name in shared:
        assert (SPECS / name).read_bytes() == (SHARED / name).read_bytes(), name
    assert set(shared) <= set(_sums())

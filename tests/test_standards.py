"""The standards' schema files in tests/standards/ are the published ones, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "standards"
# The project's shared material, beside the repository, where a working copy has it.
SHARED = Path(__file__).resolve().parents[2] / "shared" / "standards"
FILES = sorted(
    p.relative_to(HERE) for p in HERE.rglob("*") if p.is_file() and p.name != "README.md"
)


def test_both_standards_are_here_with_their_schemas():
    names = {str(p) for p in FILES}
    assert {"oparl-1.1/Body.json", "oparl-1.1/Membership.json"} <= names
    assert {"360giving-1.4/360-giving-schema.json", "360giving-1.4/regrantType.csv"} <= names


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared material beside this working copy")
@pytest.mark.parametrize("relative", FILES, ids=str)
def test_each_file_is_the_published_one_unchanged(relative):
    assert (HERE / relative).read_bytes() == (SHARED / relative).read_bytes()

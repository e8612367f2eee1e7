"""What a newcomer relies on before running anything: a complete lock, and a README that lists
the API as it is."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from gemeinsam.api import api

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {name: ROOT / "requirements" / f"{name}.lock" for name in ("base", "dev")}
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: *; *(?P<marker>[^\\]+?))? *\\$"
)


def _locked(path: Path) -> dict[str, Version]:
    """The pins of a lock file that apply on this machine (markers evaluated)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match and (not match["marker"] or Marker(match["marker"]).evaluate()):
            pins[canonicalize_name(match["name"])] = Version(match["version"])
    return pins


def _direct(lock: str) -> list[Requirement]:
    """The requirements the .in files ask for (with the extras they ask for)."""
    requirements, files = [], [ROOT / "requirements" / f"{lock}.in"]
    while files:
        for line in files.pop().read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("-r "):
                files.append(ROOT / "requirements" / line[3:].strip())
            elif line:
                requirements.append(Requirement(line))
    return requirements


def _missing(lock: str) -> list[str]:
    """Every requirement of every locked package (with the extras asked for anywhere) that the
    lock does not satisfy: what pip would have to resolve on its own."""
    pins = _locked(LOCKS[lock])
    wanted = [(None, r) for r in _direct(lock)]
    seen, missing = set(), []
    while wanted:
        parent, requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        version = pins.get(name)
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            missing.append(f"{requirement} (needed by {parent or lock + '.in'})")
            continue
        for extra in {"", *requirement.extras}:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for dependency in metadata.distribution(name).requires or []:
                needed = Requirement(dependency)
                if needed.marker is None or needed.marker.evaluate({"extra": extra}):
                    wanted.append((name, needed))
    return missing


@pytest.mark.parametrize("lock", ["base", "dev"])
def test_the_lock_holds_every_requirement_of_every_locked_package(lock):
    assert _missing(lock) == []


def test_a_lock_missing_a_requirement_is_caught(tmp_path, monkeypatch):
    """The negative control: take coverage out of the lock and pytest-cov's need shows."""
    text = LOCKS["dev"].read_text(encoding="utf-8")
    trimmed = re.sub(r"(?ms)^coverage==.*?(?=^\S)", "", text)
    assert trimmed != text
    (tmp_path / "dev.lock").write_text(trimmed, encoding="utf-8")
    monkeypatch.setitem(LOCKS, "dev", tmp_path / "dev.lock")
    assert [m for m in _missing("dev") if m.startswith("coverage")] == [
        "coverage[toml]>=7.10.6 (needed by pytest-cov)"
    ]


@pytest.mark.parametrize("lock", ["base", "dev"])
def test_every_lock_entry_is_pinned_with_hashes_and_names_no_address(lock):
    text = LOCKS[lock].read_text(encoding="utf-8")
    assert "://" not in text
    blocks = [b for b in re.split(r"(?m)^(?=\S)", text) if b.strip() and not b.startswith("#")]
    assert blocks
    for block in blocks:
        assert ENTRY.match(block.splitlines()[0]), block.splitlines()[0]
        assert "--hash=sha256:" in block, block.splitlines()[0]


def _readme_operations() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `((?:GET|POST|PUT|PATCH|DELETE) /api/v1/\S+)` \|", section, re.M)


def test_the_readme_lists_every_api_operation_in_the_documents_order():
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = [
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
    ]
    assert len(operations) >= 23
    assert _readme_operations() == operations


def test_production_and_development_install_the_same_versions():
    base, dev = _locked(LOCKS["base"]), _locked(LOCKS["dev"])
    assert {name: (base[name], dev.get(name)) for name in base if base[name] != dev.get(name)} == {}

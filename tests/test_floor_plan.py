"""The floor plan of docs/architecture.md, read from the source: floors that only point down, no
import cycle, no prefixed layer files, no function-local import of our own code without a
stated reason, and modules of a readable size.

The checks read the imports with `ast`, as written, without importing anything.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import gemeinsam

SOURCE = Path(gemeinsam.__file__).resolve().parent

# The floors, lowest first. An app may import from a lower floor, and from its own floor only
# where READS_ACROSS says so; the top floor combines everything and nobody imports it.
FLOORS = {
    "core": 0,
    "accounts": 1,
    "translations": 1,
    "agencies": 2,
    "organizations": 2,
    "events": 3,
    "funding": 3,
    "surveys": 3,
    "rooms": 4,
    "counselling": 4,
    "tandems": 5,
    "knowledge": 5,
    "committees": 5,
    "site": 6,
    "demo": 6,
    "bench": 6,
    "api": 6,
    "urls": 6,
    "settings": 6,
    "wsgi": 6,
    "__main__": 6,
}
# The bench generates organizations the way the demo does; the wiring reads the API it mounts.
READS_ACROSS = {("bench", "demo"), ("urls", "api")}

LAYER_PREFIX = re.compile(
    r"/(forms|services|urls|views|tasks|api)_[a-z_]+\.py$|/[a-z]+_(services|queries|tasks)\.py$"
)
MAX_LINES = 400


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE)
        if "migrations" in relative.parts:
            continue
        yield relative, path.read_text(encoding="utf-8")


def _app(relative: Path) -> str:
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _dotted(relative: Path) -> str:
    if relative == Path("."):
        return "gemeinsam"
    parts = ["gemeinsam", *relative.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(relative: Path, tree: ast.Module, *, top_level_only: bool):
    """(line, imported module) for every import of our own code."""
    package = _dotted(relative) if relative.name == "__init__.py" else _dotted(relative.parent)
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gemeinsam."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            if module.startswith("gemeinsam"):
                # `from . import x` names modules: count each as an import of its own.
                names = [f"{module}.{a.name}" for a in node.names] if not node.module else []
                yield from ((node.lineno, name) for name in names or [module])


def test_floors_only_point_down():
    upward = []
    for relative, text in _modules():
        app = _app(relative)
        for line, module in _imports(relative, ast.parse(text), top_level_only=False):
            target = module.split(".")[1] if "." in module else app
            if target == app or target not in FLOORS:
                continue
            if FLOORS[target] < FLOORS[app] or (app, target) in READS_ACROSS:
                continue
            upward.append(f"{relative}:{line} {app} -> {target}")
    assert upward == []


def test_core_is_the_ground_floor():
    apps = {name for name, floor in FLOORS.items() if floor > 0}
    found = [
        f"{relative}:{line} {module}"
        for relative, text in _modules()
        if _app(relative) == "core"
        for line, module in _imports(relative, ast.parse(text), top_level_only=False)
        if module.split(".")[1] in apps
    ]
    assert found == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules_or_apps():
    modules = {_dotted(relative): (relative, text) for relative, text in _modules()}
    graph: dict[str, set[str]] = defaultdict(set)
    apps: dict[str, set[str]] = defaultdict(set)
    for name, (relative, text) in modules.items():
        for _line, module in _imports(relative, ast.parse(text), top_level_only=True):
            while module not in modules and "." in module:
                module = module.rsplit(".", 1)[0]  # `from x import name` of a module's member
            if module in modules and module != name:
                graph[name].add(module)
                source, target = _app(relative), _app(modules[module][0])
                if source != target:
                    apps[source].add(target)
    assert _cycles(graph) == []
    assert _cycles(apps) == []


def test_no_layer_file_carries_a_prefix_or_suffix():
    assert [str(r) for r, _ in _modules() if LAYER_PREFIX.search(f"/{r}")] == []


REASON = re.compile(
    r"#.*\b(because|so that|cycle|app registry|apps\.ready|loads|until|only)\b", re.IGNORECASE
)


def test_a_function_local_import_of_our_code_says_why():
    unexplained = []
    for relative, text in _modules():
        tree = ast.parse(text)
        lines = text.splitlines()
        top = set(_imports(relative, tree, top_level_only=True))
        for line, module in _imports(relative, tree, top_level_only=False):
            if (line, module) in top:
                continue
            said = " ".join(lines[max(0, line - 3) : line])
            if not REASON.search(said):
                unexplained.append(f"{relative}:{line} {module}")
    assert unexplained == []


def test_modules_stay_readable():
    long = [
        f"{relative} ({len(text.splitlines())} lines)"
        for relative, text in _modules()
        if len(text.splitlines()) > MAX_LINES
    ]
    assert long == []


def test_membership_status_is_asked_through_one_queryset_method():
    """`OrganizationMembership.objects.active()` and `Organization.objects.acted_for_by(user)`;
    a filter on the status by hand, anywhere else, is how a pending claim once slipped through."""
    by_hand = re.compile(
        r"memberships__status|filter\([^)]*\bstatus=(MembershipStatus\.ACTIVE|\"active\")"
    )
    found = [
        str(relative)
        for relative, text in _modules()
        if relative.parts[:2] != ("organizations", "models") and by_hand.search(text)
    ]
    assert found == []

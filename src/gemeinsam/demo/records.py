"""Reading the demo's data files (`data/*.yaml`) into records.

Each file is read once with `yaml.safe_load` and handed to a builder that turns it into frozen
records with `record(Shape, value, where)`: a record that lacks a field, names one its shape
does not have or holds a value of the wrong kind raises `DataError`, naming the file and the
record (`gemeinsam demo` prints it and stops before anything is written).

Values are checked against the shape's annotations: `str`, `int`, `float`, `bool`, `Decimal`,
`uuid.UUID`, `datetime.date` (YAML writes 2024-06-14), `datetime.time` (written "17:00", in
quotes: YAML would read 17:00 as a number of minutes), enums by their value, `Literal[...]`,
`tuple[X, ...]`, `dict[K, V]`, `X | Y`, other shapes, and any type with a
`from_data(value, where)` of its own (people named by their handle, days that need more than
one field).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import functools
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

T = TypeVar("T")

FOLDER = Path(__file__).resolve().parent / "data"
_folder: ContextVar[Path] = ContextVar("demo_data_folder", default=FOLDER)


class DataError(Exception):
    """A data file that cannot be read, or a record in it that does not fit its shape."""


@dataclasses.dataclass(frozen=True)
class Where:
    """A place in a data file, for the error message: the file and the path to the value."""

    path: Path
    trail: tuple[str, ...] = ()

    def at(self, step: object) -> Where:
        return Where(self.path, (*self.trail, str(step)))

    def error(self, problem: str) -> DataError:
        place = " › ".join(self.trail)
        return DataError(f"{self.path}: {place + ': ' if place else ''}{problem}")


@contextlib.contextmanager
def reading_from(folder: Path | str) -> Iterator[None]:
    """Read the data files from `folder` (a changed copy of `data/`) for as long as this lasts."""
    token = _folder.set(Path(folder).resolve())
    try:
        yield
    finally:
        _folder.reset(token)


def load(name: str, build: Callable[[Where, Any], T]) -> T:
    """`build(where, content)` of `data/<name>.yaml`, once per folder."""
    return _load(_folder.get() / f"{name}.yaml", build)


@functools.cache
def _load(path: Path, build: Callable[[Where, Any], T]) -> T:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" in line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not YAML"
        raise DataError(f"{path}: not valid YAML{line} ({problem})") from None
    return build(Where(path), content)


def mapping(value: Any, where: Where) -> dict:
    if not isinstance(value, dict):
        raise where.error(f"expected a mapping of names to values, found {_show(value)}")
    return value


def sections(content: Any, where: Where, *names: str) -> dict:
    """A file's top-level mapping, with exactly the sections `names`."""
    content = mapping(content, where)
    unknown = [key for key in content if key not in names]
    if unknown:
        raise where.error(f"unknown section {unknown[0]!r} (known: {', '.join(names)})")
    missing = [name for name in names if name not in content]
    if missing:
        raise where.error(f"missing section {missing[0]!r}")
    return content


def sequence(value: Any, where: Where) -> list:
    if not isinstance(value, list):
        raise where.error(f"expected a list, found {_show(value)}")
    return value


def record(shape: type[T], value: Any, where: Where) -> T:
    """The frozen `shape` a YAML mapping describes, every value checked and converted."""
    value = mapping(value, where)
    fields = {f.name: f for f in dataclasses.fields(shape)}
    unknown = [key for key in value if key not in fields]
    if unknown:
        raise where.error(f"unknown field {unknown[0]!r} (known: {', '.join(fields)})")
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if required and name not in value:
            raise where.error(f"missing field {name!r}")
    hints = _hints(shape)
    return shape(**{key: convert(item, hints[key], where.at(key)) for key, item in value.items()})


def records(shape: type[T], value: Any, where: Where, *, key: str = "") -> tuple[T, ...]:
    """A list of records; each is named in errors by its `key` field, or by its number."""
    found = []
    for number, item in enumerate(sequence(value, where), start=1):
        label = item.get(key) if key and isinstance(item, dict) else None
        found.append(record(shape, item, where.at(f"{label!r}" if label else f"#{number}")))
    return tuple(found)


@functools.cache
def _hints(shape: type) -> dict[str, Any]:
    return typing.get_type_hints(shape)


def convert(value: Any, hint: Any, where: Where) -> Any:
    """`value` as `hint` describes it, or DataError."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _union(value, args, where)
    if origin is Literal:
        if value not in args:
            raise where.error(f"expected one of {', '.join(map(str, args))}, found {_show(value)}")
        return value
    if origin is tuple:
        return _tuple(value, args, where)
    if origin is dict:
        return {
            convert(k, args[0], where.at(k)): convert(v, args[1], where.at(k))
            for k, v in mapping(value, where).items()
        }
    if hint is Any:
        return value
    if hint in _SCALARS:
        return _scalar(value, hint, where)
    if isinstance(value, hint):  # a record built already (a person named by handle)
        return value
    if hasattr(hint, "from_data"):
        return hint.from_data(value, where)
    if dataclasses.is_dataclass(hint):
        return record(hint, value, where)
    if issubclass(hint, enum.Enum):
        return _enum(value, hint, where)
    raise where.error(f"cannot read a {hint.__name__}")


def _union(value: Any, args: tuple, where: Where) -> Any:
    if value is None and type(None) in args:
        return None
    problems = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return convert(value, arg, where)
        except DataError as error:
            problems.append(str(error).rsplit(": ", 1)[-1])
    raise where.error(" or ".join(problems))


def _tuple(value: Any, args: tuple, where: Where) -> tuple:
    items = sequence(value, where)
    if args[-1] is Ellipsis:
        return tuple(convert(v, args[0], where.at(f"#{n}")) for n, v in enumerate(items, 1))
    if len(items) != len(args):
        raise where.error(f"expected a list of {len(args)}, found {len(items)}")
    pairs = enumerate(zip(items, args, strict=True), 1)
    return tuple(convert(v, a, where.at(f"#{n}")) for n, (v, a) in pairs)


def _enum(value: Any, hint: type[enum.Enum], where: Where) -> enum.Enum:
    try:
        return hint(value)
    except ValueError:
        known = ", ".join(str(member.value) for member in hint)
        raise where.error(f"expected one of {known}, found {_show(value)}") from None


_SCALARS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    Decimal: "a number",
    datetime.date: "a date written as 2024-06-14",
    datetime.time: "a time of day in quotes, such as '17:00'",
    uuid.UUID: "an id such as 5e1f0c6a-2d1b-4b8e-9c55-6b0a1f3d2e01",
}


def _scalar(value: Any, hint: type, where: Where) -> Any:
    if hint is datetime.time and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return datetime.time.fromisoformat(value)
    elif hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    elif hint is Decimal and isinstance(value, int | float | str) and not isinstance(value, bool):
        with contextlib.suppress(InvalidOperation):
            return Decimal(str(value))
    elif hint is uuid.UUID and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return uuid.UUID(value)
    elif hint is datetime.date:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
    elif isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
        return value
    raise where.error(f"expected {_SCALARS[hint]}, found {_show(value)}")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"

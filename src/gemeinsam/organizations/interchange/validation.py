"""The dry run: every row checked as the model would check it, and likely duplicates found.

`check()` reads nothing but reference data and the name, city and register number of existing
organizations (five queries in all, whatever the size of the file), so the web preview and the
command line can run it as often as the mapping changes. Messages are produced in the active
language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from ..enums import OrganizationKind
from ..models import Organization
from . import fields as f
from . import values as v
from .enums import WITHIN_FILE_DECISIONS, Decision
from .parsing import Table

# Fields that full_clean() must not look at: the slug is made when saving, and the legal form
# was already found in the reference data (checking it again would cost a query per row).
_NOT_CLEANED = {"slug", "legal_form"}


@dataclass(frozen=True)
class Problem:
    row: int | None  # None: the file or the mapping as a whole
    column: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class Match:
    """An existing organization that a row probably describes."""

    id: int
    name: str
    city: str
    slug: str


@dataclass
class CheckedRow:
    number: int
    values: dict[str, Any]  # only the targets whose cell held a usable value
    problems: list[Problem] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    same_as_row: int | None = None  # an earlier row of the file that looks the same

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def city(self) -> str:
        return self.values.get("city", "")

    @property
    def is_duplicate(self) -> bool:
        return bool(self.matches) or self.same_as_row is not None

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return tuple(Decision) if self.matches else WITHIN_FILE_DECISIONS


@dataclass
class Preview:
    headers: list[str]
    mapping: list[str]
    rows: list[CheckedRow]
    file_problems: list[Problem]

    @property
    def problems(self) -> list[Problem]:
        return [*self.file_problems, *(p for row in self.rows for p in row.problems)]

    @property
    def rows_with_problems(self) -> int:
        return sum(1 for row in self.rows if row.problems)

    @property
    def duplicates(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.is_duplicate]

    @property
    def can_apply(self) -> bool:
        return bool(self.rows) and not self.file_problems and not self.rows_with_problems


def _mapping_problems(headers: list[str], mapping: list[str], rows: int) -> list[Problem]:
    problems = []
    columns_of: dict[str, list[str]] = defaultdict(list)
    for header, name in zip(headers, mapping, strict=False):
        if name:
            columns_of[name].append(header)
    for name, columns in columns_of.items():
        if name not in f.TARGETS_BY_NAME:
            problems.append(
                Problem(None, columns[0], _("Unknown field “%(field)s”.") % {"field": name})
            )
        elif len(columns) > 1:
            problems.append(
                Problem(
                    None,
                    ", ".join(columns),
                    _("Several columns are mapped to “%(field)s”. Choose one of them.")
                    % {"field": f.TARGETS_BY_NAME[name].label},
                )
            )
    for name in f.REQUIRED:
        if name not in columns_of:
            problems.append(
                Problem(
                    None,
                    "",
                    _("No column is mapped to “%(field)s”. Every organization needs one.")
                    % {"field": f.TARGETS_BY_NAME[name].label},
                )
            )
    if not rows:
        problems.append(Problem(None, "", _("The file has no rows below the column names.")))
    return problems


def build_organization(values: dict[str, Any]) -> Organization:
    """An unsaved organization from a row's values; kind defaults to migrant organization."""
    scalars = {
        name: value
        for name, value in values.items()
        if f.TARGETS_BY_NAME[name].on_model and f.TARGETS_BY_NAME[name].kind != f.MULTI
    }
    scalars.setdefault("kind", OrganizationKind.MIGRANT_ORG)
    return Organization(**scalars)


def _clean(row: CheckedRow, columns: dict[str, str], skip: set[str]) -> None:
    org = build_organization(row.values)
    try:
        org.full_clean(
            exclude=sorted(_NOT_CLEANED | skip), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = columns.get(name, "" if name == NON_FIELD_ERRORS else name)
            shown = "" if name == NON_FIELD_ERRORS else str(row.values.get(name, ""))
            row.problems.extend(Problem(row.number, column, m, shown) for m in messages)


def _duplicate_keys(values: dict[str, Any]) -> tuple[tuple | None, str | None]:
    name = " ".join(str(values.get("name", "")).split()).casefold()
    city = " ".join(str(values.get("city", "")).split()).casefold()
    register = "".join(str(values.get("register_number", "")).split()).casefold()
    return ((name, city) if name else None), (register or None)


def _existing_index() -> tuple[dict, dict]:
    by_name_city: dict[tuple, list[Match]] = defaultdict(list)
    by_register: dict[str, list[Match]] = defaultdict(list)
    rows = Organization.objects.order_by("id").values_list(
        "id", "name", "city", "register_number", "slug"
    )
    for pk, name, city, register, slug in rows.iterator(chunk_size=5000):
        match = Match(pk, name, city, slug)
        name_city, register_key = _duplicate_keys(
            {"name": name, "city": city, "register_number": register}
        )
        if name_city:
            by_name_city[name_city].append(match)
        if register_key:
            by_register[register_key].append(match)
    return by_name_city, by_register


def _find_duplicates(rows: list[CheckedRow]) -> None:
    by_name_city, by_register = _existing_index()
    first_row_with: dict[Any, int] = {}
    for row in rows:
        name_city, register = _duplicate_keys(row.values)
        matches = [*by_name_city.get(name_city, []), *by_register.get(register, [])]
        row.matches = list({m.id: m for m in matches}.values())
        for key in (("name_city", name_city), ("register", register)):
            if key[1] is None:
                continue
            if key in first_row_with and row.same_as_row is None:
                row.same_as_row = first_row_with[key]
            first_row_with.setdefault(key, row.number)


def check(table: Table, mapping: list[str], *, on_row: Callable[[], None] | None = None) -> Preview:
    """Every row converted and validated, every likely duplicate found. Writes nothing."""
    mapping = [*mapping[: len(table.headers)], *[""] * (len(table.headers) - len(mapping))]
    file_problems = _mapping_problems(table.headers, mapping, len(table.rows))
    mapped = [
        (i, f.TARGETS_BY_NAME[name]) for i, name in enumerate(mapping) if name in f.TARGETS_BY_NAME
    ]
    columns = {target.name: table.headers[i] for i, target in mapped}
    unmapped_required = {name for name in f.REQUIRED if name not in columns}
    position = {header: i for i, header in reversed(list(enumerate(table.headers)))}
    lookups = v.Lookups.load()
    rows = []
    for source in table.rows:
        row = CheckedRow(source.number, {})
        failed = set(unmapped_required)
        for index, target in mapped:
            raw = source.cell(index)
            column = table.headers[index]
            if index in source.formulas:
                row.problems.append(
                    Problem(
                        source.number,
                        column,
                        _(
                            "This cell holds a formula. Formulas are not run: "
                            "replace it with the value it shows."
                        ),
                        str(raw),
                    )
                )
                failed.add(target.name)
                continue
            if v.is_empty(raw):
                continue
            try:
                row.values[target.name] = v.convert(target, raw, lookups)
            except ValidationError as error:
                failed.add(target.name)
                row.problems.extend(
                    Problem(source.number, column, m, str(raw)) for m in error.messages
                )
        _clean(row, columns, failed)
        # In the order of the file's columns, as people read the row.
        row.problems.sort(key=lambda p: position.get(p.column, len(position)))
        rows.append(row)
        if on_row:
            on_row()
    _find_duplicates(rows)
    return Preview(table.headers, mapping, rows, file_problems)


def decisions_for_all(preview: Preview, decision: Decision) -> dict[int, Decision]:
    """One decision for every likely duplicate (the command line's --on-duplicate).

    A row that only repeats an earlier row of the file has nothing to merge into; it is skipped
    unless the decision is to create.
    """
    result = {}
    for row in preview.duplicates:
        result[row.number] = decision if decision in row.decisions else Decision.SKIP
    return result

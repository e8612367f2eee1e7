"""The gap, live: how many migrant organizations work in a field, and how many of them fund that
work through the field's regular funding (the seeds' figure: 54 % against 18 % in child and
youth welfare), computed from the directory per region and per federal state.

Every figure comes from a few aggregate queries (counts grouped by field or by federal state), so
the dashboard costs the same number of queries for ten organizations as for a hundred thousand.
Established providers give the reference line. All organizations in the directory count, public
or not: the figures are totals; only the staff drill-down lists organizations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.enums import FundingKind, OrganizationKind
from gemeinsam.organizations.models import FieldOfActivity, FundingSource, Organization

MIGRANT = OrganizationKind.MIGRANT_ORG
ESTABLISHED = OrganizationKind.ESTABLISHED_PROVIDER
KINDS = (MIGRANT, ESTABLISHED)
DEFAULT_FIELD = "youth_welfare"
NO_STATE = ""  # organizations without a federal state: counted for Germany, a row of their own


class Group:
    ACTIVE = "active"
    REGULAR = "regular"
    ACTIVE_WITHOUT_REGULAR = "active_without_regular"
    ALL = (ACTIVE, REGULAR, ACTIVE_WITHOUT_REGULAR)


Through = Organization.fields.through


def share(part: int, whole: int) -> float | None:
    """Per cent with one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass
class Figures:
    """One kind of organization in one region and one field."""

    total: int = 0  # organizations of the kind in the region
    active: int = 0  # … active in the field
    regular: int = 0  # … funding work in the field through regular funding
    regular_active: int = 0  # … both active in the field and regularly funded there

    @property
    def active_share(self) -> float | None:
        return share(self.active, self.total)

    @property
    def regular_share(self) -> float | None:
        return share(self.regular, self.total)

    @property
    def regular_of_active(self) -> float | None:
        return share(self.regular_active, self.active)

    @property
    def active_without_regular(self) -> int:
        return self.active - self.regular_active

    @property
    def gap(self) -> float | None:
        """Percentage points between the share active and the share regularly funded."""
        if not self.total:
            return None
        return round(self.active_share - self.regular_share, 1)


@dataclass
class Row:
    key: str  # field code or federal-state code
    label: str
    figures: dict[str, Figures] = field(default_factory=lambda: {k: Figures() for k in KINDS})

    @property
    def migrant(self) -> Figures:
        return self.figures[MIGRANT]

    @property
    def established(self) -> Figures:
        return self.figures[ESTABLISHED]


@dataclass(frozen=True)
class Filters:
    state: str = ""
    district: str = ""
    field: FieldOfActivity | None = None

    @property
    def region_label(self) -> str:
        if not self.state:
            return _("Germany")
        name = str(FederalState(self.state).label)
        return f"{self.district}, {name}" if self.district else name

    def query(self, **extra: str) -> dict[str, str]:
        values = {"state": self.state, "district": self.district}
        if self.field is not None:
            values["field"] = self.field.code
        values.update(extra)
        return {key: value for key, value in values.items() if value}


def districts(state: str) -> list[str]:
    """The districts named in the directory, within a federal state if one is chosen."""
    orgs = Organization.objects.exclude(district="")
    if state:
        orgs = orgs.filter(federal_state=state)
    return list(orgs.order_by("district").values_list("district", flat=True).distinct())


def parse_filters(query, fields: list[FieldOfActivity], known_districts: list[str]) -> Filters:
    """State, district and field from the address; a value that names nothing is ignored."""
    state = str(query.get("state", "")).strip().upper()
    if state not in FederalState.values:
        state = ""
    district = str(query.get("district", "")).strip()
    if district not in known_districts:
        district = ""
    by_code = {f.code: f for f in fields}
    chosen = by_code.get(str(query.get("field", "")).strip())
    if chosen is None:
        chosen = by_code.get(DEFAULT_FIELD) or (fields[0] if fields else None)
    return Filters(state=state, district=district, field=chosen)


def _region(filters: Filters, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}kind__in": KINDS})
    if filters.state:
        q &= Q(**{f"{prefix}federal_state": filters.state})
    if filters.district:
        q &= Q(**{f"{prefix}district": filters.district})
    return q


def _active_in_same_field() -> Exists:
    return Exists(
        Through.objects.filter(
            organization_id=OuterRef("organization_id"), fieldofactivity_id=OuterRef("field_id")
        )
    )


def _tally(filters: Filters, group: str, field_id: int | None = None) -> dict[tuple, Figures]:
    """Figures keyed by (group value, kind): group is "field" (over the chosen region) or
    "state" (over all of Germany, for one field). Four queries, whatever the directory's size."""
    tallies: dict[tuple, Figures] = {}

    def at(key, kind) -> Figures:
        return tallies.setdefault((key, kind), Figures())

    by_field = group == "field"
    orgs = Organization.objects.filter(_region(filters) if by_field else Q(kind__in=KINDS))
    total_key = "kind" if by_field else "federal_state"
    totals = orgs.values(*{"kind", total_key}).annotate(n=Count("id")).order_by()
    for row in totals:
        key = None if by_field else row["federal_state"]
        at(key, row["kind"]).total = row["n"]

    region = _region(filters, "organization__") if by_field else Q(organization__kind__in=KINDS)
    key_path = "fieldofactivity_id" if by_field else "organization__federal_state"
    active = Through.objects.filter(region)
    if not by_field:
        active = active.filter(fieldofactivity_id=field_id)
    for row in active.values(key_path, "organization__kind").annotate(n=Count("id")).order_by():
        at(row[key_path], row["organization__kind"]).active = row["n"]

    regular = FundingSource.objects.filter(region, kind=FundingKind.REGULAR)
    key_path = "field_id" if by_field else "organization__federal_state"
    if not by_field:
        regular = regular.filter(field_id=field_id)
    counted = (
        regular.values(key_path, "organization__kind")
        .annotate(
            n=Count("organization_id", distinct=True),
            both=Count("organization_id", distinct=True, filter=Q(_active_in_same_field())),
        )
        .order_by()
    )
    for row in counted:
        figures = at(row[key_path], row["organization__kind"])
        figures.regular, figures.regular_active = row["n"], row["both"]
    return tallies


def by_field(filters: Filters, fields: list[FieldOfActivity]) -> list[Row]:
    """One row per field of activity, for the chosen region."""
    tallies = _tally(filters, "field")
    rows = []
    for f in fields:
        row = Row(key=f.code, label=f.label)
        for kind in KINDS:
            figures = tallies.get((f.pk, kind), Figures())
            figures.total = tallies.get((None, kind), Figures()).total
            row.figures[kind] = figures
        rows.append(row)
    return rows


def by_state(filters: Filters) -> list[Row]:
    """One row per federal state for the chosen field (plus one for organizations without a
    state, if there are any)."""
    if filters.field is None:
        return []
    tallies = _tally(filters, "state", filters.field.pk)
    states = list(FederalState.choices)
    if any(key == NO_STATE for key, _kind in tallies):
        states.append((NO_STATE, _("No federal state given")))
    rows = []
    for code, label in states:
        row = Row(key=code, label=str(label))
        for kind in KINDS:
            row.figures[kind] = tallies.get((code, kind), Figures())
        rows.append(row)
    return rows


def organizations(filters: Filters, group: str, kind: str = MIGRANT) -> QuerySet[Organization]:
    """The organizations behind one count: of `kind`, in the region, in the group for the
    field (active in it, regularly funded in it, or active without regular funding there)."""
    orgs = Organization.objects.filter(_region(filters), kind=kind)
    if filters.field is None:
        return orgs.none()
    funded = Exists(
        FundingSource.objects.filter(
            organization_id=OuterRef("pk"), field=filters.field, kind=FundingKind.REGULAR
        )
    )
    active = Exists(
        Through.objects.filter(organization_id=OuterRef("pk"), fieldofactivity=filters.field)
    )
    if group == Group.REGULAR:
        return orgs.filter(funded)
    if group == Group.ACTIVE_WITHOUT_REGULAR:
        return orgs.filter(active).exclude(funded)
    return orgs.filter(active)


# --- The export: the figures as a table -----------------------------------------------------


def _cell(value: float | None) -> Any:
    return "" if value is None else value


def table(rows: list[Row], *, region: str, first: str) -> list[list[Any]]:
    """Header and one line per row (field or federal state), for CSV and XLSX."""
    header = [
        _("Region"),
        first,
        _("Migrant organizations"),
        _("Active in the field"),
        _("Active in the field (%)"),
        _("Regular funding in the field"),
        _("Regular funding in the field (%)"),
        _("Active and regularly funded"),
        _("Regularly funded, of those active (%)"),
        _("Gap (percentage points)"),
        _("Established providers"),
        _("Established providers active in the field"),
        _("Established providers active in the field (%)"),
        _("Established providers with regular funding"),
        _("Established providers with regular funding (%)"),
    ]
    lines: list[list[Any]] = [header]
    for row in rows:
        m, e = row.migrant, row.established
        lines.append(
            [
                region or row.label,
                row.label,
                m.total,
                m.active,
                _cell(m.active_share),
                m.regular,
                _cell(m.regular_share),
                m.regular_active,
                _cell(m.regular_of_active),
                _cell(m.gap),
                e.total,
                e.active,
                _cell(e.active_share),
                e.regular,
                _cell(e.regular_share),
            ]
        )
    return lines

"""The figures funders ask for: requests, cases, sessions and hours of an agency (or one of its
projects) in a period, by topic, language, channel, kind of organization and new or returning
organization, and the outcomes reached.

Everything is counted by the database (GROUP BY), in a fixed number of queries however many
sessions there are; Python only adds up the grouped rows. Anonymised cases count like any
other: their figures are what anonymisation keeps them for.

What counts:

- requests received: requests in the agency's queue received in the period (a forwarded request
  counts for the agency it was forwarded to); for a project, those whose case counts for it;
- cases opened: opened in the period; cases active: opened on or before its last day and not
  closed before its first;
- sessions and hours: sessions held in the period, on the agency's cases (of the project);
- outcomes: reached in the period, on those cases, with the sum of the amounts approved.

A case with several topics counts under each of them, so the topic rows add up to more than
the total. Counts from 1 to 4 leave the agency only as "<5" (`suppress`), and never beside a
total that would give them away by subtraction (`tables.hidden_cells`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gemeinsam.agencies.models import Agency, Project
from gemeinsam.organizations.enums import OrganizationKind
from gemeinsam.organizations.models import WorkingLanguage

from .enums import Channel, OutcomeKind
from .models import Case, Outcome, Request, Session, Topic
from .periods import day_bounds, months_between

SMALL = 5
SUPPRESSED = "<5"
# A sum derived from a suppressed count (the hours of fewer than five sessions, the amount of
# fewer than five approved applications) would let a reader narrow the count down, or show one
# organization's grant; it is withheld.
WITHHELD = "x"

METRICS = ("requests", "cases_opened", "cases_active", "sessions", "minutes")
# Which figures each breakdown has: a request has no kind of organization of its own yet, and a
# case has no single channel (each session has its own).
DIMENSIONS = {
    "topic": METRICS,
    "language": METRICS,
    "channel": ("requests", "sessions", "minutes"),
    "organization_kind": ("cases_opened", "cases_active", "sessions", "minutes"),
    "client": ("cases_opened", "cases_active", "sessions", "minutes"),
}
NEW, RETURNING = "new", "returning"


def suppress(count: int | None, *derived):
    """A count, and the figures derived from it, as they may leave the agency.

    A count from 1 to 4 becomes "<5" and every figure derived from it is withheld ("x");
    0 stays 0 (nobody can be recognised in an empty cell). Returns a tuple: the count, then the
    derived figures in order. None (a figure that does not apply) stays None.
    """
    if count is not None and 0 < count < SMALL:
        return (SUPPRESSED, *(None if d is None else WITHHELD for d in derived))
    return (count, *derived)


# --- The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """One row's figures; None where a figure does not apply to the breakdown."""

    requests: int | None = None
    cases_opened: int | None = None
    cases_active: int | None = None
    sessions: int | None = None
    minutes: int | None = None

    @property
    def hours(self) -> Decimal | None:
        return hours(self.minutes)


def hours(minutes: int | None) -> Decimal | None:
    if minutes is None:
        return None
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    key: str  # a stable code: the topic's, the language's, the channel, "new" …; "" = not given
    label: str
    figures: Figures


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    lines: tuple[Line, ...]

    @property
    def metrics(self) -> tuple[str, ...]:
        return DIMENSIONS[self.dimension]


@dataclass(frozen=True)
class OutcomeLine:
    kind: str
    label: str
    count: int
    amount: Decimal | None  # the sum approved; only for approved funding applications


@dataclass(frozen=True)
class Month:
    month: datetime.date  # its first day
    sessions: int
    minutes: int

    @property
    def hours(self) -> Decimal:
        return hours(self.minutes)


@dataclass(frozen=True)
class Report:
    agency: Agency
    project: Project | None
    date_from: datetime.date
    date_to: datetime.date
    total: Figures
    breakdowns: tuple[Breakdown, ...]
    outcomes: tuple[OutcomeLine, ...]
    months: tuple[Month, ...]

    def breakdown(self, dimension: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.dimension == dimension)


# --- Counting ---------------------------------------------------------------------------------


class Tally:
    """Counts by (dimension, key, metric), outcomes by kind and sessions by month.

    The SQL report fills it from grouped rows, the benchmark's baseline one object at a time;
    both are turned into the same `Report` by `assemble`.
    """

    def __init__(self):
        self.cells: dict[tuple[str, object, str], int] = defaultdict(int)
        self.outcomes: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
        self.months: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, metric: str, value: int, **keys) -> None:
        """Add to the total and to each breakdown named in `keys` (dimension=key)."""
        self.cells["total", None, metric] += value
        for dimension, key in keys.items():
            self.cells[dimension, key, metric] += value

    def add_topic(self, metric: str, topic_id: int | None, value: int) -> None:
        self.cells["topic", topic_id, metric] += value

    def add_outcome(self, kind: str, count: int, amount: Decimal | None) -> None:
        self.outcomes[kind][0] += count
        self.outcomes[kind][1] += amount or 0

    def add_month(self, month: datetime.date, count: int, minutes: int) -> None:
        self.months[month][0] += count
        self.months[month][1] += minutes


def case_scope(agency: Agency, project: Project | None, prefix: str = ""):
    """A filter for the agency's cases (of the project), from a model that reaches them by
    `prefix` ("case__" from sessions and outcomes)."""
    scope = Q(**{f"{prefix}agency": agency})
    if project is not None:
        scope &= Q(**{f"{prefix}project": project})
    return scope


def funder_report(
    agency: Agency,
    *,
    project: Project | None = None,
    date_from: datetime.date,
    date_to: datetime.date,
) -> Report:
    """The funder report, computed by the database in at most ten queries whatever the data
    size."""
    tally = Tally()
    start, end = day_bounds(date_from, date_to)

    requests = Request.objects.filter(agency=agency, created_at__gte=start, created_at__lt=end)
    if project is not None:
        requests = requests.filter(case__project=project)
    for row in requests.values("channel", "language_id").annotate(n=Count("id")).order_by():
        tally.add("requests", row["n"], channel=row["channel"], language=row["language_id"])
    for row in requests.values("topics").annotate(n=Count("id")).order_by():
        tally.add_topic("requests", row["topics"], row["n"])

    opened = Q(opened_on__gte=date_from, opened_on__lte=date_to)
    cases = Case.objects.filter(
        case_scope(agency, project),
        Q(opened_on__lte=date_to),
        Q(closed_on__isnull=True) | Q(closed_on__gte=date_from),
    )
    counted = {"opened": Count("id", filter=opened), "active": Count("id")}
    for row in (
        cases.values("language_id", "organization_kind", "is_new_client")
        .annotate(**counted)
        .order_by()
    ):
        keys = {
            "language": row["language_id"],
            "organization_kind": row["organization_kind"],
            "client": NEW if row["is_new_client"] else RETURNING,
        }
        tally.add("cases_opened", row["opened"], **keys)
        tally.add("cases_active", row["active"], **keys)
    for row in cases.values("topics").annotate(**counted).order_by():
        tally.add_topic("cases_opened", row["topics"], row["opened"])
        tally.add_topic("cases_active", row["topics"], row["active"])

    sessions = Session.objects.filter(
        case_scope(agency, project, "case__"), held_on__gte=date_from, held_on__lte=date_to
    )
    summed = {"n": Count("id"), "minutes": Sum("duration_minutes")}
    for row in (
        sessions.values(
            "channel", "case__language_id", "case__organization_kind", "case__is_new_client"
        )
        .annotate(**summed)
        .order_by()
    ):
        keys = {
            "channel": row["channel"],
            "language": row["case__language_id"],
            "organization_kind": row["case__organization_kind"],
            "client": NEW if row["case__is_new_client"] else RETURNING,
        }
        tally.add("sessions", row["n"], **keys)
        tally.add("minutes", row["minutes"], **keys)
    for row in sessions.values("case__topics").annotate(**summed).order_by():
        tally.add_topic("sessions", row["case__topics"], row["n"])
        tally.add_topic("minutes", row["case__topics"], row["minutes"])
    # Grouped by day, not by month: truncating every row to its month is a function call per
    # row on SQLite, several times slower than reading the days in the index's order. A period
    # has at most some 3,650 days.
    for row in sessions.values("held_on").annotate(**summed).order_by():
        tally.add_month(row["held_on"].replace(day=1), row["n"], row["minutes"])

    outcomes = Outcome.objects.filter(
        case_scope(agency, project, "case__"), achieved_on__gte=date_from, achieved_on__lte=date_to
    )
    for row in outcomes.values("kind").annotate(n=Count("id"), amount=Sum("amount")).order_by():
        tally.add_outcome(row["kind"], row["n"], row["amount"])

    return assemble(tally, agency=agency, project=project, date_from=date_from, date_to=date_to)


# --- From counts to the report ------------------------------------------------------------------


def assemble(
    tally: Tally,
    *,
    agency: Agency,
    project: Project | None,
    date_from: datetime.date,
    date_to: datetime.date,
) -> Report:
    """The report's rows, labelled in the active language (two queries: topics, languages)."""
    cells = tally.cells

    def figures(dimension: str, key) -> Figures:
        metrics = DIMENSIONS.get(dimension, METRICS)
        return Figures(**{metric: cells.get((dimension, key, metric), 0) for metric in metrics})

    def present(dimension: str, key) -> bool:
        return any(cells.get((dimension, key, metric)) for metric in METRICS)

    def lines(dimension: str, known: list[tuple[object, str, str]], always: bool) -> list[Line]:
        """`known`: (key as counted, stable code, label) in the order to show them. Keys
        counted but not known (an erased topic, an unknown kind) follow, then "not given"."""
        keys = {key for (d, key, _metric) in cells if d == dimension}
        result = [
            Line(code, label, figures(dimension, key))
            for key, code, label in known
            if always or present(dimension, key)
        ]
        known_keys = {key for key, _code, _label in known}
        for key in sorted((k for k in keys - known_keys if k not in (None, "")), key=str):
            if present(dimension, key):
                result.append(Line(str(key), str(key), figures(dimension, key)))
        for empty in (None, ""):
            if empty not in known_keys and present(dimension, empty):
                result.append(Line("", _not_given(dimension), figures(dimension, empty)))
        return result

    topics = [(t.pk, t.code, t.label) for t in Topic.objects.order_by("position", "code")]
    language_ids = {key for (d, key, _m) in cells if d == "language" and key is not None}
    languages = [
        (lang.pk, lang.code, lang.label)
        for lang in WorkingLanguage.objects.filter(pk__in=language_ids).order_by("position", "code")
    ]
    breakdowns = (
        Breakdown("topic", tuple(lines("topic", topics, always=True))),
        Breakdown("language", tuple(lines("language", languages, always=False))),
        Breakdown(
            "channel",
            tuple(
                lines("channel", [(c.value, c.value, str(c.label)) for c in Channel], always=True)
            ),
        ),
        Breakdown(
            "organization_kind",
            tuple(
                lines(
                    "organization_kind",
                    [(k.value, k.value, str(k.label)) for k in OrganizationKind],
                    always=True,
                )
            ),
        ),
        Breakdown(
            "client",
            tuple(
                lines(
                    "client",
                    [
                        (NEW, NEW, _("new organizations")),
                        (RETURNING, RETURNING, _("returning organizations")),
                    ],
                    always=True,
                )
            ),
        ),
    )
    outcomes = tuple(
        OutcomeLine(
            kind.value,
            str(kind.label),
            *tally.outcomes.get(kind.value, (0, Decimal(0))),
        )
        for kind in OutcomeKind
    )
    # Amounts are only recorded, and summed, for approved funding applications.
    outcomes = tuple(
        o if o.kind == OutcomeKind.FUNDING_APPROVED else OutcomeLine(o.kind, o.label, o.count, None)
        for o in outcomes
    )
    months = tuple(
        Month(month, *tally.months.get(month, (0, 0)))
        for month in months_between(date_from, date_to)
    )
    return Report(
        agency=agency,
        project=project,
        date_from=date_from,
        date_to=date_to,
        total=Figures(**{m: cells.get(("total", None, m), 0) for m in METRICS}),
        breakdowns=breakdowns,
        outcomes=outcomes,
        months=months,
    )


def _not_given(dimension: str) -> str:
    if dimension == "topic":
        return _("no topic given")
    if dimension == "organization_kind":
        return _("no organization given")
    return pgettext("figures", "not given")

"""Rules over the whole directory at once: a rule document compiled to one SQL expression.

SQL's NULL logic is the engine's three-valued logic: a comparison with NULL is NULL (unknown),
and AND, OR and NOT treat NULL exactly as `all`, `any` and `not` treat UNKNOWN. So each fact
becomes a column (NULL where the profile does not tell it, as in `profile.profile_facts`), each
test an expression that is TRUE (met), FALSE (not met) or NULL (unknown), and all programmes
are counted over any number of organizations in one query.

The expressions are written as plain SQL operators, not as Django `Q` objects: a negated `Q`
adds "IS NOT NULL" conditions that would turn "unknown" into "met".
"""

from __future__ import annotations

import dataclasses
import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf

from gemeinsam.organizations.models import Organization, RecognitionType

from . import ruledoc
from .profile import AZAV, CHARITABLE, WELFARE_ASSOCIATION, YOUTH_WELFARE

PREFIX = "fact_"
# The facts a profile can tell; any other fact is never known in bulk, as in profile_facts.
COLUMNS = (
    "legal_form",
    "founded_on",
    "members",
    "youth_work_since",
    "federal_state",
    "board_majority_migration",
    "charitable_notice_on",
    "recognised_75",
    "azav_valid_until",
    "welfare_association_member",
)
COMPARISONS = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "is": "="}


# --- SQL operators with SQL's own NULL logic ------------------------------------------------------


class _Joined(Func):
    """`(a <op> b <op> …)` with a boolean result."""

    output_field = BooleanField()
    template = "(%(expressions)s)"

    def __init__(self, operator: str, *expressions):
        super().__init__(*expressions)
        self.arg_joiner = f" {operator} "


class _Not(Func):
    output_field = BooleanField()
    template = "(NOT %(expressions)s)"


class _IsNotNull(Func):
    output_field = BooleanField()
    template = "(%(expressions)s IS NOT NULL)"


def _unknown():
    return Cast(Value(None), BooleanField())


# --- Facts as columns ----------------------------------------------------------------------------


def facts_queryset(as_of: datetime.date, organizations: QuerySet | None = None) -> QuerySet:
    """Organizations with one `fact_<name>` column per fact the profile tells (NULL: unknown).

    Recognitions are joined once per type (an organization holds each type at most once)."""
    organizations = Organization.objects.all() if organizations is None else organizations
    types = dict(
        RecognitionType.objects.filter(
            code__in=[CHARITABLE, YOUTH_WELFARE, AZAV, WELFARE_ASSOCIATION]
        ).values_list("code", "id")
    )
    joins = {
        f"rec_{code}": FilteredRelation(
            "recognitions", condition=Q(recognitions__type_id=types.get(code, 0))
        )
        for code in (CHARITABLE, YOUTH_WELFARE, AZAV, WELFARE_ASSOCIATION)
    }
    youth = f"rec_{YOUTH_WELFARE}"
    columns = {
        "legal_form": F("legal_form__code"),
        "founded_on": F("founded_on"),
        "members": F("members_count"),
        "youth_work_since": F("youth_welfare_since"),
        "federal_state": NullIf(F("federal_state"), Value("")),
        "board_majority_migration": F("board_migration_majority"),
        "charitable_notice_on": F(f"rec_{CHARITABLE}__granted_on"),
        # Held (a row exists): current or not; not held: unknown, as the profile leaves it out.
        "recognised_75": Case(
            When(**{f"{youth}__id__isnull": True}, then=_unknown()),
            When(**{f"{youth}__valid_until__isnull": True}, then=Value(True)),
            When(**{f"{youth}__valid_until__gte": as_of}, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "azav_valid_until": F(f"rec_{AZAV}__valid_until"),
        "welfare_association_member": Case(
            When(**{f"rec_{WELFARE_ASSOCIATION}__id__isnull": False}, then=Value(True)),
            default=_unknown(),
            output_field=BooleanField(),
        ),
    }
    return organizations.alias(**joins).annotate(
        **{PREFIX + name: expression for name, expression in columns.items()}
    )


# --- Tests as expressions ------------------------------------------------------------------------


def compile_test(test: dict, as_of: datetime.date):
    """A (validated) test as an expression over `facts_queryset`: TRUE, FALSE or NULL exactly
    where `ruledoc` says met, not met or unknown."""
    if "all" in test:
        return _joined("AND", [compile_test(part, as_of) for part in test["all"]])
    if "any" in test:
        return _joined("OR", [compile_test(part, as_of) for part in test["any"]])
    if "not" in test:
        return _Not(compile_test(test["not"], as_of))
    name, op, expected = test["fact"], test["op"], test.get("value")
    has_column = name in COLUMNS
    if op == "known":
        return _IsNotNull(F(PREFIX + name)) if has_column else Value(False, BooleanField())
    if not has_column:
        return _unknown()
    column = F(PREFIX + name)
    if op == "at_least_years_ago":
        return _Joined("<=", column, Value(ruledoc.years_before(as_of, expected)))
    if op == "within_years":
        return _Joined(">=", column, Value(ruledoc.years_before(as_of, expected)))
    if op == "not_before_today":
        return _Joined(">=", column, Value(as_of))
    if op in ("in", "not_in"):
        found = _joined("OR", [_Joined("=", column, Value(v)) for v in expected])
        return found if op == "in" else _Not(found)
    return _Joined(COMPARISONS[op], column, Value(expected))


def compile_document(document: dict, as_of: datetime.date):
    """The whole document: met only if every requirement is (`all` of them)."""
    return _joined("AND", [compile_test(r["test"], as_of) for r in document["requirements"]])


def _joined(operator: str, parts: list):
    return parts[0] if len(parts) == 1 else _Joined(operator, *parts)


# --- Statuses over many organizations ------------------------------------------------------------


@dataclasses.dataclass
class BulkStatuses:
    """Per programme code: how many organizations meet, miss or are unknown; and, if asked, per
    organization id the status for each programme code."""

    counts: dict[str, dict[str, int]]
    by_organization: dict[int, dict[str, str]] | None = None


def statuses(
    programmes,
    organizations: QuerySet | None = None,
    *,
    as_of: datetime.date,
    per_organization=False,
) -> BulkStatuses:
    """Each programme's current rules over the organizations: one query for the counts (and one
    for the statuses per organization), plus one for the recognition types. Programmes without
    rules are left out. Pass programmes with `rule_versions` prefetched."""
    documents = {
        p.code: p.current_rules.document for p in programmes if p.current_rules is not None
    }
    names = {code: f"p{i}" for i, code in enumerate(documents)}
    rows = facts_queryset(as_of, organizations).annotate(
        **{names[code]: compile_document(doc, as_of) for code, doc in documents.items()}
    )
    aggregates = {"total": Count("pk")}
    for code in documents:
        aggregates[f"{names[code]}_met"] = Sum(Cast(F(names[code]), IntegerField()))
        aggregates[f"{names[code]}_known"] = Count(names[code])
    figures = rows.order_by().aggregate(**aggregates)
    counts = {}
    for code, name in names.items():
        met, known = figures[f"{name}_met"] or 0, figures[f"{name}_known"]
        counts[code] = {
            ruledoc.MET: met,
            ruledoc.NOT_MET: known - met,
            ruledoc.UNKNOWN: figures["total"] - known,
        }
    result = BulkStatuses(counts=counts)
    if per_organization:
        codes = list(names)
        result.by_organization = {
            row[0]: {code: _status(value) for code, value in zip(codes, row[1:], strict=True)}
            for row in rows.order_by().values_list("pk", *names.values()).iterator(chunk_size=5000)
        }
    return result


def _status(value) -> str:
    if value is None:
        return ruledoc.UNKNOWN
    return ruledoc.MET if value else ruledoc.NOT_MET

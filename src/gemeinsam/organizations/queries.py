"""Reads. Every one starts from the person asking, so nobody sees what they may not."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.core.enums import FederalState

from . import search
from .enums import MembershipStatus, OrganizationKind
from .models import (
    FieldOfActivity,
    Organization,
    OrganizationMembership,
    RecognitionType,
    WorkingLanguage,
)

PAGE_SIZE = 20
MAX_PAGE = 100_000


def sees_unlisted(user) -> bool:
    return bool(is_agency_staff(user) or is_platform_admin(user))


def organizations_visible_to(user) -> QuerySet[Organization]:
    qs = Organization.objects.all()
    if sees_unlisted(user):
        return qs
    if user and user.is_authenticated:
        mine = OrganizationMembership.objects.filter(
            user=user, status=MembershipStatus.ACTIVE
        ).values("organization_id")
        return qs.filter(Q(is_public=True) | Q(id__in=mine))
    return qs.filter(is_public=True)


def memberships_of(user) -> QuerySet[OrganizationMembership]:
    return (
        OrganizationMembership.objects.filter(user=user)
        .exclude(status=MembershipStatus.DECLINED)
        .select_related("organization")
    )


def pending_claims() -> QuerySet[OrganizationMembership]:
    return OrganizationMembership.objects.filter(status=MembershipStatus.PENDING).select_related(
        "organization", "user"
    )


@dataclass
class DirectoryFilters:
    q: str = ""
    kinds: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    recognitions: list[str] = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data) -> DirectoryFilters:
        return cls(
            q=(data.get("q") or "").strip()[:200],
            kinds=data.getlist("kind"),
            fields=data.getlist("field"),
            languages=data.getlist("language"),
            states=data.getlist("state"),
            districts=data.getlist("district"),
            recognitions=data.getlist("recognition"),
        )

    @property
    def active(self) -> bool:
        return any(
            [
                self.q,
                self.kinds,
                self.fields,
                self.languages,
                self.states,
                self.districts,
                self.recognitions,
            ]
        )


def _apply_facets(qs: QuerySet, f: DirectoryFilters) -> QuerySet:
    if f.kinds:
        qs = qs.filter(kind__in=f.kinds)
    if f.states:
        qs = qs.filter(federal_state__in=f.states)
    if f.districts:
        qs = qs.filter(district__in=f.districts)
    # Several values of one facet widen the result (OR); different facets narrow it (AND).
    if f.fields:
        qs = qs.filter(
            id__in=Organization.fields.through.objects.filter(
                fieldofactivity__code__in=f.fields
            ).values("organization_id")
        )
    if f.languages:
        qs = qs.filter(
            id__in=Organization.languages.through.objects.filter(
                workinglanguage__code__in=f.languages
            ).values("organization_id")
        )
    if f.recognitions:
        qs = qs.filter(recognitions__type__code__in=f.recognitions).distinct()
    return qs


# --- The rows of a page -------------------------------------------------------------------------

REFERENCE_CACHE_SECONDS = 60
_reference: dict = {}


def _reference_rows(model, *, fresh: bool = False) -> dict[int, object]:
    """pk → row of a small reference table (fields, languages), in its order, kept per process
    for a minute: a page's tags then cost one query on the link table, not a join whose every
    row is turned into a new object with its labels decoded again."""
    at, rows = _reference.get(model, (0.0, {}))
    if fresh or time.monotonic() - at > REFERENCE_CACHE_SECONDS:
        rows = {row.pk: row for row in model.objects.all()}
        _reference[model] = (time.monotonic(), rows)
    return rows


def forget_reference_rows(**_signal) -> None:
    """Drop this process's copy of the reference rows (a field or language was changed)."""
    _reference.clear()


def listed(organizations) -> list[Organization]:
    """The organizations with their fields and languages, as `prefetch_related` would give them
    (`org.fields.all()` asks no query), in two small queries whatever the number of rows."""
    organizations = list(organizations)
    ids = [org.pk for org in organizations]
    for name in ("fields", "languages"):
        relation = Organization._meta.get_field(name)
        pairs = list(
            relation.remote_field.through.objects.filter(organization_id__in=ids).values_list(
                "organization_id", f"{relation.m2m_reverse_field_name()}_id"
            )
        )
        rows = _reference_rows(relation.related_model)
        if any(ref not in rows for _org, ref in pairs):  # added since the copy was taken
            rows = _reference_rows(relation.related_model, fresh=True)
        order = {pk: position for position, pk in enumerate(rows)}
        by_org = defaultdict(list)
        for org_id, ref in sorted(pairs, key=lambda pair: order.get(pair[1], 0)):
            if ref in rows:
                by_org[org_id].append(rows[ref])
        for org in organizations:
            # What prefetch_related stores: the related manager's queryset, already evaluated.
            cached = getattr(org, name).get_queryset()
            cached._result_cache = by_org[org.pk]
            cached._prefetch_done = True
            org.__dict__.setdefault("_prefetched_objects_cache", {})[name] = cached
    return organizations


@dataclass
class SearchResult:
    organizations: list[Organization]
    total: int
    page: int
    pages: int
    query: search.ParsedQuery
    corrected_query: search.ParsedQuery | None
    matched: QuerySet  # every match, unordered, for facet counts and exports

    @property
    def corrected_text(self) -> str:
        return " ".join(self.corrected_query.terms) if self.corrected_query else ""


def search_scope(user, filters: DirectoryFilters) -> search.Scope:
    """The facets and visibility of a search, as the search index understands them."""
    own = None
    if not sees_unlisted(user):
        own = ()
        if user and user.is_authenticated:
            own = tuple(
                OrganizationMembership.objects.filter(
                    user=user, status=MembershipStatus.ACTIVE
                ).values_list("organization_id", flat=True)
            )
    return search.Scope(
        kinds=tuple(filters.kinds),
        states=tuple(filters.states),
        districts=tuple(filters.districts),
        fields=tuple(filters.fields),
        languages=tuple(filters.languages),
        recognitions=tuple(filters.recognitions),
        own=own,
    )


def _page(eng, query, scope, page: int, page_size: int) -> tuple[list[int], int, int]:
    """(ids, total, page) for one page of matches; a page past the end gives the last."""
    ids, total = eng.page(query, scope, page_size, (page - 1) * page_size)
    last = max(1, -(-total // page_size))
    if total and page > last:
        ids, total = eng.page(query, scope, page_size, (last - 1) * page_size)
        page = last
    return ids, total, min(page, last)


def search_directory(
    *, user, filters: DirectoryFilters, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResult:
    """The directory: full text plus facets, one page.

    With search words, the search index answers the facets and visibility too (see
    `search.Scope`): a count and a page, whatever the number of matches. Without, the
    organization table does, ordered by name. A search that finds nothing is tried once more
    with its typos corrected.
    """
    # A page number past any real result is clamped before it reaches SQL as an offset
    # (the fuzzer sent 576460752303423488, which no database integer holds).
    requested = min(max(1, page), MAX_PAGE)
    query = search.parse(filters.q)
    if not query:
        base = _apply_facets(organizations_visible_to(user), filters)
        total = base.count()
        pages = max(1, -(-total // page_size))
        page = min(requested, pages)
        offset = (page - 1) * page_size
        rows = base.for_listing().order_by("name", "id")[offset : offset + page_size]
        organizations = listed(rows)
        return SearchResult(organizations, total, page, pages, query, None, base)
    eng = search.engine()
    scope = search_scope(user, filters)
    corrected = None
    ids, total, page = _page(eng, query, scope, requested, page_size)
    if total == 0:
        corrected = search.corrected(query)
        if corrected:
            query = corrected
            ids, total, page = _page(eng, query, scope, requested, page_size)
    pages = max(1, -(-total // page_size))
    by_id = {o.id: o for o in listed(Organization.objects.filter(id__in=ids).for_listing())}
    organizations = [by_id[i] for i in ids if i in by_id]
    matched = Organization.objects.filter(id__in=eng.matching_ids(query, scope))
    return SearchResult(organizations, total, page, pages, query, corrected, matched)


def export_rows(matched: QuerySet, *, limit: int = 50_000):
    """Every matching organization for an export, ordered by name, with related rows prefetched."""
    return (
        matched.select_related("legal_form")
        .prefetch_related("fields", "target_groups", "languages", "recognitions__type")
        .order_by("name", "id")[:limit]
    )


def facet_counts(matched: QuerySet) -> dict[str, list[tuple[str, str, int]]]:
    """(code, label, count) per facet value within the current result."""
    ids = matched.values("id")
    kinds = dict(matched.order_by().values_list("kind").annotate(n=Count("id")))
    states = dict(
        matched.exclude(federal_state="")
        .order_by()
        .values_list("federal_state")
        .annotate(n=Count("id"))
    )
    field_counts = dict(
        Organization.fields.through.objects.filter(organization_id__in=ids)
        .values_list("fieldofactivity_id")
        .annotate(n=Count("id"))
    )
    language_counts = dict(
        Organization.languages.through.objects.filter(organization_id__in=ids)
        .values_list("workinglanguage_id")
        .annotate(n=Count("id"))
    )
    recognition_counts = dict(
        RecognitionType.objects.filter(recognition__organization_id__in=ids)
        .values_list("id")
        .annotate(n=Count("recognition"))
    )
    return {
        "kind": [(k.value, k.label, kinds[k.value]) for k in OrganizationKind if k.value in kinds],
        "state": [(s.value, s.label, states[s.value]) for s in FederalState if s.value in states],
        "field": [
            (f.code, f.label, field_counts[f.id])
            for f in FieldOfActivity.objects.all()
            if f.id in field_counts
        ],
        "language": [
            (lang.code, lang.label, language_counts[lang.id])
            for lang in WorkingLanguage.objects.all()
            if lang.id in language_counts
        ],
        "recognition": [
            (r.code, r.label, recognition_counts[r.id])
            for r in RecognitionType.objects.all()
            if r.id in recognition_counts
        ],
    }


def districts_in(matched: QuerySet, states: list[str]) -> list[tuple[str, int]]:
    """Districts to filter by, once a federal state is chosen (there are too many otherwise)."""
    if not states:
        return []
    return list(
        matched.exclude(district="")
        .order_by("district")
        .values_list("district")
        .annotate(n=Count("id"))
    )


def home_figures(*, user) -> dict[str, int]:
    visible = organizations_visible_to(user)
    return {
        "organizations": visible.count(),
        "migrant_orgs": visible.filter(kind=OrganizationKind.MIGRANT_ORG).count(),
    }

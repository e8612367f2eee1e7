"""Reads. Every one starts from the person asking, so nobody sees what they may not."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from gemeinsam.accounts.roles import may
from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.core.enums import FederalState

from . import search
from . import sql as sql_module
from .enums import MembershipStatus, OrganizationKind

# forget_reference_rows and _reference are read here by the app's signals and the tests.
from .listing import (  # noqa: F401
    _reference,
    _reference_rows,
    forget_reference_rows,
    ids_by_name,
    listed,
    listed_in_order,
)
from .models import (
    FieldOfActivity,
    Organization,
    OrganizationMembership,
    RecognitionType,
    WorkingLanguage,
)

PAGE_SIZE = 20
MAX_PAGE = 100_000
# Counting stops here: beyond it a result says "more than 1,000", as search engines do, and
# offers the first 1,000 in pages. Counting every one of 30,000 matches would cost more than
# finding the page; nobody reads that far, and the facets say how to narrow the result.
TOTAL_CAP = 1_000


def sees_unlisted(user) -> bool:
    return bool(is_agency_staff(user) or is_platform_admin(user))


def organization_for(user, slug: str, perm: str | None = None) -> Organization:
    """The one way a view or an API endpoint fetches an organization to act on: one the person
    may not see answers 404 (an outsider never learns an unlisted one exists), one they see but
    may not act on 403. `perm` is asked of the rules, without a superuser pass."""
    organization = get_object_or_404(organizations_visible_to(user), slug=slug)
    if perm and not may(user, perm, organization):
        raise PermissionDenied
    return organization


def organizations_visible_to(user) -> QuerySet[Organization]:
    qs = Organization.objects.all()
    if sees_unlisted(user):
        return qs
    if user and user.is_authenticated:
        mine = OrganizationMembership.objects.active().filter(user=user).values("organization_id")
        return qs.filter(Q(is_public=True) | Q(id__in=mine))
    # "IN (true)", not the bare column Django writes for "= true", which SQLite cannot look up
    # in the index on (is_public, name): the directory's first page would sort every row.
    return qs.filter(is_public__in=[True])


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
        def values(name: str) -> list[str]:
            return [value for value in data.getlist(name) if value]

        return cls(
            q=(data.get("q") or "").strip()[:200],
            kinds=values("kind"),
            fields=values("field"),
            languages=values("language"),
            states=values("state"),
            districts=values("district"),
            recognitions=values("recognition"),
        )

    @property
    def faceted(self) -> bool:
        """A facet is in force (the search words are none)."""
        facets = (self.kinds, self.fields, self.languages, self.states, self.districts)
        return any([*facets, self.recognitions])

    @property
    def active(self) -> bool:
        return bool(self.q) or self.faceted


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


@dataclass
class SearchResult:
    organizations: list[Organization]
    total: int
    page: int
    pages: int
    query: search.ParsedQuery
    corrected_query: search.ParsedQuery | None
    matched_by: Callable[[], QuerySet]  # gives `matched`, built when first asked for
    total_exact: bool = True  # False: more than `total` (TOTAL_CAP) match
    scope: search.Scope | None = None  # what the search was limited to (None: not asked)

    @functools.cached_property
    def matched(self) -> QuerySet:
        """Every match, unordered, for exports (the API asks for none)."""
        return self.matched_by()

    @functools.cached_property
    def bits(self) -> tuple:
        """(the facet index, every match as a bitmap): for facet counts (see search.facets)."""
        index = search.facet_index()
        if self.query:
            return index, search.engine().match_bits(self.query, self.scope)
        own = self.scope.own or ()
        return index, search.scope_bits(index, self.scope.tag_groups(), own)

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
                OrganizationMembership.objects.active()
                .filter(user=user)
                .values_list("organization_id", flat=True)
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


def _counted(counted: int, page: int, page_size: int) -> tuple[int, bool, int, int]:
    """(total, exact, pages, page) from a count that stopped at TOTAL_CAP + 1; a page past the
    end gives the last."""
    total = min(counted, TOTAL_CAP)
    pages = max(1, -(-total // page_size))
    return total, counted == total, pages, min(page, pages)


def search_directory(
    *,
    user,
    filters: DirectoryFilters,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_facets: bool = False,
) -> SearchResult:
    """The directory: full text plus facets, one page.

    With search words, the search index answers the facets and visibility too (see
    `search.Scope`): a count (up to TOTAL_CAP) and a page, whatever the number of matches.
    Without, the organization table does, ordered by name. A search that finds nothing is
    tried once more with its typos corrected.

    `with_facets` (the directory's page): the matches are read as a bitmap first, which the
    facet counts need anyway; it gives the count, and a newest-first page's ids, without
    asking the index again.
    """
    # A page number past any real result is clamped before it reaches SQL as an offset
    # (the fuzzer sent 576460752303423488, which no database integer holds).
    requested = min(max(1, page), MAX_PAGE)
    query = search.parse(filters.q)
    scope = search_scope(user, filters)
    if not query:
        return _without_words(user, filters, scope, requested, page_size, with_facets)
    eng = search.engine()
    corrected = None
    found: dict = {}  # the matches' bitmap, with the facet index, when read

    def count(query: search.ParsedQuery) -> int:
        if not with_facets:
            return eng.count(query, scope, limit=TOTAL_CAP + 1)
        found["bits"] = (search.facet_index(), eng.match_bits(query, scope))
        return found["bits"][1].bit_count()

    counted = count(query)
    if counted == 0:
        corrected = search.corrected(query)
        if corrected:
            query = corrected
            counted = count(query)
    total, exact, pages, page = _counted(counted, requested, page_size)
    organizations = []
    if total:
        offset = (page - 1) * page_size
        limit = min(page_size, total - offset)  # the last page ends at the cap
        bits = found["bits"][1] if found else None
        organizations = _page(
            eng, query, scope, bits, ranked=total <= search.RANK_ALL, limit=limit, offset=offset
        )

    def matched():
        return Organization.objects.filter(id__in=eng.matching_ids(query, scope))

    result = SearchResult(
        organizations, total, page, pages, query, corrected, matched, exact, scope
    )
    if found:
        result.bits = found["bits"]  # the cached property's value
    return result


def _without_words(user, filters, scope, requested: int, page_size: int, with_facets: bool):
    """Every organization within the filters, by name, from the organization table; from the
    facet bitmaps when the page needs them anyway: their count, and the page's ids found along
    the index of names (a filter on languages or fields made the table's query sort every
    match)."""
    base = _apply_facets(organizations_visible_to(user), filters)
    bits = None
    if with_facets:
        index = search.facet_index()
        bits = (index, search.scope_bits(index, scope.tag_groups(), scope.own or ()))
        counted = bits[1].bit_count()
    else:
        counted = base[: TOTAL_CAP + 1].count()
    total, exact, pages, page = _counted(counted, requested, page_size)
    offset = (page - 1) * page_size
    limit = min(page_size, total - offset)
    if bits:
        population = search.scope_bits(bits[0], []).bit_count()
        ids = ids_by_name(bits[1], offset=offset, limit=limit, population=population)
        organizations = listed_in_order(ids)
    else:
        organizations = listed(base.for_listing().order_by("name", "id")[offset:total][:limit])
    result = SearchResult(
        organizations, total, page, pages, search.ParsedQuery(()), None, lambda: base, exact, scope
    )
    if bits:
        result.bits = bits
    return result


def _page(eng, query, scope, bits: int | None, *, ranked: bool, limit: int, offset: int):
    """The rows of one page of matches. Ranked when few match; beyond that, ranking every
    match would cost more than the whole search, so newest first: then the page's ids are the
    highest of the bitmap when read, else a subquery of the rows' query."""
    ids = None
    if ranked:
        sql, params = eng.page(query, scope, ranked=True, limit=limit, offset=offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
    elif bits is not None:
        ids = search.ids_of(bits, newest=offset + limit)[offset:]
    if ids is not None:
        return listed_in_order(ids)
    sql, params = eng.page(query, scope, ranked=False, limit=limit, offset=offset)
    select = sql_module.listing_sql(Organization, Organization.objects.for_listing, sql)
    return listed(Organization.objects.raw(select, params))


def export_rows(matched: QuerySet, *, limit: int = 50_000):
    """Every matching organization for an export, ordered by name, with related rows prefetched."""
    return (
        matched.select_related("legal_form")
        .prefetch_related("fields", "target_groups", "languages", "recognitions__type")
        .order_by("name", "id")[:limit]
    )


def facet_counts(result: SearchResult) -> dict[str, list[tuple[str, str, int]]]:
    """(code, label, count) per facet value within the result, in the values' own order."""
    index, match = result.bits
    found = search.counts(match, index)

    def counted(facet: str, values) -> list[tuple[str, str, int]]:
        return [
            (code, label, n) for code, label in values if (n := found.get(search.tag(facet, code)))
        ]

    return {
        "kind": counted("kind", OrganizationKind.choices),
        "state": counted("state", FederalState.choices),
        "field": counted("field", _codes(FieldOfActivity)),
        "language": counted("lang", _codes(WorkingLanguage)),
        "recognition": counted("recog", _codes(RecognitionType)),
    }


def _codes(model) -> list[tuple[str, str]]:
    return [(row.code, row.label) for row in _reference_rows(model).values()]


def districts_in(result: SearchResult, states: list[str]) -> list[tuple[str, int]]:
    """Districts to filter by, once a federal state is chosen (there are too many otherwise)."""
    if not states:
        return []
    index, match = result.bits
    found = search.counts(match, index)
    return sorted(
        (district, found[name]) for name, district in index.districts.items() if name in found
    )


def home_figures(*, user) -> dict[str, int]:
    visible = organizations_visible_to(user)
    return {
        "organizations": visible.count(),
        "migrant_orgs": visible.filter(kind=OrganizationKind.MIGRANT_ORG).count(),
    }

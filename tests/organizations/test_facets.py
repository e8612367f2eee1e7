"""Facet counts from the per-process bitmaps (organizations/search/facets.py): the same numbers
as counting the matches in SQL, for every kind of person, and up to date after every write,
a deleted organization, and (PostgreSQL) a change that commits after a later one."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count

from gemeinsam.organizations import search
from gemeinsam.organizations.models import Organization
from gemeinsam.organizations.queries import (
    DirectoryFilters,
    districts_in,
    facet_counts,
    search_directory,
)
from gemeinsam.organizations.search import facets
from tests import factories

pytestmark = pytest.mark.django_db


def counted_in_sql(matched) -> dict:
    """What the directory counted before the bitmaps: a GROUP BY per facet over the matches."""
    ids = matched.values("id")
    related = {
        "field": ("fields", "fieldofactivity__code"),
        "language": ("languages", "workinglanguage__code"),
    }
    found = {
        "kind": dict(matched.order_by().values_list("kind").annotate(n=Count("id"))),
        "state": dict(
            matched.exclude(federal_state="")
            .order_by()
            .values_list("federal_state")
            .annotate(n=Count("id"))
        ),
        "recognition": dict(
            Organization.objects.filter(id__in=ids)
            .values_list("recognitions__type__code")
            .exclude(recognitions__type__code=None)
            .annotate(n=Count("id"))
        ),
    }
    for facet, (name, code) in related.items():
        through = getattr(Organization, name).through.objects.filter(organization_id__in=ids)
        found[facet] = dict(through.values_list(code).annotate(n=Count("id")))
    return found


def as_dicts(counts: dict) -> dict:
    return {facet: {code: n for code, _label, n in values} for facet, values in counts.items()}


@pytest.fixture
def directory(world):
    made = [
        factories.make_organization(
            f"Elternverein {city}",
            city=city,
            federal_state=state,
            district=district,
            kind=kind,
            is_public=public,
            fields=fields,
            languages=languages,
            recognitions=recognitions,
            description="Beratung für Familien. نقدم الاستشارة للعائلات.",
        )
        for city, state, district, kind, public, fields, languages, recognitions in [
            ("Bochum", "NW", "", "migrant_org", True, ("youth_work",), ("ar", "tr"), ()),
            ("Essen", "NW", "", "migrant_org", True, ("education",), ("ar",), ("charitable",)),
            ("Köln", "NW", "Ehrenfeld", "umbrella_body", False, (), ("tr",), ()),
            ("Berlin", "BE", "Neukölln", "migrant_org", True, ("youth_work",), (), ()),
            ("Berlin", "BE", "Wedding", "authority", True, ("counselling",), ("de",), ()),
            ("Hamburg", "HH", "Altona", "migrant_org", False, ("education",), ("ar",), ()),
        ]
    ]
    factories.make_membership(made[2], world.member_a)
    return made


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "Elternverein"},
        {"q": "Beratung"},
        {"q": "الاستشارة", "states": ["NW", "BE"]},
        {"q": "Elternverein", "kinds": ["migrant_org"]},
        {"states": ["BE"]},
        {"languages": ["ar"], "fields": ["education", "youth_work"]},
        {"q": "Zzyzx"},
    ],
)
@pytest.mark.parametrize("person", ["visitor", "member_a", "advisor_x"])
def test_the_bitmaps_count_what_sql_counts(directory, world, filters, person):
    user = AnonymousUser() if person == "visitor" else getattr(world, person)
    result = search_directory(user=user, filters=DirectoryFilters(**filters))
    assert as_dicts(facet_counts(result)) == counted_in_sql(result.matched)


def test_districts_are_counted_within_the_chosen_states(directory, world):
    filters = DirectoryFilters(q="Elternverein", states=["BE", "NW"])
    result = search_directory(user=world.advisor_x, filters=filters)
    assert districts_in(result, filters.states) == [
        ("Ehrenfeld", 1),
        ("Neukölln", 1),
        ("Wedding", 1),
    ]
    assert districts_in(result, []) == []


def test_the_bitmaps_follow_every_write(directory, world):
    def kinds(q=""):
        result = search_directory(user=world.advisor_x, filters=DirectoryFilters(q=q))
        return as_dicts(facet_counts(result))["kind"]

    # The world's two organizations are migrant organizations too.
    assert kinds() == {"migrant_org": 6, "umbrella_body": 1, "authority": 1}
    # A new organization, a changed kind, and a deleted one (its document goes by cascade).
    factories.make_organization("Neuer Verein", kind="religious_community")
    changed = directory[0]
    changed.kind = "umbrella_body"
    changed.save()
    search.reindex([changed])
    directory[4].delete()
    assert kinds() == {"migrant_org": 5, "umbrella_body": 2, "religious_community": 1}
    assert kinds("Elternverein") == {"migrant_org": 3, "umbrella_body": 2}


def test_a_log_that_no_longer_reaches_back_means_reading_everything_again(directory, world):
    index = facets.index()
    assert index.mark
    # Another database's log, or one pruned past this process's last look.
    index.mark = ("sqlite", 10**9, 1) if connection.vendor == "sqlite" else ("pg", "1", -5)
    index.tags = {}
    result = search_directory(user=world.advisor_x, filters=DirectoryFilters())
    assert as_dicts(facet_counts(result))["kind"]["migrant_org"] == 6


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's commit order")
# serialized_rollback: the flush after a transactional test would take the reference rows
# (legal forms, fields) that the migrations wrote and the next tests of this worker need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_that_commits_after_a_later_one_is_still_read():
    """PostgreSQL numbers log entries before the commit: a transaction that started first may
    commit last, after the index has looked at the later number."""
    import psycopg

    slow = factories.make_organization("Langsamer Verein", kind="migrant_org")
    factories.make_organization("Schneller Verein", kind="migrant_org")
    facets.index()  # this process's index is current
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )
    try:
        # The slow transaction writes first (its log entry gets the lower number) …
        other.execute(
            "UPDATE organizations_searchdocument SET tags = replace(tags, %s, %s) "
            "WHERE organization_id = %s",
            [search.tag("kind", "migrant_org"), search.tag("kind", "authority"), slow.pk],
        )
        # … a later write commits and the index looks (another block of 64 organizations,
        # whose postings the slow one does not hold, migration 0014) …
        factories.make_organization("Dritter Verein", kind="umbrella_body", id=slow.pk + 128)
        facets.index()
        # … and only then the slow one commits.
        other.commit()
    finally:
        other.close()
    result = search_directory(user=None, filters=DirectoryFilters())
    assert as_dicts(facet_counts(result))["kind"] == {
        "migrant_org": 1,
        "authority": 1,
        "umbrella_body": 1,
    }


@pytest.mark.parametrize("rank_all", [500, 2])  # ranked, and newest first
@pytest.mark.parametrize("cap", [1000, 4])
@pytest.mark.parametrize("page", [1, 2, 3])
@pytest.mark.parametrize("q", ["Elternverein", ""])
@pytest.mark.parametrize("person", ["visitor", "member_a", "advisor_x"])
@pytest.mark.parametrize("by_ids", [2000, 0])  # without words: by their ids, or along the names
def test_the_page_read_from_the_bitmap_is_the_page_the_index_gives(
    directory, world, monkeypatch, rank_all, cap, page, q, person, by_ids
):
    from gemeinsam.organizations import listing, queries

    monkeypatch.setattr(search, "RANK_ALL", rank_all)
    monkeypatch.setattr(queries, "TOTAL_CAP", cap)
    monkeypatch.setattr(listing, "BY_IDS", by_ids)
    filters = DirectoryFilters(q=q)
    user = AnonymousUser() if person == "visitor" else getattr(world, person)

    def shown(with_facets: bool):
        result = search_directory(
            user=user, filters=filters, page=page, page_size=2, with_facets=with_facets
        )
        ids = [o.pk for o in result.organizations]
        return (result.total, result.total_exact, result.page, result.pages, ids)

    plain, read_from_bits = shown(False), shown(True)
    assert read_from_bits == plain
    assert plain[4]  # every page here has organizations


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's postings")
def test_the_postings_give_the_bitmap_the_rows_give_after_every_write(directory, world):
    """PostgreSQL reads a result's bitmap from postings kept by triggers (migration 0014); the
    rows the index finds are the truth."""
    eng = search.engine()
    asked = [
        ("Elternverein", {}),
        ("Beratung Familien", {"states": ("NW", "BE")}),
        ("الاستشارة", {"kinds": ("migrant_org",)}),
        ("Köln Ehrenfeld", {}),
        ("für Familien", {}),  # "für" is a German stop word
        ("zzpublic", {}),  # a word that looks like a tag is no tag
    ]

    def both():
        found = []
        for q, chosen in asked:
            query = search.parse(q)
            for own in (None, (), (directory[2].pk,)):
                scope = search.Scope(own=own, **chosen)
                posted, rows = eng.match_bits(query, scope), eng._match_bits_by_rows(query, scope)
                assert posted == rows, (q, chosen, own)
                found.append(posted.bit_count())
        return found

    before = both()
    assert any(before)
    factories.make_organization("Elternverein Neu", description="Beratung für Familien.")
    changed = directory[0]
    changed.description = "Nur noch Sport."
    changed.save()
    search.reindex([changed])
    directory[1].delete()
    assert both() != before

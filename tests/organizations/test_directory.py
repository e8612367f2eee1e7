"""The public directory: full-text search with German word forms, facets, visibility."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.organizations import search
from gemeinsam.organizations.models import Organization
from gemeinsam.organizations.queries import DirectoryFilters, facet_counts, search_directory
from tests import factories
from tests.html_support import attribute, text
from tests.html_support import find as find_element

pytestmark = pytest.mark.django_db


def names(result):
    return sorted(o.name for o in result.organizations)


def find(q="", user=None, **facets):
    return search_directory(user=user, filters=DirectoryFilters(q=q, **facets))


@pytest.fixture
def orgs(db):
    return {
        "jugendhilfe": factories.make_organization(
            "Verein für Jugendhilfe Bochum",
            description="Wir unterstützen junge Geflüchtete.",
            fields=("youth_welfare",),
            languages=("ar",),
        ),
        "jugendarbeit": factories.make_organization(
            "Kulturbrücke e.V.",
            city="Münster",
            description="Offene Jugendarbeit und Hausaufgabenhilfe in Arabisch und Kurdisch.",
            fields=("youth_work",),
            languages=("ar", "ku"),
        ),
        "frauen": factories.make_organization(
            "Afrikanischer Frauenverein",
            city="Berlin",
            federal_state="BE",
            district="Neukölln",
            description="Beratungsstelle für Frauen und Familien.",
            fields=("women_family",),
            recognitions=("charitable",),
        ),
        "amt": factories.make_organization(
            "Bezirksamt Neukölln – Integrationsbüro",
            kind="authority",
            city="Berlin",
            federal_state="BE",
            district="Neukölln",
            legal_form="public_body",
            description="Koordination der Vereine im Bezirk.",
        ),
        "hidden": factories.make_organization(
            "Stiller Jugendverein", is_public=False, description="Jugendarbeit ohne Profil."
        ),
    }


def test_a_word_finds_its_compounds(orgs):
    assert names(find("Jugend")) == ["Kulturbrücke e.V.", "Verein für Jugendhilfe Bochum"]


def test_a_plural_finds_the_singular_through_the_german_stem(orgs):
    # "Vereine" is stemmed to "verein", which matches "Verein" and "Frauenverein"'s own word.
    assert "Verein für Jugendhilfe Bochum" in names(find("Vereine"))


def test_every_word_must_match(orgs):
    assert names(find("Jugend Münster")) == ["Kulturbrücke e.V."]


def test_umlauts_and_missing_diacritics_match(orgs):
    assert names(find("Munster")) == ["Kulturbrücke e.V."]


def test_a_typo_is_corrected_when_nothing_matches(orgs):
    result = find("Beratngsstelle")
    assert names(result) == ["Afrikanischer Frauenverein"]
    assert result.corrected_text == "beratungsstelle"


def test_an_underscore_separates_words(orgs):
    # Python counts "_" as a word character, both indexes do not: one term with an underscore
    # would be a phrase, which SQLite's index refuses.
    assert names(find("Jugend_Münster")) == ["Kulturbrücke e.V."]
    assert names(find("federal_state")) == []


def test_a_facet_tag_is_no_word_of_the_text(orgs):
    assert names(find("zzkind")) == []
    assert names(find("zzpublic")) == []
    assert names(find("zzstate")) == []


def test_a_long_word_is_found_by_its_beginning_and_whole(db):
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"
    factories.make_organization("Wellenbrecher e.V.", description=f"Partner der {word}.")
    factories.make_organization("Hafenkinder e.V.", description="Donaudampfer für Kinder.")
    for q in (word[:65], word, f"{word} Wellenbrecher"):
        assert names(find(q)) == ["Wellenbrecher e.V."], q
    assert names(find("Donaudampf")) == ["Hafenkinder e.V.", "Wellenbrecher e.V."]


def test_count_pages_and_facets_find_the_same_organizations(orgs):
    """The count, both kinds of page and the facets' set of matches are separate queries (on
    PostgreSQL the first three go through the index of word beginnings, a newest-first page
    through the vector itself): for any words and scope they must find the same organizations."""
    factories.make_organization(
        "Zzyzx Freunde e.V.", description="Ein " + "sehr" * 20 + "langes Wort und zzyzx."
    )
    engine = search.engine()
    scopes = [search.Scope(own=None), search.Scope(kinds=("migrant_org",), own=())]
    queries = [
        "jugend",
        "Jugendarbeit",
        "verein",
        "vereine",
        "j",
        "be",
        "münster",
        "munster",
        "frauen berlin",
        "kita",
        "welfare",
        "zzyzx",
        "zzkind",
        "sehrsehr",
        "und",
        "arabisch",
    ]

    def ids(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return sorted(row[0] for row in cursor.fetchall())

    compared = 0
    for q in queries:
        query = search.parse(q)
        for scope in scopes:
            matched = sorted(
                Organization.objects.filter(id__in=engine.matching_ids(query, scope)).values_list(
                    "id", flat=True
                )
            )
            assert engine.count(query, scope, limit=1000) == len(matched), (q, scope)
            for ranked in (True, False):
                page = engine.page(query, scope, ranked=ranked, limit=100, offset=0)
                assert ids(*page) == matched, (q, scope, ranked)
            if connection.vendor == "postgresql":
                sql, params = engine.tsquery(query, scope)
                plain = ids(
                    "SELECT organization_id FROM organizations_searchdocument "  # noqa: S608
                    f"WHERE vector @@ ({sql})",
                    params,
                )
                assert plain == matched, (q, scope)
            compared += bool(matched)
    assert compared >= 15  # most of these find something, so the comparison means something


def test_search_words_are_matched_in_the_interface_language_labels(orgs):
    # The field's English label is part of the search text, so English speakers find it too.
    assert names(find("welfare")) == ["Verein für Jugendhilfe Bochum"]


def test_anonymous_visitors_never_see_unlisted_organizations(orgs):
    assert "Stiller Jugendverein" not in names(find("Jugend"))


def test_agency_staff_see_unlisted_organizations(orgs, world):
    assert "Stiller Jugendverein" in names(find("Jugend", user=world.advisor_x))


def test_members_see_their_own_unlisted_organization(world):
    result = find(user=world.member_a)
    assert "Verein A für Jugendarbeit" in names(result)


def test_facets_narrow_the_result(orgs):
    assert names(find(kinds=["authority"])) == ["Bezirksamt Neukölln – Integrationsbüro"]
    assert names(find(states=["BE"], recognitions=["charitable"])) == ["Afrikanischer Frauenverein"]
    assert names(find(languages=["ku"])) == ["Kulturbrücke e.V."]
    assert names(find("Jugend", fields=["youth_welfare", "youth_work"])) == [
        "Kulturbrücke e.V.",
        "Verein für Jugendhilfe Bochum",
    ]


def test_facet_counts_describe_the_current_result(orgs):
    counts = facet_counts(find("Neukölln"))
    assert [(code, n) for code, _label, n in counts["kind"]] == [
        ("migrant_org", 1),
        ("authority", 1),
    ]
    assert [(code, n) for code, _label, n in counts["state"]] == [("BE", 2)]


def test_a_query_of_only_punctuation_lists_everything(orgs):
    assert find("?!").total == 4


def test_reindex_picks_up_a_changed_description(orgs):
    org = orgs["amt"]
    org.description = "Sprechstunde für Elternvereine."
    org.save()
    search.reindex([org])
    assert names(find("Sprechstunde")) == ["Bezirksamt Neukölln – Integrationsbüro"]
    assert names(find("Koordination")) == []


def test_results_are_paged(db):
    for i in range(25):
        factories.make_organization(f"Elternverein {i:02d}")
    filters = DirectoryFilters(q="Elternverein")
    first = search_directory(user=None, filters=filters, page=1)
    second = search_directory(user=None, filters=filters, page=2)
    assert (first.total, first.pages, len(first.organizations), len(second.organizations)) == (
        25,
        2,
        20,
        5,
    )
    assert not {o.pk for o in first.organizations} & {o.pk for o in second.organizations}


@pytest.mark.parametrize("q", ["Elternverein", ""])
def test_counting_stops_at_the_cap_and_the_pages_hold_the_first_ones(db, monkeypatch, q):
    from gemeinsam.organizations import queries

    monkeypatch.setattr(queries, "TOTAL_CAP", 5)
    made = [factories.make_organization(f"Elternverein {i}", city="Essen") for i in range(7)]
    filters = DirectoryFilters(q=q, states=["NW"])
    result = search_directory(user=None, filters=filters, page=9, page_size=2)
    assert (result.total, result.total_exact, result.pages, result.page) == (5, False, 3, 3)
    assert len(result.organizations) == 1
    # Exactly as many as the cap still counts as exact.
    Organization.objects.filter(pk__in=[o.pk for o in made[:2]]).delete()
    search.reindex()
    result = search_directory(user=None, filters=filters, page_size=2)
    assert (result.total, result.total_exact, result.pages) == (5, True, 3)


def test_the_directory_page_says_more_than_the_cap_and_how_to_narrow_it(client, monkeypatch):
    from gemeinsam.organizations import queries

    monkeypatch.setattr(queries, "TOTAL_CAP", 2)
    for tree in ("Ahorn", "Birke", "Linde"):
        factories.make_organization(f"Elternverein {tree}")
    page = client.get("/de/organizations/", {"q": "Elternverein"}).content.decode()
    assert "Mehr als 2 Organisationen gefunden" in page
    assert "Die ersten 2 werden" in page
    assert "3 Organisationen gefunden" not in page
    # The facets still count every match.
    box = find_element(page, "input", type="checkbox", name="kind", value="migrant_org")
    label = find_element(page, "label", for_=attribute(box, "id"))
    assert text(label) == "Migrant*innenorganisation (3)"
    narrow = client.get("/de/organizations/", {"q": "Elternverein Birke"}).content.decode()
    assert "1 Organisation gefunden" in narrow and "Mehr als" not in narrow


def _directory_queries(client, n, query):
    for i in range(n):
        factories.make_organization(
            f"Jugendverein Nummer {i}",
            fields=("youth_work", "culture"),
            languages=("ar", "tr"),
            recognitions=("charitable",),
            description="Jugendarbeit im Quartier.",
        )
    client.get(f"/de/organizations/{query}")  # as a running server: reference rows read once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/de/organizations/{query}")
    assert f"Jugendverein Nummer {n - 1}" in response.content.decode()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["", "?q=Jugend&state=NW"])
def test_the_directory_page_runs_the_same_number_of_queries_for_1_and_3_results(client, query):
    one = _directory_queries(client, 1, query)
    Organization.objects.all().delete()
    three = _directory_queries(client, 3, query)
    assert one == three


def test_the_directory_page_shows_results_and_facets(client, orgs):
    response = client.get("/de/organizations/", {"q": "Jugend"})
    page = response.content.decode()
    assert "2 Organisationen gefunden" in page or "2 organizations found" in page
    assert "Kulturbrücke e.V." in page
    assert "Stiller Jugendverein" not in page
    # The filter panel offers the kinds of the result; the words travel along with it.
    panel = find_element(page, "form", class_="filter-form-panel")
    box = find_element(panel, "input", type="checkbox", name="kind", value="migrant_org")
    assert "checked" not in dict(box.attributes)
    assert attribute(find_element(panel, "input", type="hidden", name="q"), "value") == "Jugend"


def test_the_profile_page_shows_public_facts_but_not_internal_ones(client, orgs):
    org = orgs["frauen"]
    org.members_count = 98765  # a number no id or slug in the page has
    org.save()
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Afrikanischer Frauenverein" in page
    assert "Beratungsstelle für Frauen und Familien." in page
    assert "98765" not in page


def test_an_absurd_page_number_shows_the_last_page(orgs):
    for q in ("", "Jugend"):
        result = search_directory(user=None, filters=DirectoryFilters(q=q), page=576460752303423488)
        assert (result.page, result.page == result.pages) == (result.pages, True)


def test_a_member_finds_their_own_unlisted_organization_by_its_words(world):
    assert names(find("Jugendarbeit", user=world.member_a)) == ["Verein A für Jugendarbeit"]
    assert names(find("Jugendarbeit", user=world.member_b)) == []


def test_the_word_public_in_a_text_does_not_make_an_organization_visible(db):
    factories.make_organization(
        "Stille Runde", is_public=False, description="A public meeting every Friday."
    )
    assert names(find("public")) == []
    assert names(find("Stille")) == []


def test_a_field_label_finds_organizations_whose_text_never_says_it(db):
    factories.make_organization(
        "Kinderhaus Sonnenschein e.V.", fields=("daycare",), description="Wir betreuen 40 Kinder."
    )
    # "Kita" is in the field's German label only; "Day care" in its English one.
    assert names(find("Kita")) == ["Kinderhaus Sonnenschein e.V."]
    assert names(find("day care")) == ["Kinderhaus Sonnenschein e.V."]


def test_many_matches_come_newest_first_and_few_by_relevance(db, monkeypatch):
    older = factories.make_organization("Jugendzentrum Nord", description="Jugend.")
    newer = factories.make_organization("Treffpunkt Süd", description="Auch Jugendarbeit.")
    # Few matches: the name match ranks first, though it is older.
    assert [o.pk for o in find("Jugend").organizations] == [older.pk, newer.pk]
    monkeypatch.setattr(search, "RANK_ALL", 1)
    assert [o.pk for o in find("Jugend").organizations] == [newer.pk, older.pk]


def test_a_pages_rows_fields_and_languages_come_in_one_query_in_the_usual_order(
    django_assert_num_queries,
):
    from gemeinsam.organizations import queries
    from gemeinsam.organizations.models import FieldOfActivity
    from gemeinsam.organizations.queries import listed

    first = factories.make_organization(
        "Elternverein Bochum", fields=("labour_market", "youth_welfare"), languages=("tr", "de")
    )
    second = factories.make_organization("Kulturverein Essen", fields=("daycare",))
    rows = Organization.objects.filter(pk__in=[first.pk, second.pk]).order_by("name")
    listed(rows.for_listing())  # reads the reference rows once for the process
    with django_assert_num_queries(1):  # the organizations, with their fields' and languages' ids
        page = listed(rows.for_listing())
        shown = [
            ([f.code for f in org.fields_shown()], [lang.code for lang in org.languages_shown()])
            for org in page
        ]
    # The order prefetch_related gives: by each table's own ordering (position, code).
    assert shown == [(["youth_welfare", "labour_market"], ["de", "tr"]), (["daycare"], [])]
    # A field added after the reference rows were read is still shown, under its own label, also
    # in a process whose copy of the reference rows is older than the field.
    new = FieldOfActivity.objects.create(code="sport", names={"de": "Sport", "en": "Sport"})
    second.fields.add(new)
    older = {f.pk: f for f in FieldOfActivity.objects.exclude(pk=new.pk)}
    queries._reference[FieldOfActivity] = (time.monotonic(), older)
    (again,) = listed(Organization.objects.filter(pk=second.pk).for_listing())
    expected = FieldOfActivity.objects.filter(code__in=["daycare", "sport"])  # in table order
    assert [f.label for f in again.fields_shown()] == [f.label for f in expected]
    assert "Sport" in [f.label for f in again.fields_shown()]
    # Asking the relation for more than its rows still asks the database, for this organization.
    assert list(again.fields.filter(code="sport")) == [new]

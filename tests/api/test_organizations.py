"""The directory over the API: what each caller sees, parity with the web, fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import content
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    Organization,
    TargetGroup,
    WorkingLanguage,
)
from tests import factories
from tests.api_support import call, slugs, token_for

PUBLIC_KEYS = {
    "view",
    "slug",
    "name",
    "short_name",
    "kind",
    "legal_form",
    "founded_on",
    "street",
    "postcode",
    "city",
    "district",
    "municipality",
    "federal_state",
    "website",
    "email",
    "phone",
    "contact_name",
    "fields",
    "target_groups",
    "languages",
    "recognitions",
    "descriptions",
    "url",
}
INTERNAL_KEYS = {
    "is_public",
    "register_court",
    "register_number",
    "youth_welfare_since",
    "members_count",
    "volunteers_count",
    "paid_staff_fte",
    "income_band",
    "board_migration_majority",
    "funding_sources",
    "last_confirmed_on",
    "confirmation_overdue",
    "created_at",
    "updated_at",
}


@pytest.fixture
def detailed(world):
    """A public organization with every internal field filled in."""
    org = factories.make_organization(
        "Deutsch-Türkischer Elternverein",
        short_name="DTEV",
        city="Münster",
        postcode="48143",
        street="Hafenweg 3",
        district="Mitte",
        federal_state="NW",
        website="https://dtev.example",
        email="info@dtev.example",
        contact_name="Ayşe Kaya",
        founded_on=datetime.date(2009, 3, 1),
        description="Wir begleiten Familien.",
        fields=("education",),
        languages=("tr", "de"),
        recognitions=("charitable",),
        register_court="Amtsgericht Münster",
        register_number="VR 1234",
        members_count=48,
        volunteers_count=12,
        paid_staff_fte="1.50",
        income_band="10k_45k",
        board_migration_majority=True,
        last_confirmed_on=datetime.date(2025, 1, 15),
    )
    FundingSource.objects.create(
        organization=org,
        field=FieldOfActivity.objects.get(code="education"),
        kind="project",
        funder="Stadt Münster",
    )
    return org


def test_anonymous_callers_find_only_public_organizations(world):
    response = call("/organizations")
    body = response.json()
    assert (body["view"], body["count"], body["page"], body["pages"]) == ("public", 1, 1, 1)
    assert slugs(response) == [world.org_b.slug]


def test_a_count_beyond_the_cap_says_it_is_not_exact(world, monkeypatch):
    from gemeinsam.organizations import queries

    monkeypatch.setattr(queries, "TOTAL_CAP", 2)
    for tree in ("Ahorn", "Birke", "Linde"):
        factories.make_organization(f"Elternverein {tree}", is_public=True)
    body = call("/organizations", q="Elternverein", page_size=1).json()
    assert (body["count"], body["count_exact"], body["pages"]) == (2, False, 2)
    body = call("/organizations", q="Elternverein Birke").json()
    assert (body["count"], body["count_exact"]) == (1, True)
    assert [item["name"] for item in body["results"]] == ["Elternverein Birke"]


def test_anonymous_callers_see_public_fields_only(world, detailed):
    response = call(f"/organizations/{detailed.slug}")
    assert set(response.json()) == PUBLIC_KEYS
    listed = call("/organizations", q="Elternverein").json()["results"]
    assert [set(item) for item in listed] == [PUBLIC_KEYS]
    assert "VR 1234" not in response.content.decode()


def test_the_public_view_of_an_organization_in_full(world, detailed):
    response = call(f"/organizations/{detailed.slug}", lang="en")
    assert response.json() == {
        "view": "public",
        "slug": detailed.slug,
        "name": "Deutsch-Türkischer Elternverein",
        "short_name": "DTEV",
        "kind": {"code": "migrant_org", "label": "migrant organization"},
        "legal_form": {"code": "registered_association", "label": "registered association (e.V.)"},
        "founded_on": "2009-03-01",
        "street": "Hafenweg 3",
        "postcode": "48143",
        "city": "Münster",
        "district": "Mitte",
        "municipality": "",
        "federal_state": {"code": "NW", "label": "North Rhine-Westphalia"},
        "website": "https://dtev.example",
        "email": "info@dtev.example",
        "phone": "",
        "contact_name": "Ayşe Kaya",
        "fields": [{"code": "education", "label": "Education and tutoring"}],
        "target_groups": [],
        "languages": [{"code": "de", "label": "German"}, {"code": "tr", "label": "Turkish"}],
        "recognitions": [
            {
                "type": {"code": "charitable", "label": "charitable status (tax office notice)"},
                "authority": "",
                "granted_on": None,
                "valid_until": None,
            }
        ],
        "descriptions": [
            {
                "language": "de",
                "text": "Wir begleiten Familien.",
                "status": "up_to_date",
                "paragraphs": ["up_to_date"],
            },
        ],
        "url": f"http://testserver/en/organizations/{detailed.slug}/",
    }


def test_each_language_of_a_description_comes_with_its_status_by_paragraph(world, detailed):
    detailed.description = "Wir begleiten Familien.\n\nWir treffen uns montags."
    detailed.save()
    content.save_translation(detailed, "description", "tr", ["Ailelere eşlik ediyoruz.", ""])
    content.set_texts(detailed, "ar", {"description": "نرافق العائلات.\n\nنلتقي أيام الاثنين."})
    content.set_texts(detailed, "en", {"description": "We accompany families.\n\nOn Mondays."})
    detailed.description = "Wir begleiten Familien.\n\nWir treffen uns dienstags."
    detailed.save()

    found = call(f"/organizations/{detailed.slug}").json()["descriptions"]
    listed = call("/organizations", q="Elternverein").json()["results"][0]["descriptions"]

    assert found == listed
    assert [(d["language"], d["status"], d["paragraphs"]) for d in found] == [
        ("de", "up_to_date", ["up_to_date", "up_to_date"]),
        ("en", "outdated", ["up_to_date", "outdated"]),
        ("ar", "outdated", ["up_to_date", "outdated"]),
        ("tr", "missing", ["up_to_date", "missing"]),
    ]
    assert found[2]["text"] == "نرافق العائلات.\n\nنلتقي أيام الاثنين."
    assert found[3]["text"] == "Ailelere eşlik ediyoruz."


def test_a_staff_token_shows_every_organization_with_its_internal_fields(world, detailed):
    response = call("/organizations", token=token_for(world.advisor_x))
    body = response.json()
    assert (body["view"], body["count"]) == ("internal", 3)
    assert sorted(slugs(response)) == sorted([world.org_a.slug, world.org_b.slug, detailed.slug])
    assert {frozenset(item) for item in body["results"]} == {frozenset(PUBLIC_KEYS | INTERNAL_KEYS)}


def test_the_internal_fields_staff_see(world, detailed):
    body = call(f"/organizations/{detailed.slug}", token=token_for(world.admin), lang="en").json()
    internal = {key: body[key] for key in INTERNAL_KEYS - {"created_at", "updated_at"}}
    assert body["view"] == "internal"
    assert internal == {
        "is_public": True,
        "register_court": "Amtsgericht Münster",
        "register_number": "VR 1234",
        "youth_welfare_since": None,
        "members_count": 48,
        "volunteers_count": 12,
        "paid_staff_fte": 1.5,
        "income_band": {"code": "10k_45k", "label": "10,000 – 45,000 €"},
        "board_migration_majority": True,
        "funding_sources": [
            {
                "field": {"code": "education", "label": "Education and tutoring"},
                "kind": {"code": "project", "label": "project funding"},
                "funder": "Stadt Münster",
            }
        ],
        "last_confirmed_on": "2025-01-15",
        "confirmation_overdue": True,
    }


def test_a_private_organization_is_not_found_for_anonymous_callers(world):
    response = call(f"/organizations/{world.org_a.slug}")
    assert (response.status_code, response.json()) == (
        404,
        {
            "code": "not_found",
            "detail": "There is no organization at this address.",
            "errors": [],
        },
    )


def test_a_private_organization_answers_exactly_like_one_that_does_not_exist(world):
    private = call(f"/organizations/{world.org_a.slug}")
    missing = call("/organizations/no-such-organization")
    assert (private.status_code, private.json()) == (missing.status_code, missing.json())


def test_labels_follow_the_lang_parameter_or_accept_language(world):
    path = f"/organizations/{world.org_b.slug}"
    by_parameter = call(path, lang="ar").json()["fields"]
    by_header = call(path, headers={"Accept-Language": "tr"}).json()["fields"]
    default = call(path, accept_language=None).json()["fields"]
    assert (by_parameter, by_header, default) == (
        [{"code": "culture", "label": "الثقافة واللقاء"}],
        [{"code": "culture", "label": "Kültür ve buluşma"}],
        [{"code": "culture", "label": "Kultur und Begegnung"}],
    )


def test_pages_are_counted_and_a_page_past_the_end_answers_with_the_last(world):
    factories.make_organization("Afrikanischer Kulturverein Bochum")
    first = call("/organizations", page_size=1).json()
    beyond = call("/organizations", page_size=1, page=9).json()
    assert [(p["count"], p["page"], p["pages"]) for p in (first, beyond)] == [(2, 1, 2), (2, 2, 2)]
    assert [p["results"][0]["name"] for p in (first, beyond)] == [
        "Afrikanischer Kulturverein Bochum",
        "Verein B für Kultur",
    ]


def test_a_misspelt_search_says_which_words_it_searched_instead(world):
    body = call("/organizations", q="Kultr").json()
    assert (body["corrected_q"], slugs_of(body)) == ("kultur", [world.org_b.slug])


def slugs_of(body: dict) -> list[str]:
    return [item["slug"] for item in body["results"]]


# --- The same search as the web directory --------------------------------------------------------


@pytest.fixture
def directory(world):
    make = factories.make_organization
    make(
        "Jugendhilfe Anatolien e.V.",
        city="Bochum",
        district="Wattenscheid",
        fields=("youth_welfare",),
        languages=("tr",),
        recognitions=("youth_welfare_75",),
    )
    make(
        "Jugendarbeit Westfalen",
        city="Münster",
        district="Mitte",
        fields=("youth_work",),
        languages=("ar", "fa"),
    )
    make(
        "Kulturbrücke Hamburg",
        city="Hamburg",
        federal_state="HH",
        fields=("culture",),
        languages=("ru",),
        kind="umbrella_body",
    )
    make(
        "Elternnetzwerk Berlin",
        city="Berlin",
        federal_state="BE",
        is_public=False,
        fields=("youth_welfare",),
        languages=("ar",),
        recognitions=("charitable",),
    )
    return world


SEARCHES = [
    {},
    {"q": "Jugend"},
    {"q": "Jugend", "language": ["ar"]},
    {"kind": ["umbrella_body"]},
    {"kind": ["migrant_org", "umbrella_body"], "state": ["HH"]},
    {"field": ["youth_welfare", "youth_work"]},
    {"state": ["NW"], "district": ["Mitte"]},
    {"recognition": ["youth_welfare_75", "charitable"]},
    {"field": ["no-such-field"]},
    {"q": "Kultur", "page_size": 2},
]


@pytest.mark.parametrize("params", SEARCHES, ids=str)
@pytest.mark.parametrize("role", ["anonymous", "advisor_x"])
def test_the_api_finds_what_the_web_directory_finds(directory, client_for, role, params):
    user = getattr(directory, role, None)
    web = client_for(user).get("/de/organizations/", data=params).context["result"]
    response = call("/organizations", token=token_for(user) if user else None, **params)
    body = response.json()
    assert (body["count"], slugs(response)) == (web.total, [o.slug for o in web.organizations])


# --- Query counts --------------------------------------------------------------------------------


def _queries_for(path: str, token: str | None, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call(path, token=token, **params)
    assert response.status_code == 200, response.content
    return len(queries)


def _populated(name: str):
    """An organization with a row in every relation a listing shows, so none is skipped."""
    org = factories.make_organization(
        name,
        fields=("culture", "sports"),
        languages=("tr", "ar"),
        recognitions=("charitable",),
        description="Ein Verein.",
    )
    org.target_groups.set(TargetGroup.objects.all()[:2])
    FundingSource.objects.create(
        organization=org, field=FieldOfActivity.objects.first(), kind="regular"
    )
    return org


@pytest.mark.parametrize("params", [{}, {"q": "Verein"}], ids=["all", "search"])
@pytest.mark.parametrize("role", ["anonymous", "advisor_x"])
def test_the_list_runs_as_many_queries_for_three_organizations_as_for_one(world, role, params):
    token = token_for(getattr(world, role)) if role != "anonymous" else None
    Organization.objects.all().delete()
    _populated("Verein Nummer 1")
    # The first use of a token records it, and the first search of a process reads what it
    # keeps (reference rows, the search's plans): not measured.
    call("/organizations", token=token, **params)
    one = _queries_for("/organizations", token, **params)
    _populated("Verein Nummer 2")
    _populated("Verein Nummer 3")
    three = _queries_for("/organizations", token, **params)
    assert (call("/organizations", token=token, **params).json()["count"], three) == (3, one)


def test_the_detail_runs_as_many_queries_for_many_related_rows_as_for_few(world):
    org = _populated("Verein Nummer 1")
    token = token_for(world.admin)
    call("/organizations", token=token)
    few = _queries_for(f"/organizations/{org.slug}", token)
    org.languages.set(WorkingLanguage.objects.all())
    org.fields.set(FieldOfActivity.objects.all())
    assert _queries_for(f"/organizations/{org.slug}", token) == few


# --- Reference codes -----------------------------------------------------------------------------


def test_reference_lists_give_the_codes_the_filters_take(world):
    kinds = call("/reference/kinds", lang="en").json()
    languages = call("/reference/languages", accept_language="de").json()
    assert kinds == [
        {"code": "migrant_org", "label": "migrant organization"},
        {"code": "established_provider", "label": "established provider"},
        {"code": "authority", "label": "authority"},
        {"code": "service_provider", "label": "service provider"},
        {"code": "religious_community", "label": "religious community"},
        {"code": "umbrella_body", "label": "umbrella body"},
    ]
    assert [item["code"] for item in languages] == list(
        WorkingLanguage.objects.values_list("code", flat=True)
    )
    assert languages[2] == {"code": "ar", "label": "Arabisch"}


@pytest.mark.parametrize(
    "name",
    ["kinds", "states", "fields", "target-groups", "languages", "legal-forms", "recognitions"],
)
def test_every_reference_list_answers_in_arabic_when_asked(world, name):
    body = call(f"/reference/{name}", headers={"Accept-Language": "ar"}).json()
    assert body != [] and all(set(item) == {"code", "label"} for item in body)

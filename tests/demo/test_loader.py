"""`gemeinsam demo --no-serve`: the demo data a newcomer sees, loaded once for this module."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from gemeinsam.agencies.models import Agency, Project, ProjectMeasure, StaffMembership
from gemeinsam.core import content
from gemeinsam.core.models import ContentTranslation
from gemeinsam.demo import people
from gemeinsam.demo.loader import load_demo_data
from gemeinsam.organizations import queries
from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.models import (
    FundingSource,
    Organization,
    OrganizationMembership,
    Recognition,
    SearchDocument,
)

pytestmark = pytest.mark.django_db

CAST = people.cast()

# The seed texts name real people with their phone numbers and addresses; none may appear.
REAL_PEOPLE = [
    "Utech",
    "utech",
    "Oikonomidou",
    "oikonomidou",
    "Chehata",
    "3788-85",
    "9508 0463",
    "29 00 69 48",
    "drk-muenster.de",
    "(at)via-in-berlin.de",
    "@via-in-berlin.de",
]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run the command once; everything it wrote is rolled back when the module is done."""
    out = StringIO()
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=fast,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            GEMEINSAM_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"),
        ),
        transaction.atomic(),
    ):
        call_command("demo", "--no-serve", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    models = [
        Agency,
        Project,
        ProjectMeasure,
        StaffMembership,
        get_user_model(),
        Organization,
        ContentTranslation,
        OrganizationMembership,
        Recognition,
        FundingSource,
        SearchDocument,
    ]
    return {m.__name__: m.objects.count() for m in models}


def test_loading_twice_gives_the_same_rows(demo_output):
    before, ids_before = _counts(), set(Organization.objects.values_list("id", "slug"))
    load_demo_data()
    assert _counts() == before
    assert set(Organization.objects.values_list("id", "slug")) == ids_before


def test_there_are_about_300_organizations_of_every_kind_in_three_regions(demo_output):
    assert Organization.objects.count() == 300
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == {
        "migrant_org",
        "established_provider",
        "authority",
        "service_provider",
        "religious_community",
        "umbrella_body",
    }
    assert set(Organization.objects.values_list("federal_state", flat=True)) == {"HH", "BE", "NW"}
    assert SearchDocument.objects.count() == 300
    public = Organization.objects.filter(is_public=True).count()
    assert 0.6 < public / 300 < 0.8


def test_the_five_seed_agencies_have_their_projects_and_funders(demo_output):
    funders = dict(
        Project.objects.values_list("agency__slug", "funder").filter(
            slug__in=["vielfaltsgesellschaft", "gemeinsam-lernen-im-dialog", "gemeinsam-aktiv"]
        )
    )
    assert funders == {
        "paritaetischer-nrw": "Robert Bosch Stiftung",
        "drk-muenster-integrationsagentur": "Ministerium für Kinder, Jugend, Familie, "
        "Gleichstellung, Flucht und Integration NRW",
        "paritaetischer-gesamtverband": "Kofinanziert aus Mitteln des Asyl-, Migrations- und "
        "Integrationsfonds",
    }
    assert sorted(
        Agency.objects.filter(projects__isnull=False).distinct().values_list("slug", flat=True)
    ) == [
        "drk-muenster-integrationsagentur",
        "kommig-hamburg",
        "paritaetischer-gesamtverband",
        "paritaetischer-nrw",
        "via-berlin-brandenburg",
    ]
    measures = ProjectMeasure.objects.filter(project__slug="gemeinsam-lernen-im-dialog")
    assert list(measures.values_list("title", flat=True)[:2]) == [
        "Standortanalyse",
        "Bestandsaufnahme und Bedarfsklärung",
    ]


ARABIC = re.compile(r"[\u0600-\u06ff]")


def test_agency_texts_are_in_four_languages_some_outdated_or_missing(demo_output):
    states = Counter()
    for agency in Agency.objects.all():
        assert agency.description and agency.region_served, agency.slug
        for language in ("en", "ar", "tr"):
            states[content.status(agency, "description", language)] += 1
            # The region is translated everywhere ("Bundesweit" too).
            region = content.shown(agency, "region_served", language)
            assert not region.fallback, (agency.slug, language)
        arabic = content.text(agency, "description", "ar")
        assert ARABIC.search(arabic), agency.slug
    assert states["up_to_date"] >= 9 and states["outdated"] >= 2 and states["missing"] >= 2
    # Project titles in Arabic everywhere; some goals left in German, so the page marks them.
    projects = list(Project.objects.all())
    assert all(ARABIC.search(content.text(p, "title", "ar")) for p in projects)
    goals = Counter(content.status(p, "goals", "tr") for p in projects)
    assert goals["up_to_date"] >= 1 and goals["missing"] >= 5
    nationwide = Agency.objects.get(region_served="Bundesweit")
    assert ARABIC.search(content.text(nationwide, "region_served", "ar"))
    assert content.text(nationwide, "region_served", "en") == "Nationwide"


def test_organization_descriptions_keep_their_mix_of_states(demo_output):
    states = Counter()
    for org in Organization.objects.prefetch_related("translations"):
        for row in org.translations.all():
            states[content.status(org, "description", row.language)] += 1
    assert states["up_to_date"] > states["outdated"] > 10
    assert states["missing"] > 10


def test_every_agency_shows_invented_contact_people(demo_output):
    for agency in Agency.objects.all():
        contacts = agency.staff.filter(is_public_contact=True)
        assert contacts.exists(), agency.slug
        assert all(c.public_email.endswith("@example.org") for c in contacts)


@pytest.mark.parametrize("login", CAST.logins, ids=[login.role for login in CAST.logins])
def test_each_printed_log_in_works(demo_output, client, login):
    person = login.person
    assert f"{person.email}" in demo_output
    response = client.post(
        "/de/accounts/login/", {"login": person.email, "password": CAST.password}
    )
    assert response["Location"] == "/de/my/"
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(email=person.email).pk
    )


def test_the_banner_names_the_url_the_password_and_two_factor(demo_output):
    assert "http://127.0.0.1:8000/" in demo_output
    assert CAST.password in demo_output
    assert "Two-factor log-in is not required in the demo" in demo_output


def test_staff_see_a_pending_claim(demo_output):
    claims = [(m.user.email, m.organization.name) for m in queries.pending_claims()]
    assert (CAST.claimant.email, "Eritreischer Kulturverein Köln e.V.") in claims
    assert (
        OrganizationMembership.objects.filter(
            user__email=CAST.member.email, status=MembershipStatus.ACTIVE
        )
        .get()
        .organization.confirmation_overdue
        is True
    )


def test_the_directory_finds_demo_organizations_by_word_form(demo_output):
    advisor = get_user_model().objects.get(email=CAST.advisor_x.email)
    result = queries.search_directory(
        user=advisor, filters=queries.DirectoryFilters(q="Jugend", states=["NW"])
    )
    assert result.total > 5
    assert all(o.federal_state == "NW" for o in result.organizations)


def test_no_real_person_from_the_seeds_appears_anywhere(demo_output):
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    text = dump.getvalue()
    assert [name for name in REAL_PEOPLE if name in text] == []
    emails = get_user_model().objects.values_list("email", flat=True)
    assert [e for e in emails if not e.endswith("@example.org")] == []
    org_emails = Organization.objects.exclude(email="").values_list("email", flat=True)
    assert [e for e in org_emails if not e.endswith(".example.org")] == []

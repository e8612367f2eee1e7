"""The demo's three guides (seed 004's Arbeitshilfen), bound to the readiness checks, and what
the demo member sees of them for the association."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings

from gemeinsam.core.models import ContentTranslation
from gemeinsam.demo import knowledge as demo_knowledge
from gemeinsam.demo import people
from gemeinsam.demo.loader import load_demo_data
from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.models import Guide, Portrait, Step

pytestmark = pytest.mark.django_db

CAST = people.cast()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo and its guides once; the rows are rolled back when the module is done."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast, GEMEINSAM_PRIVATE_MEDIA_ROOT=private),
        transaction.atomic(),
    ):
        load_demo_data()
        # The loader writes the guides too once it calls this module; loading again is harmless.
        yield demo_knowledge.load()
        transaction.set_rollback(True)


def test_the_three_guides_are_published_with_their_steps_bound_to_the_checks(demo):
    guides = {g.slug: g for g in Guide.objects.all()}
    assert sorted(guides) == ["anerkennung-jugendhilfe", "arbeitsmarktmassnahmen", "kita-gruenden"]
    assert {g.status for g in guides.values()} == {GuideStatus.PUBLISHED}
    bound = {
        slug: sorted(
            {s.readiness_check.code for s in g.steps.all() if s.readiness_check_id is not None}
        )
        for slug, g in guides.items()
    }
    assert bound == {
        "anerkennung-jugendhilfe": ["youth_welfare"],
        "arbeitsmarktmassnahmen": ["labour_market"],
        "kita-gruenden": ["kita"],
    }
    for step in Step.objects.exclude(readiness_check=None):
        keys = [r["key"] for r in step.readiness_check.current_rules.document["requirements"]]
        assert step.requirement_key in keys
    assert guides["kita-gruenden"].steps.count() == 8


def test_loading_again_adds_no_row(demo):
    counts = (Guide.objects.count(), Step.objects.count(), ContentTranslation.objects.count())
    demo_knowledge.load()
    assert (Guide.objects.count(), Step.objects.count(), ContentTranslation.objects.count()) == (
        counts
    )


def test_the_demo_member_sees_where_the_association_stands(demo):
    member = get_user_model().objects.get(email=CAST.member.email)
    client = Client()
    client.force_login(member)

    page = client.get("/en/knowledge/anerkennung-jugendhilfe/").content.decode()

    assert "<h1>Recognition as a provider of youth welfare</h1>" in page
    assert "Where <bdi>Deutsch-Syrischer Kulturverein Bochum e.V.</bdi> stands" in page
    assert "Act as an association or gGmbH" in page
    assert '<span class="badge badge-ok">done</span>' in page


def test_anonymous_readers_find_the_guides_in_arabic(demo):
    page = Client().get("/ar/knowledge/").content.decode()
    assert "تأسيس روضة أطفال (Kita)" in page
    assert "الاعتراف كجهة حرة في رعاية الشباب" in page


def test_each_guide_has_its_portrait_published_only_with_consent(demo):
    portraits = {p.guides.get().slug: p for p in Portrait.objects.all()}
    assert sorted(portraits) == [
        "anerkennung-jugendhilfe",
        "arbeitsmarktmassnahmen",
        "kita-gruenden",
    ]
    assert portraits["anerkennung-jugendhilfe"].consent_by.email == CAST.member.email
    assert portraits["arbeitsmarktmassnahmen"].status == GuideStatus.DRAFT
    assert portraits["arbeitsmarktmassnahmen"].consent_by is None
    page = Client().get("/en/knowledge/anerkennung-jugendhilfe/").content.decode()
    assert "From homework club to recognised provider" in page
    assert (
        "Kurse für Pflegehelferinnen"
        not in Client().get("/de/knowledge/arbeitsmarktmassnahmen/").content.decode()
    )

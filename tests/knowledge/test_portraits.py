"""Portraits of organizations: published only with a member's consent, withdrawn at once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope
from gemeinsam.knowledge import services
from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.models import Portrait
from tests import factories
from tests.knowledge.guides import make_guide, make_portrait


def test_a_published_portrait_shows_on_its_guide_and_its_page(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    portrait = make_portrait(
        world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b, guides=[guide]
    )

    guide_page = client.get(f"/en/knowledge/{guide.slug}/").content.decode()
    page = client.get(f"/en/knowledge/portraits/{portrait.pk}/").content.decode()

    assert "Organizations that went this way" in guide_page
    assert "Wie Verein B für Kultur anerkannt wurde" in guide_page
    assert "Heute sitzt der Verein im Ausschuss." in page
    assert f'href="/en/organizations/{world.org_b.slug}/"' in page


def test_without_consent_a_portrait_cannot_be_published(world, client_for):
    portrait = make_portrait(world.agency_x, world.org_b, by=world.manager_x, status="draft")

    with pytest.raises(ValidationError):
        services.set_portrait_status(portrait, GuideStatus.PUBLISHED, by=world.manager_x)
    portrait.refresh_from_db()
    assert portrait.status == GuideStatus.DRAFT
    with pytest.raises(IntegrityError), transaction.atomic():
        Portrait.objects.filter(pk=portrait.pk).update(status=GuideStatus.PUBLISHED)


def test_consent_comes_only_from_a_member_of_the_organization(world):
    with pytest.raises(ValidationError, match="member of the organization"):
        make_portrait(world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_a)
    assert not Portrait.objects.exists()


def test_withdrawal_by_the_organization_unpublishes_at_once(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    portrait = make_portrait(
        world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b, guides=[guide]
    )

    response = client_for(world.member_b).post(f"/en/knowledge/portraits/{portrait.pk}/withdraw/")

    portrait.refresh_from_db()
    assert response["Location"] == f"/en/knowledge/portraits/{portrait.pk}/"
    assert (portrait.status, portrait.withdrawn_at is not None) == (GuideStatus.DRAFT, True)
    anonymous = client_for(None)
    assert anonymous.get(f"/en/knowledge/portraits/{portrait.pk}/").status_code == 404
    assert portrait.title not in anonymous.get(f"/en/knowledge/{guide.slug}/").content.decode()
    # The organization still sees its portrait, marked as withdrawn.
    own = client_for(world.member_b).get(f"/en/knowledge/portraits/{portrait.pk}/")
    assert "has withdrawn its consent" in own.content.decode()
    # Publishing again is refused until a new consent is recorded.
    client_for(world.manager_x).post(
        f"/en/knowledge/portraits/{portrait.pk}/publish/", {"status": "published"}
    )
    portrait.refresh_from_db()
    assert portrait.status == GuideStatus.DRAFT


def test_a_member_who_is_not_an_admin_cannot_withdraw(world, client_for):
    plain = factories.make_user("plain.b@example.org")
    factories.make_membership(world.org_b, plain, role="member")
    portrait = make_portrait(
        world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b
    )

    response = client_for(plain).post(f"/en/knowledge/portraits/{portrait.pk}/withdraw/")

    portrait.refresh_from_db()
    assert (response.status_code, portrait.withdrawn_at) == (403, None)


def test_staff_write_a_portrait_with_the_form(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    response = client_for(world.advisor_x).post(
        "/en/knowledge/manage/agency-x/portraits/new/",
        {
            "organization_slug": world.org_b.slug,
            "title": "Verein B",
            "text": "Ein Porträt.",
            "guides": [str(guide.pk)],
            "consent_email": "member.b@example.org",
            "consent_on": "2026-02-01",
            "review_on": "2027-02-01",
        },
    )

    portrait = Portrait.objects.get()
    assert response["Location"] == f"/en/knowledge/portraits/{portrait.pk}/"
    assert (portrait.organization, portrait.consent_by, portrait.status) == (
        world.org_b,
        world.member_b,
        GuideStatus.DRAFT,
    )
    assert list(portrait.guides.all()) == [guide]


def test_the_person_who_consented_is_in_their_export_and_erased(world):
    portrait = make_portrait(
        world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b
    )
    subject = DataSubject(user=world.member_b)

    exported = personal_data.export(subject, Scope())
    assert exported["portrait_consents"][0]["portrait"] == portrait.title

    personal_data.erase(subject, Scope())
    portrait.refresh_from_db()
    assert (portrait.consent_by, portrait.consent_on) == (None, datetime.date(2026, 2, 1))


def test_the_staff_list_reads_a_fixed_number_of_queries_for_one_and_three_portraits(
    world, client_for
):
    client = client_for(world.advisor_x)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/knowledge/manage/").status_code == 200
        return len(ctx.captured_queries)

    make_portrait(world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b)
    one = count()
    make_portrait(world.agency_x, world.org_a, by=world.manager_x, consent_by=world.member_a)
    make_portrait(world.agency_x, world.org_b, by=world.manager_x, status="draft")
    assert count() == one


def test_a_guide_page_reads_as_many_queries_with_one_and_three_portraits(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/ar/knowledge/{guide.slug}/").status_code == 200
        return len(ctx.captured_queries)

    make_portrait(
        world.agency_x, world.org_b, by=world.manager_x, consent_by=world.member_b, guides=[guide]
    )
    count()  # warms the per-process caches (content types), which other tests may have filled
    one = count()
    for org, member in ((world.org_a, world.member_a), (world.org_b, world.member_b)):
        make_portrait(world.agency_x, org, by=world.manager_x, consent_by=member, guides=[guide])
    assert count() == one

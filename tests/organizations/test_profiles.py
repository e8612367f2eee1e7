"""Organization members keep their profile; agency staff confirm who acts for whom."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.organizations import services
from gemeinsam.organizations.enums import MembershipRole, MembershipStatus
from gemeinsam.organizations.forms.profiles import (
    DescriptionsForm,
    OrganizationForm,
    RecognitionFormSet,
)
from gemeinsam.organizations.models import (
    Invitation,
    Organization,
    OrganizationMembership,
    RecognitionType,
)
from gemeinsam.organizations.queries import DirectoryFilters, search_directory
from tests import factories

pytestmark = pytest.mark.django_db


def _profile_data(org=None, **changes):
    data = {
        "name": "Elternnetzwerk Kreuzberg",
        "kind": "migrant_org",
        "legal_form": "",
        "city": "Berlin",
        "federal_state": "BE",
        "postcode": "10999",
        "board_migration_majority": "unknown",
        "description_de": "Eltern helfen Eltern.",
        "description_en": "",
        "description_ar": "",
        "description_tr": "",
        "recognitions-TOTAL_FORMS": "0",
        "recognitions-INITIAL_FORMS": "0",
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
    }
    if org is not None:
        data.update(
            name=org.name,
            kind=org.kind,
            city=org.city,
            federal_state=org.federal_state,
            postcode=org.postcode or "44787",
        )
    data.update(changes)
    return data


def test_a_member_creates_an_organization_and_becomes_its_admin(world, client_for):
    client = client_for(world.member_b)
    response = client.post("/de/organizations/new/", _profile_data())
    org = Organization.objects.get(name="Elternnetzwerk Kreuzberg")
    assert response["Location"] == org.get_absolute_url()
    membership = org.memberships.get()
    assert (membership.user, membership.role, membership.status) == (
        world.member_b,
        MembershipRole.ADMIN,
        MembershipStatus.ACTIVE,
    )
    assert org.last_confirmed_on == timezone.localdate()
    assert org.description == "Eltern helfen Eltern."
    assert not org.translations.exists()
    # The new profile is searchable at once.
    found = search_directory(user=world.member_b, filters=DirectoryFilters(q="Elternnetzwerk"))
    assert [o.name for o in found.organizations] == ["Elternnetzwerk Kreuzberg"]
    assert AuditLogEntry.objects.filter(object_id=str(org.pk), action="create").count() == 1


def test_an_invalid_profile_shows_errors_and_saves_nothing(world, client_for):
    client = client_for(world.member_b)
    before = Organization.objects.count()
    response = client.post("/de/organizations/new/", _profile_data(postcode="1234", email="nope"))
    assert "Eine deutsche Postleitzahl hat fünf Ziffern." in response.content.decode()
    form = response.context["form"]
    assert sorted(form.errors) == ["email", "postcode"]
    assert Organization.objects.count() == before


def test_form_errors_come_in_the_language_of_the_page(world, client_for):
    client = client_for(world.member_b)
    response = client.post("/de/organizations/new/", _profile_data(postcode="1234"))
    assert response.context["form"].errors["postcode"] == [
        "Eine deutsche Postleitzahl hat fünf Ziffern."
    ]


def test_editing_a_profile_records_what_changed(world, client_for):
    client = client_for(world.member_a)
    org = world.org_a
    response = client.post(
        f"/de/organizations/{org.slug}/edit/",
        _profile_data(org, city="Dortmund", description_de="Neu."),
    )
    assert response["Location"] == org.get_absolute_url()
    org.refresh_from_db()
    assert org.city == "Dortmund"
    entry = AuditLogEntry.objects.filter(object_id=str(org.pk), action="update").get()
    assert entry.actor == world.member_a
    assert entry.changes["city"] == ["Bochum", "Dortmund"]


GERMAN = "Wir sind ein Elternverein.\n\nWir treffen uns montags.\n\nAlle sind willkommen."
ARABIC = "نحن جمعية أولياء أمور.\n\nنلتقي أيام الاثنين.\n\nالجميع مرحب بهم."
ENGLISH = "We are a parents' association.\n\nWe meet on Mondays.\n\nEveryone is welcome."


def _translated(org):
    org.description = GERMAN
    org.save()
    content.set_texts(org, "ar", {"description": ARABIC})
    content.set_texts(org, "en", {"description": ENGLISH})


def _statuses(org, language):
    org = Organization.objects.get(pk=org.pk)
    return [part.status for part in content.parts(org, "description", language)]


def _edit(client, org, **changes):
    texts = {"description_de": GERMAN, "description_ar": ARABIC, "description_en": ENGLISH}
    return client.post(f"/de/organizations/{org.slug}/edit/", _profile_data(org, **texts | changes))


def test_editing_german_paragraph_two_in_the_profile_outdates_only_paragraph_two(world, client_for):
    org = world.org_a
    _translated(org)
    response = _edit(
        client_for(world.member_a), org, description_de=GERMAN.replace("montags", "dienstags")
    )
    assert response["Location"] == org.get_absolute_url()
    for language in ("ar", "en"):
        assert _statuses(org, language) == ["up_to_date", "outdated", "up_to_date"]
    # The form says so under each translation, counting the German's paragraphs.
    page = client_for(world.member_a).get(f"/en/organizations/{org.slug}/edit/")
    arabic = page.context["descriptions"]["description_ar"]
    assert arabic.help_text == "Outdated: the German of paragraph 2 has changed since."
    assert page.context["descriptions"]["description_tr"].help_text == "Not translated yet."
    # Saving again without touching the translations leaves paragraph 2 outdated.
    _edit(client_for(world.member_a), org, description_de=GERMAN.replace("montags", "dienstags"))
    assert _statuses(org, "ar") == ["up_to_date", "outdated", "up_to_date"]


def test_a_minor_edit_in_the_profile_keeps_the_translations_up_to_date(world, client_for):
    org = world.org_a
    _translated(org)
    _edit(
        client_for(world.member_a),
        org,
        description_de=GERMAN.replace("willkommen.", "willkommen!"),
        minor_edit="on",
    )
    assert Organization.objects.get(pk=org.pk).description.endswith("willkommen!")
    for language in ("ar", "en"):
        assert _statuses(org, language) == ["up_to_date"] * 3


def test_a_translation_updated_with_the_german_is_up_to_date(world, client_for):
    org = world.org_a
    _translated(org)
    _edit(
        client_for(world.member_a),
        org,
        description_de=GERMAN.replace("montags", "dienstags"),
        description_en=ENGLISH.replace("Mondays", "Tuesdays"),
    )
    assert _statuses(org, "en") == ["up_to_date"] * 3
    assert _statuses(org, "ar") == ["up_to_date", "outdated", "up_to_date"]


def test_recognitions_are_saved_with_the_profile(world, client_for):
    client = client_for(world.member_a)
    org = world.org_a
    data = _profile_data(
        org,
        **{
            "recognitions-TOTAL_FORMS": "1",
            "recognitions-0-type": "2",
            "recognitions-0-authority": "Jugendamt Bochum",
            "recognitions-0-granted_on": "2022-05-01",
        },
    )
    data["recognitions-0-type"] = str(RecognitionType.objects.get(code="youth_welfare_75").pk)
    client.post(f"/de/organizations/{org.slug}/edit/", data)
    recognition = org.recognitions.get()
    assert (recognition.type.code, recognition.authority, recognition.granted_on) == (
        "youth_welfare_75",
        "Jugendamt Bochum",
        datetime.date(2022, 5, 1),
    )


def test_a_claim_waits_for_agency_staff_and_grants_nothing_until_then(
    world, client_for, django_capture_on_commit_callbacks
):
    newcomer = factories.make_user("new@example.org", name="Nadia Karimi")
    client = client_for(newcomer)
    client.post(f"/de/organizations/{world.org_b.slug}/claim/", {"message": "Vorstand seit 2021"})
    claim = OrganizationMembership.objects.get(user=newcomer)
    assert claim.status == MembershipStatus.PENDING
    assert client.get(f"/de/organizations/{world.org_b.slug}/edit/").status_code == 403

    staff = client_for(world.advisor_y)
    page = staff.get("/de/organizations/claims/").content.decode()
    assert "Nadia Karimi" in page and "Vorstand seit 2021" in page
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/de/organizations/claims/{claim.pk}/decide/", {"decision": "accept"})
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (MembershipStatus.ACTIVE, world.advisor_y)
    assert mail.outbox[-1].to == ["new@example.org"]
    edit_page = client.get(f"/en/organizations/{world.org_b.slug}/edit/").content.decode()
    assert f"Edit {world.org_b.name}" in edit_page


def test_a_declined_claim_is_told_and_cannot_be_decided_twice(world):
    claimant = factories.make_user()
    claim = services.claim_organization(by=claimant, organization=world.org_b, message="x")
    services.decide_claim(by=world.advisor_x, membership=claim, accept=False)
    claim.refresh_from_db()
    assert claim.status == MembershipStatus.DECLINED
    with pytest.raises(services.ValidationError):
        services.decide_claim(by=world.advisor_x, membership=claim, accept=True)


def test_an_invitation_makes_a_colleague_a_member(
    world, client_for, django_capture_on_commit_callbacks
):
    admin = client_for(world.member_b)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            f"/de/organizations/{world.org_b.slug}/members/",
            {"email": "kollegin@example.org", "role": "member"},
        )
    invitation = Invitation.objects.get()
    assert mail.outbox[-1].to == ["kollegin@example.org"]
    assert invitation.token in mail.outbox[-1].body

    colleague = factories.make_user("kollegin@example.org")
    client_for(colleague).post(f"/de/organizations/invitations/{invitation.token}/")
    membership = OrganizationMembership.objects.get(user=colleague)
    assert (membership.organization, membership.role, membership.status) == (
        world.org_b,
        MembershipRole.MEMBER,
        MembershipStatus.ACTIVE,
    )


def test_an_invitation_cannot_be_used_by_someone_else(world, client_for):
    invitation = Invitation.objects.create(
        organization=world.org_b, email="a@example.org", invited_by=world.member_b
    )
    response = client_for(world.member_a).post(f"/de/organizations/invitations/{invitation.token}/")
    assert response.status_code == 403
    assert not OrganizationMembership.objects.filter(
        user=world.member_a, organization=world.org_b
    ).exists()


def test_the_last_admin_can_neither_leave_nor_be_demoted(world, client_for):
    membership = world.org_a.memberships.get()
    client = client_for(world.member_a)
    client.post(
        f"/de/organizations/{world.org_a.slug}/members/{membership.pk}/", {"role": "member"}
    )
    client.post(f"/de/organizations/{world.org_a.slug}/members/{membership.pk}/", {"remove": "on"})
    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN


def test_an_admin_removes_a_member(world, client_for):
    colleague = factories.make_membership(world.org_a, role=MembershipRole.MEMBER)
    client_for(world.member_a).post(
        f"/de/organizations/{world.org_a.slug}/members/{colleague.pk}/", {"remove": "on"}
    )
    assert not OrganizationMembership.objects.filter(pk=colleague.pk).exists()
    assert AuditLogEntry.objects.filter(action="revoke", object_id=str(colleague.pk)).exists()


def test_admins_of_stale_profiles_are_reminded_once_a_month(world):
    today = datetime.date(2026, 11, 21)
    world.org_a.last_confirmed_on = datetime.date(2025, 11, 1)
    world.org_a.save()
    assert services.remind_unconfirmed(today=today) == 1
    assert [m.to for m in mail.outbox] == [["member.a@example.org"]]
    assert services.remind_unconfirmed(today=today + datetime.timedelta(days=5)) == 0
    assert services.remind_unconfirmed(today=today + datetime.timedelta(days=31)) == 1


def test_confirming_the_profile_stops_the_nudge(world, client_for):
    world.org_a.last_confirmed_on = datetime.date(2024, 1, 1)
    world.org_a.save()
    client = client_for(world.member_a)
    page = client.get(f"/de/organizations/{world.org_a.slug}/").content.decode()
    assert f"/de/organizations/{world.org_a.slug}/confirm/" in page
    client.post(f"/de/organizations/{world.org_a.slug}/confirm/")
    world.org_a.refresh_from_db()
    assert world.org_a.last_confirmed_on == timezone.localdate()
    assert not world.org_a.confirmation_overdue


def test_the_remind_command_reports_its_count(world, capsys):
    world.org_b.last_confirmed_on = datetime.date(2020, 1, 1)
    world.org_b.save()
    call_command("remind_unconfirmed")
    assert "1 organization" in capsys.readouterr().out


def test_an_organization_named_like_a_route_gets_a_slug_that_does_not_hide_its_profile(db):
    assert services.unique_slug("Import") == "import-organisation"
    assert services.unique_slug("Neue Wege e.V.") == "neue-wege-ev"


def _with_recognitions(*types: RecognitionType, **changes) -> dict:
    data = _profile_data(**changes)
    data["recognitions-TOTAL_FORMS"] = str(len(types))
    for number, recognition_type in enumerate(types):
        data[f"recognitions-{number}-type"] = str(recognition_type.pk)
        data[f"recognitions-{number}-authority"] = "Jugendamt Friedrichshain-Kreuzberg"
        data[f"recognitions-{number}-granted_on"] = "2022-05-01"
    return data


def test_a_new_organization_keeps_the_recognitions_given_with_it(world, client_for):
    youth = RecognitionType.objects.get(code="youth_welfare_75")
    response = client_for(world.member_b).post("/de/organizations/new/", _with_recognitions(youth))
    org = Organization.objects.get(name="Elternnetzwerk Kreuzberg")
    assert response["Location"] == org.get_absolute_url()
    assert [(r.type.code, r.authority, r.granted_on) for r in org.recognitions.all()] == [
        ("youth_welfare_75", "Jugendamt Friedrichshain-Kreuzberg", datetime.date(2022, 5, 1))
    ]


def test_a_new_organization_with_a_recognition_twice_is_not_created(world, client_for):
    youth = RecognitionType.objects.get(code="youth_welfare_75")
    before = Organization.objects.count()
    response = client_for(world.member_b).post(
        "/de/organizations/new/", _with_recognitions(youth, youth)
    )
    assert response.context["recognitions"].non_form_errors() == [
        "Bitte die doppelten Daten für type korrigieren."
    ]
    assert Organization.objects.count() == before


def test_the_forms_hand_the_service_an_input_with_the_recognitions(world):
    youth = RecognitionType.objects.get(code="youth_welfare_75")
    data = _with_recognitions(youth)
    form = OrganizationForm(data)
    descriptions = DescriptionsForm(data)
    recognitions = RecognitionFormSet(data, prefix="recognitions")
    assert form.is_valid() and descriptions.is_valid() and recognitions.is_valid()

    org = services.create_organization(
        by=world.member_b,
        data=form.to_input(descriptions=descriptions, recognitions=recognitions),
        as_admin=True,
    )

    assert [r.type.code for r in org.recognitions.all()] == ["youth_welfare_75"]
    assert org.description == "Eltern helfen Eltern."
    assert org.memberships.get().user == world.member_b


def test_a_pending_claim_acts_for_no_organization(world):
    claimant = factories.make_user("claim@example.org")
    factories.make_membership(world.org_b, claimant, status=MembershipStatus.PENDING)
    assert list(Organization.objects.acted_for_by(claimant)) == []
    assert list(Organization.objects.acted_for_by(world.member_b)) == [world.org_b]
    assert set(OrganizationMembership.objects.active().values_list("user__email", flat=True)) == {
        "member.a@example.org",
        "member.b@example.org",
    }

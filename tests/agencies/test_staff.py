"""An agency's staff: added, changed, taken back, and never without a manager."""

import pytest
from django.core.exceptions import ValidationError

from gemeinsam.agencies import services
from gemeinsam.agencies.inputs import StaffChange
from gemeinsam.agencies.models import StaffMembership
from gemeinsam.core.models import AuditLogEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_manager_adds_an_existing_account_as_advisor(world, client_for):
    newcomer = factories.make_user("neu@example.org", name="Nils Becker")
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/staff/",
        {"email": "NEU@example.org", "role": "advisor"},
    )
    membership = StaffMembership.objects.get(user=newcomer)
    assert (membership.agency, membership.role) == (world.agency_x, "advisor")
    assert AuditLogEntry.objects.filter(action="grant", object_id=str(membership.pk)).exists()


def test_adding_an_unknown_address_explains_what_is_missing(world, client_for):
    response = client_for(world.manager_x).post(
        f"/en/agencies/{world.agency_x.slug}/staff/",
        {"email": "nobody@example.org", "role": "advisor"},
    )
    assert response.context["form"].errors["email"] == [
        "There is no account with this email address yet."
    ]


def test_an_agency_keeps_at_least_one_manager(world, client_for):
    membership = world.agency_x.staff.get(user=world.manager_x)
    response = client_for(world.manager_x).post(
        f"/en/agencies/{world.agency_x.slug}/staff/{membership.pk}/",
        {"role": "advisor", "is_active": "on"},
    )
    assert response.context["form"].non_field_errors() == ["An agency needs at least one manager."]
    membership.refresh_from_db()
    assert membership.role == "manager"


def test_a_former_staff_member_is_taken_back_with_the_new_role(world):
    membership = world.agency_x.staff.get(user=world.advisor_x)
    membership.is_active = False
    membership.save()
    services.add_staff(
        by=world.manager_x, agency=world.agency_x, email="advisor.x@example.org", role="manager"
    )
    membership.refresh_from_db()
    assert (membership.is_active, membership.role) == (True, "manager")


def test_someone_already_on_the_staff_is_not_added_twice(world):
    with pytest.raises(ValidationError, match="already works for the agency"):
        services.add_staff(
            by=world.manager_x,
            agency=world.agency_x,
            email="advisor.x@example.org",
            role="advisor",
        )


def test_a_manager_changes_a_staff_members_public_contact_details(world, client_for):
    membership = world.agency_x.staff.get(user=world.advisor_x)
    client_for(world.manager_x).post(
        f"/de/agencies/{world.agency_x.slug}/staff/{membership.pk}/",
        {
            "role": "advisor",
            "is_active": "on",
            "is_public_contact": "on",
            "public_title": "Beratung Vereinsgründung",
            "languages": "Deutsch, Arabisch",
        },
    )
    membership.refresh_from_db()
    assert (membership.is_public_contact, membership.public_title) == (
        True,
        "Beratung Vereinsgründung",
    )
    entry = AuditLogEntry.objects.filter(object_id=str(membership.pk), action="update").get()
    assert entry.changes["public_title"] == ["", "Beratung Vereinsgründung"]


def test_the_service_changes_staff_from_typed_input_and_records_what_changed(world):
    membership = world.agency_x.staff.get(user=world.advisor_x)
    change = StaffChange(
        role="advisor",
        is_active=True,
        is_public_contact=True,
        public_title="Beratung auf Türkisch",
        languages="tr, de",
    )

    services.change_staff(by=world.manager_x, membership=membership, change=change)

    membership.refresh_from_db()
    assert (membership.is_public_contact, membership.public_title, membership.languages) == (
        True,
        "Beratung auf Türkisch",
        "tr, de",
    )
    entry = AuditLogEntry.objects.get(object_id=str(membership.pk), action="update")
    assert entry.changes["public_title"] == ["", "Beratung auf Türkisch"]


def test_the_service_keeps_the_last_manager(world):
    membership = world.agency_x.staff.get(user=world.manager_x)
    with pytest.raises(ValidationError) as refused:
        services.change_staff(
            by=world.manager_x,
            membership=membership,
            change=StaffChange(role="advisor", is_active=True),
        )
    assert refused.value.messages == ["An agency needs at least one manager."]
    membership.refresh_from_db()
    assert membership.role == "manager"

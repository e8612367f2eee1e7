"""The directory's other pages are built from the design system's components: members, claims,
invitations and the import, each with a page header and the way back, tables that stack on a
phone, badges, empty states, and forms whose errors are summed up with links to the fields."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import gemeinsam.organizations
from gemeinsam.organizations.enums import MembershipStatus
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

HAND_WRITTEN = re.compile(r'<table|<nav|class="pagination|<label')


def test_no_template_of_the_directory_writes_navigation_fields_tables_or_pages_by_hand():
    folder = Path(gemeinsam.organizations.__file__).parent / "templates"
    by_hand = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*.html")
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    )
    assert by_hand == []


def test_the_members_are_a_stacking_table_whose_role_choosers_name_their_person(world, client_for):
    pending = factories.make_user("neu@example.org", name="Nadia Neu")
    factories.make_membership(world.org_a, pending, status=MembershipStatus.PENDING)
    html = client_for(world.member_a).get(f"/en/organizations/{world.org_a.slug}/members/")
    html = html.content.decode()

    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [text(a) for a in find_all(crumbs, "a")] == ["Home", "Directory", world.org_a.name]
    rows = find_all(find(find(html, "table", class_="table-stack"), "tbody"), "tr")
    assert [
        (
            text(find(row, "th")),
            text(find(row, "span", class_="badge")),
            attribute(find(row, "select"), "aria-label"),
        )
        for row in rows
    ] == [
        ("Amal Haddad", "confirmed", "Role of Amal Haddad"),
        ("Nadia Neu", "waiting for confirmation", "Role of Nadia Neu"),
    ]
    # Every role chooser (and the invitation's) has an id of its own.
    ids = [attribute(select, "id") for select in find_all(html, "select", name="role")]
    assert (len(ids), len(set(ids))) == (3, 3)


def test_an_invitation_to_a_wrong_address_is_summed_up_with_a_link_to_the_field(world, client_for):
    response = client_for(world.member_a).post(
        f"/en/organizations/{world.org_a.slug}/members/", {"email": "nope", "role": "member"}
    )
    summary = find(response.content.decode(), "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_email"]


def test_without_requests_the_claim_list_says_so(world, client_for):
    html = client_for(world.advisor_x).get("/en/organizations/claims/").content.decode()
    empty = find(html, "div", class_="empty-state")
    assert text(find(empty, "p", class_="empty-state-title")) == "No open requests."
    assert find_all(html, "table") == []


def test_a_claim_without_a_message_is_summed_up_above_the_form(world, client_for):
    response = client_for(world.member_a).post(
        f"/en/organizations/{world.org_b.slug}/claim/", {"message": ""}
    )
    summary = find(response.content.decode(), "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_message"]


def test_an_unreadable_upload_is_summed_up_and_earlier_imports_show_their_status(
    world, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(world.advisor_x)
    good = b"Vereinsname;PLZ;Ort\r\nKulturverein Anatolien;44787;Bochum\r\n"
    client.post("/en/organizations/import/", {"file": SimpleUploadedFile("alt.csv", good)})
    response = client.post(
        "/en/organizations/import/",
        {"file": SimpleUploadedFile("liste.txt", b"\x00\x01 not a table")},
    )
    html = response.content.decode()
    summary = find(html, "div", class_="error-summary")
    assert [attribute(a, "href") for a in find_all(summary, "a")] == ["#id_file"]
    earlier = find(html, "table", class_="table-stack")
    assert [
        (text(find(row, "th")), text(find(row, "span", class_="badge")))
        for row in find_all(find(earlier, "tbody"), "tr")
    ] == [("alt.csv", "uploaded")]

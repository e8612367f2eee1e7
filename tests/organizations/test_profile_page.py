"""The profile and its form in parts: the form folds each part to a line of what it holds, opens
the parts with errors and keeps every value typed; the page has an in-page navigation to its
sections."""

import pytest

from gemeinsam.organizations.forms.profiles import PROFILE_PARTS
from gemeinsam.organizations.models import PROFILE_FIELDS, FieldOfActivity, RecognitionType
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db


def has(element, name: str) -> bool:
    """Whether a boolean attribute (open, checked) is set; the parser gives it no value."""
    return name in dict(element.attributes)


def sections(html) -> list[tuple[str, bool, str]]:
    """(id, open, summary line) of each part of the form."""
    return [
        (
            attribute(part, "id"),
            has(part, "open"),
            text(find(part, "span", class_="form-section-summary")),
        )
        for part in find_all(html, "details", class_="form-section")
    ]


def test_every_profile_field_is_in_one_part_but_the_public_switch(db):
    placed = [name for _slug, _title, names, _summed in PROFILE_PARTS for name in names]
    assert sorted(placed) == sorted(set(placed))
    assert sorted([*placed, "is_public"]) == sorted(PROFILE_FIELDS)


def test_the_form_of_a_profile_comes_folded_into_parts_that_say_what_they_hold(world, client_for):
    org = world.org_a
    org.email, org.members_count = "info@verein-a.de", 40
    org.save()
    html = client_for(world.member_a).get(f"/en/organizations/{org.slug}/edit/").content.decode()
    assert sections(html) == [
        (
            "part-identity",
            False,
            "Verein A für Jugendarbeit · migrant organization · registered association (e.V.)",
        ),
        ("part-contact", False, "Bochum · info@verein-a.de"),
        ("part-work", False, "Youth work · Arabic"),
        ("part-structure", False, "Members: 40"),
        ("part-descriptions", False, "Nothing entered yet"),
        ("part-recognitions", False, "Nothing entered yet"),
        ("part-funding", False, "Nothing entered yet"),
    ]
    # Whether the profile is public stays in view, beside the button that saves.
    public = find(html, "input", name="is_public")
    assert [attribute(p, "id") for p in find_all(html, "details") if public in find_all(p)] == []
    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [text(a) for a in find_all(crumbs, "a")] == ["Home", "Directory", org.name]


def test_a_new_profile_opens_name_and_address_and_folds_the_rest(world, client_for):
    html = client_for(world.member_b).get("/en/organizations/new/").content.decode()
    assert [(slug, opened) for slug, opened, _summary in sections(html)] == [
        ("part-identity", True),
        ("part-contact", True),
        ("part-work", False),
        ("part-structure", False),
        ("part-descriptions", False),
        ("part-recognitions", False),
        ("part-funding", False),
    ]


def test_an_invalid_profile_keeps_what_was_typed_and_its_summary_leads_into_any_part(
    world, client_for
):
    youth_work = FieldOfActivity.objects.get(code="youth_work")
    charitable = RecognitionType.objects.get(code="charitable")
    data = {
        "name": "Elternnetzwerk Kreuzberg",
        "short_name": "ENK",
        "kind": "migrant_org",
        "legal_form": "",
        "city": "Berlin",
        "federal_state": "BE",
        "postcode": "10999",
        "email": "kein-at-zeichen",
        "fields": [str(youth_work.pk)],
        "members_count": "12",
        "board_migration_majority": "unknown",
        "description_de": "Eltern helfen Eltern.",
        "description_en": "",
        "description_ar": "الآباء يساعدون الآباء.",
        "description_tr": "",
        "recognitions-TOTAL_FORMS": "1",
        "recognitions-INITIAL_FORMS": "0",
        "recognitions-0-type": str(charitable.pk),
        "recognitions-0-authority": "Finanzamt Kreuzberg",
        "recognitions-0-granted_on": "nicht-ein-datum",
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
    }
    response = client_for(world.member_b).post("/en/organizations/new/", data)
    html = response.content.decode()

    summary = find(html, "div", class_="error-summary")
    targets = [attribute(a, "href") for a in find_all(summary, "a")]
    assert targets == ["#id_email", "#id_recognitions-0-granted_on"]
    # Each link leads into a part that is open; the others stay folded.
    opened = {slug for slug, is_open, _summary in sections(html) if is_open}
    assert opened == {"part-contact", "part-recognitions"}
    for target in targets:
        (part,) = [
            p
            for p in find_all(html, "details", class_="form-section")
            if find_all(p, id=target[1:])
        ]
        assert has(part, "open")
    problems = [text(badge) for badge in find_all(html, "span", class_="badge-error")]
    assert problems == ["1 problem", "1 problem"]

    # Every value typed is still there, folded or not.
    def value(name):
        return attribute(find(html, "input", name=name), "value")

    assert [value("name"), value("short_name"), value("email"), value("members_count")] == [
        "Elternnetzwerk Kreuzberg",
        "ENK",
        "kein-at-zeichen",
        "12",
    ]
    assert value("recognitions-0-authority") == "Finanzamt Kreuzberg"
    assert value("recognitions-0-granted_on") == "nicht-ein-datum"
    box = find(html, "input", name="fields", value=str(youth_work.pk))
    assert has(box, "checked")
    assert text(find(html, "textarea", name="description_ar")) == "الآباء يساعدون الآباء."
    folded = {slug: line for slug, _open, line in sections(html)}
    assert folded["part-work"] == "Youth work"
    assert folded["part-descriptions"] == "German · Arabic"


def test_the_profile_page_has_sections_and_a_navigation_to_them(world, client_for):
    org = world.org_a
    org.members_count = 40
    org.save()
    charitable = RecognitionType.objects.get(code="charitable")
    org.recognitions.create(type=charitable, authority="Finanzamt Bochum")
    html = client_for(world.advisor_x).get(org.get_absolute_url()).content.decode()

    crumbs = find(html, "nav", class_="breadcrumbs")
    assert [text(a) for a in find_all(crumbs, "a")] == ["Home", "Directory"]
    assert text(find(html, "p", class_="lead")) == (
        "migrant organization · registered association (e.V.) · Bochum"
    )
    here = find(html, "nav", aria_label="On this page")
    links = [(attribute(a, "href"), text(a)) for a in find_all(here, "a")]
    assert links == [
        ("#work", "Fields, target groups and languages"),
        ("#contact", "Address and contact"),
        ("#recognitions", "Recognitions"),
        ("#internal", "Structure and funding"),
    ]
    # Every link leads to a section of the page, labelled by its heading.
    for href, title in links:
        section = find(html, "section", aria_labelledby=href[1:])
        assert text(find(section, "h2")) == title
    recognition = find(find(html, "section", aria_labelledby="recognitions"), "div", class_="card")
    assert text(find(recognition, "span", class_="badge-ok")) == "valid"
    assert [text(b) for b in find_all(html, "span", class_="badge-warn")] == ["not public"]


def test_visitors_see_no_navigation_to_the_internal_section(world, client):
    html = client.get(world.org_b.get_absolute_url()).content.decode()
    here = find(html, "nav", aria_label="On this page")
    assert [attribute(a, "href") for a in find_all(here, "a")] == ["#work", "#contact"]
    assert find_all(html, "section", aria_labelledby="internal") == []

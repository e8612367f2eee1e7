"""The profile services take an `OrganizationInput`, no form: the profile's fields, its lists by
id, the descriptions per language, recognitions and funding sources."""

import datetime

import pytest

from gemeinsam.core import content
from gemeinsam.core.localized import written
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.organizations import services
from gemeinsam.organizations.forms.profiles import OrganizationForm
from gemeinsam.organizations.inputs import (
    ORGANIZATION_COLUMNS,
    ORGANIZATION_LISTS,
    FundingSourceInput,
    OrganizationInput,
    RecognitionInput,
)
from gemeinsam.organizations.models import (
    FieldOfActivity,
    FundingSource,
    LegalForm,
    Organization,
    Recognition,
    RecognitionType,
    WorkingLanguage,
)
from gemeinsam.organizations.queries import DirectoryFilters, search_directory
from tests import factories

pytestmark = pytest.mark.django_db


def _ids(model, *codes: str) -> tuple[int, ...]:
    return tuple(sorted(model.objects.filter(code__in=codes).values_list("pk", flat=True)))


def _profile(**changes) -> OrganizationInput:
    values = {
        "name": "Elternnetzwerk Kreuzberg",
        "kind": "migrant_org",
        "legal_form_id": LegalForm.objects.get(code="registered_association").pk,
        "postcode": "10999",
        "city": "Berlin",
        "federal_state": "BE",
        "is_public": True,
    }
    return OrganizationInput(**(values | changes))


def _described(org) -> dict[str, tuple[str, str]]:
    """The description in each language written, with its status."""
    org = Organization.objects.get(pk=org.pk)
    return {
        language: (text, content.status(org, "description", language))
        for language, text in written(org, "description").items()
    }


def _audit(org) -> list[tuple[str, dict]]:
    entries = AuditLogEntry.objects.filter(
        object_type="organizations.organization", object_id=str(org.pk)
    )
    return [(e.action, e.changes) for e in entries.order_by("pk")]


def test_an_organization_is_created_with_descriptions_in_two_languages(world):
    youth_work = FieldOfActivity.objects.get(code="youth_work")
    youth = RecognitionType.objects.get(code="youth_welfare_75")
    data = _profile(
        fields=(youth_work.pk,),
        languages=_ids(WorkingLanguage, "ar", "tr"),
        descriptions={"de": "Eltern helfen Eltern.", "ar": "الآباء يساعدون الآباء.", "en": ""},
        recognitions=(
            RecognitionInput(
                type_id=youth.pk,
                authority="Jugendamt Friedrichshain-Kreuzberg",
                granted_on=datetime.date(2022, 5, 1),
            ),
        ),
        funding_sources=(
            FundingSourceInput(field_id=youth_work.pk, kind="project", funder="Bezirksamt"),
        ),
    )

    org = services.create_organization(by=world.member_b, data=data, as_admin=True)

    org = Organization.objects.get(pk=org.pk)
    assert (org.slug, org.name, org.city, org.last_confirmed_on) == (
        "elternnetzwerk-kreuzberg",
        "Elternnetzwerk Kreuzberg",
        "Berlin",
        datetime.date.today(),
    )
    assert _described(org) == {
        "de": ("Eltern helfen Eltern.", "up_to_date"),
        "ar": ("الآباء يساعدون الآباء.", "up_to_date"),
    }
    assert [f.code for f in org.fields.all()] == ["youth_work"]
    assert sorted(lang.code for lang in org.languages.all()) == ["ar", "tr"]
    assert [(r.type, r.granted_on) for r in org.recognitions.all()] == [
        (youth, datetime.date(2022, 5, 1))
    ]
    assert [(s.field, s.kind, s.funder) for s in org.funding_sources.all()] == [
        (youth_work, "project", "Bezirksamt")
    ]
    assert [m.user for m in org.memberships.all()] == [world.member_b]
    [(action, changes)] = _audit(org)
    assert action == "create"
    assert changes["descriptions"] == {
        "de": "Eltern helfen Eltern.",
        "ar": "الآباء يساعدون الآباء.",
    }
    found = search_directory(user=world.member_b, filters=DirectoryFilters(q="Elternnetzwerk"))
    assert [o.pk for o in found.organizations] == [org.pk]


def test_staff_who_add_an_organization_do_not_become_its_admins(world):
    org = services.create_organization(by=world.advisor_x, data=_profile(), as_admin=False)

    assert not org.memberships.exists()


def test_an_update_writes_the_profile_and_changes_the_rows_it_names(world):
    org = factories.make_organization(
        "Verein C", recognitions=("youth_welfare_75",), last_confirmed_on=datetime.date(2025, 1, 2)
    )
    recognition = org.recognitions.get()
    education = FieldOfActivity.objects.get(code="education")
    dropped = FundingSource.objects.create(organization=org, field=education, kind="regular")
    data = _profile(
        name="Verein C für Familien",
        city="Bochum",
        federal_state="NW",
        postcode="",
        recognitions=(
            RecognitionInput(
                type_id=recognition.type_id, authority="Jugendamt Bochum", id=recognition.pk
            ),
        ),
        funding_sources=(FundingSourceInput(id=dropped.pk, delete=True),),
    )

    services.update_organization(by=world.member_b, organization=org, data=data)

    org.refresh_from_db()
    assert (org.name, org.is_public, org.last_confirmed_on) == (
        "Verein C für Familien",
        True,
        datetime.date(2025, 1, 2),
    )
    assert list(org.recognitions.values_list("pk", "authority")) == [
        (recognition.pk, "Jugendamt Bochum")
    ]
    assert not org.funding_sources.exists()
    [(action, changes)] = _audit(org)
    assert (action, changes) == ("update", {"name": ["Verein C", "Verein C für Familien"]})


def test_a_new_german_description_marks_the_others_outdated(world):
    org = factories.make_organization("Verein D", description="Alt.")
    services.update_organization(
        by=world.member_b,
        organization=org,
        data=_profile(name="Verein D", descriptions={"tr": "Eski.", "en": "Old."}),
    )

    services.update_organization(
        by=world.member_b,
        organization=org,
        data=_profile(name="Verein D", descriptions={"de": "Neu.", "tr": "Eski.", "en": "New."}),
    )

    assert _described(org) == {
        "de": ("Neu.", "up_to_date"),
        "en": ("New.", "up_to_date"),
        "tr": ("Eski.", "outdated"),
    }
    assert _audit(org)[-1][1]["descriptions"] == [
        {"de": "Alt.", "en": "Old.", "tr": "Eski."},
        {"de": "Neu.", "en": "New.", "tr": "Eski."},
    ]


GERMAN = "Wir sind ein Elternverein.\n\nWir treffen uns montags.\n\nAlle sind willkommen."
ARABIC = "نحن جمعية أولياء أمور.\n\nنلتقي أيام الاثنين.\n\nالجميع مرحب بهم."


def test_a_minor_edit_of_the_german_keeps_the_translations_up_to_date(world):
    org = factories.make_organization("Verein G", description=GERMAN)
    content.set_texts(org, "ar", {"description": ARABIC})
    typo = GERMAN.replace("montags", "Montags")

    services.update_organization(
        by=world.member_b,
        organization=org,
        data=_profile(name="Verein G", descriptions={"de": typo, "ar": ARABIC}, minor_edit=True),
    )

    assert _described(org) == {"de": (typo, "up_to_date"), "ar": (ARABIC, "up_to_date")}
    # The same change, not marked as minor, outdates the paragraph it changed.
    services.update_organization(
        by=world.member_b,
        organization=org,
        data=_profile(name="Verein G", descriptions={"de": GERMAN, "ar": ARABIC}),
    )
    org = Organization.objects.get(pk=org.pk)
    assert [p.status for p in content.parts(org, "description", "ar")] == [
        "up_to_date",
        "outdated",
        "up_to_date",
    ]


def test_an_emptied_translation_is_removed_and_an_unchanged_one_left_alone(world):
    org = factories.make_organization("Verein H", description=GERMAN)
    content.set_texts(org, "ar", {"description": ARABIC})
    content.set_texts(org, "tr", {"description": "Veli derneğiyiz."})
    before = org.translations.get(language="ar").updated_at

    services.update_organization(
        by=world.member_b,
        organization=org,
        data=_profile(name="Verein H", descriptions={"de": GERMAN, "ar": ARABIC + "\n", "tr": " "}),
    )

    assert sorted(org.translations.values_list("language", flat=True)) == ["ar"]
    assert org.translations.get(language="ar").updated_at == before


def test_a_recognition_of_another_organization_cannot_be_named(world):
    org = factories.make_organization("Verein E")
    other = factories.make_organization("Verein F", recognitions=("youth_welfare_75",))
    foreign = other.recognitions.get()
    data = _profile(
        name="Verein E umbenannt", recognitions=(RecognitionInput(id=foreign.pk, delete=True),)
    )

    with pytest.raises(ValueError, match="Recognition"):
        services.update_organization(by=world.member_b, organization=org, data=data)

    assert Recognition.objects.filter(pk=foreign.pk).exists()
    org.refresh_from_db()
    assert org.name == "Verein E"


def test_the_input_carries_every_field_of_the_form():
    carried = [
        "legal_form" if name == "legal_form_id" else name for name in ORGANIZATION_COLUMNS
    ] + list(ORGANIZATION_LISTS)

    assert sorted(carried) == sorted(OrganizationForm.Meta.fields)


def test_the_edit_page_removes_a_recognition_and_adds_a_funding_source(world, client_for):
    org = factories.make_organization(
        "Verein G", recognitions=("youth_welfare_75",), city="Bochum", postcode="44787"
    )
    factories.make_membership(org, world.member_a)
    recognition = org.recognitions.get()
    education = FieldOfActivity.objects.get(code="education")
    data = {
        "name": "Verein G",
        "kind": org.kind,
        "legal_form": str(org.legal_form_id),
        "city": "Bochum",
        "federal_state": "NW",
        "postcode": "44787",
        "board_migration_majority": "unknown",
        "is_public": "on",
        "description_de": "",
        "description_en": "",
        "description_ar": "",
        "description_tr": "",
        "recognitions-TOTAL_FORMS": "1",
        "recognitions-INITIAL_FORMS": "1",
        "recognitions-0-id": str(recognition.pk),
        "recognitions-0-type": str(recognition.type_id),
        "recognitions-0-DELETE": "on",
        "funding-TOTAL_FORMS": "1",
        "funding-INITIAL_FORMS": "0",
        "funding-0-field": str(education.pk),
        "funding-0-kind": "regular",
        "funding-0-funder": "Stadt Bochum",
    }

    response = client_for(world.member_a).post(f"/de/organizations/{org.slug}/edit/", data)

    assert response["Location"] == org.get_absolute_url()
    assert not org.recognitions.exists()
    assert [(s.field, s.kind, s.funder) for s in org.funding_sources.all()] == [
        (education, "regular", "Stadt Bochum")
    ]
    org.refresh_from_db()
    assert (org.name, org.is_public, org.legal_form.code) == (
        "Verein G",
        True,
        "registered_association",
    )

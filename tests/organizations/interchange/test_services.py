"""Applying an import: all or nothing, duplicates as decided, searchable, audited."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.organizations import queries
from gemeinsam.organizations.interchange import bulk, services
from gemeinsam.organizations.interchange.enums import Decision
from gemeinsam.organizations.interchange.fields import guess_mapping
from gemeinsam.organizations.interchange.parsing import read_table
from gemeinsam.organizations.interchange.validation import check
from gemeinsam.organizations.models import Organization
from tests import factories

VALID = (
    "Vereinsname;Ort;PLZ;Bundesland;Arbeitsfelder;Sprachen;Zielgruppen;E-Mail;Beschreibung\r\n"
    "Kulturbrücke Ruhr e.V.;Bochum;44787;NRW;Jugendarbeit, Kultur und Begegnung;"
    "Arabisch | Türkisch;Jugendliche;info@kulturbruecke.example;"
    "Hausaufgabenhilfe und Theater für Jugendliche\r\n"
    "Elternnetzwerk Altona;Hamburg;22765;Hamburg;Bildung und Nachhilfe;Persisch (Farsi/Dari);"
    "Familien;;\r\n"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview_of(text: str):
    table = read_table(io.BytesIO(text.encode("utf-8")), "liste.csv")
    return check(table, guess_mapping(table.headers))


def codes(related) -> list[str]:
    return sorted(item.code for item in related.all())


@pytest.mark.django_db
def test_a_valid_file_creates_exactly_its_rows_with_their_many_to_many_and_description(world):
    before = Organization.objects.count()
    result = services.apply_import(by=world.advisor_x, preview=preview_of(VALID))
    assert result.summary == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    assert Organization.objects.count() == before + 2
    ruhr = Organization.objects.get(name="Kulturbrücke Ruhr e.V.")
    assert (ruhr.city, ruhr.postcode, ruhr.federal_state, ruhr.kind, ruhr.slug) == (
        "Bochum",
        "44787",
        "NW",
        "migrant_org",
        "kulturbrucke-ruhr-ev",
    )
    assert codes(ruhr.fields) == ["culture", "youth_work"]
    assert codes(ruhr.languages) == ["ar", "tr"]
    assert codes(ruhr.target_groups) == ["young_people"]
    assert ruhr.description == "Hausaufgabenhilfe und Theater für Jugendliche"
    assert not ruhr.translations.exists()
    assert ruhr.is_public is False


@pytest.mark.django_db
def test_imported_organizations_are_found_by_the_directory_search(world):
    services.apply_import(by=world.advisor_x, preview=preview_of(VALID))
    filters = queries.DirectoryFilters(q="Theater", languages=["ar"])
    result = queries.search_directory(user=world.advisor_x, filters=filters)
    assert [org.name for org in result.organizations] == ["Kulturbrücke Ruhr e.V."]


@pytest.mark.django_db
def test_every_imported_organization_gets_one_audit_entry_naming_the_actor(world):
    result = services.apply_import(by=world.advisor_x, preview=preview_of(VALID))
    entries = AuditLogEntry.objects.filter(action="import").order_by("id")
    assert [(e.object_id, e.actor) for e in entries] == [
        (str(org.pk), world.advisor_x) for org in result.created
    ]
    assert entries[0].changes["languages"] == ["ar", "tr"]
    assert entries[0].changes["name"] == "Kulturbrücke Ruhr e.V."


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nothing(world):
    before = Organization.objects.count()
    preview = preview_of(VALID + "Dritter Verein;Bochum;447;NRW;;;;;\r\n")
    with pytest.raises(ValidationError) as error:
        services.apply_import(by=world.advisor_x, preview=preview)
    assert error.value.messages == ["The file still has problems, so nothing was imported."]
    assert Organization.objects.count() == before
    assert AuditLogEntry.objects.filter(action="import").count() == 0


@pytest.mark.django_db
def test_a_row_matching_an_existing_organization_is_skipped_unless_decided_otherwise(world):
    factories.make_organization("Elternnetzwerk Altona", city="Hamburg")
    before = Organization.objects.count()
    result = services.apply_import(by=world.advisor_x, preview=preview_of(VALID))
    assert result.summary == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1}
    assert result.skipped == [3]
    assert Organization.objects.count() == before + 1


@pytest.mark.django_db
def test_create_anyway_makes_a_second_organization_with_its_own_slug(world):
    existing = factories.make_organization("Elternnetzwerk Altona", city="Hamburg")
    existing.slug = "elternnetzwerk-altona"
    existing.save()
    result = services.apply_import(
        by=world.advisor_x, preview=preview_of(VALID), decisions={3: Decision.CREATE}
    )
    assert [org.slug for org in result.created] == [
        "kulturbrucke-ruhr-ev",
        "elternnetzwerk-altona-2",
    ]


@pytest.mark.django_db
def test_fill_merges_only_into_the_empty_fields_of_the_existing_organization(world):
    existing = factories.make_organization(
        "Elternnetzwerk Altona",
        city="Hamburg",
        postcode="",
        email="alt@example.org",
        fields=("culture",),
        is_public=True,
    )
    result = services.apply_import(
        by=world.advisor_x,
        preview=preview_of(
            "Name;Ort;PLZ;E-Mail;Arbeitsfelder;Sprachen;Öffentlich\r\n"
            "Elternnetzwerk Altona;Hamburg;22765;neu@example.org;Sport;fa;nein\r\n"
        ),
        decisions={2: Decision.FILL},
    )
    existing.refresh_from_db()
    assert result.updated == [existing]
    assert (existing.postcode, existing.email, existing.is_public) == (
        "22765",
        "alt@example.org",
        True,
    )
    assert (codes(existing.fields), codes(existing.languages)) == (["culture"], ["fa"])
    entry = AuditLogEntry.objects.get(action="import")
    assert entry.changes == {"postcode": ["", "22765"], "languages": [[], ["fa"]]}


@pytest.mark.django_db
def test_update_overwrites_the_existing_organization_with_every_filled_cell(world):
    existing = factories.make_organization(
        "Elternnetzwerk Altona",
        city="Hamburg",
        email="alt@example.org",
        fields=("culture",),
        phone="040 123",
    )
    services.apply_import(
        by=world.advisor_x,
        preview=preview_of(
            "Name;Ort;E-Mail;Arbeitsfelder;Telefon\r\n"
            "Elternnetzwerk Altona;Hamburg;neu@example.org;Sport;\r\n"
        ),
        decisions={2: Decision.UPDATE},
    )
    existing.refresh_from_db()
    assert (existing.email, codes(existing.fields), existing.phone) == (
        "neu@example.org",
        ["sports"],
        "040 123",
    )


@pytest.mark.django_db
def test_an_import_that_changes_the_german_description_outdates_its_translations(world):
    existing = factories.make_organization(
        "Elternnetzwerk Altona",
        city="Hamburg",
        description="Wir beraten Eltern.\n\nTreffpunkt ist das Stadtteilhaus.",
    )
    content.save_translation(
        existing, "description", "ar", ["نقدم الاستشارة للآباء.", "نلتقي في بيت الحي."]
    )
    content.save_translation(existing, "description", "tr", ["Ebelere danışmanlık.", ""])
    services.apply_import(
        by=world.advisor_x,
        preview=preview_of(
            "Name;Ort;Beschreibung\r\n"
            '"Elternnetzwerk Altona";Hamburg;"Wir beraten Eltern.\n\n'
            'Treffpunkt ist das Bürgerhaus."\r\n'
        ),
        decisions={2: Decision.UPDATE},
    )
    existing = Organization.objects.get(pk=existing.pk)
    assert existing.description.endswith("Bürgerhaus.")
    # Only the paragraph the file changed is outdated; the missing one stays missing.
    assert [p.status for p in content.parts(existing, "description", "ar")] == [
        "up_to_date",
        "outdated",
    ]
    assert [p.status for p in content.parts(existing, "description", "tr")] == [
        "up_to_date",
        "missing",
    ]
    assert content.text(existing, "description", "ar").endswith("نلتقي في بيت الحي.")


@pytest.mark.django_db
def test_a_repeated_row_of_the_file_is_skipped_by_default_and_cannot_be_merged(world):
    preview = preview_of("Name;Ort\r\nVerein A;Bochum\r\nVerein A;Bochum\r\n")
    with pytest.raises(ValidationError):
        services.apply_import(by=world.advisor_x, preview=preview, decisions={3: Decision.FILL})
    result = services.apply_import(by=world.advisor_x, preview=preview)
    assert (result.summary["created"], result.skipped) == (1, [3])
    assert Organization.objects.filter(name="Verein A").count() == 1


def _write(by, plan, during_staging=None):
    with bulk.staged(plan):
        if during_staging:
            during_staging()
        with transaction.atomic():
            return bulk.write(by, plan)


@pytest.mark.django_db
def test_a_slug_taken_after_preparing_is_renewed_and_the_rows_follow_the_organization(world):
    plan = bulk.prepare(world.advisor_x, preview_of(VALID), {})
    # Someone creates an organization with the same slug while the import is being prepared.
    other = factories.make_organization("Kulturbrücke Ruhr", city="Essen")
    Organization.objects.filter(pk=other.pk).update(slug="kulturbrucke-ruhr-ev")

    written = _write(world.advisor_x, plan)

    ruhr = Organization.objects.get(name="Kulturbrücke Ruhr e.V.")
    assert written.created[0].pk == ruhr.pk
    assert ruhr.slug == "kulturbrucke-ruhr-ev-2"
    assert codes(ruhr.fields) == ["culture", "youth_work"]
    assert ruhr.description == "Hausaufgabenhilfe und Theater für Jugendliche"
    entry = AuditLogEntry.objects.get(object_id=str(ruhr.pk), action="import")
    assert entry.object_repr == "Kulturbrücke Ruhr e.V."


@pytest.mark.django_db
def test_an_organization_created_while_an_import_is_staged_gets_an_id_of_its_own(world):
    plan = bulk.prepare(world.advisor_x, preview_of(VALID), {})
    created_meanwhile = []

    def someone_creates_one():
        created_meanwhile.append(factories.make_organization("Frauencafé Bilgi", city="Köln"))

    written = _write(world.advisor_x, plan, during_staging=someone_creates_one)

    reserved = sorted(org.pk for org in written.created)
    assert created_meanwhile[0].pk > reserved[-1]
    assert Organization.objects.get(pk=created_meanwhile[0].pk).name == "Frauencafé Bilgi"
    assert sorted(Organization.objects.filter(pk__in=reserved).values_list("name", flat=True)) == [
        "Elternnetzwerk Altona",
        "Kulturbrücke Ruhr e.V.",
    ]

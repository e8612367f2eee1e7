"""An organization's description in the reader's language: German in the record, translations
paragraph by paragraph (core.content); readers see outdated and missing paragraphs marked; the
old whole-text copies are carried over by a migration; the search finds every language."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from gemeinsam.core import content
from gemeinsam.organizations import search
from gemeinsam.organizations.models import Organization
from gemeinsam.organizations.queries import DirectoryFilters, search_directory
from tests import factories
from tests.html_support import attribute, find, find_all, text

pytestmark = pytest.mark.django_db

carry = importlib.import_module("gemeinsam.organizations.migrations._carry_over")

GERMAN = "Wir sind ein Elternverein.\n\nWir treffen uns montags.\n\nAlle sind willkommen."


def _page(client, org, language: str = "ar"):
    return client.get(f"/{language}/organizations/{org.slug}/").content.decode()


def _about(html):
    return find(html, "section", aria_labelledby="about")


def _note(message: str, language: str = "ar") -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_the_arabic_page_marks_an_outdated_paragraph_and_a_missing_one(client):
    org = factories.make_organization("Elternverein Nord", description=GERMAN)
    content.save_translation(
        org, "description", "ar", ["نحن جمعية أولياء أمور.", "نلتقي أيام الاثنين.", ""]
    )
    org.description = GERMAN.replace("montags", "dienstags")
    org.save()

    about = _about(_page(client, org))

    paragraphs = find_all(about, "p", class_="translated-part")
    assert [(attribute(p, "lang"), attribute(p, "dir")) for p in paragraphs] == [
        (None, "auto"),
        (None, "auto"),
        ("de", "ltr"),
    ]
    assert [text(p) for p in paragraphs] == [
        "نحن جمعية أولياء أمور.",
        "نلتقي أيام الاثنين.",
        "Alle sind willkommen.",
    ]
    assert "translated-outdated" in attribute(paragraphs[1], "class")
    assert "translated-missing" in attribute(paragraphs[2], "class")
    notes = [text(n) for n in find_all(about, "p", class_="translation-note")]
    assert notes == [
        _note("Parts of this text are not translated yet and are shown in German."),
        _note("The German text has changed since this translation."),
    ]
    # The outdated paragraph offers today's German, marked as German.
    current = find(find(about, "details", class_="translated-source"), "p")
    assert (attribute(current, "lang"), text(current)) == ("de", "Wir treffen uns dienstags.")


def test_a_page_in_a_language_not_translated_says_the_text_is_only_in_german(client):
    org = factories.make_organization("Elternverein Süd", description=GERMAN)
    about = _about(_page(client, org, "tr"))
    assert [text(n) for n in find_all(about, "p", class_="translation-note")] == [
        _note("This text is only available in German.", "tr")
    ]
    parts = find_all(about, "p", class_="translated-part")
    assert {(attribute(p, "lang"), attribute(p, "dir")) for p in parts} == {("de", "ltr")}


def test_an_up_to_date_translation_shows_without_notes(client):
    org = factories.make_organization("Elternverein West", description=GERMAN)
    content.set_texts(org, "en", {"description": "We are parents.\n\nMondays.\n\nWelcome."})
    about = _about(_page(client, org, "en"))
    assert find_all(about, "p", class_="translation-note") == []
    assert text(find_all(about, "p", class_="translated-part")[2]) == "Welcome."


def test_a_text_written_only_in_another_language_shows_in_it_marked(client):
    # As carried over from before German was the source: no German, only Turkish.
    org = factories.make_organization("Türkischer Elternverein")
    content.set_texts(org, "tr", {"description": "Veli derneğiyiz."})

    about = _about(_page(client, org, "ar"))
    part = find(about, "p", class_="translated-part")
    assert (attribute(part, "lang"), attribute(part, "dir"), text(part)) == (
        "tr",
        "ltr",
        "Veli derneğiyiz.",
    )
    with translation.override("ar"):
        turkish = translation.get_language_info("tr")["name_translated"]
    assert text(find(about, "p", class_="translation-note")) == _note(
        "This text is only available in %(language)s."
    ) % {"language": turkish}
    # In its own language it needs no note.
    about = _about(_page(client, org, "tr"))
    assert find_all(about, "p", class_="translation-note") == []


def test_the_profile_page_reads_the_description_without_a_query_per_language(
    client, django_assert_max_num_queries
):
    org = factories.make_organization("Elternverein Ost", description=GERMAN)
    for language in ("en", "ar", "tr"):
        content.set_texts(org, language, {"description": f"{language}\n\n{language}\n\n."})
    with django_assert_max_num_queries(12):
        _page(client, org)


# --- The directory search ---------------------------------------------------------------------


def test_the_search_finds_words_of_arabic_and_turkish_descriptions(db):
    org = factories.make_organization("Verein Brücke", description="Wir beraten Familien.")
    content.set_texts(org, "ar", {"description": "نقدم الاستشارة للعائلات المهاجرة."})
    content.set_texts(org, "tr", {"description": "Göçmen ailelere danışmanlık veriyoruz."})
    factories.make_organization("Verein Anderswo", description="Wir spielen Fußball.")
    search.reindex(Organization.objects.all())
    for words in ("للعائلات", "ailelere", "danışmanlık"):
        found = search_directory(user=None, filters=DirectoryFilters(q=words))
        assert [o.name for o in found.organizations] == ["Verein Brücke"], words


# --- Carrying the old copies over (organizations 0010, agencies 0002) ---------------------------


def test_the_carry_over_keeps_status_by_paragraph_and_text_without_german():
    german = "Absatz eins.\n\nAbsatz zwei."
    made = carry.carry_over(
        [
            ("de", german, "up_to_date"),
            ("ar", "فقرة ١\n\nفقرة ٢", "up_to_date"),
            ("en", "Old one.", "outdated"),
            ("tr", "Bir.\n\nİki.\n\nÜç.", "up_to_date"),
            ("fr", "   ", "up_to_date"),
        ]
    )
    assert made[0] == german
    assert [(s["source"], s["text"]) for s in made[1]["ar"]] == [
        ("Absatz eins.", "فقرة ١"),
        ("Absatz zwei.", "فقرة ٢"),
    ]
    # Outdated: made from a German nobody kept.
    assert [(s["source"], s["text"]) for s in made[1]["en"]] == [("", "Old one.")]
    # More paragraphs than the German: the rest joins the last.
    assert [s["text"] for s in made[1]["tr"]] == ["Bir.", "İki.\n\nÜç."]
    assert "fr" not in made[1]
    # No German: the other language stays a translation, of an unknown German.
    assert carry.carry_over([("tr", "Sadece Türkçe.", "up_to_date")]) == (
        "",
        {"tr": [{"source": "", "text": "Sadece Türkçe.", "origin": "person", "reviewed": True}]},
    )


def test_carried_over_copies_read_as_they_were(db):
    ours = factories.make_organization("Verein Alt")
    only_turkish = factories.make_organization("Verein Türkçe")
    carry.store(
        apps,
        Organization,
        "description",
        {
            ours.pk: [
                ("de", "Absatz eins.\n\nAbsatz zwei.\n\nAbsatz drei.", "up_to_date"),
                ("ar", "فقرة ١\n\nفقرة ٢\n\nفقرة ٣", "up_to_date"),
                ("en", "One.\n\nTwo.", "outdated"),
                ("tr", "Hepsi bir arada.", "up_to_date"),
            ],
            only_turkish.pk: [("tr", "Sadece Türkçe.", "up_to_date")],
        },
    )
    ours = Organization.objects.get(pk=ours.pk)
    assert ours.description == "Absatz eins.\n\nAbsatz zwei.\n\nAbsatz drei."

    def states(language):
        return [p.status for p in content.parts(ours, "description", language)]

    assert states("ar") == ["up_to_date"] * 3
    assert states("en") == ["outdated", "outdated", "missing"]
    # Fewer paragraphs, up to date: one text for the whole German, read whole.
    assert content.text(ours, "description", "tr") == "Hepsi bir arada."
    assert content.status(ours, "description", "tr") == "up_to_date"
    only_turkish = Organization.objects.get(pk=only_turkish.pk)
    assert only_turkish.description == ""
    assert list(only_turkish.translations.values_list("language", flat=True)) == ["tr"]

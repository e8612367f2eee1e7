"""Content in the reader's language: paragraph status, fallback, minor edits (core.content)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from gemeinsam.core import content
from gemeinsam.core.enums import Origin
from gemeinsam.core.models import ContentTranslation
from tests import factories

GERMAN = "Wir laden ein.\n\nDas Programm beginnt um 10 Uhr.\n\nBitte melden Sie sich an."
ARABIC = ["ندعوكم.", "يبدأ البرنامج الساعة 10.", "يرجى التسجيل."]


@pytest.fixture
def event(db):
    agency = factories.make_agency("Kompetenzzentrum Migration Nord", slug="agency-x")
    return factories.make_event(
        agency, title="Arbeitsmarktgespräch im Elternverein", description=GERMAN
    )


def _statuses(event, language="ar"):
    event.refresh_from_db()
    return [part.status for part in content.parts(event, "description", language)]


def test_paragraphs_split_at_blank_lines_lines_and_lists():
    assert content.paragraphs(" a\n\n\n b \r\n\r\nc\nd ") == ["a", "b", "c\nd"]
    assert content.paragraphs("1. Begrüßung\n2. Vortrag\n", split=content.LINES) == [
        "1. Begrüßung",
        "2. Vortrag",
    ]
    assert content.paragraphs(["Ja", " ", "Nein"], split=content.LINES) == ["Ja", "Nein"]
    assert content.paragraphs("Titel\n\nmit Umbruch", split=content.LINE) == [
        "Titel\n\nmit Umbruch"
    ]
    assert content.paragraphs("   ") == []


def test_align_pairs_replaced_paragraphs_and_leaves_inserted_ones_unmatched():
    assert content.align(["a", "b", "c"], ["a", "B", "c"]) == [0, 1, 2]
    assert content.align(["a", "b", "c"], ["a", "x", "b", "c"]) == [0, None, 1, 2]
    assert content.align(["a", "b", "c"], ["a", "c"]) == [0, 2]
    assert content.align([], ["a"]) == [None]


def test_editing_german_paragraph_two_outdates_only_paragraph_two(event):
    content.save_translation(event, "description", "ar", ARABIC)
    assert _statuses(event) == ["up_to_date"] * 3

    event.description = GERMAN.replace("10 Uhr", "11 Uhr")
    event.save()
    assert _statuses(event) == ["up_to_date", "outdated", "up_to_date"]
    # The outdated paragraph still shows the translation, and remembers its German.
    outdated = content.parts(event, "description", "ar")[1]
    assert (outdated.text, outdated.language) == (ARABIC[1], "ar")
    assert outdated.translated_from == "Das Programm beginnt um 10 Uhr."
    assert outdated.source == "Das Programm beginnt um 11 Uhr."


def test_saving_unchanged_german_outdates_nothing(event):
    content.save_translation(event, "description", "ar", ARABIC)
    event.save()
    event.save()
    assert _statuses(event) == ["up_to_date"] * 3


def test_a_minor_edit_keeps_translations_up_to_date_but_not_those_already_outdated(event):
    content.save_translation(event, "description", "ar", ARABIC)
    before = event.description
    event.description = GERMAN.replace("10 Uhr", "11 Uhr")
    event.save()
    assert _statuses(event) == ["up_to_date", "outdated", "up_to_date"]

    # A typo fixed in paragraph 3, marked as minor: paragraph 3 stays current, 2 stays outdated.
    before = event.description
    event.description = event.description.replace("Bitte melden", "Bitte  melden").replace(
        "an.", "an!"
    )
    event.save()
    content.minor_edit(event, {"description": before})
    assert _statuses(event) == ["up_to_date", "outdated", "up_to_date"]

    # The same edit without the minor mark outdates paragraph 3.
    event.description = event.description.replace("an!", "an.")
    event.save()
    assert _statuses(event) == ["up_to_date", "outdated", "outdated"]


def test_an_inserted_paragraph_is_missing_and_shown_in_german_with_its_language(event):
    content.save_translation(event, "description", "ar", ARABIC)
    event.description = GERMAN.replace("\n\nBitte", "\n\nKinderbetreuung gibt es.\n\nBitte")
    event.save()
    event.refresh_from_db()
    parts = content.parts(event, "description", "ar")
    assert [p.status for p in parts] == ["up_to_date", "up_to_date", "missing", "up_to_date"]
    assert (parts[2].text, parts[2].language, parts[2].direction) == (
        "Kinderbetreuung gibt es.",
        "de",
        "ltr",
    )
    shown = content.shown(event, "description", "ar")
    assert shown.fallback and not shown.only_in_source and not shown.outdated


def test_unchanged_text_keeps_its_old_source_unless_confirmed(event):
    content.save_translation(event, "description", "ar", ARABIC)
    event.description = GERMAN.replace("10 Uhr", "11 Uhr")
    event.save()
    event.refresh_from_db()
    texts = [p.text for p in content.parts(event, "description", "ar")]
    content.save_translation(event, "description", "ar", texts)
    assert _statuses(event) == ["up_to_date", "outdated", "up_to_date"]
    content.save_translation(event, "description", "ar", texts, confirmed=[1])
    assert _statuses(event) == ["up_to_date"] * 3
    texts[1] = "يبدأ البرنامج الساعة 11."
    event.description = GERMAN
    event.save()
    content.save_translation(event, "description", "ar", texts)
    assert _statuses(event) == ["up_to_date"] * 3


def test_machine_text_is_marked_until_a_person_confirms_it(event):
    content.save_translation(event, "description", "tr", ["a", "b", "c"], origin=Origin.MACHINE)
    event.refresh_from_db()
    assert [p.machine for p in content.parts(event, "description", "tr")] == [True] * 3
    content.save_translation(event, "description", "tr", ["a", "B", "c"], confirmed=[0])
    event.refresh_from_db()
    assert [p.machine for p in content.parts(event, "description", "tr")] == [False, False, True]


def test_bad_translation_input_is_refused_and_nothing_is_written(event):
    with pytest.raises(ValueError, match="paragraphs"):
        content.save_translation(event, "description", "ar", ["eins"])
    with pytest.raises(ValueError, match="target language"):
        content.save_translation(event, "description", "de", ARABIC)
    with pytest.raises(ValueError, match="target language"):
        content.save_translation(event, "description", "xx", ARABIC)
    assert not event.translations.exists()


def test_set_texts_pairs_paragraphs_or_keeps_the_whole(event):
    content.set_texts(event, "en", {"title": "Labour market talk", "description": "One text."})
    event.refresh_from_db()
    assert content.text(event, "title", "en") == "Labour market talk"
    assert content.text(event, "description", "en") == "One text."
    assert content.status(event, "description", "en") == "up_to_date"
    event.description = GERMAN + "\n\nNeu."
    event.save()
    event.refresh_from_db()
    assert content.status(event, "description", "en") == "outdated"
    assert content.statuses(event, "tr")["title"] == "missing"


def test_readers_get_their_language_or_marked_german(event):
    content.set_texts(event, "ar", {"title": "حوار سوق العمل"})
    event.refresh_from_db()
    template = Template('{% load content %}<h1>{{ event|tr:"title" }}</h1>')
    with translation.override("ar"):
        assert template.render(Context({"event": event})) == "<h1>حوار سوق العمل</h1>"
    with translation.override("tr"):
        html = template.render(Context({"event": event}))
    assert html == (
        '<h1><span lang="de" dir="ltr">Arbeitsmarktgespräch im Elternverein</span></h1>'
    )
    with translation.override("de"):
        assert "<span" not in Template("{% load content %}{{ event|tr:'title' }}").render(
            Context({"event": event})
        )


def test_the_component_notes_fallback_outdated_and_machine_paragraphs(event):
    content.save_translation(event, "description", "ar", [ARABIC[0], "", ARABIC[2]])
    content.save_translation(event, "description", "tr", ["a", "b", "c"], origin=Origin.MACHINE)
    event.description = GERMAN.replace("an.", "an, bis Freitag.")
    event.save()
    event.refresh_from_db()
    template = Template('{% load content %}{% translated event "description" %}')
    with translation.override("ar"):
        html = template.render(Context({"event": event}))
    assert "لم تُترجم بعد" in html  # parts shown in German
    assert '<p lang="de" dir="ltr" class="translated-part translated-missing">' in html
    assert "تغيّر النص الألماني" in html  # the last paragraph is outdated
    assert "Bitte melden Sie sich an, bis Freitag." in html  # its current German on demand
    with translation.override("tr"):
        html = template.render(Context({"event": event}))
    assert "Makine çevirisi" in html
    with translation.override("de"):
        html = template.render(Context({"event": event}))
    assert "translation-note" not in html and html.count("translated-up_to_date") == 3


def test_a_list_page_reads_every_translation_in_one_query(event, django_assert_num_queries):
    agency = event.agency
    others = [factories.make_event(agency, title=f"Treffen {n}") for n in range(5)]
    for other in others:
        content.set_texts(other, "ar", {"title": f"لقاء {other.pk}"})
    from gemeinsam.events.models import Event  # the app's model, only for this listing

    with django_assert_num_queries(2):
        events = list(content.prefetch(Event.objects.order_by("pk"), "ar"))
        titles = [content.text(e, "title", "ar") for e in events]
    assert titles[0] == "Arbeitsmarktgespräch im Elternverein"
    assert titles[1:] == [f"لقاء {o.pk}" for o in others]
    listed = content.prefetch(list(Event.objects.order_by("pk")), "ar")
    with django_assert_num_queries(0):
        assert content.text(listed[1], "title", "ar") == f"لقاء {others[0].pk}"


def test_deleting_the_object_deletes_its_translations(event):
    content.set_texts(event, "ar", {"title": "حوار"})
    assert ContentTranslation.objects.filter(object_id=event.pk, field="title").exists()
    event.delete()
    assert not ContentTranslation.objects.filter(object_id=event.pk, field="title").exists()


def test_a_saved_translation_is_a_change_of_its_owner(event):
    """Visitors' cached pages follow `updated_at`; a question's translation moves its event's."""
    from gemeinsam.events.models import Event, Question  # the app's models, for their owner

    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at.replace(year=2020))
    question = Question.objects.create(event=event, label="Brauchen Sie Dolmetschung?", kind="text")
    content.set_texts(question, "ar", {"label": "هل تحتاجون إلى ترجمة؟"})
    event.refresh_from_db()
    assert event.updated_at.year != 2020
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at.replace(year=2020))
    content.save_translation(event, "description", "ar", ARABIC)
    event.refresh_from_db()
    assert event.updated_at.year != 2020


def test_a_saved_translation_of_a_description_is_found_by_the_directory_search(db):
    # The directory's search, asked as a visitor would (no explicit reindex).
    from gemeinsam.organizations.queries import DirectoryFilters, search_directory

    def found(words):
        result = search_directory(user=None, filters=DirectoryFilters(q=words))
        return [o.pk for o in result.organizations]

    org = factories.make_organization(
        "Elternverein Neukölln e.V.", is_public=True, description="Wir beraten Eltern."
    )
    assert found("أولياء") == []
    content.set_texts(org, "ar", {"description": "نقدم الاستشارة لأولياء الأمور."})
    assert found("أولياء") == [org.pk]

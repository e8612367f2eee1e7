"""Launching a version: blocked while any text lacks an up-to-date translation."""

import pytest

from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.surveys import queries, services
from gemeinsam.surveys.inputs import Invalid
from gemeinsam.surveys.models import Choice, Questionnaire, Wording


def translate_everything(version, languages=("en", "ar", "tr")):
    questionnaire = version.questionnaire
    for language in languages:
        content.set_texts(questionnaire, language, {"title": f"{questionnaire.title} [{language}]"})
        for question in queries.rows_of(version):
            wording = question.wording
            if wording is not None:
                texts = {"label": f"{wording.label} [{language}]"}
                if wording.hint:
                    texts["hint"] = f"{wording.hint} [{language}]"
                content.set_texts(wording, language, texts)
            for choice in question.choices.all():
                content.set_texts(choice, language, {"label": f"{choice.label} [{language}]"})


def test_a_launch_is_refused_naming_every_missing_translation(world, imported):
    with pytest.raises(Invalid) as refused:
        services.launch(imported, by=world.manager_x)
    problems = refused.value.problems
    assert problems[:3] == [
        "title – English: missing",
        "about – English: missing",
        "founded – English: missing",
    ]
    assert "founded (hint) – Arabic: missing" in problems
    assert "district = ms – Turkish: missing" in problems
    # Arabic labels came with the form: only its hint and the title are missing in Arabic.
    assert [p for p in problems if "– Arabic" in p] == [
        "title – Arabic: missing",
        "founded (hint) – Arabic: missing",
    ]
    imported.refresh_from_db()
    assert imported.launched_at is None


def test_a_fully_translated_version_is_launched_and_frozen(world, imported):
    translate_everything(imported)
    assert queries.untranslated(imported) == []
    launched = services.launch(imported, by=world.manager_x)
    assert launched.launched_at is not None and launched.launched_by == world.manager_x
    entry = (
        AuditLogEntry.objects.filter(object_type="surveys.questionnaire").order_by("-pk").first()
    )
    assert entry.changes == {"launched": [None, 1]}
    with pytest.raises(Invalid) as again:
        services.launch(imported, by=world.manager_x)
    assert again.value.problems == ["This version has been launched already."]


def test_a_changed_german_wording_outdates_its_translation_and_blocks_the_launch(world, imported):
    translate_everything(imported)
    wording = Wording.objects.get(item__code="land", audience="mo")
    wording.label = "In welchem Bundesland sind Sie tätig?"
    wording.save()
    assert queries.untranslated(imported) == [
        "land – English: outdated",
        "land – Arabic: outdated",
        "land – Turkish: outdated",
    ]


def test_the_translation_editor_finds_a_questionnaire_with_its_wordings_and_choices(
    world, imported
):
    entry = content.editing("surveys.questionnaire")
    questionnaire = imported.questionnaire
    assert list(entry.visible(world.advisor_x)) == [questionnaire]
    assert list(entry.visible(world.advisor_y)) == []
    assert list(entry.visible(world.admin)) == [questionnaire]
    assert world.advisor_x.has_perm(entry.permission, questionnaire)
    assert not world.advisor_y.has_perm(entry.permission, questionnaire)
    units = entry.units(questionnaire)
    assert units[0] == questionnaire
    assert [str(u) for u in units[1:4]] == ["about (mo)", "founded (mo)", "land (mo)"]
    assert sum(isinstance(u, Choice) for u in units) == 6
    assert Questionnaire.objects.count() == 1


def test_the_translation_editor_and_overview_show_a_questionnaires_texts(
    world, imported, client_for
):
    client = client_for(world.advisor_x)
    pk = imported.questionnaire.pk
    page = client.get(f"/de/translations/surveys.questionnaire/{pk}/tr/").content.decode()
    assert "Gründungsjahr" in page and "Kinder- und Jugendhilfe" in page
    overview = client.get("/de/translations/tr/").content.decode()
    assert "Bestandsaufnahme MO" in overview
    other = client_for(world.advisor_y).get(f"/de/translations/surveys.questionnaire/{pk}/tr/")
    assert other.status_code == 404

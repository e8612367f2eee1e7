"""Reference data in every language: the Länder, every list of choices (kinds of organization,
of event, …) and the reference rows (fields of activity, target groups, languages, legal forms,
recognitions) have labels in English, Arabic and Turkish, not German ones passed through."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

import gemeinsam
from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import LocalizedNameModel

ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-zÄÖÜäöüßÇçĞğİıŞş]")


def _choice_lists() -> dict[str, type[models.Choices]]:
    """Every list of choices our code defines, by its dotted name."""
    found = {}
    for module in pkgutil.walk_packages(gemeinsam.__path__, "gemeinsam."):
        if any(part in module.name for part in (".migrations", ".management", "__main__", "wsgi")):
            continue
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if (
                inspect.isclass(value)
                and issubclass(value, models.Choices)
                and value.__module__ == loaded.__name__
            ):
                found[f"{loaded.__name__}.{name}"] = value
    return found


def _in(language: str, label) -> str:
    with translation.override(language):
        return str(label)


def test_the_lander_are_named_in_each_language():
    named = {
        language: {state.value: _in(language, state.label) for state in FederalState}
        for language in ("de", "en", "ar", "tr")
    }
    assert [named[lang]["BY"] for lang in ("de", "en", "ar", "tr")] == [
        "Bayern",
        "Bavaria",
        "بافاريا",
        "Bavyera",
    ]
    assert named["en"]["NW"] == "North Rhine-Westphalia"
    assert named["tr"]["NI"] == "Aşağı Saksonya"
    # Berlin stays Berlin where it is called so, and is Arabic script in Arabic.
    assert (named["en"]["BE"], named["tr"]["BE"], named["ar"]["BE"]) == (
        "Berlin",
        "Berlin",
        "برلين",
    )
    assert all(ARABIC.search(name) and not LATIN.search(name) for name in named["ar"].values())
    # More than half of the names differ from the German in English and in Turkish.
    for language in ("en", "tr"):
        differ = [code for code, name in named[language].items() if name != named["de"][code]]
        assert len(differ) >= 6, language


def test_the_api_names_the_lander_in_the_language_asked(client, db):
    body = client.get("/api/v1/reference/states", headers={"Accept-Language": "ar"}).json()
    assert {"code": "BY", "label": "بافاريا"} in body


def test_every_choice_label_is_translated_and_arabic_in_arabic():
    lists = _choice_lists()
    assert "gemeinsam.core.enums.FederalState" in lists
    assert "gemeinsam.organizations.enums.OrganizationKind" in lists
    untranslated, not_arabic = [], []
    for name, choices in lists.items():
        for member in choices:
            if not isinstance(member.label, Promise):
                untranslated.append(f"{name}.{member.name}")
            arabic = _in("ar", member.label)
            if not ARABIC.search(arabic):
                not_arabic.append(f"{name}.{member.name}: {arabic}")
            assert _in("en", member.label) and _in("tr", member.label)
    assert untranslated == []
    assert not_arabic == []


@pytest.mark.django_db
def test_every_reference_row_is_named_in_four_languages():
    models_ = [m for m in apps.get_models() if issubclass(m, LocalizedNameModel)]
    assert len(models_) >= 5
    for model in models_:
        rows = list(model.objects.all())
        assert rows, model.__name__
        for row in rows:
            names = row.names
            assert all(names.get(lang, "").strip() for lang in ("de", "en", "ar", "tr")), (
                model.__name__,
                row.code,
            )
            assert ARABIC.search(names["ar"]), (model.__name__, row.code, names["ar"])
        # Not German passed through: most rows read differently in English and in Turkish.
        for language in ("en", "tr"):
            differ = [r for r in rows if r.names[language] != r.names["de"]]
            assert len(differ) > len(rows) / 2, (model.__name__, language)

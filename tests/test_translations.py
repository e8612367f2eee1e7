"""The translation gate fails on every kind of incomplete catalog, and passes on ours."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from gemeinsam.__main__ import main
from gemeinsam.core import po

PO_TEXT = r"""# header
msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Directory"
msgstr "Verzeichnis"

#, fuzzy, python-format
msgid "Hello %(name)s"
msgstr "Hallo %(name)s"

msgctxt "staff role"
msgid "advisor"
msgstr ""

msgid ""
"A long "
"text"
msgid_plural "Long texts"
msgstr[0] "Ein langer "
"Text"
msgstr[1] ""

#~ msgid "Gone"
#~ msgstr "Weg"
"""


def test_the_po_reader_understands_contexts_plurals_flags_and_continuations(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(PO_TEXT, encoding="utf-8")
    entries = po.parse(path)
    assert [e.key for e in entries] == [
        (None, ""),
        (None, "Directory"),
        (None, "Hello %(name)s"),
        ("staff role", "advisor"),
        (None, "A long text"),
    ]
    header, directory, hello, advisor, plural = entries
    assert header.is_header and not directory.is_header
    assert (directory.untranslated, hello.flags, advisor.untranslated) == (
        False,
        {"fuzzy", "python-format"},
        True,
    )
    assert (plural.msgid_plural, plural.msgstr, plural.untranslated) == (
        "Long texts",
        {0: "Ein langer Text", 1: ""},
        True,
    )


def test_our_catalogs_pass_the_gate(capsys):
    call_command("check_translations")
    assert "Translations complete" in capsys.readouterr().out


@pytest.fixture
def package_copy(tmp_path, settings):
    copy = tmp_path / "gemeinsam"
    shutil.copytree(settings.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    settings.PACKAGE_DIR = copy
    return copy


def _break(package: Path, language: str, old: str, new: str) -> None:
    path = package / "locale" / language / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(capsys) -> str:
    with pytest.raises(CommandError):
        call_command("check_translations")
    return capsys.readouterr().err


def test_an_empty_translation_fails_the_gate(package_copy, capsys):
    _break(package_copy, "tr", 'msgstr "Rehber"', 'msgstr ""')
    assert "tr: not translated: 'Directory'" in _problems(capsys)


def test_a_fuzzy_translation_fails_the_gate(package_copy, capsys):
    _break(package_copy, "ar", 'msgid "Directory"', '#, fuzzy\nmsgid "Directory"')
    assert "ar: fuzzy: 'Directory'" in _problems(capsys)


def test_a_new_string_in_a_template_fails_the_gate_until_extracted(package_copy, capsys):
    template = package_copy / "templates" / "base.html"
    template.write_text(
        template.read_text(encoding="utf-8") + '{% translate "A brand-new sentence" %}',
        encoding="utf-8",
    )
    assert "missing from the catalog (run make messages): 'A brand-new sentence'" in _problems(
        capsys
    )


def test_a_stale_compiled_catalog_fails_the_gate(package_copy, capsys):
    _break(package_copy, "de", 'msgstr "Verzeichnis"', 'msgstr "Liste"')
    assert "de: django.mo is out of date" in _problems(capsys)


def test_the_console_command_runs_django_commands_with_dashes():
    result = subprocess.run(
        [sys.executable, "-m", "gemeinsam", "remind-unconfirmed", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "not confirmed for 12 months" in result.stdout


@pytest.mark.django_db
def test_the_console_entry_point_accepts_dashed_command_names(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["gemeinsam", "remind-unconfirmed"])
    main()
    assert "Reminded the admins of 0 organization(s)." in capsys.readouterr().out


def test_settings_package_dir_points_at_the_package():
    assert (Path(settings.PACKAGE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.mo").exists()


def test_a_translated_text_inside_an_f_string_fails_the_gate(package_copy, capsys):
    """makemessages cannot see gettext inside an f-string: the text would stay English."""
    (package_copy / "core" / "hidden.py").write_text(
        "from django.utils.translation import gettext as _\n\n\n"
        "def label(name):\n"
        "    return f\"{name} ({_('A sentence nobody extracts')})\"\n",
        encoding="utf-8",
    )
    assert (
        "core/hidden.py:5: 'A sentence nobody extracts' is translated in code but makemessages "
        "cannot see it"
    ) in _problems(capsys)

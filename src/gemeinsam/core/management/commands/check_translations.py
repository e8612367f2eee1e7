"""Fail when a catalog is incomplete, fuzzy, stale, or its compiled .mo is out of date.

- complete: every message of every language has a non-empty translation;
- not fuzzy: no entry is marked fuzzy;
- not stale: the messages in the catalogs are exactly the messages in the code and templates
  (found by running makemessages on a copy of the sources);
- compiled: each committed .mo holds what its .po says;
- seen: every message a gettext call in our Python code names is one makemessages extracts
  (xgettext cannot see a call inside an f-string, so that text would stay English for good).

Needs GNU gettext (xgettext, msgfmt), like makemessages itself.
"""

import ast
import gettext
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from gemeinsam.core import po

DOMAINS = ["django"]


class Command(BaseCommand):
    help = "Check that every translation catalog is complete, not fuzzy, not stale, and compiled."

    def handle(self, *args, **options):
        package = Path(settings.PACKAGE_DIR)
        locale = package / "locale"
        languages = [code for code, _name in settings.LANGUAGES]
        problems: list[str] = []
        expected = self._extract(package)
        problems.extend(self._unseen_calls(package, expected))
        for language in languages:
            po_path = locale / language / "LC_MESSAGES" / "django.po"
            if not po_path.exists():
                problems.append(f"{language}: {po_path.name} is missing")
                continue
            entries = [e for e in po.parse(po_path) if not e.is_header]
            keys = {e.key for e in entries}
            for entry in entries:
                if "fuzzy" in entry.flags:
                    problems.append(f"{language}: fuzzy: {entry.msgid!r}")
                elif entry.untranslated:
                    problems.append(f"{language}: not translated: {entry.msgid!r}")
            for key in sorted(expected - keys, key=str):
                problems.append(
                    f"{language}: missing from the catalog (run make messages): {key[1]!r}"
                )
            for key in sorted(keys - expected, key=str):
                problems.append(f"{language}: no longer used (run make messages): {key[1]!r}")
            problems.extend(self._check_compiled(language, po_path))
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} translation problem(s).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Translations complete: {len(expected)} messages in {', '.join(languages)}."
            )
        )

    def _extract(self, package: Path) -> set[tuple[str | None, str]]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "gemeinsam"
            shutil.copytree(
                package, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc")
            )
            (copy / "locale").mkdir()
            cwd = os.getcwd()
            try:
                os.chdir(copy)
                with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
                    call_command(
                        "makemessages",
                        locale=["de"],
                        verbosity=0,
                        no_location=True,
                        no_obsolete=True,
                    )
            finally:
                os.chdir(cwd)
            fresh = copy / "locale" / "de" / "LC_MESSAGES" / "django.po"
            return {e.key for e in po.parse(fresh) if not e.is_header}

    def _unseen_calls(self, package: Path, expected: set[tuple[str | None, str]]) -> list[str]:
        problems = []
        for path in sorted(package.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                key = _message_key(node)
                if key is not None and key not in expected:
                    where = f"{path.relative_to(package)}:{node.lineno}"
                    problems.append(
                        f"{where}: {key[1]!r} is translated in code but makemessages cannot see "
                        "it (inside an f-string?): build the text outside the f-string"
                    )
        return problems

    def _check_compiled(self, language: str, po_path: Path) -> list[str]:
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            return [f"{language}: {mo_path.name} is missing (run make messages)"]
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.mo"
            subprocess.run(  # noqa: S603 - fixed arguments, our own files
                ["msgfmt", "--check-format", "-o", str(fresh), str(po_path)],  # noqa: S607
                check=True,
                capture_output=True,
            )
            with fresh.open("rb") as a, mo_path.open("rb") as b:
                same = gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog
        return [] if same else [f"{language}: {mo_path.name} is out of date (run make messages)"]


GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "gettext_noop"}
PGETTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _message_key(node: ast.AST) -> tuple[str | None, str] | None:
    """(context, message) of a gettext call with literal arguments, else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    literals = []
    for arg in node.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            break
        literals.append(arg.value)
    if name in GETTEXT and literals and literals[0]:
        return (None, literals[0])
    if name in PGETTEXT and len(literals) >= 2:
        return (literals[0], literals[1])
    return None

"""German speaks to people as "Sie" everywhere, also in django-allauth's pages and mails, whose
own German catalog says "du"; and its mails call the site by its name, not by its host."""

from __future__ import annotations

import gettext
import re
import subprocess
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from gemeinsam.core import po

ALLAUTH_GERMAN = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
FORMAL = Path(settings.PACKAGE_DIR) / "accounts" / "formal" / "de" / "LC_MESSAGES" / "django.po"
OURS = Path(settings.PACKAGE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"

# Pronouns and verb forms of the informal address; an imperative that is also the first person
# ("Ich bestätige …") counts only when no "Ich" stands before it.
INFORMAL = re.compile(
    r"\b([Dd]u|[Dd]ein\w*|[Dd]ich|[Dd]ir|hast|bist|kannst|möchtest|musst|wirst|willst|"
    r"solltest|gib|klick|lass)\b"
    r"|(?<!Ich )(?<!ich )\b(klicke|melde|überprüfe|versuche|wähle|verwende|bestätige|folge|rufe)\b"
)


def _informal_entries(path: Path) -> list[po.Entry]:
    return [
        e
        for e in po.parse(path)
        if not e.is_header and any(INFORMAL.search(t) for t in e.msgstr.values())
    ]


def test_allauths_own_german_is_informal_so_the_check_can_fail():
    assert len(_informal_entries(ALLAUTH_GERMAN)) >= 40


def test_every_allauth_message_reads_formal_in_german():
    informal = []
    with translation.override("de"):
        for entry in _informal_entries(ALLAUTH_GERMAN):
            shown = translation.gettext(entry.msgid)
            if INFORMAL.search(shown):
                informal.append(f"{entry.msgid!r}: {shown!r}")
    assert informal == []


def test_our_catalogs_say_sie():
    assert _informal_entries(OURS) == []
    assert _informal_entries(FORMAL) == []


def test_the_formal_catalog_is_compiled(tmp_path):
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(FORMAL)], check=True)
    with fresh.open("rb") as a, FORMAL.with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/de/accounts/login/", "/de/accounts/signup/", "/de/accounts/password/reset/"]
)
def test_the_account_pages_say_sie(path):
    page = _text(Client().get(path).content.decode())

    assert INFORMAL.findall(page) == []


@pytest.mark.django_db
def test_the_sign_up_mail_greets_from_the_site_by_name_and_says_sie():
    response = Client().post(
        "/de/accounts/signup/",
        {
            "name": "Aylin Kaya",
            "email": "neu.mitglied@example.org",
            "password1": "ein-langes-Passwort-2026",
            "password2": "ein-langes-Passwort-2026",
        },
        HTTP_HOST="127.0.0.1:8101",
    )

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject.startswith("[gemeinsam] ")
    assert message.body.startswith("Hallo von gemeinsam!")
    assert "Hallo von 127.0.0.1" not in message.body
    assert INFORMAL.findall(message.body) == []
    assert "http://127.0.0.1:8101/de/accounts/confirm-email/" in message.body

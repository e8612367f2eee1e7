"""Production refuses to run on the secrets everyone can read in the source code."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from gemeinsam.core.checks import DEVELOPMENT_SECRET_KEY
from gemeinsam.counselling.crypto import development_key

pytestmark = pytest.mark.django_db

OWN_SECRET_KEY = "an own secret key of this installation, long and random 8f2a91c4e7"


@pytest.fixture
def production(settings):
    # Production as `GEMEINSAM_ENV=production` makes it, with secrets of its own.
    settings.PRODUCTION = True
    settings.SECRET_KEY = OWN_SECRET_KEY
    settings.GEMEINSAM_NOTES_KEYS = [Fernet.generate_key().decode()]
    return settings


def check_errors() -> str:
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    return str(refused.value)


def test_production_with_its_own_secrets_passes_the_check(production, capsys):
    call_command("check")
    assert "System check identified no issues" in capsys.readouterr().out


def test_production_refuses_the_development_secret_key(production):
    production.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    errors = check_errors()
    assert "core.E001" in errors
    assert "SECRET_KEY is the development key from the source code" in errors


def test_production_refuses_the_notes_key_derived_from_the_development_secret_key(production):
    production.GEMEINSAM_NOTES_KEYS = [
        Fernet.generate_key().decode(),
        development_key(DEVELOPMENT_SECRET_KEY),
    ]
    errors = check_errors()
    assert "counselling.E002" in errors
    assert "GEMEINSAM_NOTES_KEYS: key 2 is derived from a SECRET_KEY" in errors


def test_production_refuses_a_notes_key_derived_from_its_own_secret_key(production):
    production.GEMEINSAM_NOTES_KEYS = [development_key(OWN_SECRET_KEY)]
    assert "GEMEINSAM_NOTES_KEYS: key 1 is derived from a SECRET_KEY" in check_errors()


def test_development_may_use_the_development_keys(settings, capsys):
    settings.PRODUCTION = False
    settings.SECRET_KEY = DEVELOPMENT_SECRET_KEY
    settings.GEMEINSAM_NOTES_KEYS = [development_key(DEVELOPMENT_SECRET_KEY)]
    call_command("check")
    assert "System check identified no issues" in capsys.readouterr().out

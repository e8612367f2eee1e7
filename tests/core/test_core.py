"""Health check, languages and text direction, security headers, production settings."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import Client

from gemeinsam.core import audit

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": connection.vendor}


def test_the_root_sends_visitors_to_german_unless_the_browser_asks_for_another_language(client):
    assert client.get("/")["Location"] == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/de/"


@pytest.mark.parametrize(
    ("accept", "target"),
    [("ar,en;q=0.5", "/ar/"), ("tr-TR,tr;q=0.9,en;q=0.8", "/tr/"), ("en-GB", "/en/")],
)
def test_the_root_follows_the_browsers_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert (response.status_code, response["Location"]) == (302, target)
    assert "Accept-Language" in response["Vary"]  # no cache hands one language to everyone


def test_the_language_chosen_on_the_site_wins_over_the_browsers(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"

    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == "/tr/"


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("de", "ltr", "Verzeichnis"),
        ("en", "ltr", "Directory"),
        ("ar", "rtl", "الدليل"),
        ("tr", "ltr", "Rehber"),
    ],
)
def test_every_page_is_in_four_languages_and_arabic_is_right_to_left(
    client, language, direction, heading
):
    page = client.get(f"/{language}/organizations/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert heading in page


def test_the_language_switcher_keeps_the_page(client):
    page = client.get("/de/agencies/?x=1").content.decode()
    assert 'href="/ar/agencies/?x=1"' in page


def test_security_headers_are_set(client):
    response = client.get("/de/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_are_protected_against_cross_site_requests(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member_a)
    response = client.post(f"/de/organizations/{world.org_a.slug}/confirm/")
    assert response.status_code == 403


def test_audit_diff_lists_only_changes():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": [2, 3]}


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "GEMEINSAM_ENV": "production",
        "ALLOWED_HOSTS": "gemeinsam.example.org",
        "SECRET_KEY": "x" * 20 + "-production-check-" + "y" * 30,
        "GEMEINSAM_NOTES_KEYS": Fernet.generate_key().decode(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "gemeinsam", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "GEMEINSAM_ENV": "production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "gemeinsam", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr

"""Personas for every role (the healthchecks way): each test says who is acting.

- anonymous: nobody logged in
- member_a: admin of organization A (not public)
- member_b: admin of organization B; "should have no access to A's private things"
- advisor_x: advisor at agency X; advisor_y: advisor at agency Y
- manager_x: manager at agency X
- admin: platform admin
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

from tests import factories
from tests.threads import shared_database  # noqa: F401 - a fixture for the race tests of every app

# Child processes the tests start (the bench, the demo, servers on scratch databases) inherit
# DJANGO_SETTINGS_MODULE=tests.settings; they find the `tests` package from the project folder.
_ROOT = str(Path(__file__).resolve().parent.parent)
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (_ROOT, os.environ.get("PYTHONPATH", "")) if p
)


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        metavar="DIR",
        default="",
        help="write the README's screenshots of key pages into DIR (tests/browser)",
    )


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts with the same active language, so `reverse()` gives the same address
    whichever test ran before in this process. English: most tests read the English wording."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    """Uploads and case documents go to the test's own scratch folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GEMEINSAM_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached public pages (they live in this process's memory)."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _fresh_reference_rows():
    """Each test reads the directory's reference rows from its own database."""
    from gemeinsam.organizations.queries import forget_reference_rows

    forget_reference_rows()


@pytest.fixture
def world(db):
    """Two agencies, two organizations and one person per role."""
    agency_x = factories.make_agency("Kompetenzzentrum Migration Nord", slug="agency-x")
    agency_y = factories.make_agency("Integrationsagentur Süd", slug="agency-y")
    org_a = factories.make_organization(
        "Verein A für Jugendarbeit", is_public=False, fields=("youth_work",), languages=("ar",)
    )
    org_b = factories.make_organization(
        "Verein B für Kultur", is_public=True, fields=("culture",), languages=("tr",)
    )
    users = SimpleNamespace(
        member_a=factories.make_user("member.a@example.org", name="Amal Haddad"),
        member_b=factories.make_user("member.b@example.org", name="Berk Yılmaz"),
        advisor_x=factories.make_user("advisor.x@example.org", name="Xenia Wolff"),
        advisor_y=factories.make_user("advisor.y@example.org", name="Yusuf Demir"),
        manager_x=factories.make_user("manager.x@example.org", name="Marta Krüger"),
        admin=factories.make_user(
            "admin@example.org", name="Admin", is_staff=True, is_superuser=True
        ),
    )
    factories.make_membership(org_a, users.member_a)
    factories.make_membership(org_b, users.member_b)
    factories.make_staff(agency_x, user=users.advisor_x, role="advisor")
    factories.make_staff(agency_y, user=users.advisor_y, role="advisor")
    factories.make_staff(agency_x, user=users.manager_x, role="manager")
    project_x = factories.make_project(agency_x, title="Willkommen in Berlin", slug="willkommen")
    return SimpleNamespace(
        agency_x=agency_x,
        agency_y=agency_y,
        org_a=org_a,
        org_b=org_b,
        project_x=project_x,
        **vars(users),
    )


@pytest.fixture
def client_for():
    """client_for(user) → a Client logged in as that user (None → anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def run_jobs(monkeypatch):
    """Run the queued background jobs (mails, reminders) the way the worker does, then return.

    The worker closes "old" connections between jobs; inside a test's transaction that would
    close the test's own connection (PostgreSQL), so that one housekeeping call is skipped.
    """
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        failed = DBTaskResult.objects.filter(status="FAILED")
        # A job that failed is a bug, not a quiet non-event.
        assert not failed.exists(), [job.traceback for job in failed]

    return run

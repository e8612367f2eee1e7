"""What every answer tells the browser: the Content-Security-Policy and Permissions-Policy of HTML
pages, no inline script or style in any template, and no cache for pages behind a personal link.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import gemeinsam
from gemeinsam.events import services
from tests import factories

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(parts)


def _url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


# --- Content-Security-Policy and Permissions-Policy --------------------------------------------


@pytest.mark.parametrize("path", ["/de/", "/ar/events/", "/en/accounts/login/"])
def test_pages_enforce_a_policy_that_allows_nothing_inline_or_from_elsewhere(db, path):
    response = Client().get(path)
    assert response["Content-Type"].startswith("text/html")
    assert _directives(response["Content-Security-Policy"]) == POLICY
    assert "Content-Security-Policy-Report-Only" not in response


def test_the_policy_is_sent_with_error_pages_and_to_logged_in_staff_too(world, client_for):
    missing = Client().get("/de/events/no-such-event/")
    staff = client_for(world.manager_x).get("/de/my/")
    assert (missing.status_code, staff.status_code) == (404, 200)
    assert _directives(missing["Content-Security-Policy"]) == POLICY
    assert _directives(staff["Content-Security-Policy"]) == POLICY


def test_pages_switch_off_camera_microphone_location_and_payment(db):
    response = Client().get("/de/")
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_downloads_carry_no_page_policy(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen")
    calendar = Client().get(_url("events:event-ics", slug=event.slug))
    api = Client().get("/api/v1/events")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert api["Content-Type"].startswith("application/json")
    for response in (calendar, api):
        assert "Content-Security-Policy" not in response
        assert "Permissions-Policy" not in response


# Attributes and elements the policy refuses: a style attribute, a style element, an event
# handler attribute, a javascript: link, and a script element with code in it (a data block such
# as JSON-LD is not code, and a script with src loads from this site).
_REFUSED = [
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style[\s>]", re.I), "a style element"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=.application/(ld\+)?json)[^>]*>", re.I),
        "an inline script",
    ),
]


def test_no_template_carries_an_inline_script_or_style():
    root = Path(gemeinsam.__file__).parent
    templates = sorted(
        path for path in root.rglob("*.html") if "templates" in path.relative_to(root).parts
    )
    assert len(templates) > 50  # the scan really reads the app templates and the overrides
    found = [
        f"{path.relative_to(root)}: {what}"
        for path in templates
        for pattern, what in _REFUSED
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


# --- No cache keeps a page behind a personal link ----------------------------------------------


@pytest.fixture
def registration(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen", capacity=5)
    outcome = services.register(
        event, [factories.person("Leyla Aydın", "leyla@example.org")], consent=True
    )
    return outcome.registrations[0]


PERSONAL_PAGES = [
    "registration-detail",
    "registration-ics",
    "registration-update",
    "registration-cancel",
]


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_the_personal_registration_pages_are_never_stored(registration, name):
    response = Client().get(_url(f"events:{name}", token=registration.token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_personal_page_shows_the_name_and_is_never_stored(registration):
    response = Client().get(_url("events:registration-detail", token=registration.token))
    assert "Leyla Aydın" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["group-detail", "group-cancel"])
def test_the_group_pages_are_never_stored(world, name):
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen", capacity=5)
    people = [factories.person("A", "a@example.org"), factories.person("B", "b@example.org")]
    outcome = services.register(event, people, consent=True, booked_by=world.member_a)
    response = Client().get(_url(f"events:{name}", token=outcome.group.token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_persons_own_data_export_is_never_stored(world, client_for):
    response = client_for(world.member_a).get(_url("counselling:my-data-export"))
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]

"""Signing up, logging in, throttling, sessions and two-factor log-in for staff."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_confirmation_mail_and_the_link_confirms(client):
    response = client.post(
        "/de/accounts/signup/",
        {
            "name": "Leyla Aydın",
            "email": "leyla@example.org",
            "password1": "ein langes Passwort 42",
            "password2": "ein langes Passwort 42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="leyla@example.org")
    assert (user.name, user.preferred_language) == ("Leyla Aydın", "de")
    assert mail.outbox[0].to == ["leyla@example.org"]
    link = re.search(r"http://testserver(\S+/confirm-email/\S+)", mail.outbox[0].body).group(1)
    client.post(link)
    assert user.emailaddress_set.get().verified is True


def test_log_in_needs_a_confirmed_address(client):
    user = get_user_model().objects.create_user("unconfirmed@example.org", "ein langes Passwort 42")
    response = client.post(
        "/de/accounts/login/", {"login": user.email, "password": "ein langes Passwort 42"}
    )
    assert response["Location"].endswith("/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session


def test_log_in_starts_a_new_session(client):
    user = factories.make_user("rotate@example.org")
    client.get("/de/")
    client.session["probe"] = 1
    before = client.session.session_key
    client.post("/de/accounts/login/", {"login": user.email, "password": factories.PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before


def test_repeated_failed_log_ins_are_throttled(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
    user = factories.make_user("target@example.org")
    client = Client()
    for _attempt in range(3):
        client.post("/de/accounts/login/", {"login": user.email, "password": "wrong"})
    # Even the right password is refused while the limit holds.
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_a_second_factor_are_sent_to_set_one_up(settings, world, client_for):
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True
    client = client_for(world.advisor_x)
    response = client.get("/de/organizations/")
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")
    # Members of organizations are not forced.
    page = client_for(world.member_a).get("/en/organizations/").content.decode()
    assert "Directory of organizations" in page


def test_staff_with_a_second_factor_get_through(settings, world, client_for):
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True
    Authenticator.objects.create(
        user=world.advisor_x, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    page = client_for(world.advisor_x).get("/en/organizations/").content.decode()
    # Through to the directory, where staff also see the organization that is not public.
    assert "Directory of organizations" in page
    assert "Verein A für Jugendarbeit" in page


def test_the_demo_does_not_force_two_factor_and_says_so(world, client_for):
    page = client_for(world.advisor_x).get("/de/").content.decode()
    assert "Demo" in page


def test_the_dashboard_lists_memberships_and_nudges(world, client_for):
    world.org_a.last_confirmed_on = None
    world.org_a.save()
    page = client_for(world.member_a).get("/en/my/").content.decode()
    assert "Verein A für Jugendarbeit" in page
    assert "has not been confirmed for a year" in page


def test_the_dashboard_shows_staff_the_open_claims(world, client_for):
    factories.make_membership(world.org_b, status="pending")
    page = client_for(world.advisor_x).get("/en/my/").content.decode()
    assert "1 request to act for an organization is waiting" in page


def test_pages_for_logged_in_people_are_not_cached(world, client_for):
    response = client_for(world.member_a).get("/de/my/")
    assert response["Cache-Control"] == "no-store, private"

"""Signing up, logging in, throttling, sessions and two-factor log-in for staff."""

import datetime
import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from gemeinsam import settings as project_settings
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


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts its work: hashing is the slow step of a sign-up, so the
    number of hashes is what would tell a taken address from a new one by the answer's time."""

    algorithm = "counting_md5"
    encoded = 0

    def encode(self, password, salt):
        CountingHasher.encoded += 1
        return super().encode(password, salt)


def test_sign_up_hashes_the_password_for_a_taken_address_as_for_a_new_one(settings):
    """A taken address is answered like a new one, with the same work: its timing does not tell
    that the address has an account (wall-clock timing is left to the machine's load)."""
    settings.PASSWORD_HASHERS = ["tests.accounts.test_login.CountingHasher"]
    factories.make_user("taken@example.org")

    def sign_up(email: str) -> tuple[str, int]:
        data = {
            "name": "Leyla Aydın",
            "email": email,
            "password1": "ein langes Passwort 42",
            "password2": "ein langes Passwort 42",
        }
        before = CountingHasher.encoded
        response = Client().post("/de/accounts/signup/", data)
        return response["Location"], CountingHasher.encoded - before

    taken = sign_up("taken@example.org")
    new = sign_up("new@example.org")

    # Both answers look alike (off to "we have sent you a mail") and both hash once.
    assert taken == new == ("/de/accounts/confirm-email/", 1)
    assert get_user_model().objects.filter(email="new@example.org").exists()
    assert get_user_model().objects.filter(email="taken@example.org").count() == 1


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


def _log_in(client: Client, user, password: str, ip: str):
    return client.post(
        "/en/accounts/login/", {"login": user.email, "password": password}, REMOTE_ADDR=ip
    )


GUESSER, OWNER = "203.0.113.9", "198.51.100.4"


@pytest.fixture
def login_throttling(settings):
    # The installation's own limits (the test settings switch throttling off).
    settings.ACCOUNT_RATE_LIMITS = project_settings.ACCOUNT_RATE_LIMITS


def test_a_guessers_client_is_throttled_but_the_owner_still_gets_in(login_throttling):
    user = factories.make_user("target@example.org")
    guesser = Client()
    for attempt in range(5):
        _log_in(guesser, user, f"wrong {attempt}", GUESSER)
    # The guesser is stopped, even with the right password...
    refused = _log_in(guesser, user, factories.PASSWORD, GUESSER).content.decode()
    assert "Too many failed login attempts" in refused
    assert "_auth_user_id" not in guesser.session
    # ...while the owner, on their own device, logs in as always.
    owner = Client()
    response = _log_in(owner, user, factories.PASSWORD, OWNER)
    assert (response["Location"], owner.session["_auth_user_id"]) == ("/en/my/", str(user.pk))


def test_a_guesser_waits_longer_and_longer(login_throttling):
    user = factories.make_user("target@example.org")
    guesser = Client()

    def refused() -> bool:
        page = _log_in(guesser, user, "still wrong", GUESSER).content.decode()
        return "Too many failed login attempts" in page

    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert [refused() for _ in range(6)] == [False] * 5 + [True]
        # Five minutes later five more guesses...
        clock.shift(datetime.timedelta(minutes=6))
        assert [refused() for _ in range(6)] == [False] * 5 + [True]
        # ...but then not even after five more minutes: ten an hour is all.
        clock.shift(datetime.timedelta(minutes=6))
        assert refused() is True
        clock.shift(datetime.timedelta(minutes=50))
        assert refused() is False


def test_staff_without_a_second_factor_are_sent_to_set_one_up(settings, world, client_for):
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True
    client = client_for(world.advisor_x)
    response = client.get("/de/organizations/")
    # First to confirm a mailed code (tests/accounts/test_two_factor.py), then to the set-up.
    assert response["Location"] == "/de/my/two-factor/confirm/"
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

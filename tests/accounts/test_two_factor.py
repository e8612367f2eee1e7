"""Where staff must use two-factor log-in, the first log-in alone does not let anyone enrol an
authenticator: a code mailed to the account's confirmed address comes first."""

import datetime
import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.test import Client

from tests import factories

CONFIRM = "/en/my/two-factor/confirm/"
ACTIVATE = "/en/accounts/2fa/totp/activate/"


@pytest.fixture
def required(settings):
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True


def log_in(user) -> Client:
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": factories.PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(user.pk), response
    return client


def mailed_code() -> str:
    return re.search(r"\b(\d{8})\b", mail.outbox[-1].body).group(1)


def test_staff_set_up_two_factor_only_after_confirming_a_mailed_code(world, required):
    client = log_in(world.advisor_x)
    # Knowing the password gets one to the code page, not to the authenticator set-up.
    assert client.get("/en/organizations/")["Location"] == CONFIRM
    assert client.get(ACTIVATE)["Location"] == CONFIRM
    page = client.get(CONFIRM).content.decode()
    assert "The code goes to <strong>advisor.x@example.org</strong>." in page

    client.post(CONFIRM, {"send": ""})
    (sent,) = mail.outbox
    # In the person's own language (German unless they chose another).
    assert (sent.to, sent.subject) == (
        ["advisor.x@example.org"],
        "[gemeinsam] Ihr Code zum Einrichten der Zwei-Faktor-Anmeldung",
    )
    assert f"Ihr Code: {mailed_code()}" in sent.body
    wrong = client.post(CONFIRM, {"code": "00000000" if mailed_code() != "00000000" else "1"})
    assert "This code is not right. Please try again." in wrong.content.decode()
    assert client.get(ACTIVATE)["Location"] == CONFIRM

    assert client.post(CONFIRM, {"code": mailed_code()})["Location"] == ACTIVATE
    # allauth asks for the password once more before an authenticator is added.
    assert client.get(ACTIVATE)["Location"].startswith("/en/accounts/reauthenticate/")
    client.post("/en/accounts/reauthenticate/", {"password": factories.PASSWORD})
    setup = client.get(ACTIVATE)
    assert "Authenticator code" in setup.content.decode()
    # The authenticator app's code for the secret the set-up page shows.
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    client.post(ACTIVATE, {"code": code})
    assert Authenticator.objects.filter(user=world.advisor_x, type="totp").count() == 1
    assert "Directory of organizations" in client.get("/en/organizations/").content.decode()


def test_a_code_is_good_for_fifteen_minutes(world, required):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = log_in(world.advisor_x)
        client.post(CONFIRM, {"send": ""})
        clock.shift(datetime.timedelta(minutes=15, seconds=1))
        late = client.post(CONFIRM, {"code": mailed_code()}).content.decode()
        assert "This code has expired or was tried too often. Please ask for a new one." in late
        assert client.get(ACTIVATE)["Location"] == CONFIRM


def test_five_wrong_codes_use_the_code_up(world, required):
    client = log_in(world.advisor_x)
    client.post(CONFIRM, {"send": ""})
    right = mailed_code()
    wrong = f"{(int(right) + 1) % 10**8:08d}"
    answers = [client.post(CONFIRM, {"code": wrong}).content.decode() for _ in range(5)]
    assert "This code is not right." in answers[3]
    assert "This code has expired or was tried too often." in answers[4]
    refused = client.post(CONFIRM, {"code": right}).content.decode()
    assert "This code has expired or was tried too often." in refused


def test_a_new_code_is_sent_at_most_once_a_minute(world, required):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = log_in(world.advisor_x)
        client.post(CONFIRM, {"send": ""})
        again = client.post(CONFIRM, {"send": ""}, follow=True).content.decode()
        assert "A code was sent less than a minute ago. Please wait." in again
        clock.shift(datetime.timedelta(seconds=61))
        client.post(CONFIRM, {"send": ""})
    assert len(mail.outbox) == 2


def test_the_code_goes_only_to_the_confirmed_address(world, required):
    world.advisor_x.emailaddress_set.update(verified=False)
    client = Client()
    client.force_login(world.advisor_x)
    page = client.get(CONFIRM).content.decode()
    assert "Your account has no confirmed email address" in page
    client.post(CONFIRM, {"send": ""})
    assert mail.outbox == []


def test_members_and_staff_with_an_authenticator_are_not_held(world, required):
    Authenticator.objects.create(
        user=world.advisor_x, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    for person in (world.member_a, world.advisor_x):
        client = Client()
        client.force_login(person)
        page = client.get("/en/organizations/").content.decode()
        assert "Directory of organizations" in page


def test_health_and_readiness_answer_staff_who_have_not_set_up_two_factor_yet(world, required):
    client = log_in(world.advisor_x)
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready["Content-Type"] == "application/json"
    assert "reason" in ready.json()  # no worker beats in the test database: not ready

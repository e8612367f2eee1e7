"""API tokens: who may have one, how they are issued, how long they live, what they may do,
and what a token records when it is used."""

import datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from gemeinsam.accounts.models import ApiToken
from gemeinsam.api import api
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.counselling.models import Request
from tests import factories
from tests.api_support import API, call, token_for

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def issue(email: str, name: str = "Funding database export", *options, capsys=None) -> str:
    call_command("issue_api_token", email, "--name", name, *options)
    return capsys.readouterr().out.strip() if capsys else ""


def test_it_issues_a_token_to_an_advisor_and_prints_it_once(world, capsys):
    raw = issue("advisor.x@example.org", capsys=capsys)
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.prefix) == (
        world.advisor_x,
        "Funding database export",
        raw[:8],
    )
    assert raw not in token.key_hash
    assert call("/organizations", token=raw).json()["view"] == "internal"


def test_it_issues_a_token_to_a_platform_admin(world, capsys):
    raw = issue("ADMIN@example.org", capsys=capsys)
    assert list(ApiToken.objects.for_raw(raw).values_list("user__email", flat=True)) == [
        "admin@example.org"
    ]


def test_issuing_a_token_is_written_to_the_audit_log(world):
    with time_machine.travel(NOW, tick=False):
        issue("manager.x@example.org", "Reporting")
    entry = AuditLogEntry.objects.get(object_type="accounts.apitoken")
    assert (entry.action, entry.changes) == (
        "grant",
        {
            "user": "manager.x@example.org",
            "name": "Reporting",
            "scopes": ["counselling:read", "events:read", "funding:read", "organizations:read"],
            "expires_at": "2026-05-31T09:00:00+00:00",
        },
    )


def test_a_token_reads_everything_for_ninety_days_unless_told_otherwise(world):
    with time_machine.travel(NOW, tick=False):
        issue("advisor.x@example.org")
    token = ApiToken.objects.get()
    assert (token.expires_at, token.scopes) == (
        NOW + datetime.timedelta(days=90),
        ["counselling:read", "events:read", "funding:read", "organizations:read"],
    )


def test_the_issuer_chooses_how_long_a_token_lives_and_what_it_may_do(world, capsys):
    with time_machine.travel(NOW, tick=False):
        issue(
            "advisor.x@example.org",
            "Registrations from the website",
            "--days",
            "7",
            "--scope",
            "events:write",
            "--scope",
            "organizations:read",
        )
    token = ApiToken.objects.get()
    assert (token.expires_at, token.scopes) == (
        NOW + datetime.timedelta(days=7),
        ["events:write", "organizations:read"],
    )
    assert "valid until March 9, 2026, scopes: events:write, organizations:read" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--days", "0"], "A token lives between 1 and 365 days."),
        (["--days", "366"], "A token lives between 1 and 365 days."),
        (
            ["--scope", "everything"],
            "Unknown scopes: everything. Known are: organizations:read, organizations:write, "
            "events:read, events:write, counselling:read, counselling:write, funding:read, "
            "funding:write.",
        ),
    ],
)
def test_it_refuses_impossible_lifetimes_and_unknown_scopes(world, options, message):
    with pytest.raises(CommandError) as refused:
        issue("advisor.x@example.org", "Export", *options)
    assert (str(refused.value), ApiToken.objects.count()) == (message, 0)


def test_staff_without_two_factor_get_no_token_where_two_factor_is_required(world, settings):
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True
    with pytest.raises(CommandError) as refused:
        issue("advisor.x@example.org")
    assert (str(refused.value), ApiToken.objects.count()) == (
        "advisor.x@example.org has not set up two-factor log-in yet, which staff need for a token.",
        0,
    )
    _set_up_two_factor(world.advisor_x)
    issue("advisor.x@example.org")
    assert ApiToken.objects.get().user == world.advisor_x


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("member.a@example.org", "API tokens are only for agency staff and platform admins."),
        ("nobody@example.org", "No active person with this email address."),
    ],
)
def test_it_refuses_people_who_may_not_have_a_token(world, email, message):
    with pytest.raises(CommandError) as refused:
        issue(email)
    assert (str(refused.value), ApiToken.objects.count()) == (message, 0)


def test_it_refuses_former_staff(world):
    world.advisor_y.staff_memberships.update(is_active=False)
    with pytest.raises(CommandError) as refused:
        issue("advisor.y@example.org")
    assert str(refused.value) == "API tokens are only for agency staff and platform admins."


def test_it_refuses_an_empty_name(world):
    with pytest.raises(CommandError) as refused:
        issue("advisor.x@example.org", "   ")
    assert str(refused.value) == "Give the token a name, so that it can be recognised later."


# --- Using a token -------------------------------------------------------------------------------


def test_a_token_records_when_it_was_last_used(world):
    raw = token_for(world.advisor_x)
    before = timezone.now()
    call("/reference/kinds", token=raw)
    assert ApiToken.objects.get().last_used_at >= before


def test_a_busy_token_is_recorded_at_most_once_a_minute(world):
    raw = token_for(world.advisor_x)
    recent = timezone.now() - datetime.timedelta(seconds=20)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.update(last_used_at=recent)
    call("/reference/kinds", token=raw)
    unchanged = ApiToken.objects.get().last_used_at
    ApiToken.objects.update(last_used_at=long_ago)
    call("/reference/kinds", token=raw)
    assert (unchanged, ApiToken.objects.get().last_used_at > long_ago) == (recent, True)


def test_a_logged_in_advisors_session_gives_the_api_no_staff_rights(world, client_for):
    body = call("/organizations", client=client_for(world.advisor_x)).json()
    assert (body["view"], body["count"]) == ("public", 1)


def test_a_token_wins_over_the_session_of_someone_else(world, client_for):
    client = client_for(world.member_b)
    body = call("/organizations", client=client, token=token_for(world.advisor_x)).json()
    assert (body["view"], body["count"]) == ("internal", 2)


def test_answers_to_token_callers_are_not_cached(world):
    private = call("/organizations", token=token_for(world.advisor_x))
    public = call("/organizations")
    assert (private["Cache-Control"], public.get("Cache-Control")) == ("no-store, private", None)


# --- Expiry, scopes and the second factor, through the API ---------------------------------------


def _set_up_two_factor(user) -> None:
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


def _ask_for_counselling(token: str):
    return Client().post(
        f"{API}/counselling/requests",
        data={
            "topics": ["association_founding"],
            "description": "Wir möchten einen Verein gründen.",
            "channel": "phone",
            "consent": True,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )


def test_a_token_works_until_it_expires_and_then_says_so(world):
    with time_machine.travel(NOW, tick=False):
        raw = token_for(world.advisor_x, days=30)
    with time_machine.travel(NOW + datetime.timedelta(days=29, hours=23), tick=False):
        assert call("/organizations", token=raw).json()["view"] == "internal"
    with time_machine.travel(NOW + datetime.timedelta(days=30), tick=False):
        expired = call("/organizations", token=raw)
    assert (expired.status_code, expired.json()["detail"]) == (
        401,
        "This API token expired on April 1, 2026. Ask for a new one.",
    )


def test_a_read_only_token_reads_as_its_owner_but_changes_nothing(world):
    raw = token_for(world.advisor_x, scopes=["organizations:read", "counselling:read"])
    assert call("/organizations", token=raw).json()["view"] == "internal"
    refused = _ask_for_counselling(raw)
    assert (refused.status_code, refused.json()["detail"]) == (
        403,
        "This token may not change counselling. Its scopes: counselling:read, organizations:read.",
    )
    assert Request.objects.count() == 0


def test_a_token_reads_only_the_areas_its_scopes_name(world):
    raw = token_for(world.advisor_x, scopes=["events:write"])
    assert call("/events", token=raw).json()["count"] == 0
    refused = call("/counselling/cases", token=raw)
    assert (refused.status_code, refused.json()["detail"]) == (
        403,
        "This token may not read counselling. Its scopes: events:write.",
    )
    # Reference lists answer every token alike.
    kinds = call("/reference/kinds", token=raw)
    assert kinds.status_code == 200
    assert "migrant_org" in {item["code"] for item in kinds.json()}


def test_a_write_scope_lets_a_token_change_its_area(world):
    raw = token_for(world.manager_x, scopes=["events:write"])
    event = factories.make_event(world.agency_x, "Workshop Vereinsfinanzen")
    response = Client().post(
        f"{API}/events/{event.pk}/registrations",
        data={"name": "Leyla Aydın", "email": "leyla@example.org"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert (response.status_code, response.json()["status"]) == (201, "confirmed")


def test_a_staff_token_is_refused_while_its_owner_has_no_second_factor(world, settings):
    raw = token_for(world.advisor_x)
    settings.GEMEINSAM_REQUIRE_STAFF_2FA = True
    refused = call("/organizations", token=raw)
    assert (refused.status_code, refused.json()["detail"]) == (
        403,
        "The owner of this token must set up two-factor log-in before the token can be used.",
    )
    _set_up_two_factor(world.advisor_x)
    assert call("/organizations", token=raw).json()["view"] == "internal"


def test_every_operation_of_the_api_belongs_to_an_area_of_scopes():
    areas = api.auth[0].areas
    document = api.get_openapi_schema(path_prefix="")
    assert sorted({path.split("/")[1] for path in document["paths"]} - set(areas)) == []


def test_a_platform_admin_issues_a_token_in_the_admin_with_lifetime_and_scopes(world, client_for):
    admin = client_for(world.admin)
    with time_machine.travel(NOW, tick=False):
        response = admin.post(
            "/en/admin/accounts/apitoken/add/",
            {"user": world.advisor_x.pk, "name": "Website", "days": "14", "scopes": "events:write"},
            follow=True,
        )
    token = ApiToken.objects.get()
    assert (token.user, token.expires_at, token.scopes) == (
        world.advisor_x,
        NOW + datetime.timedelta(days=14),
        ["events:write"],
    )
    assert "The token is shown once:" in response.content.decode()


def test_the_admin_refuses_a_token_for_a_member(world, client_for):
    response = client_for(world.admin).post(
        "/en/admin/accounts/apitoken/add/",
        {"user": world.member_a.pk, "name": "Website", "days": "14", "scopes": "events:read"},
    )
    assert "API tokens are only for agency staff and platform admins." in response.content.decode()
    assert ApiToken.objects.count() == 0

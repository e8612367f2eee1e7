"""API tokens: who may have one, how they are issued, what a token records when it is used."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gemeinsam.accounts.models import ApiToken
from gemeinsam.core.models import AuditLogEntry
from tests.api_support import call, token_for


def issue(email: str, name: str = "Funding database export", capsys=None) -> str:
    call_command("issue_api_token", email, "--name", name)
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
    issue("manager.x@example.org", name="Reporting")
    entry = AuditLogEntry.objects.get(object_type="accounts.apitoken")
    assert (entry.action, entry.changes) == (
        "grant",
        {"user": "manager.x@example.org", "name": "Reporting"},
    )


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
        issue("advisor.x@example.org", name="   ")
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

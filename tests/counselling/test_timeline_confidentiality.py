"""Internal notes on the case page: only the case's advisors read them, every read is logged, a
manager opens them only with a recorded reason (break-glass), colleagues see only that they
exist. Notes are encrypted at rest; a wrong key is a clear page, never garbage."""

from __future__ import annotations

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gemeinsam.counselling import crypto, services
from gemeinsam.counselling.enums import AccessKind
from gemeinsam.counselling.models import AccessLogEntry, BreakGlass, Note, Session
from tests import factories

SECRET = "Der Vorsitzende droht mit Austritt, bitte vertraulich behandeln"
REASON = "Die Beraterin ist erkrankt und der Verein braucht heute eine Auskunft."


@pytest.fixture
def case(world):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Mediation")
    services.timeline.add_note(case, body=SECRET, by=world.advisor_x)
    return case


@pytest.fixture
def colleague(world):
    user = factories.make_user("kollegin@example.org", name="Carla Brandt")
    factories.make_staff(world.agency_x, user=user, role="advisor")
    return user


@pytest.fixture
def keys(settings):
    """Set GEMEINSAM_NOTES_KEYS for a test, forgetting the cached Fernet around it."""
    crypto._fernet.cache_clear()

    def use(*values):
        settings.GEMEINSAM_NOTES_KEYS = list(values)
        crypto._fernet.cache_clear()

    yield use
    crypto._fernet.cache_clear()


def _url(name, case):
    return reverse(f"counselling:{name}", kwargs={"pk": case.pk})


def _page(client, case) -> str:
    response = client.get(_url("case-detail", case))
    assert response.status_code == 200
    return response.content.decode()


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _reads(user) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(user=user).order_by("at", "id").values_list("kind", flat=True)
    )


# --- Who reads the notes -------------------------------------------------------------------------


def test_the_cases_advisor_reads_the_notes_and_every_page_view_logs_one_read(
    world, client_for, case
):
    client = client_for(world.advisor_x)

    assert SECRET in _page(client, case)
    assert SECRET in _page(client, case)

    assert _reads(world.advisor_x) == [AccessKind.READ_NOTES, AccessKind.READ_NOTES]


def test_colleagues_see_that_notes_exist_but_not_what_they_say(world, client_for, case, colleague):
    services.timeline.add_note(case, body="Zweite Notiz", by=world.advisor_x)

    html = _page(client_for(colleague), case)

    assert "This case has 2 internal notes." in html
    assert SECRET not in html
    assert "Zweite Notiz" not in html
    assert "Record the reason and open" not in html  # only a manager may break the glass
    assert _reads(colleague) == []


def test_colleagues_cannot_add_notes(world, client_for, case, colleague):
    response = client_for(colleague).post(_url("note-add", case), {"body": "Von der Kollegin"})

    assert response.status_code == 403
    assert Note.objects.count() == 1


def test_html_and_scripts_in_notes_are_shown_as_text(world, client_for, case):
    client = client_for(world.advisor_x)
    body = '<script>alert("x")</script><img src=x onerror=alert(1)> & <b>fett</b>'

    response = client.post(_url("note-add", case), {"body": body})
    assert response["Location"] == _url("case-detail", case)
    html = _page(client, case)

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    assert body in [note.body for note in Note.objects.all()]  # stored as typed


def test_an_empty_note_is_refused(world, client_for, case):
    response = client_for(world.advisor_x).post(_url("note-add", case), {"body": "   "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Note.objects.count() == 1


# --- Break-glass ---------------------------------------------------------------------------------


def test_a_manager_sees_a_break_glass_form_instead_of_the_notes(world, client_for, case):
    html = _page(client_for(world.manager_x), case)

    assert SECRET not in html
    assert "This case has 1 internal note." in html
    assert _url("case-break-glass", case) in html
    assert _reads(world.manager_x) == []


def test_a_reason_shorter_than_a_sentence_opens_nothing(world, client_for, case):
    response = client_for(world.manager_x).post(_url("case-break-glass", case), {"reason": "nötig"})

    assert response.status_code == 200
    assert "Please say in a sentence why you need to open this case." in response.content.decode()
    assert not BreakGlass.objects.exists()
    assert _reads(world.manager_x) == []


def test_after_break_glass_the_manager_reads_the_notes_and_everyone_sees_the_reason(
    world, client_for, case, colleague
):
    manager = client_for(world.manager_x)

    response = manager.post(_url("case-break-glass", case), {"reason": REASON})

    assert response["Location"] == _url("case-detail", case)
    entry = BreakGlass.objects.get()
    assert (entry.user, entry.reason) == (world.manager_x, REASON)
    assert entry.expires_at - entry.at == datetime.timedelta(
        hours=services.timeline.BREAK_GLASS_HOURS
    )
    assert SECRET in _page(manager, case)
    assert _reads(world.manager_x) == [AccessKind.BREAK_GLASS, AccessKind.READ_NOTES]
    for user in (colleague, world.advisor_x):
        html = _page(client_for(user), case)
        assert REASON in html
        assert "Marta Krüger" in html


def test_break_glass_access_ends_after_its_time(world, client_for, case):
    services.timeline.break_glass(case, world.manager_x, reason=REASON)
    BreakGlass.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    html = _page(client_for(world.manager_x), case)

    assert SECRET not in html
    assert "Record the reason and open" in html


def test_the_cases_advisor_and_colleagues_cannot_break_the_glass(
    world, client_for, case, colleague
):
    for user in (world.advisor_x, colleague):
        response = client_for(user).post(_url("case-break-glass", case), {"reason": REASON})
        assert response.status_code == 403
    assert not BreakGlass.objects.exists()


# --- The access log ------------------------------------------------------------------------------


def test_the_access_log_lists_who_read_what_and_when(world, client_for, case):
    services.timeline.confidential_notes(case, world.advisor_x)
    services.timeline.break_glass(case, world.manager_x, reason=REASON)

    response = client_for(world.advisor_x).get(_url("access-log", case))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Xenia Wolff" in html
    assert "read the internal notes" in html
    assert "1 note" in html
    assert "Marta Krüger" in html
    assert "opened the case with a recorded reason" in html
    assert REASON in html


def test_the_access_log_is_closed_to_colleagues_but_open_to_the_managers_who_oversee_reads(
    world, client_for, case, colleague
):
    services.timeline.confidential_notes(case, world.advisor_x)
    assert client_for(colleague).get(_url("access-log", case)).status_code == 403
    response = client_for(world.manager_x).get(_url("access-log", case))
    html = response.content.decode()
    assert "Xenia Wolff" in html
    assert "read the internal notes" in html
    # Seeing who read is not reading: the manager still cannot open the notes themselves.
    assert not world.manager_x.has_perm("counselling.view_confidential", case)


# --- Encryption at rest --------------------------------------------------------------------------


def test_notes_and_session_summaries_are_not_in_the_database_as_plain_text(world, case):
    services.timeline.add_session(
        case,
        by=world.advisor_x,
        held_on=timezone.localdate(),
        duration_minutes=60,
        channel="phone",
        summary="Kassenprüfung ergab Unregelmäßigkeiten",
        next_steps="Kassenbuch nachreichen",
    )

    (note,) = _raw("counselling_note", "body")
    (summary,) = _raw("counselling_session", "summary")
    (next_steps,) = _raw("counselling_session", "next_steps")

    assert "Vorsitzende" not in note
    assert note.startswith("gAAAA")
    assert "Kassenprüfung" not in summary
    assert summary.startswith("gAAAA")
    assert next_steps == "Kassenbuch nachreichen"  # shared with the organization, not secret
    assert Session.objects.get().summary == "Kassenprüfung ergab Unregelmäßigkeiten"


def test_a_wrong_key_shows_a_clear_page_in_the_users_language_and_changes_nothing(
    world, client_for, case, keys, settings
):
    keys(*settings.GEMEINSAM_NOTES_KEYS)
    stored = _raw("counselling_note", "body")
    client = client_for(world.advisor_x)

    keys(Fernet.generate_key().decode())
    response = client.get(_url("case-detail", case))
    german = client.get(
        reverse("counselling:case-detail", kwargs={"pk": case.pk}).replace("/en/", "/de/", 1)
    )

    html = response.content.decode()
    assert response.status_code == 503
    assert "Confidential notes cannot be opened" in html
    assert "Nothing has been changed or lost." in html
    assert SECRET not in html
    assert stored[0] not in html
    assert german.status_code == 503
    assert 'lang="de"' in german.content.decode()
    assert _raw("counselling_note", "body") == stored
    assert not AccessLogEntry.objects.exists()


def test_rotating_the_keys_re_encrypts_so_the_notes_open_with_only_the_new_key(
    world, client_for, case, keys, settings
):
    original = list(settings.GEMEINSAM_NOTES_KEYS)
    new = Fernet.generate_key().decode()
    services.timeline.add_session(
        case,
        by=world.advisor_x,
        held_on=timezone.localdate(),
        duration_minutes=30,
        channel="video",
        summary="Schatzmeisterin will zurücktreten",
    )
    before = _raw("counselling_note", "body") + _raw("counselling_session", "summary")

    keys(new, *original)
    call_command("rotate_notes_keys", verbosity=0)
    keys(new)

    after = _raw("counselling_note", "body") + _raw("counselling_session", "summary")
    assert all(a != b for a, b in zip(after, before, strict=True))
    assert [Fernet(new.encode()).decrypt(token.encode()).decode() for token in after] == [
        SECRET,
        "Schatzmeisterin will zurücktreten",
    ]
    html = _page(client_for(world.advisor_x), case)
    assert SECRET in html
    assert "Schatzmeisterin will zurücktreten" in html


def test_a_platform_admin_who_also_works_for_the_agency_reads_no_more_than_a_colleague(
    world, client_for, case
):
    # Django lets superusers pass every has_perm(); counselling asks its rules directly.
    factories.make_staff(world.agency_x, user=world.admin, role="advisor")
    html = client_for(world.admin).get(_url("case-detail", case)).content.decode()
    assert SECRET not in html
    with pytest.raises(PermissionDenied):
        services.timeline.confidential_notes(case, world.admin)
    assert client_for(world.admin).get(_url("access-log", case)).status_code == 403

"""The watch list: watching a programme (for oneself or one's organization) and the reminder
mails 14 and 3 days before its next deadline, once per deadline and step."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gemeinsam.core.schedule import next_at
from gemeinsam.funding import services
from gemeinsam.funding.models import DeadlineReminder, Programme, WatchedProgramme
from gemeinsam.funding.tasks import (
    REMINDER_DAYS,
    REMINDER_TIME,
    send_deadline_reminders,
    sweep,
)
from tests import factories

DEADLINE = datetime.date(2027, 3, 31)
DAY = datetime.timedelta(days=1)


def _programme(code="mikrofonds-test", name="Mikrofonds Nachbarschaft", **deadline):
    return Programme.objects.create(
        code=code,
        name=name,
        funder="Stiftung Beispiel",
        kind="micro",
        level="federal",
        deadline=deadline or {"kind": "fixed", "dates": [DEADLINE.isoformat()]},
        application_url="https://foerderung.example.org/antrag",
        source_url="https://foerderung.example.org/",
        checked_on=datetime.date(2026, 10, 1),
    )


@pytest.fixture
def programme(db):
    return _programme()


def _watch(user, programme, organization=None):
    return WatchedProgramme.objects.create(
        user=user, programme=programme, organization=organization
    )


def _toggle(client, programme, **data):
    return client.post(f"/en/funding/programmes/{programme.code}/watch/", data)


# Watching and stopping


def test_watching_and_stopping_from_the_programme_page(world, client_for, programme):
    client = client_for(world.member_a)
    page = f"/en/funding/programmes/{programme.code}/"
    assert "Watch this programme" in client.get(page).content.decode()

    response = _toggle(client, programme, next=page)
    assert response.status_code == 302 and response.url == page
    watch = WatchedProgramme.objects.get()
    assert (watch.user, watch.programme, watch.organization) == (world.member_a, programme, None)
    html = client.get(page).content.decode()
    assert "You are watching Mikrofonds Nachbarschaft." in html
    assert "Stop watching" in html

    _toggle(client, programme, next=page)
    assert not WatchedProgramme.objects.exists()
    assert "You no longer watch Mikrofonds Nachbarschaft." in client.get(page).content.decode()


def test_sending_the_watch_form_twice_keeps_watching(world, client_for, programme):
    client = client_for(world.member_a)
    _toggle(client, programme, action="watch")
    _toggle(client, programme, action="watch")
    assert WatchedProgramme.objects.filter(user=world.member_a).count() == 1
    _toggle(client, programme, action="unwatch")
    _toggle(client, programme, action="unwatch")
    assert not WatchedProgramme.objects.exists()


def test_watching_for_ones_own_organization(world, client_for, programme):
    _toggle(client_for(world.member_a), programme, organization=world.org_a.slug)
    assert WatchedProgramme.objects.get().organization == world.org_a


@pytest.mark.parametrize("slug", ["org-b", "no-such-organization", "pending"])
def test_watching_for_someone_elses_organization_is_refused(world, client_for, programme, slug):
    pending = factories.make_organization("Initiative Im Aufbau")
    factories.make_membership(pending, world.member_a, status="pending")
    slugs = {"org-b": world.org_b.slug, "pending": pending.slug}
    client = client_for(world.member_a)

    response = _toggle(client, programme, organization=slugs.get(slug, slug))

    assert response.status_code == 302
    assert not WatchedProgramme.objects.exists()
    html = client.get(response.url).content.decode()
    assert "You can only watch a programme for an organization you are a confirmed member" in html


def test_the_service_refuses_an_organization_the_user_is_not_a_member_of(world, programme):
    with pytest.raises(ValidationError) as refused:
        services.watch_programme(
            by=world.member_a, programme=programme, organization_slug=world.org_b.slug
        )

    assert refused.value.message_dict == {
        "organization": ["You can only watch for an organization you are a member of."]
    }
    assert not WatchedProgramme.objects.exists()


def test_the_service_watches_for_ones_own_organization_once(world, programme):
    first = services.watch_programme(
        by=world.member_a, programme=programme, organization_slug=world.org_a.slug
    )
    again = services.watch_programme(by=world.member_a, programme=programme)

    assert again.pk == first.pk
    assert list(WatchedProgramme.objects.values_list("user", "organization")) == [
        (world.member_a.pk, world.org_a.pk)
    ]


def test_a_foreign_next_address_is_not_followed(world, client_for, programme):
    response = _toggle(client_for(world.member_a), programme, next="https://evil.example.com/")
    assert response.url == f"/en/funding/programmes/{programme.code}/"


def test_get_is_not_allowed_and_unknown_programmes_are_not_found(world, client_for, programme):
    client = client_for(world.member_a)
    refused_get = client.get(f"/en/funding/programmes/{programme.code}/watch/")
    assert refused_get.status_code == 405
    assert refused_get["Allow"] == "POST"
    unknown = client.post("/en/funding/programmes/no-such-programme/watch/")
    assert unknown.status_code == 404
    assert "Page not found" in unknown.content.decode()
    assert not WatchedProgramme.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client_for, programme):
    response = _toggle(client_for(None), programme)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "Watch this programme" not in (
        client_for(None).get(f"/en/funding/programmes/{programme.code}/").content.decode()
    )


# The watch list page


def test_the_watch_list_shows_deadlines_days_left_and_outdated_entries(world, client_for):
    today = timezone.localdate()
    soon = _programme(
        code="bald",
        name="Fonds mit naher Frist",
        kind="fixed",
        dates=[(today + 10 * DAY).isoformat()],
    )
    rolling = _programme(code="laufend", name="Laufender Fonds", kind="rolling")
    rolling.checked_on = today - 400 * DAY
    rolling.save()
    _watch(world.member_a, rolling)
    _watch(world.member_a, soon, organization=world.org_a)
    _watch(world.member_b, _programme(code="fremd", name="Fonds von jemand anderem"))

    html = client_for(world.member_a).get("/en/funding/watch-list/").content.decode()

    assert html.index("Fonds mit naher Frist") < html.index("Laufender Fonds")
    assert "10 days left" in html
    assert "for <bdi>Verein A für Jugendarbeit</bdi>" in html
    assert "any time" in html
    assert html.count("possibly outdated") == 1
    assert html.count("Stop watching") == 2
    assert 'name="next" value="/en/funding/watch-list/"' in html
    assert "Fonds von jemand anderem" not in html


def test_the_empty_watch_list_says_how_to_start(world, client_for):
    html = client_for(world.member_a).get("/en/funding/watch-list/").content.decode()
    assert "You do not watch any programme yet." in html


def test_stopping_from_the_watch_list_returns_there(world, client_for, programme):
    _watch(world.member_a, programme)
    client = client_for(world.member_a)
    response = _toggle(client, programme, action="unwatch", next="/en/funding/watch-list/")
    assert response.url == "/en/funding/watch-list/"
    assert "You do not watch any programme yet." in client.get(response.url).content.decode()


# The sweep


def _mails_on(today, run_jobs):
    before = len(mail.outbox)
    sweep(today)
    run_jobs()
    return mail.outbox[before:]


@pytest.mark.parametrize(
    ("days_before", "expected"),
    [(15, None), (14, 14), (13, 14), (4, None), (3, 3), (2, 3), (0, 3), (-1, None)],
)
def test_the_sweep_reminds_on_the_steps_and_catches_up_until_the_deadline(
    world, programme, run_jobs, days_before, expected
):
    _watch(world.member_a, programme)

    sent = _mails_on(DEADLINE - days_before * DAY, run_jobs)

    steps = list(DeadlineReminder.objects.values_list("days_before", flat=True))
    assert steps == ([expected] if expected else [])
    assert len(sent) == (1 if expected else 0)


def test_a_whole_season_sends_each_step_once(world, programme, run_jobs):
    _watch(world.member_a, programme)
    sent = []
    for offset in range(20, -3, -1):
        sent += _mails_on(DEADLINE - offset * DAY, run_jobs)
    assert REMINDER_DAYS == (14, 3)
    # The subject is in the watcher's language; the number of days left stands in any of them.
    assert [re.search(r"\b14\b", m.subject) is not None for m in sent] == [True, False]
    assert [re.search(r"\b3\b", m.subject) is not None for m in sent] == [False, True]


def test_running_the_sweep_twice_mails_nobody_twice(world, programme, run_jobs):
    _watch(world.member_a, programme)
    today = DEADLINE - 14 * DAY
    assert sweep(today) == 1
    assert sweep(today) == 0
    run_jobs()
    assert len(mail.outbox) == 1
    assert _mails_on(today + DAY, run_jobs) == []


def test_watching_again_does_not_repeat_a_reminder(world, programme, run_jobs):
    _watch(world.member_a, programme)
    assert len(_mails_on(DEADLINE - 14 * DAY, run_jobs)) == 1
    WatchedProgramme.objects.all().delete()
    _watch(world.member_a, programme)
    assert _mails_on(DEADLINE - 13 * DAY, run_jobs) == []


def test_a_yearly_deadline_rolls_over_to_next_year(world, run_jobs):
    programme = _programme(kind="yearly", month=11, day=30)
    _watch(world.member_a, programme)

    assert _mails_on(datetime.date(2027, 12, 1), run_jobs) == []
    (message,) = _mails_on(datetime.date(2028, 11, 16), run_jobs)

    reminder = DeadlineReminder.objects.get()
    assert (reminder.deadline, reminder.days_before) == (datetime.date(2028, 11, 30), 14)
    assert "30. November 2028" in message.body  # German, the default language


def test_rolling_programmes_and_inactive_ones_get_no_reminder(world, run_jobs):
    _watch(world.member_a, _programme(code="laufend", kind="rolling"))
    inactive = _programme(code="eingestellt")
    inactive.is_active = False
    inactive.save()
    _watch(world.member_a, inactive)
    assert _mails_on(DEADLINE - 3 * DAY, run_jobs) == []


def test_a_step_from_before_someone_started_watching_is_not_sent(world, programme, run_jobs):
    watch = _watch(world.member_a, programme)
    watch.created_at = timezone.make_aware(datetime.datetime(2027, 3, 18, 12, 0))
    watch.save()
    assert _mails_on(DEADLINE - 12 * DAY, run_jobs) == []  # the 14-day step was on 17 March


def test_one_mail_lists_every_programme_due_with_its_links(world, run_jobs):
    world.member_a.preferred_language = "en"
    world.member_a.save()
    first = _programme(code="erster", name="Erster Fonds")
    second = _programme(code="zweiter", name="Zweiter Fonds", kind="fixed", dates=["2027-04-03"])
    _watch(world.member_a, first, organization=world.org_a)
    _watch(world.member_a, second)
    _watch(world.member_b, second)

    sent = _mails_on(datetime.date(2027, 3, 20), run_jobs)  # 11 and 14 days before

    (mine,) = (m for m in sent if m.to == ["member.a@example.org"])
    assert len(sent) == 2
    assert mine.subject == "Reminder: 2 funding deadlines are coming up"
    body = mine.body
    assert body.startswith("Hello Amal Haddad,")
    assert body.index("Erster Fonds") < body.index("Zweiter Fonds")
    assert "March 31, 2027 (11 days left)" in body
    assert "April 3, 2027 (14 days left)" in body
    assert "For: Verein A für Jugendarbeit" in body
    assert "https://foerderung.example.org/antrag" in body
    assert "/en/funding/programmes/erster/" in body
    assert "/en/funding/programmes/zweiter/" in body
    assert "/en/funding/watch-list/" in body


def test_the_mail_is_in_the_recipients_language(world, programme, run_jobs):
    world.member_a.preferred_language = "ar"
    world.member_a.save()
    _watch(world.member_a, programme)

    (message,) = _mails_on(DEADLINE - 3 * DAY, run_jobs)

    assert "Mikrofonds Nachbarschaft" in message.subject
    assert "Mikrofonds Nachbarschaft" in message.body
    assert "2027" in message.body
    assert "/ar/funding/programmes/mikrofonds-test/" in message.body
    assert "/ar/funding/watch-list/" in message.body
    assert "/en/" not in message.body


def test_someone_who_stopped_watching_before_the_mail_went_out_gets_none(
    world, programme, run_jobs
):
    _watch(world.member_a, programme)
    sweep(DEADLINE - 3 * DAY)
    WatchedProgramme.objects.all().delete()
    run_jobs()
    assert mail.outbox == []


# The daily job and the command


def _daily_runs():
    return DBTaskResult.objects.filter(
        task_path=send_deadline_reminders.module_path, status="READY"
    ).order_by("run_after")


def _run_command() -> str:
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    return out.getvalue()


def test_the_daily_job_reminds_and_queues_itself_once_for_seven_tomorrow(world, run_jobs):
    programme = _programme(kind="fixed", dates=[(timezone.localdate() + 14 * DAY).isoformat()])
    _watch(world.member_a, programme)
    send_deadline_reminders.enqueue()

    run_jobs()
    _run_command()

    (queued,) = _daily_runs()
    assert len(mail.outbox) == 1
    assert queued.run_after == next_at(REMINDER_TIME)
    assert timezone.localtime(queued.run_after).time() == datetime.time(7, 0)
    assert str(timezone.localtime(queued.run_after).tzinfo) == "Europe/Berlin"
    assert queued.run_after > timezone.now()


def test_the_command_sends_once_and_queues_the_daily_run(world, run_jobs):
    programme = _programme(kind="fixed", dates=[(timezone.localdate() + 3 * DAY).isoformat()])
    _watch(world.member_b, programme)

    first = _run_command()
    second = _run_command()
    run_jobs()

    assert "Queued 1 deadline reminder(s)." in first
    assert f"Next run: {timezone.localtime(next_at(REMINDER_TIME)):%Y-%m-%d} 07:00 " in first
    assert "Queued 0 deadline reminder(s)." in second
    assert first.splitlines()[-1] == second.splitlines()[-1]  # the same run, queued once
    assert [m.to for m in mail.outbox] == [["member.b@example.org"]]
    assert [r.run_after for r in _daily_runs()] == [next_at(REMINDER_TIME)]


def test_platform_admins_see_the_watches_in_the_admin(world, client_for, programme):
    _watch(world.member_a, programme, organization=world.org_a)
    client = client_for(world.admin)
    html = client.get("/en/admin/funding/watchedprogramme/").content.decode()
    assert "Mikrofonds Nachbarschaft" in html
    assert "Verein A für Jugendarbeit" in html
    refused = client.get("/en/admin/funding/watchedprogramme/add/")
    assert refused.status_code == 403
    # The refusal page, not an add form: watches are made by members, never by hand here.
    assert 'name="programme"' not in refused.content.decode()
    assert "You may not open this page" in refused.content.decode()


def test_an_unknown_action_changes_nothing(world, client_for, programme):
    client = client_for(world.member_a)
    response = _toggle(client, programme, action="subscribe")
    assert not WatchedProgramme.objects.exists()
    assert "Unknown action." in client.get(response.url).content.decode()

"""Retention: closed cases are anonymised a configurable number of days after closing, by a job
that runs every night at 03:00 in Berlin, without changing the figures."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.functional import empty
from django_tasks_db.models import DBTaskResult

from gemeinsam.core import schedule
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.core.schedule import next_at
from gemeinsam.counselling import models, services
from gemeinsam.counselling.models import Appointment, Contact, Document, Note, Outcome, Session
from gemeinsam.counselling.tasks import cases as case_tasks
from tests import factories

RETENTION = 30
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _retention(settings, tmp_path):
    settings.GEMEINSAM_CASE_RETENTION_DAYS = RETENTION
    settings.GEMEINSAM_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    models.private_storage._wrapped = empty
    yield
    models.private_storage._wrapped = empty


def _closed(world, days_ago: int | None, *, contacts=(), title="Vereinsgründung Al-Amal"):
    """A case of agency X closed `days_ago` days ago (None: still open)."""
    today = timezone.localdate()
    case = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        contacts=contacts,
        project=world.project_x,
        title=title,
        opened_on=today - datetime.timedelta(days=400),
    )
    if days_ago is not None:
        services.cases.close_case(
            case, by=world.advisor_x, on=today - datetime.timedelta(days=days_ago)
        )
    return case


def _queued_jobs():
    return DBTaskResult.objects.filter(
        task_path=case_tasks.anonymise_expired_cases_job.module_path, status="READY"
    )


def test_only_cases_closed_longer_than_the_retention_period_are_anonymised(world):
    expired = _closed(world, RETENTION + 1, title="Abgelaufen")
    recent = _closed(world, RETENTION - 1, title="Frisch geschlossen")
    still_open = _closed(world, None, title="Noch offen")

    first = services.gdpr.anonymise_expired_cases()
    updated = {c.pk: c.updated_at for c in models.Case.objects.all()}
    second = services.gdpr.anonymise_expired_cases()

    for case in (expired, recent, still_open):
        case.refresh_from_db()
    assert (first, second) == (1, 0)
    assert expired.anonymised_at is not None
    assert expired.title == services.gdpr.neutral_title(expired)
    assert expired.reference in expired.title
    assert (recent.anonymised_at, recent.title) == (None, "Frisch geschlossen")
    assert (still_open.anonymised_at, still_open.title) == (None, "Noch offen")
    assert {c.pk: c.updated_at for c in models.Case.objects.all()} == updated


def test_the_retention_period_counts_from_the_day_the_case_was_closed(world):
    case = _closed(world, 10)
    last_day_kept = case.closed_on + datetime.timedelta(days=RETENTION - 1)

    assert services.gdpr.anonymise_expired_cases(today=last_day_kept) == 0
    assert services.gdpr.anonymise_expired_cases(today=last_day_kept + datetime.timedelta(1)) == 1


def test_anonymising_a_case_removes_the_personal_parts_and_keeps_what_the_figures_count(
    world, django_capture_on_commit_callbacks
):
    leyla = Contact.objects.create(name="Leyla Aydın", email="leyla@example.org")
    services.public.record_consent(leyla, version="2026-01", text="Einverstanden.")
    busy = Contact.objects.create(name="Berk Yılmaz", email="berk@example.org")
    case = _closed(world, RETENTION + 5, contacts=[leyla, busy], title="Satzung Leyla Aydın")
    factories.make_case(world.agency_x, advisors=[world.advisor_x], contacts=[busy])
    Session.objects.create(
        case=case,
        held_on=case.opened_on,
        duration_minutes=60,
        channel="phone",
        participants="Leyla Aydın, Berk Yılmaz",
        summary="Vertraulich",
        next_steps="Leyla schickt die Satzung",
    )
    Note.objects.create(case=case, body="Interne Notiz", author=world.advisor_x)
    Outcome.objects.create(
        case=case, kind="association_registered", achieved_on=case.opened_on, comment="Frau Aydın"
    )
    document = Document(case=case, original_name="a.pdf", content_type="application/pdf", size=4)
    document.file.save("x", ContentFile(b"%PDF"), save=False)
    document.save()
    stored = document.file.name
    appointment = Appointment.objects.create(
        case=case,
        agency=world.agency_x,
        advisor=world.advisor_x,
        title="Termin mit Leyla Aydın",
        starts_at=timezone.now(),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
        channel="video",
        video_link="https://video.example.org/leyla",
    )
    appointment.attendees.add(leyla)
    topics_before = sorted(case.topics.values_list("code", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.gdpr.anonymise_case(case) is True

    case.refresh_from_db()
    session = case.sessions.get()
    assert (session.summary, session.participants, session.next_steps) == ("", "", "")
    assert (session.duration_minutes, session.channel) == (60, "phone")
    assert not Note.objects.filter(case=case).exists()
    assert (
        case.outcomes.get().comment == "" and case.outcomes.get().kind == "association_registered"
    )
    assert not case.documents.exists() and not models.private_storage.exists(stored)
    appointment.refresh_from_db()
    assert (appointment.title, appointment.video_link) == (case.title, "")
    assert not appointment.attendees.exists()
    assert list(case.contacts.all()) == []
    assert sorted(case.topics.values_list("code", flat=True)) == topics_before
    assert (case.project, case.organization_kind, case.is_new_client) == (
        world.project_x,
        world.org_a.kind,
        True,
    )
    leyla.refresh_from_db()
    busy.refresh_from_db()
    assert (leyla.name, leyla.email, leyla.anonymised_at is not None) == ("", "", True)
    assert leyla.consents.get().withdrawn_at is not None
    assert (busy.name, busy.anonymised_at) == ("Berk Yılmaz", None)  # has another case
    entries = AuditLogEntry.objects.filter(object_type="counselling.case", object_id=str(case.pk))
    assert "Leyla" not in str(list(entries.values_list("object_repr", "changes")))
    assert services.gdpr.anonymise_case(case) is False


def test_a_contact_with_an_open_request_is_unlinked_but_kept(world):
    request = factories.make_request(email="omar@example.org", name="Omar Said")
    case = _closed(world, RETENTION + 1, contacts=[request.contact])

    services.gdpr.anonymise_expired_cases()

    request.contact.refresh_from_db()
    assert request.contact.name == "Omar Said"
    assert not case.contacts.exists()


def test_an_anonymised_case_cannot_be_reopened(world):
    case = _closed(world, RETENTION + 1)
    services.gdpr.anonymise_expired_cases()
    case.refresh_from_db()

    with pytest.raises(Exception, match="anonymised case cannot be reopened"):
        services.cases.reopen_case(case, by=world.advisor_x)


# --- The nightly job ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Winter time: 03:00 in Berlin is 02:00 UTC.
        (datetime.datetime(2026, 1, 10, 12, 0, tzinfo=UTC), datetime.datetime(2026, 1, 11, 2, 0)),
        (datetime.datetime(2026, 1, 10, 1, 59, tzinfo=UTC), datetime.datetime(2026, 1, 10, 2, 0)),
        (datetime.datetime(2026, 1, 10, 2, 0, tzinfo=UTC), datetime.datetime(2026, 1, 11, 2, 0)),
        # The night the clocks go forward (29 March 2026): 03:00 CEST is 01:00 UTC.
        (datetime.datetime(2026, 3, 28, 12, 0, tzinfo=UTC), datetime.datetime(2026, 3, 29, 1, 0)),
        # Summer time, and the night the clocks go back (25 October 2026).
        (datetime.datetime(2026, 7, 1, 12, 0, tzinfo=UTC), datetime.datetime(2026, 7, 2, 1, 0)),
        (datetime.datetime(2026, 10, 24, 12, 0, tzinfo=UTC), datetime.datetime(2026, 10, 25, 2, 0)),
    ],
)
def test_the_next_run_is_at_three_in_the_morning_in_berlin(now, expected):
    assert next_at(case_tasks.NIGHTLY_AT, now).astimezone(UTC) == expected.replace(tzinfo=UTC)


def test_the_command_anonymises_prints_the_count_and_queues_the_nightly_job_once(world):
    _closed(world, RETENTION + 1)
    _closed(world, RETENTION + 2)
    out = io.StringIO()

    call_command("anonymise_expired_cases", stdout=out)
    call_command("anonymise_expired_cases", stdout=io.StringIO())

    assert "2 cases anonymised" in out.getvalue()
    [job] = _queued_jobs()
    assert job.run_after == next_at(case_tasks.NIGHTLY_AT)
    assert timezone.localtime(job.run_after).strftime("%H:%M") == "03:00"


def test_the_job_anonymises_and_queues_itself_for_the_next_night(world, run_jobs):
    case = _closed(world, RETENTION + 1)
    case_tasks.anonymise_expired_cases_job.enqueue()

    run_jobs()

    case.refresh_from_db()
    assert case.anonymised_at is not None
    [job] = _queued_jobs()
    assert job.run_after == next_at(case_tasks.NIGHTLY_AT)
    finished = DBTaskResult.objects.filter(
        task_path=case_tasks.anonymise_expired_cases_job.module_path, status="SUCCESSFUL"
    )
    assert [r.return_value for r in finished] == [1]


def test_the_job_does_not_queue_a_second_night_when_one_is_waiting(world, run_jobs):
    schedule.ensure_queued(case_tasks.anonymise_expired_cases_job)
    case_tasks.anonymise_expired_cases_job.enqueue()

    run_jobs()

    assert _queued_jobs().count() == 1

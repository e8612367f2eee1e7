"""Uploaded import files hold contact data: deleted once applied, or after 30 days unapplied."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gemeinsam.organizations.interchange import retention
from gemeinsam.organizations.interchange.enums import ImportStatus
from gemeinsam.organizations.models import ImportBatch

BERLIN = ZoneInfo("Europe/Berlin")
# In UTC: 30 days after it, Berlin has moved its clocks (29 March), days are counted in time.
UPLOADED = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def batch_with_file(name: str, **fields) -> ImportBatch:
    batch = ImportBatch(original_name=name, **fields)
    batch.file.save(name, ContentFile(b"Name;E-Mail\r\nVerein;info@verein.example\r\n"), save=False)
    batch.save()
    return batch


def files_kept(media) -> list[str]:
    return sorted(p.name for p in (media / "imports").rglob("*") if p.is_file())


def test_unapplied_files_are_kept_30_days_and_deleted_after(media):
    with time_machine.travel(UPLOADED, tick=False):
        batch = batch_with_file("liste.csv")
    path = batch.file.path
    with time_machine.travel(UPLOADED + datetime.timedelta(days=30), tick=False):
        assert retention.purge_old_files() == 0
    assert files_kept(media) == [path.split("/")[-1]]
    with time_machine.travel(UPLOADED + datetime.timedelta(days=30, minutes=1), tick=False):
        assert retention.purge_old_files() == 1
    batch.refresh_from_db()
    assert (files_kept(media), batch.file.name, batch.original_name) == ([], "", "liste.csv")
    assert batch.file_deleted_at == UPLOADED + datetime.timedelta(days=30, minutes=1)


def test_applied_files_are_deleted_at_the_next_purge_and_running_ones_are_kept(media):
    with time_machine.travel(UPLOADED, tick=False):
        applied = batch_with_file("fertig.csv", status=ImportStatus.APPLIED, applied_at=UPLOADED)
        running = batch_with_file("laeuft.csv", status=ImportStatus.RUNNING)
    with time_machine.travel(UPLOADED + datetime.timedelta(days=40), tick=False):
        assert retention.purge_old_files() == 1
    applied.refresh_from_db()
    running.refresh_from_db()
    assert (applied.file.name, bool(running.file.name)) == ("", True)
    assert files_kept(media) == [running.file.name.split("/")[-1]]


def test_the_command_purges_and_queues_the_nightly_run_once(media):
    with time_machine.travel(UPLOADED, tick=False):
        batch_with_file("alt.csv")
    with time_machine.travel(UPLOADED + datetime.timedelta(days=31), tick=False):
        call_command("purge_import_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("purge_import_files", stdout=open("/dev/null", "w"))  # noqa: SIM115
    queued = DBTaskResult.objects.filter(task_path=retention.purge_old_files_job.module_path)
    assert [job.run_after.astimezone(BERLIN) for job in queued] == [
        datetime.datetime(2026, 4, 3, 2, 30, tzinfo=BERLIN)
    ]
    assert files_kept(media) == []

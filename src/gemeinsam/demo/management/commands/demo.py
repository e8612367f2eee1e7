"""`gemeinsam demo`: migrate, load the demo data, print the log-ins and serve, with the worker
that sends the queued mails running next to the server."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gemeinsam.core import schedule
from gemeinsam.demo import people, records
from gemeinsam.demo.loader import check_data, load_demo_data
from gemeinsam.demo.worker import WorkerWatch


class Command(BaseCommand):
    help = "Set up the demo database with demo data, print a log-in per role and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (8000)")
        parser.add_argument(
            "--no-serve", action="store_true", help="load the demo data and stop, without serving"
        )
        parser.add_argument(
            "--data",
            metavar="FOLDER",
            help="read the demo data from FOLDER, a changed copy of gemeinsam/demo/data",
        )

    def handle(self, *args, port: int, no_serve: bool, data: str | None = None, **options):
        folder = records.reading_from(data) if data else contextlib.nullcontext()
        with folder, _demo_settings(port):
            try:
                # Every file is read and checked first: a malformed one stops the demo before
                # anything is migrated or written.
                check_data()
            except records.DataError as error:
                raise CommandError(f"The demo data cannot be read: {error}") from None
            self._run(port, no_serve, options["verbosity"])

    def _run(self, port: int, no_serve: bool, verbosity: int) -> None:
        if connection.vendor == "sqlite":
            # SQLite creates the file but not the folder it lives in (var/ on a fresh clone).
            Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        call_command("createcachetable", verbosity=max(0, verbosity - 1))
        summary = load_demo_data()
        self.stdout.write(
            f"Demo data ready: {summary.agencies} agencies, {summary.projects} projects, "
            f"{summary.organizations} organizations, {summary.people} people, "
            f"{summary.events} events, {summary.rooms} rooms, "
            f"{summary.counselling_cases} counselling cases."
        )
        if no_serve:
            self.stdout.write(self._banner(port, worker=False))
            return
        # Send the mails loading queued (registrations of the demo's invented participants)
        # now, into var/mail/, before the worker and the server start.
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        # The daily jobs (core.schedule): the nightly anonymisation of expired cases and purge
        # of import files, the morning's task and deadline reminders.
        schedule.ensure_all()
        # The demo runs without DEBUG, as production would; WhiteNoise then serves the static
        # files straight from the source tree, so no `collectstatic` is needed first.
        settings.WHITENOISE_USE_FINDERS = True
        # Started again whenever it ends (a crash would leave the mails queued for good), and
        # stopped with the server.
        watch = WorkerWatch(self._start_worker, stderr=self.stderr).start()
        # The log-ins are the last thing printed; the server's own start-up lines are dropped.
        self.stdout.write(self._banner(port, worker=True))
        self.stdout.flush()
        try:
            call_command(
                "runserver",
                f"127.0.0.1:{port}",
                use_reloader=False,
                skip_checks=True,
                stdout=open(os.devnull, "w"),  # noqa: SIM115 - lives as long as the server
            )
        finally:
            watch.stop()

    def _start_worker(self) -> subprocess.Popen:
        """`gemeinsam db_worker` in its own process, with this process's settings."""
        env = dict(os.environ)
        if settings.SETTINGS_MODULE:  # None only under override_settings (tests)
            env["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
        return subprocess.Popen(
            [sys.executable, "-m", "gemeinsam", "db_worker", "--no-reload"], env=env
        )

    def _banner(self, port: int, *, worker: bool) -> str:
        cast = people.cast()
        role_width = max(len(login.role) for login in cast.logins)
        email_width = max(len(login.person.email) for login in cast.logins)
        lines = [
            "",
            "=" * 78,
            f"  gemeinsam demo:  http://127.0.0.1:{port}/",
            "",
            f"  Log in with one of these (password for all: {cast.password}):",
            "",
        ]
        lines += [
            f"  {login.role:<{role_width}}  {login.person.email:<{email_width}}  {login.note}"
            for login in cast.logins
        ]
        lines.append("")
        if settings.GEMEINSAM_REQUIRE_STAFF_2FA:
            lines.append(
                "  Staff must set up two-factor log-in first (GEMEINSAM_REQUIRE_STAFF_2FA)."
            )
        else:
            lines.append("  Two-factor log-in is not required in the demo; production requires it")
            lines.append("  for agency staff and platform admins (GEMEINSAM_REQUIRE_STAFF_2FA).")
        if settings.EMAIL_BACKEND == FILE_BACKEND:
            lines.append(
                f"  Mails (confirmations, invitations) are written to {settings.EMAIL_FILE_PATH}/,"
            )
            lines.append(f"  one file per sending; their links open {settings.GEMEINSAM_BASE_URL}.")
        elif "console" in settings.EMAIL_BACKEND:
            lines.append("  Mails (confirmations, invitations) are printed here on the console.")
        if worker:
            lines.append("  Event mails are queued and sent by the background worker")
            lines.append("  (gemeinsam db_worker), which runs next to the server, is started again")
            lines.append("  if it ends, and stops with it.")
        else:
            lines.append("  Event mails are queued; `gemeinsam db_worker` sends them.")
        lines += ["=" * 78, ""]
        return "\n".join(lines)


FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@contextlib.contextmanager
def _demo_settings(port: int):
    """For as long as the demo runs: links in mails open the port it serves on (unless
    GEMEINSAM_BASE_URL says otherwise), and mails that would go to the console go to files in
    EMAIL_FILE_PATH (var/mail/), so that thousands of lines of mail do not bury the log-ins.
    The worker process inherits both through the environment. Everything is put back after."""
    changes = {}
    if "GEMEINSAM_BASE_URL" not in os.environ:
        changes["GEMEINSAM_BASE_URL"] = f"http://127.0.0.1:{port}"
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        changes["EMAIL_BACKEND"] = FILE_BACKEND
    saved_settings = {name: getattr(settings, name, None) for name in changes}
    saved_env = {name: os.environ.get(name) for name in changes}
    for name, value in changes.items():
        setattr(settings, name, value)
        os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved_settings.items():
            setattr(settings, name, value)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

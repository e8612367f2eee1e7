"""`gemeinsam demo`: migrate, load the demo data, print the log-ins and serve, with the worker
that sends the queued mails running next to the server."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from gemeinsam.counselling.tasks_reminders import ensure_daily_run
from gemeinsam.counselling.tasks_retention import schedule_nightly
from gemeinsam.demo import people
from gemeinsam.demo.loader import load_demo_data
from gemeinsam.funding import tasks_deadlines


class Command(BaseCommand):
    help = "Set up the demo database with demo data, print a log-in per role and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port to serve on (8000)")
        parser.add_argument(
            "--no-serve", action="store_true", help="load the demo data and stop, without serving"
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        verbosity = options["verbosity"]
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
        # now, so they scroll past before the banner rather than after it.
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
        # The scheduled jobs queue their next run themselves once started: the nightly
        # anonymisation of expired cases, the morning's task and deadline reminders.
        schedule_nightly()
        ensure_daily_run()
        tasks_deadlines.ensure_daily_run()
        self.stdout.write(self._banner(port, worker=True))
        # The demo runs without DEBUG, as production would; WhiteNoise then serves the static
        # files straight from the source tree, so no `collectstatic` is needed first.
        settings.WHITENOISE_USE_FINDERS = True
        worker = self._start_worker()
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def _start_worker(self) -> subprocess.Popen:
        """`gemeinsam db_worker` in its own process, with this process's settings."""
        env = dict(os.environ)
        if settings.SETTINGS_MODULE:  # None only under override_settings (tests)
            env["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
        return subprocess.Popen(
            [sys.executable, "-m", "gemeinsam", "db_worker", "--no-reload"], env=env
        )

    def _banner(self, port: int, *, worker: bool) -> str:
        role_width = max(len(role) for role, _, _ in people.LOGINS)
        email_width = max(len(person.email) for _, person, _ in people.LOGINS)
        lines = [
            "",
            "=" * 78,
            f"  gemeinsam demo:  http://127.0.0.1:{port}/",
            "",
            f"  Log in with one of these (password for all: {people.DEMO_PASSWORD}):",
            "",
        ]
        lines += [
            f"  {role:<{role_width}}  {person.email:<{email_width}}  {note}"
            for role, person, note in people.LOGINS
        ]
        lines.append("")
        if settings.GEMEINSAM_REQUIRE_STAFF_2FA:
            lines.append(
                "  Staff must set up two-factor log-in first (GEMEINSAM_REQUIRE_STAFF_2FA)."
            )
        else:
            lines.append("  Two-factor log-in is not required in the demo; production requires it")
            lines.append("  for agency staff and platform admins (GEMEINSAM_REQUIRE_STAFF_2FA).")
        if "console" in settings.EMAIL_BACKEND:
            lines.append("  Mails (confirmations, invitations) are printed here on the console.")
        if worker:
            lines.append("  Event mails are queued and sent by the background worker")
            lines.append(
                "  (gemeinsam db_worker), which runs next to the server and stops with it."
            )
        else:
            lines.append("  Event mails are queued; `gemeinsam db_worker` sends them.")
        lines += ["=" * 78, ""]
        return "\n".join(lines)

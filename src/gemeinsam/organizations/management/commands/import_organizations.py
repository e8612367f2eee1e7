"""`gemeinsam import-organizations FILE`: the web import's checks, from the command line.

A dry run unless `--apply`; with problems in the file it imports nothing and exits with 1.
"""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from gemeinsam.organizations.interchange import fields, services, validation
from gemeinsam.organizations.interchange.enums import Decision
from gemeinsam.organizations.interchange.parsing import ImportFileError, read_table

ON_DUPLICATE = {
    "skip": Decision.SKIP,
    "create": Decision.CREATE,
    "merge": Decision.FILL,
    "update": Decision.UPDATE,
}


class Command(BaseCommand):
    help = "Check a CSV or XLSX file of organizations and, with --apply, import it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Import when every row is valid (default: only check).",
        )
        parser.add_argument(
            "--mapping",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Map a column to a field, e.g. --mapping 'Vereinsname=name'; an empty FIELD "
            "ignores the column. Columns not named here are guessed from their header. "
            f"Fields: {', '.join(t.name for t in fields.TARGETS)}.",
        )
        parser.add_argument(
            "--on-duplicate",
            choices=sorted(ON_DUPLICATE),
            default="skip",
            help="Likely duplicates: skip them (default), create them anyway, merge them into "
            "the existing organization (fill its empty fields) or update it (overwrite).",
        )
        parser.add_argument("--actor", metavar="EMAIL", help="Who the audit log names.")
        parser.add_argument(
            "--language", default=None, help="Language of the messages (de, en, ar, tr)."
        )

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language()):
            return self._run(options)

    def _mapping(self, headers: list[str], pairs: list[str]) -> list[str]:
        mapping = fields.guess_mapping(headers)
        for pair in pairs:
            column, sep, target = pair.partition("=")
            column, target = column.strip(), target.strip()
            if not sep or column not in headers:
                raise CommandError(
                    f"--mapping {pair!r}: no column {column!r} in the file "
                    f"(columns: {', '.join(headers)})."
                )
            if target and target not in fields.TARGETS_BY_NAME:
                raise CommandError(f"--mapping {pair!r}: unknown field {target!r}.")
            index = headers.index(column)
            if target:
                # A field chosen by hand is taken away from the column it was guessed for.
                mapping = ["" if name == target else name for name in mapping]
            mapping[index] = target
        return mapping

    def _run(self, options):
        by = None
        if options["actor"]:
            by = get_user_model().objects.filter(email__iexact=options["actor"]).first()
            if by is None:
                raise CommandError(f"No account with the email address {options['actor']}.")
        path: Path = options["file"]
        try:
            with path.open("rb") as stream:
                table = read_table(stream, path.name)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(f"{path}: {error.message}") from error
        mapping = self._mapping(table.headers, options["mapping"])
        for header, target in zip(table.headers, mapping, strict=True):
            shown = target or "—"
            self.stdout.write(f"  {header} → {shown}")

        with tqdm(total=len(table.rows), desc="check", unit="row", file=sys.stderr) as bar:
            preview = validation.check(table, mapping, on_row=bar.update)
        decisions = validation.decisions_for_all(preview, ON_DUPLICATE[options["on_duplicate"]])
        self._report(preview, decisions)
        if preview.problems:
            raise CommandError(
                f"{len(preview.problems)} problem(s) in {preview.rows_with_problems} row(s); "
                "nothing was imported."
            )
        if not options["apply"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(preview.rows)} row(s) valid. Dry run: nothing was imported; "
                    "run again with --apply."
                )
            )
            return
        bars: dict[str, tqdm] = {}

        def progress(step, done: int, total: int) -> None:
            if step not in bars:
                bars[step] = tqdm(total=total, desc=step.value, unit="row", file=sys.stderr)
            bars[step].update(done - bars[step].n)

        try:
            result = services.apply_import(
                by=by, preview=preview, decisions=decisions, progress=progress
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        finally:
            for bar in bars.values():
                bar.close()
        summary = ", ".join(f"{key} {count}" for key, count in result.summary.items())
        self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))

    def _report(self, preview, decisions):
        for problem in preview.problems:
            where = f"row {problem.row}" if problem.row else "file"
            column = f", {problem.column}" if problem.column else ""
            value = f" [{problem.value}]" if problem.value else ""
            self.stdout.write(f"{where}{column}: {problem.message}{value}")
        for row in preview.duplicates:
            like = [f"{m.name} ({m.city}) #{m.id}" for m in row.matches]
            if row.same_as_row:
                like.append(f"row {row.same_as_row}")
            self.stdout.write(
                f"row {row.number}: likely duplicate of {'; '.join(like)} "
                f"→ {decisions[row.number].value}"
            )

"""`gemeinsam export-xliff --user EMAIL --language ar ITEM …`: an XLIFF 2.0 file for a
translation agency. An ITEM is `events.event:12`, or `events.event` for every item of that kind
the person may translate. The exported texts are marked as at the agency."""

import re
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from gemeinsam.translations import queries, services
from gemeinsam.translations.enums import target_languages
from gemeinsam.translations.queries.overview import translatable_items

from .import_xliff import person

_ITEM = re.compile(r"^(?P<label>[a-z_]+\.[a-z_]+)(?::(?P<pk>\d+))?$")


class Command(BaseCommand):
    help = "Exports items for a translation agency as XLIFF 2.0."

    def add_arguments(self, parser):
        parser.add_argument("items", nargs="+", help="events.event:12, or events.event for all")
        parser.add_argument("--user", required=True, help="whose rights decide what is exported")
        parser.add_argument(
            "--language", required=True, choices=[code for code, _name in target_languages()]
        )
        parser.add_argument("-o", "--output", help="the file to write (default: standard output)")

    def _items(self, user, values):
        items = []
        for value in values:
            match = _ITEM.match(value)
            if match is None:
                raise CommandError(f"{value}: name an item as app.model:id or app.model.")
            if match["pk"] is None:
                found = translatable_items(user, match["label"])
                if not found:
                    raise CommandError(f"{value}: nothing of this kind for you to translate.")
                items += found
                continue
            try:
                items.append(queries.item_for(user, match["label"], int(match["pk"])))
            except Http404:
                raise CommandError(f"{value}: no such item that you know.") from None
            except PermissionDenied:
                raise CommandError(f"{value}: you may not translate it.") from None
        return items

    def handle(self, *args, **options):
        user = person(options["user"])
        items = self._items(user, options["items"])
        data = services.export_xliff(user, items, options["language"])
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(data)
            except OSError as error:
                raise CommandError(f"{options['output']}: {error.strerror}") from None
            self.stderr.write(f"{len(items)} items written to {options['output']}.")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")

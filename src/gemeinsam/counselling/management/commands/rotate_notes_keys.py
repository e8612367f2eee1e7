"""Re-encrypt every confidential value with the first key in GEMEINSAM_NOTES_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from gemeinsam.counselling.crypto import EncryptedTextField, NotesKeyError, rotate
from gemeinsam.counselling.models import KeyCheck, Note, Session


class Command(BaseCommand):
    help = (
        "Re-encrypt internal notes and session summaries with the first key of "
        "GEMEINSAM_NOTES_KEYS. Afterwards the older keys can be removed."
    )

    def handle(self, *args, **options):
        total = 0
        try:
            with transaction.atomic():
                for model in (Note, Session, KeyCheck):
                    total += self._rotate(model)
        except NotesKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{total} values re-encrypted."))

    def _rotate(self, model) -> int:
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        table = connection.ops.quote_name(model._meta.db_table)
        count = 0
        for field in fields:
            column = connection.ops.quote_name(field.column)
            # Raw rows: the tokens themselves, not the decrypted text the field would give.
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                rows = cursor.fetchall()
            with connection.cursor() as cursor:
                for pk, token in rows:
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608
                        [rotate(token), pk],
                    )
                    count += 1
        return count

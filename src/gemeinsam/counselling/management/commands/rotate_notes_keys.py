"""Re-encrypt every confidential value with the first key in GEMEINSAM_NOTES_KEYS."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from gemeinsam.counselling.crypto import EncryptedTextField, NotesKeyError, rotate
from gemeinsam.counselling.models import Document, KeyCheck, Note, Session, private_storage


class Command(BaseCommand):
    help = (
        "Re-encrypt internal notes, session summaries and case documents with the first key "
        "of GEMEINSAM_NOTES_KEYS. Afterwards the older keys can be removed."
    )

    def handle(self, *args, **options):
        total = 0
        try:
            with transaction.atomic():
                for model in (Note, Session, KeyCheck):
                    total += self._rotate(model)
            documents = self._rotate_documents()
        except NotesKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"{total} values and {documents} documents re-encrypted.")
        )

    def _rotate_documents(self) -> int:
        """After the values: a file written again cannot be rolled back with them, and a
        failure here leaves every file readable with one of the keys."""
        names = Document.objects.exclude(file="").values_list("file", flat=True)
        count = 0
        for name in names.iterator():
            if private_storage.exists(name):
                private_storage.rotate_file(name)
                count += 1
        return count

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

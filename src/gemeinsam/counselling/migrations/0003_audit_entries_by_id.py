"""Audit entries about counselling name their objects by id only: earlier entries lose the
titles, reasons and file names they carried (platform admins read the audit log)."""

from django.db import migrations

# The change keys that carried what staff typed (case titles, break-glass reasons, file names,
# names); their values are blanked, the keys stay so the entry still says what changed.
CONTENT_KEYS = {
    "title",
    "name",
    "email",
    "phone",
    "participants",
    "description",
    "reason",
    "break_glass",
    "file",
    "comment",
}
HIDDEN = "(anonymised)"


def by_id(apps, schema_editor):
    AuditLogEntry = apps.get_model("core", "AuditLogEntry")
    entries = AuditLogEntry.objects.filter(object_type__startswith="counselling.")
    for entry in entries.only("pk", "object_type", "object_id", "changes").iterator():
        changes = {
            key: ([HIDDEN, HIDDEN] if key in CONTENT_KEYS else value)
            for key, value in (entry.changes or {}).items()
        }
        model_name = entry.object_type.partition(".")[2]
        AuditLogEntry.objects.filter(pk=entry.pk).update(
            object_repr=f"{model_name} #{entry.object_id}", changes=changes
        )


class Migration(migrations.Migration):
    dependencies = [
        ("counselling", "0002_reference_data"),
        ("core", "0002_audit_export"),
    ]

    operations = [migrations.RunPython(by_id, migrations.RunPython.noop)]

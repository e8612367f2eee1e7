"""Each readiness result names its check and whether it is the organization's last of it."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    ReadinessResult = apps.get_model("funding", "ReadinessResult")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    ReadinessResult.objects.update(
        readiness_check_id=Subquery(
            RuleVersion.objects.filter(pk=OuterRef("rule_version_id")).values(
                "readiness_check_id"
            )[:1]
        ),
        is_latest=False,
    )
    # The last saved of each organization and check, by time and then id, as the overview read
    # it before.
    newest = ReadinessResult.objects.filter(
        organization_id=OuterRef("organization_id"),
        readiness_check_id=OuterRef("readiness_check_id"),
    ).order_by("-created_at", "-id")
    latest = ReadinessResult.objects.filter(pk=Subquery(newest.values("pk")[:1]))
    ReadinessResult.objects.filter(pk__in=list(latest.values_list("pk", flat=True))).update(
        is_latest=True
    )


class Migration(migrations.Migration):
    dependencies = [("funding", "0007_programme_texts")]

    operations = [
        migrations.AddField(
            model_name="readinessresult",
            name="readiness_check",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to="funding.readinesscheck",
            ),
        ),
        migrations.AddField(
            model_name="readinessresult",
            name="is_latest",
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

"""Every readiness result names its check; one is the last of each organization and check.

Apart from 0008, which writes the rows: PostgreSQL refuses to alter a table with pending
foreign-key checks of rows written in the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("funding", "0008_latest_results")]

    operations = [
        migrations.AlterField(
            model_name="readinessresult",
            name="readiness_check",
            field=models.ForeignKey(
                editable=False,
                on_delete=models.deletion.CASCADE,
                related_name="+",
                to="funding.readinesscheck",
            ),
        ),
        migrations.AddConstraint(
            model_name="readinessresult",
            constraint=models.UniqueConstraint(
                condition=models.Q(is_latest=True),
                fields=("organization", "readiness_check"),
                name="one_latest_readiness_result",
            ),
        ),
    ]

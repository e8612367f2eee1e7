from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_event_updated_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="consent_language",
            field=models.CharField(
                blank=True,
                choices=[("de", "German"), ("en", "English"), ("ar", "Arabic"), ("tr", "Turkish")],
                max_length=8,
                verbose_name="language of the consent",
            ),
        ),
    ]

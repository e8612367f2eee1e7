"""Search: known words say whether a document has them as written, or only as a form the index
adds (a stem, a folded spelling), which corrections never offer ("jugendhilf" for
"Jugendhilfr"). Every document is rebuilt, with the Arabic and Turkish word forms too."""

from django.db import migrations, models


def rebuild_documents(apps, schema_editor):
    # The documents' layout is the search module's business, so its current code writes them
    # (an empty database, as in a fresh install or the tests, has nothing to do here).
    from gemeinsam.organizations import search

    if apps.get_model("organizations", "Organization").objects.exists():
        search.reindex()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0011_search_changes")]
    operations = [
        migrations.AddField(
            model_name="searchword",
            name="written",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
    ]

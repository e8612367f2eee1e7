"""The readiness checks and the programme catalogue every installation starts with, read from
gemeinsam/funding/data/ (rule documents become version 1)."""

import json
from importlib import resources

from django.db import migrations

CHECKS = ["association", "youth_welfare"]


def _data(*parts):
    return json.loads((resources.files("gemeinsam.funding").joinpath("data", *parts)).read_text("utf-8"))


def load(apps, schema_editor):
    ReadinessCheck = apps.get_model("funding", "ReadinessCheck")
    Programme = apps.get_model("funding", "Programme")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    FieldOfActivity = apps.get_model("organizations", "FieldOfActivity")
    for position, code in enumerate(CHECKS):
        document = _data("checks", f"{code}.json")
        check, _created = ReadinessCheck.objects.update_or_create(
            code=code, defaults={"names": document["names"], "position": position}
        )
        if not RuleVersion.objects.filter(readiness_check=check).exists():
            keys = ("requirements", "authority", "guides")
            rules = {key: document[key] for key in keys if key in document}
            RuleVersion.objects.create(readiness_check=check, number=1, document=rules)
    for row in _data("programmes.json"):
        row = dict(row)
        rules, fields = row.pop("rules"), row.pop("fields")
        programme, _created = Programme.objects.update_or_create(code=row.pop("code"), defaults=row)
        programme.fields.set(FieldOfActivity.objects.filter(code__in=fields))
        if not RuleVersion.objects.filter(programme=programme).exists():
            RuleVersion.objects.create(programme=programme, number=1, document=rules)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("organizations", "0003_reference_data"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

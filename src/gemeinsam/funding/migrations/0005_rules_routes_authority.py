"""The built-in rule documents gain routes, fixed conditions, the authority per Land and guides:
each check and programme whose current rules differ from gemeinsam/funding/data/ gets them as its
next version (a fresh installation already loaded them in 0002 and 0003)."""

import json
from importlib import resources

from django.db import migrations
from django.db.models import Max

CHECKS = ["association", "youth_welfare", "kita", "labour_market"]
KEYS = ("requirements", "authority", "guides")


def _data(*parts):
    text = resources.files("gemeinsam.funding").joinpath("data", *parts).read_text("utf-8")
    return json.loads(text)


def _store(RuleVersion, owner_field, owner, document):
    versions = RuleVersion.objects.filter(**{owner_field: owner})
    current = versions.order_by("-number").first()
    if current is None or current.document == document:
        return
    number = versions.aggregate(n=Max("number"))["n"] + 1
    RuleVersion.objects.create(**{owner_field: owner, "number": number, "document": document})


def update(apps, schema_editor):
    ReadinessCheck = apps.get_model("funding", "ReadinessCheck")
    Programme = apps.get_model("funding", "Programme")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    for code in CHECKS:
        check = ReadinessCheck.objects.filter(code=code).first()
        if check is not None:
            document = _data("checks", f"{code}.json")
            rules = {key: document[key] for key in KEYS if key in document}
            _store(RuleVersion, "readiness_check", check, rules)
    for row in _data("programmes.json"):
        programme = Programme.objects.filter(code=row["code"]).first()
        if programme is not None:
            _store(RuleVersion, "programme", programme, row["rules"])


class Migration(migrations.Migration):
    dependencies = [("funding", "0004_watch")]
    operations = [migrations.RunPython(update, migrations.RunPython.noop)]

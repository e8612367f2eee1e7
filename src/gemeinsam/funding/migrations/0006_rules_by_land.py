"""The built-in readiness checks name what belongs to one Land: guides for one Land carry its
code (`states`) and Land law stands apart from the federal legal basis (`legal_basis_by_state`),
so an organization in a known Land no longer sees another Land's. Each check whose current rules
differ from gemeinsam/funding/data/checks/ gets them as its next version (a fresh installation
already loaded them in 0002 and 0003)."""

import json
from importlib import resources

from django.db import migrations
from django.db.models import Max

CHECKS = ["association", "youth_welfare", "kita", "labour_market"]
KEYS = ("requirements", "authority", "guides")


def update(apps, schema_editor):
    ReadinessCheck = apps.get_model("funding", "ReadinessCheck")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    for code in CHECKS:
        check = ReadinessCheck.objects.filter(code=code).first()
        if check is None:
            continue
        text = resources.files("gemeinsam.funding").joinpath("data", "checks", f"{code}.json")
        document = json.loads(text.read_text("utf-8"))
        rules = {key: document[key] for key in KEYS if key in document}
        versions = RuleVersion.objects.filter(readiness_check=check)
        current = versions.order_by("-number").first()
        if current is None or current.document == rules:
            continue
        number = versions.aggregate(n=Max("number"))["n"] + 1
        RuleVersion.objects.create(readiness_check=check, number=number, document=rules)


class Migration(migrations.Migration):
    dependencies = [("funding", "0005_rules_routes_authority")]
    operations = [migrations.RunPython(update, migrations.RunPython.noop)]

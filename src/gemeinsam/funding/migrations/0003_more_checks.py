"""Two more readiness checks every installation starts with: founding and running a Kita
(§ 45 SGB VIII) and labour-market measures (AZAV), read from gemeinsam/funding/data/checks/
(rule documents become version 1)."""

import json
from importlib import resources

from django.db import migrations

# After the checks of 0002_catalogue, in this order.
CHECKS = ["kita", "labour_market"]
FIRST_POSITION = 2


def _data(*parts):
    return json.loads((resources.files("gemeinsam.funding").joinpath("data", *parts)).read_text("utf-8"))


def load(apps, schema_editor):
    ReadinessCheck = apps.get_model("funding", "ReadinessCheck")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    for position, code in enumerate(CHECKS, start=FIRST_POSITION):
        document = _data("checks", f"{code}.json")
        check, _created = ReadinessCheck.objects.update_or_create(
            code=code, defaults={"names": document["names"], "position": position}
        )
        if not RuleVersion.objects.filter(readiness_check=check).exists():
            keys = ("requirements", "authority", "guides")
            rules = {key: document[key] for key in keys if key in document}
            RuleVersion.objects.create(readiness_check=check, number=1, document=rules)


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

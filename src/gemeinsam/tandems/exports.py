"""The 360Giving export (standard 1.4) of an agency's tandems: one grant per call from its
funder to the agency, marked as a regrant (`regrantType` FRG010, "common regrant"), and one
grant per tandem from the agency to the organization that receives the money, linked to the
call's grant (`relatedActivity`). The package validates against the 360Giving package schema
(`tests/tandems/test_exports.py`). And the funder's report of a call's evaluation, with small
numbers suppressed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .enums import DIFFERENT_BY, EVALUATION_ITEMS, Phase, Side
from .models import Evaluation, Tandem, TandemCall

PREFIX = "360G-gemeinsam"


def _org(kind: str, slug: str, name: str) -> dict:
    return {"id": f"{PREFIX}-{kind}-{slug}", "name": name}


def _amount(value: Decimal) -> float | int:
    """A JSON number with cents, exact for amounts below 10^13 €."""
    value = Decimal(value).quantize(Decimal("0.01"))
    return int(value) if value == value.to_integral() else float(value)


def _call_grant_id(call: TandemCall) -> str:
    return f"{PREFIX}-call-{call.pk}"


def package(agency, *, today: datetime.date | None = None) -> dict:
    """The agency's calls with tandems, as a 360Giving data package (three queries)."""
    today = today or timezone.localdate()
    tandems = list(
        Tandem.objects.filter(call__agency=agency)
        .select_related("call", "migrant_org", "partner", "recipient")
        .order_by("call__pk", "pk")
    )
    calls: dict[int, TandemCall] = {t.call_id: t.call for t in tandems}
    agency_org = _org("agency", agency.slug, agency.name)
    grants: list[dict] = []
    for call in calls.values():
        grants.append(
            {
                "id": _call_grant_id(call),
                "title": call.title[:140],
                "description": call.description or call.title,
                "currency": "EUR",
                "amountAwarded": _amount(call.budget),
                "awardDate": call.opens_on.isoformat(),
                "recipientOrganization": [agency_org],
                "fundingOrganization": [_org("funder", f"call-{call.pk}", call.funder)],
                "regrantType": "FRG010",
                "plannedDates": [
                    {
                        "startDate": call.project_starts_on.isoformat(),
                        "endDate": call.project_ends_on.isoformat(),
                    }
                ],
            }
        )
    for tandem in tandems:
        call = tandem.call
        grants.append(
            {
                "id": f"{PREFIX}-tandem-{tandem.pk}",
                "title": f"Tandem {tandem.migrant_org.name} + {tandem.partner.name}"[:140],
                "description": f"{call.title}: {tandem.migrant_org.name} + {tandem.partner.name}",
                "currency": "EUR",
                "amountAwarded": _amount(tandem.grant),
                "awardDate": timezone.localtime(tandem.created_at).date().isoformat(),
                "recipientOrganization": [
                    _org("org", tandem.recipient.slug, tandem.recipient.name)
                ],
                "fundingOrganization": [agency_org],
                "relatedActivity": [_call_grant_id(call)],
                "plannedDates": [
                    {
                        "startDate": call.project_starts_on.isoformat(),
                        "endDate": call.project_ends_on.isoformat(),
                    }
                ],
                "dateModified": timezone.localtime(tandem.created_at).isoformat(),
            }
        )
    return {
        "version": "1.4",
        "title": f"{agency.name}: Tandems",
        "description": f"Tandem grants passed on by {agency.name}, as of {today.isoformat()}",
        "grants": grants,
    }


# Counts below this are shown as "<5" and averages over them withheld ("x") in anything that
# leaves the agency, as in counselling's funder report.
SMALL = 5


def _count(n: int) -> int | str:
    return f"<{SMALL}" if 0 < n < SMALL else n


def evaluation_report(call: TandemCall) -> list[list]:
    """The call's evaluation for the funder, per phase and statement: how many tandems both
    sides answered, each side's average and how many saw it differently; small numbers
    suppressed. Headers and labels in the active language (two queries)."""
    evaluations = list(Evaluation.objects.filter(tandem__call=call))
    rows: list[list] = [
        [
            _("Phase"),
            _("Statement"),
            _("Tandems that answered"),
            _("Average of the migrant organizations"),
            _("Average of the partners"),
            _("Seen differently"),
        ]
    ]
    for phase in Phase:
        answers: dict[int, dict[str, dict]] = {}
        for e in evaluations:
            if e.phase == phase.value:
                answers.setdefault(e.tandem_id, {})[e.side] = e.answers
        both = [a for a in answers.values() if len(a) == 2]
        for code, label in EVALUATION_ITEMS:
            n = len(both)
            if n == 0:
                rows.append([str(phase.label), str(label), 0, None, None, None])
                continue
            mo = [a[Side.MIGRANT_ORG][code] for a in both]
            partner = [a[Side.PARTNER][code] for a in both]
            differ = sum(abs(x - y) >= DIFFERENT_BY for x, y in zip(mo, partner, strict=True))
            small = n < SMALL
            rows.append(
                [
                    str(phase.label),
                    str(label),
                    _count(n),
                    "x" if small else round(sum(mo) / n, 1),
                    "x" if small else round(sum(partner) / n, 1),
                    "x" if small else _count(differ),
                ]
            )
    return rows

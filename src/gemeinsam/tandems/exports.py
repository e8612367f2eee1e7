"""The 360Giving export (standard 1.4) of an agency's tandems: one grant per call from its
funder to the agency, marked as a regrant (`regrantType` FRG010, "common regrant"), and one
grant per tandem from the agency to the organization that receives the money, linked to the
call's grant (`relatedActivity`). The package validates against the 360Giving package schema
(`tests/tandems/test_exports.py`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from .models import Tandem, TandemCall

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

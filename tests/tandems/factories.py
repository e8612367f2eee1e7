"""Calls and applications for the tandems' tests (plain functions, like tests/factories.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import count

from gemeinsam.organizations.models import FieldOfActivity, WorkingLanguage
from gemeinsam.tandems.enums import ApplicationStatus, CallMode
from gemeinsam.tandems.models import Tandem, TandemApplication, TandemCall

_seq = count(1)

# A fixed window far from any real date: tests that need "today" inside it travel there.
OPENS = datetime.date(2031, 3, 1)
CLOSES = datetime.date(2031, 4, 30)
DURING = datetime.date(2031, 4, 1)
AFTER = datetime.date(2031, 5, 2)


def make_call(
    agency,
    title: str = "Tandems auf Augenhöhe",
    *,
    mode: str = CallMode.MATCH_LATER,
    fields: tuple[str, ...] = (),
    **extra,
) -> TandemCall:
    values = {
        "slug": f"call-{next(_seq)}",
        "funder": "Ministerium für Kinder, Jugend, Familie, Flucht und Integration NRW",
        "budget": Decimal("120000.00"),
        "max_grant": Decimal("10000.00"),
        "opens_on": OPENS,
        "closes_on": CLOSES,
        "project_starts_on": datetime.date(2031, 6, 1),
        "project_ends_on": datetime.date(2032, 5, 31),
        "is_published": True,
        "description": "Migrantenorganisationen und Träger lernen voneinander.",
    }
    values.update(extra)
    call = TandemCall.objects.create(agency=agency, title=title, mode=mode, **values)
    call.fields.set(FieldOfActivity.objects.filter(code__in=fields))
    return call


def make_application(
    call,
    organization,
    *,
    by=None,
    status: str = ApplicationStatus.SUBMITTED,
    fields: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    **extra,
) -> TandemApplication:
    values = {
        "offers": "Zugang zu arabischsprachigen Familien",
        "needs": "Wissen über die Anerkennung nach § 75 SGB VIII",
        "region": "NW",
        "amount": Decimal("8000.00"),
    }
    values.update(extra)
    application = TandemApplication.objects.create(
        call=call, organization=organization, created_by=by, status=status, **values
    )
    application.fields.set(FieldOfActivity.objects.filter(code__in=fields))
    application.languages.set(WorkingLanguage.objects.filter(code__in=languages))
    return application


def make_tandem(call, migrant_org, partner, **extra):
    extra.setdefault("recipient", migrant_org)
    return Tandem.objects.create(call=call, migrant_org=migrant_org, partner=partner, **extra)

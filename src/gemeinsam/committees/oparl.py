"""The register as OParl 1.1 (https://oparl.org/spezifikation/): System, Body, and the Body's
lists of organizations (committees), persons (appointed holders), memberships (their mandates,
with `role`, `votingRight` and `onBehalfOf`), meetings, papers (none) and legislative terms.

Only what the public register shows goes out: active committees, public meetings, and
mandates that hold or held a seat — never those on their way to one. Lists are one page each
(`links` empty), as the register of one body is small.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from .enums import HOLDING, CommitteeKind, MandateStatus, SeatRole
from .models import Body, Committee, LegislativeTerm, Mandate, Meeting

VERSION = "https://schema.oparl.org/1.1/"
LISTS = ("organization", "person", "membership", "meeting", "paper", "legislativeterm")
# Mandates that hold or held a seat are public; interest, nominations and proposals are not.
PUBLIC_MANDATES = (*HOLDING, MandateStatus.SUCCEEDED)

CLASSIFICATION = {
    CommitteeKind.YOUTH_WELFARE: "Jugendhilfeausschuss",
    CommitteeKind.INTEGRATION_COUNCIL: "Integrationsbeirat",
    CommitteeKind.ADVISORY_BOARD: "Beirat",
    CommitteeKind.WORKING_GROUP: "Arbeitsgemeinschaft",
    CommitteeKind.ROUND_TABLE: "Runder Tisch",
}
ROLES = {SeatRole.MEMBER: "Mitglied", SeatRole.ALTERNATE: "Stellvertretendes Mitglied"}


class Urls:
    """Absolute addresses of the export's objects, on the request's host."""

    def __init__(self, build):
        self.build = build  # request.build_absolute_uri

    def system(self) -> str:
        return self.build(reverse("committees:oparl-system"))

    def bodies(self) -> str:
        return self.build(reverse("committees:oparl-bodies"))

    def body(self, body: Body) -> str:
        return self.build(reverse("committees:oparl-body", kwargs={"body": body.slug}))

    def list(self, body: Body, kind: str) -> str:
        return self.build(
            reverse("committees:oparl-list", kwargs={"body": body.slug, "kind": kind})
        )

    def item(self, body: Body, kind: str, pk: int) -> str:
        return f"{self.list(body, kind)}#{pk}"

    def web(self, path: str) -> str:
        return self.build(path)


def _stamp(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def system(urls: Urls) -> dict:
    return {
        "id": urls.system(),
        "type": VERSION + "System",
        "oparlVersion": "https://schema.oparl.org/1.1/",
        "name": "gemeinsam",
        "body": urls.bodies(),
    }


def bodies(urls: Urls, rows) -> dict:
    data = [body(urls, b) for b in rows]
    return {"data": data, "pagination": _pagination(data), "links": {}}


def body(urls: Urls, body: Body) -> dict:
    data = {
        "id": urls.body(body),
        "type": VERSION + "Body",
        "system": urls.system(),
        "name": body.name,
        "organization": urls.list(body, "organization"),
        "person": urls.list(body, "person"),
        "meeting": urls.list(body, "meeting"),
        "paper": urls.list(body, "paper"),
        "membership": urls.list(body, "membership"),
        "legislativeTermList": urls.list(body, "legislativeterm"),
        "legislativeTerm": [term(urls, body, t) for t in _body_terms(body)],
        "created": _stamp(body.created_at),
        "modified": _stamp(body.updated_at),
    }
    if body.short_name:
        data["shortName"] = body.short_name
    if body.ags:
        data["ags"] = body.ags
    if body.website:
        data["website"] = body.website
    return data


def _body_terms(body: Body):
    return LegislativeTerm.objects.filter(body=body).order_by("start_date", "id")


def term(urls: Urls, body: Body, t: LegislativeTerm) -> dict:
    return {
        "id": urls.item(body, "legislativeterm", t.pk),
        "type": VERSION + "LegislativeTerm",
        "body": urls.body(body),
        "name": t.name,
        "startDate": t.start_date.isoformat(),
        "endDate": t.end_date.isoformat(),
    }


def _committees(body: Body):
    mandates = Mandate.objects.filter(status__in=PUBLIC_MANDATES).order_by("id")
    return (
        Committee.objects.filter(body=body, is_active=True, agency__is_active=True)
        .prefetch_related(Prefetch("seats__mandates", queryset=mandates))
        .order_by("name", "id")
    )


def organization(urls: Urls, body: Body, c: Committee) -> dict:
    mandates = [m for seat in c.seats.all() for m in seat.mandates.all()]
    return {
        "id": urls.item(body, "organization", c.pk),
        "type": VERSION + "Organization",
        "body": urls.body(body),
        "name": c.name,
        "organizationType": "Gremium",
        "classification": CLASSIFICATION[c.kind],
        "post": sorted({ROLES[m.role] for m in mandates}),
        "membership": [urls.item(body, "membership", m.pk) for m in mandates],
        "memberCount": c.seats_total,
        "votingMemberCount": c.seats_voting,
        "web": urls.web(c.get_absolute_url()),
        "created": _stamp(c.created_at),
        "modified": _stamp(c.updated_at),
    }


def membership(urls: Urls, body: Body, m: Mandate, committee_id: int, voting: bool) -> dict:
    data = {
        "id": urls.item(body, "membership", m.pk),
        "type": VERSION + "Membership",
        "person": urls.item(body, "person", m.pk),
        "organization": urls.item(body, "organization", committee_id),
        "role": ROLES[m.role],
        "votingRight": voting,
        "modified": _stamp(m.updated_at),
    }
    if m.appointed_on:
        data["startDate"] = m.appointed_on.isoformat()
    if m.ended_on:
        data["endDate"] = m.ended_on.isoformat()
    if m.organization_id and m.organization.is_public:
        data["onBehalfOf"] = urls.web(m.organization.get_absolute_url())
    return data


def person(urls: Urls, body: Body, m: Mandate) -> dict:
    # One person per mandate: the register knows holders by name, not as people across seats.
    return {
        "id": urls.item(body, "person", m.pk),
        "type": VERSION + "Person",
        "body": urls.body(body),
        "name": m.holder_name,
        "membership": [membership(urls, body, m, m.seat.committee_id, m.seat.voting_right)],
    }


def meeting(urls: Urls, body: Body, mt: Meeting) -> dict:
    data = {
        "id": urls.item(body, "meeting", mt.pk),
        "type": VERSION + "Meeting",
        "name": mt.committee.name,
        "start": _stamp(mt.starts_at),
        "end": _stamp(mt.ends_at),
        "cancelled": mt.cancelled,
        "organization": [urls.item(body, "organization", mt.committee_id)],
        "modified": _stamp(mt.updated_at),
    }
    if mt.location:
        data["location"] = {
            "id": urls.item(body, "meeting", mt.pk) + "-location",
            "type": VERSION + "Location",
            "description": mt.location,
        }
    return data


def _public_mandates(body: Body):
    return (
        Mandate.objects.filter(
            seat__committee__body=body,
            seat__committee__is_active=True,
            status__in=PUBLIC_MANDATES,
        )
        .select_related("seat", "organization")
        .order_by("id")
    )


def items(urls: Urls, body: Body, kind: str) -> list[dict]:
    """The objects of one of the body's lists (`LISTS`)."""
    if kind == "organization":
        return [organization(urls, body, c) for c in _committees(body)]
    if kind == "membership":
        return [
            membership(urls, body, m, m.seat.committee_id, m.seat.voting_right)
            for m in _public_mandates(body)
        ]
    if kind == "person":
        return [person(urls, body, m) for m in _public_mandates(body)]
    if kind == "meeting":
        meetings = (
            Meeting.objects.filter(committee__body=body, committee__is_active=True, is_public=True)
            .select_related("committee")
            .order_by("starts_at", "id")
        )
        return [meeting(urls, body, mt) for mt in meetings]
    if kind == "legislativeterm":
        return [term(urls, body, t) for t in _body_terms(body)]
    return []  # papers: the register keeps none


def page(urls: Urls, body: Body, kind: str) -> dict:
    data = items(urls, body, kind)
    return {"data": data, "pagination": _pagination(data), "links": {}}


def _pagination(data: list) -> dict:
    return {"totalElements": len(data), "currentPage": 1, "totalPages": 1}

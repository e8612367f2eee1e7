"""The organizations the demo's people act for, and a few the seeds' projects speak of
(data/organizations.yaml), with their memberships; and all of the demo's organizations: those,
then invented ones up to the count, drawn with one seed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from random import Random
from typing import Any

from gemeinsam.organizations.enums import MembershipRole, MembershipStatus

from . import records
from .names import names
from .organizations import OrganizationSpec, organization_spec
from .people import Person
from .places import places


@dataclass(frozen=True)
class Featured:
    """An organization the demo's people act for; whatever it does not say is drawn."""

    name: str
    kind: str
    city: str
    district: str
    community: str = ""  # the adjective of a community in names.yaml; else people of many places
    languages: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    is_public: bool | None = None
    confirmed_days_ago: int | None = None


@dataclass(frozen=True)
class Membership:
    person: Person
    organization: str
    role: MembershipRole
    status: MembershipStatus
    message: str = ""


@dataclass(frozen=True)
class Organizations:
    count: int
    seed: int
    featured: tuple[Featured, ...]
    memberships: tuple[Membership, ...]


def organizations() -> Organizations:
    return records.load("organizations", _build)


def _build(where: records.Where, content: Any) -> Organizations:
    found = records.record(Organizations, content, where)
    adjectives = {c.adjective for c in names().communities}
    cities = {c.name: c for c in places().cities}
    for item in found.featured:
        at = where.at("featured").at(f"{item.name!r}")
        if item.city not in cities:
            raise at.error(f"the city {item.city!r} is not in places.yaml")
        if item.district not in {d.name for d in cities[item.city].districts}:
            raise at.error(f"{item.city} has no district {item.district!r} in places.yaml")
        if item.community and item.community not in adjectives:
            raise at.error(f"no community in names.yaml has the adjective {item.community!r}")
    featured = {f.name for f in found.featured}
    for n, m in enumerate(found.memberships, 1):
        if m.organization not in featured:
            at = where.at("memberships").at(f"#{n}")
            raise at.error(f"{m.organization!r} is not one of the featured organizations")
    return found


def organization_specs(today: datetime.date) -> list[OrganizationSpec]:
    """The demo's organizations: the featured ones, then invented ones up to the count."""
    data = organizations()
    rng = Random(data.seed)  # noqa: S311 - deterministic demo data, not security
    communities = {c.adjective: c for c in names().communities}
    specs = []
    for item in data.featured:
        spec = organization_spec(
            rng,
            today=today,
            name=item.name,
            kind=item.kind,
            city=places().city(item.city),
            district=item.district,
            community=communities.get(item.community, names().mixed),
            fields=item.fields,
            languages=item.languages,
        )
        if item.is_public is not None:
            spec.is_public = item.is_public
        if item.confirmed_days_ago is not None:
            spec.last_confirmed_on = today - datetime.timedelta(days=item.confirmed_days_ago)
        specs.append(spec)
    slugs = {s.slug for s in specs}
    while len(specs) < data.count:
        spec = organization_spec(rng, today=today)
        if spec.slug not in slugs:
            slugs.add(spec.slug)
            specs.append(spec)
    return specs

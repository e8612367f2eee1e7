"""Where a counselling request goes: the agency for its region, and the advisors for its topics
and language. Reads only; `services.public.submit_request()` and `services.intake.forward_request()`
store the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Count

from gemeinsam.agencies.models import Agency, StaffMembership
from gemeinsam.core.enums import FederalState
from gemeinsam.organizations.models import WorkingLanguage

from .enums import RequestStatus, RoutedBy
from .models import CoverageArea, Request

POSTCODE = re.compile(r"^\d{5}$")


def route(*, postcode: str = "", federal_state: str = "") -> tuple[Agency | None, str]:
    """The agency for a region: longest postcode prefix, then federal state, then nationwide.

    Agencies list their coverage as `CoverageArea`s; an agency without any falls back to its
    `federal_states_served`. Several agencies on the same level: the one with the fewest open
    requests, so the load spreads. Nothing matches: (None, UNROUTED), and every agency's queue
    shows the request.
    """
    active = Agency.objects.filter(is_active=True)
    if postcode and POSTCODE.match(postcode):
        prefixes = [postcode[:n] for n in range(5, 0, -1)]
        areas = list(
            CoverageArea.objects.filter(
                postcode_prefix__in=prefixes, agency__is_active=True
            ).select_related("agency")
        )
        if areas:
            longest = max(len(a.postcode_prefix) for a in areas)
            return _least_busy([a.agency for a in areas if len(a.postcode_prefix) == longest]), (
                RoutedBy.POSTCODE
            )
    if federal_state:
        by_area = [
            a.agency
            for a in CoverageArea.objects.filter(
                federal_state=federal_state, agency__is_active=True
            ).select_related("agency")
        ]
        without_areas = active.filter(coverage_areas__isnull=True)
        # Regional agencies first; agencies serving every Land are the nationwide fallback.
        by_served = [
            a
            for a in without_areas
            if federal_state in (a.federal_states_served or [])
            and len(a.federal_states_served) < len(FederalState)
        ]
        candidates = by_area + by_served
        if candidates:
            return _least_busy(candidates), RoutedBy.FEDERAL_STATE
    nationwide = [
        a
        for a in active.filter(coverage_areas__isnull=True)
        if len(a.federal_states_served or []) >= len(FederalState)
    ]
    if nationwide:
        return _least_busy(nationwide), RoutedBy.NATIONWIDE
    return None, RoutedBy.UNROUTED


def _least_busy(agencies: list[Agency]) -> Agency:
    unique = {a.pk: a for a in agencies}
    if len(unique) == 1:
        return next(iter(unique.values()))
    load = {
        row["agency"]: row["n"]
        for row in Request.objects.filter(agency__in=unique, status=RequestStatus.NEW)
        .values("agency")
        .annotate(n=Count("id"))
    }
    return min(unique.values(), key=lambda a: (load.get(a.pk, 0), a.name))


def _language_codes(text: str, labels: dict[str, str]) -> set[str]:
    """The language codes an advisor's free-text list names: "Deutsch, Arabisch" or "de, ar".

    `labels` maps every language's code and names (in all four UI languages), folded, to its
    code.
    """
    parts = {part.casefold() for part in re.split(r"[\s,;/]+", text or "") if part}
    return {labels[part] for part in parts if part in labels}


def _language_labels() -> dict[str, str]:
    labels = {}
    for language in WorkingLanguage.objects.all():
        labels[language.code.casefold()] = language.code
        for name in language.all_labels():
            labels[name.casefold()] = language.code
    return labels


def suggest_advisors(agency: Agency | None, topic_ids: Iterable[int], language_code: str = ""):
    """Advisors of the agency ranked by matching topics and language (best first, at most 3)."""
    if agency is None:
        return []
    topic_ids = set(topic_ids)
    memberships = (
        StaffMembership.objects.filter(agency=agency, is_active=True)
        .select_related("user", "advisor_profile")
        .prefetch_related("advisor_profile__topics")
    )
    labels = _language_labels() if language_code else {}
    scored = []
    for membership in memberships:
        profile = getattr(membership, "advisor_profile", None)
        if profile is not None and not profile.accepts_requests:
            continue
        topics = {t.pk for t in profile.topics.all()} if profile else set()
        score = 2 * len(topics & topic_ids)
        if language_code and language_code in _language_codes(membership.languages, labels):
            score += 3
        if score:
            scored.append((-score, membership.user.name, membership.user))
    return [user for _score, _name, user in sorted(scored, key=lambda s: s[:2])[:3]]

"""An organization's saved readiness results, followed over time: per check, newest first, what
changed since the result before, and which version of the rules produced each."""

from __future__ import annotations

import dataclasses
import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from gemeinsam.organizations.queries import organizations_visible_to

from .. import ruledoc
from ..models import ReadinessCheck, ReadinessResult
from ..queries.overview import STATUS_LABELS


@dataclasses.dataclass
class Change:
    title: str
    before: str | None
    after: str | None

    @property
    def before_label(self) -> str:
        return str(STATUS_LABELS[self.before]) if self.before else "—"

    @property
    def after_label(self) -> str:
        return str(STATUS_LABELS[self.after]) if self.after else "—"


@dataclasses.dataclass
class Entry:
    result: ReadinessResult
    counts: dict[str, int]
    changes: list[Change]
    older_rules: bool
    first: bool

    @property
    def as_of(self) -> datetime.date:
        return self.result.as_of

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.result.status, self.result.status))


def _titles(document: dict, language: str) -> dict[str, str]:
    titles = {}
    for requirement in document.get("requirements", []):
        texts = requirement.get("title") or {}
        titles[requirement["key"]] = texts.get(language) or texts.get("de") or requirement["key"]
    return titles


def changes_between(older: ReadinessResult, newer: ReadinessResult, language: str) -> list[Change]:
    """Requirements whose status differs, in the newer rules' order, then any the newer rules
    no longer have. Titles from the rule version that stored each result."""
    titles = {
        **_titles(older.rule_version.document, language),
        **_titles(newer.rule_version.document, language),
    }
    keys = list(newer.statuses) + [key for key in older.statuses if key not in newer.statuses]
    return [
        Change(titles.get(key, key), older.statuses.get(key), newer.statuses.get(key))
        for key in keys
        if older.statuses.get(key) != newer.statuses.get(key)
    ]


def history(results: list[ReadinessResult], current_version_id: int | None, language: str):
    """Entries newest first; `results` are one check's, newest first."""
    entries = []
    for position, result in enumerate(results):
        older = results[position + 1] if position + 1 < len(results) else None
        values = list(result.statuses.values())
        entries.append(
            Entry(
                result=result,
                counts={status: values.count(status) for status in STATUS_LABELS},
                changes=changes_between(older, result, language) if older else [],
                older_rules=current_version_id is not None
                and result.rule_version_id != current_version_id,
                first=older is None,
            )
        )
    return entries


@login_required
def result_history(request, organization: str):
    # Fetched through the person: an unlisted organization they cannot see is not there (404),
    # one they see but do not act for is forbidden (403).
    org = get_object_or_404(organizations_visible_to(request.user), slug=organization)
    if not request.user.has_perm("funding.view_results", org):
        raise PermissionDenied
    language = (get_language() or "de").split("-")[0]
    checks = list(
        ReadinessCheck.objects.prefetch_related("rule_versions").order_by("position", "code")
    )
    results = (
        ReadinessResult.objects.filter(
            organization=org, rule_version__readiness_check__isnull=False
        )
        .select_related("rule_version")
        .order_by("-created_at", "-id")
    )
    by_check: dict[int, list[ReadinessResult]] = {}
    for result in results:
        by_check.setdefault(result.rule_version.readiness_check_id, []).append(result)
    sections = []
    for check in checks:
        current = check.current_rules
        rerun = reverse("funding:check-detail", kwargs={"code": check.code})
        sections.append(
            {
                "check": check,
                "version": current,
                "entries": history(
                    by_check.get(check.pk, []), current.pk if current else None, language
                ),
                "rerun_url": f"{rerun}?{urlencode({'organization': org.slug})}",
            }
        )
    return render(
        request,
        "funding/result_history.html",
        {"organization": org, "sections": sections, "met": ruledoc.MET},
    )

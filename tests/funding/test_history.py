"""An organization's saved readiness results over time: newest first, what changed since the
result before, which rule version produced each, and who may see them."""

from __future__ import annotations

import copy
import datetime
import re

import pytest
from django.utils import timezone

from gemeinsam.funding import services
from gemeinsam.funding.models import ReadinessCheck, ReadinessResult

ORGANIZATION_FREE = {"legal_form": "registered_association"}


def _url(org, language="en"):
    return f"/{language}/funding/results/{org.slug}/"


def _save(org, answers, *, days_ago=0, check="association"):
    version = ReadinessCheck.objects.get(code=check).current_rules
    today = timezone.localdate()
    result = services.save_result(org, version, answers, as_of=today)
    ReadinessResult.objects.filter(pk=result.pk).update(
        as_of=today - datetime.timedelta(days=days_ago)
    )
    return result


@pytest.fixture
def progress(world):
    """Three results for org A's association check: five members, then eight, then a notice."""
    notice = (timezone.localdate() - datetime.timedelta(days=60)).isoformat()
    first = _save(world.org_a, {**ORGANIZATION_FREE, "members": "5"}, days_ago=60)
    second = _save(world.org_a, {**ORGANIZATION_FREE, "members": "8"}, days_ago=30)
    third = _save(
        world.org_a, {**ORGANIZATION_FREE, "members": "8", "charitable_notice_on": notice}
    )
    world.results = [third, second, first]
    return world


def _section(response, code):
    return next(s for s in response.context["sections"] if s["check"].code == code)


def test_results_newest_first_with_counts_and_changes(progress, client_for):
    response = client_for(progress.member_a).get(_url(progress.org_a))
    assert response.status_code == 200
    entries = _section(response, "association")["entries"]
    assert [e.result.pk for e in entries] == [r.pk for r in progress.results]
    newest, middle, oldest = entries
    assert newest.result.status == "met"
    assert newest.counts == {"met": 3, "not_met": 0, "unknown": 0}
    assert middle.counts == {"met": 2, "not_met": 0, "unknown": 1}
    assert oldest.counts == {"met": 1, "not_met": 1, "unknown": 1}
    assert [(c.title, c.before, c.after) for c in middle.changes] == [
        ("At least seven members", "not_met", "met")
    ]
    assert [(c.title, c.before, c.after) for c in newest.changes] == [
        ("Charitable status is currently proven", "unknown", "met")
    ]
    assert oldest.first and oldest.changes == []
    html = response.content.decode()
    assert "At least seven members: missing → met" in html
    assert "first saved result" in html
    assert re.search(r"<caption id=\"[^\"]+\">Saved results: ", html)
    assert html.index(newest.as_of.isoformat()) < html.index(oldest.as_of.isoformat())


def test_the_same_result_again_shows_no_change(world, client_for):
    _save(world.org_a, {"members": "9"}, days_ago=1)
    _save(world.org_a, {"members": "9"})
    response = client_for(world.member_a).get(_url(world.org_a))
    newest = _section(response, "association")["entries"][0]
    assert newest.changes == []
    assert not newest.first
    assert "no change" in response.content.decode()


def test_a_result_from_older_rules_is_marked(progress, client_for):
    check = ReadinessCheck.objects.get(code="association")
    document = copy.deepcopy(check.current_rules.document)
    document["requirements"][0]["test"]["value"] = 10
    document["requirements"][0]["title"]["en"] = "At least ten members"
    services.store_rules(check, document)
    newer = _save(progress.org_a, {**ORGANIZATION_FREE, "members": "8"})
    response = client_for(progress.advisor_x).get(_url(progress.org_a))
    entries = _section(response, "association")["entries"]
    assert entries[0].result.pk == newer.pk
    assert not entries[0].older_rules
    assert all(e.older_rules for e in entries[1:])
    # Titles come from each result's own rules; the newer version's wins where both have one.
    assert ("At least ten members", "met", "not_met") in [
        (c.title, c.before, c.after) for c in entries[0].changes
    ]
    html = response.content.decode()
    assert "older rules" in html
    assert "version 2" in html


def test_titles_in_the_page_language(progress, client_for):
    response = client_for(progress.member_a).get(_url(progress.org_a, "de"))
    assert response.status_code == 200
    middle = _section(response, "association")["entries"][1]
    [change] = middle.changes
    assert change.title == "Mindestens sieben Mitglieder"
    response = client_for(progress.member_a).get(_url(progress.org_a, "ar"))
    assert "سبعة أعضاء على الأقل" in response.content.decode()


def test_each_check_links_to_run_it_again_for_the_organization(world, client_for):
    response = client_for(world.member_a).get(_url(world.org_a))
    for section in response.context["sections"]:
        assert section["entries"] == []
        url = f"/en/funding/checks/{section['check'].code}/?organization={world.org_a.slug}"
        assert section["rerun_url"] == url
    assert "No result saved yet." in response.content.decode()


def test_other_organizations_results_are_not_shown(progress, client_for):
    _save(progress.org_b, {"members": "3"})
    response = client_for(progress.member_b).get(_url(progress.org_b))
    entries = _section(response, "association")["entries"]
    assert len(entries) == 1
    assert entries[0].result.organization == progress.org_b


@pytest.mark.parametrize(
    ("who", "answer"),
    [
        ("member_a", 200),
        ("member_b", 404),
        ("advisor_x", 200),
        ("advisor_y", 200),
        ("manager_x", 200),
        ("admin", 200),
    ],
)
def test_who_may_see_the_history(progress, client_for, who, answer):
    response = client_for(getattr(progress, who)).get(_url(progress.org_a))
    assert response.status_code == answer
    html = response.content.decode()
    if answer == 200:
        assert "Readiness over time" in html
    else:
        # A refusal shows none of the organization's results.
        assert "Readiness over time" not in html and progress.org_a.name not in html


def test_anonymous_is_sent_to_log_in_and_unknown_slugs_are_not_there(world, client_for):
    response = client_for(None).get(_url(world.org_a))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    response = client_for(world.admin).get("/en/funding/results/no-such-organization/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Readiness over time" not in response.content.decode()

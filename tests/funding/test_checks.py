"""Readiness checks as pages: anyone answers, the profile answers first, results are kept."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeinsam.funding.models import ReadinessCheck, ReadinessResult
from gemeinsam.organizations.models import Recognition, RecognitionType

pytestmark = pytest.mark.django_db


def _url(code="association", **query):
    url = reverse("funding:check-detail", kwargs={"code": code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_list_leads_to_every_check(client):
    html = client.get("/en/funding/checks/").content.decode()
    for check in ReadinessCheck.objects.all():
        assert reverse("funding:check-detail", kwargs={"code": check.code}) in html
    assert "Association and charitable status" in html


def test_a_visitor_asks_only_what_the_rules_need(client):
    response = client.get(_url())
    assert list(response.context["form"].fields) == [
        "members",
        "legal_form",
        "charitable_notice_on",
        "charitable_finding_on",
    ]
    assert response.context["result"] is None


def test_answers_give_each_requirement_with_what_to_do_next(client):
    response = client.get(
        _url(checked=1, members=6, legal_form="registered_association", charitable_notice_on="")
    )
    rows = {row["key"]: row for row in response.context["rows"]}
    assert {key: row["status"] for key, row in rows.items()} == {
        "VR-01": "not_met",
        "VR-02": "met",
        "GN-02": "unknown",
    }
    html = response.content.decode()
    assert "Find more members before you apply for registration." in html
    assert "§ 56 BGB" in html
    assert "not everything is known yet" not in html  # one requirement is missing outright
    assert "something is missing" in html
    assert response.context["counselling_url"].endswith("?topic=association_founding")


def test_the_same_check_in_arabic(client):
    html = client.get(
        "/ar/funding/checks/association/?checked=1&members=9&legal_form=registered_association"
    ).content.decode()
    assert "سبعة أعضاء على الأقل" in html
    assert 'dir="rtl"' in html


def test_impossible_answers_get_a_clear_error_and_no_result(client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.get(_url("youth_welfare", checked=1, youth_work_since=tomorrow.isoformat()))
    assert response.context["result"] is None
    assert response.context["form"].errors == {
        "youth_work_since": ["This date cannot lie in the future."]
    }
    response = client.get(_url(checked=1, members=-2))
    assert response.context["result"] is None
    assert "members" in response.context["form"].errors


def test_a_member_starts_from_the_profile_and_keeps_the_result(world, client_for):
    world.org_a.members_count = 11
    world.org_a.youth_welfare_since = datetime.date(2019, 5, 1)
    world.org_a.save()
    Recognition.objects.create(
        organization=world.org_a,
        type=RecognitionType.objects.get(code="charitable"),
        granted_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    client = client_for(world.member_a)
    response = client.get(_url("youth_welfare", organization=world.org_a.slug))
    form = response.context["form"]
    assert form["legal_form"].value() == "registered_association"
    assert form["youth_work_since"].value() == datetime.date(2019, 5, 1)

    saved = client.post(
        reverse("funding:check-save", kwargs={"code": "youth_welfare"}),
        {
            "organization": world.org_a.slug,
            "legal_form": "registered_association",
            "youth_work_since": "2019-05-01",
            "charitable_notice_on": form["charitable_notice_on"].value().isoformat(),
        },
    )
    result = ReadinessResult.objects.get()
    assert (result.organization, result.status, result.created_by) == (
        world.org_a,
        "met",
        world.member_a,
    )
    assert result.rule_version == ReadinessCheck.objects.get(code="youth_welfare").current_rules
    assert saved["Location"].startswith(_url("youth_welfare"))


def test_another_organizations_member_cannot_keep_a_result_for_it(world, client_for):
    response = client_for(world.member_a).post(
        reverse("funding:check-save", kwargs={"code": "association"}),
        {"organization": world.org_b.slug, "members": "8"},
    )
    assert (response.status_code, ReadinessResult.objects.count()) == (403, 0)


def test_an_unlisted_organization_is_not_there_for_an_outsider(world, client_for):
    # org A is unlisted: member B gets the answer an unknown organization gets.
    unlisted = client_for(world.member_b).post(
        reverse("funding:check-save", kwargs={"code": "association"}),
        {"organization": world.org_a.slug, "members": "8"},
    )
    unknown = client_for(world.member_b).post(
        reverse("funding:check-save", kwargs={"code": "association"}),
        {"organization": "no-such-organization", "members": "8"},
    )
    assert (unlisted.status_code, unknown.status_code) == (404, 404)
    # The same page, but for the form tokens, which are masked anew on every page.
    assert _without_tokens(unlisted) == _without_tokens(unknown)
    assert ReadinessResult.objects.count() == 0


def test_impossible_answers_are_not_kept(world, client_for):
    response = client_for(world.member_a).post(
        reverse("funding:check-save", kwargs={"code": "association"}),
        {"organization": world.org_a.slug, "members": "-4"},
    )
    assert ReadinessResult.objects.count() == 0
    assert response["Location"] == _url()


def test_the_counselling_form_takes_the_topic_from_the_check(client):
    response = client.get(reverse("counselling:request-create") + "?topic=youth_welfare")
    from gemeinsam.counselling.models import Topic

    chosen = [getattr(t, "pk", t) for t in response.context["form"]["topics"].value()]
    assert chosen == [Topic.objects.get(code="youth_welfare").pk]
    boxes = re.findall(r'<input type="checkbox" name="topics"[^>]*>', response.content.decode())
    ticked = [box for box in boxes if "checked" in box]
    assert len(ticked) == 1 and f'value="{chosen[0]}"' in ticked[0]


def test_a_result_downloads_as_a_pdf_in_the_pages_language(client):
    query = "checked=1&members=9&legal_form=registered_association"
    response = client.get(f"/ar/funding/checks/association/result.pdf?{query}")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="association.pdf"'
    body = response.content
    assert body.startswith(b"%PDF-")
    assert b"/Lang (ar)" in body or b"/Lang(ar)" in body
    page = client.get(f"/en/funding/checks/association/?{query}").content.decode()
    assert f"/en/funding/checks/association/result.pdf?{query}".replace("&", "&amp;") in page


def test_without_complete_answers_there_is_no_pdf(client):
    response = client.get("/en/funding/checks/association/result.pdf?checked=1&members=-1")
    assert response["Location"] == "/en/funding/checks/association/"
    assert "Please check your answers." in [
        str(m) for m in client.get(response["Location"]).context["messages"]
    ]


def _without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())

"""The demo's funding stages: a young initiative, an association without charitable status, one
ready for § 75 recognition and one with AZAV approval — each as the built-in checks read it from
the profile — and results over time for the member's organization."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.html import escape

from gemeinsam.core.models import ContentTranslation
from gemeinsam.demo import funding as demo_funding
from gemeinsam.demo import people
from gemeinsam.demo.loader import load_demo_data
from gemeinsam.funding import ruledoc
from gemeinsam.funding.documents import CHECKS, builtin_check
from gemeinsam.funding.models import ReadinessResult, WatchedProgramme
from gemeinsam.funding.profile import profile_facts
from gemeinsam.organizations.models import (
    FundingSource,
    Organization,
    OrganizationMembership,
    Recognition,
)

pytestmark = pytest.mark.django_db

CAST = people.cast()
FUNDING = demo_funding.funding_data()
INITIATIVE = FUNDING.stage("initiative").organization
YOUNG_ASSOCIATION = FUNDING.stage("young_association").organization
READY_FOR_75 = FUNDING.stage("ready_for_75").organization
AZAV_PROVIDER = FUNDING.stage("azav_provider").organization


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once, with documents in a scratch folder; the rows are rolled back when the
    module is done."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    private = tmp_path_factory.mktemp("private")
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast, GEMEINSAM_PRIVATE_MEDIA_ROOT=private),
        transaction.atomic(),
    ):
        summary = load_demo_data()
        yield summary
        transaction.set_rollback(True)


def _evaluate(check: str, name: str, today: datetime.date | None = None) -> ruledoc.Result:
    today = today or timezone.localdate()
    org = Organization.objects.get(name=name)
    return ruledoc.evaluate(builtin_check(check), profile_facts(org, as_of=today), as_of=today)


def _statuses(result: ruledoc.Result) -> dict[str, str]:
    return {r.key: r.status for r in result.requirements}


def test_the_young_initiative_is_not_yet_an_association(demo):
    result = _evaluate("association", INITIATIVE)
    assert result.status == "not_met"
    assert _statuses(result) == {"VR-01": "not_met", "VR-02": "not_met", "GN-02": "unknown"}
    org = Organization.objects.get(name=INITIATIVE)
    assert (org.legal_form.code, org.members_count, org.city) == ("initiative", 5, "Berlin")
    assert not org.recognitions.exists()


def test_the_registered_association_lacks_only_its_tax_notice(demo):
    result = _evaluate("association", YOUNG_ASSOCIATION)
    statuses = _statuses(result)
    assert statuses["VR-01"] == statuses["VR-02"] == "met"
    # No notice in the profile: unknown, never "not met" — the check asks for the date.
    assert statuses["GN-02"] == "unknown"
    assert result.status == "unknown"
    org = Organization.objects.get(name=YOUNG_ASSOCIATION)
    assert (org.members_count, org.federal_state, org.register_court) == (
        11,
        "HH",
        "Amtsgericht Hamburg",
    )
    assert not org.recognitions.exists()


def test_the_member_organization_is_ready_for_recognition_under_75(demo):
    youth = _evaluate("youth_welfare", READY_FOR_75)
    assert youth.status == "met"
    assert set(_statuses(youth).values()) == {"met"}
    assert _evaluate("association", READY_FOR_75).status == "met"
    org = Organization.objects.get(name=READY_FOR_75)
    assert not org.recognitions.filter(type__code="youth_welfare_75").exists()
    assert profile_facts(org, as_of=timezone.localdate()).get("recognised_75") is None
    membership = OrganizationMembership.objects.get(user__email=CAST.member.email)
    assert membership.organization == org


def test_the_education_association_holds_a_valid_azav_approval(demo):
    today = timezone.localdate()
    org = Organization.objects.get(name=AZAV_PROVIDER)
    facts = profile_facts(org, as_of=today)
    assert facts["azav_valid_until"] == datetime.date(today.year + 1, 9, 30)
    assert facts["welfare_association_member"] is True
    assert facts["federal_state"] == "NW"
    assert facts["azav_valid_until"] > today
    if "labour_market" in CHECKS:  # the requirements that read the approval are met
        document = builtin_check("labour_market")
        result = ruledoc.evaluate(document, facts, as_of=today)
        azav = [
            r
            for r in result.requirements
            if "azav_valid_until" in json.dumps(r.requirement["test"])
        ]
        assert azav
        assert {r.status for r in azav} == {"met"}


def test_the_member_organization_can_follow_its_progress(demo):
    today = timezone.localdate()
    org = Organization.objects.get(name=READY_FOR_75)
    results = list(ReadinessResult.objects.filter(organization=org).order_by("created_at", "id"))
    by_check: dict[str, list] = {}
    for r in results:
        by_check.setdefault(r.rule_version.readiness_check.code, []).append(r)
    assert set(by_check) == {"association", "youth_welfare"}
    earlier = today - datetime.timedelta(days=FUNDING.progress.earlier_days_ago)
    for code, key in (("association", "GN-02"), ("youth_welfare", "JH-02")):
        before, now = by_check[code]
        assert (before.as_of, before.status, before.statuses[key]) == (
            earlier,
            "not_met",
            "not_met",
        )
        assert (now.as_of, now.status) == (today, "met")
        assert before.created_at < now.created_at
        assert before.created_by.email == now.created_by.email == CAST.member.email
        assert before.facts["charitable_notice_on"] == FUNDING.progress.old_notice.isoformat()
    assert demo.readiness_results == len(results) == 4


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organization,
            Recognition,
            FundingSource,
            ContentTranslation,
            ReadinessResult,
            WatchedProgramme,
        )
    }


def test_loading_again_adds_nothing_today_or_a_week_later(demo):
    before = _counts()
    today = timezone.localdate()
    with transaction.atomic():
        load_demo_data()
        demo_funding.load(today + datetime.timedelta(days=7))
        assert _counts() == before
        # The whole demo again still leaves each organization at its stage.
        assert _evaluate("youth_welfare", READY_FOR_75).status == "met"
        assert _evaluate("association", INITIATIVE).status == "not_met"
        assert _evaluate("association", YOUNG_ASSOCIATION).status == "unknown"
        transaction.set_rollback(True)


def test_the_member_sees_what_fits_her_organization(demo):
    org = Organization.objects.get(name=READY_FOR_75)
    client = Client()
    client.force_login(get_user_model().objects.get(email=CAST.member.email))
    page = client.get(f"/en/funding/programmes/?organization={org.slug}").content.decode()
    assert f"What fits <bdi>{escape(org.name)}</bdi>" in page
    check = client.get(f"/en/funding/checks/youth_welfare/?organization={org.slug}")
    assert check.context["organization"] == org
    since = FUNDING.stage("ready_for_75").values["youth_welfare_since"]
    assert check.context["form"].initial["youth_work_since"] == since


def test_the_member_watches_programmes_with_their_deadlines(demo):
    member = get_user_model().objects.get(email=CAST.member.email)
    org = Organization.objects.get(name=READY_FOR_75)
    client = Client()
    client.force_login(member)
    page = client.get("/en/funding/watch-list/")
    watched = {w.programme.code: w.organization for w in member.watched_programmes.all()}
    assert watched == dict.fromkeys(FUNDING.watched, org)
    html = page.content.decode()
    for code in FUNDING.watched:
        assert f"/en/funding/programmes/{code}/" in html
    assert demo.readiness_results >= 4

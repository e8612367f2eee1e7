"""Permission-matrix cases for guides (see tests/matrix/__init__.py).

Published guides are for everyone; a draft is seen only by its agency's staff (and platform
admins), so everyone else gets 404. Staff of the guide's agency write it (others who see it get
403); its managers publish it. Asking for counselling from a step is for members of the
organization named, everyone else gets 404 for that organization.
"""

from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.models import Guide, Portrait, Recommendation
from tests.knowledge.guides import make_guide, make_portrait, make_recommendation
from tests.matrix import LOGIN, Case, everyone, logged_in, staff_only


def _guide(w, status=GuideStatus.PUBLISHED) -> Guide:
    title = f"Leitfaden {status}"
    return Guide.objects.filter(title=title).first() or make_guide(
        w.agency_x, by=w.advisor_x, title=title, status=status
    )


def _slug(status=GuideStatus.PUBLISHED):
    return lambda w: {"slug": _guide(w, status).slug}


def _step(w):
    guide = _guide(w)
    return {"slug": guide.slug, "step": guide.steps.get(requirement_key="JH-02").pk}


def _portrait(status=GuideStatus.PUBLISHED):
    def kwargs(w):
        found = Portrait.objects.filter(status=status).first()
        if found is None:
            consent = w.member_b if status == GuideStatus.PUBLISHED else None
            found = make_portrait(
                w.agency_x, w.org_b, by=w.manager_x, consent_by=consent, status=status
            )
        return {"pk": found.pk}

    return kwargs


def _guide_form(w):
    return {
        "title": "Neuer Leitfaden",
        "summary": "",
        "as_of": "2026-03-01",
        "review_on": "",
        "change_note": "",
        "counselling_topic": "",
        "owner": "",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }


staff_of_x = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 200,
    "advisor_y": 403,
    "manager_x": 200,
    "admin": 200,
}
draft_for_staff_of_x = {**staff_of_x, "member_a": 404, "member_b": 404, "advisor_y": 404}
published_by_manager = {
    "anonymous": LOGIN,
    "member_a": 403,
    "member_b": 403,
    "advisor_x": 403,
    "advisor_y": 403,
    "manager_x": 302,
    "admin": 302,
}

CASES: list[Case] = [
    Case("knowledge:guide-list", everyone(200)),
    Case("knowledge:manage-list", staff_only()),
    Case("knowledge:guide-create", staff_of_x, kwargs=lambda w: {"agency": "agency-x"}),
    Case(
        "knowledge:guide-create",
        {k: 302 if v == 200 else v for k, v in staff_of_x.items()},
        kwargs=lambda w: {"agency": "agency-x"},
        method="post",
        data=_guide_form,
        label="saved",
    ),
    Case(
        "knowledge:guide-create",
        logged_in(404),
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case("knowledge:guide-detail", everyone(200), kwargs=_slug()),
    Case(
        "knowledge:guide-detail",
        {**draft_for_staff_of_x, "anonymous": 404},
        kwargs=_slug(GuideStatus.DRAFT),
        label="draft",
    ),
    Case(
        "knowledge:guide-detail",
        everyone(404),
        kwargs=lambda w: {"slug": "no-such-guide"},
        label="unknown",
    ),
    Case("knowledge:guide-pdf", everyone(200), kwargs=_slug()),
    Case(
        "knowledge:guide-pdf",
        {**draft_for_staff_of_x, "anonymous": 404},
        kwargs=_slug(GuideStatus.DRAFT),
        label="draft",
    ),
    Case("knowledge:guide-update", staff_of_x, kwargs=_slug()),
    Case(
        "knowledge:guide-update",
        draft_for_staff_of_x,
        kwargs=_slug(GuideStatus.DRAFT),
        label="draft",
    ),
    Case(
        "knowledge:guide-publish",
        {**published_by_manager, "member_a": 404, "member_b": 404, "advisor_y": 404},
        kwargs=_slug(GuideStatus.DRAFT),
        method="post",
        data=lambda w: {"status": "published"},
    ),
    Case(
        "knowledge:guide-publish",
        published_by_manager,
        kwargs=_slug(),
        method="post",
        data=lambda w: {"status": "draft"},
        label="back to draft",
    ),
    Case(
        "knowledge:step-ask",
        {**logged_in(404), "member_a": 302},
        kwargs=_step,
        method="post",
        data=lambda w: {"organization": w.org_a.slug},
    ),
    Case(
        "knowledge:step-ask",
        {**logged_in(404), "member_b": 302},
        kwargs=_step,
        method="post",
        data=lambda w: {"organization": w.org_b.slug},
        label="public organization",
    ),
]

# Portraits: of agency X, about org B (public; member B is its admin and gave the consent).
CASES += [
    Case("knowledge:portrait-detail", everyone(200), kwargs=_portrait()),
    Case(
        "knowledge:portrait-detail",
        {**draft_for_staff_of_x, "anonymous": 404, "member_b": 200},
        kwargs=_portrait(GuideStatus.DRAFT),
        label="draft",
    ),
    Case("knowledge:portrait-create", staff_of_x, kwargs=lambda w: {"agency": "agency-x"}),
    Case("knowledge:portrait-update", staff_of_x, kwargs=_portrait()),
    Case(
        "knowledge:portrait-publish",
        {**published_by_manager, "member_a": 404, "advisor_y": 404},
        kwargs=_portrait(GuideStatus.DRAFT),
        method="post",
        data=lambda w: {"status": "published"},
    ),
    Case(
        "knowledge:portrait-withdraw",
        {
            "anonymous": LOGIN,
            "member_a": 403,
            "member_b": 302,
            "advisor_x": 302,
            "advisor_y": 403,
            "manager_x": 302,
            "admin": 302,
        },
        kwargs=_portrait(),
        method="post",
    ),
]


def _recommendation(status=GuideStatus.PUBLISHED):
    def kwargs(w):
        found = Recommendation.objects.filter(status=status).first()
        if found is None:
            found = make_recommendation(w.agency_x, by=w.advisor_x, status=status)
        return {"pk": found.pk}

    return kwargs


CASES += [
    Case("knowledge:recommendation-list", everyone(200)),
    Case(
        "knowledge:recommendation-list",
        everyone(200),
        query="?addressee=politics",
        label="by addressee",
    ),
    Case("knowledge:recommendation-detail", everyone(200), kwargs=_recommendation()),
    Case(
        "knowledge:recommendation-detail",
        {**draft_for_staff_of_x, "anonymous": 404},
        kwargs=_recommendation(GuideStatus.DRAFT),
        label="draft",
    ),
    Case("knowledge:recommendation-create", staff_of_x, kwargs=lambda w: {"agency": "agency-x"}),
    Case("knowledge:recommendation-update", staff_of_x, kwargs=_recommendation()),
    Case(
        "knowledge:recommendation-publish",
        {**published_by_manager, "member_a": 404, "member_b": 404, "advisor_y": 404},
        kwargs=_recommendation(GuideStatus.DRAFT),
        method="post",
        data=lambda w: {"status": "published"},
    ),
    Case(
        "knowledge:update-add",
        {k: 302 if v == 200 else v for k, v in staff_of_x.items()},
        kwargs=_recommendation(),
        method="post",
        data=lambda w: {"on": "2026-05-04", "text": "Im Jugendhilfeausschuss eingebracht."},
    ),
]

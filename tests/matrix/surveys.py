"""Permission-matrix cases for surveys (see tests/matrix/__init__.py).

An agency's questionnaires are its staff's: the list and the import answer 403 to everyone
else who is logged in (agencies are public, so nothing is given away); a questionnaire answers
404 outside its agency. Launching is for the agency's managers (an advisor gets 403).
"""

from gemeinsam.core import content
from gemeinsam.surveys import services
from gemeinsam.surveys.inputs import FormSpec, RowSpec
from gemeinsam.surveys.models import Invitation, Questionnaire
from tests.matrix import LOGIN, Case, everyone, logged_in, staff_only


def questionnaire_of_x(w) -> dict:
    if not Questionnaire.objects.filter(agency=w.agency_x, slug="bestand").exists():
        spec = FormSpec(
            form_id="bestand",
            titles={"de": "Bestandsaufnahme"},
            audience="mo",
            rows=(RowSpec("integer", "founded", labels={"de": "Gründungsjahr"}),),
            choices={},
        )
        services.import_form(w.agency_x, spec)
    return {"agency": w.agency_x.slug, "slug": "bestand"}


def open_invitation(w) -> dict:
    """A launched questionnaire of agency X (every text translated) and one unused link."""
    if not Invitation.objects.filter(token="matrix-link").exists():
        spec = FormSpec(
            form_id="offen",
            titles={"de": "Offen", "en": "Open", "ar": "مفتوح", "tr": "Açık"},
            audience="mo",
            rows=(
                RowSpec(
                    "integer",
                    "members",
                    labels={"de": "Mitglieder", "en": "Members", "ar": "الأعضاء", "tr": "Üyeler"},
                ),
            ),
            choices={},
        )
        version = services.import_form(w.agency_x, spec)
        questionnaire = version.questionnaire
        content.set_texts(questionnaire, "en", {"title": "Open"})
        services.launch(version, by=w.manager_x)
        Invitation.objects.create(questionnaire=questionnaire, token="matrix-link", language="de")
    return {"token": "matrix-link"}


agency_x_staff = {**staff_only(), "advisor_y": 403}
questionnaire_x = {
    "anonymous": LOGIN,
    "member_a": 404,
    "member_b": 404,
    "advisor_x": 200,
    "advisor_y": 404,
    "manager_x": 200,
    "admin": 200,
}

CASES: list[Case] = [
    Case("surveys:questionnaire-list", agency_x_staff, kwargs=lambda w: {"agency": "agency-x"}),
    Case(
        "surveys:questionnaire-list",
        logged_in(404),
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case("surveys:questionnaire-import", agency_x_staff, kwargs=lambda w: {"agency": "agency-x"}),
    Case(
        "surveys:questionnaire-import",
        agency_x_staff,
        kwargs=lambda w: {"agency": "agency-x"},
        method="post",
        label="without a file",
    ),
    Case("surveys:questionnaire-detail", questionnaire_x, kwargs=questionnaire_of_x),
    Case(
        "surveys:questionnaire-detail",
        logged_in(404),
        kwargs=lambda w: {"agency": "agency-x", "slug": "no-such-form"},
        label="unknown questionnaire",
    ),
    Case("surveys:questionnaire-export", questionnaire_x, kwargs=questionnaire_of_x),
    Case(
        "surveys:questionnaire-launch",
        {**questionnaire_x, "advisor_x": 403, "manager_x": 302, "admin": 302},
        kwargs=questionnaire_of_x,
        method="post",
    ),
]

CASES += [
    Case("surveys:questionnaire-invitations", questionnaire_x, kwargs=questionnaire_of_x),
    Case(
        "surveys:questionnaire-invitations",
        questionnaire_x,
        kwargs=questionnaire_of_x,
        method="post",
        label="without data",
    ),
    # Whoever holds the link answers; sending nothing to a question not required is an answer.
    Case("surveys:answer", everyone(200), kwargs=open_invitation),
    Case("surveys:answer", everyone(302), kwargs=open_invitation, method="post", label="sent"),
    Case(
        "surveys:answer",
        everyone(404),
        kwargs=lambda w: {"token": "no-such-link"},
        label="unknown link",
    ),
]

CASES += [
    Case("surveys:results", agency_x_staff, kwargs=lambda w: {"agency": "agency-x"}),
    Case(
        "surveys:results",
        logged_in(404),
        kwargs=lambda w: {"agency": "no-such-agency"},
        label="unknown agency",
    ),
    Case("surveys:results-export", agency_x_staff, kwargs=lambda w: {"agency": "agency-x"}),
    Case(
        "surveys:results-export",
        agency_x_staff,
        kwargs=lambda w: {"agency": "agency-x"},
        query="?format=xlsx",
        label="excel",
    ),
]

CASES += [
    Case("surveys:responses-export", questionnaire_x, kwargs=questionnaire_of_x),
    Case(
        "surveys:responses-export",
        questionnaire_x,
        kwargs=questionnaire_of_x,
        query="?format=xlsx",
        label="excel",
    ),
]

CASES += [
    Case(
        "surveys:questionnaire-remind",
        {**questionnaire_x, "advisor_x": 302, "manager_x": 302, "admin": 302},
        kwargs=questionnaire_of_x,
        method="post",
    ),
]


def public_link(w) -> dict:
    open_invitation(w)
    questionnaire = Questionnaire.objects.get(slug="offen")
    if questionnaire.public_token != "matrix-public":
        questionnaire.public_token = "matrix-public"
        questionnaire.save()
    return {"token": "matrix-public"}


CASES += [
    Case(
        "surveys:questionnaire-public-link",
        {**questionnaire_x, "advisor_x": 403, "manager_x": 302, "admin": 302},
        kwargs=questionnaire_of_x,
        method="post",
        data=lambda w: {"on": "1"},
    ),
    Case("surveys:public-answer", everyone(200), kwargs=public_link),
    Case("surveys:public-answer", everyone(200), kwargs=public_link, method="post", label="sent"),
    Case(
        "surveys:public-answer",
        everyone(404),
        kwargs=lambda w: {"token": "no-such-link"},
        label="unknown link",
    ),
]

"""Surveys in the browser: a respondent answers an anonymous questionnaire in Arabic on a phone.

The page is right to left because the link's language is Arabic; a constraint sends the
person back to the question with its message, then the answers go in and the link is used up.
"""

import pytest

from gemeinsam.surveys import services
from gemeinsam.surveys.inputs import ChoiceSpec, FormSpec, RowSpec
from gemeinsam.surveys.models import Response
from tests import factories

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ("de", "en", "ar", "tr")


def _texts(de, en, ar, tr):
    return dict(zip(LANGUAGES, (de, en, ar, tr), strict=True))


@pytest.fixture
def link():
    agency = factories.make_agency("Der Paritätische NRW", slug="paritaetischer-nrw")
    fields = (
        ChoiceSpec("youth", _texts("Jugendhilfe", "Youth welfare", "رعاية الشباب", "Gençlik")),
        ChoiceSpec("culture", _texts("Kultur", "Culture", "الثقافة", "Kültür")),
    )
    spec = FormSpec(
        form_id="gemeinsam-aktiv",
        titles=_texts("Gemeinsam aktiv", "Active together", "معًا بنشاط", "Birlikte aktif"),
        audience="mo",
        rows=(
            RowSpec(
                "integer",
                "founded",
                labels=_texts("Gründungsjahr", "Year founded", "سنة التأسيس", "Kuruluş yılı"),
                required=True,
                constraint=". >= 1900",
            ),
            RowSpec(
                "select_multiple",
                "fields",
                labels=_texts("Arbeitsfelder", "Fields", "مجالات العمل", "Alanlar"),
                list_name="fields",
            ),
        ),
        choices={"fields": fields},
    )
    version = services.launch(services.import_form(agency, spec), by=None)
    [invitation] = services.create_invitations(
        version.questionnaire, emails=[], count=1, language="ar", by=None
    )
    return f"/ar/surveys/a/{invitation.token}/"


def test_a_respondent_answers_in_arabic_right_to_left(page, audit, link):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    audit()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "معًا بنشاط"
    page.get_by_label("سنة التأسيس").fill("1850")
    page.get_by_label("رعاية الشباب").check()
    page.get_by_role("button").filter(has_text="إرسال").click()
    page.wait_for_load_state()
    audit()
    assert page.locator(".field-error").count() == 1
    assert not Response.objects.exists()
    page.get_by_label("سنة التأسيس").fill("1998")
    page.get_by_role("button").filter(has_text="إرسال").click()
    page.wait_for_url(f"**{link}")
    audit()
    assert "شكرًا لك" in page.locator("main").inner_text()
    stored = Response.objects.get()
    assert dict(stored.answers.values_list("question__item__code", "value")) == {
        "founded": "1998",
        "fields": "youth",
    }

"""Events in the reader's language (issue 19): the page, the registration form and what it
stores, the personal page, the mails, the API and the staff's minor edits and copies."""

from __future__ import annotations

import datetime
import html
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from gemeinsam.core import content
from gemeinsam.events import certificates, services
from gemeinsam.events.models import Answer, Event, Question, Registration
from tests import factories
from tests.events.test_certificates import _lines

DESCRIPTION = (
    "Jobcenter und Agentur für Arbeit kommen zum Verein.\n\n"
    "Es wird ins Arabische gedolmetscht.\n\n"
    "Kinderbetreuung gibt es im Nebenraum."
)
DESCRIPTION_AR = [
    "يأتي مركز التوظيف ووكالة العمل إلى الجمعية.",
    "تتوفر ترجمة فورية إلى العربية.",
    "تتوفر رعاية للأطفال في الغرفة المجاورة.",
]
CONSENT = "Ich bin einverstanden, dass VIA meine Angaben für diese Veranstaltung speichert."
CONSENT_AR = "أوافق على أن تحفظ VIA بياناتي لهذه الفعالية."
TITLE_AR = "حوار سوق العمل في الجمعية العربية للآباء في نويكولن"

MID_JANUARY = datetime.datetime(2027, 1, 18, 10, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def event(world):
    event = factories.make_event(
        world.agency_x,
        "Arbeitsmarktgespräch im Arabischen Elternverein",
        summary="Fragen stellen, Antworten aus erster Hand bekommen.",
        description=DESCRIPTION,
        agenda="- Begrüßung\n- Fragen der Mitglieder",
        accessibility="Eine Stufe am Eingang, mobile Rampe vorhanden.",
        venue_name="Elternverein",
        consent_text=CONSENT,
    )
    content.set_texts(
        event,
        "ar",
        {
            "title": TITLE_AR,
            "description": "\n\n".join(DESCRIPTION_AR),
            "agenda": "ترحيب\nأسئلة الأعضاء",
            "accessibility": "درجة واحدة عند المدخل، مع منحدر متنقل.",
            "consent_text": CONSENT_AR,
        },
    )
    topics = Question.objects.create(
        event=event,
        label="Zu welchem Thema haben Sie Fragen?",
        kind="multiple",
        choices=["Anerkennung", "Arbeitssuche"],
        help_text="Mehrere Antworten sind möglich.",
    )
    content.set_texts(
        topics,
        "ar",
        {
            "label": "ما الموضوع الذي لديك أسئلة عنه؟",
            "help_text": "يمكن اختيار أكثر من إجابة.",
            "choices": "الاعتراف بالشهادات\nالبحث عن عمل",
        },
    )
    # A question nobody has translated yet: shown in German, marked as such.
    Question.objects.create(
        event=event, label="Ich bringe ein Kind mit.", kind="checkbox", position=1
    )
    return event


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _questions(event) -> tuple[Question, Question]:
    return tuple(event.questions.order_by("position"))


def test_the_arabic_event_page_shows_the_translation_and_marks_what_is_german(event, client):
    page = _get(client, f"/ar/events/{event.slug}/")

    assert f"<h1><bdi>{TITLE_AR}</bdi></h1>" in page
    assert f"<title>{TITLE_AR}" in page
    for paragraph in DESCRIPTION_AR:
        assert (
            f'<p dir="auto" class="translated-part translated-up_to_date">{paragraph}</p>' in page
        )
    assert re.findall(r'<li class="translated-up_to_date"><bdi>([^<]+)</bdi></li>', page) == [
        "ترحيب",
        "أسئلة الأعضاء",
    ]
    assert "درجة واحدة عند المدخل، مع منحدر متنقل." in page
    # The summary has no Arabic yet: the German, isolated as German.
    assert (
        '<p class="lead" dir="auto"><span lang="de" dir="ltr">'
        "Fragen stellen, Antworten aus erster Hand bekommen.</span></p>"
    ) in page
    assert "Jobcenter und Agentur" not in page


def test_the_turkish_page_is_german_marked_as_german(event, client):
    page = _get(client, f"/tr/events/{event.slug}/")

    assert (
        '<h1><bdi><span lang="de" dir="ltr">Arbeitsmarktgespräch im Arabischen Elternverein'
        "</span></bdi></h1>"
    ) in page
    assert page.count('<p lang="de" dir="ltr" class="translated-part translated-missing">') == 4
    assert "Bu metin yalnızca Almanca olarak mevcuttur." in page  # only in German


def test_a_german_paragraph_edited_outdates_only_that_paragraph_on_the_arabic_page(event, client):
    Event.objects.filter(pk=event.pk).update(description=DESCRIPTION.replace("Nebenraum", "Raum 2"))

    page = _get(client, f"/ar/events/{event.slug}/")

    about = page.split('<h2 id="about">')[1].split("</section>")[0]
    assert re.findall(r'class="translated-part translated-(\w+)"', about) == [
        "up_to_date",
        "up_to_date",
        "outdated",
    ]
    assert "تغيّر النص الألماني" in about  # the German has changed since
    # The outdated translation stays, and the current German is there to open.
    assert DESCRIPTION_AR[2] in about
    assert '<p lang="de" dir="ltr">Kinderbetreuung gibt es im Raum 2.</p>' in about


def test_the_arabic_form_asks_in_arabic_and_keeps_the_german_values(event, client):
    topics, _child = _questions(event)
    page = _get(client, f"/ar/events/{event.slug}/register/")

    assert "<legend>ما الموضوع الذي لديك أسئلة عنه؟</legend>" in page
    assert "يمكن اختيار أكثر من إجابة." in page
    assert re.search(
        rf'value="Anerkennung"[^>]*id="id_question_{topics.pk}_0"[^>]*>\s*الاعتراف بالشهادات', page
    ), "the German value, the Arabic label"
    # The untranslated question: German, marked.
    assert '<span lang="de" dir="ltr">Ich bringe ein Kind mit.</span>' in page
    # The consent text above the box, and the box described by it.
    consent = page.split('<div id="consent-text">')[1].split("</div>")[0]
    assert CONSENT_AR in consent and CONSENT not in consent
    assert 'aria-describedby="consent-text"' in page


def test_registering_in_arabic_stores_the_german_choice_and_the_arabic_consent(event, client):
    topics, child = _questions(event)
    response = client.post(
        f"/ar/events/{event.slug}/register/",
        {
            "name": "Samira Haddad",
            "email": "samira@example.org",
            "organization_name": "",
            f"question_{topics.pk}": ["Arbeitssuche"],
            f"question_{child.pk}": "on",
            "consent": "on",
        },
    )
    assert response.status_code == 302

    registration = Registration.objects.get(event=event)
    assert (registration.language, registration.consent_language) == ("ar", "ar")
    assert registration.consent_text == CONSENT_AR
    assert Answer.objects.get(registration=registration, question=topics).value == ["Arbeitssuche"]
    # The personal page shows the answer in Arabic.
    page = _get(client, response["Location"])
    assert "<dt><bdi>ما الموضوع الذي لديك أسئلة عنه؟</bdi></dt>" in page
    assert '<dd dir="auto">البحث عن عمل</dd>' in page
    assert f"<bdi>{TITLE_AR}</bdi>" in page


def test_registering_in_turkish_stores_the_german_consent_it_showed(event, client):
    client.post(
        f"/tr/events/{event.slug}/register/",
        {"name": "Ayşe Kaya", "email": "ayse@example.org", "consent": "on"},
    )
    registration = Registration.objects.get(event=event)
    assert (registration.consent_text, registration.consent_language) == (CONSENT, "de")


def test_the_mail_to_an_arabic_participant_carries_the_arabic_title(event, run_jobs):
    for language, email in (("ar", "samira@example.org"), ("de", "lena@example.org")):
        services.register(event, [factories.person(email=email, language=language)], consent=True)
    run_jobs()

    (arabic,) = [m for m in mail.outbox if m.to == ["samira@example.org"]]
    (german,) = [m for m in mail.outbox if m.to == ["lena@example.org"]]
    assert TITLE_AR in arabic.subject and TITLE_AR in arabic.body
    assert "Arbeitsmarktgespräch" not in arabic.subject
    (_name, calendar, _type) = arabic.attachments[0]
    (vevent,) = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert TITLE_AR in str(vevent["summary"])
    assert "Arbeitsmarktgespräch im Arabischen Elternverein" in german.subject


def test_the_single_ics_is_in_the_page_language(event, client):
    response = client.get(f"/ar/events/{event.slug}/event.ics")
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert TITLE_AR in str(vevent["summary"])


def _api(client, path: str, **params):
    response = client.get(f"/api/v1{path}", params)
    assert response.status_code == 200
    return response.json()


def test_the_api_gives_the_texts_in_the_language_asked_with_their_state(event, client):
    Event.objects.filter(pk=event.pk).update(description=DESCRIPTION.replace("Nebenraum", "Raum 2"))
    body = _api(client, f"/events/{event.pk}", lang="ar")

    assert body["title"] == TITLE_AR
    assert body["consent_text"] == CONSENT_AR
    assert body["agenda"] == ["ترحيب", "أسئلة الأعضاء"]
    assert body["texts"] == {
        "language": "ar",
        "status": {
            "title": "up_to_date",
            "summary": "missing",
            "description": "outdated",
            "agenda": "up_to_date",
            "accessibility": "up_to_date",
            "consent_text": "up_to_date",
        },
    }
    topics, child = body["questions"]
    assert topics["label"] == "ما الموضوع الذي لديك أسئلة عنه؟"
    assert topics["choices"] == ["Anerkennung", "Arbeitssuche"]  # what to send
    assert topics["choice_labels"] == ["الاعتراف بالشهادات", "البحث عن عمل"]  # what to show
    assert child["texts"]["status"]["label"] == "missing"
    assert child["label"] == "Ich bringe ein Kind mit."

    (row,) = _api(client, "/events", lang="ar")["results"]
    assert (row["title"], row["texts"]["status"]["summary"]) == (TITLE_AR, "missing")
    assert _api(client, f"/events/{event.pk}", lang="de")["texts"]["status"]["summary"] == (
        "up_to_date"
    )


def test_an_api_registration_in_arabic_stores_the_consent_the_api_gave_in_arabic(event, client):
    response = client.post(
        f"/api/v1/events/{event.pk}/registrations",
        {"name": "Omar", "email": "omar@example.org", "language": "ar", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    registration = Registration.objects.get(event=event)
    assert (registration.consent_text, registration.consent_language) == (CONSENT_AR, "ar")


def _grow(world, count: int) -> None:
    for _ in range(count):
        n = Event.objects.count()
        other = factories.make_event(world.agency_x, f"Treffen {n}")
        content.set_texts(other, "ar", {"title": f"لقاء {n}"})


@pytest.mark.parametrize("url", ["/ar/events/", "/ar/events/calendar/?month={month}"])
# A fixed day, two weeks before the month the events fall in: the count cannot depend on the day.
@time_machine.travel(
    datetime.datetime(2027, 1, 18, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False
)
def test_an_arabic_list_runs_as_many_queries_for_three_events_as_for_one(world, client_for, url):
    client = client_for(world.member_a)  # signed in: no page cache
    url = url.format(month=f"{timezone.localdate() + datetime.timedelta(days=14):%Y-%m}")
    _grow(world, 1)
    client.get(url)  # the content types are looked up once per process
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _grow(world, 2)
    with CaptureQueriesContext(connection) as three:
        page = html.unescape(client.get(url).content.decode())
    assert f"<bdi>لقاء {Event.objects.count() - 1}</bdi>" in page
    assert len(one.captured_queries) == len(three.captured_queries)


# --- Staff: minor edits and copies -------------------------------------------------------------


def _edit_data(event, **overrides) -> dict:
    """What the edit form posts for `event` as it is, with its questions unchanged."""

    def local(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")

    questions = list(event.questions.order_by("position"))
    data = {
        "title": event.title,
        "kind": event.kind,
        "format": event.format,
        "status": event.status,
        "summary": event.summary,
        "description": event.description,
        "agenda": event.agenda,
        "starts_at": local(event.starts_at),
        "ends_at": local(event.ends_at),
        "venue_name": event.venue_name,
        "city": event.city,
        "accessibility": event.accessibility,
        "registration_required": "on",
        "capacity": str(event.capacity),
        "waitlist_enabled": "on",
        "max_group_size": str(event.max_group_size),
        "consent_text": event.consent_text,
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
    }
    for n, question in enumerate(questions):
        data |= {
            f"questions-{n}-id": str(question.pk),
            f"questions-{n}-label": question.label,
            f"questions-{n}-kind": question.kind,
            f"questions-{n}-choices_text": "\n".join(question.choices),
            f"questions-{n}-help_text": question.help_text,
            f"questions-{n}-position": str(question.position),
        }
    return data | overrides


def _update(client, event, **overrides):
    with translation.override("en"):
        url = reverse("events:event-update", kwargs={"slug": event.slug})
    response = client.post(url, _edit_data(event, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()


def test_the_edit_form_offers_the_minor_edit_only_for_an_existing_event(world, client_for, event):
    client = client_for(world.advisor_x)
    with translation.override("en"):
        edit = _get(client, reverse("events:event-update", kwargs={"slug": event.slug}))
        new = _get(client, reverse("events:event-create") + "?agency=agency-x")
    assert 'name="minor_edit"' in edit
    assert "Minor edit (a typo): the translations stay up to date" in edit
    assert 'name="minor_edit"' not in new


def test_a_minor_edit_keeps_the_translations_up_to_date_and_a_normal_one_does_not(
    world, client_for, event
):
    client = client_for(world.advisor_x)
    topics, _child = _questions(event)

    _update(
        client,
        event,
        description=DESCRIPTION.replace("Nebenraum", "Nebenraum."),
        **{"questions-0-label": "Zu welchem Thema haben Sie Fragen ?"},
        minor_edit="on",
    )
    topics.refresh_from_db()
    assert event.description.endswith("Nebenraum..")
    assert content.statuses(event, "ar")["description"] == "up_to_date"
    assert content.status(topics, "label", "ar") == "up_to_date"

    _update(client, event, description=DESCRIPTION.replace("Nebenraum", "Raum 2"))
    assert [p.status for p in content.parts(event, "description", "ar")] == [
        "up_to_date",
        "up_to_date",
        "outdated",
    ]


def test_the_translation_editor_finds_events_for_their_agencys_staff_with_the_questions(
    world, event
):
    editing = content.editing("events.event")

    assert list(editing.visible(world.advisor_x)) == [event]
    assert list(editing.visible(world.advisor_y)) == []
    assert world.advisor_x.has_perm(editing.permission, event)
    assert not world.advisor_y.has_perm(editing.permission, event)
    assert editing.units(event) == [event, *_questions(event)]


def test_a_copy_of_an_event_has_its_translations_up_to_date(world, event):
    copy = services.staff.copy_event(by=world.advisor_x, event=event)

    assert content.text(copy, "title", "ar") == TITLE_AR
    assert set(content.statuses(copy, "ar").values()) == {"up_to_date", "missing"}
    assert content.statuses(copy, "ar")["summary"] == "missing"
    topics, child = _questions(copy)
    assert [p.text for p in content.parts(topics, "choices", "ar")] == [
        "الاعتراف بالشهادات",
        "البحث عن عمل",
    ]
    assert content.status(child, "label", "ar") == "missing"
    # The original keeps its own.
    assert content.text(event, "title", "ar") == TITLE_AR


def test_each_certificate_has_the_title_in_the_participants_language(world):
    event = factories.make_event(world.agency_x, "Workshop Vereinsrecht")
    content.set_texts(event, "tr", {"title": "Dernek hukuku atölyesi"})
    people = [
        factories.person("Ayşe Kaya", language="tr"),
        factories.person("Jonas Becker", language="de"),
    ]
    ayse, jonas = services.register(event, people, consent=True).registrations

    titles = [
        "".join(text.split())
        for registration in (ayse, jonas)
        for _first, _last, text in _lines(certificates.certificates_pdf(event, [registration]), 16)
    ]

    assert titles == ["Dernekhukukuatölyesi", "WorkshopVereinsrecht"]


@pytest.mark.parametrize(
    "name", ["participant-list", "checkin", "event-figures", "event-documents", "checkin-list"]
)
def test_the_staff_pages_of_one_event_are_headed_in_the_staff_language(
    world, client_for, event, name
):
    client = client_for(world.advisor_x)
    with translation.override("ar"):
        arabic = _get(client, reverse(f"events:{name}", kwargs={"slug": event.slug}))
    with translation.override("tr"):
        turkish = _get(client, reverse(f"events:{name}", kwargs={"slug": event.slug}))

    assert TITLE_AR in arabic.split("</h1>")[0]
    assert "Arbeitsmarktgespräch im Arabischen Elternverein" in turkish.split("</h1>")[0]
    assert TITLE_AR not in turkish

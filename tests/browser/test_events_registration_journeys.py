"""Registering for an event without an account, in Turkish and in Arabic, the waiting list that
moves up when someone cancels, and the staff who check a participant in at the door."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from gemeinsam.events import services
from gemeinsam.events.models import Event, Question, Registration
from tests import factories
from tests.browser.journeys import in_language, log_in, path_in

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must really be committed;
    # the reference data from the migrations is restored after each journey's flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REGISTER = pgettext_lazy("event registration", "Register")
CONSENT = "Wir speichern Ihre Angaben bis zum Ende des Projekts."
WAITLIST_POSITION = (
    "You are number %(position)s on the waiting list. If a place becomes free, you move up "
    "automatically and we will write to you."
)
WAITLISTED_MESSAGE = (
    "The event is fully booked, so you are on the waiting list. We have sent you an email."
)
QR_CAPTION = "QR code for the check-in: show it at the entrance, on your phone or printed."


def url_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def path_of(page) -> str:
    return urlparse(page.url).path


def assert_language(page, language: str, direction: str) -> None:
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)


def submit(page, button) -> None:
    # The form posts back to its own address when it has errors: wait for the new page itself.
    with page.expect_navigation():
        button.click()


@pytest.fixture
def workshop():
    """One place only, an interpreter to choose and a consent text to agree to."""
    agency = factories.make_agency("Kompetenzzentrum Migration Nord", slug="nord")
    event = factories.make_event(
        agency,
        "Workshop Vereinsfinanzen",
        capacity=1,
        waitlist_enabled=True,
        consent_text=CONSENT,
    )
    Question.objects.create(
        event=event,
        label="Dolmetschsprache",
        kind="single",
        choices=["Arabisch", "Türkisch", "Farsi"],
        required=True,
    )
    return event


def test_a_turkish_visitor_takes_the_last_place_and_an_arabic_one_moves_up_when_it_is_freed(
    page, audit, workshop
):
    interpreter = workshop.questions.get()

    # A visitor reads the event in Turkish and opens its form.
    page.goto(path_in("tr", workshop))
    audit()
    assert_language(page, "tr", "ltr")
    page.get_by_role("link", name=in_language("tr", REGISTER), exact=True).click()
    page.wait_for_url(f"**{url_in('tr', 'registration-create', slug=workshop.slug)}")
    audit()
    # Not translated into Turkish: the German consent text, marked as German.
    consent = page.locator("#consent-text .translated-part")
    assert (consent.inner_text(), consent.get_attribute("lang")) == (CONSENT, "de")

    # She forgets the required question: the form says so in Turkish and nothing is saved.
    page.locator("#id_name").fill("Ayşe Yıldız")
    page.locator("#id_email").fill("ayse.yildiz@example.org")
    page.get_by_label(in_language("tr", "I agree.")).check()
    submit(page, page.get_by_role("button", name=in_language("tr", REGISTER), exact=True))
    audit()
    assert path_of(page) == url_in("tr", "registration-create", slug=workshop.slug)
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == in_language("tr", "There is a problem")
    assert summary.get_by_role("link").get_attribute("href") == f"#id_question_{interpreter.pk}_0"
    assert page.locator(f"#id_question_{interpreter.pk}_error").inner_text() == in_language(
        "tr", "This field is required."
    )
    assert Registration.objects.count() == 0
    assert page.locator("#id_name").input_value() == "Ayşe Yıldız"

    # She answers it and is registered: her personal page shows the status and the QR code.
    page.get_by_label("Türkisch", exact=True).check()
    page.get_by_label(in_language("tr", "I agree.")).check()
    submit(page, page.get_by_role("button", name=in_language("tr", REGISTER), exact=True))
    audit()
    ayse = Registration.objects.get(event=workshop)
    assert (ayse.name, ayse.email, ayse.status, ayse.language) == (
        "Ayşe Yıldız",
        "ayse.yildiz@example.org",
        "confirmed",
        "tr",
    )
    assert [(a.question.label, a.value) for a in ayse.answers.all()] == [
        ("Dolmetschsprache", "Türkisch")
    ]
    assert ayse.consent_text == CONSENT
    # The address in the browser is the personal link: the token is all it takes.
    personal_page = url_in("tr", "registration-detail", token=ayse.token)
    assert path_of(page) == personal_page
    assert page.get_by_role("status").inner_text() == in_language(
        "tr", "You are registered. We have sent you a confirmation."
    )
    assert page.locator(".registration-state .badge").inner_text() == in_language("tr", "Confirmed")
    qr_code = page.get_by_role("img", name=in_language("tr", QR_CAPTION))
    assert qr_code.locator("svg.qr").count() == 1
    cancel_link = page.get_by_role("link", name=in_language("tr", "Cancel my registration"))
    assert cancel_link.get_attribute("href") == url_in(
        "tr", "registration-cancel", token=ayse.token
    )
    workshop.refresh_from_db()
    assert workshop.seats_taken == 1

    # Another visitor, in Arabic, finds the event full and joins the waiting list.
    page.context.clear_cookies()
    page.goto(path_in("ar", workshop))
    audit()
    assert_language(page, "ar", "rtl")
    join = in_language("ar", "Join the waiting list")
    page.get_by_role("link", name=join, exact=True).click()
    page.wait_for_url(f"**{url_in('ar', 'registration-create', slug=workshop.slug)}")
    audit()
    assert_language(page, "ar", "rtl")
    page.locator("#id_name").fill("Omar Haddad")
    page.locator("#id_email").fill("omar.haddad@example.org")
    page.get_by_label("Arabisch", exact=True).check()
    page.get_by_label(in_language("ar", "I agree.")).check()
    submit(page, page.get_by_role("button", name=join, exact=True))
    audit()
    assert_language(page, "ar", "rtl")
    omar = Registration.objects.get(event=workshop, email="omar.haddad@example.org")
    assert (omar.status, omar.language) == ("waitlisted", "ar")
    assert path_of(page) == url_in("ar", "registration-detail", token=omar.token)
    assert page.get_by_role("status").inner_text() == in_language("ar", WAITLISTED_MESSAGE)
    assert page.locator(".registration-state .badge").inner_text() == in_language(
        "ar", "On the waiting list"
    )
    assert page.locator("#waitlist-position").inner_text() == in_language(
        "ar", WAITLIST_POSITION
    ) % {"position": 1}
    assert page.locator("svg.qr").count() == 0

    # The first visitor cancels through her personal link; the place goes to the waiting list.
    page.context.clear_cookies()
    page.goto(personal_page)
    audit()
    page.get_by_role("link", name=in_language("tr", "Cancel my registration")).click()
    page.wait_for_url(f"**{url_in('tr', 'registration-cancel', token=ayse.token)}")
    audit()
    page.get_by_role("button", name=in_language("tr", "Yes, cancel my registration")).click()
    page.wait_for_url(f"**{personal_page}")
    audit()
    assert page.get_by_role("status").inner_text() == in_language(
        "tr", "Your registration has been cancelled."
    )
    assert page.locator(".registration-state .badge").inner_text() == in_language("tr", "Cancelled")
    assert page.locator("svg.qr").count() == 0
    ayse.refresh_from_db()
    omar.refresh_from_db()
    workshop.refresh_from_db()
    assert (ayse.status, omar.status, workshop.seats_taken) == ("cancelled", "confirmed", 1)

    # The person who waited now finds a confirmed place and a QR code on their own page.
    page.context.clear_cookies()
    page.goto(url_in("ar", "registration-detail", token=omar.token))
    audit()
    assert page.locator(".registration-state .badge").inner_text() == in_language("ar", "Confirmed")
    assert page.get_by_role("img", name=in_language("ar", QR_CAPTION)).count() == 1


@pytest.fixture
def round_table():
    """Two confirmed participants and one waiting, at an event of the advisor's agency."""
    agency = factories.make_agency("Kompetenzzentrum Migration Nord", slug="nord")
    advisor = factories.make_user("xenia.wolff@example.org", name="Xenia Wolff")
    factories.make_staff(agency, user=advisor, role="advisor")
    event = factories.make_event(agency, "Runder Tisch Vereinsfinanzen", capacity=2)
    question = Question.objects.create(
        event=event,
        label="Dolmetschsprache",
        kind="single",
        choices=["Arabisch", "Türkisch"],
        required=True,
    )
    for name, language in [
        ("Omar Haddad", "Arabisch"),
        ("Leyla Aydın", "Türkisch"),
        ("Selin Kaya", "Türkisch"),
    ]:
        participant = factories.person(name, answers={question.pk: language})
        services.register(event, [participant], consent=True)
    # The day has come: the round table began a few minutes ago, the door is open.
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(hours=2)
    )
    event.refresh_from_db()
    return event


def test_an_advisor_finds_the_participants_and_checks_one_in_at_the_door(page, audit, round_table):
    leyla = Registration.objects.get(event=round_table, name="Leyla Aydın")
    omar = Registration.objects.get(event=round_table, name="Omar Haddad")
    assert (leyla.status, omar.status) == ("confirmed", "confirmed")

    log_in(page, audit, "xenia.wolff@example.org")
    page.get_by_role("link", name=in_language("de", "Events of my agencies")).click()
    page.wait_for_url(f"**{url_in('de', 'manage-list')}")
    audit()
    page.locator("tr", has_text="Runder Tisch Vereinsfinanzen").get_by_role(
        "link", name=in_language("de", "Participants"), exact=True
    ).click()
    participants_page = url_in("de", "participant-list", slug=round_table.slug)
    page.wait_for_url(f"**{participants_page}")
    audit()

    rows = page.locator("table.participants tbody tr")
    names = rows.locator("th > bdi").all_inner_texts()  # the email under each is isolated too
    assert names == ["Leyla Aydın", "Omar Haddad", "Selin Kaya"]
    assert rows.locator(".badge").all_inner_texts() == [
        in_language("de", "Confirmed"),
        in_language("de", "Confirmed"),
        in_language("de", "On the waiting list"),
    ]
    # The question is a column of its own (after the box to select and the organization and
    # status), with each person's answer.
    assert rows.locator("td:nth-of-type(4)").all_inner_texts() == [
        "Türkisch",
        "Arabisch",
        "Türkisch",
    ]

    # On the day: the check-in page lists the confirmed people, one tap marks one present.
    page.get_by_role("navigation", name=in_language("de", "Managing this event")).get_by_role(
        "link", name=in_language("de", "Check-in"), exact=True
    ).click()
    checkin_page = url_in("de", "checkin", slug=round_table.slug)
    page.wait_for_url(f"**{checkin_page}")
    audit()
    present = in_language("de", "%(present)s of %(total)s present")
    assert page.locator("p.checkin-count > strong").inner_text() == present % {
        "present": 0,
        "total": 2,
    }
    people = page.locator("ul.checkin-people > li bdi")
    assert people.all_inner_texts() == ["Leyla Aydın", "Omar Haddad"]

    omar_item = page.locator(f"#r{omar.pk}")
    assert omar_item.locator("bdi").inner_text() == "Omar Haddad"
    submit(page, omar_item.get_by_role("button", name=in_language("de", "Present")))
    audit()
    assert path_of(page) == checkin_page
    assert page.get_by_role("status").inner_text() == in_language(
        "de", "%(name)s is checked in."
    ) % {"name": "Omar Haddad"}

    omar.refresh_from_db()
    leyla.refresh_from_db()
    assert omar.checked_in_at is not None
    assert omar.attended is True
    assert (leyla.checked_in_at, leyla.attended) == (None, None)
    since = timezone.localtime(omar.checked_in_at).strftime("%H:%M")
    assert omar_item.get_attribute("class") == "is-present"
    assert omar_item.locator(".present-mark").inner_text() == "✓ " + in_language(
        "de", "present since %(time)s"
    ) % {"time": since}
    assert page.locator(f"#r{leyla.pk}").get_by_role("button").count() == 1
    assert page.locator("p.checkin-count > strong").inner_text() == present % {
        "present": 1,
        "total": 2,
    }

    # The participant list shows who attended, and since when.
    page.get_by_role("navigation", name=in_language("de", "Managing this event")).get_by_role(
        "link", name=in_language("de", "Participants"), exact=True
    ).click()
    page.wait_for_url(f"**{participants_page}")
    audit()
    attendance = page.locator("table.participants tbody tr td:nth-of-type(5)")
    assert attendance.all_inner_texts() == [
        in_language("de", "not recorded"),
        f"{in_language('de', 'attended')} {since}\n{in_language('de', 'Certificate (PDF)')}",
        in_language("de", "not recorded"),
    ]
    attended = Registration.objects.filter(event=round_table, attended=True)
    assert list(attended.values_list("name", flat=True)) == ["Omar Haddad"]

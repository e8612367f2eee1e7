"""The participant list's actions on the people selected (confirm, decline, attendance, cancel:
one service call each, audited as one by one), attendance only once the event has begun, and the
search at the door."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.events import services
from gemeinsam.events.models import Event, Registration
from tests import factories
from tests.factories import person
from tests.html_support import attribute, find, find_all, parse, text

pytestmark = pytest.mark.django_db


def _register(event, *names, **extra):
    return services.register(event, [person(n) for n in names], consent=True, **extra).registrations


def _start(event, *, ago=datetime.timedelta(minutes=30)):
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - ago, ends_at=now - ago + datetime.timedelta(hours=3)
    )
    event.refresh_from_db()


def _list(client, event, query=""):
    with translation.override("en"):
        url = reverse("events:participant-list", kwargs={"slug": event.slug})
    content = client.get(url + query).content.decode()
    return parse(content[content.index("<main") : content.index("</main>") + len("</main>")])


def _bulk(client, event, action, registrations, **extra):
    with translation.override("en"):
        url = reverse("events:participant-bulk", kwargs={"slug": event.slug})
    data = {"action": action, "selected": [r.pk for r in registrations], **extra}
    return client.post(url, data, follow=True)


def _statuses(event) -> dict[str, str]:
    return dict(event.registrations.values_list("name", "status"))


# --- The list --------------------------------------------------------------------------------


def test_each_row_has_one_checkbox_and_no_buttons_of_its_own(world, client_for):
    event = factories.make_event(world.agency_x, requires_approval=True)
    _register(event, "Ayşe Kaya", "Omar Nasser")

    main = _list(client_for(world.advisor_x), event)

    rows = find_all(find(main, "tbody"), "tr")
    assert len(rows) == 2
    for row in rows:
        (box,) = find_all(row, "input")
        assert (attribute(box, "type"), attribute(box, "name")) == ("checkbox", "selected")
        name = find_all(row, "bdi")[0]  # the name; the email is isolated too
        assert attribute(box, "aria-label") == f"Select {text(name)}"
        assert find_all(row, "button") == []
    actions = find(main, "div", class_="bulk-actions")
    assert [text(b) for b in find_all(actions, "button")] == [
        "Confirm",
        "Decline",
        "Cancel their registrations",
    ]


def test_attendance_is_offered_only_once_the_event_has_begun(world, client_for):
    event = factories.make_event(world.agency_x)
    (ayse,) = _register(event, "Ayşe Kaya")
    Registration.objects.filter(pk=ayse.pk).update(attended=True)  # as an import might have it
    client = client_for(world.advisor_x)

    before = _list(client, event)
    _start(event)
    after = _list(client, event)

    def offered(main):
        actions = find(main, "div", class_="bulk-actions")
        return [attribute(b, "value") for b in find_all(actions, "button")]

    assert offered(before) == ["cancel"]
    assert "Attendance can be recorded once the event has started" in text(before)
    assert "Certificate" not in text(before)
    assert offered(after) == ["attended", "absent", "unrecorded", "cancel"]
    assert "Certificate (PDF)" in text(after)
    assert "Certificates for everyone who attended (PDF)" in text(after)


# --- Confirm and decline -----------------------------------------------------------------------


def test_the_people_selected_are_confirmed_at_once_and_each_is_told(world, client_for, run_jobs):
    event = factories.make_event(world.agency_x, requires_approval=True, capacity=10)
    ayse, omar = _register(event, "Ayşe Kaya", "Omar Nasser")
    (selin,) = _register(event, "Selin Kaya")
    run_jobs()
    mail.outbox.clear()

    page = _bulk(client_for(world.advisor_x), event, "accept", [ayse, selin]).content.decode()
    run_jobs()

    # Ayşe and Omar registered together: choosing one confirms the whole group.
    assert _statuses(event) == {
        "Ayşe Kaya": "confirmed",
        "Omar Nasser": "confirmed",
        "Selin Kaya": "confirmed",
    }
    event.refresh_from_db()
    assert event.seats_taken == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ayse.email, omar.email, selin.email])
    entries = AuditLogEntry.objects.filter(actor=world.advisor_x, object_type="events.registration")
    assert sorted(int(e.object_id) for e in entries) == sorted([ayse.pk, omar.pk, selin.pk])
    assert "Decided (confirmed: 3). The people are told by mail." in page


def test_those_who_do_not_fit_go_to_the_waiting_list_in_the_order_they_registered(
    world, client_for
):
    event = factories.make_event(world.agency_x, requires_approval=True, capacity=2)
    first = _register(event, "Erste")
    group = _register(event, "Zweite", "Dritte")
    last = _register(event, "Vierte")

    _bulk(client_for(world.advisor_x), event, "accept", [*last, *group, *first])

    # One place is left after the first: the group of two waits, the last one fits.
    assert _statuses(event) == {
        "Erste": "confirmed",
        "Zweite": "waitlisted",
        "Dritte": "waitlisted",
        "Vierte": "confirmed",
    }


def test_without_a_waiting_list_those_who_do_not_fit_stay_undecided(world, client_for):
    event = factories.make_event(
        world.agency_x, requires_approval=True, capacity=1, waitlist_enabled=False
    )
    first, second = (_register(event, name)[0] for name in ("Erste", "Zweite"))

    page = _bulk(client_for(world.advisor_x), event, "accept", [first, second]).content.decode()

    assert _statuses(event) == {"Erste": "confirmed", "Zweite": "pending"}
    assert "1 person did not fit and is still waiting for a decision." in page


def test_the_people_selected_are_declined(world, client_for):
    event = factories.make_event(world.agency_x, requires_approval=True)
    ayse, omar = (_register(event, name)[0] for name in ("Ayşe Kaya", "Omar Nasser"))

    _bulk(client_for(world.manager_x), event, "decline", [ayse, omar])

    assert _statuses(event) == {"Ayşe Kaya": "declined", "Omar Nasser": "declined"}


def test_nothing_selected_says_so_and_changes_nothing(world, client_for):
    event = factories.make_event(world.agency_x, requires_approval=True)
    _register(event, "Ayşe Kaya")

    page = _bulk(client_for(world.advisor_x), event, "accept", []).content.decode()

    assert "Please select at least one person." in page
    assert _statuses(event) == {"Ayşe Kaya": "pending"}


def test_people_of_another_event_cannot_be_selected(world, client_for):
    event = factories.make_event(world.agency_x, requires_approval=True)
    other = factories.make_event(world.agency_x, requires_approval=True)
    (stranger,) = _register(other, "Fremde Person")

    _bulk(client_for(world.advisor_x), event, "accept", [stranger])

    stranger.refresh_from_db()
    assert stranger.status == "pending"


def test_the_filters_stay_after_an_action(world, client_for):
    event = factories.make_event(world.agency_x, requires_approval=True)
    (ayse,) = _register(event, "Ayşe Kaya")

    response = _bulk(client_for(world.advisor_x), event, "accept", [ayse], query="status=pending")

    assert response.redirect_chain[-1][0].endswith("/participants/?status=pending")


# --- Attendance and cancelling -----------------------------------------------------------------


def test_attendance_of_the_people_selected_is_saved_once_the_event_has_begun(world, client_for):
    event = factories.make_event(world.agency_x, capacity=2)
    ayse, omar = (_register(event, name)[0] for name in ("Ayşe Kaya", "Omar Nasser"))
    (waiting,) = _register(event, "Selin Kaya")
    _start(event)
    client = client_for(world.advisor_x)

    page = _bulk(client, event, "attended", [ayse, omar, waiting]).content.decode()

    attended = dict(event.registrations.values_list("name", "attended"))
    # Only the confirmed people attended; someone waiting had no place to attend.
    assert attended == {"Ayşe Kaya": True, "Omar Nasser": True, "Selin Kaya": None}
    assert "Attendance of 2 people saved." in page
    assert event.registrations.filter(checked_in_at__isnull=False).count() == 2

    _bulk(client, event, "absent", [omar])
    assert event.registrations.get(pk=omar.pk).attended is False


def test_attendance_before_the_start_is_refused_in_the_persons_language(world, client_for):
    event = factories.make_event(world.agency_x)
    (ayse,) = _register(event, "Ayşe Kaya")
    client = client_for(world.advisor_x)
    with translation.override("de"):
        url = reverse("events:participant-bulk", kwargs={"slug": event.slug})

    page = client.post(url, {"action": "attended", "selected": [ayse.pk]}, follow=True)

    ayse.refresh_from_db()
    assert ayse.attended is None
    assert "Die Anwesenheit kann erst ab Beginn der Veranstaltung" in page.content.decode()


def test_the_people_selected_are_cancelled_and_the_waiting_list_moves_up(world, client_for):
    event = factories.make_event(world.agency_x, capacity=1)
    (ayse,) = _register(event, "Ayşe Kaya")
    _register(event, "Omar Nasser")  # waiting

    _bulk(client_for(world.advisor_x), event, "cancel", [ayse])

    assert _statuses(event) == {"Ayşe Kaya": "cancelled", "Omar Nasser": "confirmed"}
    assert AuditLogEntry.objects.filter(object_id=str(ayse.pk), actor=world.advisor_x).exists()


# --- Check-in at the door ----------------------------------------------------------------------


def test_staff_find_a_person_at_the_door_by_name_or_email(world, client_for):
    event = factories.make_event(world.agency_x)
    services.register(
        event,
        [person("Ayşe Kaya", "ayse@example.org"), person("Omar Nasser", "omar.n@example.org")],
        consent=True,
    )
    client = client_for(world.advisor_x)
    url = reverse("events:checkin", kwargs={"slug": event.slug})

    def names(query):
        content = client.get(url, {"q": query}).content.decode()
        main = content[content.index("<main") : content.index("</main>") + len("</main>")]
        return [text(b) for b in find_all(find(parse(main), "ul", class_="checkin-people"), "bdi")]

    assert "Ayşe Kaya" in names("kaya") and "Omar Nasser" not in names("kaya")
    assert "Omar Nasser" in names("omar.n@") and "Ayşe Kaya" not in names("omar.n@")
    everyone = client.get(url).content.decode()
    assert '<input type="search" name="q"' in everyone


def test_check_in_opens_an_hour_before_the_start(world, client_for):
    event = factories.make_event(world.agency_x)
    (ayse,) = _register(event, "Ayşe Kaya")
    client = client_for(world.advisor_x)
    checkin = reverse("events:checkin", kwargs={"slug": event.slug})

    early = client.get(checkin).content.decode()
    with pytest.raises(services.RegistrationError) as refused:
        services.check_in(ayse, by=world.advisor_x)
    _start(event, ago=-datetime.timedelta(minutes=45))  # it starts in 45 minutes
    ayse.refresh_from_db()
    at_the_door = client.get(checkin).content.decode()

    assert 'id="check-in-not-open"' in early
    assert ">Anwesend<" not in early
    assert refused.value.code == "check_in_closed"
    assert 'id="check-in-not-open"' not in at_the_door
    assert services.check_in(ayse, by=world.advisor_x) is True

"""Invitation and reminder mails: one per person, in the invitation's language, with its link."""

from __future__ import annotations

from django.core import mail

from gemeinsam.surveys import services
from gemeinsam.surveys.answers import Given

from .test_launch import translate_everything


def _launched(world, imported):
    translate_everything(imported)
    return services.launch(imported, by=world.manager_x)


def test_each_address_gets_its_own_link_in_its_language(world, imported, run_jobs):
    version = _launched(world, imported)
    questionnaire = version.questionnaire
    [leyla, _without_address] = services.create_invitations(
        questionnaire, emails=["leyla@example.org"], count=1, language="ar", by=None
    )
    [berk] = services.create_invitations(
        questionnaire, emails=["berk@example.org"], count=0, language="de", by=None
    )
    run_jobs()
    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == ["berk@example.org", "leyla@example.org"]  # not the link without one
    arabic, german = sent["leyla@example.org"], sent["berk@example.org"]
    assert "Bestandsaufnahme MO [ar]" in arabic.subject
    assert f"/ar/surveys/a/{leyla.token}/" in arabic.body
    assert leyla.token not in german.body and f"/de/surveys/a/{berk.token}/" in german.body
    assert german.subject == "Befragung: Bestandsaufnahme MO"
    assert "wir laden Sie ein" in german.body
    assert "Die Befragung ist anonym" in german.body


def test_a_reminder_goes_only_to_those_who_have_not_answered(world, imported, run_jobs, client):
    version = _launched(world, imported)
    done, waiting = services.create_invitations(
        version.questionnaire,
        emails=["done@example.org", "waiting@example.org"],
        count=1,
        language="en",
        by=None,
    )[:2]
    services.submit(done, version, {"founded": Given("1999"), "land": Given("NW")}, language="en")
    run_jobs()
    mail.outbox.clear()
    assert services.remind(version.questionnaire, by=world.advisor_x) == 1
    run_jobs()
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]
    assert mail.outbox[0].subject.startswith("Reminder: ")
    assert f"/en/surveys/a/{waiting.token}/" in mail.outbox[0].body


def test_the_reminder_button_queues_them(world, imported, client_for, run_jobs):
    version = _launched(world, imported)
    services.create_invitations(
        version.questionnaire, emails=["a@example.org"], count=0, language="tr", by=None
    )
    run_jobs()
    mail.outbox.clear()
    response = client_for(world.advisor_x).post(
        "/en/surveys/agency/agency-x/mo_2026/invitations/remind/", follow=True
    )
    assert "Reminders queued: 1." in response.content.decode()
    run_jobs()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]

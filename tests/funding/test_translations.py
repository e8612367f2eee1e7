"""Funding programmes in the reader's language (issue 19): name and summary on the catalogue,
the programme's page and the reminder mail, outdated when the German changes, kept up to date by
a minor edit in the admin; the catalogue's rules carry their own languages."""

from __future__ import annotations

import datetime
import html
import json

from django.utils import translation

from gemeinsam.core import content
from gemeinsam.funding.models import Programme
from gemeinsam.funding.tasks import MailItem, build_reminder_mail

AMIF_AR = "صندوق اللجوء والهجرة والاندماج (AMIF) 2021–2027"
AMIF_TR = "İltica, Göç ve Uyum Fonu (AMIF) 2021–2027"


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _changed(language: str) -> str:
    with translation.override(language):
        return translation.gettext("The German text has changed since this translation.")


def test_the_arabic_catalogue_and_page_name_and_sum_up_the_programme_in_arabic(world, client):
    amif = Programme.objects.get(code="amif")

    catalogue = _page(client, "/ar/funding/programmes/")
    page = _page(client, "/ar/funding/programmes/amif/")

    assert f"<bdi>{AMIF_AR}</bdi>" in catalogue
    assert f"<h1><bdi>{AMIF_AR}</bdi></h1>" in page
    summary = content.text(amif, "summary", "ar")
    assert f'<p dir="auto" class="translated-part translated-up_to_date">{summary}</p>' in page
    assert amif.summary not in page  # the German


def test_a_changed_german_summary_is_shown_as_an_outdated_translation(world, client):
    amif = Programme.objects.get(code="amif")
    Programme.objects.filter(pk=amif.pk).update(summary=f"{amif.summary} Neu: ab 2027.")

    page = _page(client, "/tr/funding/programmes/amif/")

    assert _changed("tr") in page
    assert content.text(amif, "summary", "tr") in page
    assert f"{amif.summary} Neu: ab 2027." in page  # the current German, to open


def _admin_data(programme: Programme, **overrides) -> dict:
    def maybe(value):
        return "" if value is None else str(value)

    unknown = {None: "unknown", True: "true", False: "false"}
    return {
        "code": programme.code,
        "name": programme.name,
        "funder": programme.funder,
        "kind": programme.kind,
        "fields": [field.pk for field in programme.fields.all()],
        "level": programme.level,
        "federal_states": json.dumps(programme.federal_states),
        "amount_min": maybe(programme.amount_min),
        "amount_max": maybe(programme.amount_max),
        "funding_rate_percent": maybe(programme.funding_rate_percent),
        "own_share_percent": maybe(programme.own_share_percent),
        "duration_months": maybe(programme.duration_months),
        "deadline": json.dumps(programme.deadline),
        "passes_on": unknown[programme.passes_on],
        "volunteer_work_counts": unknown[programme.volunteer_work_counts],
        "application_url": programme.application_url,
        "source_url": programme.source_url,
        "checked_on": programme.checked_on.isoformat(),
        "unverified": json.dumps(programme.unverified),
        "summary": programme.summary,
        "is_active": "on",
        "rules": json.dumps(programme.current_rules.document),
        "rule_versions-TOTAL_FORMS": "0",
        "rule_versions-INITIAL_FORMS": "0",
        **overrides,
    }


def test_a_minor_edit_in_the_admin_keeps_the_translations_up_to_date(world, client_for):
    client = client_for(world.admin)
    amif = Programme.objects.get(code="amif")
    url = f"/en/admin/funding/programme/{amif.pk}/change/"
    typo = amif.summary.replace(".", " .", 1)

    response = client.post(url, _admin_data(amif, summary=typo, minor_edit="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    amif.refresh_from_db()
    assert amif.summary == typo
    assert content.status(amif, "summary", "ar") == "up_to_date"

    client.post(url, _admin_data(amif, summary=typo + " Neu."))
    amif.refresh_from_db()
    assert content.status(amif, "summary", "ar") == "outdated"
    assert content.status(amif, "name", "ar") == "up_to_date"


def test_the_reminder_mail_names_the_programme_in_the_recipients_language(world):
    world.member_a.preferred_language = "tr"
    amif = Programme.objects.get(code="amif")
    item = MailItem(amif, datetime.date(2027, 6, 30), 3, None, "https://example.org/p")

    message = build_reminder_mail(world.member_a, [item])

    assert AMIF_TR in message.subject and AMIF_TR in message.body
    assert amif.name not in message.body


def test_the_translation_editor_offers_the_catalogue_to_platform_admins_only(world):
    editing = content.editing("funding.programme")
    amif = Programme.objects.get(code="amif")

    assert amif in editing.visible(world.admin)
    assert not editing.visible(world.advisor_x).exists()
    assert world.admin.has_perm(editing.permission, amif)
    assert not world.advisor_x.has_perm(editing.permission, amif)

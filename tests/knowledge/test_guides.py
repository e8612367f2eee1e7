"""Guides written by an agency's staff, published by its managers, read by everyone."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from gemeinsam.core import content
from gemeinsam.core.models import AuditLogEntry
from gemeinsam.funding.models import ReadinessCheck
from gemeinsam.knowledge import services
from gemeinsam.knowledge.enums import GuideStatus
from gemeinsam.knowledge.inputs import GuideInput, StepRow
from gemeinsam.knowledge.models import Guide, Step, months_later
from tests.knowledge.guides import make_guide


def _form(**values) -> dict:
    data = {
        "title": "Eine Kita gründen",
        "summary": "Von der Idee bis zur Betriebserlaubnis.",
        "as_of": "2026-08-31",
        "review_on": "",
        "change_note": "",
        "counselling_topic": "",
        "owner": "",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-position": "1",
        "steps-0-title": "Betriebserlaubnis beantragen",
        "steps-0-text": "Beim Landesjugendamt.",
        "steps-0-documents": "Konzeption\nRaumplan",
        "steps-0-legal_basis": "§ 45 SGB VIII",
        "steps-0-decides": "Landesjugendamt",
        "steps-0-links": "https://www.gesetze-im-internet.de/sgb_8/__45.html § 45 SGB VIII",
        "steps-0-group": "",
        "steps-0-requirement": "kita:KITA-01",
        "steps-1-position": "",
        "steps-1-title": "",
    }
    data.update(values)
    return data


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 10, 31), 1, datetime.date(2026, 11, 30)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
    ],
)
def test_months_later_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert months_later(day, months) == expected


def test_staff_write_a_guide_whose_step_names_a_requirement(world, client_for):
    response = client_for(world.advisor_x).post("/en/knowledge/manage/agency-x/new/", _form())
    assert response.status_code == 302, response.content.decode()[-4000:]

    guide = Guide.objects.get(title="Eine Kita gründen")
    assert response["Location"] == f"/en/knowledge/{guide.slug}/"
    assert (guide.agency, guide.status, guide.owner) == (
        world.agency_x,
        GuideStatus.DRAFT,
        world.advisor_x,
    )
    # No review date given: six months after 31 August is the last day of February.
    assert guide.review_on == datetime.date(2027, 2, 28)
    step = guide.steps.get()
    assert (step.title, step.readiness_check.code, step.requirement_key) == (
        "Betriebserlaubnis beantragen",
        "kita",
        "KITA-01",
    )
    assert step.document_list == ["Konzeption", "Raumplan"]
    assert step.link_list == [
        {"url": "https://www.gesetze-im-internet.de/sgb_8/__45.html", "label": "§ 45 SGB VIII"}
    ]
    entry = AuditLogEntry.objects.get(object_type="knowledge.guide", object_id=str(guide.pk))
    assert (entry.actor, entry.action) == (world.advisor_x, "create")


def test_a_link_that_is_not_a_web_address_is_refused_and_nothing_stored(world, client_for):
    response = client_for(world.advisor_x).post(
        "/en/knowledge/manage/agency-x/new/", _form(**{"steps-0-links": "javascript:alert(1)"})
    )

    assert "Each line must start with a web address" in response.content.decode()
    assert not Guide.objects.exists()


def test_a_review_before_the_as_of_date_is_refused(world):
    data = GuideInput(
        title="Leitfaden",
        summary="",
        as_of=datetime.date(2026, 5, 1),
        review_on=datetime.date(2026, 4, 30),
    )
    with pytest.raises(Exception, match="review"):
        services.create_guide(world.agency_x, data, by=world.advisor_x)
    assert not Guide.objects.exists()


def test_a_step_naming_a_check_without_a_key_is_refused_by_the_database(world):
    guide = make_guide(world.agency_x, by=world.advisor_x, steps=())
    check = ReadinessCheck.objects.get(code="kita")
    with pytest.raises(IntegrityError), transaction.atomic():
        Step.objects.create(guide=guide, position=1, title="Ohne Schlüssel", readiness_check=check)


def test_a_requirement_the_current_rules_do_not_have_is_refused(world):
    check = ReadinessCheck.objects.get(code="kita")
    rows = (StepRow(position=1, title="X", readiness_check_id=check.pk, requirement_key="JH-01"),)
    with pytest.raises(Exception, match="no such requirement"):
        make_guide(world.agency_x, by=world.advisor_x, steps=rows)
    assert not Step.objects.exists()


def test_editing_changes_the_steps_named_and_keeps_the_others(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    steps = list(guide.steps.order_by("position"))
    data = _form(
        title=guide.title,
        as_of="2026-03-01",
        **{
            "steps-TOTAL_FORMS": str(len(steps)),
            "steps-INITIAL_FORMS": str(len(steps)),
        },
    )
    for n, step in enumerate(steps):
        for key in [k for k in data if k.startswith(f"steps-{n}-")]:
            del data[key]
        data.update(
            {
                f"steps-{n}-id": str(step.pk),
                f"steps-{n}-guide": str(guide.pk),
                f"steps-{n}-position": str(step.position),
                f"steps-{n}-title": step.title,
                f"steps-{n}-text": step.text,
                f"steps-{n}-documents": step.documents,
                f"steps-{n}-legal_basis": step.legal_basis,
                f"steps-{n}-decides": step.decides,
                f"steps-{n}-links": step.links,
                f"steps-{n}-group": step.group,
                f"steps-{n}-optional": "on" if step.optional else "",
                f"steps-{n}-requirement": (
                    f"youth_welfare:{step.requirement_key}" if step.requirement_key else ""
                ),
            }
        )
    data = {k: v for k, v in data.items() if v != ""}
    data["steps-1-title"] = "Gemeinnützigkeit belegen"
    data["steps-2-DELETE"] = "on"

    response = client_for(world.manager_x).post(f"/en/knowledge/{guide.slug}/edit/", data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert list(guide.steps.order_by("position").values_list("title", flat=True)) == [
        "Einen Verein gründen",
        "Gemeinnützigkeit belegen",
        "Drei Jahre Jugendarbeit belegen",
    ]


def test_a_manager_publishes_and_readers_then_find_it(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x, status=GuideStatus.DRAFT)
    assert client_for(None).get(f"/en/knowledge/{guide.slug}/").status_code == 404

    client_for(world.manager_x).post(
        f"/en/knowledge/{guide.slug}/publish/", {"status": "published"}
    )

    guide.refresh_from_db()
    assert guide.status == GuideStatus.PUBLISHED and guide.published_at is not None
    page = client_for(None).get(f"/en/knowledge/{guide.slug}/").content.decode()
    assert "Anerkennung als Träger der freien Jugendhilfe" in page
    assert "Einen Verein gründen" in page

    client_for(world.manager_x).post(f"/en/knowledge/{guide.slug}/publish/", {"status": "draft"})
    assert client_for(None).get(f"/en/knowledge/{guide.slug}/").status_code == 404
    assert guide.title not in client_for(None).get("/en/knowledge/").content.decode()


def test_an_unknown_status_changes_nothing(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x, status=GuideStatus.DRAFT)
    response = client_for(world.manager_x).post(
        f"/en/knowledge/{guide.slug}/publish/", {"status": "archived"}
    )
    guide.refresh_from_db()
    assert (response.status_code, guide.status) == (404, GuideStatus.DRAFT)


def test_the_reader_gets_the_steps_in_their_language_and_german_where_missing(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    step = guide.steps.get(position=1)
    content.set_texts(guide, "en", {"title": "Recognition in youth welfare"})
    content.set_texts(step, "en", {"title": "Found an association"})

    page = client.get(f"/en/knowledge/{guide.slug}/").content.decode()

    assert "<h1>Recognition in youth welfare</h1>" in page
    assert "Found an association" in page
    assert '<span lang="de" dir="ltr">Drei Jahre Jugendarbeit belegen</span>' in page


def test_the_translation_editor_covers_the_guide_and_its_steps(world):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    entry = content.editing("knowledge.guide")
    assert [unit.title for unit in entry.units(guide)][1:] == [
        "Einen Verein gründen",
        "Gemeinnützigkeit nachweisen",
        "Förderverein als Träger",
        "Drei Jahre Jugendarbeit belegen",
    ]
    assert list(entry.visible(world.advisor_y)) == []
    assert list(entry.visible(world.advisor_x)) == [guide]


def test_either_or_steps_are_shown_as_alternatives(world, client):
    guide = make_guide(world.agency_x, by=world.advisor_x)
    page = client.get(f"/en/knowledge/{guide.slug}/").content.decode()
    block = page.split("Either of these is enough")[1].split("</li>")[0]
    assert "Gemeinnützigkeit nachweisen" in block and "or: " in block
    assert "Förderverein als Träger" in block
    assert "Drei Jahre" not in block


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_list_reads_a_fixed_number_of_queries_for_one_and_three_guides(
    world, client_for, language
):
    client = client_for(world.member_a)
    make_guide(world.agency_x, by=world.advisor_x, title="Erster")
    one = _count(client, f"/{language}/knowledge/")
    make_guide(world.agency_x, by=world.advisor_x, title="Zweiter")
    make_guide(world.agency_y, by=world.advisor_y, title="Dritter")
    page = client.get(f"/{language}/knowledge/").content.decode()
    assert all(title in page for title in ("Erster", "Zweiter", "Dritter"))
    assert _count(client, f"/{language}/knowledge/") == one


def test_the_staff_list_reads_a_fixed_number_of_queries_for_one_and_three_guides(world, client_for):
    client = client_for(world.advisor_x)
    make_guide(world.agency_x, by=world.advisor_x, title="Erster")
    one = _count(client, "/en/knowledge/manage/")
    make_guide(world.agency_x, by=world.manager_x, title="Zweiter")
    make_guide(world.agency_x, by=world.advisor_x, title="Dritter", status=GuideStatus.DRAFT)
    assert _count(client, "/en/knowledge/manage/") == one


@pytest.mark.parametrize("reader", [None, "member_a"])
def test_a_guide_page_reads_a_fixed_number_of_queries_for_one_and_three_steps(
    world, client_for, reader
):
    client = client_for(getattr(world, reader) if reader else None)
    check = ReadinessCheck.objects.get(code="youth_welfare")
    first = StepRow(position=1, title="Eins", readiness_check_id=check.pk, requirement_key="JH-01")
    small = make_guide(world.agency_x, by=world.advisor_x, title="Kurz", steps=(first,))
    more = (
        first,
        StepRow(position=2, title="Zwei", readiness_check_id=check.pk, requirement_key="JH-02"),
        StepRow(position=3, title="Drei"),
    )
    large = make_guide(world.agency_x, by=world.advisor_x, title="Lang", steps=more)
    assert _count(client, f"/ar/knowledge/{small.slug}/") == _count(
        client, f"/ar/knowledge/{large.slug}/"
    )


@time_machine.travel(datetime.datetime(2027, 2, 27, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_review_falls_due_on_its_day_across_the_month_end(world, client_for):
    guide = make_guide(world.agency_x, by=world.advisor_x, as_of=datetime.date(2026, 8, 31))
    assert guide.review_on == datetime.date(2027, 2, 28)
    client = client_for(world.advisor_x)
    assert "due for review" not in client.get("/en/knowledge/manage/").content.decode()
    with time_machine.travel(datetime.datetime(2027, 2, 28, 12, 0, tzinfo=datetime.UTC)):
        # A new log-in: the session of the day before has expired.
        client = client_for(world.advisor_x)
        assert "due for review" in client.get("/en/knowledge/manage/").content.decode()
        assert guide.review_due(datetime.date(2027, 2, 28))

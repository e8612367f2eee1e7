"""The advisors' case list: their agencies' cases with filters, 25 to a page, and the same number
of queries for one case as for ten thousand."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from gemeinsam.counselling.models import Case, Session, Topic
from gemeinsam.counselling.services.cases import close_case
from tests import factories

URL = "counselling:case-list"
# Session and user, the person's agency ids and agencies (again for the filter's choices), the
# total, the page, and one query each for the page's organizations, advisors and topics.
QUERIES = 10


def _titles(response) -> list[str]:
    return [case.title for case in response.context["cases"]]


def _bulk_cases(w, count: int) -> None:
    """`count` cases of agency X advised by advisor_x, each with org A and a topic, the last
    three with a session; written in bulk, so ten thousand take a moment."""
    topic = Topic.objects.get(code="funding_applications")
    start = datetime.date(2024, 1, 1)
    cases = Case.objects.bulk_create(
        [
            Case(
                agency=w.agency_x,
                title=f"Förderantrag {i:05d}",
                case_type="single",
                project=w.project_x,
                opened_on=start + datetime.timedelta(days=i % 700),
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    through = [
        (Case.advisors.through, "user_id", w.advisor_x.pk),
        (Case.organizations.through, "organization_id", w.org_a.pk),
        (Case.topics.through, "topic_id", topic.pk),
    ]
    for model, column, value in through:
        model.objects.bulk_create(
            [model(case_id=case.pk, **{column: value}) for case in cases], batch_size=1000
        )
    Session.objects.bulk_create(
        [
            Session(case=case, held_on=case.opened_on, duration_minutes=60, channel="phone")
            for case in cases[-3:]
        ]
    )


@pytest.mark.parametrize("count", [1, 3, 10_000])
def test_the_case_list_runs_the_same_number_of_queries_for_1_3_and_10000_cases(
    world, client_for, django_assert_num_queries, count
):
    _bulk_cases(world, count)
    client = client_for(world.advisor_x)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse(URL))
    assert len(response.context["cases"]) == min(count, 25)
    assert response.context["page"].paginator.count == count
    content = response.content.decode()
    assert "Verein A für Jugendarbeit" in content
    assert "Funding and applications" in content


def test_the_list_shows_each_cases_reference_title_type_parties_project_and_sessions(
    world, client_for
):
    case = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x, world.manager_x],
        organizations=[world.org_a, world.org_b],
        title="Satzung für den Elternverein",
        case_type="process_support",
        project=world.project_x,
        opened_on=datetime.date(2026, 3, 2),
    )
    for day in (3, 10):
        Session.objects.create(
            case=case, held_on=datetime.date(2026, 3, day), duration_minutes=45, channel="video"
        )
    response = client_for(world.advisor_x).get(reverse(URL))
    row = (
        response.content.decode()
        .split(f'<bdi dir="ltr">{case.reference}</bdi></a>')[1]
        .split("</tr>")[0]
    )
    assert case.reference == f"2026-{case.pk:05d}"
    for text in (
        "Satzung für den Elternverein",
        "process support",
        "Verein A für Jugendarbeit",
        "Verein B für Kultur",
        "Marta Krüger",
        "Xenia Wolff",
        "Founding an association",
        "Willkommen in Berlin",
        re.compile(r"<td[^>]*>2</td>"),
    ):
        assert text.search(row) if isinstance(text, re.Pattern) else text in row, text


def test_the_list_shows_open_cases_of_my_agencies_only(world, client_for):
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Offen bei X")
    closed = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Zu bei X")
    close_case(closed, by=world.advisor_x)
    factories.make_case(world.agency_y, advisors=[world.advisor_y], title="Offen bei Y")
    assert _titles(client_for(world.advisor_x).get(reverse(URL))) == ["Offen bei X"]
    assert _titles(client_for(world.advisor_y).get(reverse(URL))) == ["Offen bei Y"]


def test_the_status_filter_shows_closed_or_all_cases(world, client_for):
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Offen")
    closed = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Geschlossen")
    close_case(closed, by=world.advisor_x)
    client = client_for(world.advisor_x)
    assert _titles(client.get(reverse(URL), {"status": "closed"})) == ["Geschlossen"]
    assert sorted(_titles(client.get(reverse(URL), {"status": "all"}))) == [
        "Geschlossen",
        "Offen",
    ]


def test_my_cases_are_those_i_advise(world, client_for):
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Meiner")
    factories.make_case(world.agency_x, advisors=[world.manager_x], title="Der von Marta")
    client = client_for(world.advisor_x)
    assert sorted(_titles(client.get(reverse(URL)))) == ["Der von Marta", "Meiner"]
    assert _titles(client.get(reverse(URL), {"mine": "on"})) == ["Meiner"]


def test_search_words_find_cases_by_title_or_organization(world, client_for):
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Gremiencoaching")
    factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_b],
        title="Förderantrag",
    )
    client = client_for(world.advisor_x)
    assert _titles(client.get(reverse(URL), {"q": "gremien"})) == ["Gremiencoaching"]
    assert _titles(client.get(reverse(URL), {"q": "Kultur"})) == ["Förderantrag"]
    response = client.get(reverse(URL), {"q": "Tandem"})
    assert _titles(response) == []
    assert "No cases match these filters." in response.content.decode()


def test_the_agency_filter_offers_only_my_agencies(world, client_for):
    factories.make_staff(world.agency_y, user=world.advisor_x)
    factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Bei X")
    factories.make_case(world.agency_y, advisors=[world.advisor_y], title="Bei Y")
    other = factories.make_agency("Dritte Agentur", slug="agency-z")
    client = client_for(world.advisor_x)
    assert _titles(client.get(reverse(URL), {"agency": "agency-y"})) == ["Bei Y"]
    response = client.get(reverse(URL), {"agency": other.slug})
    # Not one of mine: the filter is invalid and the list falls back to all of my agencies.
    assert sorted(_titles(response)) == ["Bei X", "Bei Y"]
    assert "Dritte Agentur" not in response.content.decode()


def test_the_list_has_25_cases_a_page_newest_first(world, client_for):
    _bulk_cases(world, 30)
    client = client_for(world.advisor_x)
    first = client.get(reverse(URL))
    second = client.get(reverse(URL), {"page": 2})
    assert len(_titles(first)) == 25
    assert len(_titles(second)) == 5
    assert not set(_titles(first)) & set(_titles(second))
    dates = [c.opened_on for c in [*first.context["cases"], *second.context["cases"]]]
    assert dates == sorted(dates, reverse=True)
    assert "Page 1 of 2" in first.content.decode()


def test_filters_are_kept_when_turning_pages(world, client_for):
    _bulk_cases(world, 30)
    response = client_for(world.advisor_x).get(reverse(URL), {"q": "Förderantrag", "mine": "on"})
    assert "q=F%C3%B6rderantrag&amp;mine=on&amp;page=2" in response.content.decode()

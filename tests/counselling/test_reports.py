"""Figures for funders: what is counted, small counts suppressed in everything that leaves the
agency, the page with its chart, and the CSV, Excel and PDF downloads.

The comparison with the benchmark's naive count on generated data is in
tests/counselling/test_bench.py; here every figure is known by hand.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zlib
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from gemeinsam.counselling import reports, tables
from gemeinsam.counselling.models import Outcome, Request, Session
from gemeinsam.counselling.reports import Figures
from gemeinsam.counselling.services.cases import close_case
from gemeinsam.organizations.models import WorkingLanguage
from tests import factories
from tests.factories import make_case, make_request, topics
from tests.html_support import attribute, find, text
from tests.pdf_text import lines, page_content

D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2025, 12, 31)}


def _session(case, day, minutes, channel):
    return Session.objects.create(
        case=case, held_on=day, duration_minutes=minutes, channel=channel, summary="intern"
    )


def _request(agency, day, channel, *, case=None, **extra):
    request = make_request(channel=channel, **extra)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Request.objects.filter(pk=request.pk).update(agency=agency, created_at=moment)
    if case is not None:
        case.request = request
        case.save(update_fields=["request"])
    return request


@pytest.fixture
def counted(world):
    """Agency X in 2025: three active cases (two opened in 2025, one anonymised), five sessions,
    two requests, three outcomes; and around them what must not count."""
    w = world
    arabic = WorkingLanguage.objects.get(code="ar")
    sport = factories.make_organization("Stadtsportbund", kind="umbrella_body", index=False)
    earlier = make_case(w.agency_x, advisors=[w.advisor_x], organizations=[w.org_a])
    earlier.opened_on = D(2024, 1, 10)
    earlier.save()
    close_case(earlier, by=w.advisor_x, on=D(2024, 6, 30))
    founding = make_case(
        w.agency_x,
        advisors=[w.advisor_x],
        organizations=[w.org_a],  # counselled before: returning
        topics=topics("association_founding", "funding_applications"),
        language=arabic,
        project=w.project_x,
        opened_on=D(2025, 3, 1),
    )
    _session(founding, D(2024, 12, 1), 60, "phone")  # before the period
    _session(founding, D(2025, 3, 5), 60, "phone")
    _session(founding, D(2025, 3, 19), 60, "phone")
    _session(founding, D(2025, 4, 10), 90, "video")
    Outcome.objects.create(
        case=founding, kind="funding_approved", achieved_on=D(2025, 6, 1), amount=12000
    )
    Outcome.objects.create(case=founding, kind="association_registered", achieved_on=D(2025, 7, 1))
    mediation = make_case(
        w.agency_x,
        advisors=[w.advisor_x],
        organizations=[sport],
        title="Vermittlung Sportverein und Moscheegemeinde",
        case_type="mediation",
        topics=topics("mediation"),
        opened_on=D(2024, 11, 1),
    )
    close_case(mediation, by=w.advisor_x, on=D(2025, 2, 1))
    _session(mediation, D(2025, 1, 15), 30, "in_person")
    Outcome.objects.create(
        case=mediation, kind="funding_approved", achieved_on=D(2025, 1, 20), amount=3000
    )
    erased = make_case(
        w.agency_x,
        advisors=[w.advisor_x],
        project=w.project_x,
        topics=topics("volunteers"),
        opened_on=D(2025, 5, 1),
    )
    _session(erased, D(2025, 5, 2), 45, "email")
    erased.anonymised_at = timezone.now()
    erased.save()
    _request(
        w.agency_x,
        D(2025, 2, 20),
        "phone",
        case=founding,
        language=arabic,
        topics=topics("association_founding", "funding_applications"),
    )
    _request(
        w.agency_x, D(2025, 6, 1), "email", email="zweite@example.org", topics=topics("volunteers")
    )
    _request(w.agency_x, D(2024, 12, 1), "phone", email="frueher@example.org")
    other = make_case(w.agency_y, advisors=[w.advisor_y], opened_on=D(2025, 2, 1))
    _session(other, D(2025, 2, 2), 60, "phone")
    _request(w.agency_y, D(2025, 2, 2), "phone", email="andere@example.org")
    return w


def _lines(report, dimension):
    return {line.key: line.figures for line in report.breakdown(dimension).lines}


# --- What is counted -----------------------------------------------------------------------------


def test_the_agency_year_counts_requests_cases_sessions_and_hours(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    assert report.total == Figures(
        requests=2, cases_opened=2, cases_active=3, sessions=5, minutes=285
    )
    assert report.total.hours == Decimal("4.8")


def test_a_project_counts_only_its_cases_and_the_requests_that_became_them(counted):
    report = reports.funder_report(counted.agency_x, project=counted.project_x, **YEAR)

    assert report.total == Figures(
        requests=1, cases_opened=2, cases_active=2, sessions=4, minutes=255
    )
    assert report.total.hours == Decimal("4.3")  # 4.25 rounded as people round
    assert [(o.kind, o.count, o.amount) for o in report.outcomes if o.count] == [
        ("association_registered", 1, None),
        ("funding_approved", 1, Decimal("12000")),
    ]


def test_figures_are_broken_down_by_channel_language_kind_and_new_or_returning(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    assert _lines(report, "channel") == {
        "phone": Figures(requests=1, sessions=2, minutes=120),
        "video": Figures(requests=0, sessions=1, minutes=90),
        "in_person": Figures(requests=0, sessions=1, minutes=30),
        "email": Figures(requests=1, sessions=1, minutes=45),
    }
    assert _lines(report, "language") == {
        "ar": Figures(requests=1, cases_opened=1, cases_active=1, sessions=3, minutes=210),
        "": Figures(requests=1, cases_opened=1, cases_active=2, sessions=2, minutes=75),
    }
    kinds = _lines(report, "organization_kind")
    assert kinds["migrant_org"] == Figures(cases_opened=1, cases_active=1, sessions=3, minutes=210)
    assert kinds["umbrella_body"] == Figures(cases_opened=0, cases_active=1, sessions=1, minutes=30)
    assert kinds[""] == Figures(cases_opened=1, cases_active=1, sessions=1, minutes=45)
    assert _lines(report, "client") == {
        "new": Figures(cases_opened=1, cases_active=2, sessions=2, minutes=75),
        "returning": Figures(cases_opened=1, cases_active=1, sessions=3, minutes=210),
    }


def test_a_case_with_two_topics_counts_under_each(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    by_topic = _lines(report, "topic")
    assert by_topic["association_founding"] == by_topic["funding_applications"]
    assert by_topic["funding_applications"] == Figures(
        requests=1, cases_opened=1, cases_active=1, sessions=3, minutes=210
    )
    assert by_topic["mediation"].sessions == 1
    assert by_topic["labour_law"] == Figures(0, 0, 0, 0, 0)


def test_outcomes_reached_in_the_period_with_the_amounts_approved(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    outcomes = {o.kind: (o.count, o.amount) for o in report.outcomes}
    assert outcomes["funding_approved"] == (2, Decimal("15000"))
    assert outcomes["association_registered"] == (1, None)
    assert outcomes["committee_seat"] == (0, None)


def test_sessions_per_month_cover_every_month_of_the_period(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    assert [(m.month.month, m.sessions, m.minutes) for m in report.months if m.sessions] == [
        (1, 1, 30),
        (3, 2, 120),
        (4, 1, 90),
        (5, 1, 45),
    ]
    assert len(report.months) == 12


def test_anonymising_a_case_keeps_its_figures(counted):
    before = reports.funder_report(counted.agency_x, **YEAR)
    founding = counted.agency_x.cases.get(opened_on=D(2025, 3, 1))
    founding.anonymised_at = timezone.now()
    founding.title = "(anonymisiert)"
    founding.save()
    founding.organizations.clear()
    founding.contacts.clear()

    assert reports.funder_report(counted.agency_x, **YEAR) == before


# --- Small counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "derived", "shown"),
    [
        (0, (Decimal("0.0"),), (0, Decimal("0.0"))),
        (1, (Decimal("1.5"),), ("<5", "x")),
        (4, (Decimal("6.0"), None), ("<5", "x", None)),
        (5, (Decimal("7.5"),), (5, Decimal("7.5"))),
        (None, (None,), (None, None)),
    ],
)
def test_counts_from_one_to_four_are_suppressed_with_what_is_derived_from_them(
    count, derived, shown
):
    assert reports.suppress(count, *derived) == shown


def test_the_tables_suppress_only_when_asked(counted):
    report = reports.funder_report(counted.agency_x, **YEAR)

    exact = {t.key: t for t in tables.tables(report, suppress=False)}
    safe = {t.key: t for t in tables.tables(report, suppress=True)}

    assert exact["channel"].rows[0] == ("phone", (1, 2, Decimal("2.0")))
    assert safe["channel"].rows[0] == ("phone", ("<5", "<5", "x"))
    assert safe["total"].rows[0][1] == ("<5", "<5", "<5", 5, Decimal("4.8"))
    assert dict(safe["outcomes"].rows)["funding application approved"] == ("<5", "x")
    assert dict(safe["outcomes"].rows)["committee seat obtained"] == (0, None)


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([3, 164], {0, 1}),  # 167 − 164 = 3: the 164 must go too
        ([3, 0, 164, 20], {0, 3}),  # the smallest count shown goes, never an empty cell
        ([2, 3, 50], {0, 1}),  # two "<5" adding up to 5: either may be 1 to 4
        ([1, 1, 50], {0, 1, 2}),  # two "<5" adding up to 2 are both 1
        ([1, 5, 100], {0, 1, 2}),  # a "<5" and a withheld count adding up to 6: 1 and 5
        ([3], {0}),  # nothing else to hide: the total is "<5" itself
        ([0, 7, 12], set()),
        ([None, None], set()),
    ],
)
def test_a_total_never_gives_a_small_count_away_by_subtraction(counts, hidden):
    assert tables.hidden_cells(counts) == hidden


@pytest.fixture
def subtraction(world):
    """Agency X in 2025: 164 sessions by phone in March, 3 by video in April (167 in all)."""
    case = make_case(world.agency_x, advisors=[world.advisor_x], opened_on=D(2025, 2, 1))
    Session.objects.bulk_create(
        [
            Session(case=case, held_on=D(2025, 3, 5), duration_minutes=60, channel="phone")
            for _ in range(164)
        ]
        + [
            Session(case=case, held_on=D(2025, 4, 10), duration_minutes=30, channel="video")
            for _ in range(3)
        ]
    )
    return world


def test_the_downloads_withhold_a_second_count_where_the_total_would_reveal_a_small_one(
    subtraction, client_for
):
    rows = _csv_rows(
        _export(client_for(subtraction.advisor_x), subtraction.agency_x, "csv").content
    )

    total = list(_csv_table(rows, "All together").values())
    channel = _csv_table(rows, "By channel")
    months = _csv_table(rows, "Sessions per month")
    # requests, cases opened, cases active, sessions, hours
    assert total == [["0", "<5", "<5", "167", "165.5"]]
    assert (channel["phone"], channel["video"]) == (["0", "x", "x"], ["0", "<5", "x"])
    assert channel["in person"] == ["0", "0", "0.0"]
    assert (months["March 2025"], months["April 2025"]) == (["x", "x"], ["<5", "x"])
    assert months["May 2025"] == ["0", "0.0"]


def test_the_page_keeps_the_exact_figures_for_staff(subtraction):
    report = reports.funder_report(subtraction.agency_x, **YEAR)
    exact = {t.key: t for t in tables.tables(report, suppress=False)}
    assert dict(exact["channel"].rows)["phone"] == (0, 164, Decimal("164.0"))
    assert dict(exact["channel"].rows)["video"] == (0, 3, Decimal("1.5"))


# --- The page ------------------------------------------------------------------------------------


def _url(agency, **query):
    url = reverse("counselling:report", kwargs={"agency": agency.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_page_shows_the_current_year_by_default(world, client_for):
    response = client_for(world.advisor_x).get(_url(world.agency_x))

    year = timezone.localdate().year
    report = response.context["report"]
    assert (report.project, report.date_from, report.date_to) == (
        None,
        D(year, 1, 1),
        D(year, 12, 31),
    )
    assert response.context["form"]["from"].value() == D(year, 1, 1)


def test_staff_see_exact_figures_on_the_page_with_a_note(counted, client_for):
    response = client_for(counted.manager_x).get(
        _url(counted.agency_x, **{"from": "2025-01-01", "to": "2025-12-31"})
    )

    page = response.content.decode()
    channels = page[page.index('id="figures-channel"') :]
    channels = channels[: channels.index("</table>")]
    assert re.search(r"<th scope=\"row\">phone</th><td>1</td><td>2</td><td>2\.0</td>", channels)
    assert "<td>&lt;5</td>" not in page
    assert "Exact figures, for your agency only." in page


def test_a_project_of_the_agency_narrows_the_figures(counted, client_for):
    response = client_for(counted.advisor_x).get(
        _url(counted.agency_x, project=counted.project_x.pk, **{"from": "2025-01-01"})
    )

    report = response.context["report"]
    assert (report.project, report.date_to, report.total.sessions) == (
        counted.project_x,
        D(2025, 12, 31),  # the year of the one date given
        4,
    )


def test_the_end_alone_shows_its_year_up_to_that_day(world, client_for):
    response = client_for(world.advisor_x).get(_url(world.agency_x, to="2024-06-30"))

    report = response.context["report"]
    assert (report.date_from, report.date_to) == (D(2024, 1, 1), D(2024, 6, 30))
    assert len(report.months) == 6


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"from": "2025-12-31", "to": "2025-01-01"},
            "The end of the period comes before its start.",
        ),
        ({"from": "2010-01-01", "to": "2025-12-31"}, "The period can be at most 10 years long."),
        ({"from": "31.12.2025"}, "Enter a valid date."),
        ({"from": "0001-01-01"}, "Ensure this value is greater than or equal to"),
    ],
)
def test_a_wrong_period_is_explained_and_the_current_year_shown(world, client_for, query, message):
    response = client_for(world.advisor_x).get(_url(world.agency_x, **query))

    assert message in response.content.decode()
    assert response.context["report"].date_from == D(timezone.localdate().year, 1, 1)


def test_a_project_of_another_agency_cannot_be_chosen(world, client_for):
    theirs = factories.make_project(world.agency_y, title="Fremdes Projekt")

    response = client_for(world.advisor_x).get(_url(world.agency_x, project=theirs.pk))

    assert "Select a valid choice." in response.content.decode()
    assert response.context["report"].project is None


def test_the_chart_is_an_svg_drawn_on_the_server_with_a_text_alternative(counted, client_for):
    response = client_for(counted.advisor_x).get(
        _url(counted.agency_x, **{"from": "2025-01-01", "to": "2025-12-31"})
    )

    page = response.content.decode()
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert 'role="img"' in svg
    title_id, desc_id = attribute(find(svg, "svg"), "aria-labelledby").split()
    assert text(find(svg, "title", id=title_id)) == "Sessions per month"
    assert text(find(svg, "desc", id=desc_id)).startswith("Bar chart: sessions per month")
    assert svg.count("<rect") == 4  # a bar for each month with sessions: Jan, Mar, Apr, May
    assert svg.count('text-anchor="middle">') >= 12  # every month named under its place
    # Drawn without script: the page's only script is the site's own small static file.
    assert re.findall(r"<script[^>]*>", page) == [
        '<script src="/static/gemeinsam/js/site.js" defer>'
    ]
    months = page[page.index('id="figures-months"') :]
    assert months[: months.index("</table>")].count('<th scope="row">') == 12


def test_on_the_arabic_page_the_chart_runs_from_right_to_left(counted, client_for):
    with translation.override("ar"):
        url = _url(counted.agency_x, **{"from": "2025-01-01", "to": "2025-12-31"})
    page = client_for(counted.advisor_x).get(url).content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    positions = [float(x) for x in re.findall(r'<rect class="[^"]*" x="([0-9.]+)"', svg)]
    assert 'direction="rtl"' in svg
    assert len(positions) == 4
    assert positions == sorted(positions, reverse=True)  # January on the right


def test_the_cases_by_topic_are_drawn_above_their_table(counted, client_for):
    response = client_for(counted.advisor_x).get(
        _url(counted.agency_x, **{"from": "2025-01-01", "to": "2025-12-31"})
    )

    chart = response.context["topics_chart"]
    drawn = {g.label: g.values[0].amount for g in chart.groups if g.values[0].amount}
    assert drawn == {
        "Founding an association": 1,
        "Funding and applications": 1,
        "Mediation between organizations": 1,
        "Finding and supporting volunteers": 1,
    }
    html = response.content.decode()
    part = html[html.index("<h3>By topic</h3>") : html.index("<h3>By language</h3>")]
    title_id = attribute(find(part, "svg"), "aria-labelledby").split()[0]
    assert text(find(part, "title", id=title_id)) == "Cases active by topic"
    assert find(part, "table")  # the numbers, under the picture


def test_the_page_runs_the_same_queries_for_one_case_and_for_three(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.advisor_x)
    url = _url(world.agency_x)
    today = timezone.localdate()

    def add_case(i):
        case = make_case(world.agency_x, advisors=[world.advisor_x], title=f"Fall {i}")
        _session(case, today, 60, "phone")

    add_case(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_case(2)
    add_case(3)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.context["report"].total.sessions == 3


# --- Downloads ------------------------------------------------------------------------------------


def _export(client, agency, fmt, language="en", **query):
    with translation.override(language):
        url = reverse("counselling:report-export", kwargs={"agency": agency.slug, "fmt": fmt})
    query = query or {"from": "2025-01-01", "to": "2025-12-31"}
    return client.get(url, data=query)


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _csv_table(rows, caption):
    start = rows.index([caption])
    end = rows.index([], start) if [] in rows[start:] else len(rows)
    return {row[0]: row[1:] for row in rows[start + 2 : end]}


def test_the_csv_suppresses_small_counts_and_withholds_their_hours(counted, client_for):
    response = _export(client_for(counted.advisor_x), counted.agency_x, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="agency-x-figures-2025-01-01-2025-12-31.csv"'
    )
    rows = _csv_rows(response.content)
    assert list(_csv_table(rows, "All together").values()) == [["<5", "<5", "<5", "5", "4.8"]]
    assert _csv_table(rows, "By channel")["phone"] == ["<5", "<5", "x"]
    assert _csv_table(rows, "By topic")["Labour law"] == ["0", "0", "0", "0", "0.0"]
    assert _csv_table(rows, "Outcomes reached")["funding application approved"] == ["<5", "x"]


def test_the_csv_speaks_the_persons_language_and_keeps_arabic_and_umlauts(counted, client_for):
    client = client_for(counted.advisor_x)

    german = _csv_rows(_export(client, counted.agency_x, "csv", "de").content)
    arabic = _csv_rows(_export(client, counted.agency_x, "csv", "ar").content)

    assert ["März 2025", "<5", "x"] in german
    assert "Vereinsgründung" in {row[0] for row in german if row}
    assert "تأسيس جمعية" in {row[0] for row in arabic if row}


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(counted, client_for):
    project = factories.make_project(
        counted.agency_x, title='=HYPERLINK("http://example.org/x";"Klick")', slug="formel"
    )

    response = _export(
        client_for(counted.advisor_x),
        counted.agency_x,
        "csv",
        project=project.pk,
        **{"from": "2025-01-01", "to": "2025-12-31"},
    )

    rows = _csv_rows(response.content)
    project_row = next(row for row in rows if row and row[0] == "Project")
    assert project_row[1].startswith("'=HYPERLINK")


def test_the_excel_file_keeps_numbers_as_numbers_and_suppresses_small_counts(counted, client_for):
    response = _export(client_for(counted.advisor_x), counted.agency_x, "xlsx", "ar")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    total = next(row for row in values if row[1:6] == ["<5", "<5", "<5", 5, 4.8])
    assert total
    assert sheet.sheet_view.rightToLeft is True
    assert any(row[0] == "تأسيس جمعية" for row in values)


def _outline_titles(pdf: bytes) -> list[str]:
    """The PDF's outline, as a reader's sidebar shows it: UTF-16 in hex, or a plain literal."""
    titles = []
    for utf16, literal in re.findall(rb"/Title (?:<feff([0-9a-f]+)>|\(((?:[^()\\]|\\.)*)\))", pdf):
        if utf16:
            titles.append(bytes.fromhex(utf16.decode()).decode("utf-16-be"))
        else:
            titles.append(re.sub(rb"\\(.)", rb"\1", literal).decode("latin-1"))
    return titles


def _glyphs_per_character(pdf: bytes) -> dict[int, int]:
    chars: dict[int, int] = {}
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            text = stream
        if b"beginbfchar" not in text:
            continue
        for target in re.findall(rb"<[0-9A-Fa-f]{4}> <([0-9A-Fa-f]+)>", text):
            for i in range(0, len(target), 4):
                code = int(target[i : i + 4], 16)
                chars[code] = chars.get(code, 0) + 1
    return chars


def test_the_pdf_has_a_section_per_table(counted, client_for):
    response = _export(client_for(counted.advisor_x), counted.agency_x, "pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # The outline, then the document's own title.
    assert _outline_titles(response.content) == [
        "Counselling: figures for funders",
        "All together",
        "By topic",
        "By language",
        "By channel",
        "By kind of organization",
        "New or returning organizations",
        "Outcomes reached",
        "Sessions per month",
        "Counselling: figures for funders",
    ]


def test_the_arabic_pdf_is_shaped(counted, client_for):
    response = _export(client_for(counted.advisor_x), counted.agency_x, "pdf", "ar")

    glyphs = _glyphs_per_character(response.content)
    # Shaped Arabic uses a letter's joined forms, each its own glyph: ع (ain) in تأسيس جمعية
    # appears medial; unshaped text would use the isolated form only.
    arabic = {code: n for code, n in glyphs.items() if 0x0600 <= code <= 0x06FF}
    assert arabic
    assert max(arabic.values()) > 1


def _words(text: str, *, rtl: bool) -> list[str]:
    """The words of a text as drawn. A right-to-left line comes out in drawing order, with a
    ligature's letters (lam-alef) and vowel marks in their own order: its words are compared by
    their letters, without the marks."""
    if not rtl:
        return text.split()
    letters = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return sorted("".join(sorted(word)) for word in letters.split())


def _heading_lines(drawn: list[str], heading: str, *, rtl: bool) -> list[str] | None:
    """The lines a column heading was set in, if it was set in whole words."""
    words = _words(heading, rtl=rtl)
    for start in range(len(drawn)):
        taken = []
        for line in drawn[start:]:
            taken.append(line)
            if _words(" ".join(taken), rtl=rtl) == words:
                return taken
            if len(" ".join(taken).split()) >= len(words):
                break
    return None


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar"])
def test_the_pdf_never_cuts_a_word_of_a_column_heading(counted, client_for, language):
    response = _export(client_for(counted.advisor_x), counted.agency_x, "pdf", language)

    drawn = lines(response.content)
    with translation.override(language):
        report = reports.funder_report(counted.agency_x, **YEAR)
        headings = {c.label for t in tables.tables(report, suppress=True) for c in t.columns}
    assert "Beratungsgespräche" in headings or language != "de"
    for heading in headings:
        assert _heading_lines(drawn, heading, rtl=language == "ar"), heading


@pytest.fixture
def three_months(world):
    """Agency X in 2025: 7 sessions in March, 12 in June and 3 in September."""
    case = make_case(world.agency_x, advisors=[world.advisor_x], opened_on=D(2025, 2, 1))
    for day, count in ((D(2025, 3, 3), 7), (D(2025, 6, 2), 12), (D(2025, 9, 1), 3)):
        for _ in range(count):
            _session(case, day, 60, "phone")
    return world


def test_the_pdf_draws_the_months_as_its_table_shows_them_small_counts_unbarred(
    three_months, client_for
):
    client = client_for(three_months.advisor_x)

    page = client.get(_url(three_months.agency_x, **{"from": "2025-01-01", "to": "2025-12-31"}))
    pdf = _export(client, three_months.agency_x, "pdf").content

    # On the page, for the agency's staff, every month with sessions has its bar.
    assert [g.label for g in page.context["months_chart"].groups if g.values[0].amount] == [
        "March 2025",
        "June 2025",
        "September 2025",
    ]
    # The PDF leaves the agency: September's 3 is "<5" and March's 7 withheld ("x"), as in its
    # table, so June's is the only bar drawn (a filled rectangle; the table's are stroked).
    assert len(re.findall(rb" re f\b", page_content(pdf))) == 1
    drawn = lines(pdf)
    assert {"Jan", "Mar", "Jun", "Sep", "Dec", "12", "<5", "x"} <= set(drawn)


def test_a_download_with_a_wrong_period_goes_back_to_the_page_with_the_error(world, client_for):
    response = _export(
        client_for(world.advisor_x), world.agency_x, "csv", **{"from": "2025-12-31", "to": "2025"}
    )

    assert response.status_code == 302
    assert response["Location"] == _url(world.agency_x, **{"from": "2025-12-31", "to": "2025"})


def test_an_unknown_format_is_not_found(world, client_for):
    response = _export(client_for(world.advisor_x), world.agency_x, "docx")

    assert (response.status_code, response["Content-Type"]) == (404, "text/html; charset=utf-8")

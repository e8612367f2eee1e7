"""The funder report against the benchmark's naive baseline: counted in SQL or one object at a
time in Python, the figures must be the same. This is the main check of what the report counts.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest

from gemeinsam.bench import counselling as bench
from gemeinsam.counselling import reports
from gemeinsam.counselling.models import Case, Session


@pytest.fixture
def scenario(db):
    return bench.generate(sessions=2_000, cases=120, seed=7)


def test_the_sql_report_and_the_naive_count_agree_over_the_projects_three_years(scenario):
    period = {
        "project": scenario.project,
        "date_from": scenario.date_from,
        "date_to": scenario.date_to,
    }

    report = reports.funder_report(scenario.agency, **period)

    assert report == bench.naive_report(scenario.agency, **period)
    assert report.total.sessions == 2_000
    assert sum(month.sessions for month in report.months) == 2_000
    assert report.total.minutes == sum(
        Session.objects.filter(case__project=scenario.project).values_list(
            "duration_minutes", flat=True
        )
    )


def test_they_agree_for_the_whole_agency_and_for_part_of_a_year(scenario):
    for project, date_from, date_to in [
        (None, scenario.date_from, scenario.date_to),
        (None, datetime.date(2024, 3, 15), datetime.date(2024, 8, 31)),
        (scenario.project, datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)),
    ]:
        period = {"project": project, "date_from": date_from, "date_to": date_to}

        report = reports.funder_report(scenario.agency, **period)

        assert report == bench.naive_report(scenario.agency, **period), period


def test_the_generated_data_has_what_the_report_must_tell_apart(scenario):
    cases = Case.objects.filter(agency=scenario.agency)
    assert cases.filter(project=None).exists()
    assert cases.filter(anonymised_at__isnull=False).exists()
    assert cases.filter(opened_on__lt=scenario.date_from).exists()
    assert cases.filter(closed_on__isnull=True).exists()
    assert cases.filter(topics=None).exists()
    assert Case.objects.exclude(agency=scenario.agency).exists()


def test_the_report_runs_the_same_number_of_queries_however_much_data_there_is(
    scenario, django_assert_num_queries
):
    period = {"date_from": scenario.date_from, "date_to": scenario.date_to}
    with django_assert_num_queries(10):
        reports.funder_report(scenario.agency, **period)
    bigger = bench.generate(sessions=4_000, cases=300, seed=8, slug_prefix="more")
    with django_assert_num_queries(10):
        reports.funder_report(bigger.agency, **period)


def test_the_bench_command_prints_the_report_against_the_baseline(tmp_path):
    env = {**os.environ, "GEMEINSAM_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "gemeinsam", "bench", "--only", "counselling"]
    done = subprocess.run(
        [*command, "--sessions", "600", "--runs", "3"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert line["bench"] == "counselling_report"
    assert (line["sessions"], line["runs"], line["identical"]) == (600, 3, True)
    assert 0 < line["p50_ms"] <= line["p95_ms"]
    assert line["baseline_ms"] > 0
    assert line["speedup"] == round(line["baseline_ms"] / line["p50_ms"], 1)

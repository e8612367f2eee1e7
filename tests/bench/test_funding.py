"""The eligibility bench: every programme in SQL against the object API, one organization at a
time, on the same generated organizations; both must give the same statuses."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest

from gemeinsam.bench import funding as bench
from gemeinsam.funding import bulk
from gemeinsam.funding.models import Programme
from gemeinsam.organizations.models import Organization, Recognition


@pytest.mark.django_db
def test_the_generated_directory_gives_the_sql_and_the_object_api_the_same_statuses():
    today = datetime.date(2026, 11, 21)
    bench.generate(400, today=today, seed=3)
    programmes = list(Programme.objects.prefetch_related("rule_versions"))

    one_by_one = bench.one_by_one(programmes, Organization.objects.all(), as_of=today)
    in_sql = bulk.statuses(programmes, as_of=today, per_organization=True)

    assert in_sql.by_organization == one_by_one
    assert in_sql.counts == bench.counts_of(one_by_one)
    assert Organization.objects.count() == 400
    # The data tells programmes apart: each status occurs, and recognitions of every kind.
    statuses = {s for row in one_by_one.values() for s in row.values()}
    assert statuses == {"met", "not_met", "unknown"}
    assert Recognition.objects.values("type").distinct().count() == 4


def test_the_bench_command_prints_bulk_against_one_by_one(tmp_path):
    env = {**os.environ, "GEMEINSAM_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "gemeinsam", "bench", "--only", "funding"]
    done = subprocess.run(
        [*command, "--organizations", "300", "--runs", "3", "--baseline-sample", "100"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    line, board = [json.loads(line) for line in done.stdout.splitlines()]
    assert line["bench"] == "eligibility_bulk"
    assert board["bench"] == "readiness_overview"
    assert (board["organizations"], board["checks"], board["rows_shown"]) == (300, 4, 50)
    assert (board["same_results"], board["baseline_sample"]) == (True, 100)
    assert 0 < board["saved_results"] < 300 * 2
    assert 0 < board["p50_ms"] <= board["p95_ms"] and board["baseline_ms"] > 0
    assert (line["organizations"], line["programmes"], line["runs"]) == (300, 12, 3)
    assert (line["baseline_sample"], line["same_results"], line["queries"]) == (100, True, 2)
    assert 0 < line["p50_ms"] <= line["p95_ms"]
    assert line["baseline_ms"] > 0
    assert line["speedup"] == round(line["baseline_ms"] / line["p50_ms"], 1)


def test_the_bench_refuses_a_sample_of_nothing(tmp_path):
    env = {**os.environ, "GEMEINSAM_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "gemeinsam", "bench", "--only", "funding", "--baseline-sample", "0"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )

    assert done.returncode != 0
    assert "--baseline-sample must be positive" in done.stderr

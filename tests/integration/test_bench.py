"""`burgerflow bench` end to end: it starts its own stack, runs both sides and reports them."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def test_bench_runs_both_sides_and_reports_json(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "burgerflow",
            "bench",
            "--cases",
            "6",
            "--concurrency",
            "3",
            "--warmup",
            "2",
            "--gated",
            "0.5",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    bf, bare = report["burgerflow"], report["bare_temporal"]
    assert bf["statuses"] == {"completed": 6} and bare["statuses"] == {"completed": 6}
    assert bf["not_completed"] == bare["not_completed"] == 0
    assert report["ratio_cases_per_s"] == pytest.approx(
        bf["cases_per_s"] / bare["cases_per_s"], rel=0.01
    )
    # The baseline mirrors burgerflow's shape: the same activities, one update per decision.
    assert bare["activities_per_case"] == bf["activities_per_case"] > 5
    assert bare["updates_per_case"] == bf["updates_per_case"] > 0
    for side in (bf, bare):
        assert side["completed"]["n"] == 6 and side["completed"]["p50"] > 0
        assert side["awaiting"]["n"] == 3
        assert side["events_per_case"] > side["activities_per_case"]
        assert side["actions_per_case"] > side["activities_per_case"]
        assert side["worker_peak_rss_mib"] > 0
        assert side["time_per_case"]["(workflow task)"]["tasks"] > 0
    assert "bench.noop" in bare["time_per_case"]
    assert "burgerflow  [" in run.stderr and "bare        [" in run.stderr, "progress shown"
    assert not list(tmp_path.iterdir()), "nothing left in the working folder"

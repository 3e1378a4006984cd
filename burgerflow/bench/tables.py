"""`python -m burgerflow.bench.tables REPORT.json ...`: the headline tables of saved reports.

Reads the JSON that `burgerflow bench --json` wrote (one run, or `--runs N` with its
summary) and prints, per file, the Markdown table of its figures: the medians and spread
over the runs, burgerflow's ratios to the peer and to the no-op baseline.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from burgerflow.bench.report import Summary, summary_of_figures, summary_table


def summary_of(report: dict[str, Any]) -> Summary:
    """The summary of a saved report, whether of one run or of several."""
    if "summary" in report:
        summary: Summary = report["summary"]
        return summary
    return summary_of_figures(report["figures"])


def describe(report: dict[str, Any]) -> str:
    """The set-up of a saved report, in a line."""
    setup = report["setup"]
    runs = setup.get("runs", 1)
    return (
        f"{setup['life_event']}: {setup['cases']} cases at concurrency {setup['concurrency']}, "
        f"{setup['gated_fraction']:.0%} gated, {setup['warmup']} warm-up, "
        f"{'median of ' + str(runs) + ' runs (lowest–highest)' if runs > 1 else 'one run'}, "
        f"{setup['when']}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table of each report file."""
    parser = argparse.ArgumentParser(description="tables of saved `burgerflow bench` reports")
    parser.add_argument("reports", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.reports:
        report = json.loads(path.read_text())
        sys.stdout.write(f"### {path.stem}\n\n{describe(report)}\n\n")
        sys.stdout.write(summary_table(summary_of(report)) + "\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

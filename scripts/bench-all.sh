#!/usr/bin/env bash
# Every figure of docs/BENCHMARKS.md's tables, into one directory:
#   three runs at the default load (200 cases, concurrency 20, 20% gated) per life event,
#   and one change of address run at concurrency 1, ungated (the latency figure).
# Each run writes its JSON report (`<name>.json`) and its progress (`<name>.log`); the
# Markdown tables of every report go to `tables.md` (`python -m burgerflow.bench.tables`).
#
# Usage: scripts/bench-all.sh OUT_DIR
#   CASES_OTHERS=100 scripts/bench-all.sh OUT_DIR   # fewer cases for emigration and death
#   RUNS=3 (default) sets the runs per life event.
#   EMIGRATION_CONCURRENCY=5 runs the emigration at a lower concurrency (see BENCHMARKS.md).
set -euo pipefail

out=${1:?usage: scripts/bench-all.sh OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=("$here/.venv/bin/python" -m burgerflow bench)
runs=${RUNS:-3}
cases_others=${CASES_OTHERS:-200}
emigration_concurrency=${EMIGRATION_CONCURRENCY:-20}
mkdir -p "$out"

measure() {
    local name=$1
    shift
    echo "bench-all: $name: $*" >&2
    (cd "$out" && "${bench[@]}" "$@" --json >"$name.json" 2>"$name.log") || {
        echo "bench-all: $name exited with $? (see $out/$name.log)" >&2
    }
}

measure change_of_address --life-event change_of_address --runs "$runs"
measure emigration --life-event emigration --runs "$runs" --cases "$cases_others" \
    --concurrency "$emigration_concurrency"
measure death --life-event death --runs "$runs" --cases "$cases_others"
measure change_of_address-c1 --life-event change_of_address --concurrency 1 --gated 0 --cases 30

"$here/.venv/bin/python" -m burgerflow.bench.tables "$out"/*.json >"$out/tables.md"
echo "bench-all: tables in $out/tables.md" >&2

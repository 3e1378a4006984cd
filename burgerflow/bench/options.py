"""The options of a benchmark run (light to import: the CLI parser reads its defaults)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchOptions:
    """What to run.

    Attributes:
        life_event: The life event whose cases run (its type); the first of the list with a
            bench part when None.
        cases: Cases in the timed window of each side.
        concurrency: Cases open at once.
        gated_fraction: Share of cases that wait at a gate (half of them four-eyes).
        warmup: Cases run before the timed window of each side.
        case_timeout_s: A case still open this long after its report counts as timed out.
        api_url: A running API to use instead of a local stack (with `mocks_url`); its
            Temporal is the one in the settings, and its tokens must verify with the
            settings' JWT key.
        mocks_url: The running registry mocks (dev mode) that API's workers call.
        worker_pid: The running worker's pid, to report its memory and CPU time.
        keep_home: Keep the local stack's home folder (logs, databases) after the run.
        runs: How many times to run it all (each on a fresh stack); the report gives the
            median and spread of each figure when more than one.
    """

    life_event: str | None = None
    cases: int = 200
    concurrency: int = 20
    gated_fraction: float = 0.2
    warmup: int = 20
    case_timeout_s: float = 180.0
    api_url: str | None = None
    mocks_url: str | None = None
    worker_pid: int | None = None
    keep_home: bool = False
    runs: int = 1

"""Resource figures of local processes, read from `/proc` (Linux).

The benchmark runs each piece of the stack as its own process, so it can say how much
memory the worker needed at its peak and how the CPU time of a run split between Temporal,
the worker, the API, the mocks and the benchmark itself.
"""

import os
from dataclasses import dataclass
from pathlib import Path

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float | None:
    """The peak resident set size (VmHWM) of a live process in MiB; None when unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time a live process has used so far; None when unreadable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after its closing bracket don't.
    fields = stat.rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / _CLOCK_TICKS


@dataclass(frozen=True)
class CpuSnapshot:
    """CPU seconds used so far by each named process."""

    seconds: dict[str, float]

    @classmethod
    def take(cls, pids: dict[str, int]) -> "CpuSnapshot":
        """Read the CPU time of every process in `pids` that can be read."""
        read = {name: cpu_seconds(pid) for name, pid in pids.items()}
        return cls({name: s for name, s in read.items() if s is not None})

    def since(self, earlier: "CpuSnapshot") -> dict[str, float]:
        """CPU seconds each process used between `earlier` and this snapshot."""
        return {
            name: round(s - earlier.seconds[name], 2)
            for name, s in self.seconds.items()
            if name in earlier.seconds
        }

"""The sizes benchmark of bench/run.py: does the cost grow linearly with the input?

1. A strategy with N KPIs (one goal, one direction, measures of ten KPIs each, every KPI with an
   id and a name), checked with ``--format sarif``: CPU time per KPI at each N.
2. A config with N ignore entries and N per-file-ignores patterns, on Toyonaka: CPU time at
   each N.

Each is a whole ``tebiki check`` process; CPU = user + system time (getrusage), median of the
repetitions.  What one more KPI (entry) costs is the slope between two sizes, so that start-up,
the same at every size, does not count; linear means the slope between the two largest sizes is
within 1.25x of the slope between the two smallest.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path


def strategy_with_kpis(n: int) -> str:
    """YAML of a valid strategy with `n` KPIs (n a multiple of ten)."""
    lines = [
        "format: 1", "id: sizes", "title: 大きな戦略", "body: {name: 架空市, level: municipality}",
        "period: {start: 令和5年度, end: 令和9年度}",
        "vision: {id: vision, name: 住み続けたいまち}",
        "goals:", "  - id: goal-1", "    name: 人の流れをつくる", "    directions:", "      - id: dir-1",
        "        name: 移住の推進", "        measures:",
    ]
    for m in range(n // 10):
        lines.append(f"          - id: m-{m}")
        lines.append(f"            name: 施策{m}")
        lines.append("            kpis:")
        lines.extend(f"              - {{id: k-{m}-{j}, name: 移住相談{m}-{j}の件数}}" for j in range(10))
    return "\n".join(lines) + "\n"


def config_with_entries(n: int, codes: list[str]) -> str:
    """A config with `n` ignore selectors (drawn from `codes`, names and sections) and `n` per-file patterns."""
    ignore = ", ".join(f'"{codes[i % len(codes)]}"' for i in range(n))
    patterns = "".join(f'"data/body-{i}/*.yaml" = ["{codes[i % len(codes)]}"]\n' for i in range(n))
    return f"ignore = [{ignore}]\n\n[per-file-ignores]\n{patterns}"


def cpu_of(cmd: list[str], cwd: Path, reps: int) -> float:
    """Median CPU seconds (user + system) of `reps` runs of a whole process."""
    times = []
    for _ in range(reps):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(times)


def slopes(totals: dict[int, float]) -> list[tuple[int, int, float]]:
    """(from, to, CPU seconds per unit) between consecutive sizes."""
    sizes = sorted(totals)
    return [(a, b, (totals[b] - totals[a]) / (b - a)) for a, b in zip(sizes, sizes[1:])]


def kpi_costs(tebiki: list[str], sizes: list[int], reps: int) -> dict[int, float]:
    """CPU seconds of `check --format sarif` at each size."""
    folder = Path(tempfile.mkdtemp(prefix="tebiki-bench-sizes-"))
    costs = {}
    for n in sizes:
        path = folder / f"kpis-{n}.yaml"
        path.write_text(strategy_with_kpis(n), encoding="utf-8")
        out = folder / f"kpis-{n}.sarif"
        costs[n] = cpu_of([*tebiki, "check", str(path), "--format", "sarif", "-o", str(out)], folder, reps)
        os.unlink(out)
    return costs


def config_costs(tebiki: list[str], toyonaka: Path, sizes: list[int], codes: list[str], reps: int) -> dict[int, float]:
    """CPU seconds of checking Toyonaka with a config of each size."""
    folder = Path(tempfile.mkdtemp(prefix="tebiki-bench-config-"))
    costs = {}
    for n in sizes:
        config = folder / f"c{n}.toml"
        config.write_text(config_with_entries(n, codes), encoding="utf-8")
        costs[n] = cpu_of([*tebiki, "check", str(toyonaka), "--config", str(config), "-f", "json"], folder, reps)
    return costs

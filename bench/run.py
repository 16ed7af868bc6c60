#!/usr/bin/env python3
"""Benchmarks: each ratio measured side by side in one run.

    .venv/bin/python bench/run.py            # full: 16 floor processes, audits of 100/1,000/2,000/5,000
    .venv/bin/python bench/run.py --quick    # a couple of minutes: fewer repetitions, audits up to 2,000
    .venv/bin/python bench/run.py --only floor,cli --json out.json

1. floor  – parsing examples/toyonaka.yaml with yaml.load(CSafeLoader) vs our load + graph +
            all rules on it.  Goal ≤ 2x, judged on the first run in a fresh process (each side's
            first, as one `tebiki check` does) and on one more file in a running process.
2. cli    – `tebiki check examples/toyonaka.yaml` vs `python -c "import yaml, pydantic,
            typer"` (the stack check imports), whole processes, interleaved.  Goal ≤ 1.5x in CPU
            time; wall time and the run without tebiki's cache are printed too.  Also checks with
            -X importtime that the check command imports none of the deferred modules.
3. scale  – `tebiki audit` of generated strategies: time per strategy at each size (linear?);
            CPU per strategy at 2,000 at most 4x the libyaml parse of the same files (measured in
            the same run, so the goal holds on any machine); peak memory under 300 MB.
4. peer   – the rules that ontologies/shapes.ttl mirrors, run by pySHACL on the exported
            graphs vs by our engine on the same strategies.  Goal: ours ≥ 20x faster.
5. sizes  – CPU per KPI of `check --format sarif` on strategies of 2,500 to 30,000 KPIs, and per
            entry of a config with 1,000 to 30,000 ignores and per-file patterns.  Goal: linear.
6. report, workbook, progress-scale – the yearly verification (bench/progress.py): the sheet of
            100 KPIs x 5 years vs its check (≤ 2x), reading a 500-row workbook vs checking Toyonaka
            (≤ 1x), the audit of 2,000 strategies with 5 years of progress vs without (≤ 1.5x per
            strategy, linear, < 300 MB).

Timings are medians of interleaved repetitions (A, B, A, B, ...), so that a neighbour's load on
this shared machine falls on both sides alike.  Nothing here asserts: it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TOYONAKA = ROOT / "examples" / "toyonaka.yaml"
CACHE = Path(os.environ.get("TEBIKI_BENCH_CACHE", Path(tempfile.gettempdir()) / "tebiki-bench"))
"""Generated strategies are kept here between runs (same seed, same files)."""
SEED = 1

results: list[dict] = []


def say(text: str = "") -> None:
    print(text, flush=True)


def median(xs) -> float:
    return statistics.median(xs)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def record(name: str, goal: str, measured: str, met: bool | None, **extra) -> None:
    results.append({"benchmark": name, "goal": goal, "measured": measured, "met": met, **extra})
    verdict = {True: "MET", False: "NOT MET", None: "-"}[met]
    say(f"  => {name}: {measured}  (goal {goal}: {verdict})")


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        mem_gib = f"{int(mem) / 1048576:.0f} GiB"
    except (OSError, IndexError, ValueError):
        mem_gib = "?"
    import pydantic
    import yaml

    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": mem_gib,
        "python": platform.python_version(),
        "pydantic": pydantic.VERSION,
        "pyyaml": yaml.__version__ + (" (libyaml)" if getattr(yaml, "__with_libyaml__", False) else ""),
        "os": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


# -- 1. floor ------------------------------------------------------------------------------------


def bench_floor(quick: bool) -> None:
    processes, reps = (6, 10) if quick else (16, 20)
    say(f"[floor] {processes} fresh processes, started as the CLI starts (imports, rule pack, gc.freeze());")
    say("        half run our whole per-file work first (ours cold), half a CSafeLoader parse first")
    say(f"        (parse cold); then each does {reps} x (parse, ours again, parse, ours after clearing the")
    say("        caches keyed by the file's text); medians over all of them")
    ours_cold, parse_cold, parses, warm, new_file = [], [], [], [], []
    for i in range(processes):
        order = "ours-first" if i % 2 == 0 else "parse-first"
        out = subprocess.run([PY, str(ROOT / "bench" / "_floor.py"), str(TOYONAKA), str(reps), order],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        data = json.loads(out.stdout)
        if "ours_cold" in data:
            ours_cold.append(data["ours_cold"])
        else:
            parse_cold.append(data["parse_cold"])
        parses += data["parse"]
        warm += data["warm"]
        new_file += data["new_file"]
    parse_warm, parse_first = median(parses), median(parse_cold)

    def parts(runs):
        return [median(r[i] for r in runs) for i in range(3)]

    rows = (
        ("cold: first run in a fresh process", ours_cold, parse_first, "parse cold"),
        ("one more file in a running process", new_file, parse_warm, "parse warm"),
        ("the same file again", warm, parse_warm, "parse warm"),
    )
    ratios = []
    for label, runs, floor, against in rows:
        load, graph, rules = parts(runs)
        total = median(sum(r) for r in runs)
        ratios.append(total / floor)
        say(f"  ours, {label:36}: {ms(total)} = load {ms(load)} + graph {ms(graph)} + rules {ms(rules)}"
            f"  -> {total / floor:.2f}x {against}")
    say(f"  parse, yaml.load(CSafeLoader): cold (first in a fresh process) {ms(parse_first)}, warm {ms(parse_warm)}")
    total_cold = median(sum(r) for r in ours_cold)
    say(f"  (ours cold against parse warm, the strictest pairing: {total_cold / parse_warm:.2f}x)")
    cold_ratio, new_ratio, warm_ratio = ratios
    record("floor", "<= 2.0x (cold vs cold, and a new file in a running process)",
           f"{cold_ratio:.2f}x cold ({ms(total_cold)} vs {ms(parse_first)}); {new_ratio:.2f}x new file; "
           f"{warm_ratio:.2f}x same file again",
           cold_ratio <= 2.0 and new_ratio <= 2.0,
           ours_cold_ms=total_cold * 1000, parse_cold_ms=parse_first * 1000, parse_warm_ms=parse_warm * 1000,
           new_file_ms=median(sum(r) for r in new_file) * 1000, warm_ms=median(sum(r) for r in warm) * 1000,
           cold_parts_ms=[x * 1000 for x in parts(ours_cold)], strict_ratio=total_cold / parse_warm)


# -- 2. CLI start --------------------------------------------------------------------------------

DEFERRED = ("rdflib", "pyshacl", "checker.html", "checker.report.fmt_html", "checker.report.fmt_sarif",
            "checker.report.fmt_junit", "checker.report.fmt_json", "checker.report.fmt_markdown",
            "checker.report.fmt_github", "checker.audit", "checker.rdf", "rich", "jinja2", "markupsafe", "openpyxl",
            "jsonschema", "lxml")


def _tebiki() -> list[str]:
    """The installed console script, or `python -m checker` run in the checkout (TEBIKI_BENCH_MODULE=1)."""
    script = Path(PY).parent / "tebiki"
    if script.exists() and not os.environ.get("TEBIKI_BENCH_MODULE"):
        return [str(script)]
    os.environ["PYTHONPATH"] = str(ROOT)  # this checkout's code, whatever folder a run starts in
    return [PY, "-m", "checker"]


def _timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU = user + system) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_cli(quick: bool) -> None:
    reps = 10 if quick else 30
    base = [PY, "-c", "import yaml, pydantic, typer"]
    ours = [*_tebiki(), "check", str(TOYONAKA.relative_to(ROOT))]
    cache = tempfile.mkdtemp(prefix="tebiki-bench-cache-")
    runs = {
        "base": (base, None),
        "ours": (ours, {**os.environ, "TEBIKI_CACHE_DIR": cache}),
        "nocache": (ours, {**os.environ, "TEBIKI_CACHE_DIR": ""}),
    }
    say(f"[cli]   {reps} x (baseline, tebiki with its cache, tebiki without a cache), interleaved whole processes;")
    say("        wall time from subprocess.run, CPU = user + system time (getrusage); the goal is judged on CPU,")
    say("        which does not include waiting for a core that another job holds")
    # Warm the OS file cache, the .pyc files and tebiki's cache once.  An installed tebiki has its
    # bytecode (pip compiles it); so that the checkout's has too, the warm-up may write .pyc files
    # even where PYTHONDONTWRITEBYTECODE is set (otherwise every run would compile every module).
    for cmd, env in runs.values():
        warm = {k: v for k, v in (env or os.environ).items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(cmd, cwd=ROOT, capture_output=True, env=warm)
    wall: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(reps):
        for name, (cmd, env) in runs.items():
            w, c = _timed(cmd, env)
            wall[name].append(w)
            cpu[name].append(c)
    shutil.rmtree(cache, ignore_errors=True)
    w = {k: median(v) for k, v in wall.items()}
    c = {k: median(v) for k, v in cpu.items()}
    say(f"  python -c 'import yaml, pydantic, typer'       : wall {ms(w['base'])}, CPU {ms(c['base'])}")
    say(f"  tebiki check examples/toyonaka.yaml (cached)   : wall {ms(w['ours'])}, CPU {ms(c['ours'])}"
        f"  -> {w['ours'] / w['base']:.2f}x wall, {c['ours'] / c['base']:.2f}x CPU")
    say(f"  the same without the cache (TEBIKI_CACHE_DIR=)  : wall {ms(w['nocache'])}, CPU {ms(c['nocache'])}"
        f"  -> {w['nocache'] / w['base']:.2f}x wall, {c['nocache'] / c['base']:.2f}x CPU")
    imported = _imports([PY, "-X", "importtime", "-m", "checker", "check", str(TOYONAKA.relative_to(ROOT))])
    leaked = sorted(m for m in imported if any(m == d or m.startswith(d + ".") for d in DEFERRED))
    say(f"  -X importtime: {len(imported)} modules imported; deferred ones imported anyway: {', '.join(leaked) or 'none'}")
    ratio = c["ours"] / c["base"]
    record("cli", "<= 1.5x CPU", f"{ratio:.2f}x CPU ({ms(c['ours'])} vs {ms(c['base'])}); {w['ours'] / w['base']:.2f}x wall; "
           f"{c['nocache'] / c['base']:.2f}x CPU without the cache", ratio <= 1.5,
           ours_cpu_ms=c["ours"] * 1000, base_cpu_ms=c["base"] * 1000, nocache_cpu_ms=c["nocache"] * 1000,
           ours_wall_ms=w["ours"] * 1000, base_wall_ms=w["base"] * 1000, deferred_imported=leaked)


def _imports(cmd: list[str]) -> set[str]:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                names.add(name)
    return names


# -- 3. scale ------------------------------------------------------------------------------------


def _generated(count: int) -> Path:
    """A folder with the prefecture and the first `count` municipal strategies of seed 1 (generated once)."""
    full = CACHE / f"seed{SEED}-5000"
    if not (full / ".complete").exists():
        say(f"  generating 5,000 strategies (seed {SEED}) into {full} (once) ...")
        shutil.rmtree(full, ignore_errors=True)
        subprocess.run([PY, str(ROOT / "tools" / "generate_strategies.py"), "--count", "5000", "--seed", str(SEED),
                        "--out", str(full)], check=True, cwd=ROOT, capture_output=True)
        (full / ".complete").write_text("ok\n")
    files = sorted(p for p in full.iterdir() if p.suffix == ".yaml")
    pref = [p for p in files if p.name.startswith("00-prefecture")]
    munis = [p for p in files if p not in pref]
    subset = CACHE / f"seed{SEED}-{count}"
    if not (subset / ".complete").exists():
        shutil.rmtree(subset, ignore_errors=True)
        subset.mkdir(parents=True)
        for p in pref + munis[:count]:
            (subset / p.name).symlink_to(p)
        (subset / ".complete").write_text("ok\n")
    return subset


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (bytes)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
        stack.extend(children.get(p, ()))
    return total


def run_audit(folder: Path, jobs: int | None = None) -> dict:
    """Run `tebiki audit` as a user does; wall time, CPU time of the process tree, peak RSS of the tree."""
    out = Path(tempfile.mkdtemp(prefix="tebiki-bench-audit-"))
    cmd = [*_tebiki(), "audit", str(folder), "--out", str(out)] + (["--jobs", str(jobs)] if jobs else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"audit exited {proc.returncode}: {err.decode()[-1000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    largest = after.ru_maxrss * 1024
    # Sampling can miss a short peak (the parent assembling the outputs at the end); the tree's
    # peak is at least its largest process's, which getrusage reports exactly.
    return {"wall": wall, "cpu": cpu, "peak_tree_rss": max(peak[0], largest), "sampled_tree_rss": peak[0],
            "max_rss_one_process": largest}


def _parse_cpu(folder: Path) -> float:
    """CPU seconds per file of yaml.load(CSafeLoader) over the YAML files of `folder`, in this process."""
    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.suffix == ".yaml"]
    yaml.load(texts[0], Loader=yaml.CSafeLoader)  # the first parse in a process is slower: not counted
    t = time.process_time()
    for text in texts:
        yaml.load(text, Loader=yaml.CSafeLoader)
    return (time.process_time() - t) / len(texts)


def bench_scale(quick: bool) -> None:
    sizes = [100, 1000, 2000] if quick else [100, 1000, 2000, 5000]
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(f"[scale] tebiki audit (default --jobs = {jobs}) of N generated municipal strategies + 1 prefectural;")
    say("        peak memory = RSS of the parent and all its workers summed, sampled from /proc every 50 ms")
    say("        (or the largest single process's peak from getrusage(RUSAGE_CHILDREN) if that is higher);")
    say("        CPU = user + system time of the process tree (getrusage RUSAGE_CHILDREN)")
    rows = {}
    for n in sizes:
        folder = _generated(n)
        r = run_audit(folder)
        rows[n] = r
        say(f"  N={n:>5}: wall {r['wall']:6.1f} s ({r['wall'] / n * 1000:5.2f} ms/strategy), "
            f"CPU {r['cpu']:6.1f} s ({r['cpu'] / n * 1000:5.2f} ms/strategy), peak {r['peak_tree_rss'] / 2**20:4.0f} MiB "
            f"(largest process {r['max_rss_one_process'] / 2**20:.0f} MiB), load average {os.getloadavg()[0]:.1f}")
    small, large = min(sizes), max(sizes)
    growth = (rows[large]["cpu"] / large) / (rows[small]["cpu"] / small)
    say(f"  CPU per strategy at N={large} / at N={small}: {growth:.2f} (1.0 = linear)")
    r2 = rows[2000]
    parse = _parse_cpu(_generated(2000))
    relative = (r2["cpu"] / 2001) / parse
    say(f"  the same 2,001 files parsed with yaml.load(CSafeLoader) in one process: {ms(parse)} CPU per file;")
    say(f"  the audit's CPU per strategy (parent and workers, everything included) is {relative:.2f}x that")
    peak = max(r["peak_tree_rss"] for r in rows.values())
    record("scale-linear", "time per strategy does not grow with N", f"CPU/strategy ratio {large} vs {small}: {growth:.2f}",
           growth <= 1.25, per_strategy_ms={n: r["cpu"] / n * 1000 for n, r in rows.items()})
    record("scale-2000", "CPU per strategy <= 4x the libyaml parse of it (15 s on 2 cores here)",
           f"{relative:.2f}x ({r2['cpu'] / 2001 * 1000:.1f} ms vs {parse * 1000:.1f} ms); {r2['wall']:.1f} s wall, "
           f"{r2['cpu']:.1f} s CPU", relative <= 4.0, wall_s=r2["wall"], cpu_s=r2["cpu"], parse_ms=parse * 1000,
           relative=relative)
    record("scale-memory", "< 300 MB peak (parent + workers)", f"{peak / 2**20:.0f} MiB", peak < 300 * 2**20,
           peak_mib={n: r["peak_tree_rss"] / 2**20 for n, r in rows.items()})


# -- 4. peer: pySHACL ----------------------------------------------------------------------------


def bench_peer(quick: bool) -> None:
    try:
        import pyshacl  # noqa: F401
    except ImportError:
        say("[peer]  pySHACL is not installed (pip install 'tebiki-checker[rdf]'): skipped")
        record("peer", ">= 20x", "skipped (no pySHACL)", None)
        return
    sys.path.insert(0, str(ROOT))
    from checker import build_graph, get_pack, load, run_pack
    from checker.rdf import to_graph
    from checker.rdf.shacl import mirrored_rules, shapes_graph, validate

    pack = get_pack()
    shapes = shapes_graph()
    codes = set(mirrored_rules(shapes))
    rules = [r for r in pack.rules if r.code in codes]
    count, reps = (3, 3) if quick else (10, 5)
    folder = _generated(count)
    paths = [TOYONAKA] + sorted(p for p in folder.iterdir() if p.suffix == ".yaml")[:count]
    say(f"[peer]  {len(rules)} rules mirrored by SHACL shapes; {len(paths)} strategies (Toyonaka + generated);")
    say(f"        per strategy {reps} x (our engine: graph + the mirrored rules; pySHACL: validate the exported")
    say("        graph, inference off, shapes parsed once), interleaved; loading and export not timed on either side")
    ours_t, shacl_t = [], []
    for path in paths:
        strategy = load(str(path))
        for _ in range(reps):
            t = time.perf_counter()
            run_pack(build_graph(strategy), pack, rules)
            ours_t.append(time.perf_counter() - t)
            data = to_graph(strategy)
            t = time.perf_counter()
            validate(data, shapes)
            shacl_t.append(time.perf_counter() - t)
    o, s = median(ours_t), median(shacl_t)
    say(f"  ours {ms(o)} per strategy, pySHACL {ms(s)} per strategy")
    record("peer", ">= 20x faster than pySHACL", f"{s / o:.0f}x ({ms(o)} vs {ms(s)})", s / o >= 20,
           ours_ms=o * 1000, shacl_ms=s * 1000, rules=len(rules))


# -- main ----------------------------------------------------------------------------------------

# -- 5. sizes: linear in the input ------------------------------------------------------------


def bench_sizes(quick: bool) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import _sizes

    reps = 1 if quick else 3
    kpis = [1_000, 2_500, 10_000] if quick else [2_500, 10_000, 30_000]
    codes = ["OL07", "KQ12", "measure-without-kpi", "3-2", "digital", "KQ", "ND0", "EV01", "PD05", "VI05"]
    entries = [1_000, 3_000, 10_000] if quick else [1_000, 10_000, 30_000]
    say(f"[sizes] whole tebiki processes, CPU time, median of {reps}: check --format sarif of a strategy with")
    say(f"        N KPIs (N = {', '.join(f'{n:,}' for n in kpis)}); check of Toyonaka with a config of N ignore entries")
    say(f"        and N per-file patterns (N = {', '.join(f'{n:,}' for n in entries)}); the cost of one more is the")
    say("        slope between two sizes (start-up, the same at every size, does not count)")
    for label, unit, totals in (
        ("sizes-kpis", "KPI", _sizes.kpi_costs(_tebiki(), kpis, reps)),
        ("sizes-config", "entry", _sizes.config_costs(_tebiki(), TOYONAKA, entries, codes, reps)),
    ):
        for n, total in totals.items():
            say(f"  {n:>6,} {unit}s: {total:.2f} s CPU")
        steps = _sizes.slopes(totals)
        for a, b, per in steps:
            say(f"    {a:,} -> {b:,}: {per * 1e6:.1f} us CPU per {unit}")
        growth = steps[-1][2] / steps[0][2] if steps[0][2] > 0 else float("inf")
        record(label, f"linear: the cost of one more {unit} at the largest sizes <= 1.25x at the smallest",
               f"{growth:.2f} ({steps[0][2] * 1e6:.0f} -> {steps[-1][2] * 1e6:.0f} us per {unit}; "
               f"{max(totals):,} in {totals[max(totals)]:.1f} s)", growth <= 1.25,
               cpu_s={n: t for n, t in totals.items()})


def _progress():
    sys.path.insert(0, str(ROOT / "bench"))
    import progress

    return progress


BENCHES = {
    "floor": bench_floor, "cli": bench_cli, "scale": bench_scale, "peer": bench_peer, "sizes": bench_sizes,
    "report": lambda quick: _progress().bench_report(quick, say, record),
    "workbook": lambda quick: _progress().bench_workbook(quick, say, record),
    "progress-scale": lambda quick: _progress().bench_progress_scale(quick, say, record, _generated, run_audit),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and sizes (a couple of minutes)")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ", ".join(BENCHES))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    info = machine()
    say("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    for name in args.only.split(","):
        BENCHES[name.strip()](args.quick)
        say()
    say("| benchmark | goal | measured | met |")
    say("|---|---|---|---|")
    for r in results:
        say(f"| {r['benchmark']} | {r['goal']} | {r['measured']} | {({True: 'yes', False: 'no', None: '-'})[r['met']]} |")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks of the yearly verification, run by bench/run.py (--only report,workbook,progress-scale):

- report   – `tebiki progress` (the sheet, text) for a strategy of 100 KPIs with 5 years of actual
             values vs `tebiki check` of the same strategy and progress, in one process, interleaved.
             Goal ≤ 2x.
- workbook – reading back a filled 500-row workbook (open, every cell, validation, the ids) vs
             checking examples/toyonaka.yaml, in one process, interleaved.  Goal ≤ 1x.  Also printed:
             the same record as a YAML progress file, read and attached (like with like).
- progress-scale – `tebiki audit` of 2,000 generated strategies with 5 years of progress each vs
             the same strategies without, per strategy (≤ 1.5x), at two sizes (linear?), and the
             peak memory of the audit and its workers (< 300 MB).
"""

from __future__ import annotations

import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def strategy_text(kpis: int, sid: str = "bench-2023", seed: int = 1) -> str:
    """A fictional strategy of `kpis` KPIs: goals of 5 measures with 5 KPIs each, every kind of target."""
    rng = random.Random(seed)
    per_goal = 25
    goals = []
    k = 0
    for gi in range((kpis + per_goal - 1) // per_goal):
        measures = []
        for mi in range(5):
            items = []
            for _ in range(5):
                if k >= kpis:
                    break
                k += 1
                base = rng.randint(50, 5000)
                kind = k % 5
                target = ({"value": base + rng.randint(10, 500), "year": "令和9年度"} if kind in (0, 1) else
                          {"value": rng.randint(100, 900), "aggregate": "sum", "period": "令和5年度～令和9年度"} if kind == 2 else
                          {"relative": "increase_on_previous_year", "year": "令和9年度"} if kind == 3 else
                          {"value": base - rng.randint(10, 40), "bound": "at_most", "year": "令和9年度"})
                items.append({"id": f"kpi-{k}", "name": f"指標{k}の満足度", "unit": "%", "kind": "outcome",
                              "data_source": "市民意識調査", "baseline": {"value": base, "as_of": "令和4年度"}, "target": target})
            if items:
                measures.append({"id": f"m-{gi}-{mi}", "name": f"施策{gi}-{mi}", "kpis": items})
        goals.append({"id": f"goal-{gi}", "name": f"基本目標{gi}", "directions": [{"id": f"dir-{gi}", "name": f"方向{gi}", "measures": measures}]})
    data = {"format": 1, "id": sid, "title": "ベンチマーク市総合戦略", "body": {"name": "ベンチマーク市", "level": "municipality"},
            "period": {"start": "令和5年度", "end": "令和9年度"}, "goals": goals}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def progress_texts(strategy: dict, years=range(2023, 2028), seed: int = 1) -> dict[int, str]:
    """One progress file per fiscal year with every KPI's actual value, an evaluation per measure and the verification."""
    rng = random.Random(seed)
    out = {}
    kpis = [(kpi["id"], kpi["baseline"]["value"]) for g in strategy["goals"] for d in g["directions"] for m in d["measures"] for kpi in m["kpis"]]
    measures = [m["id"] for g in strategy["goals"] for d in g["directions"] for m in d["measures"]]
    for fy in years:
        actuals = [{"kpi": k, "value": base + rng.randint(-20, 120), "status": "確定", "as_of": f"{fy + 1}-03-31", "source": "市民意識調査"}
                   for k, base in kpis]
        evaluations = [{"measure": m, "analysis": "周知が不足した。", "decision": rng.choice(["継続", "見直し", "拡充"]), "reason": "周知を強める。"}
                       for m in measures]
        data = {"format": 1, "strategy": strategy["id"], "fiscal_year": fy, "actuals": actuals, "evaluations": evaluations,
                "verification": {"meetings": [{"date": f"{fy + 1}-08-20", "external_experts": True, "sectors": ["産", "学"]}],
                                 "assembly": {"date": f"{fy + 1}-09-10", "form": "報告"},
                                 "publication": {"date": f"{fy + 1}-10-01", "url": f"https://example.jp/{fy}"}}}
        out[fy] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return out


def write_strategy(folder: Path, kpis: int, sid: str = "bench-2023", seed: int = 1, years=range(2023, 2028)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = strategy_text(kpis, sid, seed)
    path = folder / "strategy.yaml"
    path.write_text(text, encoding="utf-8")
    (folder / "progress").mkdir(exist_ok=True)
    for fy, body in progress_texts(yaml.safe_load(text), years, seed).items():
        (folder / "progress" / f"{fy}.yaml").write_text(body, encoding="utf-8")
    return path


def _interleaved(a, b, reps: int) -> tuple[float, float]:
    ta, tb = [], []
    for _ in range(reps):
        for fn, sink in ((a, ta), (b, tb)):
            t = time.perf_counter()
            fn()
            sink.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def bench_report(quick: bool, say, record) -> None:
    import datetime as dt

    from checker.api import check_file
    from checker.progress.render_text import render_text
    from checker.progress.report import progress_sheet

    reps = 5 if quick else 15
    today = dt.date(2028, 12, 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(write_strategy(Path(tmp) / "city", 100))
        check = lambda: check_file(path, today=today)  # noqa: E731
        report = lambda: render_text(progress_sheet(path, year=2027, today=today).sheet)  # noqa: E731
        check(), report()
        c, r = _interleaved(check, report, reps)
    say(f"[report] 100 KPIs x 5 years: check {c * 1000:.1f} ms, progress sheet (text) {r * 1000:.1f} ms")
    record("progress-report", "<= 2.0x its check", f"{r / c:.2f}x ({r * 1000:.1f} ms vs {c * 1000:.1f} ms)", r / c <= 2.0,
           check_ms=c * 1000, report_ms=r * 1000)


def filled_workbook(folder: Path, rows: int) -> tuple[Path, Path]:
    """A strategy of `rows` KPIs and its template for FY2025, every row filled in."""
    import openpyxl

    from checker.progress.excel import make_template

    strategy = write_strategy(folder, rows, years=range(2023, 2025))
    data, _ = make_template(str(strategy), None, 2025)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["実績"]
    keys = {c.value: i + 1 for i, c in enumerate(ws[2])}
    for r in range(3, ws.max_row + 1):
        ws.cell(r, keys["value"]).value = 100 + r
        ws.cell(r, keys["status"]).value = "確定"
        ws.cell(r, keys["as_of"]).value = "2026-03-31"
        ws.cell(r, keys["source"]).value = "市民意識調査"
    book = folder / "sheet.xlsx"
    wb.save(book)
    return strategy, book


def bench_workbook(quick: bool, say, record) -> None:
    """The workbook is filled in with openpyxl and then stored as Excel and LibreOffice save it (shared strings),
    since that is the file a user reads back."""
    from checker import load
    from checker.api import check_file
    from checker.graph import build_graph
    from checker.progress.assess import assess
    from checker.progress.data import attach
    from checker.progress.dump import canonical, dump_progress
    from checker.progress.load import load_progress
    from checker.progress.readback import read_workbook
    from checker.progress.schemes import get_scheme

    reps = 5 if quick else 15
    toyonaka = str(ROOT / "examples" / "toyonaka.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        strategy_path, book = filled_workbook(Path(tmp) / "city", 500)
        as_excel_saves(book)
        strategy = load(str(strategy_path))
        a = assess(build_graph(strategy), None, get_scheme(), upto=2025)
        read = lambda: read_workbook(str(book), strategy, a)  # noqa: E731
        check = lambda: check_file(toyonaka)  # noqa: E731
        record_read, _ = read()
        check()
        # Like with like: the same record written as a progress file (YAML), read and checked against the strategy.
        as_yaml = Path(tmp) / "city" / "progress" / "2025.yaml"
        as_yaml.write_text(dump_progress(canonical(record_read, a.graph)), encoding="utf-8")
        from_yaml = lambda: attach(strategy, [load_progress(str(as_yaml))], graph=a.graph)  # noqa: E731
        from_yaml()
        r, c = _interleaved(read, check, reps)
        r2, y = _interleaved(read, from_yaml, reps)
    say(f"[workbook] reading 500 rows {r * 1000:.1f} ms, checking Toyonaka {c * 1000:.1f} ms")
    say(f"           the same 500 rows as a YAML progress file, read and attached: {y * 1000:.1f} ms "
        f"(the workbook {r2 / y:.2f}x that)")
    record("progress-workbook", "<= 1.0x checking Toyonaka", f"{r / c:.2f}x ({r * 1000:.1f} ms vs {c * 1000:.1f} ms)", r / c <= 1.0,
           read_ms=r * 1000, toyonaka_ms=c * 1000, yaml_ms=y * 1000, vs_yaml=r2 / y)


def add_progress(folder: Path, years=range(2023, 2028), seed: int = 1) -> int:
    """Give every generated strategy of `folder` five years of progress (in progress/<id>/), like a prefecture's collection."""
    count = 0
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "goals" not in data:
            continue
        strategy = {"id": data["id"], "goals": [
            {"directions": [{"measures": [m for d in g.get("directions", []) for m in _measures(d)]}]} for g in data.get("goals", [])]}
        target = folder / "progress" / data["id"]
        target.mkdir(parents=True, exist_ok=True)
        for fy, body in progress_texts(_with_baselines(strategy), years, seed).items():
            (target / f"{fy}.yaml").write_text(body, encoding="utf-8")
            count += 1
    return count


def _measures(direction: dict) -> list[dict]:
    found = [m for m in direction.get("measures", []) if m.get("kpis")]
    for sub in direction.get("directions", []):
        found += _measures(sub)
    return found


def _with_baselines(strategy: dict) -> dict:
    for g in strategy["goals"]:
        for d in g["directions"]:
            for m in d["measures"]:
                m["kpis"] = [k for k in m["kpis"] if isinstance(k, dict) and "id" in k]
                for k in m["kpis"]:
                    value = (k.get("baseline") or {}).get("value")
                    k["baseline"] = {"value": value if isinstance(value, (int, float)) else 100}
    return strategy


def bench_progress_scale(quick: bool, say, record, generated, run_audit) -> None:
    """Audits of N generated strategies with and without five years of progress each, side by side (CPU time of
    the process tree per strategy, the median of two runs without), at two sizes; peak memory of the tree."""
    sizes = (200, 1000) if quick else (500, 2000)
    rows = []
    for n in sizes:
        plain = generated(n)
        with_progress = Path(tempfile.mkdtemp(prefix=f"tebiki-bench-progress-{n}-"))
        try:
            shutil.copytree(plain, with_progress, dirs_exist_ok=True)
            files = add_progress(with_progress)
            a = run_audit(plain)
            b = run_audit(with_progress)
            a2 = run_audit(plain)
            base = min(a["cpu"], a2["cpu"])
            peak = b["peak_tree_rss"] / 2**20
            rows.append((n, files, base, b["cpu"], peak))
            say(f"[progress-scale] N={n}: without {base / n * 1000:.2f} ms CPU per strategy; with {files} progress files "
                f"{b['cpu'] / n * 1000:.2f} ms ({b['cpu'] / base:.2f}x); peak {peak:.0f} MiB")
        finally:
            shutil.rmtree(with_progress, ignore_errors=True)
    (n1, _, _, w1, _), (n2, _, base2, w2, peak2) = rows
    linear = (w2 / n2) / (w1 / n1)
    ratio = w2 / base2
    record("progress-scale", "<= 1.5x per strategy, linear, < 300 MB",
           f"{ratio:.2f}x at N={n2}; {w1 / n1 * 1000:.2f} ms per strategy at N={n1} vs {w2 / n2 * 1000:.2f} ms at N={n2} "
           f"({linear:.2f}); peak {peak2:.0f} MiB",
           ratio <= 1.5 and linear <= 1.25 and peak2 < 300, ratio=ratio, linear=linear, peak_mib=peak2)


def as_excel_saves(book: Path) -> None:
    """Rewrite an openpyxl workbook the way Excel saves one: texts in the shared-strings part (UTF-8, each once)
    instead of inline in every cell.  A workbook filled in Excel or LibreOffice and saved comes back so."""
    import html
    import re
    import zipfile

    cell = re.compile(rb'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
    strings: dict[str, int] = {}

    def shared(m: re.Match) -> bytes:
        text = html.unescape(m.group(3).decode("utf-8"))
        index = strings.setdefault(text, len(strings))
        return b'<c r="' + m.group(1) + b'"' + m.group(2) + b' t="s"><v>' + str(index).encode() + b"</v></c>"

    with zipfile.ZipFile(book) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name in list(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = cell.sub(shared, parts[name])
    sst = "".join(f"<si><t xml:space=\"preserve\">{html.escape(s, quote=False)}</t></si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>').encode("utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)

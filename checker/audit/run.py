"""Run an audit: check every strategy of a folder in parallel, cross-check them with the
prefecture's strategy, and write each body's report page, audit.csv, audit-findings.csv,
audit.json, audit.xlsx and index.html.

Design, for thousands of files on a small machine:

- Each worker process loads the rule pack once, then for each file it is given: checks it
  (`check_file`, the same as `tebiki check`), reads the audit's facts off its graph, runs the
  per-municipality cross-check, writes the body's own report page (the same page as
  `tebiki report`, beside index.html under ``bodies/``), and renders its JSON entry and its rows
  of findings.  It sends back only those texts, one row and a few counts, never models or graphs.
- The parent consumes the results in file order (so the outputs are the same for any number
  of workers), appends each JSON entry and each finding's row to spool files in the output
  folder, and keeps only the rows and per-rule counts in memory.  The final files are then
  assembled by streaming the spools, so memory grows by a few kilobytes per file, not by its
  findings.
- The prefecture's own strategy is checked first, in the parent, because every worker needs
  its facts; the coverage part of the cross-check (XP05, XP06) needs every municipality, so the
  prefecture's page and entry are made last and placed first.
"""

from __future__ import annotations

import datetime as _dt
import gc
import multiprocessing
import json
import os
import re
import signal
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__, clock
from ..api import FileResult, check_file, get_pack
from ..config import Config
from ..engine.finding import Finding, Text
from ..engine.pack import Pack
from ..graph import build_graph
from ..load.errors import InputError, Problem
from ..outfolder import output_folder
from ..paths import bad_name
from . import crosscheck
from .aggregate import Layout, revision_values, row as make_row
from .facts import Facts, classifiers, extract
from .outputs import OUTPUTS, PAGES, Gathered, write_all
from .progress import Progress

_PREFECTURE_HINT = re.compile(r"""\blevel["']?\s*:\s*["']?prefecture\b""")


class UsageError(Exception):
    """The audit cannot start (no files, an ambiguous or wrong --prefecture)."""


@dataclass
class Outcome:
    """What checking one file sends back to the parent."""

    index: int
    file: str
    row: dict
    problems: list[Problem]
    failing: bool
    rule_counts: dict[str, tuple[int, int]]
    """code → (findings, justified)."""
    crosscheck: list[Finding]
    related: list[Finding]
    """The file's findings of the pack's checks that the cross-check defers to (crosscheck.RELATED_CHECKS)."""
    directions: tuple[str, ...]
    in_prefecture: bool
    entry: str
    finding_rows: list[dict]


@dataclass
class AuditResult:
    """The summary of an audit run: what the command needs for its exit code and messages."""

    out: Path
    files: int
    rows: list[dict]
    problems: list[Problem] = field(default_factory=list)
    failing: bool = False
    prefecture: str | None = None
    crosscheck: list[Finding] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [self.out / name for name in OUTPUTS]


# -- discovery -------------------------------------------------------------------------------


def discover(directory: str | os.PathLike) -> list[str]:
    """The strategy files of a folder: *.yaml / *.yml, recursively, sorted, hidden folders skipped."""
    from ..paths import walk

    root = Path(directory)
    if not root.is_dir():
        raise UsageError(f"{directory}:1:1: not a folder")
    return walk(root, hidden=False)


def find_prefecture(files: list[str], named: str | None, config: Config, pack: Pack, encoding: str | None, today) -> tuple[str | None, FileResult | None]:
    """The prefecture's strategy: the file named with --prefecture, or the one file of the folder with `body.level: prefecture`."""
    if named is not None:
        result = check_file(named, config=config, pack=pack, encoding=encoding, today=today)
        if result.ok and result.strategy.body.level.value != "prefecture":
            raise UsageError(f"{named}:1:1: --prefecture names a strategy whose body.level is {result.strategy.body.level.value}, not prefecture")
        return named, result
    candidates = []
    for path in files:
        try:
            with open(path, "rb") as fh:
                head = fh.read(1 << 20).decode("utf-8", errors="replace")
        except OSError:
            continue
        if _PREFECTURE_HINT.search(head):
            candidates.append(path)
    confirmed: list[tuple[str, FileResult]] = []
    for path in candidates:
        result = check_file(path, config=config, pack=pack, encoding=encoding, today=today)
        if result.ok and result.strategy.body.level.value == "prefecture":
            confirmed.append((path, result))
    if len(confirmed) > 1:
        names = ", ".join(p for p, _ in confirmed)
        raise UsageError(f"{confirmed[1][0]}:1:1: several prefectural strategies in the folder ({names}); name one with --prefecture")
    return confirmed[0] if confirmed else (None, None)


# -- one file (runs in a worker) --------------------------------------------------------------

_STATE: dict = {}


def _init(config: Config, layout: Layout, pref: Facts | None, lang: str, encoding: str | None, today, outdir: Path,
          date: str, progress: dict | None = None) -> None:
    _STATE.clear()
    pack = get_pack(config)
    rules = {**{r.code: r for r in crosscheck.records()}, **pack.by_code}
    _STATE.update(config=config, pack=pack, layout=layout, pref=pref, lang=lang, encoding=encoding, today=today,
                  outdir=outdir, date=date, rules=rules, progress=progress or {})
    if multiprocessing.parent_process() is not None:  # a worker: what it holds now lives as long as it does
        gc.freeze()


def _finding_entry(f: Finding, lang: str) -> dict:
    """A finding in audit.json: compact (the rule's name, area, sections are in the top-level "rules")."""
    entry = {"code": f.code, "severity": f.severity.value, "basis": f.basis.value, "line": f.line, "column": f.col,
             "node": f.node_id, "message": f.message.get(lang), "justified": f.justified}
    if f.deviation is not None:
        entry["deviation"] = {"justification": f.deviation.justification, "approver": f.deviation.approver,
                              "expires": f.deviation.expires, "line": f.deviation.line}
    return entry


def _entry_json(entry: dict) -> str:
    """One strategy's JSON: its fields indented, each finding on one line."""
    findings = entry.pop("findings")
    text = json.dumps(entry, ensure_ascii=False, indent=2)
    lines = ",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in findings)
    body = f'[\n{lines}\n  ]' if findings else "[]"
    return text[:-2] + f',\n  "findings": {body}\n}}'


def process(index: int, path: str, page: str | None, result: FileResult | None = None) -> Outcome:
    """Check one file (unless its result is given), write its page, and prepare what the other outputs need."""
    s = _STATE
    config, pack, layout, pref, lang = s["config"], s["pack"], s["layout"], s["pref"], s["lang"]
    try:
        if result is None and (problem := bad_name(path)) is not None:  # reported under a name that can be written
            path = problem.file
            result = FileResult(file=path, problems=[problem])
        if result is None:
            result = _check(path)
        facts = revision = progress = None
        findings = list(result.findings)
        xp: list[Finding] = []
        related: list[Finding] = []
        if result.ok:
            graph = result.graph or build_graph(result.strategy)
            facts = extract(result.strategy, graph, pack)
            revision = revision_values(result, pack, bool(config.edition), lang, config, s["today"])
            progress = _progress(graph, result.progress)
            if pref is not None:
                checks = {f.code: pack.by_code[f.code].check for f in findings if f.code in pack.by_code}
                related = [f for f in findings if checks.get(f.code) in crosscheck.RELATED_CHECKS.values()]
                xp = crosscheck.check_municipality(facts, pref, config, set(checks.values()))
                findings = sorted(findings + xp, key=lambda f: f.sort_key)
        problems = list(result.problems)
        if result.ok and page is not None:
            _write_page(page, result, findings)
    except Exception as exc:  # a bug in a check must not stop the other files
        facts, findings, xp, related, revision, progress = None, [], [], [], None, None
        problems = [Problem(path, 1, 1, f"internal error while checking: {type(exc).__name__}: {exc} (please report this)")]
    return _outcome(index, path, facts, findings, xp, related, problems, layout, lang, config, pref, revision, progress)


def _check(path: str) -> FileResult:
    """`check_file` with the strategy's progress records from the folder's index (read once, for it alone)."""
    from ..progress.attach import sources_in_index

    s = _STATE
    try:
        sources = sources_in_index(path, s["progress"], s["encoding"])
    except InputError as exc:
        return FileResult(file=path, problems=exc.problems)
    return check_file(path, config=s["config"], pack=s["pack"], encoding=s["encoding"], today=s["today"], keep_graph=True,
                      progress=sources)


def _progress(graph, data) -> dict:
    """The row's progress columns and the goals' shares (`checker.progress.summary`)."""
    from ..progress.summary import row_fields, summarise

    return row_fields(summarise(graph, data, reference=_STATE["pack"].reference, today=_STATE["today"]))


def _write_page(page: str, result: FileResult, findings: list[Finding]) -> None:
    """The body's own report page, beside index.html (the same page as `tebiki report`, with the cross-check)."""
    from ..fileio import write_atomic
    from ..html.strategy import strategy_page
    from ..html.templating import RunRecord

    s = _STATE
    config, pack = s["config"], s["pack"]
    from ..report import edition_record

    record = RunRecord(s["date"], (result.file,), pack.edition, pack.meta.title, fail_on=config.fail_on.value,
                       extra=edition_record([result], s["lang"]))
    back = "../" * page.count("/") + "index.html"
    html = strategy_page(result.strategy, findings, pack, s["lang"], fail_on=config.fail_on, record=record,
                         extra_rules=crosscheck.records(), back=back)
    write_atomic(s["outdir"] / page, html)


def _finding_rows(row: dict, findings: list[Finding]) -> list[dict]:
    from ..html.page import t
    from .tables import finding_row

    s = _STATE
    lang, layout, rules = s["lang"], s["layout"], s["rules"]
    return [finding_row(f, row, rules.get(f.code), layout.title(f.area, lang), t(f.node_type, lang) if f.node_type else "", lang)
            for f in findings]


def _outcome(index, path, facts, findings, xp, related, problems, layout, lang, config, pref, revision=None, progress=None) -> Outcome:
    row = make_row(path, layout, findings, facts, problems, config.fail_on, revision, progress)
    counts: dict[str, list[int]] = {}
    for f in findings:
        c = counts.setdefault(f.code, [0, 0])
        c[0] += 1
        c[1] += f.justified
    entry = dict(row)
    entry["findings"] = [_finding_entry(f, lang) for f in findings]
    entry["problems"] = [{"file": p.file, "line": p.line, "column": p.col, "message": p.message} for p in problems]
    in_pref = facts is not None and (pref is None or facts.prefecture_code in (None, pref.code))
    return Outcome(
        index=index,
        file=path,
        row=row,
        problems=problems,
        failing=any(not f.justified and f.severity.at_least(config.fail_on) for f in findings),
        rule_counts={k: (v[0], v[1]) for k, v in counts.items()},
        crosscheck=xp,
        related=related,
        directions=facts.directions if facts is not None and not facts.is_prefecture else (),
        in_prefecture=in_pref,
        entry=_entry_json(entry),
        finding_rows=_finding_rows(row, findings),
    )


def _init_worker(*args) -> None:
    """A worker: SIGINT is the parent's business (it stops the workers), so a Ctrl-C in the
    terminal, which reaches every process of the group, does not print a traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: terminate() just ends a worker
    _init(*args)


def _work(item: tuple[int, str, str | None]) -> Outcome:
    return process(*item)


def page_names(files: list[str], directory: str | os.PathLike) -> dict[str, str]:
    """Each file's page, relative to the output folder: ``bodies/`` + its path below `directory`
    (its name for a file outside it) with ``.html`` for the suffix; a clash gets ``-2``, ``-3``."""
    root = Path(directory).resolve()
    taken: set[str] = set()
    out = {}
    for f in files:
        path = Path(f).resolve()
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = Path(path.name)
        parts = [re.sub(r"[^\w.\-]", "_", p) or "_" for p in rel.with_suffix("").parts]
        base = f"{PAGES}/" + "/".join(parts)
        name, n = base + ".html", 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}.html"
        taken.add(name.lower())
        out[f] = name
    return out


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _rule_meta(pack: Pack, code: str) -> dict:
    rule = pack.by_code.get(code) or next((r for r in crosscheck.records() if r.code == code), None)
    if rule is None:
        return {"name": code, "title": Text(code, code), "severity": "info", "area": "", "sections": []}
    return {"name": rule.name, "title": rule.title.text, "severity": rule.severity.value, "area": rule.area.value, "sections": list(rule.sections)}


def run_audit(
    directory: str | os.PathLike,
    out: str | os.PathLike,
    *,
    prefecture: str | None = None,
    config: Config | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    encoding: str | None = None,
    today: _dt.date | None = None,
) -> AuditResult:
    """Audit every strategy of `directory` and write each body's page and the audit's files into `out` (see OUTPUTS)."""
    from ..html.templating import RunRecord

    config = config or Config()
    today = clock.today(today)  # one date for every worker, even across midnight
    pack = get_pack(config)
    lang = config.lang
    from ..progress.attach import index_progress

    files, progress_index = index_progress(discover(directory))  # progress files are read with their strategy
    if prefecture is not None:
        pref_abs = os.path.abspath(prefecture)
        files = [f for f in files if os.path.abspath(f) != pref_abs]
    pref_path, pref_result = find_prefecture(files, prefecture, config, pack, encoding, today)
    if pref_path is not None and prefecture is None:
        files = [f for f in files if f != pref_path]
    if not files and pref_path is None:
        raise UsageError(f"{directory}:1:1: no strategy files (*.yaml, *.yml) in this folder")

    pref_facts = None
    if pref_result is not None and pref_result.ok:
        pref_facts = extract(pref_result.strategy, build_graph(pref_result.strategy), pack)
    extra_areas = tuple(sorted({r.area.value for r in crosscheck.records()})) if pref_facts else ()
    layout = Layout.of(pack, extra_areas)
    jobs = max(1, jobs or default_jobs())
    offset = 1 if pref_path is not None else 0
    pages = page_names(([pref_path] if pref_path else []) + files, directory)
    items = [(i + offset, f, pages[f]) for i, f in enumerate(files)]

    outdir = Path(out)
    date = today.isoformat()
    show = sys.stderr.isatty() if progress is None else progress
    bar = Progress(len(items) + offset, enabled=show, lang=lang)
    rows: list[dict] = []
    stats: dict[str, dict] = {}
    xp_findings: list[Finding] = []
    related: list[Finding] = []
    problems: list[Problem] = []
    covered: dict[str, set[int]] = {}
    failing = False
    index_of: dict[str, int] = {}

    def take(o: Outcome) -> None:
        nonlocal failing
        rows.append(o.row)
        index_of[o.file] = o.index
        problems.extend(o.problems)
        failing |= o.failing
        xp_findings.extend(o.crosscheck)
        related.extend(o.related)
        if o.in_prefecture:
            for code in o.directions:
                covered.setdefault(code, set()).add(o.index)
        for code, (n, justified) in o.rule_counts.items():
            s = stats.setdefault(code, {**_rule_meta(pack, code), "findings": 0, "justified": 0, "strategies": set()})
            s["findings"] += n
            s["justified"] += justified
            s["strategies"].add(o.index)

    inputs = [*files, *([pref_path] if pref_path else [])]
    with output_folder(outdir, (*OUTPUTS, PAGES), inputs=inputs) as stage, \
            tempfile.TemporaryDirectory(prefix=".tebiki-audit-", dir=stage) as spool_dir:
        entries_path = Path(spool_dir) / "entries.json"
        findings_path = Path(spool_dir) / "findings.jsonl"
        with open(entries_path, "w", encoding="utf-8") as entries, open(findings_path, "w", encoding="utf-8") as found:
            first = [True]

            def spool(o: Outcome) -> None:
                entries.write(("" if first[0] else ",\n") + _indent(o.entry))
                first[0] = False
                found.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in o.finding_rows)

            if pref_path is not None:
                rows.append({})  # the prefecture's row, filled in at the end
                bar.advance()
            init = (config, layout, pref_facts, lang, encoding, today, stage, date, progress_index)
            if jobs == 1 or len(items) < 2:
                _init(*init)
                results = map(_work, items)
                pool = None
            else:
                pool = multiprocessing.Pool(min(jobs, len(items)), initializer=_init_worker, initargs=init)
                chunk = max(1, min(16, len(items) // (jobs * 8)))
                results = pool.imap(_work, items, chunksize=chunk)
            finished = False
            try:
                for o in results:
                    take(o)
                    spool(o)
                    bar.advance()
                finished = True
            finally:
                if pool is not None:
                    if finished:
                        pool.close()
                    else:  # interrupted (SIGINT, SIGTERM) or failed: stop the workers now
                        pool.terminate()
                    pool.join()
                bar.close()

        # the prefecture last: the coverage findings need every municipality
        pref_entry = ""
        pref_rows: list[dict] = []
        goal_rows: list[tuple] = []
        if pref_path is not None:
            _init(*init)
            coverage = crosscheck.check_coverage(pref_facts, covered, pack, config) if pref_facts else []
            o = process(0, pref_path, pages[pref_path], _with_findings(pref_result, coverage))
            o.crosscheck = coverage
            rows.pop(0)
            rows.insert(0, o.row)
            index_of[o.file] = 0
            problems[:0] = o.problems
            failing |= o.failing
            xp_findings[:0] = coverage
            for code, (n, justified) in o.rule_counts.items():
                s = stats.setdefault(code, {**_rule_meta(pack, code), "findings": 0, "justified": 0, "strategies": set()})
                s["findings"] += n
                s["justified"] += justified
                s["strategies"].add(0)
            pref_entry, pref_rows = _indent(o.entry), o.finding_rows
            if pref_facts:
                names = {d.code: (d.name.en if lang == "en" else d.name.ja) for d in pack.reference.directions}
                goal_rows = [
                    (g.place.node_name, "、".join(names.get(c, c) for c in g.directions) or "—",
                     len(set().union(*(covered.get(c, set()) for c in g.directions))))
                    for g in pref_facts.goals
                ]
        record = RunRecord(date, (str(directory),) + ((pref_path,) if pref_path and prefecture else ()), pack.edition,
                           pack.meta.title, fail_on=config.fail_on.value, extra=_edition_extra(pack, config, lang))
        shown = sorted(xp_findings + related, key=lambda f: (index_of.get(f.file, -1), f.sort_key))
        gathered = Gathered(
            directory=str(directory), outdir=stage, layout=layout, pack=pack, lang=lang, rows=rows,
            pages=[pages.get(r["file"]) if r.get("status") == "ok" else None for r in rows],
            summary=_summary(rows, problems), basis=classifiers(), stats=stats, crosscheck=xp_findings, related=related,
            problems=problems, prefecture=pref_path, pref_facts=pref_facts, goal_rows=goal_rows, index_of=index_of,
            fail_on=config.fail_on.value, record=record, shown_crosscheck=shown,
        )
        write_all(gathered, entries_path, pref_entry, pref_rows, findings_path)
    return AuditResult(outdir, len(rows), rows, problems, failing, pref_path, xp_findings)


def _edition_extra(pack: Pack, config: Config, lang: str) -> tuple[tuple[str, str], ...]:
    """What the run record says of the edition: each strategy is judged by the edition in force for it,
    unless --edition asks for one; an interim pack's notice."""
    en = lang == "en"
    how = (("asked for with --edition: the revision columns count what each strategy would need to revise to it" if en
            else "--edition で指定（見直しのポイントの列は、この版に合わせて各戦略が見直す点の数）") if config.edition
           else ("each strategy by the edition in force on its date (see the edition columns)" if en
                 else "各戦略の日付の時点で施行中の版（版の列を参照）"))
    lines = [("Edition used" if en else "点検に使った版", how)]
    if pack.meta.notice is not None:
        lines.append(("Interim" if en else "暫定", pack.meta.notice.en if en else pack.meta.notice.ja))
    return tuple(lines)


def _with_findings(result: FileResult, extra: list[Finding]) -> FileResult:
    if not extra or not result.ok:
        return result
    return replace(result, findings=sorted(result.findings + extra, key=lambda f: f.sort_key))


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _summary(rows: list[dict], problems: list[Problem]) -> dict:
    total = {"files": len(rows), "loaded": 0, "input_errors": 0, "failing": 0, "error": 0, "warning": 0, "info": 0,
             "justified": 0, "crosscheck": 0}
    for r in rows:
        if r["status"] == "ok":
            total["loaded"] += 1
        else:
            total["input_errors"] += 1
        total["failing"] += r.get("verdict") == "fail"
        for k in ("error", "warning", "info", "justified", "crosscheck"):
            total[k] += r[k]
    return total


__all__ = ["AuditResult", "InputError", "OUTPUTS", "UsageError", "discover", "page_names", "run_audit"]

"""One fact, one finding: rules merged from different areas that can see the same fact about the same node
never both report it.

- The strategy silent about what came before: CO12 (3-5, carrying on earlier efforts) defers to PG09 (7-1, the
  predecessor's verification) whenever PG09 reports that no predecessor is named.
- A change to an indicator without a reason: RV01–RV03 (the revised strategy: its `revisions`, or the comparison
  with the version it revises) and PG07/PG08 (the years' progress records) report each indicator's lowered
  target, removal or redefinition once; a reason in either place explains it for both.

The whole pack runs over `examples/` (with their progress and predecessors) and every rule fixture.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker import build_graph, load, loads, run_pack
from checker.api import load_predecessor
from checker.engine import available_editions, load_pack, pack_dir
from checker.progress.attach import progress_for

from .conftest import FIXTURES, TODAY
from .test_diff import BASE, edited

ROOT = Path(__file__).resolve().parent.parent
PACKS = [load_pack(pack_dir(e)) for e in available_editions()]
LINEAGE = {"CO12", "PG09"}
REVISION = {"RV01": "lowered", "RV02": "dropped", "RV03": "redefined", "PG08": "lowered"}
PG07_KIND = {"target": "lowered", "removed": "dropped", "replaced": "dropped", "definition": "redefined", "unit": "redefined"}


def _fact(f, root: str):
    """The fact a finding of these rules is about, or None for other rules."""
    if f.code in LINEAGE:
        return ("lineage", f.node_id)
    if f.code == "PG07":
        kind = f.message.en.split(" change of ", 1)[0].removeprefix("The ")
        what = PG07_KIND.get(kind, kind)
    elif f.code in REVISION:
        what = REVISION[f.code]
    else:
        return None
    # At the strategy's own node (a dropped indicator) the indicator is named only in the message.
    return ("revision", f.node_id, what, f.message.en if f.node_id == root else "")


def _repeated(strategy, pack, predecessor=None) -> list:
    findings = run_pack(build_graph(strategy), pack, today=TODAY, progress=progress_for(strategy), predecessor=predecessor)
    facts = Counter(fact for f in findings if (fact := _fact(f, strategy.id)) is not None)
    return [(fact, [(f.code, f.file, f.line) for f in findings if _fact(f, strategy.id) == fact]) for fact, n in facts.items() if n > 1]


def _inputs() -> list:
    examples = [p for p in sorted((ROOT / "examples").rglob("*.yaml")) if "progress" not in p.parts]
    fixtures = sorted((FIXTURES / "rules").glob("*/*.yaml"))
    return [pytest.param(p, id=str(p.relative_to(ROOT))) for p in examples + fixtures]


@pytest.mark.parametrize("path", _inputs())
def test_no_node_gets_two_findings_for_the_same_fact(path):
    strategy = load(str(path))
    predecessor = load_predecessor(strategy) if strategy.predecessor is not None and strategy.predecessor.file else None
    for pack in PACKS:
        assert _repeated(strategy, pack, predecessor) == [], pack.edition


def _codes(strategy, predecessor=None) -> list[str]:
    pack = load_pack(pack_dir())
    findings = run_pack(build_graph(strategy), pack, today=TODAY, progress=progress_for(strategy), predecessor=predecessor)
    return sorted(f.code for f in findings if f.code in LINEAGE | set(REVISION) | {"PG07"})


LOWERED = edited(("target: {value: 80, year: 令和9年度}", "target: {value: 70, year: 令和9年度}"))
RECORD = "  - {{kpi: kpi-1, change: target, old: 80%（令和9年度）, new: 70%（令和9年度）, date: 令和6年3月{reason}}}\n"
PROGRESS = ("progress:\n  - fiscal_year: 令和5年度\n    actuals:\n      - {{kpi: kpi-1, value: 62, status: 確定}}\n"
            "      - {{kpi: kpi-2, value: 25, status: 確定}}\n    revisions:\n  " + RECORD.replace("\n", "") + "\n")


def test_a_lowering_the_comparison_finds_and_the_strategy_records_without_a_reason_is_reported_once():
    revised = loads(LOWERED + "revisions:\n" + RECORD.format(reason=""))
    codes = _codes(revised, predecessor=loads(BASE))
    assert codes.count("RV01") == 1, codes


def test_a_lowering_in_the_comparison_and_in_a_years_record_is_rv01_once_and_not_pg08():
    revised = loads(LOWERED + PROGRESS.format(reason=""))
    assert [c for c in _codes(revised, predecessor=loads(BASE)) if c != "PG09"] == ["RV01"]


def test_a_reason_in_the_years_record_explains_the_lowering_the_comparison_finds():
    revised = loads(LOWERED + PROGRESS.format(reason=", reason: 令和5年度の検証で伸びの鈍化が確認されたため"))
    assert [c for c in _codes(revised, predecessor=loads(BASE)) if c != "PG09"] == []


def test_without_the_revised_strategy_showing_it_a_years_lowering_is_pg08():
    assert [c for c in _codes(loads(BASE + PROGRESS.format(reason=""))) if c != "PG09"] == ["PG08"]


def test_co12_defers_to_pg09_only_where_pg09_reports_it():
    silent = BASE.replace("period: {start: 令和5年度, end: 令和9年度}\n", "")
    assert _codes(loads(BASE)) == ["PG09"]
    assert _codes(loads(silent)) == ["CO12"]
    first = BASE.replace("令和5年度, end: 令和9年度", "平成27年度, end: 令和元年度")
    assert _codes(loads(first)) == ["CO12"]

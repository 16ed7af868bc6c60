"""No rule sends the user in a circle: what a rule suggests, the outcome rules accept.

* every KPI name a rule's fix gives as an example (例：…) reads as an outcome, or is one of
  the 手引き's own example KPIs, which the outcome rules never report;
* every rule's conforming example, placed in a strategy, draws no outcome warning (OC01), and the
  examples of the rules about which indicators to set (outcome KPIs, digital) draw no outcome
  finding at all.  A fragment's KPIs are placed on a measure, its numerical targets on a goal.
"""

from __future__ import annotations

import re

import pytest
import yaml

from checker import build_graph, loads, run_pack
from checker.engine import load_pack, pack_dir
from checker.kinds import classify
from checker.model import IndicatorKind
from checker.text import norm

from .conftest import TODAY

PACK = load_pack(pack_dir())
_EXAMPLE_LIST = re.compile(r"例[：:]\s*([^）)]+)")


def _suggested_names(text: str) -> list[str]:
    return [n.strip() for m in _EXAMPLE_LIST.finditer(text) for n in re.split(r"[、,]", m.group(1)) if n.strip()]


KPI_FIXES = [(r.code, n) for r in PACK.rules if ("KPI" in r.fix.ja or "指標" in r.fix.ja) for n in _suggested_names(r.fix.ja)]


def test_some_fixes_suggest_kpi_names():
    assert {code for code, _ in KPI_FIXES} >= {"OC01", "OC03", "DG03", "DG04"}


@pytest.mark.parametrize("code,name", KPI_FIXES)
def test_suggested_kpi_names_are_accepted(code, name):
    verdict = classify(name, PACK.reference)
    example = norm(name).replace(" ", "") in PACK.reference.kpi_examples
    assert verdict.kind is IndicatorKind.outcome or example, f"{code} suggests {name!r}, which reads as {verdict.kind}: {verdict.why().en}"


_SKELETON = {
    "format": 1,
    "id": "t",
    "title": "○○市デジタル田園都市国家構想総合戦略",
    "body": {"name": "○○市", "code": "272035", "level": "municipality", "prefecture": "大阪府"},
    "period": {"start": "令和5年度", "end": "令和9年度"},
}


def _strategy(fragment: dict) -> dict:
    """A strategy holding a rule's example fragment at the level its keys belong to."""
    data = dict(_SKELETON)
    goal = {"id": "goal-x", "name": "目標"}
    for key, value in fragment.items():
        if key in ("kgis",):
            data[key] = value
        elif key == "measures":
            goal.setdefault("directions", []).append({"id": "dir-x", "name": "方向", "measures": value})
        elif key == "kpis":
            measure = {"id": "m-x", "name": "施策", "kpis": value}
            goal.setdefault("directions", []).append({"id": "dir-k", "name": "方向", "measures": [measure]})
        elif key in ("numerical_targets", "directions", "supplementary"):
            goal[key] = value
    data["goals"] = [goal]
    return data


def _fragment(rule) -> dict | None:
    try:
        fragment = yaml.safe_load(rule.examples.conforming)
    except yaml.YAMLError:
        return None
    if not isinstance(fragment, dict) or not set(fragment) & {"kgis", "measures", "numerical_targets", "kpis", "directions"}:
        return None
    return fragment


PLACEABLE = [r.code for r in PACK.rules if _fragment(r) is not None]


def test_the_placeable_examples_include_the_outcome_and_digital_rules():
    assert {"OC01", "OC02", "OC03", "OC05", "DG04"} <= set(PLACEABLE)


@pytest.mark.parametrize("code", PLACEABLE)
def test_conforming_examples_draw_no_outcome_finding(code):
    rule = PACK.rule(code)
    text = yaml.safe_dump(_strategy(_fragment(rule)), allow_unicode=True, sort_keys=False)
    try:
        strategy = loads(text)
    except Exception as exc:  # a fragment that is not a whole part on its own (e.g. a field list)
        pytest.skip(f"{code}: example is not a loadable part: {exc}")
    found = [f for f in run_pack(build_graph(strategy), PACK, today=TODAY) if f.code.startswith("OC")]
    if rule.area.value not in ("outcome-kpis", "digital"):
        found = [f for f in found if f.severity.value == "warning"]
    assert not found, f"{code}'s conforming example draws {[(f.code, f.node_name) for f in found]}"

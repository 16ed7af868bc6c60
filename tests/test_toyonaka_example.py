"""examples/toyonaka.yaml against its source, 豊中市's 2023 draft digital strategy (【資料4】).

Expected counts were read off /work/shared/reference/toyonaka-strategy-draft-2023.txt, section
「（2）総合計画と豊中市デジタル総合戦略の関係表と重要業績評価指標(ＫＰＩ)」:

- a 施策 (basic direction) is a row "N．第N章－M …" (the numbering "N．" restarts on each page);
- a 施策の方向性 (sub-direction) is a row "（1）…", "（2）…" below it;
- a 主な取組み (measure) is a row "①…", "②…" below that; it has a pillar mark if "●" and a page
  are printed at the end of the row;
- a "－" row (printed at the end of the sub-direction row or on the next line) marks a
  sub-direction with no measure under the pillars;
- goal KPIs are the rows of each chapter's table "重要業績評価指標(ＫＰＩ)" (【再掲】 = re-listed);
- supplementary indicators are the "└" rows under "基本的な方向に関連する補足的な指標";
- digital KPIs are the five rows of "（3）…デジタル関連の重要業績評価指標(ＫＰＩ)" (printed twice
  in the file: once in the meeting paper's 新旧対照表, once in the strategy).

Counted by hand:

  chapter  施策  方向性  取組み  ●   －  KPIs(defined+再掲)  補足指標
  第1章     3     7      20     20   0   5 + 0               6  (1-1: 2, 1-2: 1, 1-3: 3)
  第2章     4    11      15      8   4   3 + 0               6  (2-1: 3, 2-2: 2, 2-4: 1)
  第3章     5    12      15     13   6   5 + 0               8  (3-2: 1, 3-4: 2, 3-5: 5)
  第4章     2     6       9      4   4   2 + 2               3  (4-1: 1, 4-2: 2)
  total    14    36      59     45  14  15 + 2              23

第2章－2 （2）生活衛生の確保を図ります has neither measures nor "－".  The source-text tests
below re-derive the structural counts from the text with a small line parser, so the hand
count, the parser and the YAML must all agree.
"""

from __future__ import annotations

import re
import os
from pathlib import Path

import pytest

from checker.load import load
from checker.model import BasicDirection, Goal, Indicator, IndicatorRef, Measure, Strategy
from checker.model.walk import iter_parts
from checker.text import norm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "toyonaka.yaml"
_NAME = "toyonaka-strategy-draft-2023.txt"
_CANDIDATES = [
    Path(os.environ["TEBIKI_REFERENCE_DIR"]) / _NAME if os.environ.get("TEBIKI_REFERENCE_DIR") else None,
    Path(__file__).resolve().parents[2] / "shared" / "reference" / _NAME,  # ../shared beside the checkout
    Path("/work/shared/reference") / _NAME,
]
SOURCE = next((p for p in _CANDIDATES if p is not None and p.is_file()), _CANDIDATES[1])
"""The source text (not part of the repository): $TEBIKI_REFERENCE_DIR, ../shared/reference, or /work/shared/reference."""

# chapter -> (施策, 施策の方向性, 主な取組み, ●, "－", defined KPIs, re-listed KPIs, supplementary)
EXPECTED = {
    "第1章": (3, 7, 20, 20, 0, 5, 0, 6),
    "第2章": (4, 11, 15, 8, 4, 3, 0, 6),
    "第3章": (5, 12, 15, 13, 6, 5, 0, 8),
    "第4章": (2, 6, 9, 4, 4, 2, 2, 3),
}
SUPPLEMENTARY_BY_DIRECTION = {
    "dir-1-1": 2, "dir-1-2": 1, "dir-1-3": 3,
    "dir-2-1": 3, "dir-2-2": 2, "dir-2-4": 1,
    "dir-3-2": 1, "dir-3-4": 2, "dir-3-5": 5,
    "dir-4-1": 1, "dir-4-2": 2,
}
DIGITAL = {  # digital KPI -> (name, direction label)
    "kpi-digital-1": ("とよふぁみ登録者数", "第1章－1"),
    "kpi-digital-2": ("マイ・タイムライン作成サービスを利用して作成した人数", "第2章－4"),
    "kpi-digital-3": ("デジタル地域ポイント付与事業の利用ポイント数", "第3章－5"),
    "kpi-digital-4": ("デジタル地域ポイント参加事業所数", "第3章－5"),
    "kpi-digital-5": ("電子図書の貸し出し数", "第4章－2"),
}


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    return load(str(EXAMPLE))


@pytest.fixture(scope="module")
def source_text() -> str:
    if not SOURCE.is_file():
        pytest.skip(f"source text not available: {SOURCE}")
    return SOURCE.read_text(encoding="utf-8")


def subdirections(goal: Goal) -> list[BasicDirection]:
    return [sub for d in goal.directions for sub in d.directions]


def measures(goal: Goal) -> list[Measure]:
    return [m for sub in subdirections(goal) for m in sub.measures]


def nodes(strategy: Strategy) -> dict[str, object]:
    return {part.id: part for _, part in iter_parts(strategy) if hasattr(part, "id") and isinstance(getattr(part, "id"), str)}


def goal_kpis(goal: Goal) -> tuple[list[Indicator], list[IndicatorRef]]:
    return (
        [k for k in goal.kpis if isinstance(k, Indicator)],
        [k for k in goal.kpis if isinstance(k, IndicatorRef)],
    )


def all_indicators(strategy: Strategy) -> list[Indicator | IndicatorRef]:
    return [p for _, p in iter_parts(strategy) if isinstance(p, (Indicator, IndicatorRef))]


def compact(text: str) -> str:
    """Source text without white space and thousands separators."""
    return re.sub(r"\s+", "", text).replace(",", "")


def number_text(value: int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


# --------------------------------------------------------------------------- structure


def test_identity(strategy: Strategy) -> None:
    assert strategy.id == "toyonaka-digital-2023"
    assert strategy.title == "デジタル田園都市国家構想の実現に向けた豊中市まち・ひと・しごと創生総合戦略"
    assert strategy.short_title == "豊中市デジタル総合戦略"
    assert (strategy.body.name, strategy.body.code, strategy.body.level.value) == ("豊中市", "272035", "municipality")
    assert strategy.body.prefecture == "大阪府"
    assert strategy.status.value == "draft"
    assert {d.id for d in strategy.documents} >= {"shiryo4", "kouki-kihon-keikaku"}
    assert strategy.deviations == []
    assert strategy.considers.prefectural_strategy is None  # the source is silent about 大阪府's strategy
    assert strategy.governance.publication is None and strategy.governance.assembly is None


def test_period(strategy: Strategy) -> None:
    assert (strategy.period.start.fy, strategy.period.end.fy) == (2023, 2027)
    assert strategy.period.fiscal_years == 5
    assert "5年間とします" in strategy.period.text


def test_considers(strategy: Strategy) -> None:
    c = strategy.considers
    assert c.national_strategy.title == "デジタル田園都市国家構想総合戦略"
    assert c.national_strategy.edition == "2022-12"
    assert c.comprehensive_plan.title == "第4次豊中市総合計画"
    assert c.comprehensive_plan.relation.value == "extracted"
    assert (c.comprehensive_plan.period.start.fy, c.comprehensive_plan.period.end.fy) == (2023, 2027)


def test_vision_and_pillars(strategy: Strategy) -> None:
    assert strategy.vision.name == "子育て世帯に選ばれ、住み続けたくなるまち"
    assert [p.name for p in strategy.vision.pillars] == [
        "子育て環境の充実", "教育環境の充実", "住環境の充実", "安全・安心な暮らしの確保",
    ]
    pillars = {g.label: g.pillars for g in strategy.goals}
    assert pillars == {
        "第1章": ["pillar-childcare", "pillar-education"],
        "第2章": ["pillar-housing", "pillar-safety"],
        "第3章": ["pillar-housing"],
        "第4章": ["pillar-housing"],
    }


def test_kgis_and_projections(strategy: Strategy) -> None:
    projections = {p.id: p for p in strategy.considers.population_vision.projections}
    assert [(k.name, k.target.value, k.target.bound.value, k.target.year.fy) for k in strategy.kgis] == [
        ("総人口", 400000, "at_least", 2027),
        ("年少人口の割合", 13, "at_least", 2027),
        ("生産年齢人口の割合", 60, "at_least", 2027),
    ]
    series = {k.name: [(pt.year.year, pt.value, pt.label) for pt in projections[k.projection].points] for k in strategy.kgis}
    assert series == {
        "総人口": [(2020, 401558, "現状"), (2027, 402190, "短期"), (2040, 400861, "長期")],
        "年少人口の割合": [(2020, 13.7, "現状"), (2027, 13.3, "短期"), (2040, 13.0, "長期")],
        "生産年齢人口の割合": [(2020, 60.0, "現状"), (2027, 60.5, "短期"), (2040, 57.2, "長期")],
    }
    assert projections["proj-population"].name == "想定人口"
    # the projection years are calendar years (令和2年（2020年）), not fiscal years
    assert all(not pt.year.fiscal for p in projections.values() for pt in p.points)


def test_goal_count(strategy: Strategy) -> None:
    assert [(g.id, g.label) for g in strategy.goals] == [
        ("goal-1", "第1章"), ("goal-2", "第2章"), ("goal-3", "第3章"), ("goal-4", "第4章"),
    ]


@pytest.mark.parametrize("chapter", list(EXPECTED))
def test_chapter_counts(strategy: Strategy, chapter: str) -> None:
    goal = next(g for g in strategy.goals if g.label == chapter)
    defined, relisted = goal_kpis(goal)
    ms = measures(goal)
    got = (
        len(goal.directions),
        len(subdirections(goal)),
        len(ms),
        sum(m.pillar_mark for m in ms),
        sum(s.no_pillar_measures for s in subdirections(goal)),
        len(defined),
        len(relisted),
        sum(len(d.supplementary_indicators) for d in goal.directions),
    )
    assert got == EXPECTED[chapter]
    # every 施策 label belongs to its chapter, and "－" sub-directions have no measures
    assert all(d.label.startswith(chapter + "－") for d in goal.directions)
    assert all(not s.measures for s in subdirections(goal) if s.no_pillar_measures)


def test_measures_with_mark_have_pages(strategy: Strategy) -> None:
    for goal in strategy.goals:
        for m in measures(goal):
            if m.pillar_mark:
                assert m.source.document == "kouki-kihon-keikaku" and isinstance(m.source.page, int), m.id
            else:
                assert m.source is None or m.source.page is None, m.id
    m = nodes(strategy)["m-1-3-1-2"]  # printed "37."
    assert m.source.page == 37


def test_empty_subdirection_without_dash(strategy: Strategy) -> None:
    d = nodes(strategy)["dir-2-2-2"]
    assert d.name == "生活衛生の確保を図ります"
    assert d.measures == [] and d.no_pillar_measures is False
    # 施策 whose sub-directions are all "－"
    for dir_id in ("dir-2-3", "dir-3-1"):
        d = nodes(strategy)[dir_id]
        assert d.directions and all(s.no_pillar_measures for s in d.directions)


def test_supplementary_indicators(strategy: Strategy) -> None:
    got = {d.id: len(d.supplementary_indicators) for g in strategy.goals for d in g.directions if d.supplementary_indicators}
    assert got == SUPPLEMENTARY_BY_DIRECTION
    by_id = nodes(strategy)
    assert by_id["sup-1-3-3"].population == "15～39歳"
    assert by_id["sup-3-2-1"].population == "18～49歳"


def test_digital_kpis(strategy: Strategy) -> None:
    found = {}
    for goal in strategy.goals:
        for d in goal.directions:
            for k in d.kpis:
                assert isinstance(k, Indicator) and k.digital is True
                found[k.id] = (k.name, d.label)
    assert found == DIGITAL
    # no other indicator is marked digital
    assert {k.id for k in all_indicators(strategy) if isinstance(k, Indicator) and k.digital} == set(DIGITAL)


def test_sample_values(strategy: Strategy) -> None:
    n = nodes(strategy)
    k = n["kpi-1-1"]
    assert (k.population, k.baseline.value, k.baseline.as_of.fy, k.target.value, k.target.year.fy) == (
        "18歳以下の子どもがいる市民", 68.1, 2021, 73, 2027)
    assert k.data_source == "市民意識調査"

    k = n["kpi-1-3"]  # two 対象
    assert [(s.population, s.baseline.value, s.target.value) for s in k.segments] == [
        ("18歳以下の子どもがいる市民", 53.9, 59),
        ("18歳以下の子どもがいない40歳未満の市民", 45.7, 50),
    ]

    k = n["kpi-1-4"]  # 合計特殊出生率: averages over five fiscal years
    assert (k.baseline.value, k.baseline.aggregate.value, k.baseline.period.start.fy, k.baseline.period.end.fy) == (
        1.49, "average", 2016, 2020)
    assert (k.target.relative.value, k.target.aggregate.value, k.target.period.start.fy, k.target.period.end.fy) == (
        "maintain", "average", 2023, 2027)

    k = n["kpi-1-5"]  # 出生数: a five-year sum, target 維持
    assert (k.baseline.value, k.baseline.aggregate.value, k.baseline.period.fiscal_years) == (17117, "sum", 5)
    assert k.target.relative.value == "maintain" and k.target.aggregate.value == "sum"

    k = n["kpi-3-2"]  # 社会増加数
    assert (k.baseline.value, k.baseline.text, k.target.value, k.target.text) == (
        6814, "5年間で6,814人増加", 7400, "5年間で7,400人増加")

    k = n["kpi-3-3"]  # 温室効果ガス
    assert (k.baseline.value, k.baseline.as_of.fy, k.target.value, k.better.value) == (-22.4, 2020, -38.3, "lower")

    k = n["kpi-3-5"]
    assert (k.baseline.value, k.baseline.as_of.fy, k.baseline.note, k.target.relative.value) == (
        13237, 2021, "速報値", "maintain")

    k = n["kpi-4-2"]
    assert k.target.relative.value == "above_national_average"
    assert k.baseline.note == "※全国平均：78.5%"

    k = n["kpi-digital-1"]
    assert (k.baseline.value, k.baseline.as_of.year, k.baseline.as_of.month, k.baseline.as_of.day) == (8211, 2022, 12, 31)
    assert (k.target.value, k.target.year.fy) == (11200, 2027)

    k = n["kpi-digital-2"]
    assert k.baseline.value is None and k.baseline.text == "R5年度にサービスを構築"
    assert (k.target.value, k.target.aggregate.value, k.target.period.start.fy, k.target.period.end.fy) == (
        1000, "sum", 2023, 2027)

    k = n["kpi-digital-3"]
    assert k.baseline.value is None and k.target.value == 35_000_000

    k = n["kpi-digital-4"]
    assert (k.baseline.value, k.baseline.as_of, k.target.value) == (1641, None, 2000)

    k = n["kpi-digital-5"]
    assert (k.baseline.value, k.baseline.period.start.month, k.baseline.period.end.month) == (5165, 7, 12)
    assert k.target.relative.value == "increase_on_previous_year"


def test_relisted_kpis_resolve_to_chapter_3(strategy: Strategy) -> None:
    n = nodes(strategy)
    goal3 = next(g for g in strategy.goals if g.label == "第3章")
    goal4 = next(g for g in strategy.goals if g.label == "第4章")
    _, relisted = goal_kpis(goal4)
    assert [r.ref for r in relisted] == ["kpi-3-1", "kpi-3-2"]
    chapter3_ids = {k.id for k in goal_kpis(goal3)[0]}
    for r in relisted:
        assert r.relisted is True and r.ref in chapter3_ids
        target = n[r.ref]
        # the values printed with 【再掲】 in chapter 4 are those of chapter 3
        assert r.baseline.value == target.baseline.value
        assert r.target.text == target.target.text
    assert n["kpi-3-1"].name == "住み続けたいと感じている市民の割合"
    assert n["kpi-3-2"].name == "社会増加数"


def test_survey_marks(strategy: Strategy) -> None:
    # ※ (市民意識調査) marks printed per KPI page: 3, 3, 2, 2 (see comments in the YAML)
    surveyed = sorted(p.id for p in all_indicators(strategy) if isinstance(p, Indicator) and p.data_source == "市民意識調査")
    assert surveyed == sorted(["kpi-1-1", "kpi-1-2", "kpi-1-3", "kpi-2-1", "kpi-2-2", "kpi-2-3",
                               "kpi-3-1", "sup-3-2-1", "kpi-4-1"])


# --------------------------------------------------------------------------- against the source text


def test_kpi_values_appear_in_source(strategy: Strategy, source_text: str) -> None:
    text = compact(source_text)
    for ind in all_indicators(strategy):
        rows = list(ind.measurements()) if isinstance(ind, Indicator) else [(ind.population, ind.baseline, ind.target)]
        for _, baseline, target in rows:
            for v in (baseline, target):
                if v is not None and v.value is not None and v.text and "万" not in v.text:
                    assert number_text(v.value) in text, (getattr(ind, "id", None) or ind.ref, v.value)
                if v is not None and v.text:
                    assert compact(v.text) in text, v.text


def test_text_appears_in_source(strategy: Strategy, source_text: str) -> None:
    text = norm(source_text)
    checked = 0
    for _, part in iter_parts(strategy):
        for attr in ("name", "population"):
            value = getattr(part, attr, None)
            if isinstance(value, str) and not isinstance(part, type(strategy.body)):
                assert norm(value) in text, value
                checked += 1
        for example in getattr(part, "main_examples", []):
            assert norm(example) in text, example
            checked += 1
    assert checked > 150


def test_projection_values_appear_in_source(strategy: Strategy, source_text: str) -> None:
    text = compact(source_text)
    for p in strategy.considers.population_vision.projections:
        for pt in p.points:
            assert number_text(pt.value) in text


def _parse_relation_table(source_text: str) -> dict[str, list[int]]:
    """Counts per chapter from the relation table rows of the source text."""
    lines = source_text.splitlines()
    start = next(i for i, l in enumerate(lines) if "総合計画と豊中市デジタル総合戦略の関係表と重要業績評価指標" in l and "（2）" in l)
    end = next(i for i, l in enumerate(lines) if i > start and "デジタル関連の重要業績評価指標" in l)
    counts: dict[str, list[int]] = {}
    chapter = None
    for raw in lines[start:end]:
        line = raw.strip()
        m = re.match(r"^\d．第\s*(\d)章－\d", line)
        if m:
            chapter = f"第{m.group(1)}章"
            counts.setdefault(chapter, [0] * 6)
            counts[chapter][0] += 1
            continue
        if chapter is None:
            continue
        c = counts[chapter]
        if re.match(r"^（\d）", line):
            c[1] += 1
        if re.match(r"^[①-⑳]", line):
            c[2] += 1
            c[3] += "●" in line
        if line.endswith("－"):
            c[4] += 1
        if line.startswith("└"):
            c[5] += 1
    # supplementary indicators follow the KPI table, i.e. after the chapter's last 施策 row:
    # they are counted under the chapter that was current, which is the same chapter.
    return counts


def test_structure_counts_from_source(strategy: Strategy, source_text: str) -> None:
    parsed = _parse_relation_table(source_text)
    for chapter, (n_dir, n_sub, n_m, n_mark, n_dash, _, _, n_sup) in EXPECTED.items():
        assert parsed[chapter] == [n_dir, n_sub, n_m, n_mark, n_dash, n_sup], chapter
    # ● appears twice more in the explanation of the table ("「●」を付けています")
    assert source_text.count("●") - 2 == sum(e[3] for e in EXPECTED.values())


def test_measure_rows_match_source(strategy: Strategy, source_text: str) -> None:
    rows = [re.sub(r"\s+", "", l) for l in source_text.splitlines()]
    for goal in strategy.goals:
        for m in measures(goal):
            key = m.label + m.name
            matches = [r for r in rows if r.startswith(key)]
            assert len(matches) == 1, key
            row = matches[0]
            assert ("●" in row) == m.pillar_mark, key
            if m.pillar_mark:
                assert re.fullmatch(re.escape(key) + r"●" + str(m.source.page) + r"\.?", row), row


def test_main_examples_match_source(strategy: Strategy, source_text: str) -> None:
    items = []
    for raw in source_text.splitlines():
        line = raw.strip()
        if line.startswith("・") and "指標" not in line and "【" not in line:
            items.append(norm(re.sub(r"\s*など\s*$", "", line[1:])))
    # the first three "・" lines are the change points in the meeting paper, not examples
    items = items[items.index(norm("不妊症・不育症治療費等への助成")):]
    ours = [norm(e) for g in strategy.goals for d in g.directions for e in d.main_examples]
    assert ours == items
    assert len(ours) == 41


def test_digital_table_printed_twice(strategy: Strategy, source_text: str) -> None:
    text = norm(source_text)
    for name, direction in DIGITAL.values():
        assert text.count(norm(name)) >= 2, name

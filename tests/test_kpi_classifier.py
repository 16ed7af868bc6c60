"""The outcome/output reading of checker/kinds on telling names, and the outcome rules built on it.

The labelled corpus (tests/data/kpi_kinds.csv, tests/test_kind_corpus.py) measures the
reading on hundreds of real names; the tests here pin each way of reading a name.
"""

from __future__ import annotations

from checker import load
from checker.graph import NodeType
from checker.kinds import classify
from checker.model import Indicator, IndicatorKind

from .conftest import ROOT

O = IndicatorKind.outcome
P = IndicatorKind.output


def test_the_counted_thing_decides_not_the_counter(pack):
    """Names the issue tracker quoted: the last counter word used to decide them wrongly."""
    for name, kind in {
        "空き巣の発生件数": O,
        "救急搬送件数": O,
        "計画を策定した自治会の割合": P,
        "離職率": O,
        "平均寿命": O,
        "耕作放棄地の面積": O,
        "改修した校舎の数": P,
        "開設した窓口の数": P,
        "派遣した専門家の人数": P,
    }.items():
        assert classify(name, pack.reference).kind is kind, name


def test_who_acts_decides_an_adoption(pack):
    assert classify("地域内企業のIoT導入率", pack.reference).reasons == ("導入率", "企業") or classify("地域内企業のIoT導入率", pack.reference).kind is O
    v = classify("ICTを導入した養殖業経営体数", pack.reference)
    assert v.kind is O and v.rule == "adoption-actor"
    v = classify("1人1台端末を授業でほぼ毎日活用している学校の割合", pack.reference)
    assert v.kind is P and v.rule == "adoption-public"
    assert classify("災害対策にかかるIoT技術等の導入件数", pack.reference).kind is P


def test_what_is_used_decides_a_use(pack):
    v = classify("公共交通の利用者数", pack.reference)
    assert v.kind is O and v.reasons == ("利用", "公共交通")
    v = classify("相談窓口の利用件数", pack.reference)
    assert v.kind is P and v.reasons == ("利用", "窓口")
    assert classify("ボランティア活動に参加している市民の割合", pack.reference).kind is O
    v = classify("移住セミナーの参加者数", pack.reference)
    assert v.kind is P and v.activity


def test_reasons_name_the_deciding_word(pack):
    v = classify("イベントの開催数", pack.reference)
    assert v.reasons == ("開催",) and v.activity and v.strong
    assert "開催" in v.why().ja and "output" in v.why().en
    v = classify("市民一人あたりの温室効果ガス排出量", pack.reference)
    assert v.kind is O and "outcome" in v.why().en


def test_bracketed_remarks_are_set_aside(pack):
    assert classify("市民一人あたりの温室効果ガス排出量（1990年度比）", pack.reference).reasons == ("排出",)
    assert classify("CSW(コミュニティソーシャルワーカー)相談支援件数", pack.reference).reasons == ("支援件数",)


def test_declared_kind_wins_but_the_wording_is_kept(pack):
    ind = Indicator(id="k", name="セミナー開催回数", kind="outcome")
    v = classify(ind, pack.reference)
    assert v.kind is O and v.declared and v.wording is P and v.strong
    assert "outcome" in v.why().en


def test_unit_of_times_marks_an_activity(pack):
    v = classify(Indicator(id="k", name="出前講演", unit="回"), pack.reference)
    assert v.kind is P and v.activity


def test_a_name_with_no_activity_of_the_administration_is_an_outcome_by_default(pack):
    """The administration's activities are a closed vocabulary; residents' and the region's states an open one."""
    for name in ("緑地率", "食料自給率(カロリーベース)", "身近な景観が美しい", "リピーター率", "6歳未満の子供を持つ夫の育児・家事関連時間"):
        v = classify(name, pack.reference)
        assert v.kind is O and v.rule == "default" and not v.reasons, name
        assert not v.strong and "no activity of the administration" in v.why().en


def test_competing_readings_are_undecided(pack):
    """An activity word followed by a count of residents or businesses: who acts cannot be read."""
    v = classify("取引拡大に意欲的に取組もうとする事業所数", pack.reference)
    assert v.kind is None and v.rule == "competing" and v.reasons == ("取組", "事業所")
    assert "compete" in v.why().en
    assert classify("", pack.reference).kind is None


def test_the_administrations_own_organisation_is_an_output(pack):
    for name in ("庁内の事務事業に伴うエネルギー消費量", "公用車の低公害車普及率", "国家公務員の男性の育児休業取得率", "国の審議会等委員に占める女性の割合"):
        v = classify(name, pack.reference)
        assert v.kind is P and v.rule == "own-operation", name
    # the state of what residents use, or how they judge it, is still theirs
    assert classify("公共施設の満足度", pack.reference).kind is O
    assert classify("小学校の不登校児童数", pack.reference).kind is O


def test_the_survey_a_name_cites_is_not_what_it_counts(pack):
    v = classify("全国学力・学習状況調査の結果で全国平均以上の項目の割合", pack.reference)
    assert v.kind is O and "調査" not in v.reasons
    assert classify("全国学力・学習状況調査で「夢や目標を持っている」と答えた小中学生の割合", pack.reference).rule == "perception"
    assert classify("埋蔵文化財立会・試掘・本調査件数", pack.reference).kind is P


def test_an_amount_taken_up_with_nobody_named_is_an_outcome(pack):
    assert classify("再生可能エネルギー導入量(設備容量)", pack.reference).rule == "adoption-amount"
    assert classify("太陽光発電システム設置戸数", pack.reference).kind is O
    assert classify("災害対策にかかるIoT技術等の導入件数", pack.reference).kind is P


def test_roles_and_partners_of_a_programme_are_outputs(pack):
    for name in ("認知症サポーター数", "石巻圏DMO協力団体数", "自主防災組織組織化率", "市税徴収率", "贈呈者数"):
        assert classify(name, pack.reference).kind is P, name


# -- the rules built on the classifier and the KPI-quality checks, on Toyonaka and small cases ------


_CHECKED_TYPES = (NodeType.kgi, NodeType.numerical_target, NodeType.kpi)


def _findings(strategy, pack, prefixes=("OC", "KQ")):
    from checker import build_graph, run_pack

    from .conftest import TODAY

    return [f for f in run_pack(build_graph(strategy), pack, today=TODAY) if f.code[:2] in prefixes]


def test_toyonaka_calibration(pack):
    """What a careful reader of the draft finds in these two areas (see docs/rules/OC*.md, KQ*.md)."""
    strategy = load(ROOT / "examples" / "toyonaka.yaml")
    found = _findings(strategy, pack)
    assert {(f.code, f.node_id) for f in found if f.code != "KQ12"} == {
        ("KQ02", "kpi-digital-2"),  # baseline "R5年度にサービスを構築": none yet, stated
        ("KQ02", "kpi-digital-3"),  # baseline "令和5年度より通年実施"
        ("KQ03", "kpi-digital-4"),  # "1,641事業所" printed with no year
        ("KQ10", "kpi-digital-5"),  # target "前年より増加"
    }
    # no outcome findings: every goal's KPIs are outcomes, and they cover the digital (output) KPIs below them
    assert not [f for f in found if f.code.startswith("OC")]
    # the 【再掲】 KPIs of 第4章 print the same values as 第3章
    assert not [f for f in found if f.code == "KQ11"]
    no_source = {f.node_id for f in found if f.code == "KQ12"}
    from checker import build_graph

    g = build_graph(strategy)
    assert no_source == {n for n in g.nodes(*_CHECKED_TYPES) if not g.part(n).data_source}


_BASE = """
format: 1
id: t
title: ○○市デジタル田園都市国家構想総合戦略
body: {name: ○○市, code: "272035", level: municipality, prefecture: 大阪府}
period: {start: 令和5年度, end: 令和9年度}
goals:
  - id: goal-1
    name: 目標
    kpis:
%s
    directions:
      - id: dir-1
        name: 方向
        measures:
          - {id: m-1, name: 施策}
"""


def _kq(pack, kpis: str, code: str):
    from checker import loads

    text = _BASE % "\n".join("      " + line for line in kpis.strip("\n").splitlines())
    return [f for f in _findings(loads(text), pack, (code[:2],)) if f.code == code]


def test_direction_of_a_decrease_word(pack):
    wrong = """
- id: k
  name: 保育所等待機児童数
  unit: 人
  baseline: {value: 5, as_of: 令和4年度}
  target: {value: 10, year: 令和9年度}
"""
    assert _kq(pack, wrong, "KQ09")


def test_direction_left_alone_for_reduction_words(pack):
    # 削減率 should go up although 排出量 is a decrease word: not judged without `better`
    kpis = """
- id: k
  name: 温室効果ガス排出量の削減率
  unit: "%"
  baseline: {value: 20, as_of: 令和4年度}
  target: {value: 30, year: 令和9年度}
"""
    assert not _kq(pack, kpis, "KQ09")


def test_relative_target_against_a_decrease_word(pack):
    kpis = """
- id: k
  name: 交通事故件数
  unit: 件
  baseline: {value: 800, as_of: 令和4年度}
  target: {relative: increase, text: 増加, year: 令和9年度}
"""
    assert _kq(pack, kpis, "KQ09")


def test_partial_year_or_different_spans_are_not_compared(pack):
    kpis = """
- id: k1
  name: 電子図書の貸し出し数
  unit: 冊
  baseline: {value: 5165, period: R4.7～12}
  target: {value: 5000, year: 令和9年度}
- id: k2
  name: 本市相談窓口を通じた移住者数
  unit: 人
  baseline: {value: 500, aggregate: sum, period: 平成30年度～令和4年度}
  target: {value: 300, aggregate: sum, period: 令和5年度～令和7年度}
"""
    assert not _kq(pack, kpis, "KQ09")


def test_maintain_needs_a_stated_baseline(pack):
    kpis = """
- id: k
  name: 住み続けたいと感じている市民の割合
  unit: "%"
  baseline: {value: null, text: 未調査}
  target: {relative: maintain, text: 維持, year: 令和9年度}
"""
    assert _kq(pack, kpis, "KQ10")


def test_each_segment_is_checked(pack):
    kpis = """
- id: k
  name: 子どもや若者が地域の中で、いきいきと活動できていると感じている市民の割合
  unit: "%"
  data_source: 市民意識調査
  segments:
    - population: 18歳以下の子どもがいる市民
      baseline: {value: 53.9, as_of: 令和3年度}
      target: {value: 59, year: 令和9年度}
    - population: 18歳以下の子どもがいない40歳未満の市民
      target: {value: 50, year: 令和9年度}
"""
    found = _kq(pack, kpis, "KQ01")
    assert len(found) == 1 and "40歳未満" in found[0].message.ja


def test_an_undecided_co_target_does_not_silence_the_output_rule(pack):
    kpis = """
- {id: k1, name: 移住相談件数, unit: 件, target: {value: 200, year: 令和9年度}}
- {id: k2, name: 新製品開発に取組もうとする事業所数, unit: 事業所, target: {value: 4, year: 令和9年度}}
"""
    found = _kq(pack, kpis, "OC01")
    assert [f.node_id for f in found] == ["k1"]
    assert "「新製品開発に取組もうとする事業所数」" in found[0].message.ja and "kind: outcome" in found[0].message.en
    assert found[0].basis.value == "inferred"
    alone = _kq(pack, kpis.split("\n- {id: k2")[0], "OC01")
    assert [f.node_id for f in alone] == ["k1"] and "事業所" not in alone[0].message.ja


def test_a_co_target_read_as_an_outcome_by_default_silences_the_output_rule(pack):
    kpis = """
- {id: k1, name: 移住相談件数, unit: 件, target: {value: 200, year: 令和9年度}}
- {id: k2, name: 緑地率, unit: "%", target: {value: 30, year: 令和9年度}}
"""
    assert not _kq(pack, kpis, "OC01")
    assert [f.node_id for f in _kq(pack, kpis, "OC05")] == ["k1"]


def test_a_declared_output_is_the_documents_own_word(pack):
    kpis = """
- {id: k1, name: 移住相談件数, unit: 件, kind: output, target: {value: 200, year: 令和9年度}}
- {id: k2, name: 移住セミナーの開催数, unit: 回, target: {value: 4, year: 令和9年度}}
"""
    found = {f.node_id: f.basis.value for f in _kq(pack, kpis, "OC01")}
    assert found == {"k1": "contradicts", "k2": "inferred"}


def test_an_output_target_beside_outcomes_is_information_naming_them(pack):
    kpis = """
- {id: k1, name: 移住相談件数, unit: 件, target: {value: 200, year: 令和9年度}}
- {id: k2, name: 東京圏からの移住者数, unit: 人, target: {value: 40, year: 令和9年度}}
"""
    assert not _kq(pack, kpis, "OC01")
    found = _kq(pack, kpis, "OC05")
    assert [f.node_id for f in found] == ["k1"] and found[0].severity.value == "info"
    assert "「東京圏からの移住者数」" in found[0].message.ja


def test_the_tebiki_examples_are_not_findings(pack):
    """A strategy whose KPIs are the 手引き's own examples (4-2) gets no outcome finding."""
    examples = [k for d in pack.reference.directions for k in d.kpi_examples]
    kpis = "\n".join(f"- {{id: k{i}, name: {n}, unit: 件, target: {{value: 10, year: 令和9年度}}}}" for i, n in enumerate(examples))
    for code in ("OC01", "OC02", "OC03", "OC05"):
        assert not _kq(pack, kpis, code), code


def test_a_printed_number_without_value_is_named_as_such(pack):
    kpis = """
- id: k
  name: 文化的なまちだと思う市民の割合
  unit: "%"
  baseline: {value: 64.2, as_of: 令和3年度}
  target: {text: 69.0%, year: 令和9年度}
"""
    found = _kq(pack, kpis, "KQ10")
    assert len(found) == 1 and "value" in found[0].message.ja

"""The outcome/output classifier of checker/checks/outcomes.py over real indicator names.

Names are as printed: every indicator of Toyonaka's draft (examples/toyonaka.yaml),
the indicator examples of 手引き 4-1 and the 想定されるKPIの例 of 4-2.  The expected
class follows the taxonomy in outcomes.py: the benefit or state of residents,
businesses and the region is an outcome (including shares of residents or local
firms that use or adopt something); counts of what the administration did, and of
take-up of its own offers (participants, registrations, loans, adopters of a
promoted scheme), are outputs.  None marks names the wording cannot decide.
"""

from __future__ import annotations

import pytest

from checker import load
from checker.checks.outcomes import classify
from checker.model import Indicator, IndicatorKind

from .conftest import ROOT

O = IndicatorKind.outcome
P = IndicatorKind.output  # outPut
A = "activity"  # output that counts events or participants (4-1)

TOYONAKA = {
    # KGIs
    "総人口": O,
    "年少人口の割合": O,
    "生産年齢人口の割合": O,
    # goal-level KPIs (第1章–第4章)
    "子育てがしやすいまちであると感じている市民の割合": O,
    "教育・保育環境が充実していると感じる市民の割合": O,
    "子どもや若者が地域の中で、いきいきと活動できていると感じている市民の割合": O,
    "合計特殊出生率": O,
    "出生数": O,
    "誰もが安全に安心して暮らせる環境が整っているまちだと思う市民の割合": O,
    "保健・医療体制が充実しているまちだと思う市民の割合": O,
    "防犯や防災、交通安全への対策が充実しているまちだと思う市民の割合": O,
    "住み続けたいと感じている市民の割合": O,
    "社会増加数": O,
    "市民一人あたりの温室効果ガス排出量（1990年度比）": O,
    "就業率": O,
    "市内事業所数": O,
    "文化的なまちだと思う市民の割合": O,
    # デジタル関連のKPI: take-up of the city's own services and schemes
    "とよふぁみ登録者数": P,
    "マイ・タイムライン作成サービスを利用して作成した人数": P,
    "デジタル地域ポイント付与事業の利用ポイント数": P,
    "デジタル地域ポイント参加事業所数": P,
    "電子図書の貸し出し数": P,
    # 補足的な指標
    "妊娠出産について満足している者の割合": O,
    "保育所等待機児童数": O,
    "「全国学力・学習状況調査」の教科に関する結果で、正答率が全国平均を上回った設問の割合": O,
    # provision coverage by school district: the wording does not say whose doing it is
    "子ども食堂や無料・低額の学習支援などの子どもの居場所がある小学校区数": None,
    "放課後の子どもの居場所づくり事業（校庭開放）の全小学校での実施率": P,
    "完全失業率": O,
    # a count of community bodies: neither kind is named
    "地域自治組織の数": None,
    "CSW(コミュニティソーシャルワーカー)相談支援件数": P,
    "就労支援プランの就労・増収達成率": O,
    "特定健診受診率": O,
    "こころのサポーターとよなか研修 延べ受講者数（初級～上級）": A,
    "校区単位自主防災組織の組織率": O,
    "環境にやさしいまちだと思う市民の割合": O,
    "滞在人口率": O,
    "市内の各駅乗降客数（1日平均）": O,
    "市内事業所の従業員数": O,
    "企業立地促進条例の奨励金交付件数": P,
    "ＩＴコンシェルジュ派遣件数": P,
    "商品高付加価値化応援金交付件数": P,
    "起業相談件数": P,
    "大阪府「男女いきいき・元気宣言」 市内事業所登録数": P,
    "市民ホール利用率": O,
    "ふるさと納税等の豊中市外からの寄附の件数": O,
}

TEBIKI_4_1 = {
    "東京圏からの移住者数": O,
    "ワーケーションプログラムに参加した人のうち、その後も継続して○市と関わりを持っている人の割合": O,
    "オンラインでの関わりを含め継続的に地域活動に関与してくれる人の数又は割合": O,
    "関係人口に係る取組による、○市ファンクラブへの登録者数の増加割合": O,
    # the counts 4-1 says not to rely on alone
    "イベントの参加者数": A,
    "イベントの開催数": A,
    # 4-2's worked example (数値目標 and KPI of 《目標》本市への人の流れをつくる)
    "「転職なき移住」の推進による人口の社会増": O,
    "市外への転出者数": O,
    "本市相談窓口を通じた移住者数": O,
    "サテライトオフィスの稼働率": O,
    "市内高校・大学卒業生の市内就職率": O,
}

TEBIKI_4_2 = {
    # ① 地方に仕事をつくる
    "キャッシュレス対応事業者数": P,
    "ICTを導入した養殖業経営体数": P,
    "地域内企業のIoT導入率": O,
    "スマート農業導入経営体数": P,
    # ② 人の流れをつくる
    "サテライトオフィス利用者数": P,
    "ワーケーションに対応した宿泊施設数": P,
    "地域内企業のテレワーク実施率": O,
    "オンライン関係人口数": O,
    # ③ 結婚・出産・子育ての希望をかなえる
    "母子手帳アプリ登録者数": P,
    "子育て支援サービスのICT導入数": P,
    "子育て世帯におけるオンライン手続利用率": O,
    # ④ 魅力的な地域をつくる
    "オンライン診療導入医療機関数": P,
    "MaaS等を活用した地域公共交通導入数": P,
    "災害対策にかかるIoT技術等の導入件数": P,
    # (2)① デジタル基盤整備
    "光ファイバ敷設率": P,
    "マイナンバーカードを活用したサービス件数": P,
    # (2)② デジタル人材の育成・確保
    "職業訓練においてデジタル技術を学んだ人数": A,
    "中小企業におけるIoT技術者の養成者数": P,
    "地方公共団体におけるデジタル人材育成人数": P,
    # (2)③ 誰一人取り残されないための取組
    "高齢者のスマートフォン普及率": O,
    "地域ICTクラブの活動数": A,
}

OTHERS = {
    "移住相談件数": P,
    "セミナー開催回数": A,
    "交通事故件数": O,
    "観光入込客数": O,
}


def _check(name, expected, reference):
    verdict = classify(name, reference)
    if expected == A:
        assert (verdict.kind, verdict.activity) == (P, True), (name, verdict)
    else:
        assert verdict.kind is expected, (name, verdict)
        assert not verdict.activity, (name, verdict)
    if expected is not None:
        assert verdict.reasons, f"{name}: a verdict must say which words decided it"


@pytest.mark.parametrize("name,expected", TOYONAKA.items())
def test_toyonaka(name, expected, pack):
    _check(name, expected, pack.reference)


@pytest.mark.parametrize("name,expected", TEBIKI_4_1.items())
def test_tebiki_4_1_examples(name, expected, pack):
    _check(name, expected, pack.reference)


@pytest.mark.parametrize("name,expected", TEBIKI_4_2.items())
def test_tebiki_4_2_kpi_examples(name, expected, pack):
    _check(name, expected, pack.reference)


@pytest.mark.parametrize("name,expected", OTHERS.items())
def test_other_names(name, expected, pack):
    _check(name, expected, pack.reference)


def test_every_toyonaka_indicator_is_covered():
    """The table above lists every indicator name of the example, so a new one must be classified here."""
    from checker import build_graph

    g = build_graph(load(ROOT / "examples" / "toyonaka.yaml"))
    names = {g.name(n) for n in g.indicators()}
    assert names <= set(TOYONAKA), sorted(names - set(TOYONAKA))


def test_reasons_name_the_deciding_word(pack):
    v = classify("イベントの開催数", pack.reference)
    assert v.reasons == ("開催数",) and v.activity and v.strong
    v = classify("関係人口に係る取組による、○市ファンクラブへの登録者数の増加割合", pack.reference)
    assert v.reasons == ("割合",) and not v.strong and "登録者数" in v.others
    assert "割合" in v.why().ja and "outcome" in v.why().en


def test_the_last_word_decides_and_the_longer_one_on_a_tie(pack):
    assert classify("デジタル地域ポイント参加事業所数", pack.reference).reasons == ("参加事業所数",)
    assert classify("市内事業所数", pack.reference).reasons == ("事業所数",)


def test_bracketed_remarks_are_set_aside(pack):
    assert classify("市民一人あたりの温室効果ガス排出量（1990年度比）", pack.reference).reasons == ("排出量",)


def test_declared_kind_wins_but_the_wording_is_kept(pack):
    ind = Indicator(id="k", name="セミナー開催回数", kind="outcome")
    v = classify(ind, pack.reference)
    assert v.kind is O and v.declared and v.wording is P and v.strong
    assert "outcome" in v.why().en


def test_unit_of_times_marks_an_activity(pack):
    v = classify(Indicator(id="k", name="出前講演", unit="回"), pack.reference)
    assert v.kind is P and v.activity


def test_no_signal_is_undetermined(pack):
    v = classify("地域自治組織の数", pack.reference)
    assert v.kind is None and not v.reasons

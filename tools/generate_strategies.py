#!/usr/bin/env python3
"""Generate realistic, FICTIONAL local strategies in the tebiki-checker format, deterministically.

    python tools/generate_strategies.py --count 2000 --seed 1 --out DIR [--broken 3]

writes one prefectural strategy (``00-prefecture-480002.yaml``, 架空県 style) and COUNT municipal
strategies (``m-<code>.yaml``) patterned on examples/toyonaka.yaml: a vision with pillars, KGIs,
2–5 goals with numerical targets, basic directions (some with sub-directions), measures and
KPIs set per measure or per goal (as Toyonaka does), supplementary indicators, governance.
The same seed always gives the same bytes.

Every body is fictional: prefecture numbers start at 48 (JIS X 0402 assigns 01–47), municipal
numbers 201–999 within each, with valid check digits; municipalities spill into prefectures
49, 50, ... past 799.  Only the first prefecture gets a prefectural strategy, so in an audit of
more than 799 files the others are reported as belonging to another prefecture (XP07).

About a third of the municipalities carry realistic defects, each drawn independently: a 6-year
period (sometimes with a justified deviation), an outdated period and prefectural strategy id,
no verification body, no prefectural strategy considered, another prefecture's body code,
measures without KPIs, output-only KPIs, undeclared national directions or KPI kinds, a goal
without basic directions, a deviation record without a justification.  ``--broken N`` also
writes N files that cannot be loaded (a YAML syntax error, a bad check digit, an unknown key),
to exercise error handling.

Used by the tests (small counts) and for the audit benchmark (2,000–5,000 files).  Needs only
PyYAML and the checker package (for check digits).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from checker.bodycode import check_digit  # noqa: E402
from checker.fileio import write_atomic  # noqa: E402

FIRST_PREFECTURE = 48
PREF_NAMES = ["架空県", "仮想県", "見本県", "模擬県", "試験県", "例示県", "想定県", "空想県"]
MUNI_FIRST, MUNI_LAST = 201, 999

_A = list("青赤桜松竹梅東西南北中上下大小新本高若朝日月星花森林川山谷野原田浜島岡坂泉池宮沢")
_B = list("川山野原田浜崎沢宮里森岡木瀬井津橋堂尾")

# Themes by national direction: goal names, directions, measures, KPI templates
# (name, unit, kind, baseline range, target factor, better).
THEMES = {
    "jobs": {
        "goals": ["地域に仕事をつくる", "地域産業で稼ぐ力を高める", "働く場を創出する", "しごとの創生"],
        "directions": ["地域産業の振興", "起業・創業の支援", "農林水産業の担い手確保", "観光の振興", "企業立地の促進", "中小企業の経営支援"],
        "measures": ["創業支援セミナーの開催", "企業誘致の推進", "特産品の販路拡大", "農業の担い手育成", "観光ルートの造成", "事業承継の支援",
                     "商店街の空き店舗活用", "地元企業と学生のマッチング", "スマート農業の導入支援", "サテライトオフィスの誘致"],
        "kpis": [("市内事業所の従業者数", "人", "outcome", (5000, 80000), 1.03, "higher"),
                 ("創業件数", "件", "outcome", (5, 80), 1.3, "higher"),
                 ("農業産出額", "億円", "outcome", (10, 300), 1.05, "higher"),
                 ("観光入込客数", "人", "outcome", (50000, 2000000), 1.1, "higher"),
                 ("就業率", "%", "outcome", (55, 75), 1.02, "higher"),
                 ("創業セミナーの開催回数", "回", "output", (2, 20), 1.5, "higher"),
                 ("企業訪問件数", "件", "output", (20, 300), 1.3, "higher")],
    },
    "people-flow": {
        "goals": ["新しい人の流れをつくる", "移住・定住を促進する", "関係人口を拡大する"],
        "directions": ["移住・定住の促進", "関係人口の創出", "シティプロモーションの推進", "若者の地元定着"],
        "measures": ["移住相談窓口の運営", "お試し住宅の提供", "ふるさと納税を通じた交流", "空き家バンクの運営", "ワーケーションの受入れ",
                     "地元就職の支援", "魅力発信の強化"],
        "kpis": [("社会増減数", "人", "outcome", (-800, 200), None, "higher"),
                 ("転入者数", "人", "outcome", (200, 9000), 1.05, "higher"),
                 ("移住相談を経た移住者数", "人", "outcome", (5, 300), 1.4, "higher"),
                 ("住み続けたいと感じている市民の割合", "%", "outcome", (60, 88), 1.04, "higher"),
                 ("移住相談件数", "件", "output", (20, 500), 1.3, "higher"),
                 ("移住フェアの参加者数", "人", "output", (30, 800), 1.3, "higher")],
    },
    "family": {
        "goals": ["結婚・出産・子育ての希望をかなえる", "子育て世帯に選ばれるまち", "子どもが健やかに育つまち"],
        "directions": ["妊娠・出産・子育ての切れ目ない支援", "保育・教育環境の充実", "子どもの居場所づくり", "若い世代の結婚支援"],
        "measures": ["産後ケアの拡充", "子育て支援アプリの運用", "待機児童の解消", "放課後児童クラブの充実", "子ども医療費の助成",
                     "婚活イベントの開催", "子ども食堂への支援", "ICTを活用した学習支援"],
        "kpis": [("合計特殊出生率", None, "outcome", (1.1, 1.8), 1.03, "higher"),
                 ("出生数", "人", "outcome", (30, 4000), 1.0, "higher"),
                 ("子育てしやすいまちだと感じている市民の割合", "%", "outcome", (45, 80), 1.08, "higher"),
                 ("保育所等待機児童数", "人", "outcome", (0, 80), 0.0, "lower"),
                 ("子育て支援アプリ登録者数", "人", "output", (300, 20000), 1.5, "higher"),
                 ("婚活イベントの参加者数", "人", "output", (20, 400), 1.3, "higher")],
    },
    "attractive-region": {
        "goals": ["安全・安心に暮らせるまち", "魅力的な地域をつくる", "誰もが住みやすいまちをつくる"],
        "directions": ["防災・減災の推進", "地域公共交通の確保", "地域医療・福祉の充実", "脱炭素の推進", "地域コミュニティの活性化", "文化・スポーツの振興"],
        "measures": ["マイ・タイムラインの普及", "デマンド交通の運行", "オンライン診療の導入支援", "自主防災組織の育成", "再生可能エネルギーの導入促進",
                     "地域福祉ネットワークの構築", "公共施設の長寿命化", "スポーツイベントの開催"],
        "kpis": [("安全・安心に暮らせると思う市民の割合", "%", "outcome", (50, 80), 1.06, "higher"),
                 ("市民一人あたりの温室効果ガス排出量", "t-CO2", "outcome", (4, 12), 0.85, "lower"),
                 ("日常の移動に不便を感じる市民の割合", "%", "outcome", (15, 45), 0.85, "lower"),
                 ("健康寿命", "歳", "outcome", (70, 76), 1.01, "higher"),
                 ("自主防災組織の組織率", "%", "outcome", (40, 95), 1.05, "higher"),
                 ("防災講座の開催回数", "回", "output", (3, 40), 1.4, "higher"),
                 ("デマンド交通の運行便数", "便", "output", (500, 8000), 1.2, "higher")],
    },
}
SUPPLEMENTARY = ["完全失業率", "地域自治組織の数", "特定健診受診率", "市民ホール利用率", "市内の各駅乗降客数（1日平均）", "滞在人口率"]
SECTORS = ["産", "官", "学", "金", "労", "言", "士"]


def code(pref: int, number: int) -> str:
    first = f"{pref:02d}{number:03d}"
    return first + str(check_digit(first))


def pref_code(pref: int) -> str:
    return code(pref, 0)


def era(fy: int) -> str:
    if fy >= 2019:
        return "令和元年度" if fy == 2019 else f"令和{fy - 2018}年度"
    return f"平成{fy - 1988}年度"


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    # -- pieces -------------------------------------------------------------------------
    def kpi(self, kid: str, theme: str, *, kind_declared: bool, output_only: bool, end_fy: int, start_fy: int) -> dict:
        r = self.r
        pool = THEMES[theme]["kpis"]
        if output_only:
            pool = [k for k in pool if k[2] == "output"] or pool
        name, unit, kind, (lo, hi), factor, better = r.choice(pool)
        base = r.uniform(lo, hi)
        base = round(base, 2) if isinstance(lo, float) or hi < 20 else int(base)
        if factor is None:
            target = int(base + abs(base) * 0.5 + 50)
        elif factor == 0.0:
            target = 0
        else:
            target = round(base * factor, 2) if isinstance(base, float) else int(base * factor) + 1
        entry: dict = {"id": kid, "name": name}
        if unit:
            entry["unit"] = unit
        if kind_declared:
            entry["kind"] = kind
        if better == "lower":
            entry["better"] = "lower"
        entry["data_source"] = r.choice(["市民意識調査", "住民基本台帳", "経済センサス", "担当課調べ", "国勢調査", "人口動態統計"])
        if r.random() < 0.03:
            entry["baseline"] = {"value": None, "text": "─"}
        else:
            entry["baseline"] = {"value": base, "as_of": era(start_fy - 1)}
        if r.random() < 0.08:
            entry["target"] = {"relative": "maintain", "text": "維持", "year": era(end_fy)}
        else:
            entry["target"] = {"value": target, "year": era(end_fy)}
        return entry

    def municipality(self, index: int, pref: int, number: int, name: str, defects: set[str]) -> dict:
        r = self.r
        body_code = code(pref, number)
        slug = f"m-{body_code}"
        start, end = 2023, 2027
        if "six-years" in defects:
            end = 2028
        if "outdated" in defects:
            start, end = 2015, 2019
        kind_declared = "no-kinds" not in defects
        output_only = "output-only" in defects
        declare = "no-directions" not in defects
        themes = ["jobs", "people-flow", "family", "attractive-region"]
        n_goals = r.randint(2, 5)
        chosen = r.sample(themes, min(n_goals, 4)) + ([r.choice(themes)] if n_goals == 5 else [])
        pillars = [{"id": f"pillar-{i + 1}", "name": n} for i, n in enumerate(r.sample(["子育て環境の充実", "働く場の創出", "住環境の充実", "安全・安心な暮らし", "にぎわいの創出"], r.randint(2, 4)))]
        goal_level_kpis = r.random() < 0.35  # Toyonaka style: KPIs per goal
        goals = []
        for gi, theme in enumerate(chosen, 1):
            t = THEMES[theme]
            goal: dict = {"id": f"goal-{gi}", "label": f"基本目標{gi}", "name": r.choice(t["goals"]), "pillars": [r.choice(pillars)["id"]]}
            if declare:
                goal["national_directions"] = [theme]
            if r.random() < 0.7:
                goal["numerical_targets"] = [self.kpi(f"nt-{gi}", theme, kind_declared=kind_declared, output_only=output_only, end_fy=end, start_fy=start)]
            dirs = []
            for di in range(1, r.randint(1, 4) + 1):
                d: dict = {"id": f"dir-{gi}-{di}", "name": r.choice(t["directions"])}
                if r.random() < 0.25:
                    d["main_examples"] = r.sample(t["measures"], 2)
                holders = []
                if r.random() < 0.3:
                    subs = []
                    for si in range(1, r.randint(2, 3) + 1):
                        sub = {"id": f"dir-{gi}-{di}-{si}", "label": f"（{si}）", "name": r.choice(t["directions"]) + "を進めます"}
                        sub["measures"] = self.measures(f"m-{gi}-{di}-{si}", t, r.randint(1, 4))
                        holders.extend(sub["measures"])
                        subs.append(sub)
                    d["directions"] = subs
                else:
                    d["measures"] = self.measures(f"m-{gi}-{di}", t, r.randint(1, 5))
                    holders.extend(d["measures"])
                if not goal_level_kpis:
                    for m in holders:
                        if "missing-kpis" in defects and r.random() < 0.6:
                            continue
                        m["kpis"] = [self.kpi(f"kpi-{m['id'][2:]}-{k}", theme, kind_declared=kind_declared, output_only=output_only, end_fy=end, start_fy=start)
                                     for k in range(1, r.randint(1, 2) + 1)]
                if r.random() < 0.3:
                    d["supplementary_indicators"] = [{"id": f"sup-{gi}-{di}-1", "name": r.choice(SUPPLEMENTARY)}]
                dirs.append(d)
            if "goal-without-directions" in defects and gi == len(chosen):
                dirs = []
            goal["directions"] = dirs
            if goal_level_kpis and not ("missing-kpis" in defects and gi % 2 == 0):
                goal["kpis"] = [self.kpi(f"kpi-{gi}-{k}", theme, kind_declared=kind_declared, output_only=output_only, end_fy=end, start_fy=start)
                                for k in range(1, r.randint(2, 5) + 1)]
            goals.append(goal)

        period: dict = {"start": era(start), "end": era(end), "text": f"計画期間は、{era(start)}から{era(end)}までの{end - start + 1}年間とします。"}
        considers: dict = {"national_strategy": {"title": "デジタル田園都市国家構想総合戦略", "edition": "2022-12"}}
        if "outdated" in defects:
            considers["national_strategy"] = {"title": "まち・ひと・しごと創生総合戦略", "edition": "2014-12"}
        if "no-prefectural" not in defects:
            ref = {"body_code": pref_code(FIRST_PREFECTURE if pref == FIRST_PREFECTURE else pref), "strategy_id": f"pref-{pref_code(pref)}-2023",
                   "title": f"{PREF_NAMES[(pref - FIRST_PREFECTURE) % len(PREF_NAMES)]}デジタル田園都市国家構想総合戦略"}
            if "other-body-code" in defects:
                ref["body_code"] = pref_code(pref + 1)
            if "outdated" in defects or "other-strategy-id" in defects:
                ref["strategy_id"] = f"pref-{pref_code(pref)}-2015"
            considers["prefectural_strategy"] = ref
        considers["population_vision"] = {"title": f"{name}人口ビジョン"}
        considers["comprehensive_plan"] = {"title": f"{name}総合計画", "relation": r.choice(["separate", "separate", "extracted", "merged"])}
        doc: dict = {
            "format": 1,
            "id": f"{slug}-{start}",
            "title": f"{name}{r.choice(['デジタル田園都市国家構想総合戦略', 'まち・ひと・しごと創生総合戦略', '総合戦略'])}",
            "body": {"name": name, "code": body_code, "level": "municipality", "prefecture": PREF_NAMES[(pref - FIRST_PREFECTURE) % len(PREF_NAMES)]},
            "status": r.choice(["adopted", "adopted", "draft", "revised"]),
            "period": period,
            "considers": considers,
            "vision": {"id": "vision", "name": f"{name}に住み続けたい、と思えるまち", "pillars": pillars},
            "kgis": [{"id": "kgi-1", "name": "総人口", "unit": "人", "kind": "outcome",
                      "baseline": {"value": r.randint(3000, 400000), "as_of": "令和2年"},
                      "target": {"relative": "maintain", "text": "維持", "year": era(end)}}],
            "goals": goals,
        }
        gov: dict = {"pdca": {"cycle_years": 1, "kpi_review": True, "revision": r.random() < 0.85}}
        if "no-verification-body" not in defects:
            gov["verification_body"] = {
                "name": f"{name}総合戦略推進委員会",
                "external_experts": r.random() < 0.9,
                "sectors": sorted(r.sample(SECTORS, r.randint(3, 7)), key=SECTORS.index),
                "residents": r.random() < 0.6,
            }
        if r.random() < 0.7:
            gov["publication"] = {"published": True, "channels": ["ホームページ"]}
        if r.random() < 0.6:
            gov["assembly"] = {"deliberation": True, "stages": ["drafting", "verification"]}
        doc["governance"] = gov
        deviations = []
        if "six-years" in defects and r.random() < 0.5:
            deviations.append({"rule": "PE02", "justification": "総合計画の計画期間とそろえるため6年間とした。", "approver": f"{name}総合戦略推進委員会"})
        if "unjustified-deviation" in defects:
            deviations.append({"rule": "OL07"})
        if deviations:
            doc["deviations"] = deviations
        return doc

    def measures(self, prefix: str, theme: dict, n: int) -> list[dict]:
        names = self.r.sample(theme["measures"], min(n, len(theme["measures"])))
        out = []
        for i, name in enumerate(names, 1):
            m: dict = {"id": f"{prefix}-{i}", "label": "①②③④⑤⑥"[i - 1], "name": name, "pillar_mark": self.r.random() < 0.7}
            if any(w in name for w in ("アプリ", "オンライン", "ICT", "スマート")):
                m["digital"] = True
            out.append(m)
        return out

    def defects(self) -> set[str]:
        r = self.r
        table = [("six-years", 0.08), ("outdated", 0.04), ("no-verification-body", 0.10), ("no-prefectural", 0.10),
                 ("other-body-code", 0.03), ("other-strategy-id", 0.04), ("missing-kpis", 0.15), ("output-only", 0.08),
                 ("no-directions", 0.20), ("no-kinds", 0.30), ("goal-without-directions", 0.04), ("unjustified-deviation", 0.02)]
        found = {name for name, p in table if r.random() < p}
        if "outdated" in found:
            found.discard("six-years")
        return found

    def prefecture(self, pref: int) -> dict:
        name = PREF_NAMES[(pref - FIRST_PREFECTURE) % len(PREF_NAMES)]
        goals = []
        for gi, theme in enumerate(["jobs", "people-flow", "family", "attractive-region"], 1):
            t = THEMES[theme]
            goals.append({
                "id": f"goal-{gi}", "label": f"基本目標{gi}", "name": t["goals"][0], "national_directions": [theme],
                "numerical_targets": [self.kpi(f"nt-{gi}", theme, kind_declared=True, output_only=False, end_fy=2027, start_fy=2023)],
                "directions": [{"id": f"dir-{gi}-1", "name": t["directions"][0],
                                "measures": [{"id": f"m-{gi}-1-1", "name": t["measures"][0],
                                              "kpis": [self.kpi(f"kpi-{gi}-1-1", theme, kind_declared=True, output_only=False, end_fy=2027, start_fy=2023)]}]}],
            })
        goals.append({
            "id": "goal-5", "label": "基本目標5", "name": "デジタル人材の育成・確保", "national_directions": ["digital-talent"],
            "numerical_targets": [{"id": "nt-5", "name": "デジタル関連の職業訓練修了者の就職率", "unit": "%", "kind": "outcome",
                                   "baseline": {"value": 40.0, "as_of": "令和4年度"}, "target": {"value": 55.0, "year": "令和9年度"}}],
            "directions": [{"id": "dir-5-1", "name": "リスキリングの推進", "measures": [{"id": "m-5-1-1", "name": "在職者向けリスキリング講座"}]}],
        })
        return {
            "format": 1, "id": f"pref-{pref_code(pref)}-2023", "title": f"{name}デジタル田園都市国家構想総合戦略",
            "body": {"name": name, "code": pref_code(pref), "level": "prefecture"}, "status": "adopted",
            "period": {"start": "令和5年度", "end": "令和9年度"},
            "considers": {"national_strategy": {"title": "デジタル田園都市国家構想総合戦略", "edition": "2022-12"},
                          "population_vision": {"title": f"{name}人口ビジョン"}},
            "vision": {"id": "vision", "name": f"デジタルの力で住み続けられる{name}"},
            "goals": goals,
            "governance": {"pdca": {"cycle_years": 1, "kpi_review": True, "revision": True},
                           "verification_body": {"name": f"{name}総合戦略推進会議", "external_experts": True, "sectors": SECTORS}},
        }


HEADER = """# FICTIONAL — generated by tools/generate_strategies.py (seed {seed}); {what}.
# Body code {code} is fictional (prefecture number {pref} is assigned to no real prefecture) with a valid check digit.
"""


def _dump(doc: dict) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False, width=200)


BROKEN = [
    "format: 1\nid: broken-{n}\ntitle: 壊れたファイル\nbody: {{name: 壊れ市, level: municipality\n",  # YAML syntax error
    "format: 1\nid: broken-{n}\ntitle: 誤った団体コード\nbody: {{name: 誤り市, code: \"482019\", level: municipality}}\n",  # bad check digit
    "format: 1\nid: broken-{n}\ntitle: 未知のキー\nbody: {{name: 未知市, level: municipality}}\nperiod: {{start: 令和5年度, end: 令和9年度, length: 5}}\n",
]


def municipal_name(index: int, r: random.Random, used: set[str], kind: str) -> str:
    while True:
        name = r.choice(_A) + r.choice(_A) + r.choice(_B)
        if name[0] != name[1] and name + kind not in used:
            used.add(name + kind)
            return name + kind


def generate(count: int, seed: int, out: Path, broken: int = 0, prefecture: bool = True) -> list[Path]:
    """Write the files and return their paths, in the order written."""
    out.mkdir(parents=True, exist_ok=True)
    g = Gen(seed)
    names_rng = random.Random(seed * 7919 + 1)
    paths = []
    if prefecture:
        path = out / f"00-prefecture-{pref_code(FIRST_PREFECTURE)}.yaml"
        text = HEADER.format(seed=seed, what="the prefectural strategy of the generated set", code=pref_code(FIRST_PREFECTURE), pref=FIRST_PREFECTURE)
        write_atomic(path, text + _dump(g.prefecture(FIRST_PREFECTURE)))
        paths.append(path)
    used: set[str] = set()
    per_pref = MUNI_LAST - MUNI_FIRST + 1
    for i in range(count):
        pref = FIRST_PREFECTURE + i // per_pref
        number = MUNI_FIRST + i % per_pref
        kind = "市" if number < 300 else g.r.choice("町町村")
        name = municipal_name(i, names_rng, used, kind)
        defects = g.defects()
        doc = g.municipality(i, pref, number, name, defects)
        what = "a municipal strategy" + (f" with defects: {', '.join(sorted(defects))}" if defects else "")
        path = out / f"m-{doc['body']['code']}.yaml"
        write_atomic(path, HEADER.format(seed=seed, what=what, code=doc["body"]["code"], pref=pref) + _dump(doc))
        paths.append(path)
    for n in range(broken):
        path = out / f"zz-broken-{n + 1}.yaml"
        write_atomic(path, "# FICTIONAL and deliberately broken (tools/generate_strategies.py --broken)\n" + BROKEN[n % len(BROKEN)].format(n=n + 1))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="number of municipal strategies")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--broken", type=int, default=0, help="also write this many files that cannot be loaded")
    parser.add_argument("--no-prefecture", action="store_true", help="do not write the prefectural strategy")
    args = parser.parse_args(argv)
    if args.count < 0 or args.broken < 0:
        parser.error("--count and --broken must not be negative")
    paths = generate(args.count, args.seed, args.out, args.broken, not args.no_prefecture)
    print(f"wrote {len(paths)} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

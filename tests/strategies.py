"""Hypothesis strategies that generate valid strategy files, for property tests.

Reusable: import from here rather than writing another generator.

    from hypothesis import given
    from tests.strategies import strategies, strategy_data

    @given(strategy_data())          # plain data, as yaml.safe_load would give it
    def test_something(data): ...

    @given(strategies())             # validated `Strategy` models (links checked)
    def test_other(strategy): ...

What is generated covers the whole format: body with valid 全国地方公共団体コード (prefecture
or municipality), status, dates, source documents, period, everything under `considers`
(population projections included), the vision with pillars, KGIs, goals with nested basic
directions and measures, indicators with baselines and targets (numbers written as text too:
'8,211', '△22.4', '１３％'), segments, relative / bound / rank / aggregate targets, 【再掲】
re-listings (`{ref: id}`), supplementary indicators, governance (PDCA, verification body with
members and sectors, publication, assembly, participation, internal structure) and deviations.
Years are written every way plans write them: 2023, '2023年度', 'FY2023', '令和5年度', '令和元年度',
'R5', 'H31', '平成32年度' (a year that never existed), '令和５年度' (full-width), '令和5年度（2023年度）',
dates ('2022年12月31日', YAML dates) and spans ('平成28年度～令和2年度', 'R4.7～12', '2021-2026').

Invariants: node ids are unique (documents have their own id space and may reuse a node's id);
every link (pillars, 【再掲】 refs, projections, deviation nodes, source documents) points at an
existing part of the right kind.  `strategy_data` draws the data; `strategies` validates it.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from checker.bodycode import check_digit
from checker.model import Strategy
from checker.model.governance import SECTOR_KANJI
from checker.model.lineage import RevisionChange
from checker.years import parse_year, parse_year_range

__all__ = [
    "TEXT_ALPHABET", "body_data", "numbers", "strategies", "strategy_data", "texts", "year_spans", "years",
]

TEXT_ALPHABET = (
    string.ascii_letters + string.digits + " -_.,:;()!?%/'\"#&+"
    + "あいうえおかきくけこさしすせそアイウエオカキクケコ子育て環境教育住安心市民割合人口年度令和平成"
    + "０１２３４５６７８９（）「」・、。～【】■●※△％"
    + "\n"
)
"""Characters of generated text: ASCII, kana, kanji, full-width digits and marks, newlines."""

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")

SECTORS = ["industry", "government", "academia", "finance", "labour", "media", "professions"]
RELATIVE = [
    "maintain", "increase", "decrease", "increase_on_previous_year", "decrease_on_previous_year",
    "at_least_current", "above_national_average", "below_national_average", "above_prefectural_average",
]
DIRECTIONS = ["jobs", "people-flow", "family", "attractive-region", "digital-infrastructure", "digital-talent", "inclusion"]
RULES = ["OL01", "OL05", "OL07", "measure-without-kpi", "EV01", "XX99"]


def texts(min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Free text as printed in plans."""
    return st.text(TEXT_ALPHABET, min_size=min_size, max_size=max_size)


def names() -> st.SearchStrategy[str]:
    return texts(1, 10)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


# -- years -------------------------------------------------------------------------------------


def _era(y: int, era: str) -> int:
    return y - {"令和": 2018, "平成": 1988, "昭和": 1925}[era]


@st.composite
def _year_forms(draw, y: int, allow_dates: bool = True):
    """One way of writing year `y` (a fiscal year unless the form says 年 or gives a month)."""
    forms = ["int", "nendo", "nen", "fy", "plain"]
    if y >= 1989:
        forms += ["heisei", "heisei_abbr"]
    if y >= 2019:
        forms += ["reiwa", "reiwa_abbr", "reiwa_abbr_nendo", "reiwa_full", "reiwa_paren"]
    if y <= 1988:
        forms += ["showa"]
    if allow_dates:
        forms += ["date", "month", "yaml_date", "era_date"] if y >= 2019 else ["date", "month", "yaml_date"]
    form = draw(st.sampled_from(forms))
    if form == "int":
        return y
    if form == "nendo":
        return f"{y}年度"
    if form == "nen":
        return f"{y}年"
    if form == "fy":
        return f"FY{y}"
    if form == "plain":
        return str(y)
    if form == "heisei":  # 平成32年度 and later never existed but are read by arithmetic
        return f"平成{_era(y, '平成')}年度"
    if form == "heisei_abbr":
        return f"H{_era(y, '平成')}"
    if form == "showa":
        return f"昭和{_era(y, '昭和')}年"
    n = _era(y, "令和")
    if form == "reiwa":
        return "令和元年度" if n == 1 and draw(st.booleans()) else f"令和{n}年度"
    if form == "reiwa_abbr":
        return f"{draw(st.sampled_from(['R', 'r', 'R.']))}{n}"
    if form == "reiwa_abbr_nendo":
        return f"R{n}年度"
    if form == "reiwa_full":
        return f"令和{n}年度".translate(_FULL)
    if form == "reiwa_paren":
        return f"令和{n}年度（{y}年度）"
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    if form == "date":
        return f"{y}年{month}月{day}日"
    if form == "month":
        return f"{y}年{month}月"
    if form == "yaml_date":
        return dt.date(y, month, day)
    return f"令和{n}年{month}月{day}日"  # era_date


def years(lo: int = 1980, hi: int = 2040, *, allow_dates: bool = True) -> st.SearchStrategy:
    """A year or date as written in a plan (int, text or a YAML date)."""
    return st.integers(lo, hi).flatmap(lambda y: _year_forms(y, allow_dates))


def _parses(value, parse) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


@st.composite
def year_spans(draw):
    """A span of years as written: '平成28年度～令和2年度', 'R4.7～12', '2021-2026', {start, end} ..."""
    y1 = draw(st.integers(1990, 2035))
    y2 = draw(st.integers(y1, y1 + 10))
    form = draw(st.sampled_from(["tilde", "kara", "dict", "dash", "era_short", "month_range", "average"]))
    if form == "dict":
        return {"start": draw(_year_forms(y1, False)), "end": draw(_year_forms(y2, False))}
    if form == "dash":
        return f"{y1}-{y2}"
    if form == "era_short" and y1 >= 2019:
        return f"R{_era(y1, '令和')}～{_era(y2, '令和')}"
    if form == "month_range" and y1 >= 2019:
        start = draw(st.integers(1, 11))
        return f"R{_era(y1, '令和')}.{start}～{draw(st.integers(start + 1, 12))}"
    a = draw(_year_forms(y1, False))
    b = draw(_year_forms(y2, False))
    sep = {"kara": "から"}.get(form, draw(st.sampled_from(["～", "〜", "~"])))
    text = f"{a}{sep}{b}"
    return text + "の平均値" if form == "average" else text


# -- values --------------------------------------------------------------------------------------


def numbers() -> st.SearchStrategy:
    """A number, or a number written as text the way plans print it ('8,211', '△22.4', '１３％')."""
    plain = st.integers(-10**9, 10**12) | st.floats(-1e9, 1e12, allow_nan=False, allow_infinity=False)
    texty = st.one_of(
        st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
        st.integers(1, 9999).map(lambda n: f"△{n / 10}"),
        st.integers(0, 100).map(lambda n: f"{n}％".translate(_FULL)),
    )
    return plain | texty


@st.composite
def baselines(draw):
    data = {}
    for key, strategy in (
        ("value", numbers()), ("text", texts()), ("as_of", years()), ("period", year_spans()),
        ("aggregate", st.sampled_from(["sum", "average"])), ("note", texts()),
    ):
        if draw(st.booleans()):
            data[key] = draw(strategy)
    return data


@st.composite
def targets(draw):
    data = {}
    for key, strategy in (
        ("value", numbers()), ("text", texts(1)), ("year", years()), ("period", year_spans()),
        ("aggregate", st.sampled_from(["sum", "average"])), ("bound", st.sampled_from(["at_least", "at_most"])),
        ("relative", st.sampled_from(RELATIVE)), ("rank", st.integers(1, 50)),
        ("rank_scope", st.sampled_from(["全国", "府内", "県内"])), ("note", texts()),
    ):
        if draw(st.integers(0, 3)) == 0:
            data[key] = draw(strategy)
    if not any(k in data for k in ("value", "relative", "rank", "text")):
        data["text"] = draw(texts(1))
    return data


# -- the builder ---------------------------------------------------------------------------------


class _Ids:
    """Unique node ids (and a separate id space for documents), plus what each id names."""

    def __init__(self, draw):
        self.draw = draw
        self.used: set[str] = set()
        self.docs: list[str] = []
        self.pillars: list[str] = []
        self.projections: list[str] = []
        self.indicators: list[str] = []
        self.nodes: list[str] = []
        self.holders: list[list] = []
        """The `kpis` lists of goals, directions and measures (re-listings are inserted later)."""

    def new(self, kind: str, used: set[str] | None = None) -> str:
        used = self.used if used is None else used
        stem = self.draw(st.sampled_from([kind, kind, kind.upper(), f"{kind}_x", f"{kind}.v", "a"]))
        n = len(used) + 1
        candidate = f"{stem}-{n}"
        while candidate in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate)
        if used is self.used:
            self.nodes.append(candidate)
        return candidate


def _source(draw, ids: _Ids):
    if not draw(st.integers(0, 3)) == 0:
        return None
    data = {}
    if ids.docs and draw(st.booleans()):
        data["document"] = draw(st.sampled_from(ids.docs))
    if draw(st.booleans()):
        data["page"] = draw(st.integers(1, 300) | st.sampled_from(["P85", "33.", "資料4-2"]))
    if draw(st.booleans()):
        data["note"] = draw(texts())
    return data


def _put(data: dict, key: str, value) -> None:
    if value is not None:
        data[key] = value


def _maybe(draw, strategy, p: int = 2):
    """Draw from strategy with probability 1/p, else None."""
    return draw(strategy) if draw(st.integers(0, p - 1)) == 0 else None


def _node(draw, ids: _Ids, kind: str) -> dict:
    data = {"id": ids.new(kind)}
    _put(data, "note", _maybe(draw, texts(), 4))
    _put(data, "source", _source(draw, ids))
    return data


def _indicator(draw, ids: _Ids, kind: str) -> dict:
    data = _node(draw, ids, kind)
    ids.indicators.append(data["id"])
    data["name"] = draw(names())
    for key, strategy in (
        ("label", st.sampled_from(["①", "②", "(1)", "1"])),
        ("unit", st.sampled_from(["%", "人", "事業所", "ポイント", "件", "冊", "％"])),
        ("kind", st.sampled_from(["outcome", "output"])),
        ("data_source", st.sampled_from(["市民意識調査", "住民基本台帳", "e-Stat"])),
        ("better", st.sampled_from(["higher", "lower"])),
        ("digital", st.booleans()),
    ):
        _put(data, key, _maybe(draw, strategy, 3))
    if draw(st.integers(0, 3)) == 0:
        data["segments"] = [_segment(draw, ids) for _ in range(draw(st.integers(1, 3)))]
    else:
        _put(data, "population", _maybe(draw, texts(1), 3))
        _put(data, "baseline", _maybe(draw, baselines(), 2))
        _put(data, "target", _maybe(draw, targets(), 2) if kind != "kgi" else draw(targets()))
    if kind == "kgi" and ids.projections and draw(st.booleans()):
        data["projection"] = draw(st.sampled_from(ids.projections))
    return data


def _segment(draw, ids: _Ids) -> dict:
    data = {"population": draw(texts(1))}
    _put(data, "baseline", _maybe(draw, baselines()))
    _put(data, "target", _maybe(draw, targets()))
    _put(data, "note", _maybe(draw, texts(), 4))
    _put(data, "source", _source(draw, ids))
    return data


def _planned(draw, ids: _Ids, kind: str) -> dict:
    data = _node(draw, ids, kind)
    data["name"] = draw(names())
    _put(data, "label", _maybe(draw, st.sampled_from(["第1章", "第1章－1", "（1）", "①"]), 3))
    _put(data, "text", _maybe(draw, texts(), 3))
    if ids.pillars and draw(st.integers(0, 2)) == 0:
        data["pillars"] = draw(st.lists(st.sampled_from(ids.pillars), min_size=1, max_size=3))
    if draw(st.integers(0, 2)) == 0:
        data["national_directions"] = draw(st.lists(st.sampled_from(DIRECTIONS), min_size=1, max_size=3))
    kpis = [_indicator(draw, ids, "kpi") for _ in range(draw(st.integers(0, 2)))]
    ids.holders.append(kpis)
    data["kpis"] = kpis
    return data


def _measure(draw, ids: _Ids) -> dict:
    data = _planned(draw, ids, "measure")
    _put(data, "pillar_mark", _maybe(draw, st.booleans(), 3))
    _put(data, "digital", _maybe(draw, st.booleans(), 3))
    _put(data, "main_examples", _maybe(draw, st.lists(texts(1), max_size=3), 3))
    _put(data, "projects", _maybe(draw, st.lists(texts(1), max_size=3), 3))
    return data


def _direction(draw, ids: _Ids, depth: int) -> dict:
    data = _planned(draw, ids, "dir")
    if depth < 2 and draw(st.integers(0, 2)) == 0:
        data["directions"] = [_direction(draw, ids, depth + 1) for _ in range(draw(st.integers(1, 2)))]
    data["measures"] = [_measure(draw, ids) for _ in range(draw(st.integers(0, 3)))]
    _put(data, "main_examples", _maybe(draw, st.lists(texts(1), max_size=3), 3))
    if draw(st.integers(0, 3)) == 0:
        data["supplementary_indicators"] = [_indicator(draw, ids, "sup") for _ in range(draw(st.integers(1, 2)))]
    _put(data, "no_pillar_measures", _maybe(draw, st.booleans(), 4))
    return data


def _goal(draw, ids: _Ids) -> dict:
    data = _planned(draw, ids, "goal")
    if draw(st.booleans()):
        data["numerical_targets"] = [_indicator(draw, ids, "nt") for _ in range(draw(st.integers(1, 2)))]
    _put(data, "qualitative", _maybe(draw, st.booleans(), 4))
    data["directions"] = [_direction(draw, ids, 0) for _ in range(draw(st.integers(0, 3)))]
    return data


def body_data(level: str | None = None) -> st.SearchStrategy[dict]:
    """A local government with a valid code (check digit) for its level, or no code."""

    @st.composite
    def build(draw):
        lvl = level or draw(st.sampled_from(["prefecture", "municipality"]))
        pref = draw(st.integers(1, 47))
        data = {"name": draw(names()), "level": lvl}
        if draw(st.integers(0, 4)) == 0:
            return data
        if lvl == "prefecture":
            five = f"{pref:02d}000"
        else:
            five = f"{pref:02d}{draw(st.integers(1, 999)):03d}"
        code = five + str(check_digit(five))
        data["code"] = int(code) if draw(st.integers(0, 4)) == 0 else code
        if lvl == "municipality":
            data["prefecture"] = draw(st.sampled_from(["大阪府", "北海道", "東京都", "京都府", "長野県"]))
            if draw(st.booleans()):
                p5 = f"{pref:02d}000"
                data["prefecture_code"] = p5 + str(check_digit(p5))
        return data

    return build()


@st.composite
def _period(draw, ids: _Ids):
    y1 = draw(st.integers(2015, 2035))
    y2 = draw(st.integers(y1, y1 + 7))
    data = {"start": draw(_year_forms(y1, False)), "end": draw(_year_forms(y2, False))}
    for key in ("text", "reason", "note"):
        _put(data, key, _maybe(draw, texts(), 3))
    _put(data, "source", _source(draw, ids))
    return data


def _considers(draw, ids: _Ids) -> dict:
    data: dict = {}
    if draw(st.booleans()):
        data["national_strategy"] = {
            k: v for k, v in {
                "title": _maybe(draw, st.just("デジタル田園都市国家構想総合戦略")),
                "edition": _maybe(draw, st.sampled_from(["2022-12", "2023-12", "2019-12"])),
                "text": _maybe(draw, texts()),
                "source": _source(draw, ids),
            }.items() if v is not None
        }
    if draw(st.booleans()):
        pref = {}
        _put(pref, "title", _maybe(draw, names()))
        if draw(st.booleans()):
            p5 = f"{draw(st.integers(1, 47)):02d}000"
            pref["body_code"] = p5 + str(check_digit(p5))
        _put(pref, "strategy_id", _maybe(draw, st.sampled_from(["osaka-2023", "pref.x_1"])))
        _put(pref, "period", _maybe(draw, year_spans()))
        _put(pref, "text", _maybe(draw, texts()))
        _put(pref, "source", _source(draw, ids))
        data["prefectural_strategy"] = pref
    if draw(st.booleans()):
        vision: dict = {}
        _put(vision, "title", _maybe(draw, names()))
        _put(vision, "year", _maybe(draw, years()))
        projections = []
        for _ in range(draw(st.integers(0, 2))):
            proj = _node(draw, ids, "proj")
            ids.projections.append(proj["id"])
            proj["name"] = draw(names())
            _put(proj, "unit", _maybe(draw, st.sampled_from(["人", "%"])))
            points = []
            for _ in range(draw(st.integers(0, 3))):
                point = {"year": draw(years(2015, 2060)), "value": draw(numbers())}
                _put(point, "label", _maybe(draw, st.sampled_from(["現状", "短期", "長期"])))
                points.append(point)
            proj["points"] = points
            projections.append(proj)
        vision["projections"] = projections
        _put(vision, "text", _maybe(draw, texts()))
        _put(vision, "source", _source(draw, ids))
        data["population_vision"] = vision
    if draw(st.booleans()):
        plan: dict = {}
        _put(plan, "title", _maybe(draw, names()))
        _put(plan, "relation", _maybe(draw, st.sampled_from(["separate", "merged", "extracted"])))
        _put(plan, "period", _maybe(draw, year_spans()))
        for key in ("text", "note"):
            _put(plan, key, _maybe(draw, texts(), 3))
        _put(plan, "source", _source(draw, ids))
        data["comprehensive_plan"] = plan
    return data


def _governance(draw, ids: _Ids) -> dict:
    data: dict = {}

    def common(part: dict) -> dict:
        _put(part, "text", _maybe(draw, texts(), 3))
        _put(part, "source", _source(draw, ids))
        return part

    if draw(st.booleans()):
        pdca: dict = {}
        _put(pdca, "cycle_years", _maybe(draw, st.sampled_from([1, 0.5, 2, "1"])))
        _put(pdca, "kpi_review", _maybe(draw, st.booleans()))
        _put(pdca, "revision", _maybe(draw, st.booleans()))
        data["pdca"] = common(pdca)
    if draw(st.booleans()):
        body: dict = {}
        _put(body, "name", _maybe(draw, names()))
        for key in ("external_experts", "residents", "digital_expertise"):
            _put(body, key, _maybe(draw, st.booleans()))
        if draw(st.booleans()):
            body["sectors"] = draw(st.lists(st.sampled_from(SECTORS + list(SECTOR_KANJI)), min_size=1, max_size=7))
        members = []
        for _ in range(draw(st.integers(0, 3))):
            member: dict = {}
            _put(member, "name", _maybe(draw, names()))
            _put(member, "affiliation", _maybe(draw, names()))
            _put(member, "sector", _maybe(draw, st.sampled_from(SECTORS + list(SECTOR_KANJI))))
            _put(member, "role", _maybe(draw, st.sampled_from(["会長", "委員", "副会長"])))
            _put(member, "digital", _maybe(draw, st.booleans()))
            members.append(member)
        if members:
            body["members"] = members
        data["verification_body"] = common(body)
    if draw(st.booleans()):
        pub: dict = {}
        _put(pub, "published", _maybe(draw, st.booleans()))
        _put(pub, "channels", _maybe(draw, st.lists(st.sampled_from(["ホームページ", "広報誌", "SNS"]), max_size=3)))
        data["publication"] = common(pub)
    if draw(st.booleans()):
        assembly: dict = {}
        _put(assembly, "deliberation", _maybe(draw, st.booleans()))
        _put(assembly, "stages", _maybe(draw, st.lists(st.sampled_from(["drafting", "verification"]), max_size=2)))
        data["assembly"] = common(assembly)
    if draw(st.booleans()):
        part: dict = {}
        _put(part, "methods", _maybe(draw, st.lists(st.sampled_from(["パブリックコメント", "市民意識調査", "ワークショップ"]), max_size=3)))
        _put(part, "drafted_in_house", _maybe(draw, st.booleans()))
        data["participation"] = common(part)
    if draw(st.booleans()):
        internal: dict = {}
        _put(internal, "departments", _maybe(draw, st.lists(names(), max_size=3)))
        _put(internal, "digital_department", _maybe(draw, st.booleans()))
        data["internal"] = common(internal)
    return data


def _relisting(draw, ids: _Ids) -> dict:
    data: dict = {"ref": draw(st.sampled_from(ids.indicators))}
    _put(data, "relisted", _maybe(draw, st.booleans(), 3))
    _put(data, "name", _maybe(draw, names(), 3))
    if draw(st.integers(0, 3)) == 0:
        data["segments"] = [_segment(draw, ids)]
    else:
        _put(data, "population", _maybe(draw, texts(1), 3))
        _put(data, "baseline", _maybe(draw, baselines(), 3))
        _put(data, "target", _maybe(draw, targets(), 3))
    _put(data, "note", _maybe(draw, texts(), 4))
    _put(data, "source", _source(draw, ids))
    return data


@st.composite
def strategy_data(draw, level: str | None = None) -> dict:
    """The plain data of a valid strategy file (what yaml.safe_load gives), ids unique, links valid."""
    ids = _Ids(draw)
    data: dict = {}
    if draw(st.booleans()):
        data["format"] = 1
    data["id"] = ids.new("strategy")
    data["title"] = draw(names())
    documents = []
    doc_ids: set[str] = set()
    for _ in range(draw(st.integers(0, 2))):
        doc = {"id": ids.new("doc", doc_ids) if draw(st.integers(0, 3)) else _reuse(draw, ids, doc_ids), "title": draw(names())}
        _put(doc, "url", _maybe(draw, st.sampled_from(["https://www.city.example.lg.jp/a.pdf", "http://example.jp/x y"])))
        _put(doc, "date", _maybe(draw, years()))
        _put(doc, "note", _maybe(draw, texts()))
        documents.append(doc)
    ids.docs = [d["id"] for d in documents]
    _put(data, "note", _maybe(draw, texts(), 3))
    _put(data, "source", _source(draw, ids))
    _put(data, "short_title", _maybe(draw, names()))
    data["body"] = draw(body_data(level))
    _put(data, "status", _maybe(draw, st.sampled_from(["draft", "adopted", "revised"])))
    if draw(st.integers(0, 2)) == 0:
        dates: dict = {}
        for key in ("drafted", "published", "adopted", "revised"):
            _put(dates, key, _maybe(draw, years(2015, 2030)))
        data["dates"] = dates
    if documents:
        data["documents"] = documents
    if draw(st.integers(0, 3)):
        data["period"] = draw(_period(ids))
    if draw(st.booleans()):
        data["considers"] = _considers(draw, ids)
    if draw(st.booleans()):
        vision = _node(draw, ids, "vision")
        _put(vision, "name", _maybe(draw, names()))
        _put(vision, "text", _maybe(draw, texts()))
        pillars = []
        for _ in range(draw(st.integers(0, 3))):
            pillar = _node(draw, ids, "pillar")
            ids.pillars.append(pillar["id"])
            pillar["name"] = draw(names())
            _put(pillar, "text", _maybe(draw, texts(), 3))
            pillars.append(pillar)
        vision["pillars"] = pillars
        _put(vision, "model_visions", _maybe(draw, st.lists(st.sampled_from(["スマートシティ・スーパーシティ", "SDGs未来都市"]), max_size=2)))
        _put(vision, "policy_areas", _maybe(draw, st.lists(st.sampled_from(["教育DX", "観光DX", "ドローン利活用"]), max_size=2)))
        data["vision"] = vision
    kgis = [_indicator(draw, ids, "kgi") for _ in range(draw(st.integers(0, 2)))]
    if kgis:
        data["kgis"] = kgis
    data["goals"] = [_goal(draw, ids) for _ in range(draw(st.integers(0, 3)))]
    if ids.indicators:  # 【再掲】: a KPI listed again somewhere else
        for _ in range(draw(st.integers(0, 3))):
            if not ids.holders:
                break
            holder = draw(st.sampled_from(ids.holders))
            holder.insert(draw(st.integers(0, len(holder))), _relisting(draw, ids))
    if draw(st.booleans()):
        data["governance"] = _governance(draw, ids)
    if draw(st.integers(0, 2)) == 0:
        data["predecessor"] = _predecessor(draw, ids)
    revisions = [_revision(draw, ids) for _ in range(draw(st.sampled_from([0, 0, 1, 2])))]
    if revisions:
        data["revisions"] = revisions
    deviations = []
    for _ in range(draw(st.integers(0, 2))):
        record: dict = {"rule": draw(st.sampled_from(RULES))}
        _put(record, "node", _maybe(draw, st.sampled_from(ids.nodes)))
        _put(record, "justification", _maybe(draw, texts(), 2))
        _put(record, "approver", _maybe(draw, names(), 3))
        _put(record, "date", _maybe(draw, st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), 3))
        _put(record, "expires", _maybe(draw, st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), 3))
        deviations.append(record)
    if deviations:
        data["deviations"] = deviations
    return data


def _predecessor(draw, ids: _Ids) -> dict:
    part: dict = {"title": draw(names())}
    _put(part, "id", _maybe(draw, st.sampled_from(["prev-2015", "soan-2022"])))
    _put(part, "file", _maybe(draw, st.sampled_from(["prev.yaml", "../2019/strategy.yaml"])))
    _put(part, "period", _maybe(draw, year_spans()))
    _put(part, "adopted", _maybe(draw, years(2015, 2025)))
    if draw(st.booleans()):
        verification: dict = {}
        for key in ("summary", "conclusion", "body", "document"):
            _put(verification, key, _maybe(draw, texts(1)))
        _put(verification, "date", _maybe(draw, years(2015, 2025)))
        _put(verification, "url", _maybe(draw, st.just("https://example.jp/kensho.pdf")))
        part["verification"] = verification
    _put(part, "reflected", _maybe(draw, texts(1)))
    _put(part, "source", _source(draw, ids))
    return part


def _revision(draw, ids: _Ids) -> dict:
    record: dict = {
        "kpi": draw(st.sampled_from(ids.indicators or ["kpi-old"])),
        "change": draw(st.sampled_from([c.value for c in RevisionChange])),
    }
    for key in ("old", "new", "reason", "decided_by", "note"):
        _put(record, key, _maybe(draw, texts(1), 3))
    _put(record, "date", _maybe(draw, years(2015, 2030)))
    _put(record, "replaced_by", _maybe(draw, st.sampled_from(ids.indicators or ["kpi-new"]), 3))
    return record


def _reuse(draw, ids: _Ids, doc_ids: set[str]) -> str:
    """A document id equal to a node id (documents have their own id space)."""
    for node_id in ids.nodes:
        if node_id not in doc_ids:
            doc_ids.add(node_id)
            return node_id
    return ids.new("doc", doc_ids)


def build_strategy(data: dict, file: str = "<hypothesis>") -> Strategy:
    """Validate generated data into a `Strategy` and check its links (raises if the generator is wrong)."""
    from checker.load.links import check_links

    strategy = Strategy.model_validate(data)
    check_links(strategy, file)
    strategy._file = file
    return strategy


def strategies(level: str | None = None) -> st.SearchStrategy[Strategy]:
    """Valid `Strategy` models (validated and link-checked)."""
    return strategy_data(level).map(build_strategy)


# Sanity helpers used by tests of this module.
def year_parses(value) -> bool:
    return _parses(value, parse_year)


def span_parses(value) -> bool:
    return _parses(value, parse_year_range)

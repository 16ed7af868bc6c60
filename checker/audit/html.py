"""The audit's index.html: what needs attention first, then the pictures, then the details.

`write_index` builds the view from the gathered rows and renders ``templates/audit.html`` (this
package's own template, in the shell of ``checker/html/templates/base.html``).  The page has:

- the verdict against ``--fail-on`` for all bodies and the totals;
- filters over the tables (種別, 判定, an area and a severity, and every column declared with
  ``filter=True`` in `checker.audit.columns`), and a text search;
- the overview: one row per body, worst first, each linking to the body's own report page
  (written beside index.html under ``bodies/``);
- the heat map: bodies × rule areas, the open findings of each area as a count and a severity;
- the plan periods as a timeline against the prefecture's period; the distributions of
  warnings and of the outcome share; the national directions taken up;
- the findings by rule, the cross-check with the prefecture's strategy, the files that could
  not be loaded.

Adding a section: append a `Section` to the list `sections()` returns, with a template
(``checker/audit/templates/``, or another package's ``templates/`` folder) that renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..html.charts import histogram, stacked_bars, timeline
from ..html.page import label
from .aggregate import Layout, display
from .columns import VALUES, value_label

L = {
    "audit_title": ("{name} 地方版総合戦略の監査", "Audit of local strategies: {name}"),
    "audit_title_plain": ("地方版総合戦略の監査", "Audit of local strategies"),
    "overview_h": ("団体別の一覧", "Bodies"),
    "overview_note": ("重い指摘の多い団体から並べています。見出しを押すと並べ替え、団体名を押すとその団体の報告書を開きます。", "The bodies with the most serious findings come first. Click a heading to sort, a name to open the body's own report."),
    "heat": ("領域別の指摘（団体 × 領域）", "Findings by area (body × area)"),
    "progress_h": ("進捗の状況（効果検証、団体 × 目標）", "Progress (verification, body × goal)"),
    "heat_note": ("各欄は、その領域の未解決の指摘の件数と、最も重い重要度です（✖エラー ▲警告 ●情報、空欄はなし）。", "Each cell counts the area's open findings and shows the most serious (✖ error ▲ warning ● info; empty: none)."),
    "heat_total": ("警告以上の団体数", "Bodies with warnings or worse"),
    "periods": ("計画期間", "Plan periods"),
    "periods_chart": ("計画期間と県の計画期間", "Plan periods against the prefecture's"),
    "periods_chart_plain": ("計画期間", "Plan periods"),
    "pref_period": ("県の計画期間", "Prefecture's period"),
    "fiscal_span": ("{a}–{b}年度", "FY{a}–{b}"),
    "periods_note": ("帯は都道府県の計画期間です。重ならない期間は斜線と ▲ で示します。", "The band is the prefecture's period; a period that does not overlap it is hatched and marked ▲."),
    "distributions": ("分布", "Distributions"),
    "dist_warnings": ("団体ごとの警告の件数", "Warnings per body"),
    "dist_share": ("アウトカム指標の割合", "Share of outcome KPIs"),
    "n_bodies": ("団体数", "bodies"),
    "n_warnings": ("警告の件数", "warnings"),
    "directions_h": ("国の施策の方向の取り上げ状況", "National directions taken up"),
    "directions_note": ("● 宣言（national_directions）、○ 文言から推定、· なし。", "● declared (national_directions), ○ suggested by the wording, · none."),
    "by_rule": ("ルール別の指摘", "Findings by rule"),
    "crosscheck_h": ("都道府県の戦略との突合（XP）", "Cross-check with the prefecture's strategy (XP)"),
    "no_prefecture": ("都道府県の戦略が指定されていないため、突合は行っていません。", "No prefectural strategy was given, so there is no cross-check."),
    "goal_coverage": ("都道府県の目標と、それを取り上げる市町村の数", "Prefectural goals and how many municipalities take them up"),
    "municipalities": ("市町村数", "Municipalities"),
    "directions_col": ("国の施策の方向", "National directions"),
    "errors_h": ("読み込めなかったファイル", "Files that could not be loaded"),
    "strategies_n": ("戦略 {n} 件", "{n} strategies"),
    "failing_bodies": ("{threshold}以上の指摘がある団体が {n} 件あります。", "{n} bodies have findings at {threshold} or above."),
    "passing_bodies": ("どの団体にも{threshold}以上の指摘はありません。", "No body has findings at {threshold} or above."),
    "bodies_failing": ("不合格の団体", "Failing bodies"),
    "filter": ("絞り込み", "Filter"),
    "all": ("すべて", "all"),
    "any_area": ("すべての領域", "any area"),
    "sev_any": ("重要度を問わない", "any severity"),
    "sev_error": ("エラーあり", "with errors"),
    "sev_warning": ("警告以上あり", "warnings or worse"),
    "sev_info": ("指摘あり", "any finding"),
    "sev_none": ("指摘なし", "no finding"),
    "search": ("団体名・コードで検索", "Search name or code"),
    "shown_bodies": ("{shown} / {total} 団体を表示", "showing {shown} of {total} bodies"),
    "rules_affected": ("該当する戦略", "Strategies affected"),
    "more": ("ほか {n} 件", "and {n} more"),
    "basis_note": (
        "アウトカム指標の割合は、記載された種類、なければ記述から分類した種類によります（未分類はアウトカムに数えません）。国の施策の方向は、宣言と、宣言のない部分の記述からの推定によります。",
        "The outcome share uses the declared kind, else the kind read from the wording (unclassified KPIs do not count as outcome). National directions are those declared, and those suggested by the wording of parts that declare none.",
    ),
    "input_error": ("読込エラー", "input error"),
    "prefecture_mark": ("都道府県", "prefecture"),
}


def tl(key: str, lang: str, **values) -> str:
    """A label of the audit's pages in the language."""
    return label(L, key, lang, **values)


@dataclass
class Section:
    """One section of the index: its id (the anchor), heading and template with its context."""

    id: str
    heading: str
    template: str
    context: dict = field(default_factory=dict)


def _score(row: dict) -> tuple:
    """Worst first: failing, then by errors, warnings, info (most first), then file order."""
    return (row.get("status") == "ok", row.get("verdict") != "fail", -row.get("error", 0), -row.get("warning", 0),
            -row.get("info", 0))


def _periods(g, lang: str):
    rows = [(r["name"] or r["file"], r["period_start"], r["period_end"], g.pages[i])
            for i, r in enumerate(g.rows) if r.get("period_start") is not None and (r.get("level") != "prefecture")]
    rows.sort(key=lambda x: (x[1], x[2], x[0]))
    if len(rows) > 40:  # many bodies: one bar per distinct period, with how many bodies have it
        groups: dict[tuple[int, int], list[str]] = {}
        for name, a, b, _ in rows:
            groups.setdefault((a, b), []).append(name)
        rows = [(f"{names[0]}" + (tl("more", lang, n=len(names) - 1) if len(names) > 1 else ""), a, b, None)
                for (a, b), names in sorted(groups.items())]
    ref = g.pref_facts.period if g.pref_facts is not None else None
    title = tl("periods_chart" if ref else "periods_chart_plain", lang)
    return timeline(title, [(n, a, b, p) for n, a, b, p in rows], ref, "tl", tl("pref_period", lang), tl("fiscal_span", lang))


def _distributions(rows: list[dict], lang: str):
    loaded = [r for r in rows if r.get("status") == "ok"]
    edges = [(0, 0), (1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, None)]
    bins = []
    for lo, hi in edges:
        name = f"{lo}" if lo == hi else (f"{lo}–{hi}" if hi is not None else f"{lo}+")
        bins.append((name, sum(1 for r in loaded if r["warning"] >= lo and (hi is None or r["warning"] <= hi))))
    warn = histogram(tl("dist_warnings", lang), bins, "dw", tl("n_warnings", lang), tl("n_bodies", lang))
    share_bins = []
    for i in range(5):
        lo, hi = i * 20, (i + 1) * 20
        share_bins.append((f"{lo}–{hi}%", sum(1 for r in loaded if r.get("outcome_share") is not None
                                                and lo <= r["outcome_share"] * 100 < (hi if i < 4 else 101))))
    share = histogram(tl("dist_share", lang), share_bins, "ds", tl("dist_share", lang), tl("n_bodies", lang))
    return [warn, share]


def _filters(layout: Layout, lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(column id, header, [(code, label)]) for every enum column declared with filter=True."""
    out = []
    for col in layout.specs():
        if col.filter and col.kind == "enum":
            out.append((col.id, col.title(lang), [(code, value_label(col.enum, code, lang)) for code in VALUES[col.enum]]))
    return out


def sections(g, lang: str) -> list[Section]:
    """The index's sections after the overview, in order."""
    from .tables import rule_rows

    layout = g.layout
    out = [
        Section("heat", tl("heat", lang), "audit_heat.html"),
        Section("periods", tl("periods", lang), "audit_chart.html", {"charts": [_periods(g, lang)], "kind": "timeline",
                                                                   "note": tl("periods_note", lang)}),
        Section("distributions", tl("distributions", lang), "audit_chart.html", {"charts": _distributions(g.rows, lang),
                                                                               "kind": "histogram", "note": ""}),
        Section("directions", tl("directions_h", lang), "audit_directions.html",
                {"names": [(c, en if lang == "en" else ja) for c, ja, en in layout.direction_names]}),
        Section("rules", tl("by_rule", lang), "audit_rules.html",
                {"rules": rule_rows(g.stats, lambda a: layout.title(a, lang), lang), "stats": g.stats}),
        Section("crosscheck", tl("crosscheck_h", lang), "audit_crosscheck.html"),
    ]
    if any(r.get("progress_year") is not None for r in g.rows):
        from ..progress.summary import HEAT_LABELS

        width = max((len(r.get("progress_goals") or []) for r in g.rows), default=0)
        out.insert(1, Section("progress", tl("progress_h", lang), "audit_progress.html",
                              {"width": width, "p": lambda key, **v: label(HEAT_LABELS, key, lang, **v)}))
    if any(r.get("status") != "ok" for r in g.rows):
        out.append(Section("errors", tl("errors_h", lang), "audit_errors.html"))
    return out


def write_index(g) -> None:
    """Render and write index.html for the gathered audit `g` (`checker.audit.outputs.Gathered`)."""
    from ..fileio import write_atomic
    from ..html.templating import render_page

    lang = g.lang
    title = tl("audit_title", lang, name=g.pref_facts.name) if g.pref_facts else tl("audit_title_plain", lang)
    order = sorted(range(len(g.rows)), key=lambda i: (*_score(g.rows[i]), i))
    overview_cols = [c for c in g.layout.specs() if c.overview and c.id not in ("name",)]
    html = render_page(
        "audit.html", package=__package__, lang=lang, title=title, record=g.record, paper="landscape",
        styles=("report.css", "audit.css"), scripts=("audit.js",), labels=L,
        g=g, order=order, columns=overview_cols, filters=_filters(g.layout, lang), sections=sections(g, lang),
        display=display, area_titles=[(a, g.layout.title(a, lang)) for a in g.layout.areas],
    )
    write_atomic(g.outdir / "index.html", html)

"""The audit's index.html, written in pieces: the head and overview (from the rows), then one
section per strategy (rendered where the strategy was checked, spooled to disk in file order),
then the tail.  The whole file is still one self-contained page (see checker/html/page.py)."""

from __future__ import annotations

from ..engine.finding import Finding
from ..engine.pack import Pack
from ..html.charts import heatmap, stacked_bars
from ..html.page import badge, esc, label, t
from ..html.strategy import findings_table
from ..load.errors import Problem
from .aggregate import FAIL, Layout

L = {
    "audit_title": ("{name} 地方版総合戦略の監査", "Audit of local strategies: {name}"),
    "audit_title_plain": ("地方版総合戦略の監査", "Audit of local strategies"),
    "overview": ("一覧（見出しをクリックすると並べ替え）", "Overview (click a heading to sort)"),
    "heatmap": ("国の方向性の取り上げ状況（市町村 × 方向性）", "National directions taken up (municipality × direction)"),
    "progress": ("進捗の状況（効果検証、市町村 × 目標）", "Progress (verification, municipality × goal)"),
    "by_rule": ("ルール別の指摘", "Findings by rule"),
    "crosscheck": ("都道府県の戦略との突合（XP）", "Cross-check with the prefecture's strategy (XP)"),
    "sections": ("団体別の結果", "Results by body"),
    "errors": ("読み込めなかったファイル", "Files that could not be loaded"),
    "filter": ("絞り込み", "Filter"),
    "declared": ("宣言（national_directions）", "declared (national_directions)"),
    "suggested": ("文言から推定", "suggested by wording"),
    "none": ("なし", "none"),
    "strategies_n": ("戦略 {n} 件", "{n} strategies"),
    "prefecture": ("都道府県の戦略", "Prefecture's strategy"),
    "no_prefecture": ("都道府県の戦略が指定されていないため、突合は行っていません。", "No prefectural strategy was given, so there is no cross-check."),
    "outcome_share": ("アウトカム指標の割合", "Outcome KPI share"),
    "kpis": ("KPI数", "KPIs"),
    "verification_body": ("検証機関", "Verification body"),
    "pref_strategy": ("県の戦略の勘案", "Prefectural strategy"),
    "basis_note": (
        "アウトカム指標の割合の根拠: {outcome}。国の方向性の根拠: {directions}。",
        "Basis of the outcome share: {outcome}. Basis of the directions: {directions}.",
    ),
    "declared_kind": ("ファイルに書かれた kind のみ（未記載の KPI はアウトカムに数えない）", "the kind declared in the file only (KPIs without one are not counted as outcome)"),
    "classified_kind": ("成果指標ルールの分類", "the outcome rules' classification"),
    "declared_dirs": ("ファイルに書かれた national_directions のみ", "national_directions declared in the file only"),
    "suggested_dirs": ("宣言と、国の方向性ルールによる文言からの推定", "declared, and suggested by the national-directions rules from the wording"),
    "rules_affected": ("該当する戦略", "Strategies affected"),
    "more": ("ほか {n} 件", "and {n} more"),
    "chart_fail": ("領域別の不適合の戦略数", "Strategies failing each area"),
    "input_error": ("読込エラー", "input error"),
    "goal_coverage": ("都道府県の目標と、それを取り上げる市町村の数", "Prefectural goals and how many municipalities take them up"),
    "municipalities": ("市町村数", "Municipalities"),
    "directions_col": ("国の施策の方向", "National directions"),
}


def tl(key: str, lang: str, **values) -> str:
    """A UI label of the audit page in the report's language."""
    return label(L, key, lang, **values)


def anchor(index: int) -> str:
    return f"s-{index}"


def _label(row: dict) -> str:
    return row.get("name") or row["file"]


def section(index: int, row: dict, findings: list[Finding], problems: list[Problem], layout: Layout, lang: str) -> str:
    """One strategy's section of the index."""
    title = row.get("title") or row["file"]
    name = _label(row)
    out = [f'<section class="strategy" id="{anchor(index)}"><h3>{esc(name)} — {esc(title)}</h3>']
    if problems:
        out.append('<ul class="findings">' + "".join(
            f'<li>{badge("error", lang)} <span class="loc">{esc(str(p))}</span></li>' for p in problems) + "</ul></section>")
        return "".join(out)
    facts = [
        (t("file", lang), f'<span class="loc">{esc(row["file"])}</span>'),
        (t("body", lang), f'{esc(row["name"])}{" (" + esc(row["code"]) + ")" if row.get("code") else ""} · {esc(row["level"])}'),
        (t("period", lang), esc(f'FY{row["period_start"]}–FY{row["period_end"]}' if row.get("period_start") else t("none", lang))),
        (tl("kpis", lang), esc(f'{row["kpis"]}（{t("kind_outcome", lang)} {row["kpis_outcome"]} / {t("kind_output", lang)} {row["kpis_output"]}）')),
        (tl("verification_body", lang), esc(t("yes" if row.get("verification_body") else "no", lang))),
    ]
    if row.get("level") != "prefecture":
        pref = row.get("prefectural_strategy")
        detail = " ".join(x for x in (row.get("prefectural_body_code"), row.get("prefectural_strategy_id")) if x)
        facts.append((tl("pref_strategy", lang), esc(f"{pref or ''} {detail}".strip())))
    out.append('<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    out.append(area_line(findings, layout, lang))
    # errors, warnings and justified deviations in full; info grouped by rule (the full list is
    # in audit.json and in `tebiki report FILE`), which keeps a large audit's page small
    major = [f for f in findings if f.justified or f.severity.value != "info"]
    info: dict[str, list[Finding]] = {}
    for f in findings:
        if not f.justified and f.severity.value == "info":
            info.setdefault(f.code, []).append(f)
    out.append("<details><summary>" + esc(f'{t("findings", lang)} ({len(findings)})') + "</summary>")
    out.append(findings_table(major, lang, f"{anchor(index)}-findings"))
    if info:
        items = []
        for code, group in sorted(info.items()):
            lines = ", ".join(f"L{f.line}" for f in group[:12]) + (" …" if len(group) > 12 else "")
            items.append(f'<li>{badge("info", lang)} <b>{esc(code)}</b> {esc(group[0].name)} ×{len(group)} '
                         f'<span class="loc">{esc(lines)}</span></li>')
        out.append('<ul class="findings">' + "".join(items) + "</ul>")
    out.append("</details></section>\n")
    return "".join(out)


def area_line(findings: list[Finding], layout: Layout, lang: str) -> str:
    """Pass/fail per area on one line, with the open errors and warnings of each failing area."""
    bits = []
    for area in layout.areas:
        open_ = [f for f in findings if f.area == area and not f.justified]
        err = sum(1 for f in open_ if f.severity.value == "error")
        warn = sum(1 for f in open_ if f.severity.value == "warning")
        if err or warn:
            counts = " ".join(x for x in (f"✖{err}" if err else "", f"▲{warn}" if warn else "") if x)
            bits.append(f'<span class="st-fail">✗ {esc(layout.title(area, lang))} ({counts})</span>')
        else:
            bits.append(f'<span class="st-pass">✓ {esc(layout.title(area, lang))}</span>')
    return f'<p class="areas">{esc(t("area", lang))}: ' + " · ".join(bits) + "</p>"


def _status_cell(value) -> str:
    if value is None:
        return '<td data-v="">—</td>'
    mark = "✗" if value == FAIL else "✓"
    return f'<td class="st-{esc(value)}" data-v="{1 if value == FAIL else 0}">{mark}</td>'


def overview(rows: list[dict], layout: Layout, lang: str) -> str:
    heads = [t("name", lang), t("code", lang), t("error", lang), t("warning", lang), t("info", lang),
             t("justified", lang), t("crosscheck", lang)] + [layout.title(a, lang) for a in layout.areas] + [
        tl("kpis", lang), tl("outcome_share", lang), t("period", lang), tl("verification_body", lang), tl("pref_strategy", lang)]
    body = []
    for i, row in enumerate(rows):
        if row["status"] != "ok":
            cells = [f'<td><a href="#{anchor(i)}">{esc(_label(row))}</a></td>', "<td></td>",
                     f'<td colspan="{len(heads) - 2}">{badge("error", lang)} {esc(tl("input_error", lang))}</td>']
            body.append("<tr>" + "".join(cells) + "</tr>")
            continue
        share = row.get("outcome_share")
        period = f'{row["period_start"]}–{row["period_end"]}' if row.get("period_start") else "—"
        cells = [
            f'<td class="name" data-v="{esc(_label(row))}"><a href="#{anchor(i)}">{esc(_label(row))}</a>{" ★" if row["level"] == "prefecture" else ""}</td>',
            f'<td>{esc(row.get("code") or "")}</td>',
            *(f'<td class="num">{row[k]}</td>' for k in ("error", "warning", "info", "justified", "crosscheck")),
            *(_status_cell(row.get(f"area:{a}")) for a in layout.areas),
            f'<td class="num">{row["kpis"]}</td>',
            f'<td class="num" data-v="{"" if share is None else share}">{"—" if share is None else f"{share * 100:.0f}%"}</td>',
            f'<td data-v="{row.get("period_start") or ""}">{esc(period)}{" (" + str(row["period_years"]) + ")" if row.get("period_years") else ""}</td>',
            f'<td>{esc(t("yes" if row["verification_body"] else "no", lang))}</td>',
            f'<td>{esc({"named": t("yes", lang), "missing": t("no", lang)}.get(row.get("prefectural_strategy"), "—"))}</td>',
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    first = 7
    areas = set(range(first, first + len(layout.areas)))
    head_html = "".join(f'<th class="vert">{esc(h)}</th>' if i in areas else f"<th>{esc(h)}</th>" for i, h in enumerate(heads))
    return (
        f'<p class="noprint"><label>{esc(tl("filter", lang))}: <input type="search" data-filter="overview-table"></label></p>'
        f'<div class="wrap"><table class="sortable" id="overview-table"><thead><tr>{head_html}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def direction_heatmap(rows: list[dict], layout: Layout, pack: Pack, lang: str) -> str:
    names = {d.code: (d.name.en if lang == "en" else d.name.ja) for d in pack.reference.directions}
    columns = [(c, f"{names.get(c, c)}") for c in layout.directions]
    data = [(_label(r), anchor(i), {c: r.get(f"nd:{c}") for c in layout.directions}) for i, r in enumerate(rows) if r["status"] == "ok"]
    legend = {"declared": tl("declared", lang), "suggested": tl("suggested", lang), "none": tl("none", lang)}
    return f'<div class="wrap">{heatmap(tl("heatmap", lang), data, columns, legend)}</div>'


def area_failures_chart(rows: list[dict], layout: Layout, lang: str) -> str:
    counts = []
    for a in layout.areas:
        fail = sum(1 for r in rows if r.get(f"area:{a}") == FAIL)
        ok = sum(1 for r in rows if r.get(f"area:{a}") not in (None, FAIL))
        counts.append((layout.title(a, lang), {"error": fail, "justified": ok}))
    series = [("error", t("fail", lang)), ("justified", t("pass", lang))]
    chart = stacked_bars(tl("chart_fail", lang), counts, series, uid="af", symbols={"error": "✗", "justified": "✓"})
    return f'<div class="wrap">{chart}</div>'


def by_rule(stats: dict[str, dict], rows: list[dict], lang: str, layout: Layout, limit: int = 60) -> str:
    """One row per rule that fired: counts and the strategies affected (linked)."""
    body = []
    for code in sorted(stats):
        s = stats[code]
        links = [f'<a href="#{anchor(i)}">{esc(_label(rows[i]))}</a>' for i in sorted(s["strategies"])[:limit]]
        extra = len(s["strategies"]) - len(links)
        more = f" {esc(tl('more', lang, n=extra))}" if extra > 0 else ""
        title = s["title"].get(lang) if hasattr(s["title"], "get") else s["title"]
        body.append(
            f'<tr><td>{esc(code)}</td><td>{esc(s["name"])}<br><small>{esc(title)}</small></td>'
            f'<td data-v="{ {"error": 3, "warning": 2, "info": 1}[s["severity"]] }">{badge(s["severity"], lang)}</td>'
            f'<td>{esc(layout.title(s["area"], lang))}</td><td>{esc(", ".join(s["sections"]))}</td>'
            f'<td class="num">{s["findings"]}</td><td class="num">{s["justified"]}</td><td class="num">{len(s["strategies"])}</td>'
            f'<td><details><summary>{len(s["strategies"])}</summary>{"、".join(links)}{more}</details></td></tr>'
        )
    heads = [t("code", lang), t("rule", lang), t("severity", lang), t("area", lang), t("sections", lang),
             t("findings", lang), t("justified", lang), t("strategies", lang), tl("rules_affected", lang)]
    return (
        f'<div class="wrap"><table class="sortable" id="by-rule"><thead><tr>{"".join(f"<th>{esc(h)}</th>" for h in heads)}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def crosscheck_section(findings: list[Finding], rows: list[dict], index_of: dict[str, int], goal_rows: list[tuple], lang: str) -> str:
    out = []
    if goal_rows:
        body = "".join(
            f'<tr><td>{esc(name)}</td><td>{esc(dirs)}</td><td class="num">{n}</td></tr>' for name, dirs, n in goal_rows
        )
        out.append(
            f"<h3>{esc(tl('goal_coverage', lang))}</h3>"
            f'<table><thead><tr><th>{esc(t("goal", lang))}</th><th>{esc(tl("directions_col", lang))}</th>'
            f'<th class="num">{esc(tl("municipalities", lang))}</th></tr></thead><tbody>{body}</tbody></table>'
        )
    if not findings:
        out.append(f"<p>{esc(t('no_findings', lang))}</p>")
        return "".join(out)
    items = []
    for f in findings:
        i = index_of.get(f.file)
        who = f'<a href="#{anchor(i)}">{esc(_label(rows[i]))}</a>' if i is not None else esc(f.file)
        who = f'<td class="name">{who}</td>'
        items.append(
            f'<tr>{who}<td><span class="loc">{esc(f.file)}:{f.line}:{f.col}</span></td>'
            f'<td data-v="{f.severity.rank}">{badge(f.severity.value, lang)}</td><td>{esc(f.code)}</td>'
            f"<td>{esc(f.message.get(lang))}</td></tr>"
        )
    heads = [t("body", lang), t("where", lang), t("severity", lang), t("code", lang), t("message", lang)]
    out.append(
        f'<div class="wrap"><table class="sortable" id="crosscheck-table"><thead><tr>{"".join(f"<th>{esc(h)}</th>" for h in heads)}</tr></thead>'
        f'<tbody>{"".join(items)}</tbody></table></div>'
    )
    return "".join(out)


def top(title: str, lang: str, summary: dict, basis: dict, pack: Pack, parts: list[tuple[str, str, str]]) -> str:
    """The page head and everything before the per-strategy sections."""
    cards = "".join(
        f'<div class="card">{esc(label)}<b>{value}</b></div>'
        for label, value in (
            (t("strategies", lang), summary["files"]),
            (t("error", lang), summary["error"]),
            (t("warning", lang), summary["warning"]),
            (t("info", lang), summary["info"]),
            (t("justified", lang), summary["justified"]),
            (t("crosscheck", lang), summary["crosscheck"]),
            (tl("input_error", lang), summary["input_errors"]),
        )
    )
    outcome = tl("classified_kind" if basis["outcome_basis"] == "classified" else "declared_kind", lang)
    directions = tl("suggested_dirs" if basis["directions_basis"] != "declared" else "declared_dirs", lang)
    nav = " · ".join(f'<a href="#{esc(i)}">{esc(h)}</a>' for i, h, _ in parts)
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(t("edition", lang))}: {esc(pack.edition)} · {esc(tl("strategies_n", lang, n=summary["files"]))}</p>',
        f'<nav class="noprint"><p>{nav}</p></nav>',
        f'<div class="cards">{cards}</div>',
        f'<p class="note">{esc(tl("basis_note", lang, outcome=outcome, directions=directions))}</p>',
    ]
    for ident, heading, html in parts:
        body.append(f'<h2 id="{esc(ident)}">{esc(heading)}</h2>{html}')
    body.append(f'<h2 id="sections">{esc(tl("sections", lang))}</h2>\n')
    return "\n".join(body)

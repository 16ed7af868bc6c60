"""The HTML report of one strategy: the tree vision → goals → basic directions → measures → KPIs,
each finding shown at the node it concerns, a summary by area, and the list of all findings."""

from __future__ import annotations

from collections import defaultdict

from ..engine.finding import Finding, Severity
from ..engine.pack import Pack, ordered_areas
from ..graph import EdgeType, NodeType, StrategyGraph, build_graph
from ..model import Indicator, Strategy
from .charts import stacked_bars
from .page import badge, esc, page, t

def areas_of(pack: Pack, findings: list[Finding]) -> list[str]:
    """The pack's areas (those its rules use) and any other area a finding names, in Area order."""
    return ordered_areas([r.area.value for r in pack.rules] + [f.area for f in findings])


def area_counts(findings: list[Finding], areas: list[str]) -> list[tuple[str, dict[str, int]]]:
    counts = {a: {"error": 0, "warning": 0, "info": 0, "justified": 0} for a in areas}
    for f in findings:
        key = "justified" if f.justified else f.severity.value
        counts.setdefault(f.area, {"error": 0, "warning": 0, "info": 0, "justified": 0})[key] += 1
    return [(a, counts[a]) for a in counts]


def findings_list(findings: list[Finding], lang: str, show_node: bool = False) -> str:
    """Findings as a compact list (used at tree nodes)."""
    if not findings:
        return ""
    items = []
    for f in findings:
        node = f' <span class="node-id">{esc(f.node_name)}</span>' if show_node else ""
        dev = ""
        if f.deviation is not None:
            dev = f'<br><small>{esc(t("deviation", lang))}: {esc(f.deviation.justification)}</small>'
        items.append(
            f'<li class="finding" data-code="{esc(f.code)}">{badge(f.severity.value, lang, f.justified)} '
            f'<b>{esc(f.code)}</b> {esc(f.message.get(lang))} '
            f'<span class="loc">{esc(f.file)}:{f.line}:{f.col} · 手引き {esc(", ".join(f.sections))} · '
            f'<span class="basis basis-{esc(f.basis.value)}">{esc(f.basis.label(lang))}</span></span>{node}{dev}</li>'
        )
    return '<ul class="findings">' + "".join(items) + "</ul>"


def findings_table(findings: list[Finding], lang: str, table_id: str, pack: Pack | None = None) -> str:
    """All findings, sortable, in file order."""
    if not findings:
        return f"<p>{esc(t('no_findings', lang))}</p>"
    rank = {"error": 3, "warning": 2, "info": 1}
    rows = []
    for f in findings:
        sev = 0 if f.justified else rank[f.severity.value]
        rows.append(
            f'<tr><td class="num" data-v="{f.line * 10000 + f.col}"><span class="loc">{f.line}:{f.col}</span></td>'
            f'<td data-v="{sev}">{badge(f.severity.value, lang, f.justified)}</td>'
            f"<td>{esc(f.code)}</td><td>{esc(pack.area_title(f.area, lang) if pack else f.area)}</td><td>{esc(', '.join(f.sections))}</td>"
            f"<td>{esc(f.basis.label(lang))}</td><td>{esc(f.node_name)}</td><td>{esc(f.message.get(lang))}</td></tr>"
        )
    head = "".join(
        f"<th>{esc(t(k, lang))}</th>" for k in ("where", "severity", "code", "area", "sections", "basis", "node", "message")
    )
    return (
        f'<div class="wrap"><table class="sortable" id="{esc(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def area_table(findings: list[Finding], areas: list[str], lang: str, pack: Pack) -> str:
    rows = []
    for area, c in area_counts(findings, areas):
        status = "fail" if c["error"] or c["warning"] else "pass"
        mark = "✗" if status == "fail" else "✓"
        rows.append(
            f'<tr><td>{esc(pack.area_title(area, lang))}</td><td class="st-{status}">{mark} {esc(t(status, lang))}</td>'
            + "".join(f'<td class="num">{c[k]}</td>' for k in ("error", "warning", "info", "justified"))
            + "</tr>"
        )
    head = f"<th>{esc(t('area', lang))}</th><th>{esc(t('summary', lang))}</th>" + "".join(
        f'<th class="num">{esc(t(k, lang))}</th>' for k in ("error", "warning", "info", "justified")
    )
    return f'<table class="areas"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def area_chart(findings: list[Finding], areas: list[str], lang: str, uid: str, pack: Pack) -> str:
    series = [(k, t(k, lang)) for k in ("error", "warning", "info", "justified")]
    counts = [(pack.area_title(a, lang), c) for a, c in area_counts(findings, areas)]
    return stacked_bars(t("chart_by_area", lang), counts, series, uid=uid)


def severity_cards(findings: list[Finding], lang: str) -> str:
    counts = {"error": 0, "warning": 0, "info": 0, "justified": 0}
    for f in findings:
        counts["justified" if f.justified else f.severity.value] += 1
    return '<div class="cards">' + "".join(
        f'<div class="card">{badge(k, lang, k == "justified") if k != "justified" else badge("info", lang, True)}<b>{counts[k]}</b></div>'
        for k in counts
    ) + "</div>"


# -- the tree ------------------------------------------------------------------------------


def kind_badge(record, lang: str) -> str:
    """An indicator's kind as a small label, declared or inferred, with the reason as its title (checker.kinds)."""
    if record is None:
        return ""
    kind = t("kind_" + (record.kind or "undecided"), lang)
    basis = t("kind_" + record.basis, lang)
    return f'<span class="kind kind-{esc(record.kind or "undecided")}" title="{esc(record.reason.get(lang))}">{esc(kind)}（{esc(basis)}）</span> · '


def _values(part: Indicator, lang: str, record=None) -> str:
    pieces = []
    for population, baseline, target in part.measurements():
        bits = []
        if baseline is not None and (baseline.text or baseline.value is not None):
            bits.append(f"{t('baseline', lang)} {baseline.text or baseline.value}")
        if target is not None:
            shown = target.text or (target.value if target.value is not None else (target.relative.value if target.relative else ""))
            bits.append(f"{t('target', lang)} {shown}")
        if bits:
            pieces.append((f"[{population}] " if population else "") + " → ".join(bits))
    kind = kind_badge(record, lang)
    return f'<span class="kpi-vals">{kind}{esc(" / ".join(pieces))}</span>' if pieces or kind else ""


class _Tree:
    def __init__(self, g: StrategyGraph, by_node: dict[str, list[Finding]], lang: str, id_prefix: str = "n-", kinds: dict | None = None):
        self.g, self.by_node, self.lang, self.id_prefix = g, by_node, lang, id_prefix
        self.kinds = kinds or {}
        self.shown: set[str] = set()

    def node(self, node: str, children: str = "", relisted: bool = False, collapsible: bool = False) -> str:
        g, lang = self.g, self.lang
        self.shown.add(node)
        type_ = g.type(node)
        part = g.part(node)
        label = getattr(part, "label", None)
        name = g.name(node)
        extra = _values(part, lang, self.kinds.get(node)) if isinstance(part, Indicator) else ""
        rel = f' <span class="sev sev-justified">{esc(t("relisted", lang))}</span>' if relisted else ""
        line = g.loc(node)[0]
        head = (
            f'<span class="node-type">{esc(t(type_.value, lang))}</span>'
            f'{esc(label + " ") if label else ""}<b>{esc(name)}</b>{rel}'
            f'<span class="node-id">#{esc(node)} · L{line}</span>{extra}'
        )
        found = findings_list(self.by_node.get(node, []) if not relisted else [], lang)
        # a re-listed KPI (【再掲】) is shown again without an id: the id belongs to where it is defined
        attrs = (f' data-relisted="{esc(node)}"' if relisted else f' id="{esc(self.id_prefix)}{esc(node)}"') + f' data-type="{esc(type_.value)}"'
        if collapsible:
            return f'<li{attrs}><details open><summary>{head}</summary>{found}{children}</details></li>'
        return f'<li{attrs}>{head}{found}{children}</li>'

    def kpis(self, holder: str) -> str:
        items = []
        for kpi, data in self.g.edges(holder, EdgeType.measured_by):
            items.append(self.node(kpi, relisted=bool(data.get("relisted"))))
        return "".join(items)

    def planned(self, node: str) -> str:
        g = self.g
        parts = [self.kpis(node)]
        for target in g.out(node, EdgeType.has_numerical_target):
            parts.insert(0, self.node(target))
        for sub in g.out(node, EdgeType.has_direction, EdgeType.has_measure):
            parts.append(self.planned(sub))
        for sup in g.out(node, EdgeType.has_supplementary):
            parts.append(self.node(sup))
        inner = "".join(parts)
        children = f"<ul>{inner}</ul>" if inner else ""
        return self.node(node, children, collapsible=g.type(node) is NodeType.goal)

    def render(self) -> str:
        g = self.g
        root = g.strategy.id
        out = []
        for vision in g.out(root, EdgeType.has_vision):
            pillars = "".join(self.node(p) for p in g.out(vision, EdgeType.has_pillar))
            out.append(self.node(vision, f"<ul>{pillars}</ul>" if pillars else ""))
        for kgi in g.out(root, EdgeType.has_kgi):
            out.append(self.node(kgi))
        for goal in g.out(root, EdgeType.has_goal):
            out.append(self.planned(goal))
        return '<ul class="tree">' + "".join(out) + "</ul>"


def strategy_body(strategy: Strategy, findings: list[Finding], pack: Pack, lang: str, uid: str = "s", level: int = 1,
                  node_ids: str = "n-") -> str:
    """The report of one strategy, without the page shell.

    `uid` prefixes the ids of its headings and charts and `node_ids` those of its tree nodes,
    so that several reports can share a page.
    """
    g = build_graph(strategy)
    by_node: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_node[f.node_id].append(f)
    from ..kinds import indicator_kinds

    kinds = {r.id: r for r in indicator_kinds(g, pack.reference)} if pack.reference.kinds is not None else {}
    tree = _Tree(g, by_node, lang, node_ids, kinds)
    tree_html = tree.render()
    others = [f for f in findings if f.node_id not in tree.shown]
    areas = areas_of(pack, findings)
    body = strategy.body
    h = f"h{level}"
    h2 = f"h{level + 1}"
    period = strategy.period
    period_text = (
        f"{period.start.text}～{period.end.text}（{t('fiscal_years', lang, n=period.fiscal_years)}）" if period else t("none", lang)
    )
    facts = (
        f'<dl class="facts"><dt>{esc(t("body", lang))}</dt><dd>{esc(body.name)}'
        f'{" (" + esc(body.code) + ")" if body.code else ""} · {esc(body.level.value)}</dd>'
        f'<dt>{esc(t("period", lang))}</dt><dd>{esc(period_text)}</dd>'
        f'<dt>{esc(t("file", lang))}</dt><dd><span class="loc">{esc(strategy.file)}</span></dd>'
        f'<dt>{esc(t("edition", lang))}</dt><dd>{esc(pack.edition)}</dd></dl>'
    )
    return (
        f'<{h}>{esc(strategy.title)}</{h}>{facts}'
        f'<{h2} id="{esc(uid)}-summary">{esc(t("by_area", lang))}</{h2}>'
        f"{severity_cards(findings, lang)}{area_table(findings, areas, lang, pack)}"
        f'<div class="wrap">{area_chart(findings, areas, lang, uid, pack)}</div>'
        f'<{h2} id="{esc(uid)}-tree">{esc(t("tree", lang))}</{h2}>{tree_html}'
        f'<{h2} id="{esc(uid)}-other">{esc(t("other_findings", lang))}</{h2}>'
        f'{findings_list(others, lang, show_node=True) or "<p>" + esc(t("no_findings", lang)) + "</p>"}'
        f'<{h2} id="{esc(uid)}-findings">{esc(t("all_findings", lang))}</{h2}>'
        f"{findings_table(findings, lang, uid + '-table', pack)}"
    )


def strategy_page(strategy: Strategy, findings: list[Finding], pack: Pack, lang: str = "ja") -> str:
    """A whole self-contained HTML page for one strategy."""
    return page(strategy.title, strategy_body(strategy, findings, pack, lang), lang)


def worst(findings: list[Finding]) -> Severity | None:
    open_ = [f.severity for f in findings if not f.justified]
    return max(open_, key=lambda s: s.rank) if open_ else None

"""The HTML report of one strategy (``tebiki report``, ``check --format html``, and each body's page
of the audit): fix first, then the pictures, then the tree with every finding where it belongs.

`strategy_view` gathers what the page shows; ``templates/strategy.html`` lays it out:

1. the verdict against ``--fail-on`` and the counts (clickable: they filter the page);
2. 「まず直すべき指摘」: errors and warnings grouped by rule, each with its fix, a link to the
   rule's explanation and every occurrence; info collapsed in 「参考」, justified deviations apart;
3. the areas (worst severity and counts, a bar chart), the tree diagrams (the vision and goals,
   then one per goal, a badge per node), measures with and without KPIs and the outcome/output
   split per goal;
4. the tree: a heading per goal (h2), basic direction (h3) and measure (h4 …), the indicators
   where they are set with baseline → target bars, and each finding with its fix;
5. the findings outside the tree, the table of all findings, and the rules that fired.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.finding import Finding, Severity
from ..engine.pack import Pack, ordered_areas
from ..graph import NodeType, build_graph
from ..model import Strategy
from .charts import Bars, Diagram, stacked_bars
from .findings import KEYS, Group, Verdict, groups, level, tally
from .page import label, t, UI
from .tree import TNode, build, diagrams


def kind_records(g, pack: Pack) -> dict:
    """Indicator id → its kind record (`checker.kinds`: outcome or output, declared or read from
    the name, and why); empty when the edition has no kind lexicon."""
    if getattr(pack.reference, "kinds", None) is None:
        return {}
    from ..kinds import indicator_kinds

    return {r.id: r for r in indicator_kinds(g, pack.reference)}


@dataclass
class AreaRow:
    area: str
    title: str
    counts: dict[str, int]

    @property
    def level(self) -> str:
        return level(self.counts)


@dataclass
class StrategyView:
    uid: str
    heading: int
    strategy: Strategy
    verdict: Verdict
    findings: list[Finding]
    fix_first: list[Group]
    info: list[Group]
    justified: list[Group]
    areas: list[AreaRow]
    area_chart: Bars
    roots: list[TNode]
    others: list[Finding]
    diagram: Diagram | None
    """The vision and the goals."""
    goal_diagrams: dict[str, Diagram]
    """Goal id → the diagram of the goal's subtree."""
    goal_charts: list[Bars]
    rules: list = field(default_factory=list)
    """The records of the rules that fired, by code."""
    anchors: dict[str, str] = field(default_factory=dict)
    """Node id → the id of its place on the page."""
    rule_of: dict = field(default_factory=dict)
    """Code → rule record, for every code the page may show."""
    item: dict = field(default_factory=dict)
    """Finding → its rendered list item (`prerender`), shown in its group and at its node."""
    badges: dict = field(default_factory=dict)
    """'error', 'warning', 'info', 'justified' → the rendered badge."""

    @property
    def area_title(self) -> dict[str, str]:
        return {a.area: a.title for a in self.areas}

    @property
    def period_text(self) -> str | None:
        p = self.strategy.period
        return f"{p.start.text}～{p.end.text}" if p is not None else None


def _area_rows(pack: Pack, findings: list[Finding], lang: str) -> list[AreaRow]:
    areas = ordered_areas([r.area.value for r in pack.rules] + [f.area for f in findings])
    counts = {a: dict.fromkeys(KEYS, 0) for a in areas}
    for f in findings:
        counts[f.area]["justified" if f.justified else f.severity.value] += 1
    return [AreaRow(a, pack.area_title(a, lang), counts[a]) for a in areas]


def _goal_charts(roots: list[TNode], g, lang: str, uid: str, anchors: dict[str, str]) -> list[Bars]:
    """Per goal: its measures by whether a KPI measures them (their own, one above, none), and its
    KPIs (numerical targets included) by kind."""
    goals = [r for r in roots if r.type == "goal"]
    if not goals:
        return []
    cover, kinds, names, hrefs = [], [], [], []
    for goal in goals:
        c = {"own": 0, "above": 0, "none": 0}
        for m in g.descendants(goal.id, NodeType.measure):
            c["own" if g.kpis(m) else "above" if g.covering_kpis(m) else "none"] += 1
        k = {"outcome": 0, "output": 0, "unknown": 0}

        def walk(n: TNode) -> None:
            for i in n.indicators:
                if i.type in ("kpi", "numerical_target") and not i.relisted:
                    k[i.kind or "unknown"] += 1
            for child in n.children:
                walk(child)

        walk(goal)
        name = f"{goal.label} {goal.name}" if goal.label else goal.name
        names.append(name)
        hrefs.append(f"#{anchors[goal.id]}")
        cover.append(c)
        kinds.append(k)
    symbols = {"own": "●", "above": "○", "none": "✖", "outcome": "◆", "output": "◇", "unknown": "?"}
    return [
        stacked_bars(t("measures_chart", lang), list(zip(names, cover)),
                     [("own", t("own_kpi", lang)), ("above", t("above_kpi", lang)), ("none", t("no_kpi", lang))],
                     f"{uid}-gm", symbols=symbols, hrefs=hrefs),
        stacked_bars(t("kinds_chart", lang), list(zip(names, kinds)),
                     [("outcome", t("kind_outcome", lang)), ("output", t("kind_output", lang)), ("unknown", t("kind_unknown", lang))],
                     f"{uid}-gk", symbols=symbols, hrefs=hrefs),
    ]


def strategy_view(strategy: Strategy, findings: list[Finding], pack: Pack, lang: str = "ja", *,
                  fail_on: Severity = Severity.error, uid: str = "s", heading: int = 1, node_ids: str = "n-",
                  extra_rules=()) -> StrategyView:
    """Everything the report of one strategy shows.

    `uid` prefixes the ids of its sections and charts and `node_ids` those of its tree nodes, so
    that several reports can share a page; `heading` is the level of its title (goals are one
    below); `extra_rules` are records of codes that are not the pack's (the audit's cross-check).
    """
    g = build_graph(strategy)
    roots, shown = build(g, findings, node_ids, kind_records(g, pack), top=heading + 1)
    anchors: dict[str, str] = {}

    def index(n: TNode) -> None:
        if not n.relisted:
            anchors.setdefault(n.id, n.anchor)
        for child in n.children + n.indicators:
            index(child)

    for r in roots:
        index(r)
    rules = {**{r.code: r for r in extra_rules}, **pack.by_code}
    fired = sorted({f.code for f in findings})

    def goal_title(goal: TNode) -> str:
        return f"{label(UI, 'goal', lang)}: {goal.label + ' ' if goal.label else ''}{goal.name}"

    areas = _area_rows(pack, findings, lang)
    overview, per_goal = diagrams(roots, strategy.title, goal_title, uid, lambda k: t(k, lang))
    series = [(k, t(k, lang)) for k in KEYS]
    return StrategyView(
        uid=uid,
        heading=heading,
        strategy=strategy,
        verdict=Verdict.of(findings, fail_on),
        findings=findings,
        fix_first=groups(findings, rules, ("error", "warning")),
        info=groups(findings, rules, ("info",)),
        justified=groups(findings, rules, ("justified",)),
        areas=areas,
        area_chart=stacked_bars(t("chart_by_area", lang), [(a.title, a.counts) for a in areas], series, f"{uid}-ac",
                                hrefs=[None] * len(areas)),
        roots=roots,
        others=[f for f in findings if f.node_id not in shown],
        diagram=overview,
        goal_diagrams=per_goal,
        goal_charts=_goal_charts(roots, g, lang, uid, anchors),
        rules=[rules[c] for c in fired if c in rules],
        anchors=anchors,
        rule_of=rules,
    )


def prerender(view: StrategyView, lang: str, labels=None) -> StrategyView:
    """Render each finding's list item and the badges once (they appear in several places of the page)."""
    from .templating import environment, label_function

    t_ = label_function(lang, labels)
    env = environment()
    module = env.get_template("strategy.html").make_module({"lang": lang, "t": t_})
    macros = env.get_template("macros.html").make_module({"lang": lang, "t": t_})
    view.badges = {k: macros.badge(k if k != "justified" else "info", t_, k == "justified") for k in KEYS}
    view.item = {f: module.finding_item(f, view, t_, lang) for f in view.findings}
    return view


def strategy_page(strategy: Strategy, findings: list[Finding], pack: Pack, lang: str = "ja", *,
                  fail_on: Severity = Severity.error, record=None, extra_rules=(), back: str | None = None) -> str:
    """A whole self-contained page for one strategy.

    `record` is the run record (`checker.html.templating.RunRecord`, made for the strategy's file
    when omitted); `back` a link to an overview page (the audit's index).
    """
    from .templating import RunRecord, render_page

    view = prerender(strategy_view(strategy, findings, pack, lang, fail_on=fail_on, extra_rules=extra_rules), lang)
    record = record or RunRecord.now([strategy.file], pack, fail_on)
    return render_page("report.html", lang=lang, title=strategy.title, record=record, styles=("report.css",),
                       scripts=("report.js",), views=[view], back=back, pack=pack, summary=None)


"""Progress and verification as recorded (手引き 7-1 to 7-4, 8-1): actual values every year, cause
analysis and decisions where KPIs are behind, the verification done, revisions with reasons, and
the predecessor's verification reflected in a new strategy.

These checks read the strategy's progress records (progress files or inline `progress:`), which
the engine is given with the strategy; without them they report nothing, except the check on the
predecessor, which reads the strategy itself.  Findings point at the progress file and line where
the record is (or should be), and at the strategy's KPI or measure as their node, so deviation
records and baselines name them as for any other rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..engine.context import Context
from ..engine.finding import Basis
from ..engine.registry import Hit, both, check
from ..graph import NodeType
from ..model import Decision
from ._lineage import FIRST_PERIOD_END, follows_earlier, speaks_of_verification

if TYPE_CHECKING:
    from ..progress.assess import Assessment

_PLANNED = (NodeType.goal, NodeType.direction, NodeType.measure)
_INDICATORS = (NodeType.kpi, NodeType.numerical_target, NodeType.kgi, NodeType.indicator)


def assessment(ctx: Context) -> "Assessment | None":
    """The judged progress of the strategy (computed once per graph), or None without progress records."""
    data = ctx.progress
    if data is None:
        return None
    from ..progress.assess import assessed  # judging is imported only when a strategy has progress records

    return assessed(ctx.graph, data, ctx.reference.decrease_signals)


def _years(years) -> object:
    years = list(years)
    return both("、".join(f"{y}年度" for y in years), ", ".join(f"FY{y}" for y in years))


def _names(a: "Assessment", rows) -> object:
    names = list(dict.fromkeys(a.graph.name(r.kpi) for r in rows))
    return both("".join(f"「{n}」" for n in names), ", ".join(f"'{n}'" for n in names))


def _record_hit(a: "Assessment", fy: int, node: str, params: dict) -> Hit:
    """A hit at the record of fiscal year `fy` (its file and first line), or at the node when the year has none."""
    source = a.data.years.get(fy)
    if source is None:
        return Hit(node, params)
    return Hit(node, params, loc=source.loc, file=source.file)


@check(NodeType.strategy, *_INDICATORS, provides=["years", "what"])
def actuals_recorded(ctx: Context, *, due_months: int = 6, types: list[str] | None = None) -> Iterator[Hit]:
    """Every KPI (and numerical target, KGI) has an actual value for each fiscal year of the period whose
    figures are due (`due_months` after the year ends); a year with no record at all is reported once.
    `types`: the kinds of indicator that need values (default kpi, numerical_target and kgi)."""
    a = assessment(ctx)
    if a is None:
        return
    from ..progress.facts import missing_actuals

    wanted = set(types) if types is not None else {"kpi", "numerical_target", "kgi"}
    unrecorded, missing = missing_actuals(a, ctx.today, due_months, wanted)
    for fy in unrecorded:
        yield Hit(ctx.root, {"years": _years([fy]), "what": both("（どの指標の値も記録がありません）", " (no indicator has one)")})
    for item in missing:
        what = both("", "")
        if item.segments:
            what = both(f"（対象: {'、'.join(item.segments)}）", f" (groups: {', '.join(item.segments)})")
        if item.empty:
            what = both(what.ja + "（値も理由もない記録を含む）", what.en + " (a record has neither a value nor a reason)")
        yield _record_hit(a, item.years[-1], item.kpi, {"years": _years(item.years), "what": what})


def _lagging(ctx: Context, field: str) -> Iterator[Hit]:
    a = assessment(ctx)
    if a is None:
        return
    from ..progress.facts import lagging_by_holder

    for fy in a.years:
        for holder, rows in lagging_by_holder(a, fy).items():
            recorded = a.data.evaluations.get((holder, fy))
            if recorded is not None and _given(getattr(recorded.item, field)):
                continue
            params = {"year": both(f"{fy}年度", f"FY{fy}"), "kpis": _names(a, rows),
                      "grades": both("、".join(dict.fromkeys(r.judgements[fy].label.ja for r in rows)),
                                     ", ".join(dict.fromkeys(r.judgements[fy].label.en for r in rows)))}
            if recorded is not None:
                yield Hit(holder, params, loc=recorded.loc, file=recorded.file)
            else:
                actual = a.data.actuals[rows[0].key][fy]
                yield Hit(holder, params, loc=actual.loc, file=actual.file)


def _given(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


@check(*_PLANNED, provides=["year", "kpis", "grades"])
def lagging_analysed(ctx: Context) -> Iterator[Hit]:
    """Where a KPI is behind its trajectory in a fiscal year, the evaluation of its measure for that year
    records a cause analysis (`analysis`)."""
    yield from _lagging(ctx, "analysis")


@check(*_PLANNED, provides=["year", "kpis", "grades"])
def lagging_decided(ctx: Context) -> Iterator[Hit]:
    """Where a KPI is behind its trajectory in a fiscal year, the evaluation of its measure for that year
    records a decision (拡充, 継続, 見直し, 統合, 廃止, 終了)."""
    yield from _lagging(ctx, "decision")


def _verification(ctx: Context, due_months: int, part: str) -> Iterator[tuple[int, object, bool, Hit]]:
    """(fiscal year, its state, whether it is due, a hit where to report) for each recorded year.

    Before a year's verification is due only what is recorded as not done is reported; once due,
    what is not recorded is reported too."""
    a = assessment(ctx)
    if a is None:
        return
    from ..progress.facts import is_due, verification_state

    for fy, source in sorted(a.data.years.items()):
        state = verification_state(source)
        verification = source.record.verification
        target = getattr(verification, part, None) if verification is not None else None
        if isinstance(target, list):
            target = target[0] if target else None
        where = target or verification or source.record
        yield fy, state, is_due(fy, ctx.today, due_months), Hit(ctx.root, {}, loc=where.loc or source.loc, file=source.file)


_NOT_RECORDED = both("が記録されていません", " is not recorded")


@check(NodeType.strategy, provides=["year", "status"])
def verified_with_experts(ctx: Context, *, due_months: int = 12) -> Iterator[Hit]:
    """Each recorded fiscal year's verification had external experts (a meeting with `external_experts: true`).
    A year is reported once its verification is due (`due_months` after the year ends), or earlier when a
    meeting is recorded without external experts."""
    for fy, state, due, hit in _verification(ctx, due_months, "meetings"):
        if state.experts or (state.experts is None and not due):
            continue
        basis = None
        if state.experts is False:
            status = both("は外部有識者の参画なしに行われました", " was done without external experts")
            basis = Basis.contradicts
        elif state.recorded and not ctx.progress.years[fy].record.verification.meetings:
            status = both("の会議（検証機関）が記録されていません", ": no meeting of the verification body is recorded")
        else:
            status = both("への外部有識者の参画が記録されていません", ": whether external experts took part is not recorded")
        yield Hit(hit.node, {"year": both(f"{fy}年度", f"FY{fy}"), "status": status}, hit.loc, hit.file, basis)


@check(NodeType.strategy, provides=["year", "status"])
def verified_by_assembly(ctx: Context, *, due_months: int = 12) -> Iterator[Hit]:
    """Each recorded fiscal year's results went to the assembly (a report or a resolution is recorded)."""
    for fy, state, due, hit in _verification(ctx, due_months, "assembly"):
        if not state.assembly and due:
            yield Hit(hit.node, {"year": both(f"{fy}年度", f"FY{fy}"), "status": _NOT_RECORDED}, hit.loc, hit.file)


@check(NodeType.strategy, provides=["year", "status"])
def verification_published(ctx: Context, *, due_months: int = 12) -> Iterator[Hit]:
    """Each recorded fiscal year's progress and verification results were published (a date or URL)."""
    for fy, state, due, hit in _verification(ctx, due_months, "publication"):
        if state.published or (state.published is None and not due):
            continue
        recorded_no = state.published is False
        status = both("は行わないとされています", " is recorded as not done") if recorded_no else _NOT_RECORDED
        yield Hit(hit.node, {"year": both(f"{fy}年度", f"FY{fy}"), "status": status}, hit.loc, hit.file,
                  Basis.contradicts if recorded_no else None)


def _revisions(ctx: Context, want_lowered: bool) -> Iterator[Hit]:
    a = assessment(ctx)
    if a is None:
        return
    from ..progress.facts import lowered
    from ._revised import CLASSES, reported_by_revision_rules

    theirs = reported_by_revision_rules(ctx)
    for rec in sorted(a.data.revisions, key=lambda r: (r.file, r.loc)):
        revision = rec.item
        if (revision.reason or "").strip() or (revision.kpi, CLASSES.get(revision.change)) in theirs:
            continue
        rows = a.rows_of(revision.kpi)
        direction = rows[0].plan.direction if rows else 1
        is_lowered = bool(lowered(revision, direction))
        if is_lowered != want_lowered:
            continue
        change = both(f"{revision.old or '—'} → {revision.new or '—'}", f"{revision.old or '-'} -> {revision.new or '-'}")
        yield Hit(revision.kpi, {"change": change, "kind": both(_CHANGE_JA[revision.change.value], revision.change.value)},
                  loc=rec.loc, file=rec.file)


_CHANGE_JA = {"target": "目標値", "baseline": "基準値", "definition": "定義", "name": "名称", "unit": "単位",
              "added": "追加", "removed": "削除", "replaced": "差し替え"}


@check(*_INDICATORS, provides=["change", "kind"])
def revision_has_reason(ctx: Context) -> Iterator[Hit]:
    """Every KPI or target revision recorded during the period says why (`reason`); a lowered target is
    reported by the stricter rule on lowered targets instead, and a change the revised strategy shows too
    (a target, a removal, a redefinition of the same indicator) by the revision rules."""
    yield from _revisions(ctx, want_lowered=False)


@check(*_INDICATORS, provides=["change", "kind"])
def lowered_target_has_reason(ctx: Context) -> Iterator[Hit]:
    """A target lowered during the period (made easier to reach, by the KPI's direction) says why (`reason`); when the
    revised strategy shows the same indicator's target change without a reason, the revision rule reports it instead."""
    yield from _revisions(ctx, want_lowered=True)


@check(NodeType.strategy, provides=["status"])
def predecessor_verification_reflected(ctx: Context, *, first_period_end: int = FIRST_PERIOD_END) -> Iterator[Hit]:
    """A strategy that follows an earlier one records the predecessor's verification (its 総括) and says how it
    reflects it; a strategy whose period starts after `first_period_end` (the first strategies ran to FY2019)
    follows an earlier one.  One without a `predecessor` record whose texts name the earlier strategy and
    what its verification found (第2期… 総括, 検証結果 …) is not reported: it is not silent about it."""
    s = ctx.strategy
    pred = s.predecessor
    if pred is None:
        if not follows_earlier(s, first_period_end):
            return
        from .cooperation import document_text

        if speaks_of_verification(document_text(ctx)):
            return  # its chapters speak of the earlier strategy's verification: not silent
        yield Hit(ctx.root, {"status": both(
            "前の戦略（前期戦略）とその効果検証の結果（総括）が記録されていません",
            "names no predecessor and what its verification (総括) concluded")})
        return
    missing_ja, missing_en = [], []
    verification = pred.verification
    if verification is None or not any((verification.summary, verification.conclusion)):
        missing_ja.append("効果検証の結果（総括）")
        missing_en.append("what its verification (総括) concluded")
    if not (pred.reflected or "").strip():
        missing_ja.append("それを本戦略にどう反映したか")
        missing_en.append("how this strategy reflects it")
    if missing_ja:
        yield Hit(ctx.root, {"status": both(f"前の戦略「{pred.title}」の" + "と".join(missing_ja) + "が記録されていません",
                                            f"does not record {' or '.join(missing_en)} for its predecessor '{pred.title}'")},
                  loc=pred.loc)


def _decided(ctx: Context, decisions) -> Iterator[tuple["Assessment", int, object, list]]:
    a = assessment(ctx)
    if a is None:
        return
    for (node, fy), rec in sorted(a.data.evaluations.items(), key=lambda kv: (kv[1].file, kv[1].loc)):
        if rec.item.decision in decisions and fy in a.years:
            yield a, fy, rec, a.group(node)


@check(*_PLANNED, provides=["year", "decision", "kpis"])
def stopped_while_on_track(ctx: Context) -> Iterator[Hit]:
    """A measure stopped or merged in a fiscal year had none of its KPIs on track then (otherwise the committee
    may ask why a working measure ends)."""
    for a, fy, rec, rows in _decided(ctx, (Decision.abolish, Decision.merge)):
        judged = [r for r in rows if r.judgements[fy].level.judged]
        if judged and all(not r.judgements[fy].level.lagging for r in judged):
            decision = both("廃止" if rec.item.decision is Decision.abolish else "統合", rec.item.decision.value)
            yield Hit(rec.item.measure, {"year": both(f"{fy}年度", f"FY{fy}"), "decision": decision, "kpis": _names(a, judged)},
                      loc=rec.loc, file=rec.file)


@check(*_PLANNED, provides=["year", "count", "kpis"])
def continued_while_behind(ctx: Context, *, years: int = 2) -> Iterator[Hit]:
    """A measure continued unchanged (継続) in a fiscal year was not behind in that year and the `years - 1`
    before it on the same KPI (otherwise the committee may ask what will change)."""
    for a, fy, rec, rows in _decided(ctx, (Decision.continue_,)):
        span = range(fy - years + 1, fy + 1)
        behind = [r for r in rows if all(y in r.judgements and r.judgements[y].level.lagging for y in span)]
        if behind:
            yield Hit(rec.item.measure, {"year": both(f"{fy}年度", f"FY{fy}"), "count": years, "kpis": _names(a, behind)},
                      loc=rec.loc, file=rec.file)

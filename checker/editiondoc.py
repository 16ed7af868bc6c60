"""The generated page of a pack that builds on another (docs/rules/<edition>.md): what it is, the
national reference data it swaps in with each datum's sources, and how its rules differ."""

from __future__ import annotations

from .engine.national import PublicSource, Sourced
from .engine.pack import Pack
from .ruledoc import rule_markdown


def _sources(sources: list[PublicSource]) -> str:
    return "<br>".join(f"[{s.title}]({s.url}) ({s.publisher}{', ' + s.date if s.date else ''}; {s.kind})" for s in sources) or "—"


def _verified(datum: Sourced) -> str:
    state = "verified / 確認済み" if datum.verified else "**not verified / 未確認**"
    return f"{state}{': ' + datum.note if datum.note else ''}"


def _row(what: str, value: str, datum: Sourced) -> str:
    return f"| {what} | {value} | {_verified(datum)} | {_sources(datum.sources)} |"


def edition_markdown(pack: Pack) -> str:
    """The page of a pack that inherits: notice, national data with sources, dropped / changed / new rules."""
    meta, ref, parent = pack.meta, pack.reference, pack.parent
    notice = f"> {meta.notice.ja}  \n> {meta.notice.en}\n\n" if meta.notice else ""
    national = ref.national_strategy
    rows = [_row("National strategy / 国の総合戦略", f"{national.title} ({national.edition}, decided {national.decided or '—'}, FY{national.start}–FY{national.end})", national)]
    rows += [_row("Headline target / 主な目標", f"{t.name}: {t.target} ({t.year or '—'})", t) for t in national.targets]
    rows += [_row(f"Goal as national direction `{d.code}`", f"{d.number}{d.name.ja} / {d.name.en}", d) for d in ref.directions]
    concept = ref.basic_concept
    if concept is not None:
        rows.append(_row("Basic concept / 基本構想", f"{concept.title} (decided {concept.decided or '—'})", concept))
        rows += [_row("Aim / 目指す姿", a.name, a) for a in concept.aims]
        rows += [_row(f"Pillar {i} / 柱", p.name, p) for i, p in enumerate(concept.pillars, 1)]
    own = pack.own
    changed, new = [], []
    for rule in pack.rules:
        if rule.code not in own:
            continue
        before = parent.by_code.get(rule.code) if parent is not None else None
        if before is None:
            new.append(rule)
        else:
            keys = [k for k in type(rule).model_fields if getattr(rule, k) != getattr(before, k)]
            changed.append(f"| {rule.code} {rule.name} | {', '.join(keys)} | {rule.title.ja} |")
    dropped = [f"| {code} | {reason.ja}<br>{reason.en} |" for code, reason in sorted(pack.dropped.items())]
    inherited = len([r for r in pack.rules if r.code not in own])
    parts = [
        f"# {meta.edition}: {meta.title}",
        "",
        f"{notice}Generated from `rules/{meta.edition}/` by `tebiki docs`; do not edit by hand. See [editions.md](../editions.md).",
        "",
        "| | |",
        "|---|---|",
        f"| Status / 種別 | {meta.status.value} |",
        f"| In force from / 施行 | {meta.in_force or meta.published} |",
        f"| Inherits / 継承元 | {meta.inherits or '—'} ({inherited} rules unchanged / 変更なしの規則 {inherited} 件) |",
        "",
        "## National reference data / 国の参照データ",
        "",
        "| What | Value | Verified | Sources |",
        "|---|---|---|---|",
        *rows,
        "",
        "## Rules dropped / 引き継がない規則",
        "",
        "| Rule | Why |",
        "|---|---|",
        *(dropped or ["| — | — |"]),
        "",
        "## Rules laid over the parent's / 上書きした規則",
        "",
        "| Rule | Keys changed | Title |",
        "|---|---|---|",
        *(changed or ["| — | — | — |"]),
        "",
        "## New rules / 新しい規則",
        "",
    ]
    for rule in new:
        parts.append(rule_markdown(rule, pack).replace("\n# ", "\n### ").replace("\n## ", "\n#### ").replace(f"# {rule.code}", f"### {rule.code}", 1))
    return "\n".join(parts).rstrip("\n") + "\n"


def edition_pages(default: Pack) -> dict[str, str]:
    """docs/rules/<edition>.md for every pack that builds on another."""
    from .engine.pack import available_editions, load_pack, pack_dir

    pages = {}
    for edition in available_editions():
        pack = load_pack(pack_dir(edition))
        if pack.parent is not None and edition != default.edition:
            pages[f"rules/{edition}.md"] = edition_markdown(pack)
    return pages

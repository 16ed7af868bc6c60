"""The 見直しのポイント as text, JSON or Markdown: by area, then rule, each with why and how, then the
findings (where in the file)."""

from __future__ import annotations

import json

from ..report.fmt_json import finding_dict
from ..report.fmt_markdown import cell
from ..safetext import terminal
from . import Revision

WORDS = {
    "ja": {
        "title": "見直しのポイント",
        "current": "現在の点検",
        "target": "見直しの基準",
        "why": "なぜ",
        "fix": "直し方",
        "relaxed": "後の版で加わった要件（現在の点検では情報として表示）",
        "none": "見直しのポイントはありません：{edition} で新たに生じる指摘はありません。",
        "summary": "見直しのポイント {points} 件（規則 {rules}、うち後の版で加わった要件 {relaxed}）、変わらない指摘 {kept} 件",
    },
    "en": {
        "title": "Points to revise (見直しのポイント)",
        "current": "Checked now",
        "target": "Revising to",
        "why": "why",
        "fix": "fix",
        "relaxed": "a requirement of a later edition (shown as info when checked now)",
        "none": "Nothing to revise: {edition} gives no finding the strategy does not have now.",
        "summary": "{points} point(s) to revise ({rules} rule(s), {relaxed} of them requirements of a later edition), {kept} finding(s) unchanged",
    },
}

FORMATS = ("text", "json", "markdown")


def _counts(r: Revision) -> dict[str, int]:
    return {
        "points": sum(len(p.findings) for p in r.points),
        "rules": len(r.points),
        "relaxed": sum(1 for p in r.points if p.relaxed),
        "kept": r.kept,
    }


def _head(r: Revision, lang: str) -> list[str]:
    w = WORDS[lang]
    lines = [f"{w['title']}: {r.file}", f"  {w['current']}: {r.current.head(lang)}", f"  {w['target']}: {r.target.head(lang)}"]
    if r.target.notice is not None:
        lines.append(f"  {r.target.notice.get(lang)}")
    return lines


def text(r: Revision, lang: str) -> str:
    w = WORDS[lang]
    out = [terminal(line) for line in _head(r, lang)] + [""]
    if not r.points:
        out += [w["none"].format(edition=r.target.edition), ""]
    for area, points in r.areas():
        out.append(f"■ {r.target_pack.area_title(area, lang)} ({sum(len(p.findings) for p in points)})")
        for p in points:
            rule = p.rule
            worst = max(p.findings, key=lambda f: f.severity.rank).severity.value
            out.append(f"  {rule.code} {rule.name} [手引き {', '.join(rule.sections)}] {getattr(rule.title, lang)} — {worst}")
            if p.relaxed:
                out.append(f"    ({w['relaxed']})")
            out.append(f"    {w['why']}: {getattr(rule.rationale, lang)}")
            out.append(f"    {w['fix']}: {getattr(rule.fix, lang)}")
            out.extend(terminal(f"    {f.file}:{f.line}:{f.col}: {f.message.get(lang)}") for f in p.findings)
        out.append("")
    out.append(w["summary"].format(**_counts(r)))
    return "\n".join(out) + "\n"


def markdown(r: Revision, lang: str) -> str:
    w = WORDS[lang]
    head = _head(r, lang)
    out = [f"## {cell(head[0])}", "", *(f"- {cell(line.strip())}" for line in head[1:]), "", f"**{w['summary'].format(**_counts(r))}**", ""]
    for area, points in r.areas():
        out += [f"### {cell(r.target_pack.area_title(area, lang))}", ""]
        for p in points:
            rule = p.rule
            out.append(f"#### `{rule.code}` {cell(rule.name)} — {cell(getattr(rule.title, lang))} (手引き {', '.join(rule.sections)})")
            out.append("")
            if p.relaxed:
                out += [f"*{w['relaxed']}*", ""]
            out += [f"- **{w['why']}**: {cell(getattr(rule.rationale, lang))}", f"- **{w['fix']}**: {cell(getattr(rule.fix, lang))}"]
            out += [f"- `{cell(f.file)}:{f.line}:{f.col}` {cell(f.severity.value)}: {cell(f.message.get(lang))}" for f in p.findings]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def as_json(r: Revision, lang: str) -> str:
    doc = {
        "file": r.file,
        "current": r.current.as_dict(),
        "target": r.target.as_dict(),
        "points": [
            {
                "code": p.rule.code,
                "name": p.rule.name,
                "area": p.rule.area.value,
                "sections": p.rule.sections,
                "title": {"ja": p.rule.title.ja, "en": p.rule.title.en},
                "why": {"ja": p.rule.rationale.ja, "en": p.rule.rationale.en},
                "fix": {"ja": p.rule.fix.ja, "en": p.rule.fix.en},
                "relaxed_now": p.relaxed,
                "findings": [finding_dict(f, lang) for f in p.findings],
            }
            for _, points in r.areas()
            for p in points
        ],
        "summary": _counts(r),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(fmt: str, r: Revision, lang: str = "ja") -> str:
    lang = "en" if lang == "en" else "ja"
    return {"text": text, "json": as_json, "markdown": markdown}[fmt](r, lang)

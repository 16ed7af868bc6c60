"""A rule's explanation as plain terminal text (`tebiki explain CODE`), in one language.

The Markdown page (`checker.ruledoc.rule_markdown`, also `tebiki explain CODE --format markdown`)
is for the docs folder; in a terminal, links would show as ``[text](../../path)`` and tables
as pipes, so this gives the same facts as labelled lines, paths as plain paths.
"""

from __future__ import annotations

import inspect
import textwrap

from .engine.pack import Pack, RuleRecord
from .engine.registry import CHECKS
from .safetext import terminal

_LABELS = {
    "sections": ("手引き", "手引き"),
    "law": ("法令", "Law"),
    "severity": ("重要度", "Severity"),
    "wording": ("文言の強さ", "Wording"),
    "applies": ("対象団体", "Applies to"),
    "area": ("領域", "Area"),
    "deviable": ("逸脱の記録", "Deviation"),
    "yes": ("理由を記録すれば可", "allowed with a written justification"),
    "no": ("不可（データの誤り）", "not allowed (broken data)"),
    "checks": ("何を点検するか", "What it checks"),
    "message": ("メッセージ", "Message"),
    "why": ("なぜ", "Why"),
    "fix": ("直し方", "How to fix"),
    "ok": ("適合する例", "Conforming example"),
    "ng": ("指摘される例", "Non-conforming example"),
    "where": ("実装", "Implemented by"),
    "more": ("Markdown で: tebiki explain {code} --format markdown", "As Markdown: tebiki explain {code} --format markdown"),
    "severity_error": ("エラー", "error"), "severity_warning": ("警告", "warning"), "severity_info": ("情報", "info"),
    "applies_both": ("都道府県・市区町村", "prefectures and municipalities"),
    "applies_municipality": ("市区町村", "municipalities"), "applies_prefecture": ("都道府県", "prefectures"),
}


def _l(key: str, lang: str, **values) -> str:
    ja, en = _LABELS[key]
    return (en if lang == "en" else ja).format(**values)


def _block(text: str, indent: str = "    ") -> list[str]:
    return [indent + terminal(line) if line else "" for line in text.rstrip().splitlines()]


def rule_text(rule: RuleRecord, pack: Pack, lang: str = "ja") -> str:
    """The explanation of `rule` as lines of plain text."""
    titles = {s.id: s.title for s in pack.sections}
    en = lang == "en"
    pick = (lambda t: t.en) if en else (lambda t: t.ja)
    fn = CHECKS[rule.check].fn
    doc = inspect.getdoc(fn) or ""
    head = f"{rule.code} {rule.name}: {pick(rule.title)}"
    lines = [terminal(head), "=" * min(78, len(head) + sum(1 for ch in head if ord(ch) > 0x2E7F)), ""]
    facts = [
        ("sections", "; ".join(f"{s} {titles.get(s, '')}".strip() for s in rule.sections)),
        ("law", rule.law or "—"),
        ("severity", _l(f"severity_{rule.severity.value}", lang)),
        ("wording", rule.wording.value),
        ("applies", _l(f"applies_{rule.applies_to.value}", lang)),
        ("area", pack.area_title(rule.area.value, lang)),
        ("deviable", _l("yes" if rule.deviable else "no", lang)),
        ("where", f"{fn.__module__.replace('.', '/')}.py: {rule.check}"),
    ]
    width = max(len(_l(k, lang)) + sum(1 for ch in _l(k, lang) if ord(ch) > 0x2E7F) for k, _ in facts)
    for key, value in facts:
        label = _l(key, lang)
        pad = width - len(label) - sum(1 for ch in label if ord(ch) > 0x2E7F)
        lines.append(f"{label}{' ' * pad}  {terminal(value)}")
    lines += ["", _l("checks", lang)]
    lines += _block(textwrap.fill(doc, 76) if doc else "—")
    lines += ["", _l("message", lang)] + _block(pick(rule.message))
    lines += ["", _l("why", lang)] + _block(pick(rule.rationale))
    lines += ["", _l("fix", lang)] + _block(pick(rule.fix))
    lines += ["", _l("ok", lang)] + _block(rule.examples.conforming)
    lines += ["", _l("ng", lang)] + _block(rule.examples.non_conforming)
    lines += ["", _l("more", lang, code=rule.code)]
    return "\n".join(lines) + "\n"

"""`tebiki classify NAME...`: how indicator names read as outcome or output (手引き 4-1, 4-2).

Prints, per name, the kind (outcome / output / undecided), the reason in one line and the
words that decided it, as text or JSON.  The reading is `checker.kinds.classify` with the
pack's lexicon; docs/kpi-kinds.md explains it.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import List, Optional

import typer

from ..cli import EditionOption, Lang, _fail, _pack, app
from ..fileio import emit


class ClassifyFormat(str, Enum):
    text = "text"
    json = "json"


def classification(name: str, reference, unit: str | None = None) -> dict:
    """One name's reading as plain data: name, unit, kind, activity, rule, reason (ja/en), words."""
    from ..kinds import classify

    verdict = classify(name, reference, unit=unit)
    reason = verdict.why()
    return {
        "name": name,
        "unit": unit,
        "kind": verdict.kind.value if verdict.kind else None,
        "activity": verdict.activity,
        "rule": verdict.rule,
        "reason": {"ja": reason.ja, "en": reason.en},
        "words": list(verdict.reasons),
    }


@app.command()
def classify(
    names: List[str] = typer.Argument(..., help="Indicator names, e.g. 移住相談件数 '東京圏からの移住者数'."),
    unit: Optional[str] = typer.Option(None, "--unit", help="The unit (e.g. 回), consulted only when no word decides."),
    format: ClassifyFormat = typer.Option(ClassifyFormat.text, "--format", "-f", help="text or json."),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="Language of the reason in text output."),
    edition: EditionOption = None,
) -> None:
    """Say whether indicator names measure an outcome or an output, why, and by which words."""
    from ..kinds.read import kind_label
    from ..text import norm

    if any(not norm(n).strip() for n in names):
        raise _fail("tebiki classify: an indicator name is empty")
    reference = _pack(edition).reference
    rows = [classification(name, reference, unit) for name in names]
    if format is ClassifyFormat.json:
        emit(json.dumps({"indicators": rows}, ensure_ascii=False, indent=2) + "\n", None)
        return
    lines = []
    for row in rows:
        kind = kind_label(_kind(row["kind"]), lang.value)
        words = "、".join(row["words"]) if lang is Lang.ja else ", ".join(row["words"])
        label = ("語" if lang is Lang.ja else "words") + ": " + (words or "-")
        lines.append(f"{row['name']}\t{kind}\t{row['reason'][lang.value]}\t{label}")
    emit("\n".join(lines) + "\n", None)


def _kind(value: str | None):
    from ..model import IndicatorKind

    return IndicatorKind(value) if value else None

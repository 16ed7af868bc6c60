"""`tebiki directions NAME...`: which national directions (手引き 3-7) a goal's or direction's name serves, and why.

The same reading the national-direction rules (ND01–ND08) apply to every goal, basic
direction and measure (docs/directions.md): the deciding words are shown for each
direction, and a name worded as running the administration is said to serve none.
"""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from ..cli import EXIT_ERROR, Lang, app


@app.command("directions")
def directions(
    names: List[str] = typer.Argument(..., help="Goal or direction names; '-' reads one name a line from standard input."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="Language of the labels."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition."),
) -> None:
    """Read the national directions a name serves (3-7), with the words that decide each."""
    import json

    from ..checks.national_directions import read_name
    from ..cli import _pack
    from ..fileio import emit
    from ..safetext import terminal

    if format not in ("text", "json"):
        print(f"--format: use text or json, not {format}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    if names == ["-"]:
        names = [line.strip() for line in sys.stdin if line.strip()]
    pack = _pack(edition)
    readings = [read_name(pack.reference, name) for name in names]
    if format == "json":
        emit(json.dumps({"edition": pack.edition, "names": readings}, ensure_ascii=False, indent=2) + "\n", None)
        return
    en = lang is Lang.en
    lines = []
    for r in readings:
        lines.append(terminal(r["name"]))
        for d in r["directions"]:
            kind = ("" if d["group"] == "social" else " (foundation)") if en else ("" if d["group"] == "social" else "（基礎条件整備）")
            words = ", ".join(f"'{w}'" for w in d["words"]) if en else "".join(f"「{w}」" for w in d["words"])
            label = f"{d['number']} {d['name']['en']}" if en else f"{d['number']}{d['name']['ja']}"
            lines.append(f"  {d['code']:<22} {terminal(label)}{kind}: {terminal(words)}")
        if not r["directions"]:
            if r["administrative"]:
                words = ", ".join(f"'{w}'" for w in r["administrative"]) if en else "".join(f"「{w}」" for w in r["administrative"])
                lines.append(f"  {'-':<22} " + (f"running the administration ({terminal(words)}): serves none of the four by design"
                                               if en else f"行政の運営（{terminal(words)}）：4つの方向のどれにも当たらない"))
            else:
                lines.append(f"  {'-':<22} " + ("no words that tell: declare national_directions if it serves one"
                                               if en else "方向を示す語句なし：支える方向があれば national_directions で宣言"))
    emit("\n".join(lines) + "\n", None)

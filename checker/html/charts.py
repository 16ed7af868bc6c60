"""Inline SVG charts that read without colour: every series has a pattern and a symbol, every bar a label."""

from __future__ import annotations

from .page import SEVERITY_SYMBOL, esc

# One pattern per series: solid, diagonal hatch, dots, open (outline only).
_PATTERNS = """<defs>
<pattern id="p-error" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#a40000"/></pattern>
<pattern id="p-warning" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#8a5a00"/></pattern>
<pattern id="p-info" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="#1f4e8c"/></pattern>
<pattern id="p-justified" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/></pattern>
<pattern id="p-declared" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#1d4f7a"/></pattern>
<pattern id="p-suggested" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="2.5" height="6" fill="#4f86b6"/></pattern>
</defs>"""


def _text_w(text: str, size: int = 12) -> int:
    """Rough width of a label in pixels: full width for Japanese, about 0.6 em for ASCII."""
    return int(sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text))


def _uid(prefix: str, uid: str) -> str:
    return _PATTERNS.replace('id="p-', f'id="{prefix}{uid}-').replace("url(#p-", f"url(#{prefix}{uid}-")


def stacked_bars(title: str, rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str]], uid: str = "a",
                 symbols: dict[str, str] | None = None) -> str:
    """Horizontal stacked bars: `rows` is [(label, {series key: count})], `series` [(key, legend label)].

    Each segment is filled with its series' pattern and outlined; each bar ends with its counts
    written out with the series' symbols, so the chart reads in black and white.
    """
    symbols = symbols or SEVERITY_SYMBOL
    label_w, bar_w, row_h, top = 230, 420, 26, 34
    total_max = max([sum(v.get(k, 0) for k, _ in series) for _, v in rows] + [1])
    height = top + row_h * len(rows) + 10
    width = label_w + bar_w + 260
    out = [
        f'<svg class="chart" role="img" aria-labelledby="t-{uid}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="t-{uid}">{esc(title)}</title>',
        _uid("p", uid),
    ]
    x = label_w
    for key, label in series:  # legend
        out.append(f'<rect x="{x}" y="6" width="14" height="14" fill="url(#p{uid}-{key})" stroke="#333"/>')
        out.append(f'<text x="{x + 18}" y="18" font-size="12">{symbols.get(key, "")} {esc(label)}</text>')
        x += 40 + _text_w(label)
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{label_w - 8}" y="{y + 16}" font-size="13" text-anchor="end">{esc(label)}</text>')
        x = float(label_w)
        parts = []
        for key, _ in series:
            n = values.get(key, 0)
            if not n:
                continue
            w = bar_w * n / total_max
            dash = ' stroke-dasharray="3 2"' if key == "justified" else ""
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="url(#p{uid}-{key})" stroke="#333"{dash}>'
                f"<title>{esc(label)}: {n}</title></rect>"
            )
            x += w
            parts.append(f"{symbols.get(key, '')}{n}")
        text = " ".join(parts) if parts else "0"
        out.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="12">{esc(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def heatmap(title: str, rows: list[tuple[str, str, dict[str, str]]], columns: list[tuple[str, str]], legend: dict[str, str], uid: str = "h") -> str:
    """Rows × columns of marks: 'declared' (solid, ●), 'suggested' (hatched, ○) or none (·).

    `rows` is [(label, link target id, {column key: mark})]; `columns` [(key, header label)].
    Row labels link to the row's section; each cell has a tooltip; totals close each column.
    """
    label_w, cell_w, cell_h, top = 200, 74, 20, 110
    legend_y = top + cell_h * (len(rows) + 1) + 10
    height = legend_y + 30
    width = max(label_w + cell_w * len(columns) + 150, label_w + sum(_text_w(v) + 50 for v in legend.values()))
    sym = {"declared": "●", "suggested": "○"}
    out = [
        f'<svg class="chart heatmap" role="img" aria-labelledby="t-{uid}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="t-{uid}">{esc(title)}</title>',
        _uid("p", uid),
    ]
    lx = 0
    for key in ("declared", "suggested", "none"):
        fill = f"url(#p{uid}-{key})" if key != "none" else "#fff"
        out.append(f'<rect x="{label_w + lx}" y="{legend_y}" width="16" height="16" fill="{fill}" stroke="#333"/>')
        mark = sym.get(key, "·")
        out.append(f'<text x="{label_w + lx + 21}" y="{legend_y + 13}" font-size="12">{mark} {esc(legend[key])}</text>')
        lx += 50 + _text_w(legend[key])
    for j, (key, label) in enumerate(columns):
        cx = label_w + j * cell_w + cell_w / 2
        out.append(
            f'<text x="{cx:.1f}" y="{top - 8}" font-size="11" text-anchor="start" '
            f'transform="rotate(-35 {cx:.1f} {top - 8})">{esc(label)}</text>'
        )
    totals = {key: 0 for key, _ in columns}
    for i, (label, target, marks) in enumerate(rows):
        y = top + i * cell_h
        out.append(
            f'<a href="#{esc(target)}"><text x="{label_w - 6}" y="{y + 14}" font-size="12" text-anchor="end">{esc(label)}</text></a>'
        )
        for j, (key, header) in enumerate(columns):
            mark = marks.get(key)
            x = label_w + j * cell_w
            fill = f"url(#p{uid}-{mark})" if mark in sym else "#fff"
            if mark in sym:
                totals[key] += 1
            tip = f"{label} × {header}: {legend.get(mark or 'none')}"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}" stroke="#999"><title>{esc(tip)}</title></rect>'
            )
            color = "#fff" if mark == "declared" else "#111"
            weight = ' font-weight="bold"' if mark else ""
            bg = (
                f'<rect x="{x + cell_w / 2 - 8:.1f}" y="{y + 3}" width="16" height="14" fill="#fff"/>' if mark == "suggested" else ""
            )
            out.append(
                f'{bg}<text x="{x + cell_w / 2:.1f}" y="{y + 15}" font-size="13" text-anchor="middle" fill="{color}"{weight}>{sym.get(mark, "·")}</text>'
            )
    y = top + len(rows) * cell_h
    out.append(f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end" font-weight="bold">Σ</text>')
    for j, (key, _) in enumerate(columns):
        x = label_w + j * cell_w + cell_w / 2
        out.append(f'<text x="{x:.1f}" y="{y + 15}" font-size="12" text-anchor="middle" font-weight="bold">{totals[key]}/{len(rows)}</text>')
    out.append("</svg>")
    return "\n".join(out)

"""Chart geometry for the pages: numbers in, shapes out; ``templates/charts.html`` draws them as
inline SVG.

Every chart reads without colour: each series has a fill pattern and a symbol as well as a
colour, every bar writes its counts out, every shape has a tooltip (``<title>``), and the SVG
has a ``viewBox`` so it scales to the width of a small screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .page import SEVERITY_SYMBOL

FILLS = {
    "error": "solid-err", "warning": "hatch-warn", "info": "dots-info", "justified": "open",
    "declared": "solid-blue", "suggested": "hatch-blue", "pass": "open", "fail": "solid-err",
    "outcome": "solid-blue", "output": "hatch-warn", "unknown": "open",
    "own": "solid-ok", "above": "hatch-blue", "none": "solid-err", "other": "dots-info",
}
"""Series key → fill pattern (defined in charts.html)."""


def text_width(text: str, size: float = 12) -> float:
    """Rough width of a label in pixels: full width for Japanese (three bytes in UTF-8), about
    0.6 em for ASCII and the rest."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return size * (wide + 0.6 * (len(text) - wide))


def clip(text: str, width: float, size: float = 12) -> str:
    """`text` cut with '…' to fit `width` pixels."""
    if text_width(text, size) <= width:
        return text
    room, used = width - size, 0.0
    for i, ch in enumerate(text):
        used += size if ord(ch) > 0x2E7F else size * 0.6
        if used > room:
            return text[:i] + "…"
    return text


@dataclass
class Segment:
    key: str
    x: float
    w: float
    n: int
    fill: str


@dataclass
class BarRow:
    label: str
    y: float
    segments: list[Segment]
    text: str
    text_x: float
    href: str | None = None


@dataclass
class Bars:
    """Horizontal stacked bars with a legend."""

    uid: str
    title: str
    width: float
    height: float
    label_w: float
    row_h: float
    legend: list[tuple[float, str, str, str]]
    """(x, fill, symbol, label)."""
    rows: list[BarRow]


def stacked_bars(title: str, rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str]], uid: str,
                 symbols: dict[str, str] | None = None, hrefs: list[str | None] | None = None,
                 bar_w: float = 420) -> Bars:
    """`rows` is [(label, {series key: count})], `series` [(key, legend label)] in stacking order."""
    symbols = SEVERITY_SYMBOL if symbols is None else symbols
    label_w = min(260.0, max([text_width(label, 13) for label, _ in rows] + [60]) + 12)
    row_h, top = 26.0, 34.0
    total_max = max([sum(v.get(k, 0) for k, _ in series) for _, v in rows] + [1])
    legend, x = [], label_w
    for key, name in series:
        legend.append((x, FILLS.get(key, "open"), symbols.get(key, ""), name))
        x += 40 + text_width(f"{symbols.get(key, '')} {name}", 12)
    out = []
    for i, (name, values) in enumerate(rows):
        y = top + i * row_h
        cx, segments, parts = label_w, [], []
        for key, _ in series:
            n = values.get(key, 0)
            if not n:
                continue
            w = bar_w * n / total_max
            segments.append(Segment(key, cx, w, n, FILLS.get(key, "open")))
            cx += w
            parts.append(f"{symbols.get(key, '')}{n}")
        out.append(BarRow(clip(name, label_w - 12, 13), y, segments, " ".join(parts) if parts else "0", cx + 6,
                          hrefs[i] if hrefs else None))
    width = max(label_w + bar_w + 140, x + 10)
    return Bars(uid, title, width, top + row_h * len(rows) + 8, label_w, row_h, legend, out)


@dataclass
class KpiBar:
    """A baseline → target pair on one scale: two thin bars and the change written out."""

    base_w: float
    target_w: float
    width: float
    change: str
    title: str


def kpi_bar(baseline: float | None, target: float | None, unit: str | None, width: float = 120) -> KpiBar | None:
    """The bar for a numeric baseline and target of the same kind (both ≥ 0); None otherwise."""
    if baseline is None or target is None or baseline < 0 or target < 0 or (baseline == 0 and target == 0):
        return None
    top = max(baseline, target)
    change = ""
    u = unit or ""
    if u in ("%", "％", "ポイント", "pt"):  # a share moves by points, not by a percentage of itself
        change = f"{target - baseline:+.1f}pt".replace(".0pt", "pt")
    elif baseline:
        pct = (target - baseline) / baseline * 100
        change = f"{pct:+.0f}%" if abs(pct) >= 1 else f"{pct:+.1f}%"
    return KpiBar(width * baseline / top, width * target / top, width, change,
                  f"{_num(baseline)}{u} → {_num(target)}{u}")


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Bin:
    label: str
    n: int
    x: float
    h: float


@dataclass
class Histogram:
    uid: str
    title: str
    width: float
    height: float
    base: float
    bar_w: float
    bins: list[Bin]
    xlabel: str
    ylabel: str


def histogram(title: str, bins: list[tuple[str, int]], uid: str, xlabel: str = "", ylabel: str = "") -> Histogram:
    """Vertical bars, one per bin, each with its count written on top."""
    bar_w, gap, chart_h, left = 44.0, 8.0, 150.0, 40.0
    top = max([n for _, n in bins] + [1])
    out = [Bin(label, n, left + i * (bar_w + gap), chart_h * n / top) for i, (label, n) in enumerate(bins)]
    width = left + len(bins) * (bar_w + gap) + 20
    return Histogram(uid, title, max(width, 320), chart_h + 80, chart_h + 30, bar_w, out, xlabel, ylabel)


@dataclass
class Span:
    label: str
    y: float
    x: float
    w: float
    inside: bool
    text: str
    href: str | None = None


@dataclass
class Timeline:
    """Fiscal years across, one bar per plan period, the reference period as a band behind them."""

    uid: str
    title: str
    width: float
    height: float
    label_w: float
    years: list[tuple[float, int]]
    band: tuple[float, float] | None
    band_label: str
    rows: list[Span]
    row_h: float


def timeline(title: str, rows: list[tuple[str, int, int, str | None]], reference: tuple[int, int] | None,
             uid: str, band_label: str = "", span_label: str = "FY{a}–{b}") -> Timeline:
    """`rows` is [(label, first FY, last FY, link)]; `reference` the period the bars are compared with.
    A bar is 'inside' when it shares a year with the reference (or there is none); `span_label`
    writes a period's fiscal years (``{a}``, ``{b}``) in the page's language."""
    years = [y for _, a, b, _ in rows for y in (a, b)] + (list(reference) if reference else [])
    lo, hi = (min(years), max(years)) if years else (2023, 2027)
    label_w = min(240.0, max([text_width(r[0], 12) for r in rows] + [60]) + 12)
    year_w = max(22.0, min(48.0, 640 / (hi - lo + 1)))
    row_h, top = 20.0, 40.0
    ticks = [(label_w + (y - lo) * year_w, y) for y in range(lo, hi + 1)]
    band = (label_w + (reference[0] - lo) * year_w, (reference[1] - reference[0] + 1) * year_w) if reference else None
    spans = []
    for i, (name, a, b, href) in enumerate(rows):
        inside = reference is None or not (b < reference[0] or a > reference[1])
        spans.append(Span(name, top + i * row_h, label_w + (a - lo) * year_w, (b - a + 1) * year_w, inside,
                          span_label.format(a=a, b=b), href))
    width = label_w + (hi - lo + 1) * year_w + 90
    return Timeline(uid, title, width, top + row_h * len(rows) + 10, label_w, ticks, band, band_label, spans, row_h)


@dataclass
class Box:
    """A node of the tree diagram."""

    x: float
    y: float
    w: float
    text: str
    full: str
    kind: str
    level: str
    """The worst open severity of the node's own findings ('none' when it has none)."""
    badge: str
    href: str
    indicator: bool = False

    @property
    def stripe(self) -> str:
        return {"error": "solid-err", "warning": "hatch-warn", "info": "dots-info"}.get(self.level, "open")

    @property
    def color(self) -> str:
        return {"error": "#a40000", "warning": "#8a5a00", "info": "#1f4e8c"}.get(self.level, "#1d6b2f")


@dataclass
class Diagram:
    """A left-to-right tree: a column per depth, a row per leaf, elbow connectors."""

    uid: str
    title: str
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """SVG path data of the connectors."""
    columns: list[tuple[float, str]] = field(default_factory=list)
    box_h: float = 20.0


def diagram(title: str, root, uid: str, columns: dict[str, str], widths: dict[str, float]) -> Diagram:
    """Lay out `root` (objects with .kind, .tag, .name, .href, .level, .badge, .children) as a tidy tree;
    `tag` is a short type label written before the name (for indicators among the planned nodes)."""
    row_h, box_h, top, gap = 24.0, 20.0, 26.0, 22.0
    depth_x: dict[int, float] = {}
    kinds_at: dict[int, list[str]] = {}

    def measure(node, depth):
        seen = kinds_at.setdefault(depth, [])
        if node.kind not in seen:
            seen.append(node.kind)
        for child in node.children:
            measure(child, depth + 1)

    measure(root, 0)
    order = list(columns)
    x = 4.0
    width_of = {}
    heads = []
    for depth in sorted(kinds_at):
        kinds = sorted(kinds_at[depth], key=lambda k: order.index(k) if k in order else len(order))
        depth_x[depth] = x
        width_of[depth] = max(widths.get(k, 170) for k in kinds)
        heads.append((x, "・".join(dict.fromkeys(columns.get(k, k) for k in kinds))))
        x += width_of[depth] + gap
    out = Diagram(uid, title, x + 4, 0)
    out.columns = heads
    row = [0]

    def place(node, depth) -> float:
        if node.children:
            centres = [place(child, depth + 1) for child in node.children]
            y = (centres[0] + centres[-1]) / 2
        else:
            y = top + row[0] * row_h + box_h / 2
            row[0] += 1
        w = width_of[depth]
        badge_w = text_width(node.badge, 11) + 8
        prefix = node.tag + " " if node.tag else ""
        out.boxes.append(Box(round(depth_x[depth], 1), round(y - box_h / 2, 1), w, clip(prefix + node.name, w - badge_w - 8, 11),
                             node.name, node.kind, node.level, node.badge, node.href, bool(node.tag)))
        if node.children:
            x0, x1 = depth_x[depth] + w, depth_x[depth + 1]
            for c in centres:
                out.links.append(f"M{x0:.1f} {y:.1f}H{(x0 + x1) / 2:.1f}V{c:.1f}H{x1:.1f}")
        return y

    place(root, 0)
    out.height = top + row[0] * row_h + 6
    return out

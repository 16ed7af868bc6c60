"""Reading the PDFs Chromium prints, with poppler-utils (pdfinfo, pdftotext, pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

POPPLER = all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "pdftoppm"))


def _with_file(data: bytes, fn):
    with tempfile.TemporaryDirectory(prefix="tebiki-pdf-") as tmp:
        path = Path(tmp) / "page.pdf"
        path.write_bytes(data)
        return fn(path, Path(tmp))


def info(data: bytes) -> dict:
    """pdfinfo's fields: 'Pages' (int) and 'Page size' ((width, height) in points)."""
    def run(path, _):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        size = re.search(r"([\d.]+) x ([\d.]+) pts", fields["Page size"])
        return {"Pages": int(fields["Pages"]), "Page size": (float(size.group(1)), float(size.group(2)))}

    return _with_file(data, run)


def text(data: bytes, first: int | None = None, last: int | None = None) -> str:
    """The text of the PDF (or of pages first..last); pages are separated by form feeds."""
    def run(path, _):
        args = ["pdftotext", "-enc", "UTF-8"] + (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
        return subprocess.run([*args, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")

    return _with_file(data, run)


def pages_png(data: bytes, first: int, last: int, dpi: int = 60) -> list[bytes]:
    """Pages first..last rendered as PNG images."""
    def run(path, tmp):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(first), "-l", str(last), str(path), str(tmp / "p")], check=True)
        return [p.read_bytes() for p in sorted(tmp.glob("p-*.png"))]

    return _with_file(data, run)


A4_PORTRAIT = (595.0, 842.0)
A4_LANDSCAPE = (842.0, 595.0)


def is_a4(size: tuple[float, float], landscape: bool) -> bool:
    want = A4_LANDSCAPE if landscape else A4_PORTRAIT
    return abs(size[0] - want[0]) < 2 and abs(size[1] - want[1]) < 2

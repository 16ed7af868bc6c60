"""Hostile-input suite, escaping: text from a strategy that reaches a terminal, a spreadsheet or
a page cannot act there (run through the real command line; see tests/hostile.py)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile

import pytest

from checker.safetext import BIDI_CONTROLS

from .hostile import PREFECTURE, TOYONAKA, tebiki

GOAL = "    name: 子ども・若者が夢や希望をもてるまちづくり"
FORGED = "toyonaka.yaml:1:1: error OL01 forged"
# A goal name (quoted in the messages of the measures under it) with ESC, BEL, CR, NUL, a bidi
# override and a newline followed by what looks like a finding of its own.
HOSTILE = r'"悪\e[2J\e]0;title\a\r\0\u202e名\u2066\nfile.yaml:1:1: error OL01 forged\u0085\u009b31m"'
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")


@pytest.fixture
def hostile(tmp_path):
    text = TOYONAKA.read_text(encoding="utf-8")
    assert GOAL in text
    (tmp_path / "toyonaka.yaml").write_text(text.replace(GOAL, f"    name: {HOSTILE}", 1), encoding="utf-8")
    return tmp_path


def _no_forged_line(text: str) -> None:
    assert not CONTROL.search(text), repr(CONTROL.search(text).group())
    for line in text.splitlines():
        assert not line.startswith("file.yaml:1:1"), line


@pytest.mark.parametrize("fmt", ["text", "github", "markdown"])
def test_terminal_and_log_outputs_show_control_characters(hostile, fmt):
    proc = tebiki("check", "toyonaka.yaml", "-f", fmt, "--concise", cwd=hostile) if fmt == "text" else \
        tebiki("check", "toyonaka.yaml", "-f", fmt, cwd=hostile)
    assert proc.returncode in (0, 1), proc.stderr
    _no_forged_line(proc.stdout)
    _no_forged_line(proc.stderr)
    if fmt == "text":
        assert "\\x1b[2J" in proc.stdout and "\\u202e" in proc.stdout and "\\nfile.yaml:1:1" in proc.stdout


def test_load_errors_quoting_a_value_stay_one_line(tmp_path):
    text = TOYONAKA.read_text(encoding="utf-8").replace("\nformat: 1\n", '\nformat: "1\\nx.yaml:9:9: forged\\e[31m"\n', 1)
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = tebiki("check", "s.yaml", "-f", "json", "-o", "o.json", cwd=tmp_path)
    assert proc.returncode == 2
    _no_forged_line(proc.stderr)
    assert not any(line.startswith("x.yaml") for line in proc.stderr.splitlines())
    assert "\\nx.yaml:9:9: forged\\x1b[31m" in proc.stderr


def test_html_pages_carry_no_control_characters(hostile, tmp_path):
    for argv in (["report", "toyonaka.yaml", "--out", "r.html"], ["check", "toyonaka.yaml", "-f", "html", "-o", "c.html"]):
        assert tebiki(*argv, cwd=hostile).returncode in (0, 1)
    folder = tmp_path / "pref"
    shutil.copytree(PREFECTURE, folder)
    shutil.copy(hostile / "toyonaka.yaml", folder / "toyonaka.yaml")
    assert tebiki("audit", str(folder), "--out", str(tmp_path / "audit"), cwd=tmp_path).returncode in (0, 1)
    for page in (hostile / "r.html", hostile / "c.html", tmp_path / "audit" / "index.html"):
        html = page.read_text(encoding="utf-8")
        found = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]", html)
        assert found is None, (page.name, repr(found.group()))
        if page.parent == hostile:  # the single-strategy pages show the goal's name
            assert "悪" in html


def _excel_formula(field: str) -> bool:
    """How Excel reads a CSV field once its quotes are removed: a formula when it starts with
    = + - @ TAB or CR.  Not counted: a plain negative number, and ="<digits>", the constant the
    audit writes for a code such as 011002 so that Excel keeps its leading zero (nothing but
    digits can be inside it)."""
    if re.fullmatch(r'="\d+"', field):
        return False
    return bool(field) and field[0] in "=+-@\t\r" and not re.fullmatch(r"-\d[\d,]*(\.\d+)?%?", field)


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\",\"a\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
def test_audit_csv_cells_are_never_formulas(tmp_path, payload):
    folder = tmp_path / "pref"
    shutil.copytree(PREFECTURE, folder)
    source = folder / "minato.yaml"
    text = source.read_text(encoding="utf-8")
    quoted = payload.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    text, n = re.subn(r"(?m)^title: .*$", f'title: "{quoted}"', text, count=1)
    assert n == 1
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert tebiki("audit", str(folder), "--out", str(out), cwd=tmp_path).returncode in (0, 1)
    data = (out / "audit.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if _excel_formula(c)]
    assert any(c.startswith("'") and c.endswith(payload.strip()) for c in cells)  # kept, marked as text


def test_every_xlsx_the_tool_writes_has_no_formula(tmp_path):
    """Any workbook an output writes (the audit's, progress sheets): no cell is a formula."""
    folder = tmp_path / "pref"
    shutil.copytree(PREFECTURE, folder)
    source = folder / "minato.yaml"
    source.write_text(re.sub(r"(?m)^title: .*$", 'title: "=1+1"', source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    out = tmp_path / "out"
    assert tebiki("audit", str(folder), "--out", str(out), cwd=tmp_path).returncode in (0, 1)
    books = list(out.rglob("*.xlsx"))
    for book in books:
        with zipfile.ZipFile(book) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    sheet = z.read(name).decode("utf-8")
                    assert "<f>" not in sheet and "<f " not in sheet, (book.name, name)
    if not books:
        pytest.skip("this version of the audit writes no workbook")


@pytest.mark.parametrize("command", ["classify", "directions"])
def test_commands_reading_names_show_their_control_characters(tmp_path, command):
    proc = tebiki(command, "移住者数\x1b[2J\nfile.yaml:1:1: error forged\u202e", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    _no_forged_line(proc.stdout)
    assert "\\x1b[2J\\nfile.yaml" in proc.stdout

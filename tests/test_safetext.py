"""checker.safetext: escaping for the terminal, spreadsheet cells and HTML pages (property-tested)."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.safetext import BIDI_CONTROLS, FORMULA_TRIGGERS, cell, html_text, is_formula, jinja_finalize, terminal, xlsx_cell

# Any text, lone surrogates and controls included, with the dangerous characters over-represented.
DANGEROUS = list("\x00\x07\x08\x0b\x0c\x1b\r\n\t\x7f\x85\x9b\u2028\u2029" + BIDI_CONTROLS + FORMULA_TRIGGERS) + ["\ud800", "\udcff"]
texts = st.text(alphabet=st.one_of(st.characters(codec=None), st.sampled_from(DANGEROUS)), max_size=40)

CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff" + BIDI_CONTROLS + "]")


# -- terminal ---------------------------------------------------------------------------------


@given(texts)
def test_terminal_output_has_no_control_or_bidi_character(text):
    out = terminal(text)
    assert not CONTROL.search(out)
    assert "\n" not in out and "\r" not in out


@given(texts, texts)
def test_a_newline_in_a_value_cannot_start_a_forged_line(value, rest):
    line = "strategy.yaml:3:5: " + terminal(value + "\nstrategy.yaml:1:1: error XX01 forged" + rest)
    assert line.splitlines() == [line]
    assert line.count("\n") == 0


@given(texts)
def test_terminal_is_idempotent_and_keeps_clean_text(text):
    once = terminal(text)
    assert terminal(once) == once
    if not CONTROL.search(text):
        assert once == text


def test_terminal_examples():
    assert terminal("a\nb") == "a\\nb"
    assert terminal("\x1b[2J\x07") == "\\x1b[2J\\x07"
    assert terminal("x\ry") == "x\\ry"
    assert terminal("\x00") == "\\x00"
    assert terminal("abc\u202edef\u2066") == "abc\\u202edef\\u2066"
    assert terminal("\x9b31m") == "\\x9b31m"  # C1 CSI: some terminals read it as ESC [
    assert terminal("name-\udcff.yaml") == "name-\\xff.yaml"  # an undecodable byte of a file name
    assert terminal("tab\tkept 豊中市") == "tab\tkept 豊中市"
    assert terminal(42) == "42"


# -- spreadsheet cells ------------------------------------------------------------------------


def excel_reads_as_formula(field: str) -> bool:
    """How Excel reads one CSV field (after the CSV quotes are removed): a formula when it starts
    with = + - @, TAB or CR, unless it is a negative number; a leading apostrophe means text."""
    if not field or field[0] not in "=+-@\t\r":
        return False
    return not re.fullmatch(r"-\d[\d,]*(\.\d+)?%?", field)


@given(texts)
def test_cell_is_never_a_formula_and_loses_nothing_but_controls(text):
    out = cell(text)
    assert not is_formula(out)
    assert not excel_reads_as_formula(out)
    assert out.removeprefix("'") == html_text(text) or out == html_text(text)
    assert cell(out) == out


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", " =1", "\u3000=1", "＝１＋１",
                                  "=HYPERLINK(\"http://x\",\"y\")", "-", "+3", "-cmd|' /C calc'!A0", "\x00=1"])
def test_formula_starts_are_neutralised(text):
    assert cell(text).startswith("'")


@pytest.mark.parametrize("text", ["-3", "-0.25", "-1,234", "-12.5%", "3", "豊中市", "", "'=already", "a=b", "1-2"])
def test_plain_text_and_negative_numbers_are_kept(text):
    assert cell(text) == text


def test_none_is_an_empty_cell():
    assert cell(None) == ""
    assert cell(-3) == "-3"


def test_csv_file_as_excel_reads_it(tmp_path):
    """Write cells through the csv module as the outputs do, read the file back as Excel's CSV
    import does (quotes removed, then the formula rule on each field)."""
    hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r\n=1", "ok", "-3", "=\"a\nb\""]
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerow([cell(t) for t in hostile])
    path = tmp_path / "x.csv"
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        fields = next(csv.reader(fh))
    assert len(fields) == len(hostile)
    assert not [f for f in fields if excel_reads_as_formula(f)]
    assert fields[hostile.index("-3")] == "-3"


def test_xlsx_cell_never_writes_a_formula(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    values = ["=1+1", "+1", "-3", "@A1", "ok", "a\x00b\x1b", 4, -2.5, None, True, "=HYPERLINK(\"http://x\")"]
    for i, v in enumerate(values, 1):
        xlsx_cell(ws.cell(row=i, column=1), v)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula anywhere: Excel would evaluate it
    back = openpyxl.load_workbook(path).active
    assert back.cell(1, 1).value == "=1+1" and back.cell(1, 1).data_type == "s" and back.cell(1, 1).quotePrefix
    assert back.cell(3, 1).value == "-3" and not back.cell(3, 1).quotePrefix
    assert back.cell(6, 1).value == "ab"
    assert back.cell(7, 1).value == 4 and back.cell(8, 1).value == -2.5


# -- HTML -------------------------------------------------------------------------------------


@given(texts)
def test_html_text_has_no_control_character_and_encodes_as_utf8(text):
    out = html_text(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", out)
    assert not any(ch in out for ch in BIDI_CONTROLS)
    out.encode("utf-8")  # no lone surrogate
    assert html_text(out) == out


def test_html_examples():
    assert html_text("a\x00b\x07c\x1b[1m") == "abc[1m"
    assert html_text("行1\n行2\tx") == "行1\n行2\tx"
    assert html_text("\u202eevil") == "\\u202eevil"
    assert html_text("x\ud800") == "x\ufffd"


def test_jinja_finalize_keeps_markup_and_cleans_text():
    markupsafe = pytest.importorskip("markupsafe")
    assert jinja_finalize(None) == ""
    m = jinja_finalize(markupsafe.Markup("<b>\x00x</b>"))
    assert isinstance(m, markupsafe.Markup) and m == "<b>x</b>"
    assert jinja_finalize("a\x00") == "a" and jinja_finalize(3) == 3
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(autoescape=True, finalize=jinja_finalize)
    assert env.from_string("{{ v }}").render(v="<x>\x00\x1b") == "&lt;x&gt;"


@settings(max_examples=50)
@given(texts)
def test_everything_accepts_any_value(text):
    for fn in (terminal, cell, html_text):
        assert isinstance(fn(text), str)

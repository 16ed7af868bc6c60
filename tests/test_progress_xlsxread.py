"""The workbook reader reads what Excel, LibreOffice and openpyxl write: shared and inline strings
(phonetic guides left out), numbers, booleans, errors, dates by their number format (1900 and 1904
systems), formulas without a saved value, and cells without a reference or with a namespace prefix."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from checker.progress.xlsxread import WorkbookError, read_workbook_cells

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _book(tmp_path, sheet_xml: str, *, strings: str = "", date1904: bool = False, prefix: str = "") -> str:
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", f'<workbook {NS}><workbookPr date1904="{int(date1904)}"/><sheets><sheet name="実績" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                                 '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="[$-ja-JP]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
                                    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs></styleSheet>')
        if strings:
            z.writestr("xl/sharedStrings.xml", f"<sst {NS}>{strings}</sst>")
        z.writestr("xl/worksheets/sheet1.xml", f'<{prefix}worksheet {NS.replace("xmlns=", "xmlns:x=") if prefix else NS}><{prefix}sheetData>{sheet_xml}</{prefix}sheetData></{prefix}worksheet>')
    return str(path)


def test_values_of_every_kind(tmp_path):
    strings = '<si><t>確定</t></si><si><r><t>市民</t></r><r><t>意識調査</t></r><rPh sb="0" eb="2"><t>シミン</t></rPh></si><si><t>a &amp; b</t></si>'
    cells = ('<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>120</v></c><c r="D3"><v>1.25</v></c>'
             '<c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c><c r="G3" s="1"><v>46112</v></c><c r="H3" s="2"><v>46112</v></c>'
             '<c r="I3" t="inlineStr"><is><t>&#24180;</t></is></c><c r="J3"><f>SUM(C3:D3)</f><v></v></c><c r="K3" t="str"><f>A3</f><v>確定</v></c>'
             '<c r="L3" t="s"><v>2</v></c><c r="M3" s="1"/></row>')
    sheet = read_workbook_cells(_book(tmp_path, cells, strings=strings))["実績"]
    assert sheet.rows[3] == {1: "確定", 2: "市民意識調査", 3: 120, 4: 1.25, 5: True, 6: "#N/A", 7: dt.datetime(2026, 3, 31),
                             8: dt.datetime(2026, 3, 31), 9: "年", 11: "確定", 12: "a & b"}
    assert sheet.uncomputed == ["J3"]


def test_1904_dates_and_cells_without_references(tmp_path):
    cells = '<row r="2"><c s="1"><v>44650</v></c><c><v>7</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = read_workbook_cells(_book(tmp_path, cells, date1904=True))["実績"]
    assert sheet.rows == {2: {1: dt.datetime(2026, 3, 31), 2: 7}, 3: {1: "x"}}


def test_a_namespace_prefix(tmp_path):
    cells = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row>'
    assert read_workbook_cells(_book(tmp_path, cells, prefix="x:"))["実績"].rows == {1: {1: "ok"}}


def test_the_same_values_as_openpyxl_reads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "実績"
    rows = [["kpi-1", 98300, 1.3, "令和7年度", dt.date(2025, 3, 31), True, "=市推計", "改行\nあり"], ["kpi-2", -40, None, "", None, False, " 空白 ", "&<>"]]
    for r in rows:
        ws.append(r)
    ws["G1"].data_type = "s"
    ws["E1"].number_format = "yyyy/mm/dd"
    path = tmp_path / "o.xlsx"
    wb.save(path)
    ours = read_workbook_cells(str(path))["実績"].rows
    theirs = {i: {j: c.value for j, c in enumerate(row, 1) if c.value not in (None, "")}
              for i, row in enumerate(openpyxl.load_workbook(path, data_only=True)["実績"].iter_rows(), 1)}
    assert ours == theirs


def test_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(WorkbookError):
        read_workbook_cells(str(path))

"""Reading the cells of an .xlsx workbook, fast: the values only, sheet by sheet.

The workbook is a zip of XML parts (ECMA-376): ``xl/workbook.xml`` names the sheets,
``xl/_rels/workbook.xml.rels`` says which part holds each, ``xl/sharedStrings.xml`` the shared
texts and ``xl/styles.xml`` which cells are dates.  This reader reads the small parts with expat
and the cells and shared strings with regular expressions over their fixed shapes, and keeps, per cell, the value a user sees: a text (shared, inline or a formula's text result;
phonetic guides (rPh) left out), a number (an int when written without a fraction), a boolean, a
date for a number formatted as one (the 1900 and 1904 date systems), or an error such as #N/A
as its text.  It also reports formulas saved without a computed value.  openpyxl writes the
templates; reading them back this way is an order of magnitude faster than openpyxl's reader,
which builds an object per cell.
"""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
from dataclasses import dataclass, field
import html
from xml.parsers import expat

_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))
"""Built-in number formats that show a date or time (the Japanese locale's 27–36 and 50–58 included)."""
_DATE_CODE = re.compile(r"[ymdgehs]", re.I)


class WorkbookError(ValueError):
    """The file is not a workbook this reader can read."""


@dataclass
class Sheet:
    name: str
    rows: dict[int, dict[int, object]] = field(default_factory=dict)
    """row number → column number → value (1-based; empty cells, and texts that are empty, left out: a row
    is here only when it has a value)."""
    uncomputed: list[str] = field(default_factory=list)
    """Cells holding a formula saved without its value (e.g. written by a program)."""


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def split_ref(ref: str) -> tuple[int, int]:
    """'AB12' → (row 12, column 28)."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    if not m:
        raise WorkbookError(f"bad cell reference {ref!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _parse(data: bytes, start, end=None, text=None) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise WorkbookError(f"broken XML in the workbook: {exc}") from None


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


_SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)


_PLAIN_SI = re.compile(rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>')
_SIMPLE_SI = re.compile(rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>|<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)', re.S)


def _strings(data: bytes) -> list[str]:
    """The shared strings, in order.  When every item is a plain <si><t>…</t></si> (what Excel and LibreOffice
    write for unformatted texts) they are decoded in one step; otherwise item by item."""
    plain = _PLAIN_SI.findall(data)
    if len(plain) == data.count(b"<si>") == data.count(b"<si") and b":si" not in data:
        texts = b"\x00".join(plain).decode("utf-8").split("\x00") if plain else []
        return [html.unescape(t) if "&" in t else t for t in texts]
    return [_xml_text(simple) if simple is not None else _string_item(other or b"") for simple, other in
            ((m.group(1), m.group(2)) for m in _SIMPLE_SI.finditer(data))]


def _date_styles(data: bytes) -> set[int]:
    """Indexes of the cell formats (cellXfs) that show dates."""
    custom: dict[int, str] = {}
    xfs: list[int] = []
    where = {"in_xfs": False}

    def start(name, attrs):
        name = _local(name)
        if name == "numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            where["in_xfs"] = True
        elif name == "xf" and where["in_xfs"]:
            xfs.append(int(attrs.get("numFmtId", "0")))

    def end(name):
        if _local(name) == "cellXfs":
            where["in_xfs"] = False

    _parse(data, start, end)

    def is_date(fmt: int) -> bool:
        if fmt in custom:
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom[fmt])
            return bool(_DATE_CODE.search(code)) and "general" not in code.lower()
        return fmt in _DATE_FORMATS

    return {i for i, fmt in enumerate(xfs) if is_date(fmt)}


def _number(text: str):
    """A number as written: an int when it has no fraction or exponent ('18'), else a float."""
    if text.lstrip("-").isdigit():
        return int(text)
    return float(text)


def _to_date(serial: float, date1904: bool) -> _dt.datetime:
    base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    if not date1904 and serial < 61:  # Excel's 1900 calendar counts a 29 February 1900 that never was
        serial += 1
    return base + _dt.timedelta(days=float(serial))


_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR = re.compile(rb'\b([rts])="([^"]*)"')
_V = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_T = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>|<(?:\w+:)?t\s*/>")
_RPH = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return html.unescape(text) if "&" in text else text


def _string_item(body: bytes) -> str:
    """The text of a string item (si, is): its t elements, runs included, phonetic guides (rPh) left out."""
    if b"rPh" in body:
        body = _RPH.sub(b"", body)
    return "".join(_xml_text(m.group(1) or b"") for m in _T.finditer(body))


_CELLS = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")?'
    rb'(?:><v>([^<]+)</v></c>|((?:[^>/]|/(?!>))*)>(.*?)</c>)', re.S)
"""A cell with a reference: letters, row, style, type, then either the value of the common shape
(``<c r=.. s=.. t=..><v>..</v></c>``) or the other attributes and the body of any other shape.
Self-closing cells (``<c r="A1" s="2"/>``) are empty and not matched."""
_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    col = _COLUMNS.get(letters)
    if col is None:
        col = 0
        for ch in letters:
            col = col * 26 + ch - 64
        _COLUMNS[letters] = col
    return col


def _sheet(name: str, data: bytes, strings: list[str], dates: set[int], date1904: bool) -> Sheet:
    """The cells of one worksheet part, read with one regular expression over SpreadsheetML's fixed shapes
    (cells with r, s and t attributes, in that order, and a v child: what Excel, LibreOffice and openpyxl
    write), which is several times faster than building an element tree; any other shape of cell (inline
    strings, formulas, other attributes) goes through `_value`.  Parts whose cells do not all say where they
    are (r), or use a namespace prefix, are read row by row."""
    if not _plain_cells(data):
        return _sheet_by_rows(name, data, strings, dates, date1904)
    sheet = Sheet(name)
    rows = sheet.rows
    columns = _COLUMNS
    row_key, row = None, None
    for letters, number, style, kind, v, rest, body in _CELLS.findall(data):
        if v and kind == b"s" and v.isdigit():  # the common cases first: a shared text, a number
            value = strings[int(v)]
        elif v and (not kind or kind == b"n"):
            value = int(v) if v.isdigit() else _number(v.decode("ascii"))
            if style and dates and int(style) in dates:
                value = _to_date(value, date1904)
        elif not v and not body:
            continue
        else:
            attrs = (b' s="' + style + b'"' if style else b"") + (b' t="' + kind + b'"' if kind else b"") + rest
            value = _value(body or b"<v>" + v + b"</v>", attrs, strings, dates, date1904)
            if value is _UNCOMPUTED:
                sheet.uncomputed.append(f"{letters.decode()}{int(number)}")
                continue
        if value is None or value == "":
            continue
        if number != row_key:
            row_key = number
            row = rows.setdefault(int(number), {})
        row[columns.get(letters) or _column(letters)] = value
    return sheet


_UNCOMPUTED = object()


def _plain_cells(data: bytes) -> bool:
    """Whether every cell of a worksheet part is written ``<c r="..."`` without a namespace prefix: within
    sheetData every tag beginning ``<c`` is such a cell and nothing has a prefix ``:c``, counted with bytes
    searches, much faster than a regular expression over the part.  A rarer shape (a coloured run of an inline
    text, ':c' in a text) only sends the part the slower way."""
    start = max(data.find(b"<sheetData"), 0)
    end = data.find(b"</sheetData>", start)
    end = len(data) if end < 0 else end
    return data.count(b"<c", start, end) == data.count(b'<c r="', start, end) and data.find(b":c", start, end) < 0


def _value(body: bytes, attr_text: bytes, strings: list[str], dates: set[int], date1904: bool):
    """A cell's value from its attributes (t, s) and body; None when empty, _UNCOMPUTED for a formula without a value."""
    attrs = dict(_ATTR.findall(attr_text)) if attr_text.strip() else {}
    kind = attrs.get(b"t", b"n")
    if kind == b"inlineStr":
        return _string_item(body)
    v = _V.search(body)
    raw = v.group(1) if v is not None else b""
    if raw == b"":
        return _UNCOMPUTED if _F.search(body) else None
    if kind == b"s":
        index = int(raw)
        if index < 0:
            raise IndexError(index)
        return strings[index]
    if kind in (b"str", b"e"):
        return _xml_text(raw)
    if kind == b"b":
        return raw == b"1"
    value = _number(raw.decode("ascii"))
    if int(attrs.get(b"s", b"0")) in dates:
        value = _to_date(value, date1904)
    return value


def _sheet_by_rows(name: str, data: bytes, strings: list[str], dates: set[int], date1904: bool) -> Sheet:
    sheet = Sheet(name)
    rows = sheet.rows
    row_number = 0
    for row in _ROW.finditer(data):
        attrs = dict(_ATTR.findall(row.group(1)))
        row_number = int(attrs[b"r"]) if b"r" in attrs else row_number + 1
        col = 0
        for cell in _CELL.finditer(row.group(2) or b""):
            attrs = dict(_ATTR.findall(cell.group(1)))
            ref = attrs.get(b"r")
            if ref is not None:
                r, col = split_ref(ref.decode("ascii"))
            else:
                r, col = row_number, col + 1
            body = cell.group(2) or b""
            if not body:
                continue
            value = _value(body, cell.group(1), strings, dates, date1904)
            if value is _UNCOMPUTED:
                sheet.uncomputed.append(f"{column_letter(col)}{r}")
            elif value is not None and value != "":
                rows.setdefault(r, {})[col] = value
    return sheet


def read_workbook_cells(path: str) -> dict[str, Sheet]:
    """Every sheet of the workbook at `path`, by name, in the workbook's order."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise WorkbookError(f"not an Excel workbook (.xlsx): {exc}") from None
    with z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            raise WorkbookError("not an Excel workbook (.xlsx): it has no xl/workbook.xml")
        sheets: list[tuple[str, str]] = []
        flags = {"date1904": False}

        def on_workbook(name, attrs):
            name = _local(name)
            if name == "sheet":
                rid = next((v for k, v in attrs.items() if _local(k) == "id" and k != "sheetId"), "")
                sheets.append((attrs.get("name", ""), rid))
            elif name == "workbookPr":
                flags["date1904"] = attrs.get("date1904") in ("1", "true")

        _parse(z.read("xl/workbook.xml"), on_workbook)
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in names:
            _parse(z.read("xl/_rels/workbook.xml.rels"),
                   lambda n, a: targets.__setitem__(a.get("Id"), a.get("Target", "")) if _local(n) == "Relationship" else None)
        try:
            strings = _strings(z.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        except UnicodeDecodeError:
            raise WorkbookError("the shared texts of the workbook are not UTF-8") from None
        dates = _date_styles(z.read("xl/styles.xml")) if "xl/styles.xml" in names else set()
        out: dict[str, Sheet] = {}
        for name, rid in sheets:
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if part not in names:
                continue
            try:
                out[name] = _sheet(name, z.read(part), strings, dates, flags["date1904"])
            except (IndexError, ValueError) as exc:
                if isinstance(exc, WorkbookError):
                    raise
                raise WorkbookError(f"sheet '{name}' has a cell that cannot be read (a shared text the workbook does not have, "
                                    "or a number that is not one)") from None
        return out

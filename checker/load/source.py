"""Read a strategy file as text: size limit, UTF-8 (with BOM), UTF-16, and a clear word on Shift_JIS."""

from __future__ import annotations

import codecs
import os

from .errors import InputError

MAX_BYTES = 10 * 1024 * 1024
"""Strategy files are tens of kilobytes; anything above this is not one."""


def text_line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of character `offset` of `text` (lines end at LF, CR LF or CR)."""
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return line, offset - line_start + 1


def _line_col(data: bytes, offset: int, encoding: str = "utf-8") -> tuple[int, int]:
    """The line and column of byte `offset` of `data`, read in `encoding`."""
    text = data[:offset].decode(encoding, errors="replace").removeprefix("\ufeff")
    return text_line_col(text, len(text))


def check_encoding(encoding: str, file: str = "--encoding") -> codecs.CodecInfo:
    """The codec of a text encoding; an unknown one, or one that is not a text encoding (rot13,
    base64, zlib, hex ...), is an InputError."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError.at(file, 1, 1, f"unknown encoding '{encoding}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError.at(file, 1, 1, f"'{encoding}' is not a text encoding (use e.g. utf-8, cp932, utf-16)")
    return info


def _undecodable(data: bytes, file: str, exc: UnicodeDecodeError, encoding: str) -> InputError:
    line, col = _line_col(data, exc.start, encoding)
    if exc.end >= len(data) and "truncated" in str(exc.reason):
        why = f"the file ends in the middle of a {encoding} character (is a byte missing?)"
    else:
        why = f"the file is not valid {encoding}: byte 0x{data[exc.start]:02x} cannot be read"
    return InputError.at(file, line, col, why)


def decode(data: bytes, file: str, encoding: str | None = None) -> str:
    """Decode file bytes.  Without `encoding`: UTF-8 (a BOM is allowed) or UTF-16 with a BOM."""
    if len(data) > MAX_BYTES:
        raise InputError.at(
            file, 1, 1, f"the file is {len(data) / 1048576:.1f} MB; strategy files over {MAX_BYTES // 1048576} MB are refused"
        )
    if encoding:
        name = check_encoding(encoding, file).name
        try:
            return data.decode(name).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise _undecodable(data, file, exc, name) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            return data[2:].decode(name)
        except UnicodeDecodeError as exc:
            raise _undecodable(data[2:], file, exc, name) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        if b"\x00" in data:
            raise InputError.at(file, line, col, "this is a binary file, not a YAML strategy file") from None
        try:
            data.decode("cp932")
        except UnicodeDecodeError:
            hint = "save it as UTF-8"
        else:
            hint = "it looks like Shift_JIS/CP932: save it as UTF-8 or pass --encoding cp932"
        raise InputError.at(file, line, col, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); {hint}") from None


def read_text(path: str, encoding: str | None = None) -> str:
    """Read and decode a file; problems become InputError (never a traceback)."""
    from ..fileio import open_input

    try:
        with open_input(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError.at(
                    path, 1, 1, f"the file is {size / 1048576:.1f} MB; strategy files over {MAX_BYTES // 1048576} MB are refused"
                )
            data = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError.at(path, 1, 1, "is a directory, not a strategy file") from None
    except FileNotFoundError:
        raise InputError.at(path, 1, 1, "no such file") from None
    except OSError as exc:
        raise InputError.at(path, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    return decode(data, path, encoding)

"""Read a strategy file as text: size limit, UTF-8 (with BOM), UTF-16, and a clear word on Shift_JIS."""

from __future__ import annotations

import codecs
import os

from .errors import InputError

MAX_BYTES = 10 * 1024 * 1024
"""Strategy files are tens of kilobytes; anything above this is not one."""


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(data: bytes, file: str, encoding: str | None = None) -> str:
    """Decode file bytes.  Without `encoding`: UTF-8 (a BOM is allowed) or UTF-16 with a BOM."""
    if len(data) > MAX_BYTES:
        raise InputError.at(
            file, 1, 1, f"the file is {len(data) / 1048576:.1f} MB; strategy files over {MAX_BYTES // 1048576} MB are refused"
        )
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError.at(file, 1, 1, f"unknown encoding '{encoding}'") from None
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line, col = _line_col(data, exc.start)
            raise InputError.at(file, line, col, f"the file is not valid {encoding}: byte 0x{data[exc.start]:02x} cannot be read") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
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

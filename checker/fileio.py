"""Writing output files atomically: a crash mid-write never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    with atomic_writer(path, binary=True) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, *, binary: bool = False) -> Iterator[IO]:
    """A file to write `path`'s new contents into, piece by piece; it replaces `path` only when the block ends
    without an exception.  Until then `path` keeps its old contents (or does not exist); on an exception the
    temporary file is removed.  Text is UTF-8 with '\n' line ends."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def overwrites_input(output: str | os.PathLike | None, inputs) -> str | None:
    """The input file `output` names (the same file, by any path), if it names one: a command must refuse it."""
    if output is None:
        return None
    out = Path(output)
    for path in inputs:
        try:
            if out.exists() and os.path.samefile(out, path):
                return str(path)
        except OSError:
            continue
        if os.path.realpath(out) == os.path.realpath(path):
            return str(path)
    return None


def refuse_input(output: str | os.PathLike | None, inputs, option: str) -> str | None:
    """The one-line usage error when `output` would overwrite one of the `inputs` (None when it would not)."""
    hit = overwrites_input(output, inputs)
    if hit is None:
        return None
    return f"{output}:1:1: {option} names the input file {hit}; tebiki never writes over its input"


def emit(text: str, output: str | os.PathLike | None = None) -> None:
    """Print `text` to standard output, or write it atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)

"""Every file the tool reads or writes goes through here, so that one place keeps its promises:

- **Inputs** are opened with `open_input`: a FIFO, a device, a socket or a folder is refused at
  once (an `OSError` whose message says what it is), never blocked on; and the file is noted as
  an *input of this run*.  The loader, the config and baseline readers and the RDF import use it,
  so a new command that reads through them gets this for free.
- **Outputs** are written with `write_output` / `output_writer` (or `emit` for "standard output
  or a file"), which refuse, with one line and exit code 2 (`OutputError`):
  a path that is an input of this run (by any name: symlinks, hard links, `./x` and `x`) or
  one of the `inputs` given; a folder; a block device; a socket.  A regular file is replaced
  atomically (a temporary file beside it, fsync, rename), keeping the old file's permissions, and
  a symlink is written through (the file it points at is replaced, the link stays).  A character
  device (``/dev/null``, a terminal) and a FIFO are written through, never renamed over; a FIFO
  nobody reads is refused rather than waited on.  ``/dev/stdout``, ``/dev/stderr`` and
  ``/dev/fd/N`` write to that stream.  Any failure to write (a full disk, ``/dev/full``, a
  read-only folder, a closed pipe) is an `OutputError`: one line, exit code 2, never exit 0 and
  never a traceback.

The inputs of a run: the command line calls `begin_run()` before each command; from then on
every `open_input` notes its file, and every output refuses them.  Library code that is not run
from the command line passes its inputs explicitly (``inputs=``); `note_input` adds a file that
was read some other way.

`OutputError` is turned into its line and exit code 2 by the command line itself
(`checker.cli`), for every command.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

__all__ = [
    "OutputError", "begin_run", "check_output", "emit", "note_input", "open_input", "output_writer",
    "refuse_input", "run_inputs", "write_atomic", "write_output",
]


class OutputError(Exception):
    """An output cannot or must not be written; the message is one line (`path:1:1: why`)."""


# -- the inputs of this run -------------------------------------------------------------------

_inputs: list[str] | None = None
"""Absolute paths of the files read since `begin_run()`; None when no run is being tracked."""
_indexed = 0
"""How many of `_inputs` are in the two indexes below."""
_by_identity: dict[tuple[int, int], str] = {}
_by_real: dict[str, str] = {}
"""The inputs of the run noted so far by device and inode and by real path (each looked at once), so that an
output is compared with all of them at once, not one by one (an audit reads thousands of files)."""


def begin_run() -> None:
    """Start tracking the inputs of one command run (the command line calls this for each command)."""
    global _inputs, _indexed
    _inputs = []
    _indexed = 0
    _by_identity.clear()
    _by_real.clear()


def note_input(path: str | os.PathLike) -> None:
    """Record `path` as an input of the current run (outputs will refuse it)."""
    if _inputs is not None:
        _inputs.append(os.path.abspath(path))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _index_inputs() -> None:
    """Bring the indexes of the run's inputs up to date (each input stat'ed and resolved once)."""
    global _indexed
    inputs = _inputs or []
    for path in inputs[_indexed:]:
        identity = _identity(path)
        if identity is not None:
            _by_identity.setdefault(identity, path)
        _by_real.setdefault(os.path.realpath(path), path)
    _indexed = len(inputs)


def run_inputs() -> tuple[str, ...]:
    """The files read so far in this run (empty outside a tracked run)."""
    return tuple(_inputs or ())


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, in words (None for a regular file or a folder)."""
    return next((word for test, word in _KINDS if test(mode)), None)


def _refuse_special(mode: int, path: str | os.PathLike) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    kind = _kind(mode)
    if kind is not None:
        raise OSError(errno.EINVAL, f"is {kind}, not a regular file", str(path))


def open_input(path: str | os.PathLike) -> IO[bytes]:
    """Open an input file for reading (binary) and note it as an input of this run.

    A folder raises IsADirectoryError; a FIFO, device or socket raises OSError (EINVAL) whose
    strerror says what it is: checked before opening, and again on what was opened, which is
    opened non-blocking so that a FIFO with no writer cannot hang the run.
    """
    note_input(path)
    _refuse_special(os.stat(path).st_mode, path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_special(os.fstat(fd).st_mode, path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# -- outputs ----------------------------------------------------------------------------------

_STREAM = re.compile(r"/dev/(stdout|stderr|fd/(\d+))|/proc/self/fd/(\d+)")


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_input(output: str | os.PathLike | None, inputs: Iterable = (), option: str = "--output") -> str | None:
    """The one-line error when `output` names one of `inputs` or an input of this run (None when it does not)."""
    if output is None:
        return None
    out = os.fspath(output)
    found = next((path for path in map(os.fspath, inputs) if _same(out, path)), None)
    if found is None and _inputs:
        # The run's inputs as first looked at: the same file (device and inode) by any name, or the same real
        # path (an output that does not exist yet, an input that could not be stat'ed).
        _index_inputs()
        identity = _identity(out)
        found = (_by_identity.get(identity) if identity is not None else None) or _by_real.get(os.path.realpath(out))
    if found is not None:
        return f"{out}:1:1: {option} names the input file {found}; tebiki never writes over its input"
    return None


def _fail(path, what: str) -> OutputError:
    return OutputError(f"{os.fspath(path)}:1:1: {what}")


def _cannot(path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENXIO:
        reason = "no process is reading this FIFO"
    return _fail(path, f"cannot write: {reason}")


def check_output(path: str | os.PathLike, *, option: str = "--output", inputs: Iterable = ()) -> None:
    """Raise OutputError now if `path` cannot be an output (see the module's docstring); commands call
    this before their work so that a bad output path fails at once."""
    if _STREAM.fullmatch(os.fspath(path)):
        return
    message = refuse_input(path, inputs, option)
    if message is not None:
        raise OutputError(message)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        folder = Path(os.path.realpath(path)).parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            raise _fail(path, f"cannot write: {folder} is not a folder") from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise _fail(path, f"cannot write: permission denied in {folder}") from None
        return
    except OSError as exc:
        raise _cannot(path, exc) from None
    if stat.S_ISDIR(mode):
        raise _fail(path, f"{option} names a folder, not a file")
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        raise _fail(path, f"{option} names {_kind(mode)}; tebiki writes only to files, character devices and FIFOs")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _install(tmp: str, target: Path, exclusive: bool) -> None:
    """Put the finished temporary file in place: a rename, or (`exclusive`) a hard link that fails
    if `target` exists by then, so that a file created meanwhile is never replaced."""
    if not exclusive:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _fail(target, "already exists; not replaced") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(target):
            raise _fail(target, "already exists; not replaced") from None
        os.replace(tmp, target)
    else:
        os.unlink(tmp)


@contextlib.contextmanager
def _atomic(target: Path, binary: bool, exclusive: bool = False) -> Iterator[IO]:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, mode)  # mkstemp makes 0600: give the file the old file's, or the usual, permissions
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _install(tmp, target, exclusive)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _through(path: str, binary: bool) -> Iterator[IO]:
    """Write into an existing character device or FIFO as it is (no truncation, no rename)."""
    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        _refuse_special_target(os.fstat(fd).st_mode, path)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
        yield fh


def _refuse_special_target(mode: int, path: str) -> None:
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OSError(errno.EINVAL, "changed while being opened", path)


class _TextSink:
    """Bytes written to a text stream that has no binary buffer (a StringIO standing in for stdout)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))


@contextlib.contextmanager
def _stream(match: re.Match, binary: bool) -> Iterator[IO]:
    """/dev/stdout, /dev/stderr, /dev/fd/N: the process's own stream (N: a duplicate of it)."""
    name, number = match.group(1), match.group(2) or match.group(3)
    if number is None or number in ("1", "2"):
        stream = sys.stderr if name == "stderr" or number == "2" else sys.stdout
        stream.flush()
        raw = getattr(stream, "buffer", None)
        yield (raw if raw is not None else _TextSink(stream)) if binary else stream
        stream.flush()
        return
    with (os.fdopen(os.dup(int(number)), "wb" if binary else "w", encoding=None if binary else "utf-8")) as fh:
        yield fh


@contextlib.contextmanager
def output_writer(
    path: str | os.PathLike, *, binary: bool = False, option: str = "--output", inputs: Iterable = (),
    exclusive: bool = False,
) -> Iterator[IO]:
    """A file to write `path`'s new contents into, piece by piece (text is UTF-8 with '\\n' line ends).

    A regular file is replaced only when the block ends without an exception (until then it keeps
    its old contents; on an exception the temporary file is removed); other kinds of target are
    handled as the module's docstring says.  An OSError while writing becomes OutputError.
    `exclusive`: a new file only; anything already at `path` (even a dangling symlink) is refused.
    """
    if exclusive and os.path.lexists(path):
        raise _fail(path, "already exists; not replaced")
    check_output(path, option=option, inputs=inputs)
    shown = os.fspath(path)
    try:
        stream = _STREAM.fullmatch(shown)
        if stream is not None:
            context = _stream(stream, binary)
        else:
            try:
                mode = os.stat(path).st_mode
            except FileNotFoundError:
                mode = None
            if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
                context = _through(shown, binary)
            else:
                context = _atomic(Path(os.path.realpath(path)), binary, exclusive)
        with context as fh:
            yield fh
    except OSError as exc:
        raise _cannot(path, exc) from None


def write_output(
    path: str | os.PathLike, data: str | bytes, *, option: str = "--output", inputs: Iterable = (), exclusive: bool = False
) -> None:
    """Write `data` (text as UTF-8) to the output `path`, as `output_writer` does."""
    with output_writer(path, binary=True, option=option, inputs=inputs, exclusive=exclusive) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write `data` to `path` atomically (the same as `write_output` without an option name)."""
    write_output(path, data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, *, binary: bool = False) -> Iterator[IO]:
    """`output_writer` without an option name (kept for callers that stream a file)."""
    with output_writer(path, binary=binary) as fh:
        yield fh


def emit(text: str, output: str | os.PathLike | None = None, *, option: str = "--output", inputs: Iterable = ()) -> None:
    """Print `text` to standard output, or write it to the output file `output`."""
    if output is not None:
        write_output(output, text, option=option, inputs=inputs)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _quiet_stdout()
        raise _cannot("<stdout>", exc) from None


def _quiet_stdout() -> None:
    """After standard output failed, point it at /dev/null so that the interpreter's final flush
    does not fail again (and print a traceback) on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

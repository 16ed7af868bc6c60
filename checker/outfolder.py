"""An output folder written as a whole: every file of a run's set comes from that run, or none does.

    with output_folder(out, ("audit.csv", "audit.json", "index.html"), inputs=files) as stage:
        write_output(stage / "audit.csv", ...)     # and the others
    # here `out` holds exactly the new set

- The files are written into a staging folder beside `out` (``.NAME.tebiki-staging-XXXX``, on
  the same file system); when the block ends without an exception, the staging folder and `out`
  are exchanged in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, between
  which `out` is briefly absent but never mixed), and the old set is removed.  SIGINT and SIGTERM
  are held back during those few steps.  On an exception, or SIGINT/SIGTERM before then, the
  staging folder is removed and `out` is as it was.
- A second run on the same `out` is refused at once (an exclusive, non-blocking ``flock`` on the
  folder), never waited for and never mixed with.
- `out` is refused (OutputError, one line) when it is a file, when it holds anything that is
  not one of the run's outputs (a run never deletes what it did not write: give a new or empty
  folder), or when an input of the run is inside it.
- When the folder above `out` is not writable, the staging folder is made inside `out` and the
  files are moved into place one by one with the signals held back; the lock still keeps
  other runs out.

The staging folder of a run that was killed (SIGKILL, power loss) is removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path
from typing import Iterable, Iterator

from .fileio import OutputError, run_inputs

STAGING = ".tebiki-staging-"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None


def _fail(path, message: str) -> OutputError:
    return OutputError(f"{os.fspath(path)}:1:1: {message}")


def _inside(path: str, folder: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == folder or folder in real.parents


@contextlib.contextmanager
def _held_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _terminate(signum, frame):
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does, so that the clean-up runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when the system cannot."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _lock(out: Path) -> int:
    """An open descriptor of `out` holding an exclusive lock on the folder now at that path."""
    for _ in range(10):
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            st = os.stat(out)
        except BlockingIOError:
            os.close(fd)
            raise _fail(out, "another run is writing into this folder; wait for it to finish") from None
        except BaseException:
            os.close(fd)
            raise
        here = os.fstat(fd)
        if (st.st_dev, st.st_ino) == (here.st_dev, here.st_ino):
            return fd
        os.close(fd)  # the folder was replaced while we waited: lock the new one
    raise _fail(out, "the folder keeps being replaced by another run")


def _check(out: Path, names: set[str], inputs: Iterable, option: str, given) -> None:
    for path in [*map(os.fspath, inputs), *run_inputs()]:
        if _inside(path, out):
            raise _fail(given, f"{option} contains the input file {path}; tebiki never writes over its input")
    foreign = sorted(e for e in os.listdir(out) if e not in names and not e.startswith(STAGING))
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise _fail(given, f"{option} holds files that are not this command's outputs ({shown}); give a new or empty folder")


def _remove_stale(folder: Path, prefix: str) -> None:
    for entry in os.listdir(folder):
        if entry.startswith(prefix):
            shutil.rmtree(folder / entry, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def output_folder(
    out: str | os.PathLike, names: Iterable[str], *, option: str = "--out", inputs: Iterable = ()
) -> Iterator[Path]:
    """A staging folder to write the set of files `names` into; see the module's docstring."""
    names = set(names)
    given = out
    out = Path(os.path.realpath(out))
    try:
        if out.exists() and not out.is_dir():
            raise _fail(given, f"{option} names a file, not a folder")
        out.mkdir(parents=True, exist_ok=True)
        fd = _lock(out)
    except OSError as exc:
        raise _fail(given, f"cannot write: {exc.strerror or exc}") from None
    try:
        _check(out, names, inputs, option, given)
        beside = f".{out.name}{STAGING}"
        try:
            _remove_stale(out.parent, beside)
            stage = Path(tempfile.mkdtemp(prefix=beside, dir=out.parent))
            swap = True
        except OSError:  # the folder above is not ours to write in: stage inside
            _remove_stale(out, STAGING)
            stage = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
            swap = False
        try:
            with _sigterm_interrupts():
                yield stage
                with _held_signals():
                    _commit(stage, out, swap)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
    except OSError as exc:
        raise _fail(given, f"cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _commit(stage: Path, out: Path, swap: bool) -> None:
    if not swap:
        for entry in sorted(os.listdir(stage)):
            if (out / entry).is_dir() and not (out / entry).is_symlink():  # a folder of outputs (the audit's pages)
                shutil.rmtree(out / entry)
            os.replace(stage / entry, out / entry)
        os.rmdir(stage)
        _fsync_dir(out)
        return
    os.chmod(stage, stat.S_IMODE(os.stat(out).st_mode))
    if not _exchange(stage, out):
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING}old-", dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
        os.rename(stage, out)
        stage = old
    _fsync_dir(out.parent)
    shutil.rmtree(stage, ignore_errors=True)

"""Helpers of the hostile-input suite (tests/test_hostile*.py): run the real command line in a
folder of its own, as root or as an unprivileged user, and prove that nothing but the expected
outputs changed.

"Unprivileged" drops the capabilities that let root ignore file permissions (DAC override,
DAC read-search, fowner) with setpriv(1) when the suite runs as root: the process keeps uid 0,
so the interpreter (which may live under /root) stays reachable, but a read-only folder is
read-only to it, as to any user.  When the suite runs as a normal user, that user is the
unprivileged one and the root cases are skipped.

``TEBIKI_UNDER_TEST=/path/to/another/checkout`` runs the suite against that checkout's code
(how it was shown that every case fails on the code before these protections).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

TOYONAKA = ROOT / "examples" / "toyonaka.yaml"
PREFECTURE = ROOT / "examples" / "prefecture"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SETPRIV = shutil.which("setpriv")
DROP = "-dac_override,-dac_read_search,-fowner"

ERROR_LINE = re.compile(r"^(?:\S.*?:\d+:\d+: |--[a-z-]+: )\S")
"""A one-line error: `file:line:col: message`, or `--option: message` for a bad option."""
SUMMARY = re.compile(r"^\d+ (?:ファイル|file)|^wrote |^baseline |^ベースライン |.*書き出しました$")
"""Lines that are not errors: the count summary, 'wrote ...'."""


def users() -> list:
    """The users a permission-sensitive case runs as: root (when we are) and an unprivileged one."""
    params = []
    if IS_ROOT:
        params.append(pytest.param("root", id="root"))
        params.append(pytest.param("user", id="user", marks=pytest.mark.skipif(SETPRIV is None, reason="no setpriv")))
    else:
        params.append(pytest.param("user", id="user"))
    return params


_PRIVATE_DEV = (
    "mount -t tmpfs tmpfs /dev && mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 && "
    "mknod -m 666 /dev/zero c 1 5 && ln -s /proc/self/fd/0 /dev/stdin && ln -s /proc/self/fd/1 /dev/stdout && "
    "ln -s /proc/self/fd/2 /dev/stderr && ln -s /proc/self/fd /dev/fd && exec \"$@\""
)


def private_dev_works() -> bool:
    """Whether a command can be given a private /dev (root with unshare(1) and mount rights)."""
    if not (IS_ROOT and shutil.which("unshare")):
        return False
    try:
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", _PRIVATE_DEV, "sh", "true"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def devices_guarded():
    """A mark for cases that write to /dev/null, /dev/full, /dev/stdout: as root they run with a
    private /dev (a regression that renamed over a device would otherwise replace the machine's
    /dev/null); as another user they use the real ones, which such a user cannot replace."""
    return pytest.mark.skipif(IS_ROOT and not private_dev_works(), reason="root without a private /dev (unshare)")


def tebiki(*args: str, cwd: Path, user: str = "root", env: dict | None = None, timeout: float = 120,
           stdout=subprocess.PIPE, stdin=None, private_dev: bool = False) -> subprocess.CompletedProcess:
    """Run `tebiki ARGS` (python -m checker) in `cwd`; `user`: 'root' or 'user' (see the module doc);
    `private_dev`: as root, in a mount namespace of its own with a private /dev (see devices_guarded)."""
    command = [sys.executable, "-m", "checker", *args]
    if user == "user" and IS_ROOT:
        command = [SETPRIV, f"--bounding-set={DROP}", f"--inh-caps={DROP}", *command]
    if private_dev and IS_ROOT:
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", _PRIVATE_DEV, "sh", *command]
    code = os.environ.get("TEBIKI_UNDER_TEST", str(ROOT))  # another checkout's code, to compare
    environment = {**os.environ, "PYTHONPATH": code, "TEBIKI_CACHE_DIR": "", **(env or {})}
    return subprocess.run(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin, text=True,
                          timeout=timeout, env=environment)


def snapshot(*roots: Path) -> dict[str, tuple]:
    """Every file, folder, link, FIFO and device under `roots`: its kind, mode, bytes (files) or
    target (links), and modification time."""
    seen: dict[str, tuple] = {}
    for root in roots:
        paths = [root, *root.rglob("*")] if root.is_dir() and not root.is_symlink() else [root]
        for p in paths:
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode):
                content = p.read_bytes()
            elif stat.S_ISLNK(st.st_mode):
                content = os.readlink(p)
            else:
                content = None
            seen[str(p)] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), content,
                            None if stat.S_ISDIR(st.st_mode) else st.st_mtime_ns)
    return seen


def one_error(proc: subprocess.CompletedProcess, pattern: str) -> str:
    """The run printed exactly one error line, which matches `pattern`, and no traceback; return it."""
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr[-2000:]
    lines = [line for line in proc.stderr.splitlines() if line.strip() and not SUMMARY.match(line)]
    assert len(lines) == 1, f"expected one error line, got {len(lines)}:\n" + "\n".join(lines[:10])
    assert ERROR_LINE.match(lines[0]), lines[0]
    assert re.search(pattern, lines[0]), (pattern, lines[0])
    return lines[0]


def refused(*argv: str, cwd: Path, pattern: str, watch: Path | None = None, **kw) -> str:
    """Run `tebiki ARGV` in `cwd`: it must exit 2 with one error line matching `pattern`, and leave
    everything under `watch` (default `cwd`) exactly as it was.  Returns the line."""
    before = snapshot(watch or cwd)
    proc = tebiki(*argv, cwd=cwd, **kw)
    assert proc.returncode == 2, proc.stderr[-2000:]
    line = one_error(proc, pattern)
    assert snapshot(watch or cwd) == before
    return line


def copy_toyonaka(folder: Path, name: str = "toyonaka.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(TOYONAKA, target)
    return target

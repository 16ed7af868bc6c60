"""The tool never writes to its input, and writes every output file atomically.

- check / report / audit / export / import / init leave the files they read byte-for-byte and
  mtime-for-mtime as they were; an output option naming an input file is refused;
- a crash in the middle of writing an output (simulated by making the write, the fsync or the
  rename raise) leaves the old file intact and no temporary file behind;
- no module of the package opens a file for writing except checker/fileio.py (and the audit's
  spool files, which live in a temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from checker import fileio

from .ci_helpers import run
from .conftest import ROOT

TOYONAKA = ROOT / "examples" / "toyonaka.yaml"
PREFECTURE = ROOT / "examples" / "prefecture"


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def inputs(tmp_path):
    """Copies of the example strategies with old mtimes, in their own folder."""
    folder = tmp_path / "in"
    shutil.copytree(PREFECTURE, folder / "prefecture")
    shutil.copy(TOYONAKA, folder / "toyonaka.yaml")
    for p in folder.rglob("*"):
        os.utime(p, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return folder


def test_no_command_writes_to_its_input(inputs, tmp_path):
    pytest.importorskip("rdflib")
    before = _snapshot(inputs)
    out = tmp_path / "out"
    toyonaka = str(inputs / "toyonaka.yaml")
    commands = [
        ["check", toyonaka],
        ["check", str(inputs), "--format", "json", "--output", str(out / "report.json")],
        ["check", toyonaka, "--format", "sarif", "--write-baseline", str(out / "baseline.json")],
        ["check", toyonaka, "--baseline", str(out / "baseline.json"), "--format", "html", "-o", str(out / "r.html")],
        ["report", toyonaka, "--out", str(out / "toyonaka.html")],
        ["audit", str(inputs / "prefecture"), "--out", str(out / "audit")],
        ["export", toyonaka, "--output", str(out / "toyonaka.ttl")],
        ["import", str(out / "toyonaka.ttl"), "--output", str(out / "back.yaml")],
        ["init", toyonaka],  # exists: refused, untouched
        ["schema", "--output", str(out / "schema.json")],
    ]
    for argv in commands:
        proc = run(*argv)
        assert proc.returncode in (0, 1, 2), (argv, proc.stderr[-1000:])
        assert "Traceback" not in proc.stderr
    assert _snapshot(inputs) == before
    assert (out / "audit" / "index.html").exists() and (out / "back.yaml").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{f}", "--output", "{f}"],
        ["check", "{dir}", "--format", "json", "--output", "{dir}/toyonaka.yaml"],
        ["check", "{f}", "--write-baseline", "{f}"],
        ["report", "{f}", "--out", "{f}"],
        ["export", "{f}", "--output", "{dir}/../in/toyonaka.yaml"],
    ],
    ids=["check-output", "check-output-in-folder", "write-baseline", "report", "export"],
)
def test_an_output_naming_an_input_is_refused(argv, inputs):
    if argv[0] == "export":
        pytest.importorskip("rdflib")
    before = _snapshot(inputs)
    f = str(inputs / "toyonaka.yaml")
    proc = run(*[a.format(f=f, dir=str(inputs)) for a in argv])
    assert proc.returncode == 2
    assert "never writes over its input" in proc.stderr
    assert re.search(r":1:1: --\S+ names the input file", proc.stderr)
    assert _snapshot(inputs) == before


# -- crashes mid-write ------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class Crash(Exception):
    pass


def test_write_atomic_crash_in_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old contents\n")

    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        fh = real_fdopen(fd, *args, **kwargs)
        real_write = fh.write

        def write(data):
            real_write(data[: len(data) // 2])  # half of it reaches the temporary file
            raise Crash()

        fh.write = write
        return fh

    monkeypatch.setattr(fileio.os, "fdopen", fdopen)
    with pytest.raises(Crash):
        fileio.write_atomic(target, "new contents that never arrive\n" * 1000)
    assert target.read_text() == "old contents\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_write_atomic_crash_before_the_rename_keeps_the_old_file(tmp_path, monkeypatch, step):
    target = tmp_path / "out.sarif"
    target.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, step, boom)
    with pytest.raises(fileio.OutputError, match="No space left on device"):
        fileio.write_atomic(target, b"new" * 100_000)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_streamed_writer_crash_keeps_the_old_file(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("<p>old</p>\n")
    with pytest.raises(Crash):
        with fileio.atomic_writer(target) as fh:
            fh.write("<p>new, part one</p>\n" * 1000)
            raise Crash()
    assert target.read_text() == "<p>old</p>\n"
    assert _leftovers(tmp_path) == []
    with fileio.atomic_writer(target) as fh:
        fh.write("<p>new</p>\n")
    assert target.read_text() == "<p>new</p>\n"
    assert _leftovers(tmp_path) == []


def test_new_files_get_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        fileio.write_atomic(tmp_path / "a.txt", "x")
        with fileio.atomic_writer(tmp_path / "b.txt") as fh:
            fh.write("x")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.txt").stat().st_mode & 0o777 == 0o644


def test_cli_output_crash_keeps_the_old_report(tmp_path, monkeypatch, capsys):
    """`tebiki check --output` through the CLI's own code, with the rename failing."""
    import typer.main

    from checker.cli import app

    target = tmp_path / "report.json"
    target.write_text("previous report\n")

    def boom(*args, **kwargs):
        raise Crash()

    monkeypatch.setattr(fileio.os, "replace", boom)
    command = typer.main.get_command(app)
    with pytest.raises(Crash):
        command.main(["check", str(TOYONAKA), "--format", "json", "--output", str(target)], standalone_mode=False)
    assert target.read_text() == "previous report\n"
    assert _leftovers(tmp_path) == []


def test_audit_crash_while_assembling_keeps_the_old_outputs(tmp_path, monkeypatch):
    """The audit's audit.json is streamed from spool files: a crash half-way leaves the previous outputs."""
    from checker.audit import run as audit_run
    from checker.audit import run_audit

    out = tmp_path / "audit"
    run_audit(PREFECTURE, out, jobs=1, progress=False)
    old = {name: (out / name).read_bytes() for name in audit_run.OUTPUTS}

    real_open = open

    def spool_open(file, *args, **kwargs):
        if Path(file).name == "entries.json" and "r" in (args[0] if args else kwargs.get("mode", "r")):
            raise Crash()  # audit.json's head is written; its entries are being copied in
        return real_open(file, *args, **kwargs)

    from checker.audit import outputs as audit_outputs

    monkeypatch.setattr(audit_outputs, "open", spool_open, raising=False)
    with pytest.raises(Crash):
        run_audit(PREFECTURE, out, jobs=1, progress=False)
    assert {name: (out / name).read_bytes() for name in audit_run.OUTPUTS} == old
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


# -- every writer goes through checker/fileio.py ------------------------------------------------------

_WRITES = re.compile(r"""open\([^)]*["'][wax]b?\+?["']|\.write_text\(|\.write_bytes\(|os\.open\(|mkstemp\(""")
_ALLOWED = {
    "checker/fileio.py": "the atomic writers themselves",
    "checker/outfolder.py": "output folders written as a whole (opens folders to lock and fsync them)",
    "checker/audit/run.py": "spool files inside the audit's temporary folder (removed when it ends)",
}


def test_no_module_writes_files_except_through_fileio():
    offenders = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _WRITES.search(line) and rel not in _ALLOWED:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "write output files with checker.fileio.write_atomic / atomic_writer:\n" + "\n".join(offenders)
    spools = [line for line in (ROOT / "checker/audit/run.py").read_text(encoding="utf-8").splitlines() if _WRITES.search(line)]
    assert all("entries_path" in line or "findings_path" in line for line in spools), spools

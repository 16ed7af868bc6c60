"""Hostile-input suite, outputs: nothing that is not an output is ever written over, special
files are written through or refused, and a failed write is one line and exit code 2.

Every case runs the real command line in a folder of its own and checks the exit code, the one
error line, and that no input (strategy, config, baseline, imported file) and no special file
changed.  Cases where permissions matter run as root and as an unprivileged user (tests/hostile.py).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile import refused, _PRIVATE_DEV, IS_ROOT, PREFECTURE, copy_toyonaka, devices_guarded, one_error, snapshot, tebiki, users

REFUSED = r"names the input file .*; tebiki never writes over its input"


@pytest.fixture
def work(tmp_path):
    folder = tmp_path / "work"
    copy_toyonaka(folder)
    (folder / "cfg.toml").write_text('ignore = ["KQ12"]\n', encoding="utf-8")
    return folder


def _baseline(work: Path) -> Path:
    proc = tebiki("check", "toyonaka.yaml", "--write-baseline", "base.json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    return work / "base.json"


# -- outputs refuse the inputs of the run -------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["check", "toyonaka.yaml", "--config", "cfg.toml", "-o", "cfg.toml"],
    ["check", "toyonaka.yaml", "--config", "cfg.toml", "--write-baseline", "cfg.toml"],
    ["check", "toyonaka.yaml", "--config", "cfg.toml", "-o", "./sub/../cfg.toml"],
    ["report", "toyonaka.yaml", "--config", "cfg.toml", "--out", "cfg.toml"],
    ["check", "toyonaka.yaml", "-o", "toyonaka.yaml"],
    ["check", "toyonaka.yaml", "--write-baseline", "toyonaka.yaml"],
    ["report", "toyonaka.yaml", "--out", "toyonaka.yaml"],
    ["export", "toyonaka.yaml", "-o", "toyonaka.yaml"],
], ids=["o-config", "baseline-config", "o-config-other-name", "report-config", "o-strategy", "baseline-strategy",
        "report-strategy", "export-strategy"])
def test_outputs_refuse_explicit_inputs(work, argv):
    (work / "sub").mkdir()
    refused(*argv, cwd=work, pattern=REFUSED)


@pytest.mark.parametrize("name,text", [
    ("tebiki.toml", 'ignore = ["KQ12"]\n'),
    (".tebiki.toml", 'ignore = ["KQ12"]\n'),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.tebiki]\nignore = ["KQ12"]\n'),
])
def test_outputs_refuse_the_config_found_by_discovery(work, name, text):
    (work / name).write_text(text, encoding="utf-8")
    before = snapshot(work)
    for option in ("-o", "--write-baseline"):
        proc = tebiki("check", "toyonaka.yaml", option, name, cwd=work)
        assert proc.returncode == 2, (option, proc.stderr)
        one_error(proc, REFUSED)
    proc = tebiki("report", "toyonaka.yaml", "--out", name, cwd=work)
    assert proc.returncode == 2
    one_error(proc, REFUSED)
    assert snapshot(work) == before


def test_output_refuses_the_baseline_it_reads(work):
    _baseline(work)
    before = snapshot(work)
    proc = tebiki("check", "toyonaka.yaml", "--baseline", "base.json", "-f", "json", "-o", "base.json", cwd=work)
    assert proc.returncode == 2
    one_error(proc, REFUSED)
    assert snapshot(work) == before
    # refreshing a baseline in place is the documented workflow: --write-baseline does not read it
    proc = tebiki("check", "toyonaka.yaml", "--baseline", "base.json", "--write-baseline", "base.json", cwd=work)
    assert proc.returncode == 0, proc.stderr


def test_import_refuses_to_write_over_the_file_it_imports(work):
    assert tebiki("export", "toyonaka.yaml", "-o", "t.ttl", cwd=work).returncode == 0
    before = snapshot(work)
    for target in ("t.ttl", "./t.ttl"):
        proc = tebiki("import", "t.ttl", "-o", target, cwd=work)
        assert proc.returncode == 2
        one_error(proc, REFUSED)
    assert snapshot(work) == before


def test_init_never_writes_over_anything(work):
    os.symlink("nowhere.yaml", work / "dangling.yaml")
    before = snapshot(work)
    for target in ("toyonaka.yaml", "cfg.toml", "dangling.yaml"):
        proc = tebiki("init", target, cwd=work)
        assert proc.returncode == 2
        one_error(proc, "already exists")
    assert snapshot(work) == before


def test_audit_out_refuses_folders_holding_inputs_or_other_files(tmp_path):
    folder = tmp_path / "pref"
    shutil.copytree(PREFECTURE, folder)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "memo.txt").write_text("mine")
    before = snapshot(tmp_path)
    for out, pattern in ((folder, "contains the input file"), (tmp_path, "contains the input file"),
                         (tmp_path / "notes", "holds files that are not this command's outputs")):
        proc = tebiki("audit", str(folder), "--out", str(out), cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        one_error(proc, pattern)
    assert snapshot(tmp_path) == before


# -- special files: written through or refused, never renamed over ------------------------------


@devices_guarded()
@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_character_devices_are_written_through(work, device):
    check = f'{sys.executable} -m checker check toyonaka.yaml -f json -o {device} && stat -c "%F %t,%T" /dev/null /dev/stdout'
    command = ["sh", "-c", check]
    if IS_ROOT:
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", _PRIVATE_DEV, "sh", *command]
    proc = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TEBIKI_CACHE_DIR": "", "PYTHONPATH": os.environ.get("TEBIKI_UNDER_TEST", str(ROOT))})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("character special file 1,3\nsymbolic link 0,0"), proc.stdout[-200:]
    if device == "/dev/stdout":
        assert proc.stdout.startswith("{")


@devices_guarded()
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("argv", [
    ["check", "toyonaka.yaml", "-f", "sarif", "-o", "/dev/full"],
    ["report", "toyonaka.yaml", "--out", "/dev/full"],
    ["schema", "-o", "/dev/full"],
    ["export", "toyonaka.yaml", "-o", "/dev/full"],
])
def test_a_full_disk_is_exit_2_not_0(work, argv):
    proc = tebiki(*argv, cwd=work, private_dev=True)
    assert proc.returncode == 2
    one_error(proc, r"^/dev/full:1:1: cannot write: No space left on device$")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_standard_output_on_a_full_disk_is_exit_2(work):
    with open("/dev/full", "w") as full:
        proc = tebiki("check", "toyonaka.yaml", "-f", "json", cwd=work, stdout=full)
    assert proc.returncode == 2
    one_error(proc, r"^<stdout>:1:1: cannot write: No space left on device$")


def test_a_fifo_is_written_through_to_its_reader(work):
    fifo = work / "pipe.json"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    time.sleep(0.2)
    proc = tebiki("check", "toyonaka.yaml", "-f", "json", "-o", "pipe.json", cwd=work)
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert got and got[0].startswith(b"{") and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(work):
    os.mkfifo(work / "pipe.json")
    before = snapshot(work)
    started = time.monotonic()
    proc = tebiki("check", "toyonaka.yaml", "-f", "json", "-o", "pipe.json", cwd=work, timeout=60)
    assert proc.returncode == 2 and time.monotonic() - started < 30
    one_error(proc, "no process is reading this FIFO")
    assert snapshot(work) == before


def test_a_symlink_is_written_through_and_stays(work):
    (work / "real.json").write_text("old")
    os.symlink("real.json", work / "link.json")
    proc = tebiki("check", "toyonaka.yaml", "-f", "json", "-o", "link.json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert os.path.islink(work / "link.json") and (work / "real.json").read_text().startswith("{")


def test_a_symlink_to_an_input_is_refused(work):
    os.symlink("toyonaka.yaml", work / "link.yaml")
    before = snapshot(work)
    proc = tebiki("check", "toyonaka.yaml", "-o", "link.yaml", cwd=work)
    assert proc.returncode == 2
    one_error(proc, REFUSED)
    assert snapshot(work) == before


# -- unwritable targets: one line, exit 2 ----------------------------------------------------------


@pytest.mark.parametrize("user", users())
@pytest.mark.parametrize("argv,pattern", [
    (["check", "../in/toyonaka.yaml", "-f", "json", "-o", "out.json"], r"out\.json:1:1: cannot write"),
    (["check", "../in/toyonaka.yaml", "--write-baseline", "b.json"], r"b\.json:1:1: cannot write"),
    (["report", "../in/toyonaka.yaml", "--out", "r.html"], r"r\.html:1:1: cannot write"),
    (["export", "../in/toyonaka.yaml", "-o", "t.ttl"], r"t\.ttl:1:1: cannot write"),
    (["schema", "-o", "s.json"], r"s\.json:1:1: cannot write"),
    (["init", "new.yaml"], r"new\.yaml:1:1: cannot write"),
    (["audit", "../in", "--out", "audit"], r"audit:1:1: cannot write"),
])
def test_a_read_only_folder_is_one_line(tmp_path, user, argv, pattern):
    copy_toyonaka(tmp_path / "in")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        before = snapshot(tmp_path)
        proc = tebiki(*argv, cwd=ro, user=user)
        if user == "root":  # root may write anywhere: the run succeeds and writes its output
            assert proc.returncode in (0, 1), proc.stderr
            return
        assert proc.returncode == 2, proc.stderr
        one_error(proc, pattern)
        assert snapshot(tmp_path) == before
    finally:
        ro.chmod(0o755)


@pytest.mark.parametrize("argv,pattern", [
    (["check", "toyonaka.yaml", "-o", "folder"], r"--output names a folder"),
    (["report", "toyonaka.yaml", "--out", "folder"], r"--out names a folder"),
    (["check", "toyonaka.yaml", "-o", "cfg.toml/x.json"], r"cannot write: Not a directory"),
    (["audit", ".", "--out", "cfg.toml"], r"--out names a file, not a folder"),
])
def test_a_folder_or_a_file_in_the_way_is_one_line(work, argv, pattern):
    (work / "folder").mkdir()
    refused(*argv, cwd=work, pattern=pattern)


# -- the audit's output set: one run or none --------------------------------------------------------


def test_a_second_audit_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    assert tebiki("audit", str(PREFECTURE), "--out", str(out), cwd=tmp_path).returncode in (0, 1)
    before = snapshot(out)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running audit holds it
        proc = tebiki("audit", str(PREFECTURE), "--out", str(out), cwd=tmp_path)
    finally:
        os.close(fd)
    assert proc.returncode == 2
    one_error(proc, "another run is writing into this folder")
    assert snapshot(out) == before


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if marker.encode() in fh.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_workers_and_removes_the_staging_folder(tmp_path, sig):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        shutil.copy(PREFECTURE / "minato.yaml", folder / f"m{i:03}.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous run")
    before = snapshot(out)
    proc = subprocess.Popen([sys.executable, "-m", "checker", "audit", str(folder), "--out", str(out), "-j", "2"],
                            cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "TEBIKI_CACHE_DIR": "", "PYTHONPATH": os.environ.get("TEBIKI_UNDER_TEST", str(ROOT))})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_processes_mentioning(str(folder))) < 3:
        time.sleep(0.05)  # until the workers run
    time.sleep(0.5)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    time.sleep(0.5)
    assert _processes_mentioning(str(folder)) == [], "workers outlived the audit"
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


# -- every command that writes is covered --------------------------------------------------------

# -- the revision and yearly-verification commands -----------------------------------------------


@pytest.fixture
def versions(work):
    shutil.copy(ROOT / "examples" / "toyonaka-2022-soan.yaml", work / "old.yaml")
    assert tebiki("progress", "template", "toyonaka.yaml", "-o", "sheet.xlsx", "--year", "2024", cwd=work).returncode == 0
    return work


@pytest.mark.parametrize("argv", [
    ["diff", "old.yaml", "toyonaka.yaml", "-o", "old.yaml"],
    ["diff", "old.yaml", "toyonaka.yaml", "-f", "html", "-o", "toyonaka.yaml"],
    ["diff", "old.yaml", "toyonaka.yaml", "--config", "cfg.toml", "-o", "cfg.toml"],
    ["revise", "toyonaka.yaml", "--to", "interim-2025-12", "-o", "toyonaka.yaml"],
    ["progress", "sheet", "toyonaka.yaml", "-o", "toyonaka.yaml"],
    ["progress", "read", "sheet.xlsx", "-o", "sheet.xlsx"],
    ["progress", "read", "sheet.xlsx", "-o", "sheet.xlsx", "--force"],
    ["progress", "template", "toyonaka.yaml", "-o", "toyonaka.yaml"],
], ids=["diff-old", "diff-new", "diff-config", "revise", "progress-sheet", "progress-read", "progress-read-force",
        "progress-template"])
def test_revision_and_progress_outputs_refuse_their_inputs(versions, argv):
    refused(*argv, cwd=versions, pattern=REFUSED + r"|the workbook must be an \.xlsx file")


@devices_guarded()
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("argv", [
    ["diff", "old.yaml", "toyonaka.yaml", "-f", "html", "-o", "/dev/full"],
    ["revise", "toyonaka.yaml", "--to", "interim-2025-12", "-o", "/dev/full"],
    ["progress", "sheet", "toyonaka.yaml", "--year", "2024", "-o", "/dev/full"],
    ["progress", "read", "sheet.xlsx", "-o", "/dev/full", "--force"],
], ids=["diff", "revise", "progress-sheet", "progress-read"])
def test_revision_and_progress_on_a_full_disk_are_exit_2(versions, argv):
    proc = tebiki(*argv, cwd=versions, private_dev=True)
    assert proc.returncode == 2, proc.stderr
    one_error(proc, r"^/dev/full:1:1: cannot write: No space left on device$")


@pytest.mark.parametrize("argv", [
    ["diff", "old.yaml", "toyonaka.yaml", "-o", "folder"],
    ["revise", "toyonaka.yaml", "--to", "interim-2025-12", "-o", "folder"],
    ["progress", "template", "toyonaka.yaml", "-o", "folder.xlsx"],
], ids=["diff", "revise", "progress-template"])
def test_revision_and_progress_outputs_that_are_folders_are_one_line(versions, argv):
    (versions / "folder").mkdir()
    (versions / "folder.xlsx").mkdir()
    before = snapshot(versions)
    proc = tebiki(*argv, cwd=versions)
    assert proc.returncode == 2, proc.stderr
    one_error(proc, r"names a folder")
    assert snapshot(versions) == before


COVERED = {"check", "report", "export", "import", "schema", "init", "audit", "docs", "diff", "revise",
           "progress sheet", "progress template", "progress read"}
"""Commands whose outputs the cases above exercise (docs: the hidden generator of docs/, which
writes through checker.fileio like the rest)."""


def test_every_command_that_writes_a_file_is_covered_here():
    """A command added later with an output option must get its cases in this suite."""
    import typer.main

    from checker.cli import _register_commands, app

    _register_commands([])
    group = typer.main.get_command(app)
    writers = set()
    commands = list(group.commands.items())
    while commands:
        name, command = commands.pop()
        if hasattr(command, "commands"):  # a group: its subcommands, named "group sub"
            commands.extend((f"{name} {sub}", c) for sub, c in command.commands.items())
            continue
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if options & {"-o", "--output", "--out", "--write-baseline"} or name == "init":
            writers.add(name)
    assert writers - COVERED == set(), f"commands that write files without hostile-output cases: {writers - COVERED}"

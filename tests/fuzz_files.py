"""Fuzzing what surrounds the strategy: config files, output paths and special files.

Used by tests/test_fuzz_files.py, and runnable on its own for bigger runs:

    .venv/bin/python -m tests.fuzz_files --cases 20000 [--seed 7]

Three families of cases, drawn deterministically from a seed, all run in-process through the
click command `tebiki` runs (as tests/fuzz.py does):

- **configs**: a config using every key, mutated (bytes and bits flipped, lines deleted,
  duplicated and swapped, TOML syntax inserted), every key given a value of each other type,
  huge lists and deep tables, `extends` pointing at itself, a folder, a FIFO or nothing;
- **output paths**: an output option of a command (``check -o``, ``--write-baseline``,
  ``report --out``, ``export -o``, ``import -o``, ``schema -o``, ``init``) aimed at an input (by
  its name, a symbolic or hard link, a path with ``..``), a folder, a path under a file, a FIFO
  nobody reads, a socket, a character device, a dangling link, a new or an existing output;
- **special inputs**: a FIFO, a socket, a device, a folder, a link loop or a dangling link given
  as the strategy, the config, the baseline or the file to import.

Every case must end with exit code 0, 1 or 2 within a time limit, without a traceback; exit 2
must come with an error line (`file:line:col: message` or `--option: message`) and, for a
config, a line and column inside it; no input may change, and no special file may change kind.
Character devices are nodes the fuzzer makes in its own folder when it runs as root (never the
machine's /dev/null), the real ones otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOYONAKA = ROOT / "examples" / "toyonaka.yaml"

CONFIG = """\
# a config that uses every key
edition = "tebiki-2022-12"
select = ["ALL"]
ignore = ["KQ12", "digital", "3-2"]
fail-on = "warning"
lang = "en"
deviations = true

[severity]
OL07 = "error"
KQ = "info"

[per-file-ignores]
"drafts/*.yaml" = ["OL"]
"**/old-*.yml" = ["ND01", "kpi-quality"]
"""
TOML_BITS = ("=", " = ", "[", "]", "[[", "]]", "{", "}", ",", '"', "'", '"""', "#", "\n", "\\", "\\u", "\x00", "\ufeff",
             "\r", "ignore = ", "select = ", "extends = ", "true", "1e400", "nan", "inf", "1979-05-27", "[tool.tebiki]\n")
WRONG = ('"x"', "1", "-1", "1.5", "true", "[]", "[1, 2]", '["OL07", 3]', "{}", '{a = "b"}', "1979-05-27", '"ALL"', "inf",
         "nan", '""', '"../../etc/passwd"', '"[z-a]"')
_ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \S|^--[a-z-]+: \S")


@dataclass
class Case:
    name: str
    argv: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    """Files to create in the case's folder (relative name → bytes) before running."""
    special: tuple[tuple[str, str], ...] = ()
    """(name, kind) of special files to create: fifo, socket, null, full, folder, loop, dangling, link:<target>, hard:<target>."""
    config: str | None = None
    """The config file of the case, whose errors must point inside it."""
    target: str | None = None
    """The output path of the case (the files the command reads are the others it names)."""

    @property
    def inputs(self) -> set[str]:
        """The files of INPUTS the command reads (named in argv, not as its output)."""
        return {a for a in self.argv if a in INPUTS and a != self.target}


@dataclass
class Report:
    cases: int = 0
    by_exit: dict = field(default_factory=lambda: {0: 0, 1: 0, 2: 0})
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


# -- the cases --------------------------------------------------------------------------------------


def _mutate(rnd: random.Random, text: str) -> str:
    data = bytearray(text.encode("utf-8"))
    lines = text.splitlines(keepends=True)
    kind = rnd.randrange(7)
    if kind == 0 and data:
        for _ in range(rnd.randint(1, 8)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        return data.decode("utf-8", errors="replace")
    if kind == 1:
        at = rnd.randrange(len(text) + 1)
        return text[:at] + rnd.choice(TOML_BITS) + text[at:]
    if kind == 2 and lines:
        del lines[rnd.randrange(len(lines))]
    elif kind == 3 and lines:
        lines.insert(rnd.randrange(len(lines)), rnd.choice(lines))
    elif kind == 4 and len(lines) > 1:
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 5:
        return text[: rnd.randrange(len(text) + 1)]
    else:
        key = rnd.choice(["edition", "select", "ignore", "fail-on", "lang", "deviations", "extends", "severity",
                          "per-file-ignores", "unknown-key"])
        return f"{key} = {rnd.choice(WRONG)}\n" + text
    return "".join(lines)


def config_cases(rnd: random.Random, count: int) -> list[Case]:
    fixed = [f"{key} = {value}\n" for key in ("edition", "select", "ignore", "fail-on", "lang", "deviations", "extends")
             for value in WRONG]
    fixed += ["[severity]\n" + f"OL07 = {value}\n" for value in WRONG]
    fixed += ["[per-file-ignores]\n" + f'"{p}" = ["OL07"]\n' for p in ("[", "[!", "a[b", "", "\\x", "**", "[]]", "*" * 200)]
    fixed += ["ignore = [" + ", ".join('"KQ12"' for _ in range(30_000)) + "]\n",
              "a = " + "{b = " * 200 + "1" + "}" * 200 + "\n", 'extends = "cfg.toml"\n', 'extends = "."\n',
              'extends = "pipe"\n', 'extends = "missing.toml"\n', "\x00\x01\x02", "", "[tool.tebiki]\nselect = 3\n"]
    texts = fixed[:count] + [_mutate(rnd, CONFIG) for _ in range(max(0, count - len(fixed)))]
    cases = []
    for i, text in enumerate(texts):
        cases.append(Case(f"config-{i}", ["check", "toyonaka.yaml", "--config", "cfg.toml", "-f", rnd.choice(["text", "json"])],
                          {"cfg.toml": text.encode("utf-8", errors="surrogatepass")}, (("pipe", "fifo"),), config="cfg.toml"))
    return cases


TARGETS = ("toyonaka.yaml", "cfg.toml", "base.json", "t.ttl", "link-to-input", "hard-to-input", "sub/../toyonaka.yaml",
           "sub", "toyonaka.yaml/x.json", "missing/parent/out.json", "pipe", "sock", "null", "full", "dangling",
           "new-output.json", "old-output.json", "sub/new.json")
COMMANDS = (
    ["check", "toyonaka.yaml", "--config", "cfg.toml", "--baseline", "base.json", "-f", "{fmt}", "-o", "{target}"],
    ["check", "toyonaka.yaml", "--config", "cfg.toml", "--write-baseline", "{target}"],
    ["report", "toyonaka.yaml", "--config", "cfg.toml", "--out", "{target}"],
    ["export", "toyonaka.yaml", "-o", "{target}"],
    ["import", "t.ttl", "-o", "{target}"],
    ["schema", "-o", "{target}"],
    ["init", "{target}"],
)
SPECIAL = (("pipe", "fifo"), ("sock", "socket"), ("null", "null"), ("full", "full"), ("sub", "folder"),
           ("dangling", "dangling"), ("link-to-input", "link:toyonaka.yaml"), ("hard-to-input", "hard:toyonaka.yaml"))
INPUTS = ("toyonaka.yaml", "cfg.toml", "base.json", "t.ttl")


def output_cases(rnd: random.Random, count: int) -> list[Case]:
    combos = [(c, t) for c in COMMANDS for t in TARGETS]
    rnd.shuffle(combos)
    chosen = combos[:count] + [rnd.choice(combos) for _ in range(max(0, count - len(combos)))]
    cases = []
    for i, (command, target) in enumerate(chosen):
        fmt = rnd.choice(["text", "json", "sarif", "junit", "html"])
        argv = [a.format(fmt=fmt, target=target) for a in command]
        cases.append(Case(f"output-{i}-{argv[0]}-{target}", argv, {"old-output.json": b"previous\n"}, SPECIAL, target=target))
    return cases


ROLES = (["check", "{x}"], ["check", "toyonaka.yaml", "--config", "{x}"], ["check", "toyonaka.yaml", "--baseline", "{x}"],
         ["import", "{x}", "--from", "turtle"], ["report", "{x}", "--out", "r.html"], ["export", "{x}"])
KINDS = (("x-fifo", "fifo"), ("x-sock", "socket"), ("x-null", "null"), ("x-dir", "folder"), ("x-loop", "loop"),
         ("x-dangling", "dangling"))


def special_input_cases() -> list[Case]:
    return [Case(f"special-{name}-{role[0]}-{role[-1]}", [a.format(x=name) for a in role], {}, (special,))
            for role in ROLES for name, kind in KINDS for special in [(name, kind)]]


def cases(count: int, seed: int) -> list[Case]:
    """About a third of each family (the special inputs all, first)."""
    rnd = random.Random(seed)
    special = special_input_cases()
    rest = max(0, count - len(special))
    return (special + config_cases(rnd, rest // 2) + output_cases(rnd, rest - rest // 2))[:count]


# -- running ------------------------------------------------------------------------------------


def _make(folder: Path, name: str, kind: str) -> None:
    path = folder / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()  # the socket file stays
    elif kind in ("null", "full"):
        if os.geteuid() == 0:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3 if kind == "null" else 7))
        else:
            os.symlink(f"/dev/{kind}", path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "loop":
        os.symlink(name, path)
    elif kind == "dangling":
        os.symlink("nowhere/at/all", path)
    elif kind.startswith("link:"):
        os.symlink(kind[5:], path)
    elif kind.startswith("hard:"):
        os.link(folder / kind[5:], path)


def _base(folder: Path) -> None:
    """The inputs every case may use: a strategy, a config, a baseline, an exported file."""
    shutil.copy(TOYONAKA, folder / "toyonaka.yaml")
    (folder / "cfg.toml").write_text('ignore = ["KQ12"]\n', encoding="utf-8")
    (folder / "base.json").write_text('{"version": 1, "tool": "tebiki-checker", "edition": null, "entries": []}\n')
    (folder / "t.ttl").write_bytes(_exported())


_TTL: list[bytes] = []


def _exported() -> bytes:
    if not _TTL:
        from checker.load import load
        from checker.rdf import serialize, to_graph

        _TTL.append(serialize(to_graph([load(str(TOYONAKA))]), "turtle").encode("utf-8"))
    return _TTL[0]


def _state(folder: Path) -> dict[str, tuple]:
    seen = {}
    for p in sorted(folder.rglob("*")):
        st = os.lstat(p)
        content = p.read_bytes() if stat.S_ISREG(st.st_mode) and p.name in INPUTS else None
        seen[p.name] = (stat.S_IFMT(st.st_mode), content, (st.st_ino if not stat.S_ISLNK(st.st_mode) else os.readlink(p)))
    return seen


def judge(case: Case, code, stderr: str, folder: Path, before: dict, after: dict) -> str | None:
    if code not in (0, 1, 2):
        return f"exit code {code!r}"
    if "Traceback" in stderr or "internal error" in stderr:
        return "a traceback or internal error: " + stderr.strip()[-300:]
    if code == 2:
        errors = [line for line in stderr.splitlines() if _ERROR.match(line)]
        if not errors:
            return "exit 2 without an error line: " + stderr.strip()[:300]
        if case.config is not None:
            lines = (folder / case.config).read_bytes().count(b"\n") + 2
            for line in errors:
                m = _ERROR.match(line)
                if m["file"] and m["file"].endswith(case.config) and not 1 <= int(m["line"]) <= lines:
                    return f"config error outside the file: {line[:200]}"
    for name in case.inputs:
        if name in before and before[name][:2] != after.get(name, (None, None))[:2]:
            return f"the input {name} changed"
    for name, state in before.items():
        if name not in INPUTS and state[0] != stat.S_IFREG and after.get(name, (None,))[0] != state[0]:
            return f"the special file {name} changed kind"
    return None


def run(cases_: list[Case], workdir: Path, report: Report, limit_failures: int = 20) -> Report:
    from .fuzz import CaseTimeout, _command, _usage_error_types, invoke

    command, usage_errors = _command(), _usage_error_types()

    def on_alarm(signum, frame):
        raise CaseTimeout()

    old_alarm = signal.signal(signal.SIGALRM, on_alarm)
    old_cwd = os.getcwd()
    start = time.perf_counter()
    try:
        for n, case in enumerate(cases_):
            folder = workdir / f"case-{n}"
            folder.mkdir()
            _base(folder)
            for name, data in case.files.items():
                (folder / name).write_bytes(data)
            for name, kind in case.special:
                _make(folder, name, kind)
            before = _state(folder)
            os.chdir(folder)
            try:
                code, _, stderr, failure = invoke(command, case.argv, usage_errors)
            finally:
                os.chdir(old_cwd)
            if failure is None:
                failure = judge(case, code, stderr, folder, before, _state(folder))
                if failure is None:
                    report.by_exit[code] += 1
            report.cases += 1
            if failure is not None:
                report.failures.append(f"{case.name} {' '.join(case.argv)}: {failure} (kept in {folder})")
                if len(report.failures) >= limit_failures:
                    break
            else:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        signal.signal(signal.SIGALRM, old_alarm)
        os.chdir(old_cwd)
    report.seconds += time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=Path("fuzz-files"))
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    report = run(cases(args.cases, args.seed), args.dir, Report())
    print(f"{report.cases} cases in {report.seconds:.1f} s, exits {report.by_exit}")
    for failure in report.failures:
        print(failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fuzzing the loader and the command line with mutated strategy files.

Used by tests/test_fuzz.py (10,000 cases in-process plus a few dozen real processes in CI)
and runnable on its own for bigger runs:

    .venv/bin/python -m tests.fuzz --cases 100000 [--seed 7] [--subprocess 200]
    FUZZ_CASES=100000 .venv/bin/python -m pytest tests/test_fuzz.py

Cases are drawn deterministically from a seed: byte and bit flips, insertions of YAML syntax,
deletions, truncations, duplicated and swapped lines, splices of two files; deep nesting
(flow and block), alias bombs, binary data, empty and odd documents, the files in other
encodings (CP932, UTF-16 and UTF-32 without BOM, Latin-1), and every field of the model given
a value of each other type (the data is walked and one value replaced at a time).

The in-process cases go through the click command that `tebiki` runs (`checker.cli.app`) with
`standalone_mode=False`, so that any exception other than the documented ones (typer's Exit,
click's usage errors) reaches the fuzzer instead of the CLI's last-resort handler.  Every case
must end with exit code 0, 1 or 2, within a time limit; exit 2 must say why on standard error,
and every problem line about the file must read ``file:line:col: message`` with a line and
column inside the file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import io
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TOYONAKA = ROOT / "examples" / "toyonaka.yaml"

CASE_SECONDS = 20
"""No single in-process case may take longer (Toyonaka-sized files take ~15 ms)."""
PROCESS_SECONDS = 60
PROCESS_MEMORY = 2 << 30
"""Address-space limit of each fuzzed process (RLIMIT_AS)."""

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
WRONG_VALUES = (12345, -1.5, True, None, "文字列", "", [1, "a"], [], {"k": "v"}, {}, dt.date(2020, 1, 1))
YAML_BITS = (
    ":", ": ", "- ", "\n- ", "[", "]", "{", "}", ",", "&a ", "*a", "*zz", "!!python/object:os.system ", "!!binary ",
    "!custom ", "<<: ", "? ", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\x00", "\ufeff", "\r",
    "\u2028", "~", "null", "yes", "0x1F", "1e400", ".nan", "2025-02-30", "令和99年度", "x-ext: 1\n", "id: dup\n",
)


@dataclass
class Case:
    """One input: its bytes, how it was made, and the extra CLI options to run it with."""

    name: str
    data: bytes
    options: tuple[str, ...] = ()


@dataclass
class Report:
    cases: int = 0
    by_exit: dict = field(default_factory=lambda: {0: 0, 1: 0, 2: 0})
    failures: list = field(default_factory=list)
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")


# -- seeds ----------------------------------------------------------------------------------------


def seeds() -> list[bytes]:
    """The files mutations start from: the rule fixtures, the CI fixtures and Toyonaka."""
    files = sorted(FIXTURES.rglob("*.yaml")) + [TOYONAKA]
    return [p.read_bytes() for p in files]


def _plain(data: bytes):
    from checker.load.yaml_tree import parse_tree

    try:
        return parse_tree(data.decode("utf-8"), "<seed>").data
    except Exception:
        return None


def _paths(node, path=()):
    """(path, value) of every value below the root, depth first."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,), v
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield path + (i,), v
            yield from _paths(v, path + (i,))


def _shape(path) -> tuple:
    return tuple("*" if isinstance(p, int) else p for p in path)


def _replace(data, path, value):
    """A copy of `data` with the value at `path` replaced (or deleted): only the containers on the path are copied."""
    root = copy = data.copy()
    for p in path[:-1]:
        copy[p] = copy[p].copy()
        copy = copy[p]
    if value is _DELETE:
        del copy[path[-1]]
    else:
        copy[path[-1]] = value
    return root


_DELETE = object()


def _dump(data) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200).encode("utf-8")


def wrong_type_cases(seed_files: list[bytes]) -> list[Case]:
    """Each field position of the format (list indices folded) in the smallest seed that has it, given
    every value of another type, and deleted."""
    best: dict[tuple, tuple[int, object, tuple]] = {}
    for raw in sorted(seed_files, key=len):
        data = _plain(raw)
        if not isinstance(data, dict):
            continue
        for path, _ in _paths(data):
            best.setdefault(_shape(path), (len(raw), data, path))
    cases = []
    for shape, (_, data, path) in sorted(best.items(), key=lambda kv: str(kv[0])):
        node = data
        for p in path:
            node = node[p]
        for value in WRONG_VALUES + (_DELETE,):
            if value is not _DELETE and type(value) is type(node) and value == node:
                continue
            if value is not _DELETE and isinstance(node, (dict, list)) and type(value) is type(node):
                continue
            label = "delete" if value is _DELETE else type(value).__name__
            try:
                cases.append(Case(f"wrong-type {'.'.join(map(str, shape))} <- {label}", _dump(_replace(data, path, value))))
            except yaml.YAMLError:
                continue
    return cases


# -- generated inputs -----------------------------------------------------------------------------


def special_cases() -> list[Case]:
    """Inputs that are not mutations: nesting, alias bombs, binary data, odd documents, encodings."""
    cases = []
    for n in (10, 65, 200, 1000, 10_000, 100_000):
        cases.append(Case(f"flow-nesting-{n}", b"id: x\ntitle: " + b"[" * n + b"]" * n + b"\n"))
        cases.append(Case(f"flow-map-nesting-{n}", b"{a: " * n + b"1" + b"}" * n + b"\n"))
        cases.append(Case(f"unclosed-nesting-{n}", b"[" * n))
    for n in (10, 65, 300, 2000):
        cases.append(Case(f"block-nesting-{n}", "".join(" " * i + f"k{i}:\n" for i in range(n)).encode() + b" " * n + b"v\n"))
        cases.append(Case(f"list-nesting-{n}", "".join(" " * (2 * i) + "-\n" for i in range(n)).encode()))
    for levels in (3, 6, 9, 12, 20):
        lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
        cases.append(Case(f"alias-bomb-{levels}", ("\n".join(lines) + "\n").encode()))
        cases.append(Case(f"alias-bomb-in-goals-{levels}", ("id: s\ntitle: t\nbody: {name: n, code: '131016', level: municipality}\n"
                                                           "x-defs:\n" + "\n".join("  " + l for l in lines) + f"\ngoals: *a{levels - 1}\n").encode()))
    cases.append(Case("self-merge", b"a: &a\n  <<: *a\n"))
    cases.append(Case("merge-bomb", b"a: &a {x: 1}\nb: &b {<<: [*a, *a, *a]}\nc: {<<: [*b, *b, *b]}\n"))
    rnd = random.Random(1)
    for n in (1, 7, 100, 4096, 200_000):
        cases.append(Case(f"random-bytes-{n}", bytes(rnd.getrandbits(8) for _ in range(n))))
    cases += [
        Case("empty", b""), Case("only-newlines", b"\n\n\n"), Case("only-comment", b"# nothing\n"),
        Case("only-document-start", b"---\n"), Case("two-documents", b"id: a\n---\nid: b\n"),
        Case("scalar-root", b"just text\n"), Case("list-root", b"- a\n- b\n"), Case("null-root", b"~\n"),
        Case("nul-bytes", b"id: a\x00b\ntitle: t\n"), Case("png-header", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        Case("zip-header", b"PK\x03\x04" + b"\x00" * 100), Case("utf8-bom-only", b"\xef\xbb\xbf"),
        Case("utf16-bom-only", b"\xff\xfe"), Case("lone-surrogate-escape", b'id: "\\ud800"\ntitle: t\n'),
        Case("huge-int", b"id: a\ntitle: t\nbody: {name: n, code: '131016', level: municipality}\nperiod: {start: " + b"9" * 5000 + b"}\n"),
        Case("long-line", b"id: a\ntitle: " + b"x" * 2_000_000 + b"\n"),
        Case("many-keys", ("".join(f"k{i}: {i}\n" for i in range(50_000))).encode()),
        Case("python-tag", b"!!python/object/apply:os.system ['true']\n"),
        Case("tags-everywhere", b"id: !!str a\ntitle: !!binary aGVsbG8=\nbody: !!map {name: n}\n"),
        Case("bad-date", b"id: a\ntitle: t\ndates: {adopted: 2025-02-30}\n"),
        Case("crlf", TOYONAKA.read_bytes().replace(b"\n", b"\r\n")),
        Case("cr-only", TOYONAKA.read_bytes().replace(b"\n", b"\r")),
        Case("tabs", TOYONAKA.read_bytes().replace(b"  ", b"\t")),
    ]
    text = TOYONAKA.read_text(encoding="utf-8")
    cases += [
        Case("cp932", text.encode("cp932", errors="replace")),
        Case("cp932-with-option", text.encode("cp932", errors="replace"), ("--encoding", "cp932")),
        Case("utf-16-le-no-bom", text.encode("utf-16-le")),
        Case("utf-16-be-no-bom", text.encode("utf-16-be")),
        Case("utf-16-with-option", text.encode("utf-16"), ("--encoding", "utf-16")),
        Case("utf-32-no-bom", text.encode("utf-32-le")),
        Case("latin-1-mojibake", text.encode("utf-8").decode("latin-1").encode("utf-8")),
        Case("latin-1", "id: café\ntitle: crème brûlée\n".encode("latin-1")),
        Case("latin-1-as-utf8-option", "id: café\n".encode("latin-1"), ("--encoding", "utf-8")),
        Case("unknown-encoding-option", b"id: a\n", ("--encoding", "no-such-codec")),
        Case("euc-jp", text.encode("euc_jp", errors="replace")),
    ]
    return cases


# -- mutations ------------------------------------------------------------------------------------


def mutate(rnd: random.Random, pool: list[bytes]) -> tuple[str, bytes]:
    data = bytearray(rnd.choice(pool))
    kind = rnd.choice(("flip", "bits", "insert", "delete", "truncate", "duplicate", "swap-lines", "splice", "indent", "stack"))
    if not data:
        return kind, bytes(data)
    rounds = rnd.randint(2, 5) if kind == "stack" else 1
    for _ in range(rounds):
        k = rnd.choice(("flip", "bits", "insert", "delete", "truncate", "duplicate", "swap-lines", "splice", "indent")) if kind == "stack" else kind
        n = len(data)
        if n == 0:
            break
        if k == "flip":
            for _ in range(rnd.randint(1, 8)):
                data[rnd.randrange(n)] = rnd.getrandbits(8)
        elif k == "bits":
            for _ in range(rnd.randint(1, 4)):
                i = rnd.randrange(n)
                data[i] ^= 1 << rnd.randrange(8)
        elif k == "insert":
            at = rnd.randrange(n + 1)
            data[at:at] = rnd.choice(YAML_BITS).encode("utf-8")
        elif k == "delete":
            at = rnd.randrange(n)
            del data[at:at + rnd.randint(1, 64)]
        elif k == "truncate":
            del data[rnd.randrange(n):]
        elif k == "duplicate":
            at = rnd.randrange(n)
            piece = data[at:at + rnd.randint(1, 200)]
            to = rnd.randrange(n + 1)
            data[to:to] = piece
        elif k == "swap-lines":
            lines = bytes(data).split(b"\n")
            if len(lines) > 2:
                i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif k == "splice":
            other = rnd.choice(pool)
            data = data[: rnd.randrange(n + 1)] + other[rnd.randrange(len(other) + 1):]
        elif k == "indent":
            lines = bytes(data).split(b"\n")
            i = rnd.randrange(len(lines))
            lines[i] = (b" " * rnd.randint(1, 5) + lines[i]) if rnd.random() < 0.5 else lines[i].lstrip()
            data = bytearray(b"\n".join(lines))
    return kind, bytes(data)


@functools.lru_cache(maxsize=1)
def fixed_cases() -> tuple[Case, ...]:
    """The special inputs and the wrong-type walk of the seeds (made once per process)."""
    return tuple(special_cases() + wrong_type_cases(seeds()))


def cases(count: int, seed: int) -> list[Case]:
    """`count` cases: the special ones and the wrong-type walk first, then random mutations."""
    pool = seeds()
    fixed = list(fixed_cases())
    rnd = random.Random(seed)
    out = fixed[:count]
    i = 0
    while len(out) < count:
        kind, data = mutate(rnd, pool)
        options: tuple[str, ...] = ()
        if rnd.random() < 0.03:
            options = ("--encoding", rnd.choice(("cp932", "utf-16", "latin-1", "utf-8-sig", "ascii")))
        out.append(Case(f"mutation-{seed}-{i}-{kind}", data, options))
        i += 1
    return out


# -- running --------------------------------------------------------------------------------------

_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")


class CaseTimeout(Exception):
    pass


def _command():
    import typer.main

    from checker.cli import app

    return typer.main.get_command(app)


def _usage_error_types() -> tuple[type, ...]:
    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # older typer with click as a separate package
        from click.exceptions import ClickException
    return (ClickException,)


def problems_in(stderr: str, path: str) -> list[tuple[int, int, str]]:
    found = []
    for line in stderr.splitlines():
        m = _LINE.match(line)
        if m and m["file"] == path:
            found.append((int(m["line"]), int(m["col"]), m["msg"]))
    return found


def judge(case: Case, code, stdout: str, stderr: str, path: str) -> str | None:
    """Why the outcome of a case is wrong, or None."""
    if code not in (0, 1, 2):
        return f"exit code {code!r}"
    if "Traceback" in stderr or "Traceback" in stdout:
        return "a traceback"
    if "internal error" in stderr:
        return "internal error: " + stderr.strip().splitlines()[-1][:300]
    if code == 2:
        if not stderr.strip():
            return "exit 2 without a message on standard error"
        lines_in_file = case.data.count(b"\n") + case.data.count(b"\r") + 2
        problems = problems_in(stderr, path)
        if not problems:
            return "exit 2 without a file:line:col problem: " + stderr.strip()[:300]
        for line, col, _ in problems:
            if line < 1 or col < 1 or line > lines_in_file:
                return f"problem outside the file: line {line} col {col} ({lines_in_file} lines)"
        for line in stderr.splitlines():
            if line.startswith(path) and not _LINE.match(line):
                return "a problem line not in file:line:col form: " + line[:300]
    elif not stdout:
        return f"exit {code} without a report"
    return None


def run_inprocess(cases_: list[Case], workdir: Path, rnd: random.Random, report: Report, limit_failures: int = 20) -> Report:
    """Run cases through the CLI's click command in this process."""
    command = _command()
    usage_errors = _usage_error_types()
    path = str(workdir / "case.yaml")

    def on_alarm(signum, frame):
        raise CaseTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    start = time.perf_counter()
    try:
        for case in cases_:
            Path(path).write_bytes(case.data)
            argv = ["check", path, *case.options]
            if rnd.random() < 0.3:
                argv += ["--format", rnd.choice(FORMATS)]
            if rnd.random() < 0.2:
                argv += ["--lang", "en"]
            out, err = io.StringIO(), io.StringIO()
            t = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
            failure = None
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    try:
                        code = command.main(args=argv, prog_name="tebiki", standalone_mode=False)
                    except SystemExit as exc:
                        code = exc.code
                    except usage_errors as exc:  # documented: click's usage errors exit 2 with a message
                        exc.show()
                        code = exc.exit_code
                code = 0 if code is None else code
            except CaseTimeout:
                failure = f"took longer than {CASE_SECONDS} s"
            except BaseException as exc:  # noqa: BLE001 - anything else is a bug the CLI would hide
                import traceback

                failure = "uncaught " + "".join(traceback.format_exception_only(type(exc), exc)).strip()[:500]
                failure += "\n" + "".join(traceback.format_tb(exc.__traceback__)[-4:])
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            took = time.perf_counter() - t
            if took > report.slowest[0]:
                report.slowest = (took, case.name)
            if failure is None:
                failure = judge(case, code, out.getvalue(), err.getvalue(), path)
                if failure is None:
                    report.by_exit[code] += 1
            report.cases += 1
            if failure is not None:
                saved = workdir / f"failure-{len(report.failures)}.yaml"
                saved.write_bytes(case.data)
                report.failures.append(f"{case.name} {' '.join(argv[2:])}: {failure} (input saved as {saved})")
                if len(report.failures) >= limit_failures:
                    break
    finally:
        signal.signal(signal.SIGALRM, old)
    report.seconds += time.perf_counter() - start
    return report


def _limits() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (PROCESS_MEMORY, PROCESS_MEMORY))


def run_processes(cases_: list[Case], workdir: Path, report: Report) -> Report:
    """Run cases as real `python -m checker check FILE` processes, with time and memory limits."""
    start = time.perf_counter()
    for n, case in enumerate(cases_):
        path = workdir / f"proc-{n}.yaml"
        path.write_bytes(case.data)
        argv = [sys.executable, "-m", "checker", "check", str(path), *case.options]
        t = time.perf_counter()
        try:
            proc = subprocess.run(argv, capture_output=True, timeout=PROCESS_SECONDS, cwd=ROOT, preexec_fn=_limits,
                                  env={**os.environ, "NO_COLOR": "1"})
        except subprocess.TimeoutExpired:
            report.failures.append(f"{case.name} (process): took longer than {PROCESS_SECONDS} s")
            report.cases += 1
            continue
        took = time.perf_counter() - t
        if took > report.slowest[0]:
            report.slowest = (took, case.name + " (process)")
        out = proc.stdout.decode("utf-8", errors="replace")
        err = proc.stderr.decode("utf-8", errors="replace")
        failure = judge(case, proc.returncode, out, err, str(path))
        report.cases += 1
        if failure is None:
            report.by_exit[proc.returncode] += 1
        else:
            report.failures.append(f"{case.name} (process): {failure}")
        path.unlink(missing_ok=True)
    report.seconds += time.perf_counter() - start
    return report


def process_cases(count: int, seed: int) -> list[Case]:
    """The cases run as real processes: the heaviest special ones, the big file, and some mutations."""
    special = {c.name: c for c in special_cases()}
    names = ["flow-nesting-100000", "block-nesting-2000", "alias-bomb-12", "alias-bomb-in-goals-20", "random-bytes-200000",
             "cp932", "utf-16-le-no-bom", "latin-1", "long-line", "many-keys", "python-tag", "empty"]
    chosen = [special[n] for n in names if n in special]
    rnd = random.Random(seed + 1)
    pool = seeds()
    while len(chosen) < count:
        kind, data = mutate(rnd, pool)
        chosen.append(Case(f"process-mutation-{len(chosen)}-{kind}", data))
    return chosen[:count]


def make_big_file(path: Path, megabytes: int = 50) -> Path:
    """A file of `megabytes` MB of strategy-like YAML (over the 10 MB limit)."""
    chunk = b"".join(b"  - id: g%d\n    name: \xe6\x96\xbd\xe7\xad\x96\n" % j for j in range(10_000))
    with open(path, "wb") as fh:
        fh.write(b"id: big\ntitle: big\ngoals:\n")
        written = 0
        while written < megabytes << 20:
            fh.write(chunk)
            written += len(chunk)
    return path


def run_all(count: int, seed: int, processes: int, workdir: Path) -> Report:
    """`count` cases in-process, then `processes` cases (the 50 MB file among them) as real processes."""
    report = Report()
    run_inprocess(cases(count, seed), workdir, random.Random(seed), report)
    if processes:
        run_processes(process_cases(processes - 1, seed), workdir, report)
        big = make_big_file(workdir / "big.yaml")
        _run_big_file(big, report)
        big.unlink(missing_ok=True)
    return report


def _run_big_file(path: Path, report: Report) -> None:
    argv = [sys.executable, "-m", "checker", "check", str(path)]
    t = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, timeout=PROCESS_SECONDS, cwd=ROOT, preexec_fn=_limits)
    report.seconds += time.perf_counter() - t
    report.cases += 1
    err = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode != 2 or not problems_in(err, str(path)) or "Traceback" in err:
        report.failures.append(f"file-50MB (process): exit {proc.returncode}: {err[-300:]}")
    else:
        report.by_exit[2] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz the loader and the CLI (see tests/fuzz.py).")
    parser.add_argument("--cases", type=int, default=int(os.environ.get("FUZZ_CASES", "10000")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "7")))
    parser.add_argument("--subprocess", type=int, default=int(os.environ.get("FUZZ_PROCESSES", "40")))
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tebiki-fuzz-") as tmp:
        report = run_all(args.cases, args.seed, args.subprocess, Path(tmp))
        print(f"{report.cases} cases in {report.seconds:.1f} s: exit 0 x{report.by_exit[0]}, 1 x{report.by_exit[1]}, "
              f"2 x{report.by_exit[2]}; slowest {report.slowest[0] * 1000:.0f} ms ({report.slowest[1]})")
        for failure in report.failures:
            print("FAIL", failure)
        if report.failures:
            keep = Path("fuzz-failures")
            keep.mkdir(exist_ok=True)
            for p in Path(tmp).glob("failure-*.yaml"):
                p.rename(keep / p.name)
            print(f"failing inputs kept in {keep}/")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())

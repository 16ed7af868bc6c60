"""Hostile-input suite, inputs: nothing hangs, nothing explodes, and bad input is one line with
its real location and exit code 2 (run through the real command line; see tests/hostile.py)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import time
from pathlib import Path

import pytest

from .hostile import refused, PREFECTURE, TOYONAKA, copy_toyonaka, one_error, snapshot, tebiki

# -- special files as input ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "socket", "chardev"])
@pytest.mark.parametrize("command", ["check", "report", "export", "import", "config", "baseline"])
def test_special_files_as_input_are_refused_at_once(tmp_path, kind, command):
    copy_toyonaka(tmp_path)
    path = str(tmp_path / "special.yaml")
    sock = None
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(path)
    else:
        path = "/dev/zero"
    argv = {
        "check": ["check", path],
        "report": ["report", path, "--out", "r.html"],
        "export": ["export", path],
        "import": ["import", path, "--from", "turtle"],
        "config": ["check", "toyonaka.yaml", "--config", path],
        "baseline": ["check", "toyonaka.yaml", "--baseline", path],
    }[command]
    before = snapshot(tmp_path)
    started = time.monotonic()
    try:
        proc = tebiki(*argv, cwd=tmp_path, timeout=60)
    finally:
        if sock is not None:
            sock.close()
    assert time.monotonic() - started < 30
    assert proc.returncode == 2, proc.stderr
    one_error(proc, r"is a (FIFO \(named pipe\)|socket|character device), not a regular file")
    assert snapshot(tmp_path) == before


# -- walking folders ----------------------------------------------------------------------------


def test_folders_with_self_links_finish_at_once_without_repeats(tmp_path):
    folder = tmp_path / "d"
    (folder / "a").mkdir(parents=True)
    shutil.copy(TOYONAKA, folder / "a" / "toyonaka.yaml")
    os.symlink("..", folder / "a" / "up")
    os.symlink(".", folder / "self")
    os.symlink("toyonaka.yaml", folder / "a" / "again.yaml")
    for argv in (["check", "d", "-f", "json"], ["check", "d/**/*.yaml", "-f", "json"], ["check", "**/*.yaml", "-f", "json"]):
        started = time.monotonic()
        proc = tebiki(*argv, cwd=tmp_path, timeout=60)
        assert time.monotonic() - started < 30 and proc.returncode == 0, (argv, proc.stderr)
        assert len(json.loads(proc.stdout)["files"]) == 1, argv
    proc = tebiki("audit", "d", "--out", "out", cwd=tmp_path, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    assert len(json.loads((tmp_path / "out" / "audit.json").read_text())["strategies"]) == 1


def test_names_that_are_not_utf8_are_reported(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(TOYONAKA, os.path.join(os.fsencode(folder), b"bad\xff.yaml"))
    proc = tebiki("check", "d", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, r"bad\\xff\.yaml:1:1: (the file name is not valid UTF-8|ファイル名が UTF-8 ではありません)")
    proc = tebiki("audit", "d", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    one_error(proc, r"bad\\xff\.yaml:1:1: (the file name is not valid UTF-8|ファイル名が UTF-8 ではありません)")
    assert "bad\\xff.yaml" in (tmp_path / "out" / "audit.csv").read_text(encoding="utf-8-sig")


# -- amplification ----------------------------------------------------------------------------------


def test_output_grows_with_the_input_not_with_repetition(tmp_path):
    """A goal name of 100,000 characters under 3,000 measures: every VI05 message quotes it."""
    import yaml

    from checker.commands.init import render_template

    doc = yaml.safe_load(render_template("○○市", "municipality", "272035", "大阪府", "s.json", "x.yaml"))
    goal = doc["goals"][0]
    goal["name"] = "長" * 100_000
    goal["directions"] = [dict(goal["directions"][0], measures=[{"id": f"m{j}", "name": "施策"} for j in range(3000)])]
    source = tmp_path / "big.yaml"
    source.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    proc = tebiki("check", "big.yaml", "-f", "json", "-o", "out.json", cwd=tmp_path, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    ratio = (tmp_path / "out.json").stat().st_size / source.stat().st_size
    assert ratio < 100, f"{ratio:.0f} times the input"


# -- RDF import ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def turtle(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("ttl")
    copy_toyonaka(folder)
    assert tebiki("export", "toyonaka.yaml", "-o", "t.ttl", cwd=folder).returncode == 0
    return (folder / "t.ttl").read_text(encoding="utf-8")


def test_rdf_import_refuses_a_file_over_the_limit(tmp_path, turtle):
    big = tmp_path / "big.ttl"
    big.write_text(turtle + "#" + "x" * (11 * 1024 * 1024) + "\n", encoding="utf-8")
    proc = tebiki("import", "big.ttl", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, r"big\.ttl:1:1: the file is over 10 MB")


def test_rdf_import_does_not_expand_a_shared_substructure(tmp_path, turtle):
    lines = [turtle, "s:goal-1 tbk:hasBasicDirection s:x0a, s:x0b ."]
    for i in range(24):
        below = f"tbk:hasBasicDirection s:x{i + 1}a, s:x{i + 1}b ;" if i < 23 else ""
        for ab in "ab":
            lines.append(f's:x{i}{ab} a tbk:BasicDirection ; rdfs:label "d" ; dcterms:identifier "x{i}{ab}" ; {below} tbk:position 1 .')
    (tmp_path / "dag.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    proc = tebiki("import", "dag.ttl", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 30
    assert proc.returncode == 2
    assert "is a part of more than one resource" in proc.stderr and len(proc.stderr.splitlines()) <= 2


def test_rdf_import_bad_literal_is_one_line(tmp_path, turtle):
    (tmp_path / "bad.ttl").write_text(turtle.replace('"2028-03-31"^^xsd:date', '"2028-13-45"^^xsd:date'), encoding="utf-8")
    proc = tebiki("import", "bad.ttl", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "bad.ttl: the literal '2028-13-45' is not a valid xsd:date"


# -- the loader's refusals ------------------------------------------------------------------------------

LINE_100 = "          - {year: 令和2年（2020年）, value: 401558, label: 現状}"


@pytest.mark.parametrize("value,pattern", [
    (".inf", r":100:40: value: inf is not a usable number"),
    ("-.inf", r":100:40: value: -inf is not a usable number"),
    (".nan", r":100:40: value: nan is not a usable number"),
    ("1e400", r":100:40: value: inf is not a usable number"),
    ('"' + "9" * 5000 + '"', r":100:40: value: a number of 5,000 digits is not a value of a strategy"),
    ("true", r":100:40: value: true is not a number"),
    ("12345678901234567890", r":100:40: value: .* is not a usable number"),
])
def test_non_finite_and_non_numeric_values_are_refused(tmp_path, value, pattern):
    text = TOYONAKA.read_text(encoding="utf-8").splitlines()
    assert text[99] == LINE_100
    text[99] = LINE_100.replace("401558", value)
    (tmp_path / "s.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
    for fmt in ("json", "sarif"):
        proc = tebiki("check", "s.yaml", "-f", fmt, "-o", f"out.{fmt}", cwd=tmp_path)
        assert proc.returncode == 2
        one_error(proc, "^s.yaml" + pattern)
        assert "Infinity" not in (tmp_path / f"out.{fmt}").read_text() and "NaN" not in (tmp_path / f"out.{fmt}").read_text()


@pytest.mark.parametrize("value", ["true", "1.0", '"1"'])
def test_format_must_be_the_number_one(tmp_path, value):
    text = TOYONAKA.read_text(encoding="utf-8").replace("\nformat: 1\n", f"\nformat: {value}\n", 1)
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    proc = tebiki("check", "s.yaml", "-f", "json", "-o", "o.json", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, r"^s\.yaml:33:9: format: must be the whole number 1")


@pytest.mark.parametrize("char,name", [("\x00", "a NUL character"), ("\x07", "a bell character"),
                                       ("\x1b", "an escape character"), ("\x0c", "a control character")])
def test_control_characters_are_reported_where_they_are(tmp_path, char, name):
    lines = TOYONAKA.read_bytes().split(b"\n")
    lines[40] = lines[40][:10] + char.encode() + lines[40][10:]
    (tmp_path / "s.yaml").write_bytes(b"\n".join(lines))
    proc = tebiki("check", "s.yaml", "-f", "json", "-o", "o.json", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, rf"^s\.yaml:41:11: {name} \(U\+00[0-9A-F]{{2}}\) is not allowed in a YAML file$")


@pytest.mark.parametrize("order", ["le", "be"])
def test_odd_length_utf16_is_one_line_with_the_last_line(tmp_path, order):
    text = TOYONAKA.read_text(encoding="utf-8")
    data = ("\ufeff" + text).encode(f"utf-16-{order}") + b"\x00"
    (tmp_path / "s.yaml").write_bytes(data)
    proc = tebiki("check", "s.yaml", "-f", "json", "-o", "o.json", cwd=tmp_path)
    assert proc.returncode == 2
    last = text.count("\n") + 1
    one_error(proc, rf"^s\.yaml:{last}:1: the file ends in the middle of a utf-16-{order} character")


# -- config, baseline and option refusals ---------------------------------------------------------


@pytest.mark.parametrize("config,pattern", [
    ('extends = ["base.toml"]\n', r"cfg\.toml:1:1: 'extends' must be the path of one config file"),
    ("extends = 3\n", r"cfg\.toml:1:1: 'extends' must be the path of one config file"),
    ('deviations = "false"\n', r"cfg\.toml:1:1: 'deviations' must be true or false, not \"false\""),
    ("edition = 1\n", r"cfg\.toml:1:1: 'edition' must be"),
    ("fail-on = 3\n", r"cfg\.toml:1:1: severity '3' must be"),
    ('[per-file-ignores]\n"data/[ab.yaml" = ["OL07"]\n', r"cfg\.toml:2:1: 'data/\[ab\.yaml' is not a valid file pattern"),
    ('[per-file-ignores]\n"" = ["OL07"]\n', r"is not a valid file pattern: it is empty"),
])
def test_config_errors_are_one_line(tmp_path, config, pattern):
    copy_toyonaka(tmp_path)
    (tmp_path / "cfg.toml").write_text(config, encoding="utf-8")
    before = snapshot(tmp_path)
    proc = tebiki("check", "toyonaka.yaml", "--config", "cfg.toml", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, pattern)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("count", ['"3"', "1.5", "true", "0"])
def test_baseline_counts_must_be_whole_numbers(tmp_path, count):
    copy_toyonaka(tmp_path)
    (tmp_path / "b.json").write_text(
        '{"version": 1, "entries": [{"file": "toyonaka.yaml", "code": "KQ12", "node": "kgi-1", "count": %s}]}' % count)
    proc = tebiki("check", "toyonaka.yaml", "--baseline", "b.json", cwd=tmp_path)
    assert proc.returncode == 2
    one_error(proc, r"b\.json:1:1: baseline entry 1 (needs file, code, node and a whole-number count|has count 0)")


@pytest.mark.parametrize("argv,pattern", [
    (["check", "toyonaka.yaml", "--encoding", "rot13"], r"^--encoding: 'rot13' is not a text encoding"),
    (["check", "toyonaka.yaml", "--encoding", "base64"], r"^--encoding: 'base64' is not a text encoding"),
    (["check", "toyonaka.yaml", "--encoding", "zlib"], r"^--encoding: 'zlib' is not a text encoding"),
    (["check", "toyonaka.yaml", "--encoding", "no-such"], r"^--encoding: unknown encoding 'no-such'"),
    (["audit", ".", "--out", "o", "-j", "0"], r"^--jobs: 0 worker processes"),
    (["audit", ".", "--out", "o", "--jobs=-2"], r"^--jobs: -2 worker processes"),
    (["check", "toyonaka.yaml", "--today", "2026-02-30"], r"^--today: '2026-02-30' is not a date"),
])
def test_bad_options_are_one_line(tmp_path, argv, pattern):
    copy_toyonaka(tmp_path)
    refused(*argv, cwd=tmp_path, pattern=pattern)


# -- one time zone ------------------------------------------------------------------------------------


def test_today_is_the_date_in_japan_wherever_the_tool_runs(tmp_path):
    """A deviation that expired yesterday in Japan: expired for every machine time zone (at UTC-12
    it is still 'yesterday' locally for 21 hours of each day)."""
    import datetime as dt

    from checker.clock import today

    yesterday = today() - dt.timedelta(days=1)
    text = TOYONAKA.read_text(encoding="utf-8") + (
        "\ndeviations:\n  - rule: KQ12\n    node: toyonaka-digital-2023\n    justification: 出典は別表に記載\n"
        f"    expires: {yesterday.isoformat()}\n"
    )
    assert "\ndeviations:" not in TOYONAKA.read_text(encoding="utf-8")
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    outputs = set()
    for zone in ("Asia/Tokyo", "Etc/GMT+12", "Etc/GMT-14", "America/Los_Angeles", "UTC"):
        proc = tebiki("check", "s.yaml", "-f", "json", cwd=tmp_path, env={"TZ": zone})
        assert proc.returncode in (0, 1), proc.stderr
        outputs.add(proc.stdout)
        assert json.loads(proc.stdout)["summary"]["justified"] == 0, zone  # expired: not justified
    assert len(outputs) == 1
    fixed = {tebiki("check", "s.yaml", "-f", "json", "--today", yesterday.isoformat(), cwd=tmp_path,
                    env={"TZ": zone}).stdout for zone in ("Etc/GMT+12", "Etc/GMT-14")}
    assert len(fixed) == 1 and json.loads(fixed.pop())["summary"]["justified"] == 1  # valid through its last day


def test_the_audit_is_the_same_bytes_in_every_time_zone(tmp_path):
    runs = []
    for zone in ("Etc/GMT+12", "Etc/GMT-14"):
        out = tmp_path / zone.replace("/", "_")
        assert tebiki("audit", str(PREFECTURE), "--out", str(out), "-j", "1", cwd=tmp_path, env={"TZ": zone}).returncode in (0, 1)
        runs.append({name: (out / name).read_bytes() for name in ("audit.csv", "audit.json", "index.html")})
    assert runs[0] == runs[1]


def test_no_check_reads_the_clock_except_through_checker_clock():
    offenders = []
    for path in sorted((Path(__file__).resolve().parents[1] / "checker").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if re.search(r"date\.today\(\)|datetime\.now\(|datetime\.today\(|time\.localtime\(", line) and path.name != "clock.py":
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert not offenders, offenders

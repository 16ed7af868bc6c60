"""GitHub Actions annotations: one workflow command per finding, escaped as the Actions toolkit does."""

from __future__ import annotations

import re

from checker.report.fmt_github import command, escape_data, escape_property

from .ci_helpers import SAMPLE, SELECT, assert_golden, run

LINE = re.compile(r"^::(error|warning|notice) (file=[^,:]*,line=\d+,col=\d+,title=[^:]*)::(.*)$")


def test_escaping_follows_the_toolkit():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape : and ,
    assert command("warning", "m", file="x.yaml", line=3, col=None, title="T: x") == "::warning file=x.yaml,line=3,title=T%3A x::m"
    assert command("notice", "only a message") == "::notice::only a message"


def test_one_line_per_unjustified_finding_with_location_and_title():
    proc = run("check", SAMPLE, *SELECT, "--format", "github", "--lang", "en")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == 2  # the justified deviation is not annotated
    for line in lines:
        m = LINE.match(line)
        assert m, line
        assert "\n" not in m[3] and "%0Afix: " in m[3]
    assert lines[0].startswith(f"::warning file={SAMPLE},line=30,col=13,title=OL07 measure-without-kpi (手引き 4-2; not stated)::")
    assert "100%25%2C" not in lines[0] and "100%25, " in lines[0]  # message: % escaped, comma kept
    assert "1 file(s): 0 error(s), 2 warning(s)" in proc.stderr  # the summary line goes to stderr


def test_input_errors_are_error_annotations():
    proc = run("check", "tests/fixtures/ci/broken.yaml", "--format", "github")
    assert proc.returncode == 2
    assert proc.stdout.startswith("::error file=tests/fixtures/ci/broken.yaml,line=5,col=25,title=tebiki%3A input error::code: ")


def test_golden():
    proc = run("check", SAMPLE, *SELECT, "--format", "github", "--fail-on", "warning")
    assert proc.returncode == 1
    assert_golden("sample.github.txt", proc.stdout)

"""The templating foundation: autoescape, the page shell, the CSP hashes, pages of other packages,
and that `tebiki check` never imports Jinja2, openpyxl or rich."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import textwrap
from html import unescape

import jinja2
import pytest

from checker.html.templating import RunRecord, css_string, environment, render_fragment, render_page, stream_page

from .conftest import ROOT


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _csp(html: str) -> str:
    return unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1))


def test_the_shell_carries_csp_hashes_of_its_own_style_and_script():
    html = render_page("page.html", lang="ja", title="題", body=jinja2.utils.markupsafe.Markup("<p>本文</p>"))
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    csp = _csp(html)
    assert f"style-src '{_sha(style)}'" in csp and f"script-src '{_sha(script)}'" in csp
    assert "default-src 'none'" in csp and "connect-src" not in csp
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html and "<title>題</title>" in html
    assert "@page { size: A4 portrait" in style and "counter(pages)" in style
    assert "Noto Sans CJK JP" in style


def test_autoescape_and_control_characters(tmp_path):
    env = environment()
    out = env.from_string("<p title='{{ v }}'>{{ v }}</p>").render(v='<script>x</script>"\'\x00\x1b')
    assert "<script>" not in out and "&lt;script&gt;" in out and "&#34;" in out and "&#39;" in out
    assert "\x00" not in out and "\x1b" not in out


def test_an_undefined_variable_is_an_error():
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ missing }}").render()


def test_a_package_ships_its_own_page(tmp_path, monkeypatch):
    pkg = tmp_path / "otherpkg"
    (pkg / "templates").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "templates" / "other.html").write_text(textwrap.dedent("""\
        {% extends "base.html" %}
        {% from "macros.html" import badge %}
        {% block main %}<h1>{{ title }}</h1>{{ badge("warning", t) }} {{ t("own") }} {{ item }}{% endblock %}
        """), encoding="utf-8")
    (pkg / "templates" / "other.css").write_text(".own { color: red; }", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    record = RunRecord("2025-04-01", ("a.yaml",), "tebiki-2022-12", fail_on="warning")
    html = render_page("other.html", package="otherpkg", lang="ja", title="差分", record=record, styles=("other.css",),
                       labels={"own": ("独自", "own")}, item="<b>")
    assert "<h1>差分</h1>" in html and "▲ 警告" in html and "独自" in html and "&lt;b&gt;" in html
    assert ".own { color: red; }" in html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert _sha(style) in _csp(html)
    assert "2025-04-01" in html and "a.yaml" in html and "--fail-on warning" in html
    english = render_page("other.html", package="otherpkg", lang="en", title="Diff", record=record, styles=("other.css",),
                          labels={"own": ("独自", "own")}, item="x")
    assert "▲ Warning" in english and " own " in english
    assert "".join(stream_page("other.html", package="otherpkg", lang="en", title="Diff", record=record,
                               styles=("other.css",), labels={"own": ("独自", "own")}, item="x")) == english
    assert render_fragment("macros.html", lang="ja") == render_fragment("macros.html", lang="ja")


def test_css_string_cannot_close_the_string():
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def test_check_imports_no_template_engine_spreadsheet_or_rich(tmp_path):
    code = (
        "import sys; from checker.cli import main; sys.argv = ['tebiki', 'check', 'examples/toyonaka.yaml'];\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main()\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in ('jinja2', 'openpyxl', 'rich', 'markupsafe') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr

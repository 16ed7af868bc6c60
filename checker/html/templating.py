"""Jinja2 templates for every HTML page the tool writes: one environment, one page shell.

Jinja2 is imported only here, and this module only when a page is written, so `tebiki check`
never loads it.  Autoescaping is on for every ``.html`` / ``.svg`` template (and for templates
built from strings): text from a strategy cannot become markup.  What autoescaping leaves
(NUL and other control characters) is removed by `checker.safetext.jinja_finalize` on every
printed value.  An undefined variable is an error, not an empty string.

The page shell is ``templates/base.html``: ``<!DOCTYPE html>``, ``lang="ja"``, the inline CSS
(``base.css`` plus the page's own), the inline script (``base.js`` plus the page's own), a
Content-Security-Policy that allows only those two by their SHA-256 hashes (so the page can
make no network request and injected text could run no script), the Japanese font stack
(fonts installed on the reader's machine; none is downloaded), the print rules (A4, portrait or
landscape, with the date and page numbers in the page margins) and the run record in the
footer.  Nothing is fetched: a page opens from a USB stick.

How a package adds a page (e.g. ``checker/diff/``):

1. Put the template in the package's own ``templates/`` folder, named after the page so that it
   does not shadow a shared template, e.g. ``checker/diff/templates/diff.html``::

       {% extends "base.html" %}
       {% from "macros.html" import badge, run_record %}
       {% block main %}
         <h1>{{ title }}</h1>
         {% for change in changes %}<p>{{ badge(change.severity) }} {{ change.text }}</p>{% endfor %}
       {% endblock %}

   Blocks of ``base.html``: ``main`` (the page), ``header`` (before ``main``; empty by
   default), ``footer`` (the run record by default).  The shared templates of
   ``checker/html/templates/`` (``base.html``, ``macros.html``: severity badges, the run
   record, the findings of a node, bars) are found after the package's own.
2. Styles and scripts of the page go beside it (``diff.css``, ``diff.js``) and are named in
   the call; they are inlined after ``base.css`` / ``base.js`` and covered by the CSP's
   hashes.  They are plain text (not templates).  No ``style=""`` attributes and no inline
   event handlers: the CSP blocks both; use classes and ``addEventListener``.
3. Render it::

       from checker.html.templating import RunRecord, render_page
       html = render_page("diff.html", package="checker.diff", lang=lang, title=title,
                          record=RunRecord.now(inputs=[old, new], pack=pack),
                          styles=("diff.css",), changes=changes)
       write_atomic(out, html)

   Every template sees ``lang``, ``t(key, **values)`` (a UI label of ``checker.html.page.UI``
   in the page's language; pass ``labels=`` to add the page's own (ja, en) table),
   ``version`` and ``record``.  `stream_page` renders the same piece by piece, for pages
   too large to hold in memory (an iterable in the context is consumed as the page is written).
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import importlib.resources
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import jinja2
from markupsafe import Markup

from .. import __version__
from ..safetext import jinja_finalize
from .page import SEVERITY_SYMBOL, UI, label

TEMPLATES = Path(__file__).with_name("templates")
"""The shared templates, styles and scripts."""

PRINT_LABELS = {
    "page": ("{page} / {pages} ページ", "page {page} of {pages}"),
}


def run_date(fixed: _dt.date | str | None = None) -> _dt.date:
    """The date a page says it was made: `fixed` (``--today``) when given, else the day of
    ``SOURCE_DATE_EPOCH`` (in Japan) when it is set, as reproducible builds do, else today in Japan
    (`checker.clock.today`)."""
    from .. import clock

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if fixed is None and epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), clock.JST).date()
    return clock.today(fixed)


@dataclass(frozen=True)
class RunRecord:
    """What a page says about the run that made it: when, from what, with which rules and tool."""

    date: str
    """ISO date (YYYY-MM-DD)."""
    inputs: tuple[str, ...]
    edition: str
    pack_title: str = ""
    version: str = __version__
    fail_on: str | None = None
    """The --fail-on threshold the verdicts on the page use."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Further (label, value) lines, already in the page's language."""

    @classmethod
    def now(cls, inputs: Iterable[str], pack=None, fail_on=None, date: _dt.date | None = None, **kw) -> "RunRecord":
        """A record dated today (see `run_date`) for `inputs` checked with `pack` (a `Pack`)."""
        edition = pack.edition if pack is not None else ""
        title = pack.meta.title if pack is not None else ""
        threshold = getattr(fail_on, "value", fail_on)
        return cls(run_date(date).isoformat(), tuple(str(i) for i in inputs), edition, title, fail_on=threshold, **kw)


def _templates_of(package: str) -> Path:
    return Path(str(importlib.resources.files(package))) / "templates"


@functools.lru_cache(maxsize=None)
def environment(package: str | None = None) -> jinja2.Environment:
    """The environment for `package`'s pages: its own ``templates/`` first, then the shared ones."""
    folders = [str(TEMPLATES)]
    if package and package != __package__:
        folders.insert(0, str(_templates_of(package)))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg"), disabled_extensions=("css", "js"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    from ..load.messages import problem_text

    env.globals.update(version=__version__, SEVERITY_SYMBOL=SEVERITY_SYMBOL, problem_text=problem_text)
    env.filters.update(css_string=css_string, pct=_pct, ids=_ids)
    return env


def _finalize(value: object) -> object:
    """`jinja_finalize` for every printed value except markup the templates made themselves
    (a pre-rendered piece of a page, already cleaned when it was rendered)."""
    if value.__class__ is Markup or value.__class__ is int:
        return value
    return jinja_finalize(value)


def css_string(value: object) -> str:
    """`value` as a CSS string literal (quoted), for generated CSS such as print margins."""
    text = "".join(ch if ch.isprintable() and ch not in '"\\<>' else f"\\{ord(ch):x} " for ch in str(value))
    return f'"{text}"'


def _pct(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def _ids(value: object) -> str:
    """A value made safe as (part of) an HTML id: letters, digits, '-', '_' and '.' kept, others as '_'."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in str(value))


def _asset(env: jinja2.Environment, name: str) -> str:
    source, _, _ = env.loader.get_source(env, name)
    return source.strip() + "\n"


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def print_css(lang: str, paper: str, record: RunRecord | None) -> str:
    """The page box for printing: A4 in `paper` orientation, the run's date and page numbers in the margins."""
    left = f"tebiki-checker {__version__}"
    if record is not None:
        left += f" · {record.edition} · {record.date}"
    page = label(PRINT_LABELS, "page", lang, page="\" counter(page) \"", pages="\" counter(pages) \"")
    return (
        f"@page {{ size: A4 {paper}; margin: 12mm 10mm 14mm;\n"
        f"  @bottom-left {{ content: {css_string(left)}; font-size: 8pt; color: #555; }}\n"
        f'  @bottom-right {{ content: "{page}"; font-size: 8pt; color: #555; }} }}\n'
    )


def _context(env, lang: str, title: str, record, paper: str, styles, scripts, labels, context: dict) -> dict:
    css = _asset(env, "base.css") + "".join(_asset(env, s) for s in styles) + print_css(lang, paper, record)
    js = _asset(env, "base.js") + "".join(_asset(env, s) for s in scripts)
    csp = (
        "default-src 'none'; "
        f"style-src '{_hash(css)}'; script-src '{_hash(js)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    t = label_function(lang, labels)
    return {
        **context, "lang": lang, "title": title, "record": record, "t": t, "paper": paper,
        "css": Markup(css), "js": Markup(js), "csp": csp,
    }


def label_function(lang: str, labels: dict[str, tuple[str, str]] | None = None):
    """`t(key, **values)`: a label of `checker.html.page.UI` (or of `labels`, which take precedence) in `lang`."""
    table = {**UI, **(labels or {})}

    def t(key: str, **values) -> str:
        return label(table, key, lang, **values)

    return t


def render_page(name: str, *, lang: str, title: str, record: RunRecord | None = None, package: str | None = None,
                styles: Iterable[str] = (), scripts: Iterable[str] = (), paper: str = "portrait",
                labels: dict[str, tuple[str, str]] | None = None, **context) -> str:
    """The whole page `name` (a template extending ``base.html``) as one string."""
    return "".join(stream_page(name, lang=lang, title=title, record=record, package=package, styles=styles,
                               scripts=scripts, paper=paper, labels=labels, **context))


def stream_page(name: str, *, lang: str, title: str, record: RunRecord | None = None, package: str | None = None,
                styles: Iterable[str] = (), scripts: Iterable[str] = (), paper: str = "portrait",
                labels: dict[str, tuple[str, str]] | None = None, **context) -> Iterator[str]:
    """The page `name` piece by piece (see `render_page`)."""
    env = environment(package)
    template = env.get_template(name)
    return template.generate(**_context(env, lang, title, record, paper, tuple(styles), tuple(scripts), labels, context))


def render_fragment(name: str, *, lang: str, package: str | None = None,
                    labels: dict[str, tuple[str, str]] | None = None, **context) -> str:
    """A template that is not a whole page (a section rendered apart, e.g. in a worker process)."""
    env = environment(package)
    return env.get_template(name).render(**context, lang=lang, t=label_function(lang, labels))

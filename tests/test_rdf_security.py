"""Importing untrusted RDF fetches nothing and reads no local file.

rdflib's JSON-LD parser loads a ``@context`` given as a reference with urllib — an http(s) URL,
a ``file:`` URL or a plain path alike (`test_rdflib_alone_reads_a_local_context_file` shows it).
`parse_rdf` refuses such documents before rdflib sees them, and disables rdflib's context
loader while parsing as a second guard.  Every test here watches the audit events for network
requests and file opens while parsing.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import sys
import threading

import pytest

pytest.importorskip("rdflib")

from typer.testing import CliRunner

from checker.cli import app
from checker.rdf import RdfImportError, parse_rdf

_WATCH: list[list] = []


def _hook(event, args):
    if _WATCH and event in ("urllib.Request", "socket.connect", "open"):
        _WATCH[-1].append((event, args))


sys.addaudithook(_hook)


@contextlib.contextmanager
def watched():
    events: list = []
    _WATCH.append(events)
    try:
        yield events
    finally:
        _WATCH.pop()


def _touches(events, needle: str) -> bool:
    return any(needle in str(args) for event, args in events if event in ("urllib.Request", "open")) or any(
        event == "socket.connect" for event, _ in events
    )


@pytest.fixture
def context_file(tmp_path):
    path = tmp_path / "secret-context.jsonld"
    path.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}}), encoding="utf-8")
    return path


@pytest.fixture
def server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/context.jsonld", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _doc(context) -> str:
    return json.dumps({"@context": context, "@id": "https://e.org/a", "name": "x"})


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rdflib_alone_reads_a_local_context_file(context_file):
    """Why the guard exists: plain rdflib opens a context given as a local path."""
    from rdflib import Graph

    with watched() as events:
        Graph().parse(data=_doc(str(context_file)), format="json-ld")
    assert _touches(events, context_file.name)


def test_remote_context_is_refused_and_not_fetched(server):
    url, hits = server
    with watched() as events, pytest.raises(RdfImportError, match="by reference"):
        parse_rdf(_doc(url), "jsonld")
    assert hits == [] and not _touches(events, "127.0.0.1")


@pytest.mark.parametrize("form", ["path", "file-url", "list", "scoped", "nested-node"])
def test_local_context_is_refused_and_not_read(context_file, form):
    ref = {"path": str(context_file), "file-url": context_file.as_uri()}.get(form, context_file.as_uri())
    context = {
        "path": ref,
        "file-url": ref,
        "list": [{"ex": "https://e.org/"}, ref],
        "scoped": {"ex": {"@id": "https://e.org/p", "@context": ref}},
    }.get(form)
    if form == "nested-node":
        text = json.dumps({"@context": {"ex": "https://e.org/"}, "@id": "https://e.org/a", "ex:p": {"@context": ref, "@id": "https://e.org/b"}})
    else:
        text = _doc(context)
    with watched() as events, pytest.raises(RdfImportError):
        parse_rdf(text, "jsonld")
    assert not _touches(events, context_file.name)


def test_import_keyword_is_refused(context_file):
    with watched() as events, pytest.raises(RdfImportError, match="@import"):
        parse_rdf(_doc({"@import": context_file.as_uri()}), "jsonld")
    assert not _touches(events, context_file.name)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_second_guard_refuses_even_if_the_scan_were_bypassed(server):
    from rdflib import Graph

    from checker.rdf.load import _no_context_loading

    url, hits = server
    with watched() as events, _no_context_loading(), pytest.raises(Exception, match="refused"):
        Graph().parse(data=_doc(url), format="json-ld")
    assert hits == [] and not _touches(events, "127.0.0.1")


def test_turtle_with_file_base_reads_nothing(context_file):
    text = f"@base <{context_file.as_uri()}> .\n<a> <b> <c> .\n"
    with watched() as events:
        g = parse_rdf(text, "turtle")
    assert len(g) == 1 and not _touches(events, context_file.name)


def test_rdf_xml_is_not_accepted():
    with pytest.raises(RdfImportError, match="unsupported"):
        parse_rdf("<rdf:RDF/>", "xml")


def test_import_command_refuses_a_remote_context(tmp_path, server):
    url, hits = server
    path = tmp_path / "evil.jsonld"
    path.write_text(_doc(url), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and "by reference" in result.output
    assert hits == []

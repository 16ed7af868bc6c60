"""`tebiki export` (strategy YAML → RDF) and `tebiki import` (RDF → strategy YAML).

rdflib is imported inside the commands only, so `tebiki check` never loads it.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..cli import EXIT_ERROR, EncodingOption, TodayOption, _today, app
from ..fileio import check_output, emit


class RdfFormat(str, Enum):
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"


def _need_rdflib() -> None:
    try:
        import rdflib  # noqa: F401
    except ImportError:
        print("tebiki: this command needs rdflib, part of the default install: reinstall with pip install -e . (or pip install tebiki-checker)", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)



@app.command()
def export(
    files: List[str] = typer.Argument(..., help="Strategy YAML files, directories or globs (several go into one graph)."),
    to: RdfFormat = typer.Option(RdfFormat.turtle, "--to", "-t", help="RDF format: turtle, jsonld or ntriples."),
    with_findings: bool = typer.Option(False, "--with-findings", help="Check the strategies and add the findings as EARL assertions."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    edition: Optional[str] = typer.Option(None, "--edition", help="Rule pack edition whose directions and rules the IRIs name (default tebiki-2022-12)."),
    config_path: Optional[Path] = typer.Option(None, "--config", help="Config file for --with-findings (default: nearest tebiki.toml / pyproject.toml)."),
    encoding: EncodingOption = None,
    today: TodayOption = None,
) -> None:
    """Export strategies as linked data (Turtle, JSON-LD or N-Triples) in the tebiki vocabulary.

    The output is deterministic and lossless: `tebiki import` gives back the same strategy.
    """
    _need_rdflib()
    from ..cli import _config, _expand
    from ..load import InputError, load
    from ..rdf import serialize, to_graph

    config = None
    try:
        if with_findings or config_path:
            config = _config(config_path, edition, None, None, None, None, False)
        if edition:
            from ..engine.pack import pack_dir

            pack_dir(edition)  # fails early, as a usage error, on an unknown edition
    except InputError as exc:
        print(exc, file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    strategies, failed = [], False
    paths = _expand(files)
    if output is not None:
        check_output(output, inputs=paths)
    for path in paths:
        try:
            strategies.append(load(path, encoding=encoding))
        except InputError as exc:
            print(exc, file=sys.stderr)
            failed = True
        except OSError as exc:
            print(f"{path}:1:1: cannot read: {exc.strerror or exc}", file=sys.stderr)
            failed = True
    if failed:
        raise typer.Exit(EXIT_ERROR)
    try:
        graph = to_graph(strategies, edition=edition, with_findings=with_findings, config=config, today=_today(today))
    except ValueError as exc:
        print(f"tebiki export: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    emit(serialize(graph, to.value), output, inputs=paths)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="An exported file (.ttl, .jsonld, .nt)."),
    from_: Optional[RdfFormat] = typer.Option(None, "--from", help="RDF format (default: from the file's suffix)."),
    strategy: Optional[str] = typer.Option(None, "--strategy", help="The strategy's IRI or id, when the file holds several."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the YAML to this file instead of standard output."),
) -> None:
    """Read an exported RDF file back into the strategy YAML format.

    Untrusted input is safe: nothing is fetched or read besides FILE (JSON-LD contexts must be inline).
    """
    _need_rdflib()
    if output is not None:
        check_output(output, inputs=[file])
    from ..model.dump import to_yaml
    from ..rdf import RdfImportError, read_strategy

    try:
        result = read_strategy(file, from_.value if from_ else None, strategy)
    except RdfImportError as exc:
        for problem in exc.problems:
            print(problem if problem.startswith(str(file)) else f"{file}: {problem}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    except OSError as exc:
        print(f"{file}:1:1: cannot read: {exc.strerror or exc}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    emit(to_yaml(result), output, inputs=[file])

"""tebiki-checker: check local strategies (地方版総合戦略) against the national 手引き.

The library runs in four steps, each usable on its own::

    from checker import load, build_graph, get_pack, run_pack
    strategy = load("examples/toyonaka.yaml")      # YAML → pydantic model (with locations)
    graph = build_graph(strategy)                  # model → typed networkx graph
    findings = run_pack(graph, get_pack())         # graph + rule pack → findings
    from checker.report import render
    print(render("text", [...]))                   # findings → text, JSON, SARIF, ...

or in one call: ``check_file("examples/toyonaka.yaml")``.
"""

import gc as _gc

# Importing the package creates many thousands of objects that live as long as the process
# (pydantic's model machinery, the models, the check registry) and no garbage: the cyclic
# collector, which runs every few hundred allocations, would walk them again and again for
# nothing (about 5% of a `tebiki check`).  It is off while they are imported, then as before.
_collecting = _gc.isenabled()
_gc.disable()
try:
    from .api import FileResult, check_file, check_strategy, get_pack
    from .config import Config, load_config
    from .engine import Finding, Pack, Severity, load_pack, run_pack
    from .graph import StrategyGraph, build_graph
    from .load import InputError, load, loads
    from .model import Strategy
except ModuleNotFoundError as _exc:
    from ._bootstrap import missing_dependency, running_as_program

    if not (running_as_program() and _exc.name and not _exc.name.startswith("checker")):
        raise
    missing_dependency(_exc)
finally:
    if _collecting:
        _gc.enable()
    del _gc, _collecting

__version__ = "0.1.0"

__all__ = [
    "Config", "FileResult", "Finding", "InputError", "Pack", "Severity", "Strategy", "StrategyGraph",
    "build_graph", "check_file", "check_strategy", "get_pack", "load", "load_config", "load_pack", "loads", "run_pack",
]

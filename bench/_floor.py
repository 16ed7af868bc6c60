"""One process of the floor benchmark (run by bench/run.py; prints one JSON line).

    _floor.py FILE REPS ours-first|parse-first

The process starts as `tebiki check` does (imports, rule pack, gc.freeze()).  Then the
first run of one side, in a process that has done neither yet:

- ``ours-first``: our whole per-file work (load + graph + all rules) first: **ours cold**;
- ``parse-first``: `yaml.load(text, Loader=yaml.CSafeLoader)` first: **parse cold**.

A first run pays for more than the work itself (PyYAML's constructor and resolver are Python
code too, and Python specialises code as it runs it), so cold is compared with cold.  Then
REPS rounds, interleaved, of:

- a parse (**parse warm**) and our run on the same file again (**ours warm**: every cache as
  earlier runs left them);
- a parse and our run after clearing the caches keyed by the file's text (**ours, new file**:
  what one more strategy costs in a running process, e.g. an audit worker; the caches keyed
  by the rule pack stay, as they would).
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from checker import build_graph, get_pack, load, run_pack  # noqa: E402


def clear_text_caches() -> None:
    """Every module-level cache keyed by a strategy's text (those keyed by the pack stay)."""
    from checker import years
    from checker.kinds import read
    from checker.text import norm

    read._CACHE.clear()  # indicator names read as outcome or output
    norm.cache_clear()
    years._year_from_text.cache_clear()
    years._range_from_text.cache_clear()


def main() -> None:
    path, reps, first = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pack = get_pack()
    # The models' validators are built on first use (defer_build): that is start-up, which the
    # CLI benchmark measures, not the cost of a file.  Build them as a first file would.
    from checker.model import Strategy

    Strategy.model_rebuild()
    gc.freeze()  # as checker.cli.main does after start-up
    text = Path(path).read_text(encoding="utf-8")
    clock = time.perf_counter

    def ours() -> list[float]:
        """[load, graph, rules] in seconds."""
        t0 = clock()
        strategy = load(path)
        t1 = clock()
        graph = build_graph(strategy)
        t2 = clock()
        run_pack(graph, pack)
        t3 = clock()
        return [t1 - t0, t2 - t1, t3 - t2]

    def parse() -> float:
        t = clock()
        yaml.load(text, Loader=yaml.CSafeLoader)
        return clock() - t

    result: dict[str, object] = {}
    if first == "ours-first":
        result["ours_cold"] = ours()
        parse()
    elif first == "parse-first":
        result["parse_cold"] = parse()
        ours()
    else:
        raise SystemExit(f"unknown order {first!r}")
    parses, warm, new_file = [], [], []
    for _ in range(reps):
        parses.append(parse())
        warm.append(ours())
        parses.append(parse())
        clear_text_caches()
        new_file.append(ours())
    result.update(parse=parses, warm=warm, new_file=new_file)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

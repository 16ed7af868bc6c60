"""One process of the floor benchmark (run by bench/run.py; prints one JSON line).

The process starts as `tebiki check` does (imports, rule pack, gc.freeze()), then
times, interleaved, `yaml.load(text, Loader=yaml.CSafeLoader)` (the floor) and our
whole per-file work (load + graph + all rules):

- ``cold``: our first run in this process, with every module-level cache empty;
- ``warm``: later runs, with those caches as the earlier runs left them;
- ``cleared``: later runs after clearing the caches by hand (what one file costs in a
  long process that has seen other files, not this one).
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


def clear_caches() -> None:
    """Every module-level cache the per-file work fills (keyed by the pack or by text)."""
    from checker.checks import _signals, outcomes
    from checker.text import norm

    outcomes._WORDING_CACHE.clear()
    _signals._NORMALISED.clear()
    _signals._INDEXES.clear()
    norm.cache_clear()


def main() -> None:
    path, reps = sys.argv[1], int(sys.argv[2])
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

    def floor() -> float:
        t = clock()
        yaml.load(text, Loader=yaml.CSafeLoader)
        return clock() - t

    cold = ours()
    floors, warm, cleared = [floor()], [], []
    for _ in range(reps):
        floors.append(floor())
        warm.append(ours())
        floors.append(floor())
        clear_caches()
        cleared.append(ours())
    print(json.dumps({"cold": cold, "floor": floors, "warm": warm, "cleared": cleared}))


if __name__ == "__main__":
    main()

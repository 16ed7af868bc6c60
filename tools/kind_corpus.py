"""Measure the outcome/output reading on the labelled corpus (tests/data/kpi_kinds.csv).

    python tools/kind_corpus.py                 # accuracy and undecided share, per split
    python tools/kind_corpus.py --misses        # and every row read wrongly or left undecided
    python tools/kind_corpus.py --analyser fugashi|sudachi|janome|none   # the fallback to use

The analysers are optional; one that is not installed is reported as such.  The test
tests/test_kind_corpus.py asserts the goals (≥95% agreement, ≤5% undecided) without an analyser.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from typing import Callable
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine import load_pack, pack_dir  # noqa: E402
from checker.kinds import read as reader  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "kpi_kinds.csv"

Analyser = Callable[[str], str]
"""A name → the same name with each word in its dictionary form (for the lexicon to match again)."""


def _fugashi() -> Analyser:
    import fugashi  # noqa: PLC0415 - loaded on first use only

    tagger = fugashi.Tagger()

    def lemmas(text: str) -> str:
        out = []
        for word in tagger(text):
            lemma = getattr(word.feature, "lemma", None) or word.surface
            out.append(lemma.split("-")[0] if lemma != "*" else word.surface)
        return "".join(out)

    return lemmas


def _sudachi() -> Analyser:
    from sudachipy import dictionary  # noqa: PLC0415

    tokenizer = dictionary.Dictionary(dict="core").create()

    def lemmas(text: str) -> str:
        return "".join(m.normalized_form() for m in tokenizer.tokenize(text))

    return lemmas


def _janome() -> Analyser:
    from janome.tokenizer import Tokenizer  # noqa: PLC0415

    tokenizer = Tokenizer()

    def lemmas(text: str) -> str:
        return "".join(t.base_form if t.base_form != "*" else t.surface for t in tokenizer.tokenize(text))

    return lemmas


BACKENDS: dict[str, Callable[[], Analyser]] = {"fugashi": _fugashi, "sudachi": _sudachi, "janome": _janome}



def rows(path: Path = CORPUS) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def score(data: list[dict], lexicon, analyser) -> dict[str, dict]:
    """Per split (and 'all'): n, agreed, undecided, and the misses."""
    out: dict[str, dict] = defaultdict(lambda: {"n": 0, "agreed": 0, "undecided": 0, "misses": []})
    for r in data:
        v = reader._read(r["name"], None, lexicon, analyser)
        got = v.kind.value if v.kind else None
        for split in (r["split"], "all"):
            s = out[split]
            s["n"] += 1
            s["agreed"] += got == r["label"]
            s["undecided"] += got is None
            if got != r["label"]:
                s["misses"].append((r["name"], r["label"], got, v.why().en))
    return dict(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--analyser", default="none", choices=["none", "fugashi", "sudachi", "janome"])
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    lexicon = load_pack(pack_dir()).reference.kinds
    analyser = None
    if args.analyser != "none":
        t0 = time.perf_counter()
        try:
            analyser = BACKENDS[args.analyser]()
            analyser("計画を策定した自治会の割合")
        except (ImportError, RuntimeError):
            sys.exit(f"{args.analyser} is not installed")
        print(f"{args.analyser}: load and first call {time.perf_counter() - t0:.3f}s")
    for split, s in sorted(score(rows(), lexicon, analyser).items()):
        print(f"{split:9} n={s['n']:4}  agreement {s['agreed'] / s['n']:.1%}  undecided {s['undecided'] / s['n']:.1%}")
        if args.misses and split != "all":
            for m in s["misses"]:
                print("   ", m)


if __name__ == "__main__":
    main()

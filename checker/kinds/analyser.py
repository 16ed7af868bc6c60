"""An optional morphological analyser for names the lexicon cannot decide.

The lexicon lists each word in one written form.  A name that spells it another
way (送り仮名: 「取り組み」 for 「取組」, 「申し込み」 for 「申込」) or inflects a verb
(「学んだ」, 「取り組んでいる」) may match no word.  Only for such names — when no
word decides — the reader asks an analyser for the name in dictionary forms and
reads it again.

The analyser is loaded on first use, never at start-up, and only when installed
(``pip install 'tebiki-checker[analyser]'``); without it those names stay
undecided.  docs/kpi-kinds.md records how the three analysers compared on the
labelled corpus and on start-up cost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

Analyser = Callable[[str], str]

PREFERRED = "fugashi"
"""The analyser used when installed (see docs/kpi-kinds.md for why)."""

ENABLED = True
"""Set to False to read names with the lexicon alone whatever is installed (the test suite does,
so that its results do not depend on the machine)."""


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


@lru_cache(maxsize=None)
def load(name: str) -> Analyser | None:
    """The named analyser, or None when it is not installed."""
    try:
        return BACKENDS[name]()
    except (ImportError, RuntimeError):  # not installed, or its dictionary is missing
        return None


def default_analyser() -> Analyser | None:
    """The preferred analyser if installed and enabled (loaded once, on first call), else None."""
    return load(PREFERRED) if ENABLED else None

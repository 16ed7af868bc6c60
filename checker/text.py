"""Text normalisation for matching: NFKC plus the fixes PDF extraction needs.

Messages always show the user's own text; only comparisons use `norm`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# Characters NFKC leaves alone but that mean the same thing in Japanese plans.
_EXTRA = str.maketrans({"～": "~", "〜": "~", "−": "-", "―": "-", "‐": "-"})


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """NFKC-normalise, unify tildes and dashes, and drop all white space.

    PDF extraction breaks lines inside words and inserts spaces between
    Japanese and Latin characters, so white space carries no meaning here.
    """
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).translate(_EXTRA))


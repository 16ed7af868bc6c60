"""`norm` (matching text) against its definition: NFKC, tildes and dashes unified, no white space."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from checker.text import norm

_DEFINITION_EXTRA = str.maketrans({"～": "~", "〜": "~", "−": "-", "―": "-", "‐": "-"})


def by_definition(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_DEFINITION_EXTRA))


# Japanese plans as PDF extraction gives them: kana, kanji, Kangxi radicals, full-width and
# half-width forms, dashes, tildes, combining marks and every kind of white space.
_PLAN_CHARS = st.sampled_from(
    list("豊中市⽥⼈ＫＰＩ％（）０１２ｶﾞﾊﾟ～〜−―‐-~ 　\t\n\u00a0\u2028\u3099\u309a①㎡ｱがﾞ")
) | st.characters()


@given(st.text(_PLAN_CHARS, max_size=40))
def test_norm_is_its_definition(text):
    assert norm(text) == by_definition(text)


def test_norm_examples():
    assert norm("ＫＰＩ　の 達成率（％）") == "KPIの達成率(%)"
    assert norm("デジタル⽥園都市") == "デジタル田園都市"
    assert norm("令和５年度～令和９年度") == "令和5年度~令和9年度"
    assert norm("ｶﾞｲﾄﾞ") == "ガイド"

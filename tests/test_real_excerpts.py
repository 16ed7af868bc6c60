"""Excerpts of real published strategies (tests/fixtures/real/), read as a reviewer holding the 手引き would.

Each test pins what a careful reader finds in the printed excerpt for the targets and baselines,
the assembly and what the strategy builds on; the comments say why.  The excerpts are short and
leave out parts of their documents (their headers say which), so findings about what they omit
(PDCA, the vision ...) are not pinned here.
"""

from __future__ import annotations

from collections import Counter

from checker import build_graph, load, run_pack
from checker.engine import load_pack, pack_dir

from .conftest import FIXTURES, TODAY

PACK = load_pack(pack_dir())
REAL = FIXTURES / "real"


def _findings(name: str, prefixes: tuple[str, ...]):
    strategy = load(str(REAL / name))
    return [f for f in run_pack(build_graph(strategy), PACK, today=TODAY) if f.code.startswith(prefixes)]


def test_urakawa_2016():
    found = _findings("urakawa-2016.yaml", ("KQ", "EV05", "CO1"))
    codes = Counter(f.code for f in found)
    # the reprint dates no baseline: one warning for the strategy, naming the twelve, not twelve warnings
    assert codes["KQ03"] == 1 and "12件" in next(f for f in found if f.code == "KQ03").message.ja
    # 「―」 baselines (new schemes) are statements that there is none yet: info, five of them
    assert codes["KQ02"] == 5 and all(f.severity.value == "info" for f in found if f.code == "KQ02")
    # 新規就農者数 is printed 1.4人/年 → 4組/年 in (1), 1.4組/年 in (4): units that differ cannot be compared
    # (KQ13, info), and the second printing contradicts the first (KQ11, error)
    (kq13,) = [f for f in found if f.code == "KQ13"]
    assert kq13.node_id == "kpi-1-1-1" and "人/年" in kq13.message.ja and "組/年" in kq13.message.ja
    (kq11,) = [f for f in found if f.code == "KQ11"]
    assert kq11.node_id == "kpi-1-1-1" and kq11.basis.value == "contradicts"
    # every target improves on its baseline; none is judged to go the wrong way
    assert not codes["KQ09"]
    # the reprint says the final draft was shown to the assembly's committees (報告): 8-1 is met at drafting
    assert not codes["EV05"]
    # nothing in the excerpt speaks of working beyond the town (2-1: 必要, a warning, said as silence)
    (co10,) = [f for f in found if f.code == "CO10"]
    assert (co10.severity.value, co10.basis.value) == ("warning", "not-stated")


def test_sabae_2015():
    found = _findings("sabae-2015.yaml", ("KQ",))
    codes = Counter(f.code for f in found)
    # 25人(2009~14年) says neither sum nor average over six years: it cannot be compared with 45人 (said, not skipped)
    (kq13,) = [f for f in found if f.code == "KQ13"]
    assert kq13.node_id == "kpi-1" and "2009～2014年" in kq13.message.ja
    # 610人(期間平均) is compared per year with 590人(2014年): better; 2,000人以上 is a floor under 2,044人, not a move
    assert not codes["KQ09"]
    # 2014 baselines for a period from 2015年度 are recent; the KPIs are dated
    assert not codes["KQ14"] and not codes["KQ03"] and not codes["KQ05"]

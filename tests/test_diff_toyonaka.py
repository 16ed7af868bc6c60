"""`tebiki diff` between Toyonaka's 行政素案 (examples/toyonaka-2022-soan.yaml) and the revised draft
(examples/toyonaka.yaml) reproduces the rows of the 新旧対照表 printed in the committee's meeting
paper (seed-original.txt): No.1 the title and the name in the text, No.2/No.4 the regional vision,
No.3 策定の趣旨, No.5 the relation with the comprehensive plan, No.6 the digital KPIs — and nothing
else.  The rows' (旧) and (新) texts are read from the seed when it is available."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from checker import check_file
from checker.diff.run import diff_files
from checker.text import norm

from .ci_helpers import run
from .conftest import TODAY

OLD, NEW = "examples/toyonaka-2022-soan.yaml", "examples/toyonaka.yaml"
_NAME = "seed-original.txt"
_CANDIDATES = [
    Path(os.environ["TEBIKI_REFERENCE_DIR"]) / _NAME if os.environ.get("TEBIKI_REFERENCE_DIR") else None,
    Path(__file__).resolve().parents[2] / "shared" / "reference" / _NAME,
    Path("/work/shared/reference") / _NAME,
]
SEED = next((p for p in _CANDIDATES if p is not None and p.is_file()), None)

DIGITAL_KPIS = [
    "とよふぁみ登録者数",
    "マイ・タイムライン作成サービスを利用して作成した人数",
    "デジタル地域ポイント付与事業の利用ポイント数",
    "デジタル地域ポイント参加事業所数",
    "電子図書の貸し出し数",
]

# The rows the comparison must give, as (chapter, part, field or kind): the seed's No. in a comment.
EXPECTED = {
    ("title", "strategy", "title"),  # No.1
    ("title", "strategy", "short_title"),  # No.1 (the abbreviation the old 策定の趣旨 defines)
    ("considers", "national_strategy", "title"),  # No.3
    ("considers", "national_strategy", "edition"),  # No.3
    ("considers", "national_strategy", "text"),  # No.3
    ("considers", "comprehensive_plan", "text"),  # No.5 (and No.1's names in the text)
    ("vision", "vision", "name"),  # No.2, No.4: the 地域ビジョン added
    ("vision", "vision", "text"),  # No.4
    ("governance", "governance", "text"),  # No.1: the name in the PDCA text
}


def _flat(text: str) -> str:
    """Text as the PDF extraction and the encoding both read: NFKC, without white space or bullets."""
    return re.sub(r"[\s○〇]", "", norm(text or ""))


def seed_rows() -> dict[int, dict[str, str]]:
    """No. → {'旧': text, '新': text} of the seed's 修正の趣旨と新旧対照表."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("＜国のデジタル総合戦略を受けての見直しのポイント＞")
    body = text[start:text.index("Ⅳ", start)]  # the table ends where the strategy's own chapter Ⅳ begins
    rows: dict[int, dict[str, str]] = {}
    for block in re.split(r"No 該当箇所 修正の趣旨と新旧対照表", body)[1:]:
        for m in re.finditer(r"(?m)^\s*(\d) P\d+", block):
            no = int(m.group(1))
            part = block[m.start():]
            nxt = re.search(r"(?m)^\s*\d P\d+", part[m.end() - m.start():])
            part = part[: (m.end() - m.start()) + nxt.start()] if nxt else part
            old = re.search(r"\(旧\)(.*?)(?=\(新\)|$)", part, re.S)
            new = re.search(r"\(新\)(.*)$", part, re.S)
            rows[no] = {"旧": old.group(1) if old else "", "新": new.group(1) if new else "", "all": part}
    return rows


@pytest.fixture(scope="module")
def result():
    return diff_files(OLD, NEW, today=TODAY)


def by(result, chapter, part, field):
    found = [c for c in result.changes if (c.chapter, c.part, c.field) == (chapter, part, field)]
    assert len(found) == 1, (chapter, part, field, found)
    return found[0]


def test_the_comparison_has_exactly_the_rows_of_the_table(result):
    fields = {(c.chapter, c.part, c.field) for c in result.changes if c.kind != "added"}
    assert fields == EXPECTED
    added = [c for c in result.changes if c.kind == "added"]
    assert [c.where.ja.rsplit(" › ", 1)[1] for c in added] == DIGITAL_KPIS  # No.6, in the strategy's order
    assert {c.part for c in added} == {"kpi"}
    assert not [c for c in result.changes if c.kind in ("removed", "renamed", "moved")]
    # grouped by the strategy's own chapters: each digital KPI under its goal (第1章 … 第4章)
    titles = dict((k, ja) for k, ja, _ in result.comparison.chapters)
    assert [titles[c.chapter][:3] for c in added] == ["第1章", "第2章", "第3章", "第3章", "第4章"]


def test_the_rows_match_the_seeds_old_and_new_texts(result):
    if SEED is None:
        pytest.skip("seed-original.txt not available")
    rows = seed_rows()
    assert set(rows) == {1, 2, 3, 4, 5, 6}
    # No.1: the title
    title = by(result, "title", "strategy", "title")
    assert _flat(title.old) == _flat(rows[1]["旧"]) and _flat(title.new) == _flat(rows[1]["新"])
    # No.2: the concept diagram got the regional vision; No.4: (4) with the vision
    vision_name = by(result, "vision", "vision", "name")
    assert vision_name.old is None and _flat(vision_name.new) in _flat(rows[4]["新"])
    vision_text = by(result, "vision", "vision", "text")
    assert _flat(rows[4]["旧"]).endswith(_flat(vision_text.old)) and _flat(rows[4]["旧"]).startswith(_flat("(4)基本的な考え方と進め方"))
    assert _flat(rows[4]["新"]).endswith(_flat(vision_text.new)) and "地域ビジョン" in rows[4]["新"]
    assert "地域ビジョン" in rows[2]["all"]
    # No.3: 策定の趣旨 — the old paragraphs on the national strategy, the new sentences
    purpose = by(result, "considers", "national_strategy", "text")
    assert _flat(purpose.old) in _flat(rows[3]["旧"])
    for sentence in purpose.new.split("\n"):
        assert _flat(sentence) in _flat(rows[3]["新"]), sentence
    national = by(result, "considers", "national_strategy", "title")
    assert "第2期総合戦略" in _flat(rows[3]["旧"]) and _flat(national.new) in _flat(rows[3]["新"])
    # No.5: the relation with the comprehensive plan
    plan = by(result, "considers", "comprehensive_plan", "text")
    assert _flat(rows[5]["旧"]) in _flat(plan.old) and _flat(rows[5]["新"]) in _flat(plan.new)
    assert _flat(rows[5]["旧"]) not in _flat(plan.new)
    # No.6: the digital KPIs, with the values the table prints
    table = _flat(rows[6]["新"])
    for change in (c for c in result.changes if c.kind == "added"):
        name, values = change.new.split(": ", 1)
        assert _flat(name) in table
        for value in re.findall(r"[\d,]+(?:人|ポイント|事業所|冊)", values):
            assert _flat(value) in table, value
    assert rows[6]["旧"] == ""  # the table prints only (新): the KPIs did not exist


def test_checking_the_old_draft_shows_what_the_revision_answered(result):
    resolved = {f.code for f in result.resolved}
    assert {"CO02", "DG03"} <= resolved  # the national strategy considered; digital KPIs
    old = check_file(OLD, today=TODAY)
    assert "案の作成（令和4年6月）" in old.edition.reason.ja  # judged as drafted before the 2022-12 edition
    dg = [f for f in old.findings if f.code.startswith("DG")]
    assert dg and all(f.severity.value == "info" and "次の改訂の際に見直してください" in f.message.ja for f in dg)
    assert "CO02" in {f.code for f in old.findings}
    assert not result.revision  # nothing lowered or dropped


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "csv"])
def test_every_format_carries_the_rows(fmt):
    proc = run("diff", OLD, NEW, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for text in ("第3期豊中市まち・ひと・しごと創生総合戦略", "子育て世帯に選ばれ、住み続けたくなるまち", *DIGITAL_KPIS):
        assert text in out, (fmt, text)
    assert "tebiki-2022-12" in out or fmt == "csv"
    if fmt == "json":
        doc = json.loads(out)
        assert doc["summary"]["added"] == 5 and doc["edition"]["edition"] == "tebiki-2022-12"
        assert {c["kind"] for c in doc["changes"]} == {"added", "changed"}

"""The interim pack for the national strategy of December 2025: what it keeps, what it swaps, and
that it says it is interim; the national reference data names its sources and what is unverified."""

from __future__ import annotations

import json

import pytest

from checker import check_file
from checker.config import Config
from checker.engine.pack import load_pack, pack_dir

from .ci_helpers import run
from .conftest import FIXTURES, ROOT, TODAY

SAMPLE = str(FIXTURES / "editions" / "fy2025-2029.yaml")


@pytest.fixture(scope="module")
def interim():
    return load_pack(pack_dir("interim-2025-12"))


def test_it_inherits_every_rule_of_2022_12_but_those_it_drops_or_lays_over(interim, pack):
    assert interim.interim and interim.parent.edition == pack.edition and interim.meta.notice is not None
    assert interim.meta.in_force == "2025-12-23"
    assert set(interim.dropped) == {"ND03", "ND04", "ND05", "ND06"}
    own = interim.own
    assert own == {"CO02", "PE03", "ND01", "ND02", "ND07", "ND08", "ND09", "ND10", "ND11"}
    for rule in pack.rules:
        if rule.code in interim.dropped:
            continue
        if rule.code not in own:
            assert interim.by_code[rule.code] == rule, rule.code  # unchanged basis: the same record
    # a rule laid over keeps what it does not change (its severity follows the parent's)
    assert interim.by_code["PE03"].severity == pack.by_code["PE03"].severity
    assert interim.by_code["PE03"].message == pack.by_code["PE03"].message
    assert {interim.by_code[c].introduced for c in ("ND09", "ND10", "ND11")} == {"interim-2025-12"}


def test_the_new_national_data_says_where_it_comes_from_and_what_is_unverified(interim):
    national = interim.reference.national_strategy
    assert (national.title, national.edition, national.start, national.end, national.decided) == (
        "地方創生に関する総合戦略", "2025-12", 2025, 2029, "2025-12-23")
    assert national.verified is False and national.sources and national.note
    assert [d.name.ja for d in interim.reference.directions] == ["強い経済", "豊かな生活環境", "選ばれる地方"]
    data = [national, *national.targets, *interim.reference.directions]
    concept = interim.reference.basic_concept
    data += [concept, *concept.aims, *concept.pillars]
    for datum in data:
        assert datum.sources, datum
        assert all(s.url.startswith("https://") and s.title and s.publisher for s in datum.sources)
        if not datum.verified:
            assert datum.note, datum  # what is known, and from where
    # what only news reports give is never marked verified
    for datum in data:
        if all(s.kind != "government" for s in datum.sources):
            assert not datum.verified, datum
    assert len(concept.pillars) == 5 and concept.decided == "2025-06-13"
    assert all(any(s.kind == "government" for s in p.sources) for p in concept.pillars)


def test_the_sources_are_listed_in_the_documentation(interim):
    doc = (ROOT / "docs" / "editions.md").read_text(encoding="utf-8")
    national = interim.reference.national_strategy
    concept = interim.reference.basic_concept
    urls = {s.url for d in [national, *national.targets, *interim.reference.directions, concept, *concept.aims, *concept.pillars] for s in d.sources}
    missing = [u for u in urls if u not in doc]
    assert not missing, f"docs/editions.md does not list {missing}"
    for pillar in concept.pillars:
        assert pillar.name.split(" ")[0] in doc


def test_a_strategy_for_fy2025_2029_declaring_the_new_goals_gets_no_period_or_direction_warning():
    result = check_file(SAMPLE, config=Config(edition="interim-2025-12"), today=TODAY)
    assert result.edition.interim and result.edition.notice is not None
    warned = {f.code for f in result.findings if f.severity.value != "info"}
    assert not warned & {"PE01", "PE02", "PE03", "CO01", "CO02"}
    assert not {c for c in warned if c.startswith("ND")}


def test_toyonaka_under_the_interim_pack_gets_what_a_revision_in_2026_needs():
    result = check_file("examples/toyonaka.yaml", config=Config(edition="interim-2025-12"), today=TODAY)
    by_code = {}
    for f in result.findings:
        by_code.setdefault(f.code, []).append(f)
    assert by_code["PE03"][0].severity.value == "warning" and "2025～2029年度" in by_code["PE03"][0].message.ja
    assert "地方創生に関する総合戦略（2025-12）" in by_code["CO02"][0].message.ja
    codes = " ".join(f.message.en for f in by_code["ND08"])
    assert "strong-economy" in codes and "chosen-regions" in codes
    default = check_file("examples/toyonaka.yaml", today=TODAY)
    assert not {"PE03", "CO02"} & {f.code for f in default.findings}


def test_a_strategy_dated_after_the_new_national_strategy_is_told_of_the_interim_pack():
    result = check_file(SAMPLE, today=TODAY)
    assert result.edition.edition == "tebiki-2022-12" and not result.edition.interim
    [note] = result.edition.notes
    assert "--edition interim-2025-12" in note.en and "2025-12-23" in note.ja
    assert not check_file("examples/toyonaka.yaml", today=TODAY).edition.notes


def test_every_output_of_the_interim_pack_says_it_is_interim():
    proc = run("check", SAMPLE, "--edition", "interim-2025-12", "--format", "json")
    doc = json.loads(proc.stdout)
    [edition] = doc["editions"]
    assert edition["interim"] and "手引きはまだ" in edition["notice"]["ja"]
    text = run("check", SAMPLE, "--edition", "interim-2025-12", "--lang", "en").stdout
    assert "interim-2025-12 (interim)" in text and "has not yet been revised" in text
    rules = run("rules", "--edition", "interim-2025-12").stdout
    assert rules.splitlines()[0].startswith("暫定の点検です")
    assert json.loads(run("rules", "--edition", "interim-2025-12", "--format", "json").stdout)["interim"] is True
    assert "暫定の点検です" in run("explain", "ND09", "--edition", "interim-2025-12").stdout
    assert "Interim check" in run("explain", "ND09", "--edition", "interim-2025-12", "--lang", "en").stdout
    markdown = run("explain", "ND09", "--edition", "interim-2025-12", "--format", "markdown").stdout
    assert "暫定の点検です" in markdown and "Interim check" in markdown


def test_revision_status_against_an_edition(interim, pack):
    from checker import load
    from checker.revise.status import revision_status

    toyonaka = load("examples/toyonaka.yaml")
    assert revision_status(toyonaka, pack).revised is True
    status = revision_status(toyonaka, interim)
    assert status.revised is False and status.considers == "デジタル田園都市国家構想総合戦略（2022-12）"
    assert "2025-12より前" in status.why.ja
    sample = revision_status(load(SAMPLE), interim)
    assert sample.revised is True and sample.last == "改訂 令和8年3月"
    soan = revision_status(load("examples/toyonaka-2022-soan.yaml"), pack)
    assert soan.revised is None and soan.considers == "第2期まち・ひと・しごと創生総合戦略"

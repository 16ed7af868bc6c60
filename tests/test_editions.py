"""Editions: which edition introduced each rule's requirement, packs that inherit, the edition in force."""

from __future__ import annotations

import shutil

import pytest

from checker.engine.pack import load_pack, pack_dir
from checker.load import InputError


@pytest.fixture()
def copy(tmp_path):
    """A private copy of the default pack that a test may break."""
    target = tmp_path / "pack"
    shutil.copytree(pack_dir(), target)
    load_pack.cache_clear()
    yield target
    load_pack.cache_clear()


def test_every_rule_records_the_edition_that_introduced_it(pack):
    missing = [r.code for r in pack.rules if r.introduced is None]
    assert not missing, f"add `introduced:` as the last key of {missing}"
    known = {pack.edition, *(e.edition for e in pack.meta.history)}
    assert {r.introduced for r in pack.rules} <= known


def test_the_digital_vision_and_expertise_rules_came_with_2022_12(pack):
    came = {r.code for r in pack.rules if r.introduced == "tebiki-2022-12"}
    assert {"DG01", "DG02", "DG03", "DG04", "EV04", "EV06", "VI01", "VI07"} <= came
    assert {"OL01", "KQ01", "PD01", "CO01", "PE03"}.isdisjoint(came)


def test_an_unknown_introducing_edition_is_refused_with_its_location(copy):
    path = copy / "DG01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("introduced: tebiki-2022-12", "introduced: tebiki-2021-01"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_pack(copy)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:")
    assert "introduced names edition 'tebiki-2021-01', which is neither a pack's edition" in str(problem)


# -- packs that inherit ---------------------------------------------------------------------


@pytest.fixture()
def family(tmp_path):
    """A copy of the default pack and an empty child folder that inherits from it."""
    root = tmp_path / "rules"
    shutil.copytree(pack_dir(), root / "tebiki-2022-12")
    child = root / "child"
    child.mkdir()
    (child / "pack.yaml").write_text(
        "pack:\n  edition: child\n  title: 子\n  published: '2025-12'\n  in_force: '2025-12-23'\n"
        "  source: tebiki-2022-12.txt\n  inherits: tebiki-2022-12\n",
        encoding="utf-8",
    )
    load_pack.cache_clear()
    yield child
    load_pack.cache_clear()


def write(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_a_child_pack_holds_only_what_differs(family):
    parent = load_pack(family.parent / "tebiki-2022-12")
    write(family / "PE03.yaml", "code: PE03\nseverity: info\nwording: 考えられる\n")
    write(family / "pack.yaml", (family / "pack.yaml").read_text(encoding="utf-8")
          + "reference:\n  national_strategy: {title: 新しい国の戦略, edition: '2025-12', start: 2025, end: 2029}\n"
          + "drops:\n  - code: VI07\n    reason: {ja: 国のモデル地域ビジョンは新しい戦略で確かめられない, en: not verified for the new strategy}\n")
    child = load_pack(family)
    assert child.parent is parent and child.lineage() == [child, parent]
    assert child.reference.national_strategy.start == 2025 and child.reference.directions == parent.reference.directions
    assert "VI07" not in child.by_code and child.dropped["VI07"].en == "not verified for the new strategy"
    assert len(child.rules) == len(parent.rules) - 1
    pe03 = child.by_code["PE03"]
    assert pe03.severity.value == "info" and pe03.message == parent.by_code["PE03"].message  # laid over key by key
    assert child.sections == parent.sections and child.area_title("period") == parent.area_title("period")
    assert child.edition_title("tebiki-2015-01") == parent.edition_title("tebiki-2015-01")
    assert child.edition_date("child") == "2025-12-23" and child.edition_date("tebiki-2022-12") == "2022-12-23"


def test_a_change_made_to_the_parent_rule_reaches_the_child(family):
    path = family.parent / "tebiki-2022-12" / "EV07.yaml"
    write(path, path.read_text(encoding="utf-8").replace("severity: info", "severity: warning"))
    assert load_pack(family).by_code["EV07"].severity.value == "warning"


def child_problems(family) -> list[str]:
    with pytest.raises(InputError) as info:
        load_pack(family)
    return [str(p) for p in info.value.problems]


def test_an_inherited_rule_that_no_longer_fits_the_new_reference_data_is_named(family):
    write(family / "pack.yaml", (family / "pack.yaml").read_text(encoding="utf-8")
          + "reference:\n  directions:\n    - {code: strong-economy, group: social, number: '1', name: {ja: 強い経済, en: A strong economy}, signals: [経済]}\n"
          + "  direction_words: []\n")
    found = child_problems(family)
    assert any("ND03.yaml" in p and "unknown national direction 'jobs'" in p and "inherited by child" in p for p in found), found


def test_a_drop_of_a_rule_the_parent_lacks_and_a_bad_override_are_located(family):
    write(family / "pack.yaml", (family / "pack.yaml").read_text(encoding="utf-8")
          + "drops:\n  - code: ZZ99\n    reason: {ja: なし, en: none}\n")
    write(family / "OL07.yaml", "code: OL07\nseverity: error\n")
    found = child_problems(family)
    assert any(p.startswith(f"{family / 'pack.yaml'}:") and "the parent pack has no rule ZZ99" in p for p in found), found
    assert any(p.startswith(f"{family / 'OL07.yaml'}:") and "severity error does not follow the wording 適切" in p for p in found), found


def test_inheritance_is_refused_when_it_names_no_pack_or_goes_round(family):
    text = (family / "pack.yaml").read_text(encoding="utf-8")
    write(family / "pack.yaml", text.replace("inherits: tebiki-2022-12", "inherits: tebiki-2099-01"))
    [problem] = child_problems(family)
    assert problem.startswith(f"{family / 'pack.yaml'}:7:") and "no pack 'tebiki-2099-01' beside this one" in problem
    parent = family.parent / "tebiki-2022-12" / "pack.yaml"
    write(parent, parent.read_text(encoding="utf-8").replace("  source: tebiki-2022-12.txt\n", "  source: tebiki-2022-12.txt\n  inherits: child\n", 1))
    write(family / "pack.yaml", text)
    load_pack.cache_clear()
    assert "inherit from each other" in " ".join(child_problems(family))


def test_an_interim_pack_must_say_why(family):
    write(family / "pack.yaml", (family / "pack.yaml").read_text(encoding="utf-8").replace("  inherits:", "  status: interim\n  inherits:"))
    [problem] = child_problems(family)
    assert "an interim pack needs a notice" in problem


# -- the edition in force -------------------------------------------------------------------

import datetime as dt  # noqa: E402

from checker import check_file, loads  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.engine.edition import deciding_date, span  # noqa: E402
from checker.years import parse_year  # noqa: E402

from .conftest import FIXTURES, TODAY  # noqa: E402

DG01_FAIL = (FIXTURES / "rules" / "DG01" / "fail.yaml").read_text(encoding="utf-8")


def strategy_file(tmp_path, text: str, name: str = "s.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def with_dates(text: str, dates: str, period: str = "{start: 令和5年度, end: 令和9年度}") -> str:
    return text.replace("period: {start: 令和5年度, end: 令和9年度}", f"period: {period}\ndates: {dates}")


def test_the_days_a_written_year_can_mean():
    assert span(parse_year("令和4年度")) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
    assert span(parse_year("2022年12月")) == (dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert span(parse_year("令和5年3月28日")) == (dt.date(2023, 3, 28),) * 2
    assert span(parse_year("2015年")) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))


def test_the_later_of_adoption_and_revision_decides_else_the_draft_else_the_period():
    s = loads(with_dates(DG01_FAIL, "{adopted: 平成27年10月, revised: 令和5年3月, drafted: 令和4年9月}"))
    what, year, day = deciding_date(s)
    assert (what.ja, year.text, day) == ("改訂", "令和5年3月", dt.date(2023, 3, 31))
    what, year, day = deciding_date(loads(with_dates(DG01_FAIL, "{drafted: 令和4年9月}")))
    assert (what.en_when, day) == ("when it was drafted", dt.date(2022, 9, 30))
    what, year, day = deciding_date(loads(DG01_FAIL))
    assert (what.en_when, day) == ("at the start of its period", dt.date(2023, 4, 1))


def test_a_strategy_adopted_before_an_edition_is_told_of_its_new_requirements_as_info(tmp_path):
    old = strategy_file(tmp_path, with_dates(DG01_FAIL, "{adopted: 平成27年10月}", "{start: 平成27年度, end: 令和元年度}"))
    result = check_file(old, today=TODAY)
    assert result.edition.edition == "tebiki-2022-12" and not result.edition.explicit
    assert "before every edition with a pack" in result.edition.reason.en
    [dg01] = [f for f in result.findings if f.code == "DG01"]
    assert dg01.severity.value == "info"
    assert dg01.message.en.endswith("(Introduced in edition tebiki-2022-12, after this strategy: review at the next revision.)")
    assert "令和4年12月版）で加わった要件です。次の改訂の際に見直してください。" in dg01.message.ja
    # a requirement of the first edition is not relaxed
    outline = [f for f in result.findings if f.code == "PE03"]
    assert outline and outline[0].severity.value == "warning"


def test_a_strategy_whose_period_ended_before_the_edition_is_relaxed_too(tmp_path):
    old = strategy_file(tmp_path, DG01_FAIL.replace("{start: 令和5年度, end: 令和9年度}", "{start: 平成27年度, end: 令和元年度}"))
    [dg01] = [f for f in check_file(old, today=TODAY).findings if f.code == "DG01"]
    assert dg01.severity.value == "info"


def test_a_strategy_adopted_under_the_edition_and_an_edition_asked_for_are_judged_in_full(tmp_path):
    new = strategy_file(tmp_path, with_dates(DG01_FAIL, "{adopted: 令和5年3月}"), "new.yaml")
    result = check_file(new, today=TODAY)
    assert "in force when it was adopted (令和5年3月)" in result.edition.reason.en
    assert [f.severity.value for f in result.findings if f.code == "DG01"] == ["warning"]
    old = strategy_file(tmp_path, with_dates(DG01_FAIL, "{adopted: 平成27年10月}", "{start: 平成27年度, end: 令和元年度}"))
    asked = check_file(old, config=Config(edition="tebiki-2022-12"), today=TODAY)
    assert asked.edition.explicit and asked.edition.reason.en == "asked for with --edition or in the configuration"
    assert [f.severity.value for f in asked.findings if f.code == "DG01"] == ["warning"]


def test_the_national_edition_rule_accepts_a_later_national_strategy(tmp_path):
    text = (FIXTURES / "rules" / "CO02" / "fail.yaml").read_text(encoding="utf-8")
    assert "CO02" in {f.code for f in check_file(strategy_file(tmp_path, text), today=TODAY).findings}
    later = text.replace("edition: 2019年12月", "edition: 2023年12月").replace("第2期まち・ひと・しごと創生総合戦略", "デジタル田園都市国家構想総合戦略（2023改訂版）")
    assert later != text
    assert "CO02" not in {f.code for f in check_file(strategy_file(tmp_path, later, "later.yaml"), today=TODAY).findings}


def test_every_format_names_the_edition_and_why(tmp_path):
    from checker.report import FORMATS, Options, render

    result = check_file(strategy_file(tmp_path, with_dates(DG01_FAIL, "{adopted: 令和5年3月}")), today=TODAY)
    from checker import get_pack

    for fmt in FORMATS:
        for lang, words in (("ja", "策定（令和5年3月）の時点で施行中の版"), ("en", "the edition in force when it was adopted (令和5年3月)")):
            out = render(fmt, [result], get_pack(), Options(lang=lang))
            assert "tebiki-2022-12" in out and words in out, (fmt, lang)

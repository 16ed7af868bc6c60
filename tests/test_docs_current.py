"""The generated documents (rule pages, rule index, traceability, format reference) match the code."""

from checker.formatdoc import update_format_doc
from checker.ruledoc import generated_docs

from .conftest import ROOT

DOCS = ROOT / "docs"


def test_rule_docs_and_traceability_are_current(pack):
    stale = [rel for rel, text in generated_docs(pack).items() if not (DOCS / rel).is_file() or (DOCS / rel).read_text(encoding="utf-8") != text]
    assert not stale, f"run `tebiki docs`: stale {stale}"


def test_format_reference_is_current():
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    assert update_format_doc(text) == text, "run `tebiki docs`: docs/format.md reference is stale"


def test_every_section_is_traced(pack):
    for section in pack.sections:
        rules = [r for r in pack.rules if section.id in r.sections]
        assert rules or section.manual, f"手引き {section.id} has neither a rule nor a manual-review note"

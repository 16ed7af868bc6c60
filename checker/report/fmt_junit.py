"""JUnit XML output, for CI test dashboards (GitLab, Jenkins, Azure DevOps ...).

One `<testsuite>` per strategy file and one `<testcase>` per rule that ran.
A test per rule (rather than per finding) is what dashboards show best: the
set of tests is the same from run to run, so each rule has a pass/fail history
and a trend, and a rule that passes is shown as passing instead of not at all.

In a rule's test case:
- `<failure>`: its unjustified findings at or above the failure threshold
  (`--fail-on`), one line each (file:line:col, message, fix);
- `<skipped>`: the rule found only justified deviations (their reasons are
  given), or it does not apply to this kind of body (prefecture/municipality);
- `<system-out>`: findings below the threshold and justified deviations, so
  nothing the text report shows is lost.
A file that could not be loaded gets one test case `load` with an `<error>`.

Validated in tests against the widely used Jenkins xunit-plugin schema
(tests/schemas/junit-10.xsd).  No times or host names: the output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..api import FileResult
from ..engine.finding import Finding
from ..engine.pack import AppliesTo, Pack, RuleRecord
from . import Options

_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_WORDS = {
    "ja": {
        "findings": "{n} 件の指摘",
        "justified": "正当化された逸脱のみ {n} 件",
        "reason": "理由",
        "fix": "対応",
        "below": "基準（--fail-on {fail_on}）未満の指摘",
        "deviations": "正当化された逸脱",
        "not_applicable": "この規則は{level}に適用されません",
        "levels": {"prefecture": "都道府県", "municipality": "市区町村"},
        "load": "読み込めないファイル",
    },
    "en": {
        "findings": "{n} finding(s)",
        "justified": "only justified deviations ({n})",
        "reason": "reason",
        "fix": "fix",
        "below": "findings below the threshold (--fail-on {fail_on})",
        "deviations": "justified deviations",
        "not_applicable": "the rule does not apply to a {level}",
        "levels": {"prefecture": "prefecture", "municipality": "municipality"},
        "load": "the file could not be loaded",
    },
}


def _clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry."""
    return _INVALID_XML.sub("\ufffd", text)


def _line(f: Finding, pack: Pack, lang: str) -> str:
    words = _WORDS[lang]
    head = (
        f"{f.file}:{f.line}:{f.col}: {f.severity.value} {f.code} {f.name} [手引き {', '.join(f.sections)}] "
        f"({f.basis.label(lang)}) {f.message.get(lang)}"
    )
    rule = pack.by_code.get(f.code)
    if rule is not None and not f.justified:
        head += f"\n    {words['fix']}: {getattr(rule.fix, lang)}"
    if f.deviation is not None:
        head += f"\n    {words['reason']}: {f.deviation.justification}"
    return head


def _applies(rule: RuleRecord, result: FileResult) -> bool:
    if result.strategy is None or rule.applies_to is AppliesTo.both:
        return True
    return rule.applies_to.value == result.strategy.body.level.value


def _suite(result: FileResult, rules: list[RuleRecord], pack: Pack, options: Options) -> ET.Element:
    lang = "en" if options.lang == "en" else "ja"
    words = _WORDS[lang]
    suite = ET.Element("testsuite", {"name": result.file})
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if result.problems:
        case = ET.SubElement(suite, "testcase", {"name": "load", "classname": "tebiki-checker.input"})
        error = ET.SubElement(case, "error", {"type": "input-error", "message": _clean(words["load"])})
        error.text = _clean("\n".join(str(p) for p in result.problems))
        counts["tests"], counts["errors"] = 1, 1
    else:
        by_code: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_code.setdefault(f.code, []).append(f)
        for rule in rules:
            findings = by_code.get(rule.code, [])
            case = ET.SubElement(suite, "testcase", {"name": f"{rule.code} {rule.name}", "classname": f"tebiki-checker.{rule.area.value}"})
            counts["tests"] += 1
            failing = [f for f in findings if not f.justified and f.severity.at_least(options.fail_on)]
            below = [f for f in findings if not f.justified and not f.severity.at_least(options.fail_on)]
            justified = [f for f in findings if f.justified]
            if failing:
                worst = max(failing, key=lambda f: f.severity.rank)
                message = failing[0].message.get(lang) if len(failing) == 1 else words["findings"].format(n=len(failing))
                failure = ET.SubElement(case, "failure", {"type": worst.severity.value, "message": _clean(message)})
                failure.text = _clean("\n".join(_line(f, pack, lang) for f in failing))
                counts["failures"] += 1
            elif justified and not below:
                skipped = ET.SubElement(case, "skipped", {"message": _clean(words["justified"].format(n=len(justified)))})
                skipped.text = _clean("\n".join(_line(f, pack, lang) for f in justified))
                counts["skipped"] += 1
            elif not findings and not _applies(rule, result):
                level = words["levels"][result.strategy.body.level.value]
                ET.SubElement(case, "skipped", {"message": _clean(words["not_applicable"].format(level=level))})
                counts["skipped"] += 1
            out = []
            if below:
                out.append(words["below"].format(fail_on=options.fail_on.value) + ":")
                out.extend(_line(f, pack, lang) for f in below)
            if justified and (failing or below):
                out.append(words["deviations"] + ":")
                out.extend(_line(f, pack, lang) for f in justified)
            if out:
                ET.SubElement(case, "system-out").text = _clean("\n".join(out))
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    return suite


def render(results: list[FileResult], pack: Pack, options: Options) -> str:
    codes = set(options.rules) if options.rules is not None else {r.code for r in pack.rules}
    codes |= {f.code for r in results for f in r.findings}
    rules = [r for r in pack.rules if r.code in codes]
    root = ET.Element("testsuites", {"name": f"tebiki-checker ({pack.edition})"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        suite = _suite(result, rules, pack, options)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

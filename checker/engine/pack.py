"""Rule packs: the records in ``rules/<edition>/`` and the edition's national reference data.

A pack directory holds ``pack.yaml`` (edition metadata and reference data),
``sections.yaml`` (every section of the 手引き, with what is left to a person)
and one ``<CODE>.yaml`` per rule.  Loading fails loudly, with file:line:col,
on anything a rule could silently get wrong: an unknown check, an unknown node
type, a bad parameter, a message placeholder no hit fills, a rule that can
never match.
"""

from __future__ import annotations

import difflib
import inspect
import re
import typing
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..graph import NodeType
from ..kinds.lexicon import KindLexicon, KindsFile
from ..load.errors import InputError, Problem
from ..load.source import read_text
from ..load.validate import problems_of
from ..load.yaml_tree import Tree, parse_tree
from .finding import Basis, Severity, Text
from .registry import CHECKS, PREPARERS, CheckSpec

SECTION = r"^[1-9]-[1-9]$"
CODE = r"^[A-Z]{2}[0-9]{2}$"
NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # no use_attribute_docstrings: it parses the source at import


class Localized(_Strict):
    """Text in Japanese and English."""

    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @property
    def text(self) -> Text:
        return Text(self.ja, self.en)


class Area(str, Enum):
    """The areas of the pack (and deviations)."""

    outline = "outline"
    national_directions = "national-directions"
    outcome_kpis = "outcome-kpis"
    kpi_quality = "kpi-quality"
    period = "period"
    pdca = "pdca"
    verification = "verification"
    vision = "vision"
    considers = "considers"
    digital = "digital"
    progress = "progress"
    deviations = "deviations"


def ordered_areas(areas) -> list[str]:
    """Area ids in the order of `Area` (unknown ones after, alphabetically), without repeats."""
    order = [a.value for a in Area]
    return sorted(set(areas), key=lambda a: (order.index(a) if a in order else len(order), a))


class Wording(str, Enum):
    """The strength of the 手引き's (or the law's) wording behind a rule."""

    law = "法定"
    """法第9条・第10条 (おおむね次に掲げる事項について定めるものとする)."""
    necessary = "必要"
    endeavour = "努める"
    appropriate = "適切"
    important = "重要"
    desirable = "望ましい"
    expected = "期待される"
    conceivable = "考えられる"
    data = "データ"
    """Not the 手引き's wording: the data contradicts itself or cannot be verified."""


ALLOWED_SEVERITIES: dict[Wording, frozenset[Severity]] = {
    Wording.law: frozenset({Severity.error}),
    Wording.necessary: frozenset({Severity.error, Severity.warning}),
    Wording.endeavour: frozenset({Severity.warning}),
    Wording.appropriate: frozenset({Severity.warning, Severity.info}),
    Wording.important: frozenset({Severity.warning, Severity.info}),
    Wording.desirable: frozenset({Severity.warning, Severity.info}),
    Wording.expected: frozenset({Severity.info}),
    Wording.conceivable: frozenset({Severity.info}),
    Wording.data: frozenset({Severity.error, Severity.warning}),
}
"""The severity a rule may default to, given the strength of the wording behind it."""


class AppliesTo(str, Enum):
    both = "both"
    municipality = "municipality"
    prefecture = "prefecture"


class Examples(_Strict):
    conforming: str = Field(min_length=1)
    """A YAML fragment that satisfies the rule."""
    non_conforming: str = Field(min_length=1)
    """A YAML fragment that triggers the rule."""


class RuleRecord(_Strict):
    """One rule, as data."""

    code: str = Field(pattern=CODE)
    """Stable code: two letters for the area, two digits."""
    name: str = Field(pattern=NAME)
    """Stable readable name, kebab-case."""
    title: Localized
    """One line saying what the rule checks."""
    area: Area
    sections: list[str] = Field(min_length=1)
    """The 手引き sections (e.g. 3-2) the rule comes from."""
    law: str | None = None
    """The article of law behind it, if any (e.g. 法第10条第2項第1号)."""
    wording: Wording
    severity: Severity
    basis: Basis
    """What its findings rest on by default: contradicts, not-stated or inferred (a hit may say otherwise)."""
    applies_to: AppliesTo = AppliesTo.both
    check: str
    """The check function's name (in checker/checks/)."""
    params: dict[str, Any] = Field(default_factory=dict)
    message: Localized
    """Message template; {placeholders} are filled by the check's hits."""
    rationale: Localized
    """Why, in our own words, citing the section."""
    fix: Localized
    """How to fix it."""
    examples: Examples
    deviable: bool = True
    """Whether a deviation record may justify it (the 手引き allows local judgement)."""
    introduced: str | None = None
    """The edition of the 手引き that introduced the requirement: this pack's edition or one listed in
    its `history` (e.g. tebiki-2015-01).  A strategy adopted before that edition, or whose period
    ended before it, is told of the requirement as info, for its next revision."""

    @model_validator(mode="after")
    def _valid_sections(self) -> "RuleRecord":
        for s in self.sections:
            if not re.match(SECTION, s):
                raise ValueError(f"section '{s}' is not of the form 3-2")
        allowed = ALLOWED_SEVERITIES[self.wording]
        if self.severity not in allowed:
            raise ValueError(
                f"severity {self.severity.value} does not follow the wording {self.wording.value} "
                f"(allowed: {', '.join(sorted(s.value for s in allowed))})"
            )
        return self


class NationalDirection(_Strict):
    """A national direction of the edition (手引き 3-7) and the words that signal it."""

    code: str = Field(pattern=r"^[a-z][a-z0-9\-]*$")
    group: typing.Literal["social", "foundation"]
    """social: デジタルの力を活用した地方の社会課題解決・魅力向上; foundation: デジタル実装の基礎条件整備."""
    number: str
    name: Localized
    signals: list[str] = Field(min_length=1)
    """Stems that suggest a goal or direction serves this direction (NFKC, no spaces)."""
    weak_signals: list[str] = Field(default_factory=list)
    """Generic words (暮らし, まちづくり…) that count only where no stem of any direction is found."""
    kpi_examples: list[str] = Field(default_factory=list)
    """The KPI examples of 手引き 4-2 for this direction."""


class DirectionWord(_Strict):
    """A word read before the stems it contains: it serves several directions, or none, or only in a context.

    See docs/directions.md for how the reading works.
    """

    words: list[str] = Field(min_length=1)
    directions: list[str]
    """The directions the words serve; empty for words that serve none (人口減少を前提…)."""
    requires: list[str] = Field(default_factory=list)
    """The words count only where one of these occurs in the same text (誰一人取り残さ + デジタル)."""
    unless: list[str] = Field(default_factory=list)
    """The words do not count where one of these occurs in the same text."""
    note: str | None = None


class NationalStrategy(_Strict):
    title: str
    edition: str
    start: int
    """First fiscal year of the national strategy."""
    end: int


class Named(_Strict):
    name: str
    description: Localized | None = None


class Reference(_Strict):
    """The edition's national reference data, used by the checks."""

    national_strategy: NationalStrategy
    directions: list[NationalDirection] = Field(min_length=1)
    model_visions: list[Named] = Field(default_factory=list)
    policy_areas: list[Named] = Field(default_factory=list)
    direction_words: list[DirectionWord] = Field(default_factory=list)
    """Words that serve several national directions, none, or one only in a context (read before the stems)."""
    administrative_words: list[str] = Field(default_factory=list)
    """Words of running the administration (行財政, 行政経営…): a text worded so serves no national direction."""
    kinds: KindLexicon | None = None
    """The words that tell an outcome from an output (手引き 4-1, 4-2), from the file `lexicons.kinds` names."""
    digital_signals: list[str] = Field(default_factory=list)
    """Words that mark a measure or indicator as digital."""
    decrease_signals: list[str] = Field(default_factory=list)
    """Words that mark an indicator where lower is better."""

    @model_validator(mode="after")
    def _known_direction_words(self) -> "Reference":
        codes = {d.code for d in self.directions}
        for entry in self.direction_words:
            unknown = [c for c in entry.directions if c not in codes]
            if unknown:
                raise ValueError(f"direction_words {entry.words}: unknown direction {', '.join(unknown)}")
        return self

    def direction(self, code: str) -> NationalDirection | None:
        return next((d for d in self.directions if d.code == code), None)

    @cached_property
    def kpi_examples(self) -> frozenset[str]:
        """The example KPIs of 手引き 4-2 (normalised), which the outcome rules do not report."""
        from ..text import norm

        return frozenset(norm(k).replace(" ", "") for d in self.directions for k in d.kpi_examples)


class EarlierEdition(_Strict):
    """An earlier edition of the 手引き that rules may name as the one that introduced their requirement."""

    edition: str = Field(pattern=NAME)
    """Its id, e.g. tebiki-2015-01."""
    title: str
    published: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
    """When it was issued: 'YYYY-MM' or 'YYYY-MM-DD'."""
    known_from: str
    """Where we know it from (the text that names it)."""


class PackMeta(_Strict):
    edition: str
    title: str
    published: str
    source: str
    """The reference text the rules cite."""
    description: Localized | None = None
    history: list[EarlierEdition] = Field(default_factory=list)
    """Earlier editions of the 手引き, oldest first (for the rules' `introduced`)."""


class Section(_Strict):
    """A section of the 手引き and, where no rule checks it, why it is left to a person."""

    id: str = Field(pattern=SECTION)
    title: str
    manual: Localized | None = None


class Lexicons(_Strict):
    """Files of word lists beside pack.yaml."""

    kinds: str = Field(default="kinds.yaml", pattern=r"^[A-Za-z0-9_.-]+\.ya?ml$")
    """The outcome/output lexicon (see checker/kinds/lexicon.py)."""


class PackFile(_Strict):
    """The contents of pack.yaml."""

    pack: PackMeta
    lexicons: Lexicons = Field(default_factory=Lexicons)
    areas: dict[Area, Localized]
    """A title for every area, in Japanese and English (for reports)."""
    reference: Reference

    @model_validator(mode="after")
    def _every_area(self) -> "PackFile":
        missing = [a.value for a in Area if a not in self.areas]
        if missing:
            raise ValueError(f"areas: no title for {', '.join(missing)}")
        return self


class SectionsFile(_Strict):
    sections: list[Section]


class Pack:
    """A loaded, checked rule pack."""

    def __init__(
        self,
        path: Path,
        meta: PackMeta,
        reference: Reference,
        sections: list[Section],
        rules: list[RuleRecord],
        areas: dict[Area, Localized] | None = None,
    ):
        self.path = path
        self.meta = meta
        self.areas = {a.value: t for a, t in (areas or {}).items()}
        self.reference = reference
        self.sections = sections
        self.rules = sorted(rules, key=lambda r: r.code)
        self.by_code = {r.code: r for r in self.rules}
        self.by_name = {r.name: r for r in self.rules}

    @property
    def edition(self) -> str:
        return self.meta.edition

    def edition_title(self, edition: str) -> str:
        """The title of this pack's edition or of an earlier one in its history (the id when unknown)."""
        if edition == self.meta.edition:
            return self.meta.title
        return next((e.title for e in self.meta.history if e.edition == edition), edition)

    def area_title(self, area: str, lang: str = "ja") -> str:
        """An area's title in the language (its id when the pack has none)."""
        title = self.areas.get(area)
        return getattr(title, lang) if title is not None else area

    def rule(self, code_or_name: str) -> RuleRecord | None:
        """A rule by code (case-insensitive) or name."""
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name)

    def spec(self, rule: RuleRecord) -> CheckSpec:
        return CHECKS[rule.check]


def _parse(path: Path, model: type[BaseModel]):
    file = str(path)
    tree: Tree = parse_tree(read_text(file), file)
    try:
        return model.model_validate(tree.data), tree
    except ValidationError as exc:
        raise InputError(problems_of(exc, tree, file, model)) from None


@lru_cache(maxsize=None)
def _hints(fn) -> dict:
    """A check's parameter types (evaluating the annotations is slow; there are a few dozen checks)."""
    return typing.get_type_hints(fn)


@lru_cache(maxsize=None)
def _adapter(annotation) -> TypeAdapter:
    return TypeAdapter(annotation)


def _check_binding(rule: RuleRecord, tree: Tree, file: str, reference: Reference) -> list[Problem]:
    """The rule's check exists, its params fit the check's signature, and the rule can match."""

    def problem(path: tuple, message: str) -> Problem:
        line, col = tree.loc(path)
        return Problem(file, line, col, message)

    spec = CHECKS.get(rule.check)
    if spec is None:
        close = difflib.get_close_matches(rule.check, list(CHECKS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return [problem(("check",), f"rule {rule.code}: unknown check '{rule.check}'{hint}")]
    problems = []
    accepted = {n: p for n, p in spec.signature.parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    hints = _hints(spec.fn)
    for name, value in rule.params.items():
        if name not in accepted:
            close = difflib.get_close_matches(name, list(accepted), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; {rule.check} takes: {', '.join(accepted) or 'no parameters'}"
            problems.append(problem(("params", name), f"rule {rule.code}: unknown parameter '{name}'{hint}"))
            continue
        annotation = hints.get(name)
        if annotation is not None:
            try:
                _adapter(annotation).validate_python(value, strict=True)
            except ValidationError as exc:
                problems.append(problem(("params", name), f"rule {rule.code}: bad parameter {name}={value!r}: {exc.errors()[0]['msg']}"))
    for name, param in accepted.items():
        if param.default is inspect.Parameter.empty and name not in rule.params:
            problems.append(problem(("params",), f"rule {rule.code}: missing parameter '{name}' for {rule.check}"))
    targets = rule.params.get("targets")
    if isinstance(targets, list):
        for t in targets:
            if t not in NodeType.__members__:
                problems.append(problem(("params", "targets"), f"rule {rule.code}: unknown node type '{t}'"))
            elif NodeType(t) not in spec.node_types:
                problems.append(problem(("params", "targets"), f"rule {rule.code}: {rule.check} never reports on '{t}', so the rule can never match"))
    placeholders = set(re.findall(r"{(\w+)", rule.message.ja)) | set(re.findall(r"{(\w+)", rule.message.en))
    unknown = placeholders - spec.provides - {"node"}
    if unknown:
        problems.append(problem(("message",), f"rule {rule.code}: message uses {{{', '.join(sorted(unknown))}}}, which {rule.check} does not fill"))
    directions = rule.params.get("directions")
    if isinstance(directions, list):
        for code in directions:
            if reference.direction(code) is None:
                problems.append(problem(("params", "directions"), f"rule {rule.code}: unknown national direction '{code}'"))
    return problems


def editions_root() -> Path:
    """Where the packs are: ``checker/_data/rules`` in an installed wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "_data" / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def available_editions() -> list[str]:
    """The editions that have a pack, oldest first."""
    return sorted(p.name for p in editions_root().iterdir() if (p / "pack.yaml").is_file())


DEFAULT_EDITION = "tebiki-2022-12"


def pack_dir(edition: str | None = None) -> Path:
    """The directory of an edition's pack (a path to a pack directory is accepted as well)."""
    edition = edition or DEFAULT_EDITION
    candidate = Path(edition)
    if (candidate / "pack.yaml").is_file():
        return candidate
    path = editions_root() / edition
    if not (path / "pack.yaml").is_file():
        known = ", ".join(available_editions()) or "none"
        raise InputError.at(edition, 1, 1, f"no rule pack for edition '{edition}' (available: {known})")
    return path


@lru_cache(maxsize=8)
def load_pack(path: str | Path) -> Pack:
    """Load and check a pack directory; raise InputError (file:line:col) on any problem."""
    from .. import checks  # noqa: F401 - registers the check functions

    root = Path(path)
    if not (root / "pack.yaml").is_file():
        raise InputError.at(str(root), 1, 1, "not a rule pack: pack.yaml is missing")
    pack_file, pack_tree = _parse(root / "pack.yaml", PackFile)
    reference = _with_lexicons(root, pack_file, pack_tree)
    sections_file, _ = _parse(root / "sections.yaml", SectionsFile)
    rules, problems = [], []
    known_sections = {s.id for s in sections_file.sections}
    known_editions = {pack_file.pack.edition, *(e.edition for e in pack_file.pack.history), *available_editions()}
    for rule_path in sorted(root.glob("[A-Z][A-Z][0-9][0-9].yaml")):
        rule, tree = _parse(rule_path, RuleRecord)
        file = str(rule_path)
        if rule.code != rule_path.stem:
            problems.append(Problem(file, *tree.loc(("code",)), f"rule code {rule.code} does not match the file name {rule_path.name}"))
        if rule.introduced is not None and rule.introduced not in known_editions:
            problems.append(
                Problem(
                    file,
                    *tree.loc(("introduced",)),
                    f"rule {rule.code}: introduced names edition '{rule.introduced}', which is neither a pack's edition "
                    f"nor in this pack's history ({', '.join(sorted(known_editions))})",
                )
            )
        for s in rule.sections:
            if s not in known_sections:
                problems.append(Problem(file, *tree.loc(("sections",)), f"rule {rule.code}: section {s} is not in sections.yaml"))
        problems.extend(_check_binding(rule, tree, file, reference))
        rules.append(rule)
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.name in seen:
            problems.append(Problem(str(root / f"{rule.code}.yaml"), 1, 1, f"rule name '{rule.name}' is used by {seen[rule.name]} too"))
        seen[rule.name] = rule.code
    if not rules:
        problems.append(Problem(str(root), 1, 1, "the pack has no rules"))
    if problems:
        raise InputError(problems)
    for prepare in PREPARERS:
        prepare(reference)
    return Pack(root, pack_file.pack, reference, sections_file.sections, rules, pack_file.areas)


def _with_lexicons(root: Path, pack_file: PackFile, tree: Tree) -> Reference:
    """The reference data with the lexicon files pack.yaml names (a missing or broken one is an InputError)."""
    path = root / pack_file.lexicons.kinds
    if not path.is_file():
        line, col = tree.loc(("lexicons", "kinds")) if "lexicons" in (tree.data or {}) else (1, 1)
        raise InputError([Problem(str(root / "pack.yaml"), line, col, f"lexicon file {pack_file.lexicons.kinds} not found beside pack.yaml")])
    kinds_file, _ = _parse(path, KindsFile)
    return pack_file.reference.model_copy(update={"kinds": kinds_file.kinds})

"""Rule packs: the records in ``rules/<edition>/`` and the edition's national reference data.

A pack directory holds ``pack.yaml`` (edition metadata and reference data),
``sections.yaml`` (every section of the 手引き, with what is left to a person)
and one ``<CODE>.yaml`` per rule.  Loading fails loudly, with file:line:col,
on anything a rule could silently get wrong: an unknown check, an unknown node
type, a bad parameter, a message placeholder no hit fills, a rule that can
never match.
"""

from __future__ import annotations

import re
import typing
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator

from ..kinds.lexicon import KindLexicon, KindsFile
from ..load.errors import InputError, Problem
from ..load.source import read_text
from ..load.validate import problems_of
from ..load.yaml_tree import Tree, parse_tree
from .finding import Basis, Severity
from .inherit import parent_pack, rule_sources
from .national import BasicConcept, NationalStrategy, PublicSource  # noqa: F401 - part of this module's interface
from .packmeta import CODE, NAME, Drop, Localized, PackMeta, PackStatus, _Strict  # noqa: F401 - part of this module's interface
from .registry import CHECKS, PREPARERS, CheckSpec

SECTION = r"^[1-9]-[1-9]$"


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
    revision = "revision"
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
    silent_severity: Severity | None = None
    """The severity of its findings whose basis is not-stated, when lower than `severity`: a document silent
    about a process the 手引き does not call 必要 is told so at this level (info), one that states the
    opposite at `severity`."""
    wording_quote: str | None = None
    """The 手引き's own short words the rule rests on, with the section: '7-2「定期的」「重要」'."""
    severity_note: Localized | None = None
    """Why the severity (and silent_severity) follows those words; shown in docs/traceability.md."""
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
        if self.silent_severity is not None:
            if self.silent_severity.rank >= self.severity.rank:
                raise ValueError(f"silent_severity {self.silent_severity.value} must be lower than severity {self.severity.value}")
            if self.wording in (Wording.law, Wording.necessary, Wording.data):
                raise ValueError(f"silent_severity: silence about what the wording {self.wording.value} asks for is not lowered")
        return self

    def severity_for(self, basis: Basis, severity: Severity | None = None) -> Severity:
        """The severity of a finding with this basis: `severity` (the configured one, default the rule's),
        lowered to `silent_severity` for silence unless the configuration changed the rule's severity."""
        severity = severity or self.severity
        if basis is Basis.not_stated and self.silent_severity is not None and severity is self.severity:
            return self.silent_severity
        return severity


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
    verified: bool = True
    """False when the direction is not taken from an authoritative text (see `note` and `sources`)."""
    note: str | None = None
    sources: list[PublicSource] = Field(default_factory=list)


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


class Named(_Strict):
    name: str
    description: Localized | None = None


class Reference(_Strict):
    """The edition's national reference data, used by the checks."""

    national_strategy: NationalStrategy
    directions: list[NationalDirection] = Field(min_length=1)
    basic_concept: BasicConcept | None = None
    """The basic concept the national strategy follows, when the pack records it."""
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
    national_support: list[str] = Field(default_factory=list)
    """The national support measures of the edition (手引き 5-2: information, people, finance), by the names strategies print."""

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
    drops: list[Drop] = Field(default_factory=list)
    """For a pack that inherits: the parent's rules it does not have."""

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
        self.parent: Pack | None = None
        """The pack this one inherits from."""
        self.dropped: dict[str, Localized] = {}
        """The parent's rules this pack does not have, with why."""
        self.known_editions: frozenset[str] = frozenset({meta.edition, *(e.edition for e in meta.history)})
        self.raw: dict = {}
        self.sources: dict = {}
        self.own: frozenset[str] = frozenset(r.code for r in self.rules)
        """The codes whose record is in this pack's folder (new, or laid over the parent's)."""

    @property
    def edition(self) -> str:
        return self.meta.edition

    def edition_title(self, edition: str) -> str:
        """The title of this pack's edition or of an earlier one in its history (the id when unknown)."""
        if edition == self.meta.edition:
            return self.meta.title
        earlier = next((e.title for e in self.meta.history if e.edition == edition), None)
        if earlier is None and self.parent is not None:
            return self.parent.edition_title(edition)
        return earlier or edition

    def edition_date(self, edition: str) -> str | None:
        """From when this pack's edition, or an earlier one it knows of, applies ('YYYY-MM[-DD]')."""
        if edition == self.meta.edition:
            return self.meta.in_force or self.meta.published
        earlier = next((e.published for e in self.meta.history if e.edition == edition), None)
        if earlier is None and self.parent is not None:
            return self.parent.edition_date(edition)
        return earlier

    @property
    def interim(self) -> bool:
        return self.meta.interim

    def lineage(self) -> list["Pack"]:
        """This pack and the packs it inherits from, nearest first."""
        chain, pack = [], self
        while pack is not None:
            chain.append(pack)
            pack = pack.parent
        return chain

    def area_title(self, area: str, lang: str = "ja") -> str:
        """An area's title in the language (its id when the pack has none)."""
        title = self.areas.get(area)
        return getattr(title, lang) if title is not None else area

    def rule(self, code_or_name: str) -> RuleRecord | None:
        """A rule by code (case-insensitive) or name."""
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name)

    def spec(self, rule: RuleRecord) -> CheckSpec:
        return CHECKS[rule.check]


def _tree(path: Path) -> Tree:
    file = str(path)
    tree = parse_tree(read_text(file), file)
    if not isinstance(tree.data, dict):
        raise InputError.at(file, *tree.loc(()), f"{path.name} must be a mapping of keys")
    return tree


def _validate(data: dict, tree: Tree, file: str, model: type[BaseModel]):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, tree, file, model)) from None


def _parse(path: Path, model: type[BaseModel]):
    tree = _tree(path)
    return _validate(tree.data, tree, str(path), model), tree


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
    """Load and check a pack directory; raise InputError (file:line:col) on any problem.

    A pack that names another in `pack.inherits` holds only what differs: its pack.yaml's
    `areas` and the top-level keys of its `reference` replace the parent's, `drops` lists the
    parent's rules it does not have (each with why), a rule file of the parent's code is laid
    over the parent's record key by key, and sections.yaml is the parent's unless it has its own.

    A pack that loaded before, with exactly the same files and code (its parent's included),
    comes from a cache (checker.cache) instead of being parsed and checked again.
    """
    from .. import checks  # noqa: F401 - registers the check functions
    from ..cache import cached_pack

    root = Path(path)
    if not (root / "pack.yaml").is_file():
        raise InputError.at(str(root), 1, 1, "not a rule pack: pack.yaml is missing")
    return cached_pack(root, editions_root(), _load, _prepare)


def _prepare(pack: Pack) -> None:
    for prepare in PREPARERS:
        prepare(pack.reference)


def _load(root: Path) -> Pack:
    """Parse and check the pack's files (and its parent's, through load_pack)."""
    from .binding import check_binding

    tree = _tree(root / "pack.yaml")
    file = str(root / "pack.yaml")
    parent = parent_pack(root, tree, load_pack)
    data = tree.data
    if parent is not None:
        data = {
            **data,
            "areas": {**parent.raw["areas"], **(data.get("areas") or {})},
            "reference": {**parent.raw["reference"], **(data.get("reference") or {})},
        }
    pack_file = _validate(data, tree, file, PackFile)
    reference = _with_lexicons(root, pack_file, tree, parent)
    if (root / "sections.yaml").is_file() or parent is None:
        sections = _parse(root / "sections.yaml", SectionsFile)[0].sections
    else:
        sections = parent.sections
    sources, problems = rule_sources(root, parent, pack_file.drops, file, tree, _tree)
    known_sections = {s.id for s in sections}
    known_editions = {pack_file.pack.edition, *(e.edition for e in pack_file.pack.history), *available_editions()}
    if parent is not None:
        known_editions |= parent.known_editions
    rules = []
    for code, source in sorted(sources.items()):
        own = Path(source.file).parent == root
        try:
            rule = _validate(source.data, source.tree, source.file, RuleRecord)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found: list[Problem] = []
        if rule.code != code:
            found.append(Problem(source.file, *source.tree.loc(("code",)), f"rule code {rule.code} does not match the file name {code}.yaml"))
        if rule.introduced is not None and rule.introduced not in known_editions:
            found.append(
                Problem(
                    source.file,
                    *source.tree.loc(("introduced",)),
                    f"rule {rule.code}: introduced names edition '{rule.introduced}', which is neither a pack's edition "
                    f"nor in this pack's history ({', '.join(sorted(known_editions))})",
                )
            )
        for s in rule.sections:
            if s not in known_sections:
                found.append(Problem(source.file, *source.tree.loc(("sections",)), f"rule {rule.code}: section {s} is not in sections.yaml"))
        found.extend(check_binding(rule, source.tree, source.file, reference))
        if not own:  # an inherited rule that no longer fits this pack's reference data
            hint = f" (inherited by {pack_file.pack.edition}: lay a {code}.yaml over it in {root} or list it in drops)"
            found = [Problem(p.file, p.line, p.col, p.message + hint) for p in found]
        problems.extend(found)
        rules.append(rule)
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.name in seen:
            problems.append(Problem(sources[rule.code].file, 1, 1, f"rule name '{rule.name}' is used by {seen[rule.name]} too"))
        seen[rule.name] = rule.code
    if not rules:
        problems.append(Problem(str(root), 1, 1, "the pack has no rules"))
    if problems:
        raise InputError(problems)
    pack = Pack(root, pack_file.pack, reference, sections, rules, pack_file.areas)
    pack.parent, pack.raw, pack.sources = parent, data, sources
    pack.dropped = {d.code: d.reason for d in pack_file.drops}
    pack.known_editions = frozenset(known_editions)
    pack.own = frozenset(code for code, source in sources.items() if Path(source.file).parent == root)
    _prepare(pack)
    return pack


def _with_lexicons(root: Path, pack_file: PackFile, tree: Tree, parent: "Pack | None" = None) -> Reference:
    """The reference data with the lexicon files pack.yaml names (a missing or broken one is an InputError).

    A pack that inherits, with neither a `lexicons` key nor the file of its own, uses its parent's lexicons.
    """
    path = root / pack_file.lexicons.kinds
    if parent is not None and "lexicons" not in (tree.data or {}) and not path.is_file():
        return pack_file.reference.model_copy(update={"kinds": parent.reference.kinds})
    if not path.is_file():
        line, col = tree.loc(("lexicons", "kinds")) if "lexicons" in (tree.data or {}) else (1, 1)
        raise InputError([Problem(str(root / "pack.yaml"), line, col, f"lexicon file {pack_file.lexicons.kinds} not found beside pack.yaml")])
    kinds_file, _ = _parse(path, KindsFile)
    return pack_file.reference.model_copy(update={"kinds": kinds_file.kinds})

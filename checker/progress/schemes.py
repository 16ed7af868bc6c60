"""Grading schemes: how a body turns a KPI's numbers into a grade (達成・順調…, ◎○△×, A–D …).

The 手引き leaves the thresholds to each body, so a scheme is data: a YAML file listing grades in
order, each with the condition that earns it.  The first grade whose condition holds is the
KPI's grade.  Presets ship in ``checker/progress/schemes/``; a configuration names one
(``[progress] scheme = "a-d"``) or a file of its own (``scheme = "grading.yaml"``).

A condition combines (all must hold) tests on the measures the judge computes for a year:

- ``met``: the final target is reached (with its bound: 「93%超」 is not met by 93%);
- ``reached`` / ``beyond``: the actual is at or strictly better than the scheme's reference
  (``against: year`` the expected value of that year, ``against: final`` the final target);
- ``improved``: strictly better than the baseline;
- ``progress``: the share of the planned progress made (1 = exactly on the trajectory);
- ``attainment``: the actual as a share of the reference (for lower-is-better, the reverse).

Thresholds are ``{min: 0.8}`` (at least) or ``{above: 0.8}`` (strictly more); ``"80%"`` is read
as 0.8.  When a condition needs a measure that cannot be computed (no baseline, a target of 0),
the KPI is 判定不能 with the reason, rather than falling through to a lower grade.
"""

from __future__ import annotations

import functools
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from ..load import InputError, parse_tree
from ..load.source import read_text
from ..load.validate import problems_of
from ..model.progress import Decision, DecisionValue

PRESETS = Path(__file__).with_name("schemes")
DEFAULT_SCHEME = "standard"


class Level(str, Enum):
    """What a grade means, whatever the scheme calls it: used by the rules and the roll-ups."""

    achieved = "achieved"
    """The final target is reached (達成)."""
    on_track = "on_track"
    """On or ahead of the expected trajectory (順調)."""
    slightly_behind = "slightly_behind"
    """Behind the trajectory, but not far (やや遅れ)."""
    behind = "behind"
    """Well behind, or no progress (遅れ)."""
    not_measured = "not_measured"
    """No actual value for the year (未測定)."""
    undeterminable = "undeterminable"
    """The numbers do not allow a judgement (判定不能), with the reason."""

    @property
    def lagging(self) -> bool:
        """Behind the trajectory: a cause analysis and a decision are expected (手引き 7-2, 7-3)."""
        return self in (Level.slightly_behind, Level.behind)

    @property
    def judged(self) -> bool:
        return self not in (Level.not_measured, Level.undeterminable)


def _ratio(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().replace("％", "%")
        try:
            return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        except ValueError:
            return value
    if isinstance(value, (int, float)):
        return Fraction(str(value))
    return value


Ratio = Annotated[Fraction, BeforeValidator(_ratio)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Localized(_Strict):
    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Threshold(_Strict):
    """At least `min`, or strictly more than `above` (one of them)."""

    min: Ratio | None = None
    above: Ratio | None = None

    @model_validator(mode="after")
    def _one(self) -> "Threshold":
        if (self.min is None) == (self.above is None):
            raise ValueError("give exactly one of min (at least) or above (strictly more)")
        return self

    def holds(self, value: Fraction | float) -> bool:
        return value >= self.min if self.min is not None else value > self.above

    def text(self, lang: str) -> str:
        if self.min is not None:
            return f"{_pct(self.min)}以上" if lang == "ja" else f"at least {_pct(self.min)}"
        return f"{_pct(self.above)}超" if lang == "ja" else f"more than {_pct(self.above)}"


def _pct(value: Fraction) -> str:
    number = value * 100
    return f"{float(number):g}%"


class Condition(_Strict):
    """Tests that must all hold for a grade."""

    met: bool | None = None
    reached: bool | None = None
    beyond: bool | None = None
    improved: bool | None = None
    progress: Threshold | None = None
    attainment: Threshold | None = None

    def needs(self) -> list[str]:
        return [name for name in type(self).model_fields if getattr(self, name) is not None]


class Grade(_Strict):
    """One grade of a scheme."""

    id: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    label: Localized
    level: Level
    when: Condition | None = None
    """None: every KPI that reaches this grade gets it (the last grade)."""
    description: Localized | None = None

    @model_validator(mode="after")
    def _judged_level(self) -> "Grade":
        if not self.level.judged:
            raise ValueError("a grade's level is achieved, on_track, slightly_behind or behind")
        return self


class Choice(_Strict):
    """A next-step choice a scheme offers (the national grant evaluation's 今後の方針) and the decision it means."""

    decision: DecisionValue
    label: Localized


class Binary(_Strict):
    """The grades for targets that are met or not, without a trajectory (維持, 前年より増加, 全国平均を上回る)."""

    met: str
    unmet: str


class Scheme(_Strict):
    """A grading scheme."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    name: Localized
    description: Localized | None = None
    against: Literal["year", "final"] = "year"
    """What `reached`, `beyond` and `attainment` compare with: the year's expected value or the final target."""
    grades: list[Grade] = Field(min_length=2)
    binary: Binary | None = None
    not_measured: Localized = Localized(ja="未測定", en="not measured")
    undeterminable: Localized = Localized(ja="判定不能", en="cannot be judged")
    choices: list[Choice] = Field(default_factory=list)
    """The decisions offered for a measure, with the scheme's own words (default: 拡充・継続・見直し・統合・廃止・終了)."""
    source: str | None = None
    """Where the scheme comes from (a body's published evaluation method, or 'preset')."""

    @model_validator(mode="after")
    def _consistent(self) -> "Scheme":
        ids = [g.id for g in self.grades]
        if len(set(ids)) != len(ids):
            raise ValueError("grade ids must be unique")
        if self.grades[-1].when is not None:
            raise ValueError("the last grade must have no condition (every KPI gets a grade)")
        if any(g.when is None for g in self.grades[:-1]):
            raise ValueError("only the last grade may have no condition")
        if self.binary is not None:
            for gid in (self.binary.met, self.binary.unmet):
                if gid not in ids:
                    raise ValueError(f"binary names grade '{gid}', which is not in grades")
        return self

    def grade(self, gid: str) -> Grade:
        return next(g for g in self.grades if g.id == gid)

    @property
    def binary_grades(self) -> tuple[Grade, Grade]:
        """(grade for met, grade for unmet) of targets without a trajectory."""
        if self.binary is not None:
            return self.grade(self.binary.met), self.grade(self.binary.unmet)
        met = next((g for g in self.grades if g.level is Level.achieved), self.grades[0])
        return met, self.grades[-1]

    def decision_labels(self) -> list[tuple[Decision, Localized]]:
        """The decisions offered, in order, with their words."""
        if self.choices:
            return [(c.decision, c.label) for c in self.choices]
        from ..model.progress import DECISION_LABELS

        return [(Decision(d), Localized(ja=ja, en=en)) for d, (ja, en) in DECISION_LABELS.items()]

    def label_of(self, level: Level, lang: str) -> str:
        if level is Level.not_measured:
            return self.not_measured.get(lang)
        if level is Level.undeterminable:
            return self.undeterminable.get(lang)
        return level.value


def presets() -> list[str]:
    """The ids of the shipped schemes."""
    return sorted(p.stem for p in PRESETS.glob("*.yaml"))


def parse_scheme(path: str | Path) -> Scheme:
    """Read a scheme file; raise InputError (file:line:col) on any problem."""
    file = str(path)
    tree = parse_tree(read_text(file), file)
    if not isinstance(tree.data, dict):
        raise InputError.at(file, 1, 1, "a grading scheme is a mapping (id:, name:, grades: ...)")
    try:
        return Scheme.model_validate(tree.data)
    except ValidationError as exc:
        raise InputError(problems_of(exc, tree, file, Scheme)) from None


@functools.lru_cache(maxsize=16)
def _preset(name: str) -> Scheme:
    return parse_scheme(PRESETS / f"{name}.yaml")


def get_scheme(name_or_path: str | None = None, base: Path | None = None) -> Scheme:
    """A preset by id (default 'standard'), or a scheme file (relative to `base`, e.g. the config's folder)."""
    name = name_or_path or DEFAULT_SCHEME
    if name in presets():
        return _preset(name)
    path = Path(name)
    if not path.is_absolute() and base is not None:
        path = base / path
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return parse_scheme(path)
    import difflib

    close = difflib.get_close_matches(name, presets(), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (presets: {', '.join(presets())}, or a .yaml file)"
    raise InputError.at(str(name), 1, 1, f"no grading scheme '{name}'{hint}")

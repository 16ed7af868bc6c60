"""National reference data that comes from public documents: each datum says where it comes from
and whether its text was verified against an authoritative source.

An edition's pack describes the national strategy it follows (period, goals, headline targets)
and, for a new national strategy, the basic concept behind it.  When the stored sources hold only
reports of a document (news, secondary pages) and not its text, the datum says so with
``verified: false`` and a note; no number is ever filled in that no source gives.
"""

from __future__ import annotations

import typing

from pydantic import Field

from .packmeta import DATE, _Strict


class PublicSource(_Strict):
    """A public document or page a datum is taken from."""

    title: str
    publisher: str
    date: str | None = Field(default=None, pattern=DATE)
    """When it was published, as far as the page says ('YYYY-MM' or 'YYYY-MM-DD'); omitted when it does not."""
    url: str = Field(pattern=r"^https://")
    kind: typing.Literal["government", "news", "secondary"]
    """government: the issuing body's own page or document; news: a news report; secondary: anyone else."""


class Sourced(_Strict):
    """What every sourced datum carries."""

    verified: bool = True
    """True when the datum was checked against the text of an authoritative (government) source."""
    note: str | None = None
    """What is known, and from where, when it is not verified (or only in part)."""
    sources: list[PublicSource] = Field(default_factory=list)


class NationalTarget(Sourced):
    """A headline target of the national strategy, as reported."""

    name: str
    """What is measured, in the source's words."""
    target: str
    """The target as reported (a number, or a comparison such as 東京圏以上)."""
    year: str | None = None
    """The year it is for, as reported (e.g. 2029年度)."""


class NationalStrategy(Sourced):
    """The national strategy a local strategy considers (勘案, 手引き 3-4), as this edition knows it."""

    title: str
    edition: str
    start: int
    """First fiscal year of the national strategy."""
    end: int
    decided: str | None = Field(default=None, pattern=DATE)
    """The day of the Cabinet decision (閣議決定)."""
    targets: list[NationalTarget] = Field(default_factory=list)
    """Headline targets (KPIs) of the national strategy."""


class ConceptPillar(Sourced):
    """A pillar (柱) of a basic concept."""

    name: str


class BasicConcept(Sourced):
    """The basic concept a new national strategy follows (e.g. 地方創生2.0基本構想)."""

    title: str
    decided: str | None = Field(default=None, pattern=DATE)
    aims: list[ConceptPillar] = Field(default_factory=list)
    """What it aims at (目指す姿)."""
    pillars: list[ConceptPillar] = Field(default_factory=list)
    """Its pillars of policy (政策の柱)."""

"""The word lists that tell outcome from output, as a rule pack holds them (``rules/<edition>/kinds.yaml``).

The lists are data of the edition, not code: a later edition may change them.
What each list means, and how the reader combines them, is described in
`checker.kinds.read` and in docs/kpi-kinds.md.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..text import norm

CLASSES = ("perception", "states", "actions", "instruments", "adoption", "participation")
"""The lists whose words can decide an indicator's kind (the others give context)."""

CONTEXT = ("offers", "public_goods", "associations", "actors", "public_bodies", "administration")
"""The lists that say what is taken part in or who acts."""


class KindLexicon(BaseModel):
    """The words a name is read with (NFKC; spaces are removed before matching)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    perception: list[str] = Field(min_length=1)
    """How residents feel or judge: outcome."""
    states: list[str] = Field(min_length=1)
    """The state or behaviour of residents, businesses, visitors or the region: outcome."""
    actions: list[str] = Field(min_length=1)
    """What the administration or its programme does, produces or provides: output."""
    instruments: list[str] = Field(default_factory=list)
    """A programme's formal instruments (plans, agreements, certifications, bodies formed under it): output, whoever signs."""
    adoption: list[str] = Field(default_factory=list)
    """Taking something up: outcome when a resident or business acts, output otherwise."""
    participation: list[str] = Field(default_factory=list)
    """Taking part or using: decided by what is taken part in or used."""
    offers: list[str] = Field(default_factory=list)
    """The administration's own events, courses, desks, services, schemes and facilities."""
    public_goods: list[str] = Field(default_factory=list)
    """Things whose use is residents' everyday behaviour."""
    associations: list[str] = Field(default_factory=list)
    """Residents' own associations: joining one is residents' behaviour."""
    actors: list[str] = Field(default_factory=list)
    """Residents, businesses and other bodies acting on their own account."""
    public_bodies: list[str] = Field(default_factory=list)
    """Public bodies that serve residents (schools, municipalities): what they do or use is an output."""
    administration: list[str] = Field(default_factory=list)
    """The administration's own organisation, staff, buildings and vehicles: what they do, and their state, is an output."""
    activity: list[str] = Field(default_factory=list)
    """Output words that count events held or their participants (4-1)."""
    activity_units: list[str] = Field(default_factory=list)
    """Units that count occurrences of an activity (e.g. 回), used when no word decides."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_blank_words(cls, words: list[str]) -> list[str]:
        blank = [w for w in words if not norm(w).replace(" ", "")]
        if blank:
            raise ValueError("a word is empty")
        return words


class KindsFile(BaseModel):
    """The contents of ``kinds.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kinds: KindLexicon

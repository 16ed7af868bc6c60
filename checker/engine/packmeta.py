"""The metadata of a rule pack (pack.yaml's `pack:`) and the small models it is built from."""

from __future__ import annotations

import re
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .finding import Text

CODE = r"^[A-Z]{2}[0-9]{2}$"
NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    # defer_build: the validators are built when a pack is read from its YAML, not when a cached
    # pack is used. No use_attribute_docstrings: it parses the source at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Localized(_Strict):
    """Text in Japanese and English."""

    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @property
    def text(self) -> Text:
        return Text(self.ja, self.en)


class EarlierEdition(_Strict):
    """An earlier edition of the 手引き that rules may name as the one that introduced their requirement."""

    edition: str = Field(pattern=NAME)
    """Its id, e.g. tebiki-2015-01."""
    title: str
    published: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
    """When it was issued: 'YYYY-MM' or 'YYYY-MM-DD'."""
    known_from: str
    """Where we know it from (the text that names it)."""


DATE = r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"


class PackStatus(str, Enum):
    """Whether a pack follows a published edition of the 手引き or stands in for one not yet published."""

    edition = "edition"
    """A published edition of the 手引き: it may be chosen as the edition in force."""
    interim = "interim"
    """An interim pack: only when asked for (--edition), and every output says so."""


class PackMeta(_Strict):
    edition: str = Field(pattern=NAME)
    title: str
    published: str
    source: str
    """The reference text the rules cite."""
    description: Localized | None = None
    in_force: str | None = Field(default=None, pattern=DATE)
    """From when the edition applies, 'YYYY-MM-DD' (or 'YYYY-MM': from the first of the month); default `published`."""
    status: PackStatus = PackStatus.edition
    inherits: str | None = None
    """The edition whose pack this one builds on (a folder beside it); it then holds only what differs."""
    notice: Localized | None = None
    """What every output says about the pack (required for an interim pack: why it is interim)."""
    history: list[EarlierEdition] = Field(default_factory=list)
    """Earlier editions of the 手引き, oldest first (for the rules' `introduced`)."""

    @model_validator(mode="after")
    def _interim_says_so(self) -> "PackMeta":
        if self.status is PackStatus.interim and self.notice is None:
            raise ValueError("an interim pack needs a notice saying why it is interim")
        if self.in_force is None and not re.match(DATE, self.published):
            raise ValueError("give in_force as YYYY-MM-DD (published is not a date)")
        return self

    @property
    def interim(self) -> bool:
        return self.status is PackStatus.interim


class Drop(_Strict):
    """A rule of the parent pack that this pack does not have, and why."""

    code: str = Field(pattern=CODE)
    reason: Localized

"""Common building blocks of the strategy format: the node base class, ids, source references."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$"

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Identifier, unique in the file: ASCII letters, digits, '_', '.', '-'.",
        examples=["goal-1", "kpi-1-3"],
    ),
]
"""An id that names a node; unique within one strategy file."""

IdRef = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="The id of another node in the same file."),
]
"""A link to a node by its id."""


class Spec(BaseModel):
    """Base of every part of the format: unknown keys are errors, text is kept as written.

    `loc` is the (line, column) in the YAML file the part was read from, 1-based;
    it is set by the loader and is not part of the data.
    """

    model_config = ConfigDict(  # field docstrings become descriptions on demand: model/fielddocs.py
        extra="forbid",
        validate_default=False,
        populate_by_name=True,
        defer_build=True,
    )

    # The location lives in pydantic's private-attribute dict under "_loc", set by the loader
    # (checker.load.validate.attach_locations).  It is not declared as a PrivateAttr: pydantic
    # would then run an initialiser on every part it validates (close to half the validation
    # time); pydantic still compares, copies and pickles the dict with the model.

    @property
    def loc(self) -> tuple[int, int] | None:
        """(line, column) where this part starts in its YAML file, if it was loaded from one."""
        private = self.__pydantic_private__
        return private.get("_loc") if private else None


class SourceRef(Spec):
    """Where in a source document a part is printed (PDF page references)."""

    document: IdRef | None = None
    """Id of an entry in `documents`; omitted means the strategy document itself."""
    page: StrictInt | str | None = None
    """Page number as printed (33, or 'P85')."""
    note: str | None = None
    """Anything else about the source (e.g. a table name)."""


class Node(Spec):
    """A part of the strategy that has an id and can be the target of findings and deviations."""

    id: Id
    note: str | None = None
    """A free remark; not used by the checks."""
    source: SourceRef | None = None
    """Where this part is printed in the source document."""

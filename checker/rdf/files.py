"""Where the ontology files are: ``checker/_data/ontologies`` in an installed wheel, ``ontologies/`` in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def ontologies_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    installed = here / "_data" / "ontologies"
    return installed if installed.is_dir() else here.parent / "ontologies"


VOCABULARY = "tebiki.ttl"
CONCEPTS = "concepts.ttl"
SHAPES = "shapes.ttl"


def guide_file(edition: str) -> Path:
    """The 手引き edition's sections and national directions (ontologies/<edition>.ttl)."""
    return ontologies_dir() / f"{edition}.ttl"


@lru_cache(maxsize=8)
def _parsed(path: str):
    from rdflib import Graph

    return Graph(bind_namespaces="none").parse(path, format="turtle")


def load_ontology(name: str):
    """A parsed ontology file (cached; do not modify the returned graph)."""
    return _parsed(str(ontologies_dir() / name))

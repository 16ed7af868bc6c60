"""The strategy as linked data: export to RDF (Turtle, JSON-LD, N-Triples), import back, SHACL.

rdflib is part of the default install (imported only by the commands that need it); pySHACL, for the
SHACL shapes, comes with ``pip install 'tebiki-checker[rdf]'``.  Nothing
here is imported by ``tebiki check``; only the ``export``/``import`` commands load it.
"""

from __future__ import annotations

from .export import FORMATS, serialize, to_graph
from .load import RdfImportError, from_graph, parse_rdf, read_strategy

__all__ = ["FORMATS", "RdfImportError", "from_graph", "parse_rdf", "read_strategy", "serialize", "to_graph"]

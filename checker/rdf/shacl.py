"""Validate exported strategies with the SHACL shapes of ontologies/shapes.ttl (pySHACL, inference off).

The rule shapes name the rule they mirror with ``tbk:mirrorsRule``: that file is the one
place mapping rule codes to shapes.  `validate` returns each result with the rule code it
belongs to (None for the integrity shapes).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from .files import SHAPES, load_ontology
from .namespaces import TBK


@dataclass(frozen=True)
class ShaclResult:
    """One SHACL validation result, with the rule it mirrors (None for an integrity shape)."""

    focus: str
    shape: str
    rule: str | None
    severity: str
    message: str


def shapes_graph() -> Graph:
    return load_ontology(SHAPES)


def mirrored_rules(shapes: Graph | None = None) -> dict[str, URIRef]:
    """Rule code → the node shape that mirrors it."""
    shapes = shapes if shapes is not None else shapes_graph()
    return {str(rule).rsplit("/", 1)[-1]: shape for shape, rule in shapes.subject_objects(TBK.mirrorsRule)}  # type: ignore[misc]


def silence_shapes(shapes: Graph | None = None) -> dict[str, URIRef]:
    """Rule code → the node shape that mirrors its not-stated case (rules with a silent_severity)."""
    shapes = shapes if shapes is not None else shapes_graph()
    return {str(rule).rsplit("/", 1)[-1]: shape for shape, rule in shapes.subject_objects(TBK.mirrorsSilenceOf)}  # type: ignore[misc]


def _rule_of(shapes: Graph, shape) -> str | None:
    """The rule a result's source shape belongs to: its own tbk:mirrorsRule (or tbk:mirrorsSilenceOf) or its node shape's."""
    for candidate in [shape, *shapes.subjects(SH.property, shape)]:
        rule = shapes.value(candidate, TBK.mirrorsRule) or shapes.value(candidate, TBK.mirrorsSilenceOf)
        if rule is not None:
            return str(rule).rsplit("/", 1)[-1]
    return None


def validate(data: Graph, shapes: Graph | None = None) -> tuple[bool, list[ShaclResult]]:
    """Validate a data graph; (conforms, results).  Nothing is fetched (no owl:imports, no inference)."""
    import pyshacl

    shapes = shapes if shapes is not None else shapes_graph()
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        js=False,
        do_owl_imports=False,
        inplace=True,
    )
    results = []
    for r in report.objects(None, SH.result):  # top-level results only, not their sh:detail
        shape = report.value(r, SH.sourceShape)
        severity = report.value(r, SH.resultSeverity)
        messages = [str(m) for m in report.objects(r, SH.resultMessage)]
        results.append(
            ShaclResult(
                focus=str(report.value(r, SH.focusNode)),
                shape=str(shape),
                rule=_rule_of(shapes, shape),
                severity=str(severity).rsplit("#", 1)[-1],
                message=" / ".join(sorted(messages)),
            )
        )
    results.sort(key=lambda x: (x.rule or "", x.focus, x.shape, x.message))
    return bool(conforms), results

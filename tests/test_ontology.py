"""The vocabulary and concept schemes in ontologies/.

* every file parses;
* every class and property of the tbk: vocabulary has Japanese and English labels and definitions;
* every term an export uses (predicates, classes, concepts, national directions, sections) is
  described there with Japanese and English labels;
* the concept schemes are the model's enumerations, the 手引き file is sections.yaml and the
  national directions of pack.yaml, and the mapping table covers every field of the format.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing

import pytest

pytest.importorskip("rdflib")

from hypothesis import HealthCheck, given, settings
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from checker import load
from checker.model import Strategy
from checker.rdf import to_graph
from checker.rdf.files import ontologies_dir
from checker.rdf.load import _unwrap
from checker.rdf.mapping import CLASSES
from checker.rdf.namespaces import BMM, CONCEPT, GUIDE, TBK, concept, direction_iri, guide_iri, section_iri

from .conftest import ROOT
from .strategies import build_strategy, strategy_data

FILES = sorted(ontologies_dir().glob("*.ttl"))
EDITION = "tebiki-2022-12"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    for path in FILES:
        g.parse(path, format="turtle")
    return g


def _languages(g: Graph, term, prop) -> set[str]:
    return {o.language for o in g.objects(term, prop) if isinstance(o, Literal) and str(o).strip()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_parses(path):
    assert len(Graph().parse(path, format="turtle")) > 0


def test_expected_files_exist():
    assert {p.name for p in FILES} >= {"tebiki.ttl", "concepts.ttl", "shapes.ttl", f"{EDITION}.ttl"}


def test_every_tbk_term_has_ja_en_labels_and_definitions(ontology):
    kinds = {ns.OWL.Class, ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.QB.DataStructureDefinition}
    terms = {s for k in kinds for s in ontology.subjects(ns.RDF.type, k) if str(s).startswith(str(TBK))}
    assert len(terms) > 100
    bad = [
        str(t) for t in sorted(terms)
        if _languages(ontology, t, ns.RDFS.label) < {"ja", "en"}
        or (_languages(ontology, t, ns.SKOS.definition) | _languages(ontology, t, ns.RDFS.comment)) < {"ja", "en"}
    ]
    assert not bad


def test_every_concept_and_scheme_has_ja_en_labels_and_definitions(ontology):
    things = set(ontology.subjects(ns.RDF.type, ns.SKOS.Concept)) | set(ontology.subjects(ns.RDF.type, ns.SKOS.ConceptScheme))
    bad = [
        str(t) for t in things
        if _languages(ontology, t, ns.RDFS.label) < {"ja", "en"} or _languages(ontology, t, ns.SKOS.definition) < {"ja", "en"}
    ]
    assert not bad


def _sample_exports() -> list[Graph]:
    graphs = [to_graph(load(str(ROOT / "examples" / "toyonaka.yaml")), with_findings=True, today=dt.date(2025, 4, 1))]

    @settings(max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy_data())
    def collect(data):
        graphs.append(to_graph(build_strategy(data), with_findings=True, today=dt.date(2025, 4, 1)))

    collect()
    return graphs


_RDF_SYNTAX = {ns.RDF.type, ns.RDF.first, ns.RDF.rest, ns.RDF.nil}


def test_every_term_an_export_uses_is_described(ontology):
    """Predicates, classes, concepts, directions and sections used by exports have ja/en labels in ontologies/."""
    used: set[URIRef] = set()
    for g in _sample_exports():
        for s, p, o in g:
            used.add(p)
            if p == ns.RDF.type:
                used.add(o)
            for term in (s, o):
                if isinstance(term, URIRef) and (str(term).startswith((str(TBK), str(CONCEPT))) or "/direction/" in str(term) or _is_section(term)):
                    used.add(term)
    used -= _RDF_SYNTAX
    unknown = sorted(str(t) for t in used if _languages(ontology, t, ns.RDFS.label) < {"ja", "en"})
    assert not unknown, f"not described with ja and en labels in ontologies/: {unknown}"


def _is_section(term: URIRef) -> bool:
    text = str(term)
    return text.startswith(f"{GUIDE}{EDITION}/") and text.rsplit("/", 1)[-1][:1].isdigit()


def _enum_fields():
    for cls, cm in CLASSES.items():
        for f in cm.fields:
            if f.kind in ("enum", "enums"):
                yield cls, f, _unwrap(cls.model_fields[f.name].annotation)


def test_concept_schemes_are_the_models_enumerations(ontology):
    seen = set()
    for cls, f, enum_cls in _enum_fields():
        assert isinstance(enum_cls, type) and issubclass(enum_cls, enum.Enum), (cls, f.name)
        scheme = URIRef(f"{CONCEPT}{f.scheme}")
        in_scheme = {c for c in ontology.subjects(ns.SKOS.inScheme, scheme)}
        notations = {str(ontology.value(c, ns.SKOS.notation)) for c in in_scheme}
        assert notations == {e.value for e in enum_cls}, f.scheme
        assert in_scheme == {concept(f.scheme, e.value) for e in enum_cls}
        seen.add(f.scheme)
    assert {"kpi-kind", "sector", "relative-target"} <= seen


def test_guide_file_matches_sections_and_directions_of_the_pack(ontology, pack):
    edition = guide_iri(EDITION)
    sections = {str(ontology.value(s, ns.DCTERMS.identifier)): s for s in ontology.objects(edition, ns.DCTERMS.hasPart)}
    assert list(sorted(sections)) == sorted(s.id for s in pack.sections)
    for section in pack.sections:
        iri = section_iri(EDITION, section.id)
        assert sections[section.id] == iri
        titles = {o.language: str(o) for o in ontology.objects(iri, ns.DCTERMS.title)}
        assert titles["ja"] == section.title and titles.get("en")
    scheme = URIRef(f"{GUIDE}{EDITION}/directions")
    directions = {c for c in ontology.subjects(ns.RDF.type, TBK.NationalDirection) if (c, ns.SKOS.inScheme, scheme) in ontology}
    assert directions == {direction_iri(EDITION, d.code) for d in pack.reference.directions}
    for d in pack.reference.directions:
        iri = direction_iri(EDITION, d.code)
        labels = {o.language: str(o) for o in ontology.objects(iri, ns.SKOS.prefLabel)}
        assert labels == {"ja": d.name.ja, "en": d.name.en}
        assert str(ontology.value(iri, ns.SKOS.notation)) == d.code
        assert str(ontology.value(iri, TBK.printedNumber)) == d.number
        assert str(ontology.value(iri, ns.SKOS.broader)).endswith(f"/direction-group/{d.group}")


def test_core_classes_align_with_bmm(ontology):
    for cls, target in [("Vision", "Vision"), ("Goal", "Goal"), ("NumericalTarget", "Objective"), ("BasicDirection", "Strategy"), ("Measure", "Tactic")]:
        assert (TBK[cls], ns.SKOS.closeMatch, BMM[target]) in ontology


def _model_classes(root=Strategy) -> set[type]:
    found, stack = set(), [root]
    while stack:
        cls = stack.pop()
        if cls in found:
            continue
        found.add(cls)
        for info in cls.model_fields.values():
            tp = _unwrap(info.annotation)
            members = typing.get_args(tp) if typing.get_origin(tp) is typing.Union else (tp,)
            for member in members:
                member = _unwrap(member)
                if isinstance(member, type) and hasattr(member, "model_fields"):
                    stack.append(member)
    return found


def test_mapping_covers_every_field_of_the_format():
    """A field added to the format without a mapping would be silently lost by the export."""
    from checker.model import Indicator, IndicatorRef

    classes = _model_classes() | {Indicator, IndicatorRef}
    assert classes <= set(CLASSES), sorted(c.__name__ for c in classes - set(CLASSES))
    for cls, cm in CLASSES.items():
        assert {f.name for f in cm.fields} == set(cls.model_fields), cls.__name__

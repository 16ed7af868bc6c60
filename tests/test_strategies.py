"""The hypothesis strategies of tests/strategies.py generate what they promise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from checker.load import loads
from checker.model import IndicatorRef
from checker.model.dump import to_data, to_yaml
from checker.model.walk import iter_parts

from .strategies import build_strategy, span_parses, strategy_data, year_parses, year_spans, years

_FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@_FAST
@given(years())
def test_years_parse(value):
    assert year_parses(value)


@_FAST
@given(year_spans())
def test_spans_parse(value):
    assert span_parses(value)


@_FAST
@given(strategy_data())
def test_generated_data_is_a_valid_strategy_that_survives_yaml(data):
    strategy = build_strategy(data)  # validates and checks links
    assert to_data(loads(to_yaml(strategy))) == to_data(strategy)


def test_the_generator_covers_the_format():
    """Over a few hundred examples every optional part of the format shows up."""
    seen: set[str] = set()

    @settings(max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy_data())
    def collect(data):
        strategy = build_strategy(data)
        for path, part in iter_parts(strategy):
            seen.add(type(part).__name__)
            if isinstance(part, IndicatorRef):
                seen.add("relisting")
            for name in type(part).model_fields:
                value = getattr(part, name)
                if value not in (None, [], False):
                    seen.add(f"{type(part).__name__}.{name}")

    collect()
    wanted = {
        "Segment", "IndicatorRef", "Governance", "Deviation", "Member", "Projection", "Pillar",
        "Target.relative", "Target.rank", "Target.bound", "Target.aggregate", "Baseline.period",
        "Indicator.segments", "Indicator.projection", "Measure.pillars", "Goal.numerical_targets",
        "BasicDirection.supplementary_indicators", "BasicDirection.directions", "VerificationBody.sectors",
        "Deviation.node", "SourceRef.document", "PrefecturalStrategyRef.period", "Strategy.documents",
    }
    assert wanted <= seen, sorted(wanted - seen)

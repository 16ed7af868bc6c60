"""Model → plain data → YAML, such that loading the YAML gives back an equal model."""

from __future__ import annotations

import re

import yaml

from .strategy import Strategy


def to_data(strategy: Strategy) -> dict:
    """The strategy as plain JSON-compatible data (unset and default fields left out)."""
    return strategy.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes block style and keeps Japanese text readable."""


_NUMBER_LIKE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^0o[0-7]+$")
"""Text the loader (YAML 1.2 core rules) reads as a number but PyYAML (YAML 1.1) would write unquoted, e.g. '050008'."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else ("'" if _NUMBER_LIKE.match(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(strategy: Strategy) -> str:
    """The strategy as a YAML document in the tebiki-checker format."""
    data = {"format": 1, **to_data(strategy)}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=120)

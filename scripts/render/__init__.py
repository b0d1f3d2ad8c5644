"""Renderers: pure functions from the model to text or bytes, one module per output format.

How dates, lists, punctuation, sizes and names are written in each language: l10n.py (Babel's CLDR data,
never hand-made formats where CLDR has them), imported here for the renderers.
"""
import yaml

from .l10n import date_range, file_size, parse_date, percent, when  # noqa: F401 (the renderers' imports)

# libyaml's emitter (PyYAML's wheels include it): the same YAML as PyYAML's pure-Python one, ten times
# faster; the front matter of every page was a third of the time a preview took to re-render.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def yaml_text(data, sort_keys: bool = False) -> str:
    """YAML for the engine (front matter, configs): UTF-8 as it is, no line wrapping."""
    return yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=sort_keys, width=10**6)

"""Renderers: pure functions from the model to text or bytes, one module per output format.

How dates, lists, punctuation, sizes and names are written in each language: l10n.py (Babel's CLDR data,
never hand-made formats where CLDR has them), imported here for the renderers.
"""
from .l10n import date_range, file_size, parse_date, percent, when  # noqa: F401 (the renderers' imports)

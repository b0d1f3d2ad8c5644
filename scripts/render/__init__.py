"""Renderers: pure functions from the model to text or bytes, one module per output format.

Shared here: how dates are written in each language (Babel's CLDR data, never hand-made formats).
"""
import re
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton

from ..config import language

ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")
# Skeletons by precision of a date written YYYY, YYYY-MM or YYYY-MM-DD.
SKELETONS = {1: "y", 2: "yMMMM", 3: "yMMMMd"}


def parse_date(value: str) -> tuple:
    parts = [int(part) for part in value.split("-")]
    return date(*(parts + [1] * (3 - len(parts)))), len(parts)


def when(value: str, lang: str) -> str:
    """'2025-06-09' -> '9 June 2025' / '9 juin 2025' / '2025年6月9日'; '2013-04' -> 'April 2013'."""
    day, precision = parse_date(value)
    locale = language(lang).babel_locale
    if precision == 3:
        return format_date(day, "long", locale=locale)
    return format_skeleton(SKELETONS[precision], day, locale=locale)


def date_range(start: str, end: str, lang: str) -> str:
    """'12–13 March 2025' in the reader's language."""
    (first, p1), (last, p2) = parse_date(start), parse_date(end)
    if p1 == p2 == 3 and first < last:
        return full_month_interval(first, last, language(lang).babel_locale)
    if start == end:
        return when(start, lang)
    return f"{when(start, lang)} – {when(end, lang)}"


def full_month_interval(first: date, last: date, locale: str) -> str:
    """format_interval(first, last, 'yMMMMd') with the month written out, as UN style wants it.

    CLDR gives many locales (en_GB, fr, ru) only the abbreviated-month interval (yMMMd), which Babel then
    uses as it is ('12–13 Mar 2025'); CLDR's skeleton matching says to widen the month field instead."""
    formats = Locale.parse(locale).interval_formats
    parts = formats.get("yMMMMd") or formats["yMMMd"]
    different = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    start_pattern, end_pattern = (ABBREVIATED_MONTH.sub("MMMM", pattern) for pattern in parts[different])
    return format_date(first, start_pattern, locale=locale) + format_date(last, end_pattern, locale=locale)

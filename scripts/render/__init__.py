"""Renderers: pure functions from the model to text or bytes, one module per output format.

Shared here: how dates and sizes are written in each language (Babel's CLDR data, never hand-made formats).
"""
import re
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_percent
from babel.units import format_unit

from ..config import language

# Skeletons by precision of a date written YYYY, YYYY-MM or YYYY-MM-DD.
SKELETONS = {1: "y", 2: "yMMMM", 3: "yMMMMd"}
FULL_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")  # MMM or LLL alone -> full month name


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
    if start == end:
        return when(start, lang)
    if p1 == p2 == 3:
        return day_interval(first, last, Locale.parse(language(lang).babel_locale))
    return f"{when(start, lang)} – {when(end, lang)}"


def day_interval(first: date, last: date, locale: Locale) -> str:
    """CLDR's interval pattern for day ranges with full month names: yMMMMd where the locale has it (es),
    else yMMMd with the month widened, as ICU adapts a best match (Babel's fuzzy match abbreviates)."""
    differs = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    formats = locale.interval_formats
    parts = formats["yMMMMd"][differs] if "yMMMMd" in formats else formats["yMMMd"][differs]
    widened = [FULL_MONTH.sub(r"\1\1\1\1", part) for part in parts]
    return "".join(format_date(day, pattern, locale=locale) for pattern, day in zip(widened, (first, last)))


def file_size(size: int, lang: str) -> str:
    """312000 -> '305 kB' / '305 ko' / '305 كيلوبايت' (rounded up: never smaller than the download)."""
    return format_unit(-(-size // 1024), "digital-kilobyte", length="short", locale=language(lang).babel_locale)


def percent(share: float, lang: str) -> str:
    """0.873 -> '87 %' / '87 %' / '٨٧٪؜' as the language writes it: whole percents rounded down, so that
    nothing short of complete reads 100 %; below 1 %, tenths (rounded down, at least 0.1 %), so that a few
    reviewed units never read 0 %."""
    locale = Locale.parse(language(lang).babel_locale)
    if 0 < share < 0.01:
        pattern = locale.percent_formats[None].pattern.replace("0", "0.0", 1)
        return format_percent(max(int(share * 1000), 1) / 1000, pattern, locale=locale)
    return format_percent(int(share * 100) / 100, locale=locale)

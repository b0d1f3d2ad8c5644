"""How each language writes what the code assembles: dates and date ranges, lists, the comma between the
parts of one phrase, the colon after a label, sizes, percentages, and the names of languages and of the
United Nations. One place for every such rule (pure functions).

The rules come from Babel's CLDR data wherever CLDR has them. CLDR (as Babel ships it) has no rule for
the comma inside a phrase or the colon after a label, nor the month names of UN Arabic documents: those
are the small tables below, each saying where it comes from. Text written by translators (interface
strings in translations/*.po) carries its own punctuation; these rules are for the pieces the code joins.
"""
import re
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date, match_skeleton
from babel.lists import format_list
from babel.numbers import format_percent
from babel.units import format_unit

from ..config import language

# Skeletons by precision of a date written YYYY, YYYY-MM or YYYY-MM-DD (YYYY-MM-DD: the long format).
SKELETONS = {1: "y", 2: "yMMMM"}
# A field of a CLDR date pattern, or a quoted literal (kept as it is).
PATTERN_PART = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")
MONTH_FIELD = re.compile(r"'(?:[^']|'')*'|([ML]+)")

# The comma between the parts of one phrase ("St. Julian's, Malta, 12–13 March 2025"). CLDR's list
# patterns join the items of a list (Chinese 、, Arabic و), which is another rule (see `listing`).
PHRASE_COMMA = {"zh": "，", "ar": "، "}
# The colon after a label ("Principle 13: title"): French sets a narrow no-break space before it
# (typographie de l'Imprimerie nationale, as the French UN documents print it); Chinese the full-width colon.
LABEL_COLON = {"fr": "\u202f: ", "zh": "："}
DEFAULT_COMMA, DEFAULT_COLON = ", ", ": "

# UN Arabic documents name each month twice, its Levantine name and its name from the Latin calendar
# ("9 حزيران/يونيه 2025"); CLDR has each alone (locales ar_SY and ar). The UN spells June and July
# يونيه and يوليه where CLDR writes يونيو and يوليو.
UN_ARABIC_LEVANTINE, UN_ARABIC_LATIN = "ar_SY", "ar"
UN_ARABIC_SPELLING = {"يونيو": "يونيه", "يوليو": "يوليه"}


def parse_date(value: str) -> tuple:
    """'2025-06' -> (date(2025, 6, 1), 2): the date and how many of its parts are known."""
    parts = [int(part) for part in value.split("-")]
    return date(*(parts + [1] * (3 - len(parts)))), len(parts)


def cldr_locale(lang: str) -> Locale:
    return Locale.parse(language(lang).babel_locale)


# ---- dates ---------------------------------------------------------------------------------------------

@cache
def un_month_names(lang: str) -> dict:
    """month number -> the name a UN document of `lang` writes, where it differs from CLDR's ({} if not)."""
    if lang != "ar":
        return {}
    levantine = Locale.parse(UN_ARABIC_LEVANTINE).months["format"]["wide"]
    latin = Locale.parse(UN_ARABIC_LATIN).months["format"]["wide"]
    return {m: f"{levantine[m]}/{UN_ARABIC_SPELLING.get(latin[m], latin[m])}" for m in range(1, 13)}


def with_month_names(pattern: str, day: date, lang: str) -> str:
    """A CLDR pattern whose full month name (MMMM, LLLL) is replaced by the UN's, as a quoted literal."""
    names = un_month_names(lang)
    if not names:
        return pattern
    literal = "'" + names[day.month].replace("'", "''") + "'"
    return PATTERN_PART.sub(lambda m: literal if m.group(0) in ("MMMM", "LLLL") else m.group(0), pattern)


def formatted(day: date, pattern: str, lang: str) -> str:
    return format_date(day, with_month_names(pattern, day, lang), locale=cldr_locale(lang))


@cache  # pure, and asked for the same few dates on every page of a build or a preview's re-render
def when(value: str, lang: str) -> str:
    """'2025-06-09' -> '9 June 2025' / '9 juin 2025' / '2025年6月9日' / '9 حزيران/يونيه 2025'; '2013-04' ->
    'April 2013'; '2013' -> '2013'."""
    day, precision = parse_date(value)
    locale = cldr_locale(lang)
    if precision == 3:
        pattern = locale.date_formats["long"].pattern
    else:
        skeletons = locale.datetime_skeletons
        pattern = skeletons[match_skeleton(SKELETONS[precision], skeletons)].pattern
    return formatted(day, pattern, lang)


@cache  # pure (see when)
def date_range(start: str, end: str, lang: str) -> str:
    """'12–13 March 2025' in the reader's language."""
    (first, p1), (last, p2) = parse_date(start), parse_date(end)
    if start == end:
        return when(start, lang)
    if p1 == p2 == 3:
        formats = cldr_locale(lang).interval_formats
        skeleton = "yMMMMd" if "yMMMMd" in formats else "yMMMd"
        differs = "y" if first.year != last.year else "M" if first.month != last.month else "d"
        return day_interval(first, last, formats[skeleton][differs], lang)
    return f"{when(start, lang)} – {when(end, lang)}"


def long_month_width(lang: str) -> int:
    """How many letters the month field of the language's long date format has: 4 writes the name in
    full (9 June 2025), 1 or 2 a number (zh 2025年6月9日)."""
    fields = [m.group(1) for m in MONTH_FIELD.finditer(cldr_locale(lang).date_formats["long"].pattern) if m.group(1)]
    return len(fields[0]) if fields else 4


def day_interval(first: date, last: date, parts, lang: str) -> str:
    """Two days with CLDR's interval pattern `parts` (the text up to and including the separator, then
    the rest), the month written as the language's long dates write it. CLDR's day intervals abbreviate
    the month (yMMMd, "12–13 Mar 2025"): where the long format writes the month in full, it is widened,
    as ICU adapts a best match; where it writes a number (Chinese), the pattern's MMM stays, which CLDR
    writes "3月" (widening it would give "三月", as Babel 2.19's data does if widened)."""
    width = long_month_width(lang)

    def month(match):
        field = match.group(0)
        if match.group(1) in ("M", "L") and len(field) == 3 and width == 4:
            return field[0] * 4
        return field

    widened = [PATTERN_PART.sub(month, part) for part in parts]
    return "".join(formatted(day, pattern, lang) for pattern, day in zip(widened, (first, last), strict=True))


# ---- lists and punctuation --------------------------------------------------------------------------------

def listing(items, lang: str) -> str:
    """['A', 'B', 'C'] -> 'A, B and C' / 'A, B et C' / 'A、B和C' / 'A وB وC' (CLDR's list pattern)."""
    items = list(items)
    return format_list(items, style="standard", locale=cldr_locale(lang)) if items else ""


def comma(lang: str) -> str:
    """What separates the parts of one phrase: ', ', Chinese '，', Arabic '، '."""
    return PHRASE_COMMA.get(lang, DEFAULT_COMMA)


def phrase(parts, lang: str) -> str:
    """The parts of one phrase joined with the language's comma: 'St. Julian's, Malta, 12–13 March 2025'."""
    return comma(lang).join(part for part in parts if part)


def colon(lang: str) -> str:
    """What follows a label before its value: ': ', French '\u202f: ', Chinese '：'."""
    return LABEL_COLON.get(lang, DEFAULT_COLON)


def labelled(label: str, value: str, lang: str) -> str:
    """'Principle 13: Strengthening …' / 'Principe 13\u202f: Renforcement …' / '原则 13：加强…'."""
    return label + colon(lang) + value


# ---- names ---------------------------------------------------------------------------------------------

def language_name(code: str, lang: str) -> str:
    """The name of language `code` in `lang`, as CLDR writes it inside a sentence: 'anglais', '英语'."""
    return cldr_locale(lang).languages.get(code, code)


def united_nations(lang: str) -> str:
    """The United Nations' own name in `lang` (CLDR's name of the region UN): 'United Nations', 'Nations
    Unies', 'Naciones Unidas', 'Организация Объединенных Наций', '联合国', 'الأمم المتحدة'."""
    return cldr_locale(lang).territories["UN"]


# ---- numbers -------------------------------------------------------------------------------------------

def file_size(size: int, lang: str) -> str:
    """312000 -> '305 kB' / '305 ko' / '305 كيلوبايت' (rounded up: never smaller than the download)."""
    return format_unit(-(-size // 1024), "digital-kilobyte", length="short", locale=cldr_locale(lang))


def percent(share: float, lang: str) -> str:
    """0.873 -> '87 %' / '87 %' / '٨٧٪؜' as the language writes it: whole percents rounded down, so that
    nothing short of complete reads 100 %; below 1 %, tenths (rounded down, at least 0.1 %), so that a few
    reviewed units never read 0 %."""
    locale = cldr_locale(lang)
    if 0 < share < 0.01:
        pattern = locale.percent_formats[None].pattern.replace("0", "0.0", 1)
        return format_percent(max(int(share * 1000), 1) / 1000, pattern, locale=locale)
    return format_percent(int(share * 100) / 100, locale=locale)

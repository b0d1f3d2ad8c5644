"""The per-language rules of scripts/render/l10n.py: dates, date ranges, lists, the comma inside a phrase,
the colon after a label and the United Nations' name, one test per language and rule; the day interval
against CLDR data of another Babel version too."""
from datetime import date

import pytest
from babel import Locale

from scripts.config import LANGUAGE_CODES
from scripts.render import l10n

DAY, MONTH = "2025-06-09", "2013-04"
# CLDR's yMMMd day intervals as Babel 2.19 (CLDR 47) ships them: Chinese abbreviates the month as "3月"
# (its MMM), which widening to MMMM would turn into "三月".
CLDR_47_YMMMD = {"zh": {"d": ["y年MMMd日\u2009–\u2009", "d日"], "M": ["y年MMMd日\u2009–\u2009", "MMMd日"]},
                 "en": {"d": ["d\u2009–\u2009", "d MMM y"], "M": ["d MMM\u2009–\u2009", "d MMM y"]},
                 "ar": {"d": ["d–", "d MMM y"], "M": ["d MMM – ", "d MMM y"]}}
CHINESE_NUMERAL_MONTH = "一二三四五六七八九十"


@pytest.mark.parametrize("lang, day, month", [
    ("en", "9 June 2025", "April 2013"),
    ("fr", "9 juin 2025", "avril 2013"),
    ("es", "9 de junio de 2025", "abril de 2013"),
    ("ru", "9 июня 2025\u202fг.", "апрель 2013\u202fг."),
    ("zh", "2025年6月9日", "2013年4月"),
    ("ar", "9 حزيران/يونيه 2025", "نيسان/أبريل 2013"),  # UN Arabic: both month names, UN spelling
])
def test_dates(lang, day, month):
    assert l10n.when(DAY, lang) == day and l10n.when(MONTH, lang) == month


def test_arabic_months_are_written_as_un_documents_write_them():
    """Each month: its Levantine name (CLDR ar_SY), a slash, its Latin-calendar name (CLDR ar), with the
    UN's spelling of June and July; in single dates, ranges of days, ranges across months and years."""
    names = l10n.un_month_names("ar")
    levantine, latin = (Locale.parse(code).months["format"]["wide"] for code in ("ar_SY", "ar"))
    assert sorted(names) == list(range(1, 13))
    for month, name in names.items():
        first, second = name.split("/")
        assert first == levantine[month] and second in (latin[month], "يونيه", "يوليه")
    assert names[6] == "حزيران/يونيه" and names[7] == "تموز/يوليه" and names[3] == "آذار/مارس"
    for start, end in (("2025-03-12", "2025-03-13"), ("2013-01-31", "2013-02-01"), ("2024-12-30", "2025-01-02")):
        text = l10n.date_range(start, end, "ar")
        for value in (start, end):
            assert names[int(value[5:7])] in text, text
        assert not [word for word in latin.values() if f" {word}" in text], f"a month without its pair: {text}"
    assert [lang for lang in LANGUAGE_CODES if l10n.un_month_names(lang)] == ["ar"]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_day_ranges_write_the_month_as_the_language_writes_dates(lang):
    """The month of a range is the month of the language's long dates (a name, or a number in Chinese)."""
    for start, end in (("2025-03-12", "2025-03-13"), ("2025-02-28", "2025-03-02")):
        text = l10n.date_range(start, end, lang)
        for value in (start, end):
            day = l10n.parse_date(value)[0]
            if l10n.long_month_width(lang) == 4:  # the month's name, as in "9 June 2025"
                assert l10n.formatted(day, "MMMM", lang) in l10n.when(value, lang) and l10n.formatted(day, "MMMM", lang) in text
            else:  # a number: 2025年3月12日
                assert f"{day.month}月" in l10n.when(value, lang) and f"{day.month}月" in text, text
        assert not any(char in text for char in CHINESE_NUMERAL_MONTH)


@pytest.mark.parametrize("lang", sorted(CLDR_47_YMMMD))
def test_day_interval_is_right_with_the_cldr_data_of_babel_2_19(lang):
    """Babel 2.19 abbreviates Chinese months as 3月 in day intervals; the code must not widen them to 三月
    (the wrong "2025年三月12日 – 13日"), while it still writes English and Arabic months in full."""
    same_month = l10n.day_interval(date(2025, 3, 12), date(2025, 3, 13), CLDR_47_YMMMD[lang]["d"], lang)
    across = l10n.day_interval(date(2025, 2, 28), date(2025, 3, 2), CLDR_47_YMMMD[lang]["M"], lang)
    expected = {"zh": ("2025年3月12日\u2009–\u200913日", "2025年2月28日\u2009–\u20093月2日"),
                "en": ("12\u2009–\u200913 March 2025", "28 February\u2009–\u20092 March 2025"),
                "ar": ("12–13 آذار/مارس 2025", "28 شباط/فبراير – 2 آذار/مارس 2025")}
    assert (same_month, across) == expected[lang]


@pytest.mark.parametrize("lang, joined", [
    ("en", "A, B and C"), ("fr", "A, B et C"), ("es", "A, B y C"), ("ru", "A, B и C"), ("zh", "A、B和C"), ("ar", "A وB وC"),
])
def test_lists_follow_cldr(lang, joined):
    assert l10n.listing(["A", "B", "C"], lang) == joined
    assert l10n.listing(["A"], lang) == "A" and l10n.listing([], lang) == ""


@pytest.mark.parametrize("lang, place_and_dates, label", [
    ("en", "P, D", "Principle 13: T"),
    ("fr", "P, D", "Principe 13\u202f: T"),  # narrow no-break space before the colon
    ("es", "P, D", "Principio 13: T"),
    ("ru", "P, D", "Принцип 13: T"),
    ("zh", "P，D", "原则 13：T"),  # full-width comma and colon, no space
    ("ar", "P، D", "المبدأ 13: T"),  # Arabic comma
])
def test_comma_and_colon(lang, place_and_dates, label):
    assert l10n.phrase(["P", "", "D"], lang) == place_and_dates
    assert l10n.labelled(label.split("13")[0] + "13", "T", lang) == label
    latin_comma_after_arabic_or_chinese = lang in ("ar", "zh") and "," in l10n.phrase(["P", "D"], lang)
    assert not latin_comma_after_arabic_or_chinese


@pytest.mark.parametrize("lang, name", [
    ("en", "United Nations"), ("fr", "Nations Unies"), ("es", "Naciones Unidas"),
    ("ru", "Организация Объединенных Наций"), ("zh", "联合国"), ("ar", "الأمم المتحدة"),
])
def test_the_united_nations_is_named_in_each_language(lang, name):
    assert l10n.united_nations(lang) == name


def test_language_names_are_in_the_readers_language():
    assert [l10n.language_name("en", lang) for lang in LANGUAGE_CODES] == [
        "English", "anglais", "inglés", "английский", "英语", "الإنجليزية"]

"""The checks `./vp check` runs on translations/ for every pull request; pure functions, nothing written.

Every problem is one line, `translations/fr.po:LINE: UNIT: what is wrong: what to do`, LINE being the
msgstr (or the entry) to fix. The build itself only needs valid PO syntax (catalogs.read_catalog): these
checks are stricter, so that a translation is fixed before it reaches readers.

Rules, per translated msgstr:
- numbers, document symbols (A/RES/60/288, S/RES/2129 (2013), 2129 (2013)) and markup of the English
  are kept. Digits of any script count as the same digits (Arabic-Indic ٠١٢, Persian ۰۱۲, full-width
  ０１２), and full-width ASCII (（）／) as ASCII, so `٢١٢٩ (٢٠١٣)` keeps `2129 (2013)`. A number
  written in words (十, vingt-cinq) cannot be verified: the message gives the exact number to write in
  digits. Extra numbers are fine (a Chinese date adds the month's number).
- `{placeholders}` of interface strings (units `ui/…`, filled in with str.format) are kept, none added.
- no HTML, `javascript:` or `on…=` event attribute that the English does not have (the site escapes all
  text anyway; this keeps markup out of the files).
- no bidirectional embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069), in any
  language: they can display text in another order than it is stored (Trojan Source), and the site sets
  each text's direction itself.
- no invisible character (format characters, category Cf, e.g. U+200B ZERO WIDTH SPACE, U+2060 WORD
  JOINER, U+FEFF, U+00AD SOFT HYPHEN; controls, private-use or unassigned code points, line/paragraph
  separators, Hangul fillers), except, in Arabic only, the marks U+200E LRM, U+200F RLM and U+061C ALM
  (they place neutral characters such as the slashes and brackets of a Latin document symbol inside
  right-to-left text, without the stack of an embedding) and U+200C ZWNJ / U+200D ZWJ (they control the
  joining of Arabic letters). A character the English itself contains is accepted.
Per entry: a review mark (`# review: reviewed|official`) is known, never on an empty msgstr or a fuzzy
entry; plural entries have as many msgstr[N] as the language has plural forms. Per file: the header's
Language and Plural-Forms fit the file's language; the units are exactly those of messages.pot (same
msgctxt, same msgid). The template: what `./vp update-catalogs` would write from principles.yaml.
"""
import gettext
import re
import string
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path, PurePath

import polib
from babel import Locale
from babel.messages.catalog import Catalog

from . import catalogs, po_layout, po_syntax
from .config import TRANSLATED_LANGUAGES, language
from .errors import PipelineError

FORMATTED_PREFIX = "ui/"  # interface strings of scripts/ui.py: templates for str.format
UPDATE = "run `./vp update-catalogs`"

FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH = re.compile("[\uff01-\uff5e]")
OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a decimal digit of another script (Unicode category Nd, as str.isdecimal)
SYMBOL = re.compile(r"(?<![A-Za-z0-9/])[A-Z]{1,5}(?:/[A-Za-z0-9.\-]+)+(?:\s*\([0-9]{4}\))?")
RESOLUTION = re.compile(r"(?<![A-Za-z0-9/])[0-9]{1,5}\s*\([0-9]{4}\)")  # 2129 (2013), Chinese 第2129(2013)号
NUMBER = re.compile(r"[0-9]+")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?")
SCRIPT_URL = re.compile(r"(?i)\b(?:java|vb)script\s*:")
EVENT_ATTRIBUTE = re.compile(r"(?i)(?<![a-z])on[a-z]+\s*=")

BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
ALLOWED_INVISIBLE = {"ar": {"\u200e", "\u200f", "\u061c", "\u200c", "\u200d"}}
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cn", "Zl", "Zp"}
HANGUL_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}  # letters that show nothing
HANGUL_FILLER = re.compile(f"[{''.join(sorted(HANGUL_FILLERS))}]")


# ---- the whole folder ---------------------------------------------------------------------------------

def check_translations(directory: Path, expected_template=None, official=None) -> list:
    """Every problem of translations/: the template (against `expected_template`, the text that
    update-catalogs would write, when given) and each language's catalog (against the template). Each
    file is checked on its own, so a broken file hides nothing of the others. official: lang -> ids of
    the editions whose official translation into it principles.yaml records (None: not known, the
    official marks are not checked)."""
    return checked_translations(directory, expected_template, official)[0]


def checked_translations(directory: Path, expected_template=None, official=None, beside=None) -> tuple:
    """(check_translations' problems, lang -> Catalog of each language's catalog that parses): `check` hands
    the catalogs on to the build's reading (commands.read_inputs), so that each file is parsed once.
    expected_template: the text, or a function that makes it (`check` has it made where it is compared).
    beside: how `check` runs work in its second process (parallel.in_background): the template is compared
    and the catalogs of BESIDE_LANGUAGES are checked there meanwhile."""
    expected = expected_template if expected_template is None or callable(expected_template) else lambda: expected_template
    problems, text, template = read_template(directory, expected)
    problems += [catalogs.unknown_language(path) for path in sorted(directory.glob("*.po"))
                 if path.stem not in {lang.code for lang in TRANSLATED_LANGUAGES}]
    if beside is None:
        compared, checked = compared_and_checked(directory, text, template, expected, official, TRANSLATED_CODES)
    else:
        here = [code for code in TRANSLATED_CODES if code not in BESIDE_LANGUAGES]
        with beside(compared_and_checked, directory, text, template, expected, official, BESIDE_LANGUAGES) as theirs:
            checked = checked_catalogs(directory, here, template, official)
            compared, checked_there = theirs()
        checked.update(checked_there)
    problems += compared
    parsed = {}
    for lang in TRANSLATED_CODES:  # in the languages' order, wherever they were checked
        found, parsed[lang] = checked[lang]
        problems += found
    return list(dict.fromkeys(problems)), {lang: catalog for lang, catalog in parsed.items() if catalog is not None}


TRANSLATED_CODES = tuple(lang.code for lang in TRANSLATED_LANGUAGES)
# What `check` does in its second process (which also reads the content pages: commands.check): the
# template's comparison and these catalogs, about as long as the other catalogs take in the first one.
BESIDE_LANGUAGES = ("zh", "ar")


def read_template(directory: Path, expected) -> tuple:
    """(problems, text, Catalog) of messages.pot; text None when it cannot be read or parsed, the Catalog
    then the expected template's when the file is there but broken (the catalogs are still compared with
    what it should be), else None. expected: a function that makes update-catalogs' text, or None."""
    path = catalogs.template_path(directory)
    name = catalogs.file_name(path)
    try:
        text = catalogs.read_text(path)
        return [], text, catalogs.parse_catalog(name, text)
    except FileNotFoundError:
        return [f"{name}:1: missing: {UPDATE}"], None, None
    except OSError as err:
        return [f"{name}: cannot read: {err.strerror}"], None, None
    except PipelineError as err:
        return list(err.problems), None, None if expected is None else catalogs.parse_catalog(name, expected())


def compared_and_checked(directory: Path, text, template, expected, official, langs) -> tuple:
    """(problems of messages.pot's text against expected's, checked_catalogs of langs)."""
    name = catalogs.file_name(catalogs.template_path(directory))
    compared = [] if text is None or expected is None else template_problems(name, text, template, expected())
    return compared, checked_catalogs(directory, langs, template, official)


def checked_catalogs(directory: Path, langs, template, official) -> dict:
    """lang -> checked_catalog's answer, for each of langs."""
    return {lang: checked_catalog(directory, lang, template, official) for lang in langs}


def checked_catalog(directory: Path, lang: str, template, official) -> tuple:
    """(problems, Catalog or None when it does not parse) of one language's catalog."""
    path = catalogs.catalog_path(lang, directory)
    name = catalogs.file_name(path)
    try:
        text = catalogs.read_text(path)
        parsed = catalogs.scan_catalog(name, text, lang)
    except FileNotFoundError:
        return [f"{name}:1: missing: {UPDATE} to create it"], None
    except OSError as err:
        return [f"{name}: cannot read: {err.strerror}"], None
    except PipelineError as err:
        return list(err.problems), None
    editions = None if official is None else official.get(lang, frozenset())
    try:
        return catalog_problems(name, text, parsed, template, editions), parsed[0]
    except PipelineError as err:
        return list(err.problems), parsed[0]


def template_problems(name: str, text: str, template: Catalog, expected_text: str) -> list:
    """messages.pot against what update-catalogs would write from principles.yaml and scripts/ui.py
    (however its lines are wrapped)."""
    if text == expected_text:  # as it should be (nearly always): nothing to compare
        return []
    expected = catalogs.parse_catalog(name, expected_text)
    current = {m.context: m for m in template if m.id}
    wanted = {m.context: m for m in expected if m.id}
    found = [(1, f"{ctx}: missing (new in principles.yaml or scripts/ui.py): {UPDATE}") for ctx in wanted if ctx not in current]
    for ctx, message in current.items():
        if ctx not in wanted:
            found.append((message.lineno, f"{ctx}: no longer in principles.yaml or scripts/ui.py: {UPDATE}"))
        elif message.id != wanted[ctx].id:
            found.append((message.lineno, f"{ctx}: msgid differs from the English of principles.yaml or scripts/ui.py: {UPDATE}"))
    if not found and po_layout.generate(polib.pofile(text)) != expected_text:
        found.append((1, f"differs from what `./vp update-catalogs` writes (order, comments or header): {UPDATE}"))
    return located(name, found)


def located(name: str, found: list) -> list:
    return [f"{name}:{line}: {message}" for line, message in sorted(found, key=lambda item: item[0])]


# ---- one catalog --------------------------------------------------------------------------------------

def check_catalog(name: str, text: str, template=None, official=None) -> list:
    """Every problem of one language's PO file (`name` ends with `xx.po`), against the template Catalog;
    official: ids of the editions with a recorded official translation into the language (None: unknown)."""
    try:
        parsed = catalogs.scan_catalog(name, text, PurePath(name).stem)
    except PipelineError as err:
        return list(err.problems)
    return catalog_problems(name, text, parsed, template, official)


def catalog_problems(name: str, text: str, parsed: tuple, template=None, official=None) -> list:
    """check_catalog's problems of a catalog that parses: `parsed` is its (Catalog, entries), from
    catalogs.scan_catalog."""
    lang = PurePath(name).stem
    catalog, entries = parsed
    by_msgid_line = {entry.lines["msgid"]: entry for entry in entries if not entry.obsolete}
    lines = text.split("\n")
    found = header_problems(lang, lines, next((e for e in entries if is_header(e)), None)) + mangled_previous_problems(lines)
    messages = [(m, by_msgid_line[m.lineno]) for m in catalog if m.id]
    for message, entry in messages:
        unit = message.context or f'msgid "{message.id[:40]}"'
        found += [(line, f"{unit}: {problem}") for line, problem in refusal_problems(message, entry)]  # what the build refuses first
        found += [(line, f"{unit}: {problem}") for line, problem in message_problems(lang, message, entry)]
        found += [(line, f"{unit}: {problem}") for line, problem in mark_problems(lang, message, entry, official)]
    if template is not None:
        found += sync_problems(messages, template)
    return located(name, found)


def is_header(entry: po_syntax.Entry) -> bool:
    return not entry.obsolete and entry.values["msgid"] == "" and "msgctxt" not in entry.values


def header_problems(lang: str, lines: list, header) -> list:
    if header is None:
        return [(1, f'no header entry (msgid ""): copy it from messages.pot with "Language: {lang}", or {UPDATE}')]
    fields = {}
    for field_line in header.values["msgstr"].split("\n"):
        key, _, value = field_line.partition(":")
        fields[key.strip().lower()] = value.strip()
    found = []
    if fields.get("language", "").replace("-", "_") != lang:
        found.append((header_line(lines, header, "Language"),
                      f'header Language must be "{lang}" (the file name), not "{fields.get("language", "")}"'))
    if "charset=utf-8" not in fields.get("content-type", "").lower().replace(" ", ""):
        found.append((header_line(lines, header, "Content-Type"), 'header Content-Type must be "text/plain; charset=UTF-8"'))
    if not same_plural_rule(fields.get("plural-forms", ""), lang):
        found.append((header_line(lines, header, "Plural-Forms"),
                      f'header Plural-Forms does not fit {Locale.parse(lang).english_name}: '
                      f'write "Plural-Forms: {language(lang).plural_forms}"'))
    return found


def header_line(lines: list, header, field: str) -> int:
    """The line of a header field, else the header's msgstr line."""
    start = header.msgstr_line
    for number in range(start, len(lines) + 1):
        line = lines[number - 1].strip()
        if not line:
            break
        if line.lower().startswith(f'"{field.lower()}:'):
            return number
    return start


PLURAL_SAMPLE = range(1001)  # the numbers a Plural-Forms formula is compared on
PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?")


def plural_forms_of(value: str) -> tuple:
    """(nplurals, the form of each n of PLURAL_SAMPLE) of a Plural-Forms value, or None if it has no such
    formula."""
    match = PLURAL_FORMS.fullmatch(value)
    if not match:
        return None
    try:
        rule = gettext.c2py(match.group(2))
        return int(match.group(1)), tuple(rule(n) for n in PLURAL_SAMPLE)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return None


@cache
def expected_plural_forms(lang: str) -> tuple:
    """plural_forms_of the language's own formula (config.Language.plural_forms: CLDR's integer categories,
    which tests/test_review_marks.py checks against Babel's CLDR data, so that check needs no CLDR rule
    evaluated: 5 ms where Babel's took 35)."""
    return plural_forms_of(language(lang).plural_forms)


def plural_count(lang: str) -> int:
    return expected_plural_forms(lang)[0]


def same_plural_rule(value: str, lang: str) -> bool:
    """Whether a Plural-Forms value gives the language's number of forms and its form for every n of
    PLURAL_SAMPLE, however the formula is written (Poedit's, Weblate's and msginit's all pass)."""
    return plural_forms_of(value) == expected_plural_forms(lang)


def message_problems(lang: str, message, entry: po_syntax.Entry) -> list:
    """(line, problem) of one entry: review mark, plural forms, and each msgstr's content."""
    forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    found = review_problems(message, entry, forms)
    count = plural_count(lang)
    if message.pluralizable and entry.plural_forms != count:
        found.append((entry.msgstr_line, f"{entry.plural_forms} plural forms, but {Locale.parse(lang).english_name} has "
                                         f"{count}: write msgstr[0] to msgstr[{count - 1}]"))
    # msgstr[0] translates msgid, the other forms msgid_plural; a language with one form, msgid_plural
    sources = message.id if message.pluralizable else (message.id,)
    formatted = (message.context or "").startswith(FORMATTED_PREFIX)
    for index, form in enumerate(forms):
        if not form:
            continue
        source = sources[min(index, len(sources) - 1)] if len(forms) > 1 else sources[-1]
        problems = safety_problems(source, form, lang)
        if not message.fuzzy:  # a fuzzy translation is of older English and is not shown
            problems += fidelity_problems(source, form, formatted)
        found += [(entry.lines.get(f"msgstr[{index}]", entry.msgstr_line), problem) for problem in problems]
    return found


def review_problems(message, entry: po_syntax.Entry, forms) -> list:
    """A review mark must be known, and only on a translated, up-to-date unit."""
    found = []
    marks = [c[len(catalogs.REVIEW_PREFIX):].strip() for c in message.user_comments if c.startswith(catalogs.REVIEW_PREFIX)]
    for mark in marks:
        if mark not in catalogs.REVIEW_STATES:
            found.append((entry.line, f'unknown review mark "review: {mark}": write "# review: reviewed" or "# review: official"'))
        elif not all(forms):
            found.append((entry.msgstr_line,
                          f'marked "review: {mark}" but not translated (empty msgstr): translate it or remove the review mark'))
        elif message.fuzzy:
            found.append((entry.line, f'marked "review: {mark}" and fuzzy (the English changed since): update the translation, '
                                      "remove the fuzzy flag and the review mark until it is reviewed again"))
    return found


# What a translator may mean as a review mark but is not one: "# reviewed", "# review reviewed",
# "# Review: reviewed", "# approved", "# official". (Lines Babel reads from `#|` start with "|".)
NEAR_MISS = re.compile(r"(?i)^\W*(review|reviewed|revised|revision|approved|official|validated|checked)\b")


# "#| msgid …" that a tool or an editor turned into a translator comment ("# | msgid …"): it piles up on every
# refresh and no longer tells translators what changed. (Babel reads both as comments: the raw lines tell.)
MANGLED_PREVIOUS = re.compile(r"#\s+\|")


def mangled_previous_problems(lines: list) -> list:
    return [(number, f'"{line.strip()[:40]}" looks like the previous English ("#| msgid …") broken by a space after "#": '
                     f'remove the line (`./vp update-catalogs` keeps the previous English itself)')
            for number, line in enumerate(lines, start=1) if MANGLED_PREVIOUS.match(line)]


def mark_problems(lang: str, message, entry: po_syntax.Entry, official) -> list:
    """Translator comments that look like a review mark but are not one, and official marks that
    principles.yaml does not back."""
    found = []
    for comment in message.user_comments:
        if comment.startswith((catalogs.REVIEW_PREFIX, catalogs.PREVIOUS_REVIEW)):
            continue
        if NEAR_MISS.match(comment):
            found.append((entry.line, f'"# {comment}" is not a review mark, so the unit counts as an unreviewed draft: '
                                      f'write "# review: reviewed" exactly, or remove the line'))

    marks = [c[len(catalogs.REVIEW_PREFIX):].strip() for c in message.user_comments if c.startswith(catalogs.REVIEW_PREFIX)]
    edition = (message.context or "").split("/", 1)[0]
    if official is not None and "official" in marks and edition not in official:
        what = (f"principles.yaml records no official {Locale.parse(lang).english_name} translation of {edition}"
                if not (message.context or "").startswith(FORMATTED_PREFIX) else "the site's interface has no official translation")
        found.append((entry.line, f'marked "review: official", but {what}: write "# review: reviewed" (a maintainer records '
                                  f"an official translation's document under official_translations in principles.yaml)"))
    return found


def sync_problems(messages: list, template: Catalog) -> list:
    """The catalog's units against messages.pot: none missing, none extra, msgid unchanged."""
    english = {m.context: m.id for m in template if m.id}
    found, seen = [], {}
    for message, entry in messages:
        ctx = message.context
        if ctx is None:
            found.append((entry.line,
                          f'entry without msgctxt (msgid "{message.id[:40]}"): every unit keeps the msgctxt of messages.pot; {UPDATE}'))
        elif ctx in seen:
            found.append((entry.line, f"{ctx}: second entry for this unit (the first is at line {seen[ctx]}): keep one"))
        elif ctx not in english:
            found.append((entry.line, f"{ctx}: not a unit of messages.pot (removed, or msgctxt edited): {UPDATE} "
                                      "(it keeps the translation as an obsolete #~ entry)"))
        elif message.id != english[ctx]:
            fuzzy = "" if message.fuzzy else " and the entry is not marked fuzzy"
            found.append((entry.lines["msgid"],
                          f"{ctx}: msgid differs from the English in messages.pot{fuzzy}: never edit msgid; {UPDATE}"))
        seen.setdefault(ctx, entry.line)
    found += [(1, f"{ctx}: missing (it is in messages.pot): {UPDATE}") for ctx in english if ctx not in seen]
    return found


# ---- one translation ----------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Digits of any script as ASCII digits and full-width ASCII as ASCII: how numbers are compared."""
    text = text.translate(FULLWIDTH_ASCII) if FULLWIDTH.search(text) else text
    return text if text.isascii() else OTHER_DIGIT.sub(lambda digit: str(unicodedata.decimal(digit.group())), text)


@lru_cache(maxsize=4096)  # each English text is compared with its translation in every catalog
def symbols_and_numbers(text: str) -> tuple:
    """(document symbols as found, numbers) of a text, numbers inside a symbol not counted again."""
    text = normalise(text)
    if not NUMBER.search(text):  # no number, so no document symbol either (most texts)
        return (), ()
    symbols = []
    for pattern in (SYMBOL, RESOLUTION):
        symbols += [m.group() for m in pattern.finditer(text) if NUMBER.search(m.group())]
        text = pattern.sub(lambda m: " " if NUMBER.search(m.group()) else m.group(), text)
    return tuple(symbols), tuple(NUMBER.findall(text))


def fidelity_problems(source: str, translation: str, formatted: bool = False) -> list:
    """What of the English a translation lost: document symbols, numbers, markup, placeholders."""
    source_symbols, source_numbers = symbols_and_numbers(source)
    problems = number_problems(source_symbols, source_numbers, translation) if source_symbols or source_numbers else []
    source_tags = TAG.findall(source)
    tags = Counter(tag_key(tag) for tag in TAG.findall(translation)) if source_tags else None
    for tag in source_tags:
        if tags[tag_key(tag)] > 0:
            tags[tag_key(tag)] -= 1
        else:
            problems.append(f"the markup {tag} is missing: keep it as in the English")
    if formatted:
        problems += placeholder_problems(source, translation)
    return problems


def number_problems(source_symbols: tuple, source_numbers: tuple, translation: str) -> list:
    """The English's document symbols and numbers that the translation lost (fidelity_problems)."""
    problems = []
    symbols, numbers = symbols_and_numbers(translation)
    kept = Counter(re.sub(r"\s+", "", s) for s in symbols)
    for symbol in source_symbols:
        key = re.sub(r"\s+", "", symbol)
        if kept[key] > 0:
            kept[key] -= 1
        else:
            problems.append(f"the document symbol {symbol} is missing: copy it exactly as in the English")
    wanted, have = Counter(source_numbers), Counter(numbers)
    for number in dict.fromkeys(source_numbers):
        if have[number] == 0:
            problems.append(f"the number {number} is missing: write it in digits, as in the English")
        elif have[number] < wanted[number]:
            problems.append(f"the number {number} appears {wanted[number]} times in the English but {have[number]} "
                            f"in the translation: write each in digits")
    return problems


def tag_key(tag: str) -> str:
    return re.sub(r"\s+", " ", tag.strip())


def placeholder_problems(source: str, translation: str) -> list:
    try:
        expected = placeholders(source)
    except ValueError:  # a msgid edited in the catalog (sync_problems says so): nothing to compare with
        return []
    try:
        present = placeholders(translation)
    except ValueError as err:
        return [f"the braces do not form valid {{placeholders}} ({err}): copy the English's placeholders unchanged"]
    problems = [f"the placeholder {{{name}}} is missing: copy it unchanged" for name in sorted(expected - present)]
    allowed = ", ".join(f"{{{name}}}" for name in sorted(expected)) or "none"
    problems += [f"unknown placeholder {{{name}}}: use only the English's ({allowed})" for name in sorted(present - expected)]
    return problems


def placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def safety_problems(source: str, translation: str, lang: str) -> list:
    """Markup, script URLs, event attributes, bidirectional controls and invisible characters that the
    English does not have."""
    source_tags = {tag_key(tag) for tag in TAG.findall(source)}
    extra_tags = [tag for tag in TAG.findall(translation) if tag_key(tag) not in source_tags]
    problems = [f"HTML is not allowed in a translation: remove {', '.join(shorten(t) for t in dict.fromkeys(extra_tags))} "
                f"(write plain text)"] if extra_tags else []
    rest = TAG.sub(" ", translation) if extra_tags else translation
    for pattern, last, what in ((SCRIPT_URL, ":", "a script URL"), (EVENT_ATTRIBUTE, "=", "an HTML event attribute")):
        if last in rest and not pattern.search(source):  # each pattern ends with its `last` character
            problems += [f"{what} is not allowed in a translation: remove {m.group()!r}" for m in pattern.finditer(rest)]
    for char, count in hidden_counts(translation, ALLOWED_INVISIBLE.get(lang, set()) | set(source)).items():
        where = place(translation, char) + (f", {count} times" if count > 1 else "")
        if char in BIDI_CONTROLS:
            problems.append(f"bidirectional control character {describe(char)} ({where}): remove it "
                            f"(it can show the text in another order than it is stored; the site sets the direction)")
        else:
            problems.append(f"invisible character {describe(char)} ({where}): remove it")
    return problems


def hidden_counts(text: str, allowed: set) -> Counter:
    """How often each bidirectional control and invisible character but the allowed ones occurs in the text
    (control characters aside: the build refuses them), in the order they first occur."""
    if text.isprintable() and not HANGUL_FILLER.search(text):  # no format, control, private-use,
        return Counter()  # unassigned or separator character (str.isprintable), no filler: most texts
    hidden = {char for char in set(text) - allowed if (char in BIDI_CONTROLS or is_invisible(char)) and not is_control(char)}
    return Counter(char for char in text if char in hidden)


def is_invisible(char: str) -> bool:
    return unicodedata.category(char) in INVISIBLE_CATEGORIES or char in HANGUL_FILLERS


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unassigned or control')}"


def place(text: str, char: str) -> str:
    """Where a character first is, by the visible text before it."""
    before = "".join(c for c in text[:text.index(char)] if not (c in BIDI_CONTROLS or is_invisible(c)))
    return f'after "{"…" if len(before) > 20 else ""}{before[-20:]}"' if before else "at the start"


def shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


# ---- what the build refuses ---------------------------------------------------------------------------
# The build stops on these, each as `translations/fr.po:LINE: UNIT: what is wrong`, and `./vp check`
# reports them the same way (check_catalog): a control character (NUL or ESC stop the PDF's typesetting; a
# line break splits a heading and its anchor: every unit is one line of text in the English); in an
# interface string, any replacement field but the English's plain {name} (`{number:x}` shows principle 13
# as "d", `{number:>20000}` pads every page with 20,000 spaces, `{number.real}` reaches into the value); and
# a translation far longer than its English (a 1,000,000-character paragraph tripled the build's time).
# No translation in the catalogs is above 2.5 x its English + 10; the margin lets a one-word label become
# a phrase (or carry a test's whole markup payload, tests/test_security.py).
LENGTH_FACTOR, LENGTH_MARGIN = 3, 200


def length_limit(english: str) -> int:
    return LENGTH_FACTOR * len(english) + LENGTH_MARGIN


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # exactly Unicode's category Cc


def is_control(char: str) -> bool:
    return bool(CONTROL.fullmatch(char))


def refused_problems(english: str, translation: str, formatted: bool, shown: bool) -> list:
    """Why the build refuses one translation (empty: it does not). `shown`: the translation is what readers
    see (not fuzzy, not outdated), so its {placeholders} are filled in and must be the English's."""
    problems = []
    for char in dict.fromkeys(c for c in CONTROL.findall(translation) if c not in english):
        if char in "\n\r":
            problems.append("line break in a one-line text (every title, paragraph and interface string is one "
                            "line): remove it")
        else:
            problems.append(f"control character {describe(char)} ({place(translation, char)}): remove it")
    limit = length_limit(english)
    if len(translation) > limit:
        problems.append(f"too long ({len(translation)} characters, at most {limit}: {LENGTH_FACTOR} times the "
                        f"English's length plus {LENGTH_MARGIN}): translate the English, nothing more")
    if formatted:
        problems += replacement_field_problems(translation)
        if shown:
            problems += placeholder_problems(english, translation)
    return problems


def replacement_field_problems(translation: str) -> list:
    """Every {...} must be a plain {name}: no conversion (!r), format specification (:x), attribute or index."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(translation)
                  if name is not None]
    except ValueError:
        return []  # placeholder_problems says the braces are not valid
    problems = []
    for name, spec, conversion in fields:
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if conversion or spec:
            kind = "a conversion" if conversion else "a format specification"
            problems.append(f"the placeholder {written} has {kind}: write it as in the English, {{{name}}}")
        elif not name.isidentifier():
            problems.append(f"the placeholder {written} is not a plain name: copy the English's placeholders unchanged")
    return problems


def refusal_problems(message, entry: po_syntax.Entry) -> list:
    """(line, problem) of one PO entry: what the build would refuse in each of its msgstr forms."""
    forms = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    sources = message.id if message.pluralizable else (message.id,)
    formatted = (message.context or "").startswith(FORMATTED_PREFIX)
    found = []
    for index, form in enumerate(forms):
        if form:
            source = sources[min(index, len(sources) - 1)]
            line = entry.lines.get(f"msgstr[{index}]", entry.msgstr_line)
            found += [(line, problem) for problem in refused_problems(source, form, formatted, not message.fuzzy)]
    return found


def refused_translations(site, directory: Path) -> list:
    """What the build refuses in the translations of the model (the English being the current one), each
    located in its catalog (`translations/fr.po:LINE: UNIT: ...`)."""
    from .model import OUTDATED, units

    english = {unit.id: unit.english for unit in units(site)}
    found = []
    for lang, translations in sorted(site.translations.items()):
        for unit_id, translation in translations.items():
            if unit_id not in english or not translation.msgstr:
                continue
            forms = translation.msgstr if isinstance(translation.msgstr, (tuple, list)) else (translation.msgstr,)
            shown = translation.state != OUTDATED
            for form in forms:
                found += [(lang, unit_id, problem) for problem in
                          refused_problems(english[unit_id], form or "", unit_id.startswith(FORMATTED_PREFIX), shown)]
    return located_units(directory, found)


def located_units(directory: Path, found: list) -> list:
    """(lang, unit id, problem) -> `translations/fr.po:LINE: UNIT: problem`, LINE being the unit's msgstr."""
    lines, result = {}, []
    for lang, unit_id, problem in found:
        if lang not in lines:
            path = catalogs.catalog_path(lang, directory)
            entries, _ = po_syntax.scan(catalogs.read_text(path))
            lines[lang] = {e.values.get("msgctxt"): e.msgstr_line for e in entries if not e.obsolete}
        name = catalogs.file_name(catalogs.catalog_path(lang, directory))
        result.append(f"{name}:{lines[lang].get(unit_id, 1)}: {unit_id}: {problem}")
    return list(dict.fromkeys(result))


def charset_problem(name: str, text: str):
    """A PO file that says it is not UTF-8 is read in that encoding (mojibake), or not at all: the build
    refuses it before parsing; the message is header_problems' one."""
    match = re.search(r'(?im)^"content-type:[^"\n]*?charset=([^"\\\s;]*)', text)
    if not match or match.group(1).lower() in ("utf-8", "utf8"):
        return None  # no charset: Babel reads UTF-8 (check asks for the header)
    line = text.count("\n", 0, match.start()) + 1
    return f'{name}:{line}: header Content-Type must be "text/plain; charset=UTF-8"'

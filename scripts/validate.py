"""Check principles.yaml against its JSON Schema and the rules a schema cannot express.

Every problem is collected, then reported at once as `principles.yaml:LINE: field: what is wrong`.
"""
import json
import re
from collections import Counter
from datetime import date
from functools import cache

import jsonschema

from . import concordance, model
from .config import SCHEMA_FILE
from .load import Source
from .permalinks import SHORT, edition_pages
from .translation_check import BIDI_CONTROLS, describe, is_invisible

LATEST_PREFIX = "latest/"  # render/data.py LATEST
# Messages for schema patterns whose regular expressions mean nothing to a reader.
PATTERN_MESSAGES = {
    "^\\S(.*\\S)?$": "must be one line of text with no leading or trailing spaces",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "must be an id of lowercase letters, digits and single hyphens",
    "^[0-9a-f]{64}$": "must be a SHA-256 digest (64 lowercase hex digits)",
}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def field_name(path) -> str:
    """('editions', 0, 'principles', 3, 'title') -> 'editions[0].principles[3].title'."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(document)"


def precise(error):
    """For an object that fits no branch of a oneOf (a history event's `source`), the error inside it, so that
    the message names the field to fix (`source.file`) rather than the whole object."""
    if error.validator != "oneOf" or not isinstance(error.instance, dict):
        return error
    inner = [e for e in error.context if e.path or e.validator not in ("const", "enum", "type")]  # not "another branch"
    return precise(inner[0]) if inner else error


def schema_message(error) -> str:
    if error.validator == "pattern" and error.validator_value in PATTERN_MESSAGES:
        return f"{error.instance!r} {PATTERN_MESSAGES[error.validator_value]}"
    if error.validator == "anyOf" and all(set(option) == {"required"} for option in error.validator_value):
        return "needs " + " or ".join(repr(option["required"][0]) for option in error.validator_value)
    if error.validator == "maxLength":  # jsonschema's own message quotes the whole text
        return f"too long ({len(error.instance)} characters, at most {error.validator_value})"
    if error.validator == "format" and error.validator_value == "partial-date":
        return f"{error.instance!r} is not a date that exists (that month has no such day)"
    if error.validator == "oneOf":
        # A value of the right type that fails its own rules (too long, not one line, no such date) is
        # reported by those rules, not as "not valid here".
        typed = [sub for sub in error.context if sub.validator in OWN_RULES
                 or (sub.validator == "pattern" and sub.validator_value in PATTERN_MESSAGES)]
        if typed:
            return schema_message(typed[0])
        return f"{error.instance!r} is not valid here (expected {schema_hint(error.schema)})"
    return error.message


OWN_RULES = ("maxLength", "minLength", "format")  # rules of a value of the right type, worth naming


def real_date(value) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD that exists in the calendar (2025-06-31 does not); the pattern of the
    date's schema reports other shapes."""
    if not isinstance(value, str) or not DATE_SHAPE.fullmatch(value):
        return True
    parts = [int(part) for part in value.split("-")]
    try:
        date(*(parts + [1] * (3 - len(parts))))
    except ValueError:
        return False
    return True


DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("partial-date")(real_date)


def schema_hint(subschema) -> str:
    kinds = [option.get("type") or (repr(option["const"]) if "const" in option else None)
             or (" or ".join(map(repr, option["enum"])) if "enum" in option else None)
             or option.get("$ref", "").rsplit("/", 1)[-1] for option in subschema["oneOf"]]
    return " or ".join(HINTS.get(str(kind), str(kind)) for kind in kinds)


HINTS = {"title": "text"}  # a title is a text, only shorter


def problem(source: Source, path, message: str) -> str:
    return f"{source.name}:{source.line(path)}: {field_name(path)}: {message}"


def validate(source: Source) -> list[str]:
    """Return every problem in the source, in file order; an empty list means it is valid."""
    validator = jsonschema.Draft202012Validator(schema(), format_checker=FORMATS)
    found = [(err.absolute_path, schema_message(err)) for err in map(precise, validator.iter_errors(source.data))]
    if isinstance(source.data, dict):
        found += semantic_problems(source.data)
    if not found and isinstance(source.data, dict):
        found = model_problems(source.data)
    ordered = sorted((source.line(path), problem(source, path, message)) for path, message in found)
    return list(dict.fromkeys(text for _, text in ordered))


def records(container, key):
    """(index, item) of the dict items of container[key]; anything else is the schema's to report."""
    items = container.get(key) if isinstance(container, dict) else None
    return [(i, item) for i, item in enumerate(items)] if isinstance(items, list) else []


def values(container, key, field):
    """(index, value) of items' `field` where present and of a simple type."""
    return [
        (i, item[field]) for i, item in records(container, key)
        if isinstance(item, dict) and isinstance(item.get(field), (str, int))
    ]


def semantic_problems(data):
    """Uniqueness and cross-references that can be checked whatever else is wrong, as (path, message)."""
    found = list(duplicates(values(data, "editions", "id"), ("editions",), "id"))
    found += [(path, message) for path, text in strings(data) for message in hidden_characters(text)]
    for e, edition in records(data, "editions"):
        here = ("editions", e)
        if not isinstance(edition, dict):
            continue
        start, end = edition.get("start"), edition.get("end")
        if isinstance(start, str) and isinstance(end, str) and start > end:
            found.append((here + ("end",), f"ends ({end}) before it starts ({start})"))
        for key in ("groups", "scopes", "principles"):
            found += duplicates(values(edition, key, "id"), here + (key,), "id")
        found += duplicates(values(edition, "principles", "number"), here + ("principles",), "number")
        found += duplicates(values(edition.get("summary"), "sections", "id"), here + ("summary", "sections"), "id")
        found += references(edition, here)
    return found + list(alias_problems(data)) + concordance.problems(data)


def alias_problems(data):
    """Each `aliases:` entry names a known edition (whether it has the page: see model_problems)."""
    editions = {e.get("id") for _, e in records(data, "editions") if isinstance(e, dict) and isinstance(e.get("id"), str)}
    chosen = data.get("aliases") if isinstance(data.get("aliases"), dict) else {}
    for alias, edition_id in chosen.items():
        if isinstance(edition_id, str) and edition_id not in editions:
            yield ("aliases", alias), f"unknown edition {edition_id!r} (known: {', '.join(sorted(map(str, editions)))})"


def model_problems(data) -> list:
    """Rules that need the model (checked once the data is otherwise valid): an alias of `aliases:` leads to
    a page its edition has."""
    site = model.build_site(data, {}, {})
    found = []
    for alias, edition_id in data.get("aliases", {}).items():
        page = f"principles/{alias.split('/')[1]}/" if alias.startswith(SHORT) else alias.removeprefix(LATEST_PREFIX)
        if page not in edition_pages(site.edition(edition_id)):
            found.append((("aliases", alias), f"edition {edition_id!r} has no page {page or '(home)'}: choose an edition that has it"))
    return found


def strings(value, path=()):
    """(path, text) of every string in the data."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from strings(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


def hidden_characters(text: str) -> list:
    """Bidirectional controls (they can show text in another order than it is stored: "Trojan Source")
    and invisible characters (the translation checks' rules) in the official text; line breaks are fine."""
    found = []
    for char in dict.fromkeys(text):
        if char in BIDI_CONTROLS:
            found.append(f"bidirectional control character {describe(char)}: remove it "
                         "(it can show the text in another order than it is stored)")
        elif is_invisible(char) and char not in "\n\t":
            found.append(f"invisible character {describe(char)}: remove it")
    return found


def duplicates(indexed_values, path, field):
    counts = Counter(value for _, value in indexed_values)
    seen = set()
    for i, value in indexed_values:
        if counts[value] > 1 and value in seen:
            yield path + (i, field), f"duplicate {field} {value!r} (each {field} must be unique)"
        seen.add(value)


def references(edition, here):
    for key, field in (("groups", "group"), ("scopes", "scope")):
        known = {value for _, value in values(edition, key, "id")}
        for i, value in values(edition, "principles", field):
            if value not in known:
                choices = ", ".join(sorted(known)) or "none"
                yield here + ("principles", i, field), f"unknown {field} {value!r} (known: {choices})"

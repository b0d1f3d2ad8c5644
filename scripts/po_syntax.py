"""A strict reader of PO syntax, run before Babel parses a catalog.

Babel's reader accepts an unterminated string, an unknown escape (`\\q`) or text after a closing quote
without a word (and stops with a ValueError on `msgstr[x]`); GNU msgfmt refuses all of them. `scan` finds
every such problem with its line, so that build, update-catalogs and check all report
`translations/fr.po:LINE: invalid PO syntax: ...` and never a traceback. It also records the line of each
entry's keywords, for the checks that point at a msgstr (translation_check.py).
"""
import re
from dataclasses import dataclass, field

ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}  # exactly the escapes Babel decodes
KEYWORD = re.compile(r"msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\]")
KEYWORDS = "msgctxt, msgid, msgid_plural, msgstr or msgstr[N]"
NOT_MSGSTR = {"msgctxt", "msgid", "msgid_plural"}
# A string token with known escapes only, as an unrolled loop with possessive quantifiers (five times faster
# than one alternative per character; the scan of a catalog spends most of its time here).
WELL_FORMED = re.compile(r'"([^"\\]*+(?:\\[\\"ntr][^"\\]*+)*+)"\s*')
ESCAPED = re.compile(r"\\(.)")


@dataclass
class Entry:
    """One message: the line of each keyword and the decoded value of each."""

    obsolete: bool
    lines: dict = field(default_factory=dict)  # keyword ("msgctxt", "msgid", "msgstr[0]", ...) -> line
    values: dict = field(default_factory=dict)  # keyword -> decoded string

    @property
    def line(self) -> int:
        """Where the entry starts (its msgctxt, else its msgid)."""
        return min(self.lines.values())

    @property
    def msgstr_line(self) -> int:
        return self.lines.get("msgstr", self.lines.get("msgstr[0]", self.line))

    @property
    def plural_forms(self) -> int:
        return sum(1 for keyword in self.lines if keyword.startswith("msgstr["))

    @property
    def complete(self) -> bool:
        """Whether it has a msgstr or msgstr[N] (every other keyword is one of NOT_MSGSTR)."""
        return not self.lines.keys() <= NOT_MSGSTR


def decode(token: str):
    """(value, None) for one well-formed PO string token, or (None, what is wrong). Well-formed tokens (nearly
    all) are matched whole; the others are walked through to say what is wrong."""
    found = WELL_FORMED.fullmatch(token)
    if found:
        value = found.group(1)
        return (ESCAPED.sub(lambda escape: ESCAPES[escape.group(1)], value) if "\\" in value else value), None
    if not token.startswith('"'):
        return None, f"expected a string in double quotes, found {token[:20]!r}"
    out, i = [], 1
    while i < len(token):
        char = token[i]
        if char == "\\" and i + 1 < len(token):
            if token[i + 1] not in ESCAPES:
                return None, f"invalid escape \\{token[i + 1]} (allowed: \\\\ \\\" \\n \\t \\r)"
            out.append(ESCAPES[token[i + 1]])
            i += 2
            continue
        if char == '"':
            rest = token[i + 1:].strip()
            if rest:
                return None, f'text after the closing quote: {rest[:20]!r} (write \\" for a quote inside the text)'
            return "".join(out), None
        out.append(char)
        i += 1
    return None, 'unterminated string: the closing " is missing'


def order_problem(entry, keyword: str, index):
    """Why `keyword` cannot come next in `entry`, or None."""
    has = entry.lines if entry else {}
    if keyword == "msgid_plural" and ("msgid" not in has or "msgid_plural" in has or entry.complete):
        return "msgid_plural must follow msgid"
    if keyword == "msgstr" and ("msgid" not in has or entry.complete):
        return "msgstr must follow msgid"
    if keyword == "msgstr" and "msgid_plural" in has:
        return "an entry with msgid_plural needs msgstr[0], msgstr[1], … instead of msgstr"
    if index is not None and "msgid_plural" not in has:
        return f"{keyword} without msgid_plural (use msgstr for an entry without plural)"
    if index is not None and int(index) != entry.plural_forms:
        return f"{keyword} out of order: expected msgstr[{entry.plural_forms}]"
    return None


def scan(text: str):
    """(entries, problems) of a PO file's text; problems are (line, message), in file order."""
    entries, problems = [], []
    entry, target = None, None  # the entry being read; the keyword a continuation string extends
    reported = 0  # problems found before the current entry began: a broken line is not reported twice

    def finish():
        if entry and entry.lines:
            if entry.complete:
                entries.append(entry)
            elif len(problems) == reported:
                problems.append((entry.line, "entry without msgstr (every msgid needs a msgstr after it)"))

    for number, raw in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 is not a line end
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line or (obsolete and line.startswith("|")):
            continue
        if line.startswith("#"):  # a comment ends an entry and starts the next one
            finish()
            entry, target = None, None
            continue
        if line.startswith('"'):
            value, problem = decode(line)
            if problem:
                problems.append((number, problem))
            elif target is None and entry is None:
                problems.append((number, "a string line must follow msgctxt, msgid or msgstr"))
            elif target is not None:
                entry.values[target] += value
            continue
        keyword, _, argument = line.partition(" ")
        match = KEYWORD.fullmatch(keyword)
        if not match:
            problems.append((number, f"unknown keyword {keyword[:30]!r} (expected {KEYWORDS})"))
            target = None
            continue
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.complete or keyword in entry.lines
                                                 or (keyword == "msgctxt" and "msgid" in entry.lines)):
            finish()
            entry, reported = Entry(obsolete), len(problems)
        problem = order_problem(entry, keyword, match.group(1))
        value, string_problem = decode(argument.strip())
        if problem or string_problem:
            problems.append((number, problem or string_problem))
            target = None
            continue
        entry.lines[keyword], entry.values[keyword], target = number, value, keyword
    finish()
    return entries, problems + duplicates(entries)


def duplicates(entries) -> list:
    """msgfmt refuses two entries with the same msgctxt and msgid (Babel would keep the last silently)."""
    first, problems = {}, []
    for entry in entries:
        key = (entry.obsolete, entry.values.get("msgctxt"), entry.values["msgid"])
        if key in first:
            what = f'msgctxt "{key[1]}"' if key[1] is not None else f'msgid "{key[2][:40]}"'
            problems.append((entry.line, f"duplicate entry for {what} (first at line {first[key]}): keep one"))
        first.setdefault(key, entry.line)
    return problems

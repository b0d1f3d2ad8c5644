"""The canonical layout of our PO files: exactly what GNU `msgcat --width=79` writes (and so Poedit, which
reformats with msgcat on save), so that a translator's save changes only the units they edited.

`generate(po)` turns a polib catalog into that text (pure). Hand-written on purpose: polib, Babel and
translate-toolkit (Weblate) each wrap differently from GNU gettext (measured on our five catalogs: 2,800 to
3,400 differing lines with polib, 15 to 1,500 with translate-toolkit, in CJK punctuation, Arabic and before
`)`), while this follows gettext's write-po.c `wrap()`: the string cut after each `\\n`, escaped, then broken
at the Unicode line-break opportunities (UAX #14, from unicode-segmentation-rs) greedily so that every line
fits the width, never inside an escape or before a final `\\n`; the keyword stands alone on an empty first
line (`msgstr ""`) when the string does not fit beside it. tests/test_catalogs.py compares the output with
msgcat's at widths 79 and 60 and without wrapping.
"""
import re

import polib
import unicode_segmentation_rs

WIDTH = 79  # GNU gettext's default page width (msgcat, msgmerge, Poedit)
ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
NEEDS_ESCAPE = re.compile("[" + re.escape("".join(ESCAPES)) + "]")


def escaped(segment: str) -> tuple:
    """(the segment as PO string content, positions where no line may break)."""
    if not NEEDS_ESCAPE.search(segment):  # most segments: nothing to escape
        return segment, set()
    chars, no_break = [], set()
    for char in segment:
        if char in ESCAPES:
            chars += ["\\", ESCAPES[char]]
            no_break.add(len(chars) - 1)  # inside the escape
        else:
            chars.append(char)
    if segment.endswith("\n"):
        no_break.add(len(chars) - 2)  # not right before the final \n
    return "".join(chars), no_break


def opportunities(text: str) -> set:
    """Character positions before which UAX #14 allows a line break (never 0 or the end)."""
    if text.isascii():  # one byte per character: the byte offsets are the positions
        return {offset for offset, _ in unicode_segmentation_rs.line_breaks(text) if 0 < offset < len(text)}
    offsets, position = {}, 0
    for index, char in enumerate(text):
        offsets[position] = index
        position += len(char.encode("utf-8"))
    return {offsets[offset] for offset, _ in unicode_segmentation_rs.line_breaks(text) if offset in offsets and offsets[offset]}


def columns(char: str) -> int:
    return 0 if ord(char) < 0x20 or char == "\x7f" else unicode_segmentation_rs.text_width(char)


def text_columns(text: str) -> int:
    """The columns of a text, as the sum of its characters' (printable ASCII: one each)."""
    return len(text) if text.isascii() and text.isprintable() else sum(map(columns, text))


def breaks(portion: str, no_break: set, width: int, start: int) -> list:
    """Where to break `portion` (libunistring's width line breaking): each piece between two
    opportunities goes on the current line if it fits, else starts a new one."""
    if start + text_columns(portion) <= width:  # it all fits (most strings): no piece starts a line
        return []
    allowed = sorted(opportunities(portion) - no_break)
    if not allowed:
        return []
    cuts, column = [], start + text_columns(portion[:allowed[0]])
    for last, index in zip(allowed, allowed[1:] + [len(portion)], strict=True):
        piece = text_columns(portion[last:index])
        if column + piece > width:
            cuts.append(last)
            column = 0
        column += piece
    return cuts


def segments(value: str) -> list:
    """The value cut after each \\n, where gettext starts a new line (str.splitlines would also cut at
    \\r, U+2028 and others)."""
    out = [part + "\n" for part in value.split("\n")]
    out[-1] = out[-1][:-1]
    return [part for part in out if part] or [""]


def field(keyword: str, value: str, prefix: str = "", width: int = WIDTH) -> list:
    """The lines of one keyword and its string, e.g. ['msgstr ""', '"first part "', '"second part"']."""
    if value == "":
        return [f'{prefix}{keyword} ""']
    after_break = len(prefix) + 1  # the opening quote of a continuation line
    line_width = (width if width > 0 else 10**9) - 1 - after_break  # room for the closing quote
    lines, first = [], True
    parts = segments(value)
    for number, segment in enumerate(parts):
        portion, no_break = escaped(segment)
        start = len(prefix) + len(keyword) + 2 - after_break if first else 0
        cuts = breaks(portion, no_break, line_width, start)
        if first and (number < len(parts) - 1 or start > line_width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            cuts = breaks(portion, no_break, line_width, 0)
        for begin, end in zip([0] + cuts, cuts + [len(portion)], strict=True):
            lines.append(f'{prefix}{keyword} "{portion[begin:end]}"' if first else f'{prefix}"{portion[begin:end]}"')
            first = False
    return lines


def comments(marker: str, text) -> list:
    return [f"{marker} {line}" if line else marker for line in text.split("\n")] if text else []


def entry_lines(entry: polib.POEntry, width: int = WIDTH) -> list:
    """One entry as msgcat writes it: translator comments, extracted comments, references, flags, the
    previous msgctxt/msgid (`#|`), then msgctxt, msgid, msgid_plural, msgstr; `#~ ` before obsolete ones."""
    lines = comments("#", entry.tcomment) + comments("#.", entry.comment)
    if entry.occurrences:
        lines.append("#: " + " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prefix = "#~ " if entry.obsolete else ""
    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        previous = getattr(entry, f"previous_{keyword}")
        if previous is not None:
            lines += field(keyword, previous, "#~| " if entry.obsolete else "#| ", width)
    if entry.msgctxt is not None:
        lines += field("msgctxt", entry.msgctxt, prefix, width)
    lines += field("msgid", entry.msgid, prefix, width)
    if entry.msgid_plural:
        lines += field("msgid_plural", entry.msgid_plural, prefix, width)
        for index in sorted(entry.msgstr_plural):
            lines += field(f"msgstr[{index}]", entry.msgstr_plural[index], prefix, width)
    else:
        lines += field("msgstr", entry.msgstr, prefix, width)
    return lines


def header_lines(po: polib.POFile, width: int = WIDTH) -> list:
    metadata = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    flags = ["#, fuzzy"] if po.metadata_is_fuzzy else []
    return comments("#", po.header) + flags + field("msgid", "", "", width) + field("msgstr", metadata, "", width)


def generate(po: polib.POFile, width: int = WIDTH) -> str:
    """The whole file: header, then the entries in their order (obsolete ones last, as msgmerge puts them)."""
    ordered = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    blocks = [header_lines(po, width)] + [entry_lines(entry, width) for entry in ordered]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"

"""Import an edition's principles from its official document into principles.yaml.

    import_edition(edition_id, document, source_file, today, count=None) -> new text of principles.yaml

The document is plain text extracted from a PDF (as in sources/) or the PDF itself (read with pypdf). It is
cut into blocks (paragraphs); the extraction's markup noise is dropped and page-break splits are joined
(a block starting in lower case, or following one without final punctuation, continues it). Two layouts:

    "Principle N: Title" lines, each followed by its paragraphs (source 000, the Valletta Principles);
    a numbered list "N. ..." (a short first line without final punctuation is the title).

Both under group headings ("OVERARCHING PRINCIPLES", "1. Overarching principles") and scope headings
("Regional counter-terrorism strategies"), recognised from the edition's own groups and scopes in
principles.yaml. Text before the first group heading is not part of the principles; after the principles,
the first heading-like block (short, no final punctuation) ends them.

principles.yaml is written by replacing that edition's `principles:` block (and its provenance lines) in
the text, in the style the file was generated in: everything else stays byte-identical, comments included.
A YAML round-trip (ruamel.yaml) would re-serialise the whole file and risk changes elsewhere.
"""
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import PipelineError
from .fileio import read_bytes
from .load import decode_utf8, parse_source
from .validate import validate

PRINCIPLE_HEADING = re.compile(r"Principle (\d+)\s*[:.]\s*(.+)")
NUMBERED_ITEM = re.compile(r"(\d+)[.)]\s+(.+)")
OUTLINE_PREFIX = re.compile(r"^(?:[A-Z]|[IVXLC]+|\d+)[.)]\s+")
FINAL_PUNCTUATION = tuple(".!?:;…。！？；：")
CLOSERS = "\"'”’)]»"
HEADING_MAX = 150  # characters: a longer block is text, not a heading


@dataclass(frozen=True)
class Block:
    where: str  # 'doc.txt:12' or 'doc.pdf: page 3'
    text: str


# ---- reading the document ----------------------------------------------------------------------------

def drop_markup(text: str) -> str:
    """Extraction noise named in sources/README.md: [symbol](#) links, escaped parentheses, * and **."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    return text.replace("\\(", "(").replace("\\)", ")").replace("*", "")


def glue(text: str, more: str) -> str:
    """Two pieces of one paragraph; after a line-end hyphen (counter-/terrorism) no space."""
    return text + more if not text or text.endswith("-") else f"{text} {more}"


def join_lines(lines) -> str:
    """One block's lines as one line."""
    text = ""
    for line in (line.strip() for line in lines):
        if line:
            text = glue(text, line)
    return re.sub(r"\s+", " ", text)


def text_blocks(text: str, name: str) -> list:
    """Blocks separated by blank lines, each with the line it starts on."""
    text = re.sub(r"\*\*(?=Principle \d+\s*:)", "\n\n", text)  # a heading glued to the next one by bold markup
    blocks, lines, start = [], [], 0
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.strip():
            start = start or number
            lines.append(drop_markup(line))
        elif lines:
            blocks.append(Block(f"{name}:{start}", join_lines(lines)))
            lines, start = [], 0
    return [block for block in blocks if block.text]


def pdf_blocks(path: Path) -> list:
    """Blocks of a PDF: lines grouped by position, a paragraph ends at a wider vertical gap, running
    headers and footers (the same line, digits aside, on most pages) dropped."""
    from pypdf import PdfReader  # only imports need it

    pages = [pdf_page_lines(page) for page in PdfReader(path).pages]
    running = running_lines(pages)
    blocks = []
    for number, lines in enumerate(pages, start=1):
        paragraph = []
        for text, new_paragraph in lines + [("", True)]:
            if new_paragraph and paragraph:
                blocks.append(Block(f"{path.name}: page {number}", join_lines(paragraph)))
                paragraph = []
            if text and digits_blanked(text) not in running:
                paragraph.append(text)
    return [block for block in blocks if block.text]


def pdf_page_lines(page) -> list:
    """(text, starts a paragraph) per line of a page, top to bottom."""
    rows = {}

    def visit(text, cm, tm, font, size):
        y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
        if text.strip():
            rows.setdefault(y, []).append(text)

    page.extract_text(visitor_text=visit)
    ys = sorted(rows, reverse=True)
    gaps = [a - b for a, b in zip(ys, ys[1:], strict=False)]  # neighbours: one pair fewer
    line_gap = sorted(gaps)[len(gaps) // 2] if gaps else 0
    return [("".join(rows[y]).replace("\n", " ").strip(), i == 0 or gaps[i - 1] > 1.3 * line_gap)
            for i, y in enumerate(ys)]


def digits_blanked(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def running_lines(pages) -> set:
    """Lines that open or close most pages (page numbers, running heads): not part of the text."""
    if len(pages) < 2:
        return set()
    counts = {}
    for lines in pages:
        ends = {digits_blanked(text) for text, _ in lines[:2] + lines[-2:]}
        for text in ends:
            counts[text] = counts.get(text, 0) + 1
    return {text for text, n in counts.items() if n >= max(2, len(pages) / 2)}


def document_blocks(path: Path) -> list:
    if not path.exists():
        raise PipelineError(f"{path}: no such file")
    raw = read_bytes(path)  # a folder or an unreadable file is named
    if path.suffix.lower() == ".pdf":
        from pypdf.errors import PyPdfError

        try:
            blocks = pdf_blocks(path)
        except (PyPdfError, OSError) as err:
            raise PipelineError(f"{path.name}:1: not a readable PDF ({err})") from None
    else:
        try:
            blocks = text_blocks(raw.decode("utf-8"), path.name)
        except UnicodeDecodeError as err:
            raise PipelineError(f"{path.name}:1: not UTF-8 text ({err.reason}); give the PDF or its text extraction") from None
    if not blocks:
        scanned = " (a scanned PDF has no text: give its text extraction)" if path.suffix.lower() == ".pdf" else ""
        raise PipelineError(f"{path.name}:1: the document is empty: no text found{scanned}")
    return blocks


# ---- recognising the principles ---------------------------------------------------------------------

def heading_index(edition: dict) -> dict:
    """casefolded title -> ('group' | 'scope', id), from the edition's metadata in principles.yaml."""
    index = {s["title"].casefold(): ("scope", s["id"]) for s in edition.get("scopes", [])}
    index.update({g["title"].casefold(): ("group", g["id"]) for g in edition.get("groups", [])})
    return index


def heading_of(text: str, index: dict):
    return index.get(OUTLINE_PREFIX.sub("", text).strip().casefold())


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(FINAL_PUNCTUATION)


def continues(block: Block) -> bool:
    return block.text[:1].islower()


def heading_like(blocks, i) -> bool:
    """A short block without final punctuation that the next block does not continue."""
    text = blocks[i].text
    follows = blocks[i + 1] if i + 1 < len(blocks) else None
    return len(text) <= HEADING_MAX and not ends_sentence(text) and not (follows and continues(follows))


def layout_pattern(blocks):
    return PRINCIPLE_HEADING if any(PRINCIPLE_HEADING.fullmatch(b.text) for b in blocks) else NUMBERED_ITEM


class Parser:
    """Walks the blocks once: group and scope headings set the context, principle starts open a principle,
    other blocks are its paragraphs (joined across page breaks); a heading-like block ends the list."""

    def __init__(self, blocks, edition: dict):
        self.blocks, self.index = blocks, heading_index(edition)
        self.pattern = layout_pattern(blocks)
        self.group = self.scope = None
        self.principles, self.where = [], {}

    def parse(self) -> list:
        i = self.start()
        while i < len(self.blocks):
            block = self.blocks[i]
            heading = heading_of(block.text, self.index)
            match = self.pattern.fullmatch(block.text)
            if heading:
                self.group, self.scope = (heading[1], None) if heading[0] == "group" else (self.group, heading[1])
            elif match:
                self.open_principle(i, int(match[1]), match[2])
            elif self.principles and self.principles[-1]["paragraphs"] and heading_like(self.blocks, i):
                break
            else:
                self.add_paragraph(block)
            i += 1
        return self.principles

    def start(self) -> int:
        for i, block in enumerate(self.blocks):
            found = heading_of(block.text, self.index)
            if found and found[0] == "group":
                return i
        titles = ", ".join(repr(t) for t, (kind, _) in self.index.items() if kind == "group")
        raise PipelineError(f"{self.name()}:1: no group heading found (expected one of: {titles}, as in principles.yaml)")

    def name(self) -> str:
        return self.blocks[0].where.split(":")[0] if self.blocks else "document"

    def open_principle(self, i: int, number: int, first: str):
        """Start principle `number` at block i; in a numbered list, `first` is its title or first paragraph."""
        title = first
        if self.pattern is NUMBERED_ITEM:
            follows = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
            is_title = follows and not ends_sentence(first) and not continues(follows) and len(first) <= HEADING_MAX
            title = first if is_title else None
        principle = {"number": number, "title": title, "group": self.group, "scope": self.scope, "paragraphs": []}
        self.principles.append(principle)
        self.where.setdefault(number, []).append(self.blocks[i].where)
        if title is None:
            self.add_paragraph(Block(self.blocks[i].where, first))

    def add_paragraph(self, block: Block):
        if not self.principles:
            raise PipelineError(f"{block.where}: text before the first principle: {block.text[:80]!r}")
        paragraphs = self.principles[-1]["paragraphs"]
        if paragraphs and (continues(block) or not ends_sentence(paragraphs[-1])):
            paragraphs[-1] = glue(paragraphs[-1], block.text)  # a page break split this paragraph
        else:
            paragraphs.append(block.text)


def number_problems(parser: Parser, expected: set) -> list:
    """Every missing or duplicated principle number, named."""
    found = [p["number"] for p in parser.principles]
    problems = [f"{places[1]}: principle {n} appears again (first at {places[0]})"
                for n, places in sorted(parser.where.items()) if len(places) > 1]
    missing = sorted((set(range(1, max(found, default=0) + 1)) | expected) - set(found))
    if missing:
        problems.insert(0, f"{parser.name()}: principle numbers missing: {number_ranges(missing)} "
                           f"(found {len(set(found))} principles: {number_ranges(sorted(set(found))) or 'none'})")
    for p in parser.principles:
        if not p["paragraphs"]:
            problems.append(f"{parser.where[p['number']][0]}: principle {p['number']} has no text")
        if p["group"] is None:
            problems.append(f"{parser.where[p['number']][0]}: principle {p['number']} is under no group heading")
    return problems


def number_ranges(numbers) -> str:
    """[1, 2, 3, 7, 9, 10] -> '1–3, 7, 9–10'."""
    runs = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def read_principles(blocks, edition: dict, expected=frozenset()) -> list:
    """The principles of the document as principles.yaml entries (without ids), or PipelineError."""
    parser = Parser(blocks, edition)
    principles = parser.parse()
    problems = number_problems(parser, set(expected))
    if problems:
        raise PipelineError(problems)
    return principles


# ---- writing principles.yaml ------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """The style principles.yaml was generated in: plain scalars, double quotes where YAML needs them."""

    def ignore_aliases(self, data):
        return True  # principles.yaml refuses anchors: a value used twice is written twice


def _string(dumper, value):
    quoted = (": " in value or value[:1] in "\"'-[{&*!|>%@`#" or value.strip() != value
              or value in ("null", "true", "false", "yes", "no") or value[:4].isdigit())
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)


_Dumper.add_representer(str, _string)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**9, default_flow_style=False)


def entries(principles: list, existing: list) -> list:
    """principles.yaml entries in the file's key order; ids and concordance links of existing principles
    with the same number are kept (ids are permanent)."""
    by_number = {p["number"]: p for p in existing}
    result = []
    for p in principles:
        old = by_number.get(p["number"], {})
        entry = {"id": old.get("id", f"p{p['number']}"), "number": p["number"], "title": p["title"], "group": p["group"]}
        if p["scope"]:
            entry["scope"] = p["scope"]
        entry["paragraphs"] = p["paragraphs"]
        if "derives_from" in old:
            entry["derives_from"] = old["derives_from"]
        result.append(entry)
    return result


def indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(keepends=True))


def edition_span(lines: list, edition_id: str) -> tuple:
    """(first, end) line indexes of one edition's item in the `editions:` list."""
    first = lines.index(f"- id: {edition_id}\n")
    end = next((i for i in range(first + 1, len(lines)) if re.match(r"(- |\S)", lines[i])), len(lines))
    return first, end


def key_span(lines: list, first: int, end: int, key: str, indent: int) -> tuple:
    """(line of `key:`, end of its block) inside lines[first:end], at the given indentation."""
    prefix = " " * indent
    start = next(i for i in range(first, end) if lines[i].startswith(f"{prefix}{key}:"))
    stop = next((i for i in range(start + 1, end)
                 if re.match(rf" {{0,{indent}}}\S", lines[i]) and not lines[i].startswith(f"{prefix}- ")), end)
    return start, stop


def replaced_principles(text: str, edition_id: str, principles: list) -> str:
    lines = text.splitlines(keepends=True)
    first, end = edition_span(lines, edition_id)
    start, stop = key_span(lines, first, end, "principles", 2)
    block = indented(dump({"principles": principles}), 2) if principles else "  principles: []\n"
    return "".join(lines[:start] + [block] + lines[stop:])


def with_provenance(text: str, edition_id: str, provenance: dict) -> str:
    """Set document.file, .sha256 and .imported of one edition, leaving every other line alone."""
    lines = text.splitlines(keepends=True)
    first, end = edition_span(lines, edition_id)
    start, stop = key_span(lines, first, end, "document", 2)
    for key, value in provenance.items():
        line = indented(dump({key: value}), 4)
        found = next((i for i in range(start + 1, stop) if lines[i].startswith(f"    {key}:")), None)
        if found is None:
            lines.insert(stop, line)
            stop += 1
        else:
            lines[found] = line
    return "".join(lines)


# ---- the operation -----------------------------------------------------------------------------------

def find_edition(data: dict, edition_id: str) -> dict:
    editions = {e.get("id"): e for e in data.get("editions", [])}
    if edition_id not in editions:
        raise PipelineError(f"principles.yaml:1: unknown edition {edition_id!r} (known: {', '.join(sorted(editions))})")
    return editions[edition_id]


def wording(principles: list) -> list:
    return [(p.get("title"), p.get("paragraphs")) for p in principles]


def refuse_other_editions(data: dict, edition_id: str, document: Path, sha256: str, principles: list) -> None:
    """An edition's text comes from its own official document: a document already imported for another
    edition (the same file, or the same principles word for word) is refused, naming that edition."""
    for other in data.get("editions", []):
        if not isinstance(other, dict) or other.get("id") == edition_id:
            continue
        if (other.get("document") or {}).get("sha256") == sha256:
            raise PipelineError(f"{document.name}: already imported for edition {other['id']!r} (the same file: its "
                                f"document.sha256 in principles.yaml): {edition_id} needs its own official document")
        if other.get("principles") and wording(other["principles"]) == wording(principles):
            raise PipelineError(f"{document.name}: its {len(principles)} principles are word for word those of edition "
                                f"{other['id']!r}: {edition_id} needs its own official document")


def repository_path(document: Path, root: Path) -> str:
    try:
        return document.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise PipelineError(f"{document}: the official document must be in the repository (put it in sources/), "
                            "so that the site can name the file its text comes from") from None


def import_edition(edition_id: str, document: Path, source_file: Path, today: str, count=None) -> str:
    """The new text of principles.yaml with the edition's principles from `document`; PipelineError (and no
    change) if the document is incomplete, was imported for another edition, or the result does not
    validate. Same document, same text: the file is returned unchanged."""
    text = decode_utf8(read_bytes(source_file), source_file.name)
    data = parse_source(text, source_file.name).data
    edition = find_edition(data, edition_id)
    file = repository_path(document, source_file.parent)
    existing = edition.get("principles", [])
    expected = {p["number"] for p in existing} | set(range(1, (count or 0) + 1))
    principles = entries(read_principles(document_blocks(document), edition, expected), existing)
    sha256 = hashlib.sha256(read_bytes(document)).hexdigest()
    refuse_other_editions(data, edition_id, document, sha256, principles)
    doc = edition["document"]
    if principles == existing and doc.get("sha256") == sha256 and doc.get("file") == file:
        return text
    new = with_provenance(replaced_principles(text, edition_id, principles), edition_id,
                          {"file": file, "sha256": sha256, "imported": today})
    problems = validate(parse_source(new, source_file.name))
    if problems:
        raise PipelineError([f"importing {document.name} would make principles.yaml invalid:"] + problems)
    return new

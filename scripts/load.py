"""Read principles.yaml into plain Python data, remembering the line of every value.

PyYAML's safe composer gives us nodes with positions; we convert them ourselves so that every later
error can name `principles.yaml:LINE`. Aliases are refused (no "billion laughs"), dates stay strings
(the JSON Schema checks their format), and nesting depth is bounded.

Two readers under the same composer: libyaml's scanner and parser (C, twenty times faster: most of the
time `check` spent in principles.yaml) read the text first; PyYAML's own (Python) read it again on any
problem, so that every message and line is PyYAML's, and read alone the few texts on which the two were
seen to differ (FAST_READER_DIFFERS; tests/test_properties.py compares them).
"""
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import PipelineError
from .fileio import read_bytes

MAX_DEPTH = 20
MAX_BYTES = 5_000_000
# What libyaml reads otherwise than PyYAML (found by comparing the two on generated texts): tabs, carriage
# returns, a byte order mark and Unicode line breaks (U+0085, U+2028, U+2029), tags (`!`), a comment right
# after a block scalar's indicator (`|#`), and a last line without a line break (its empty values' lines).
FAST_READER_DIFFERS = re.compile(r"[\t\r\ufeff\x85\u2028\u2029!]|[|>][-+0-9]*#|[^\n]\Z")


class _Composer(yaml.composer.Composer):
    """What both readers share: PyYAML's composer, refusing deep nesting (PyYAML composes recursively, and
    would otherwise hit Python's recursion limit on a few thousand brackets before any check of ours runs),
    and PyYAML's resolver without implicit timestamps (`2025-03-12` stays the string the schema expects)."""

    name = "?"
    depth = 0
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:  # the document itself is depth 1
                line = self.peek_event().start_mark.line + 1
                raise PipelineError(f"{self.name}:{line}: nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Composer, yaml.SafeLoader):
    """PyYAML's reader, in Python: it reads every text, with PyYAML's messages."""


try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml (its wheels have it): the Python reader reads everything
    _FastLoader = None
else:
    class _FastLoader(_Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """The same composer over libyaml's events (yaml.CSafeLoader composes in C, without a depth limit)."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


@dataclass(frozen=True)
class Source:
    """Parsed YAML data plus the 1-based line of each value, keyed by its path (('editions', 0, 'id'))."""

    name: str
    data: object
    lines: dict

    def line(self, path) -> int:
        """Line of the value at `path`, or of its closest parent that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_source(path: Path) -> Source:
    """Read and parse a YAML file; raise PipelineError naming file and line on any problem."""
    return source_from_bytes(read_bytes(path, path.name), path.name)


def source_from_bytes(raw: bytes, name: str) -> Source:
    """load_source on bytes already read (the preview compares them with those it last parsed)."""
    if len(raw) > MAX_BYTES:
        raise PipelineError(f"{name}:1: file is larger than {MAX_BYTES} bytes")
    return parse_source(decode_utf8(raw, name), name)


def decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise PipelineError(f"{name}:{line}: invalid UTF-8 (byte {raw[err.start]:#04x})") from None


def parse_source(text: str, name: str) -> Source:
    return source_of(fast_node(text, name) or located_node(text, name), name)


def source_of(node, name: str) -> Source:
    """The data and lines of a document's node (None: an empty document)."""
    if node is None:
        raise PipelineError(f"{name}:1: the file is empty")
    lines = {}
    data = _Converter(name, lines).convert(node, ())
    return Source(name, data, lines)


def fast_node(text: str, name: str):
    """The document's node as libyaml reads it; None if PyYAML's reader must read it (no libyaml, a text on
    which the two differ, any problem: PyYAML's message is the one given, or an empty document)."""
    if _FastLoader is None or FAST_READER_DIFFERS.search(text):
        return None
    try:
        loader = _FastLoader(text)
    except ValueError:  # text that is not UTF-8 once encoded (a lone surrogate)
        return None
    try:
        loader.name = name
        return loader.get_single_node()
    except (yaml.YAMLError, PipelineError):
        return None
    finally:
        loader.dispose()


def located_node(text: str, name: str):
    """The document's node as PyYAML reads it; a PipelineError naming the line of any problem."""
    loader = None
    try:
        loader = _Loader(text)  # reading the text may already fail (a character YAML does not allow)
        loader.name = name
        return loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise PipelineError(f"{name}:{line}: YAML syntax error: {err.problem or err.context}") from None
    except yaml.reader.ReaderError as err:  # a control character YAML does not allow
        line = text.count("\n", 0, err.position) + 1
        raise PipelineError(f"{name}:{line}: character U+{err.character:04X} is not allowed in YAML") from None
    except yaml.YAMLError as err:
        raise PipelineError(f"{name}:1: YAML error: {err}") from None
    finally:
        if loader:
            loader.dispose()


class _Converter:
    """Turns a composed node tree into dicts, lists and scalars, filling `lines` on the way."""

    def __init__(self, name, lines):
        self.name, self.lines = name, lines
        self.seen = set()  # the composer resolves an alias to the node it names: a second visit is one
        self.constructor = _Loader("")

    def fail(self, node, message):
        raise PipelineError(f"{self.name}:{node.start_mark.line + 1}: {message}")

    def convert(self, node, path):
        self.lines[path] = node.start_mark.line + 1
        if id(node) in self.seen:
            self.fail(node, "YAML anchors and aliases (&name, *name) are not allowed: the value anchored here is reused")
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError as err:
            self.fail(node, f"unsupported YAML value: {err.problem}")

    def convert_mapping(self, node, path):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "mapping keys must be plain text")
            key = key_node.value
            if key in result:
                self.fail(key_node, f"duplicate key '{key}'")
            result[key] = self.convert(value_node, path + (key,))
        return result

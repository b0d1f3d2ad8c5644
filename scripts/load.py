"""Read principles.yaml into plain Python data, remembering the line of every value.

PyYAML's safe composer gives us nodes with positions; we convert them ourselves so that every later
error can name `principles.yaml:LINE`. Aliases are refused (no "billion laughs"), dates stay strings
(the JSON Schema checks their format), and nesting depth is bounded.
"""
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import PipelineError
from .fileio import read_bytes

MAX_DEPTH = 20
MAX_BYTES = 5_000_000


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps (`2025-03-12` stays the string the schema expects) that
    refuses deep nesting while composing: PyYAML composes recursively, and would otherwise hit Python's
    recursion limit on a few thousand brackets before any check of ours runs."""

    name = "?"
    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:  # the document itself is depth 1
                line = self.peek_event().start_mark.line + 1
                raise PipelineError(f"{self.name}:{line}: nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    name = path.name
    raw = read_bytes(path, name)
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
    loader = None
    try:
        loader = _Loader(text)  # reading the text may already fail (a character YAML does not allow)
        loader.name = name
        node = loader.get_single_node()
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
    if node is None:
        raise PipelineError(f"{name}:1: the file is empty")
    lines = {}
    data = _Converter(name, lines).convert(node, ())
    return Source(name, data, lines)


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

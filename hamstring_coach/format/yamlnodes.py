"""A small YAML layer with a line and column on every value.

PyYAML's event parser (libyaml when available) does the tokenising; this
module composes the events into :class:`Map`, :class:`Seq` and
:class:`Scalar` nodes itself, so that it can:

- keep 1-based line/column marks on every key and value;
- refuse duplicate keys (YAML libraries silently keep the last one);
- refuse tags other than the plain core ones (``!!python/...`` and friends);
- bound nesting depth *while* composing (PyYAML recurses and dies near 500);
- bound what aliases expand to (billion laughs) by counting the size of
  every aliased subtree as it is referenced, so walking the result later
  is linear in the file plus :data:`MAX_ALIAS_EXPANSION`;
- apply merge keys (``<<: *base``) with YAML's precedence.

Aliases share nodes (the result is a DAG), so a problem inside an aliased
value is reported where the value is written, which is where it is fixed.
Timestamps are kept as their text: ``2024-02-30`` is a string, not a crash.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from hamstring_coach.format.errors import Problem
from hamstring_coach.format.limits import MAX_ALIAS_EXPANSION, MAX_DEPTH
from hamstring_coach.format.nodes import Entry, Map, Node, Scalar, Seq, describe, to_plain

__all__ = ["Entry", "FatalYAML", "Map", "Node", "Scalar", "Seq", "compose", "describe",
           "to_plain"]

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_T + n for n in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MERGE, _VALUE = _T + "timestamp", _T + "merge", _T + "value"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _VALUE}
_SEQ_TAG, _MAP_TAG = _T + "seq", _T + "map"

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = SafeConstructor()


class FatalYAML(Exception):
    """A problem after which composing cannot go on (syntax, depth, alias bomb)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Composer:
    """Turns the parser's events into nodes, checking as it goes."""

    def __init__(self, text: str, filename: str) -> None:
        self.loader = _Loader(text)
        self.filename = filename
        self.problems: list[Problem] = []
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.path: list[str] = []
        self.resolved: dict[str, str] = {}

    # -- helpers ---------------------------------------------------------------
    def where(self) -> str:
        where = "".join(self.path).lstrip(".") or "(file)"
        return where if len(where) <= 80 else where[:77] + "..."

    def child(self, name: str) -> str:
        """The key path of ``name`` inside the mapping being composed."""
        return ("".join(self.path) + f".{name}").lstrip(".")

    def problem(self, line: int, col: int, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(self.filename, line, col, path or self.where(), message))

    def fatal(self, line: int, col: int, message: str) -> FatalYAML:
        return FatalYAML(Problem(self.filename, line, col, self.where(), message))

    def event(self) -> Any:
        # Any: the stubs type events loosely (optional marks, no ``anchor`` on Event).
        return self.loader.get_event()

    # -- documents -------------------------------------------------------------
    def compose(self) -> Node | None:
        """The single document of the stream, or None when there is none."""
        try:
            self.event()  # StreamStart
            root: Node | None = None
            if not self.loader.check_event(yaml.StreamEndEvent):
                self.event()  # DocumentStart
                root = self.node(depth=1)
                self.event()  # DocumentEnd
                if not self.loader.check_event(yaml.StreamEndEvent):
                    start = self.event().start_mark
                    raise self.fatal(
                        start.line + 1, start.column + 1,
                        "a session file holds one YAML document; remove this second one "
                        "(and the '---' before it)")
            return root
        finally:
            self.loader.dispose()

    def node(self, depth: int) -> Node:
        event = self.event()
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event.anchor or "", line, col, depth)
        if depth > MAX_DEPTH:
            raise self.fatal(line, col, f"nested deeper than {MAX_DEPTH} levels")
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors.add(anchor)
        if isinstance(event, yaml.ScalarEvent):
            node: Node = self.scalar(event, line, col)
        elif isinstance(event, yaml.SequenceStartEvent):
            node = self.sequence(event, line, col, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            node = self.mapping(event, line, col, depth)
        else:  # pragma: no cover - the parser only yields the events above here
            raise self.fatal(line, col, f"unexpected YAML event {event!r}")
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = node
        return node

    def alias(self, anchor: str, line: int, col: int, depth: int) -> Node:
        if anchor in self.open_anchors:
            raise self.fatal(line, col, f"alias *{anchor} is used inside its own anchor "
                                        f"&{anchor}, which would never end")
        target = self.anchors.get(anchor)
        if target is None:
            raise self.fatal(line, col, f"alias *{anchor} has no anchor &{anchor} before it")
        self.expanded += target.size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise self.fatal(line, col, f"aliases expand to more than {MAX_ALIAS_EXPANSION} "
                                        "values (an alias bomb?)")
        if depth - 1 + target.height > MAX_DEPTH:
            raise self.fatal(line, col, f"alias *{anchor} nests deeper than {MAX_DEPTH} levels")
        return target

    def check_tag(self, tag: str | None, expected: set[str], line: int, col: int) -> bool:
        """True when an explicit tag is acceptable for this kind of node."""
        if tag is None or tag == "!" or tag in expected:
            return True
        shown = "!!" + tag[len(_T):] if tag.startswith(_T) else tag
        self.problem(line, col, f"the YAML tag {shown} is not allowed; session files use "
                                "plain values (no tags)")
        return False

    # -- scalars ---------------------------------------------------------------
    def scalar(self, event: yaml.ScalarEvent, line: int, col: int) -> Scalar:
        text = event.value
        if not self.check_tag(event.tag, _SCALAR_TAGS, line, col):
            return Scalar(line, col, invalid=True, text=text)
        tag = event.tag
        if tag == "!" or (tag is None and event.style):
            # Quoted or block text ("", '', |, >) and the "!" tag are always strings
            # (libyaml marks plain scalars with style "", PyYAML with None).
            return Scalar(line, col, value=text, text=text, tag=_STR)
        if tag is None:
            tag = self.resolved.get(text)
            if tag is None:  # keys and values repeat a lot: resolve each text once
                tag = self.resolved[text] = self.loader.resolve(yaml.ScalarNode, text,
                                                                (True, False))
        value: object = text
        try:
            if tag == _STR:
                pass
            elif tag == _INT and text.isdigit() and (text[0] != "0" or text == "0"):
                value = int(text)  # the common case, without YAML 1.1's octal/base-60 rules
            elif tag == _NULL:
                value = None
            elif tag == _BOOL:
                value = _CONSTRUCTOR.construct_yaml_bool(yaml.ScalarNode(tag, text))
            elif tag == _INT:
                value = _CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, text))
            elif tag == _FLOAT:
                value = _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, text))
        except (ValueError, KeyError, IndexError, OverflowError) as exc:
            kind = {_INT: "whole number", _FLOAT: "number", _BOOL: "boolean",
                    _NULL: "null"}.get(tag, tag)
            shown = text if len(text) <= 30 else text[:27] + "..."
            big = isinstance(exc, ValueError) and "digits" in str(exc)
            self.problem(line, col, f'"{shown}" is far too large a number' if big
                         else f'"{shown}" is not a valid {kind}')
            return Scalar(line, col, invalid=True, text=text, tag=tag)
        return Scalar(line, col, value=value, text=text, tag=tag)

    # -- collections -----------------------------------------------------------
    def sequence(self, event: yaml.SequenceStartEvent, line: int, col: int, depth: int) -> Seq:
        ok = self.check_tag(event.tag, {_SEQ_TAG}, line, col)
        node = Seq(line, col, invalid=not ok)
        while not self.loader.check_event(yaml.SequenceEndEvent):
            self.path.append(f"[{len(node.items)}]")
            item = self.node(depth + 1)
            self.path.pop()
            node.items.append(item)
            node.size += item.size
            node.height = max(node.height, item.height + 1)
        self.event()
        return node

    def mapping(self, event: yaml.MappingStartEvent, line: int, col: int, depth: int) -> Map:
        ok = self.check_tag(event.tag, {_MAP_TAG}, line, col)
        node = Map(line, col, invalid=not ok)
        merges: list[tuple[Scalar, Node]] = []
        while not self.loader.check_event(yaml.MappingEndEvent):
            key = self.node(depth + 1)
            name = key.text if isinstance(key, Scalar) else ""
            self.path.append(f".{name}" if name else "")
            value = self.node(depth + 1)
            self.path.pop()
            node.size += key.size + value.size
            node.height = max(node.height, key.height + 1, value.height + 1)
            if not isinstance(key, Scalar):
                self.problem(key.line, key.col, "a key must be a plain word, not "
                                                f"{describe(key)}")
            elif key.tag == _MERGE:
                merges.append((key, value))
            elif name in node.entries:
                first = node.entries[name].key
                self.problem(key.line, key.col,
                             f'duplicate key "{name}" (first at line {first.line}); '
                             "remove one of them",
                             path=self.child(name))
            else:
                node.entries[name] = Entry(key, value)
        self.event()
        for key, value in merges:
            self.merge(node, key, value)
        return node

    def merge(self, node: Map, key: Scalar, value: Node) -> None:
        """Apply ``<<: source``: keys written in the mapping win, then earlier sources."""
        sources = value.items if isinstance(value, Seq) else [value]
        for source in sources:
            if not isinstance(source, Map):
                self.problem(source.line, source.col, "a merge key (<<) takes a mapping or "
                             f"a list of mappings, not {describe(source)}")
                continue
            for name, entry in source.entries.items():
                node.entries.setdefault(name, entry)


def _syntax_message(error: yaml.MarkedYAMLError, text: str, line: int, col: int) -> str:
    problem = error.problem or "invalid YAML"
    lines = text.split("\n", line)
    at = lines[line - 1][col - 1:col] if len(lines) >= line else ""
    if at == "\t" or "'\\t'" in problem:
        return "a tab where YAML needs spaces: indent with spaces, not tabs"
    context = f" ({error.context})" if error.context else ""
    return f"invalid YAML: {problem}{context}"


def compose(text: str, filename: str) -> tuple[Node | None, list[Problem]]:
    """Compose ``text`` (already decoded) into nodes; problems found along the way.

    Raises :class:`FatalYAML` for a problem that stops composing.
    """
    composer = _Composer(text, filename)
    try:
        root = composer.compose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise FatalYAML(Problem(filename, line, col, "(file)",
                                _syntax_message(error, text, line, col))) from None
    except yaml.YAMLError as error:  # reader errors carry a position, not a mark
        line, col = _line_col(text, getattr(error, "position", 0) or 0)
        raise FatalYAML(Problem(filename, line, col, "(file)", f"invalid YAML: {error}")) from None
    return root, composer.problems


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1

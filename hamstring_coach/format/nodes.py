"""The nodes a session file is composed into, each with its line and column.

Plain data, no YAML library: :mod:`hamstring_coach.format.yamlnodes` composes
them from PyYAML's events; the checks (:mod:`hamstring_coach.format.values`,
:mod:`hamstring_coach.format.size`) only read them, so a command that parses
no file (``hold``) never loads PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False, slots=True)
class Node:
    """A composed YAML node: where it starts, and how big and deep it is."""

    line: int  # 1-based
    col: int  # 1-based
    size: int = 1  # nodes in this subtree, aliases expanded
    height: int = 1  # levels in this subtree, aliases expanded
    # True when the node was refused (bad tag or value) and already reported:
    # checks stay silent about it instead of piling up a second message.
    invalid: bool = False


@dataclass(eq=False, slots=True)
class Scalar(Node):
    """A scalar: ``value`` is str, int, float, bool or None; ``text`` as written."""

    value: object = None
    text: str = ""
    tag: str = "tag:yaml.org,2002:str"  # the core schema's plain string


@dataclass(eq=False, slots=True)
class Seq(Node):
    """A list."""

    items: list[Node] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Entry:
    """One key of a mapping with its value (key marks point at the key)."""

    key: Scalar
    value: Node


@dataclass(eq=False, slots=True)
class Map(Node):
    """A mapping from key text to entry, in file order, merge keys applied."""

    entries: dict[str, Entry] = field(default_factory=dict)


def describe(node: Node) -> str:
    """What a node is, for messages: ``a list``, ``true (a boolean)``, ``"abc"``."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    assert isinstance(node, Scalar)
    value = node.value
    if value is None:
        return "nothing" if node.text in ("", "~") else f"{node.text} (null)"
    if isinstance(value, bool):
        return f"{node.text} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {node.text}"
    shown = node.text if len(node.text) <= 40 else node.text[:37] + "..."
    return f'"{shown}"'


def to_plain(node: Node) -> object:
    """Plain Python data (dicts, lists, scalars) of a node, as JSON would see it."""
    if isinstance(node, Map):
        return {k: to_plain(e.value) for k, e in node.entries.items()}
    if isinstance(node, Seq):
        return [to_plain(n) for n in node.items]
    assert isinstance(node, Scalar)
    return node.value

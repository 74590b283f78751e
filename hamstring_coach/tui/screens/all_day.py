"""Keeping a screen that stays up all day (break mode's) from growing.

Two Textual (8.2) memos hold on to what the app no longer shows: the Footer's
watcher list keeps every key it ever composed, and the styles memo keeps the
rendered lines of the last 1024 widgets' style caches. Break mode's waiting
screen changes its keys with every break and has a session screen come and go
on top of it all day, so it lets both go here. ``tests/pilot/test_textual_internals.py``
checks that the styles memo (a private part of Textual) is still there;
``benchmarks/bench_breaks.py`` measures the memory over a working day.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Footer


def prune_footer(node: DOMNode) -> None:
    """Let go of the old keys of every Footer under ``node``.

    Textual's Footer data-binds every FooterKey it composes to its
    ``compact`` reactive, and the watcher list keeps each key, even after
    a recompose removed it, until ``compact`` next changes (textual 8.2).
    Break mode runs all day and its keys change with every break, so that
    grew without end; mutating ``compact`` makes Textual drop the
    watchers of removed keys.
    """
    for footer in node.query(Footer):
        footer.mutate_reactive(Footer.compact)


def release_render_caches() -> None:
    """Let the finished session screen's rendering go.

    Textual memoizes ``StylesCache.get_inner_outer`` with ``lru_cache`` on
    the instance, so the last 1024 style caches stay alive, each with its
    widget's rendered lines, long after their widgets are gone (textual 8.2).
    Every break session leaves about fifty; over a working day that grew by
    megabytes. Clearing the memo after each session costs the live screen
    one recomputation of two styles per widget.
    """
    try:
        # a private Textual API, looked up at call time
        from textual._styles_cache import StylesCache
    except ImportError:  # a Textual without this module has no such memo
        return
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if callable(clear):
        clear()

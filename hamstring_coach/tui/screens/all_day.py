"""Keeping a screen that stays up for long (break mode's, a long session's) from growing.

Memos in Textual (8.2) and Rich hold on to what the app no longer shows: the
Footer's watcher list keeps every key it ever composed, the styles memo keeps
the rendered lines of the last 1024 widgets' style caches, and Rich's
cell-width memo keeps the last 4096 strings measured. Break mode's waiting
screen changes its keys with every break and has a session screen come and go
on top of it all day, so it lets the first two go here; a session lets the
third go as each phase starts. ``tests/pilot/test_textual_internals.py``
checks that the styles memo (a private part of Textual) is still there;
``benchmarks/bench_breaks.py`` measures the memory over a working day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode


def prune_footer(node: DOMNode) -> None:
    """Let go of the old keys of every Footer under ``node``.

    Textual's Footer data-binds every FooterKey it composes to its
    ``compact`` reactive, and the watcher list keeps each key, even after
    a recompose removed it, until ``compact`` next changes (textual 8.2).
    Break mode runs all day and its keys change with every break, so that
    grew without end; mutating ``compact`` makes Textual drop the
    watchers of removed keys.
    """
    from textual.widgets import Footer  # Textual's, on break mode's screen only

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


def release_text_memo() -> None:
    """Let the strings of earlier phases go.

    Rich memoizes the cell width of every string under 512 characters it
    measures (``rich.cells.cached_cell_len``, an ``lru_cache`` of 4096), and
    Textual measures every line it lays out: each second's elapsed and
    remaining time, each phase's lines, each word it wraps. Until 4096 were
    kept, a session grew by them for its first twenty minutes or so (about
    0.75 MiB traced, by ``tracemalloc``). The session screen clears it as each
    phase starts; what is on screen is measured again once.
    """
    try:
        from rich.cells import cached_cell_len
    except ImportError:  # a Rich without this memo
        return
    clear = getattr(cached_cell_len, "cache_clear", None)
    if callable(clear):
        clear()

"""The app's Footer: one widget that draws the screen's keys as one line.

Textual's Footer builds a widget per key (each styled three times over: the
key and its two parts), and rebuilds them all when the keys change; at 40
columns it cut its row and drew its command-palette hint over the last keys,
so "Quit" vanished. This Footer is a single widget that lays the keys out as
Textual's does (the same cells, colours and spacing) and draws them as one
line. Below :data:`FULL_WIDTH` it leaves out the palette hint (Ctrl+P still
opens the palette) and the actions a screen names as ``narrow_hidden``
(their keys still work), so the keys that matter, Quit first among them, are
always shown whole. A click on a key presses it; a key's tooltip shows as
the pointer rests on it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

FULL_WIDTH = 80


class ShownKey(NamedTuple):
    """One key as the Footer draws it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool = False


# The Footer's row: runs of (group label or None, compact group, keys).
Plan = tuple[tuple[str | None, bool, tuple[ShownKey, ...]], ...]


class Drawn(NamedTuple):
    """Where a key was drawn: columns ``start`` up to ``end``."""

    start: int
    end: int
    key: ShownKey


class _Box(NamedTuple):
    """A piece of the row and the margin after it. (No piece of Textual's Footer has a
    left margin outside its group, so the gap before a piece is the one after the last.)"""

    right: int
    parts: tuple[tuple[str, str, ShownKey | None], ...]  # (text, component, key) runs


class CoachFooter(Widget, can_focus=False):
    """The screen's keys in one line; ``narrow_hidden`` actions and the palette hint
    are left out when narrow."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {  # noqa: RUF012 (Textual's own declaration is a plain set)
        "footer-key--key", "footer-key--description", "footer-key--label",
        "footer-key--hover", "footer-key--border",
    }
    # Textual's Footer and FooterKey, as one widget.
    DEFAULT_CSS = """
    CoachFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description, .footer-key--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            background: $block-hover-background;
        }
        .footer-key--border {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, narrow_hidden: frozenset[str] = frozenset(),
                 width: int = FULL_WIDTH, palette: bool = True,
                 tight_below: int = FULL_WIDTH) -> None:
        """``width``: the terminal's now (``fit`` follows it); below ``tight_below``
        columns the keys are drawn compact (one column less padding each), below
        :data:`FULL_WIDTH` the ``narrow_hidden`` ones and the palette hint go too."""
        super().__init__()
        self.narrow_hidden = narrow_hidden
        self.palette = palette
        self.tight_below = max(tight_below, FULL_WIDTH)
        self.narrow = width < FULL_WIDTH
        self.compact = width < self.tight_below
        self.keys: Plan = ()  # what is drawn now
        self.drawn: tuple[Drawn, ...] = ()  # where each key was drawn, left to right
        self._hover: ShownKey | None = None
        self._update_queued = False

    @property
    def show_command_palette(self) -> bool:
        """True while the palette hint is drawn (at the full width, when asked for)."""
        return self.palette and not self.narrow

    def on_mount(self) -> None:
        """Follow the screen's keys, and draw the ones it has now."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def fit(self, width: int) -> None:
        """Lay the keys out for a terminal ``width`` columns wide."""
        narrow = width < FULL_WIDTH
        compact = width < self.tight_below
        if (narrow, compact) == (self.narrow, self.compact):
            return
        self.narrow = narrow
        self.compact = compact
        if self.is_attached:
            self._update()
            self.refresh()  # compact or not, the same keys are spaced anew

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Look again once for any number of updates before the next refresh (the
        screens publish several in a row), and redraw only if the keys changed."""
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._update_queued:
            self._update_queued = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._update_queued = False
        if not self.is_attached or self._covered():
            return
        plan = self._plan()
        if plan != self.keys:
            self.keys = plan
            self.refresh()

    def _covered(self) -> bool:
        """True while this Footer's screen is under a full screen (the session under its
        summary) or gone, so not drawn; it looks again as it comes back
        (CoachScreen.on_screen_resume). A dialog over it leaves it in view."""
        stack = self.app.screen_stack
        if self.screen not in stack:
            return True
        return any(not above.is_modal for above in stack[stack.index(self.screen) + 1:])

    def _plan(self) -> Plan:
        """What is drawn: (group label or None, compact group, keys) runs, as Textual's
        Footer groups them, in the screen's order of its bindings."""
        hidden = self.narrow_hidden if self.narrow else frozenset()
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        active = self.screen.active_bindings
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action.partition("(")[0] not in hidden:
                by_action[binding.action].append((binding, enabled, tooltip))
        # In the screen's own order (Textual's follows the keys' first use in
        # the app and the focused widget: "tab List" came first).
        order = {binding.action: i for i, binding in enumerate(
            b for b in type(self.screen).BINDINGS if isinstance(b, Binding))}
        ordered = sorted(by_action.values(), key=lambda run: order.get(run[0][0].action,
                                                                        len(order)))
        plan: list[tuple[str | None, bool, tuple[ShownKey, ...]]] = []
        display = self.app.get_key_display
        for group, runs in groupby(ordered, lambda run: run[0][0].group):
            shown = [run[0] for run in runs]
            if group is not None and len(shown) > 1:
                plan.append((group.description, group.compact, tuple(
                    ShownKey(binding.key, display(binding), "", binding.action, enabled,
                             tooltip or binding.description)
                    for binding, enabled, tooltip in shown)))
                continue
            plan.extend((None, False, (ShownKey(
                binding.key, display(binding), binding.description, binding.action, enabled,
                tooltip),)) for binding, enabled, tooltip in shown)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                plan.append((None, False, (ShownKey(
                    binding.key, display(binding), binding.description, binding.action,
                    enabled, binding.tooltip or binding.description, palette=True),)))
        return tuple(plan)

    # -- drawing --------------------------------------------------------------------

    def _boxes(self) -> tuple[list[_Box], _Box | None]:
        """The row's pieces left to right, and the palette hint (drawn at the right).

        The spacing is Textual's Footer's: a key is `` key description `` (compact:
        ``key description`` and a column after it); a group's keys are drawn bare
        with a column either side (a compact group's: side by side after one
        column, and a column after the group), then the group's label and a
        column after it.
        """
        compact = self.compact
        boxes: list[_Box] = []
        palette: _Box | None = None
        for label, compact_group, keys in self.keys:
            if label is not None:
                parts: list[tuple[str, str, ShownKey | None]] = [(" ", "", None)]
                for key in keys:
                    parts.append((key.display, "footer-key--key", key))
                    if not compact_group:
                        parts.append((" ", "", None))
                boxes.append(_Box(1 if compact_group else 0, tuple(parts)))
                boxes.append(_Box(1, ((label, "footer-key--label", None),)))
                continue
            for key in keys:
                if key.palette:  # drawn compact, as Textual's is, then a column
                    palette = _Box(0, (("▏", "footer-key--border", None),
                                          *self._key_parts(key, True),
                                          ("" if compact else " ", "", None)))
                else:
                    boxes.append(_Box(1 if compact else 0, self._key_parts(key, compact)))
        return boxes, palette

    @staticmethod
    def _key_parts(key: ShownKey, compact: bool) -> tuple[tuple[str, str, ShownKey], ...]:
        if not key.description:
            return ((key.display, "footer-key--key", key),)
        if compact:
            return ((key.display, "footer-key--key", key),
                    (f" {key.description}", "footer-key--description", key))
        return ((f" {key.display} ", "footer-key--key", key),
                (f"{key.description} ", "footer-key--description", key))

    def render(self) -> Text:
        """The keys as one line of text (labels and keys are drawn as text, never as
        markup)."""
        styles: dict[str, Style] = {"": Style()}

        def style(component: str, key: ShownKey | None) -> Style:
            if component not in styles:
                styles[component] = self.get_component_rich_style(component)
            found = styles[component]
            if key is not None and key is self._hover:
                if "hover" not in styles:
                    styles["hover"] = self.get_component_rich_style("footer-key--hover")
                found += Style(bgcolor=styles["hover"].bgcolor)
            if key is not None and not key.enabled:
                found += Style(dim=True)
            return found

        def draw(box: _Box, line: Text, x: int) -> int:
            for text, component, key in box.parts:
                line.append(text, style(component, key))
                width = cell_len(text)
                if key is not None and width:
                    if drawn and drawn[-1].key is key and drawn[-1].end == x:
                        drawn[-1] = drawn[-1]._replace(end=x + width)
                    else:
                        drawn.append(Drawn(x, x + width, key))
                x += width
            return x

        boxes, palette = self._boxes()
        drawn: list[Drawn] = []
        line = Text(no_wrap=True, overflow="crop", end="")
        x = gap = 0
        for box in boxes:
            line.append(" " * gap)
            x = draw(box, line, x + gap)
            gap = box.right
        if palette is not None:
            # Docked right, over whatever of the row reaches that far.
            width = self.size.width
            tail = Text(no_wrap=True, end="")
            keys_before = len(drawn)
            end = draw(palette, tail, 0)
            start = max(width - end, 0)
            line.truncate(start, pad=True)
            line.append_text(tail)
            drawn[keys_before:] = [d._replace(start=d.start + start, end=d.end + start)
                                   for d in drawn[keys_before:]]
            drawn[:keys_before] = [d for d in drawn[:keys_before] if d.end <= start]
        self.drawn = tuple(drawn)
        return line

    # -- the pointer ------------------------------------------------------------------

    def _at(self, x: int) -> ShownKey | None:
        for start, end, key in self.drawn:
            if start <= x < end:
                return key
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it; a key that does nothing now rings the bell."""
        key = self._at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point(self._at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._point(None)

    def _point(self, key: ShownKey | None) -> None:
        if key is not self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or None) if key is not None else None
            self.refresh()

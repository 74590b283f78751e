"""The app's Footer: Textual's, with fewer keys when the terminal is narrow.

At 40 columns not every key fits; Textual's Footer then cuts the row and
its command-palette hint (docked right) is drawn over the last keys, so
"Quit" vanished and pieces of "^p palette" were left behind when the row
changed. Below :data:`FULL_WIDTH` this Footer leaves out the palette hint
(Ctrl+P still opens the palette) and the actions a screen names as
``narrow_hidden`` (their keys still work), so the keys that matter, Quit
first among them, are always shown whole.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

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


class CoachFooter(Footer):
    """A Footer that drops ``narrow_hidden`` actions and the palette hint when narrow."""

    # Compact, Textual runs a group's label into the next key ("SkipmMute").
    DEFAULT_CSS = """
    CoachFooter.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, *, narrow_hidden: frozenset[str] = frozenset(),
                 width: int = FULL_WIDTH, palette: bool = True,
                 tight_below: int = FULL_WIDTH) -> None:
        """``width``: the terminal's now (``fit`` follows it); below ``tight_below``
        columns the keys are drawn compact (one column less padding each), below
        :data:`FULL_WIDTH` the ``narrow_hidden`` ones and the palette hint go too."""
        narrow = width < FULL_WIDTH
        compact = width < max(tight_below, FULL_WIDTH)
        super().__init__(compact=compact, show_command_palette=palette and not narrow)
        self.narrow_hidden = narrow_hidden
        self.narrow = narrow
        self.palette = palette
        self.tight_below = max(tight_below, FULL_WIDTH)

    _recompose_queued = False  # a recompose is due after the next refresh
    _composed: Plan = ()  # what the keys drawn now were composed from

    def on_mount(self) -> None:
        """Ask for the screen's keys now: Textual's Footer fills in only on a bindings
        update, and one that came before it subscribed (a busy machine) left it empty."""
        super().on_mount()
        self.screen.refresh_bindings()

    def fit(self, width: int) -> None:
        """Lay the keys out for a terminal ``width`` columns wide."""
        narrow = width < FULL_WIDTH
        compact = width < self.tight_below
        if (narrow, compact) == (self.narrow, self.compact):
            return
        self.narrow = narrow
        self.compact = compact
        self.show_command_palette = self.palette and not narrow
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def _key(self, shown: ShownKey, description: str, classes: str) -> FooterKey:
        """A key drawn compact or not, made so at once: its ``-compact`` class comes with
        it (added later, each key was queued to be styled once more), and the reactive
        is set, not data-bound (a width change recomposes the whole row anyway)."""
        if self.compact:
            classes = f"{classes} -compact".strip()
        key = FooterKey(shown.key, shown.display, description, shown.action,
                        disabled=not shown.enabled, tooltip=shown.tooltip, classes=classes)
        key.set_reactive(FooterKey.compact, self.compact)
        return key

    def compose(self) -> ComposeResult:
        """Textual's Footer layout, less the keys left out at this width."""
        plan = self._plan()
        self._composed = plan
        for description, compact_group, keys in plan:
            if description is not None:
                with KeyGroup(classes="-compact" if compact_group else ""):
                    for key in keys:
                        yield self._key(key, "", "-grouped")
                yield FooterLabel(description)
                continue
            for key in keys:
                if key.palette:
                    yield FooterKey(key.key, key.display, key.description, key.action,
                                    disabled=not key.enabled, tooltip=key.tooltip,
                                    classes="-command-palette")
                else:
                    yield self._key(key, key.description, "")

    def _plan(self) -> Plan:
        """What :meth:`compose` draws: (group label or None, compact group, keys) runs."""
        if not self._bindings_ready:
            if not self.is_attached or self.screen is not self.app.screen:
                return ()
            # The screen is up and its keys are known: draw them now, not only on the
            # first bindings update (Textual's Footer composes empty, then again in
            # full). An update that changes the keys still recomposes.
            self.set_reactive(Footer._bindings_ready, True)
        hidden = self.narrow_hidden if self.narrow else frozenset()
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
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
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                plan.append((None, False, (ShownKey(
                    binding.key, display(binding), binding.description, binding.action,
                    enabled, binding.tooltip or binding.description, palette=True),)))
        return tuple(plan)

    def _covered(self) -> bool:
        """True while this Footer's screen is under a full screen (the session under its
        summary) or gone, so not drawn; it refreshes its bindings as it comes back
        (CoachScreen.on_screen_resume). A dialog over it leaves it in view."""
        stack = self.app.screen_stack
        if self.screen not in stack:
            return True
        return any(not above.is_modal for above in stack[stack.index(self.screen) + 1:])

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose once for any number of updates before the next refresh, and not at
        all when the keys shown stay the same.

        Textual's Footer queues a whole recompose (every key unmounted, built,
        styled and mounted again) for each update, and the screens publish
        several in a row: four as the session screen's Footer came up, seven as
        the summary's did, each costing about what the rest of a frame does.
        """
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_queued = False
        if self.is_attached and not self._covered() and self._plan() != self._composed:
            await self.recompose()

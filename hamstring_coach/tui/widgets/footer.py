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

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

FULL_WIDTH = 80


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

    def _sized(self, key: FooterKey) -> FooterKey:
        # Set, not data-bound: a width change recomposes the whole row anyway.
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact")
        return key

    def compose(self) -> ComposeResult:
        """Textual's Footer layout, less the keys left out at this width."""
        if not self._bindings_ready:
            return
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
        for group, runs in groupby(ordered, lambda run: run[0][0].group):
            shown = list(runs)
            if group is not None and len(shown) > 1:
                with KeyGroup(classes="-compact" if group.compact else ""):
                    for binding, enabled, tooltip in (run[0] for run in shown):
                        yield self._sized(FooterKey(
                            binding.key, self.app.get_key_display(binding), "",
                            binding.action, disabled=not enabled,
                            tooltip=tooltip or binding.description, classes="-grouped"))
                yield FooterLabel(group.description)
                continue
            for binding, enabled, tooltip in (run[0] for run in shown):
                yield self._sized(FooterKey(
                    binding.key, self.app.get_key_display(binding), binding.description,
                    binding.action, disabled=not enabled, tooltip=tooltip))
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                yield FooterKey(binding.key, self.app.get_key_display(binding),
                                binding.description, binding.action,
                                classes="-command-palette", disabled=not enabled,
                                tooltip=binding.tooltip or binding.description)

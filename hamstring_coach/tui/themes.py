"""The app's own Textual theme: ``high-contrast`` (``run --theme``, setting ``theme``).

White and pure yellow on black, nothing mid-grey: for low vision and for
bright rooms. It is registered in Textual's theme system, so it also shows
in the command palette's theme list. ``NO_COLOR`` is Textual's business:
the app then draws in greys whatever the theme (see the README).
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#ffffff",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "border": "#ffffff",
        "border-blurred": "#ffffff",
    },
)

THEMES = (HIGH_CONTRAST,)

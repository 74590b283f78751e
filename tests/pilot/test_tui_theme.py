"""The high-contrast theme: registered in Textual's theme system and chosen by the config."""

from __future__ import annotations

import asyncio

from textual.color import Color

from hamstring_coach.tui.app import AppConfig
from hamstring_coach.tui.factory import make_app


def test_the_high_contrast_theme_is_white_on_black_and_selectable() -> None:
    async def main() -> None:
        app = make_app(AppConfig(theme="high-contrast"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "high-contrast"
            assert "high-contrast" in app.available_themes
            assert app.screen.styles.background == Color(0, 0, 0)
            variables = app.get_css_variables()
            assert Color.parse(variables["foreground"]) == Color(255, 255, 255)

    asyncio.run(main())


def test_without_a_theme_the_app_keeps_textual_dark() -> None:
    async def main() -> None:
        app = make_app(AppConfig())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "textual-dark"

    asyncio.run(main())

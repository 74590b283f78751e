"""Regenerate the README's pictures in docs/pictures/ from the fixed six-week history.

    .venv/bin/python tools/make_pictures.py

Records tests/progress_example.py's history (on its fixed dates) into a temporary
data folder, then writes:

- trends-80x24.svg, trends-40x12.svg, year-80x24.svg: the trends and year screens
  (the real app, Textual's own SVG screenshot);
- report.html and report.png: ``hamstring-coach report`` and headless Chromium's
  screenshot of it (skipped, with a message, where Chromium is absent).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "pictures"


async def _shot(screen_factory: object, size: tuple[int, int], name: str) -> None:
    from textual.app import App

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(screen_factory())  # type: ignore[operator]

    app = Host()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause(0.2)
        (OUT / name).write_text(app.export_screenshot(title="hamstring-coach"))


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="hc-pictures-"))
    os.environ["HAMSTRING_COACH_CONFIG_DIR"] = str(base / "config")
    os.environ["HAMSTRING_COACH_DATA_DIR"] = str(base / "data")
    sys.path.insert(0, str(REPO / "tests"))
    from progress_example import FIXED_FIRST, FIXED_NOW, WEEKS, record_example

    from hamstring_coach.history.report_doc import gather, to_html
    from hamstring_coach.history.stats import read
    from hamstring_coach.tui.screens.trends import TrendsScreen
    from hamstring_coach.tui.screens.year import YearScreen

    OUT.mkdir(parents=True, exist_ok=True)
    record_example(base, FIXED_FIRST)
    asyncio.run(_shot(lambda: TrendsScreen(weeks=WEEKS, now=FIXED_NOW), (80, 24),
                      "trends-80x24.svg"))
    asyncio.run(_shot(lambda: TrendsScreen(weeks=WEEKS, now=FIXED_NOW), (40, 12),
                      "trends-40x12.svg"))
    asyncio.run(_shot(lambda: YearScreen(now=FIXED_NOW), (80, 24), "year-80x24.svg"))
    data, _ = read(None)
    page = OUT / "report.html"
    page.write_text(to_html(gather(data, WEEKS, FIXED_NOW)))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed: report.png not made", file=sys.stderr)
    else:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--window-size=794,720",
                        f"--screenshot={OUT / 'report.png'}", page.as_uri()],
                       capture_output=True, timeout=120, check=True)
    shutil.rmtree(base)
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())

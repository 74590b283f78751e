"""The HTML report as a person sees it: opened in headless Chromium, screenshot to PNG,
printed to PDF. Skipped (with the reason) where Chromium is absent; .ci/run installs it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from png_support import bands, read_png, rows_with
from progress_example import EXPECTED, WEEKS, record_example
from test_e2e_tmux import COMMAND

pytestmark = [pytest.mark.slow]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LINE_BLUE = (0x1A, 0x4F, 0x8B)  # the charts' line colour (report_doc.chart_svg)


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", "--no-first-run", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does)")
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed")
    record_example(tmp_path)
    out = tmp_path / "report.html"
    done = subprocess.run([str(COMMAND), "report", "--weeks", str(WEEKS), "-o", str(out)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return out


def test_every_exercise_shows_with_a_chart_and_its_numbers(page: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    done = _chromium("--window-size=794,1123", f"--screenshot={png}", page.as_uri())
    assert png.exists(), done.stderr
    width, height, rows = read_png(png)
    assert (width, height) == (794, 1123)
    charts = bands(rows_with(rows, LINE_BLUE))
    assert len(charts) == len(EXPECTED), charts  # one chart per exercise, each drawn
    assert all(last - first >= 20 for first, last in charts)  # lines, not a dot
    # The page as Chromium laid it out: each exercise's row holds its numbers.
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    for name, (unit, first, latest, best, done_sets, skipped) in EXPECTED.items():
        row = re.search(rf"<tr class=\"exercise\"><td>{name}<br>.*?</tr>", dom, re.S)
        assert row is not None, name
        cells = re.findall(r'<td class="n">([^<]*)</td>', row.group())
        assert cells == [str(first), str(latest), str(best), str(done_sets), str(skipped),
                         "–"], name
        assert unit in row.group()
    assert "Sets: 35 done of 36 planned (97%), 1 skipped." in dom
    assert "Strength &lt;b&gt;&amp; co&lt;/b&gt;" in dom  # a name with markup stays text
    assert "<b>" not in dom


def test_it_prints_on_one_a4_page(page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert (round(float(box.group(1))), round(float(box.group(2)))) == (595, 842)  # A4

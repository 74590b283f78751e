"""Per-exercise progress, adherence and the report's two formats, from a fixed history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from progress_example import EXPECTED, NOW, WEEKS, progress_example  # noqa: F401

from hamstring_coach.history.progress import exercise_progress, load_number
from hamstring_coach.history.report_doc import gather, md, to_html, to_markdown
from hamstring_coach.history.stats import read


@pytest.mark.parametrize("text, value", [
    ("20 kg", (20.0, "kg")), ("12.5kg", (12.5, "kg")), ("45 lbs", (45.0, "lb")),
    ("bodyweight", None), ("band", None), ("10", None), (None, None)])
def test_a_load_is_a_number_only_with_its_unit(text: str | None,
                                               value: tuple[float, str] | None) -> None:
    assert load_number(text) == value


@pytest.mark.usefixtures("progress_example")
def test_each_exercise_has_its_weekly_best_first_latest_and_counts() -> None:
    data, _ = read(None)
    items = exercise_progress(data, WEEKS, NOW.date())
    got = {i.name: (i.unit if i.unit != "kg × reps" else f"{i.load_unit} × reps", i.first,
                    i.latest, i.best, i.sets_done, i.sets_skipped) for i in items}
    assert got == EXPECTED
    rdl = next(i for i in items if i.name == "Romanian deadlift")
    assert rdl.values == [240, 280, 280, 320, 320, 360]
    nordic = next(i for i in items if i.name == "Nordic curl")
    assert nordic.values == [3, 3, 4, 5, 5, 6]


@pytest.mark.usefixtures("progress_example")
def test_the_report_says_adherence_and_escapes_names_in_both_formats() -> None:
    data, _ = read(None)
    report = gather(data, WEEKS, NOW)
    a = report.adherence
    assert (a.sessions_started, a.sessions_finished) == (6, 5)
    assert (a.sets_planned, a.sets_done, a.sets_skipped, a.percent) == (36, 35, 1, 97)
    page = to_html(report)
    assert "<b>" not in page and "Strength &lt;b&gt;&amp; co&lt;/b&gt;" in page
    assert "<script" not in page and not re.search(r"(src|href)=\"?https?:", page)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    assert "@page { size: A4" in page
    text = to_markdown(report)
    assert "Strength \\<b\\>& co\\</b\\>" in text
    assert "| Romanian deadlift | kg × reps |" in text and "| 240 | 360 | 360 | 12 | 0 |" in text


def test_markdown_escaping_keeps_text_as_text() -> None:
    assert md("*bold* [x](http://e) `c` \x1b[31m") == \
        "\\*bold\\* \\[x\\]\\(http://e\\) \\`c\\` \\\\x1b\\[31m"


def test_an_empty_history_still_makes_a_report(tmp_path: Path) -> None:
    data, _ = read(None)
    report = gather(data, WEEKS, NOW)
    assert "No sets recorded in these weeks." in to_html(report)
    assert "No sessions in these weeks." in to_markdown(report)

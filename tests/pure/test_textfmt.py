"""The one duration formatter and its one rounding rule (textfmt.duration_text).

A total is rounded to the nearest second, half up, and the hour decided after
rounding; a countdown rounds up first (0:00 only at the very end), time gone by
rounds down first (a stopwatch). Before issue 10 six formatters disagreed: the
session screen showed 3599.6 s as 60:00 while the history said 1:00:00, the
``show``/``list`` commands printed 75 minutes as 75:00, ``render`` rounded 2.5 s
to even.
"""

from __future__ import annotations

import pytest

from hamstring_coach.textfmt import countdown_text, duration_text, elapsed_text


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0:00"), (5, "0:05"), (59.4, "0:59"), (59.5, "1:00"), (0.5, "0:01"), (2.5, "0:03"),
    (750, "12:30"), (754, "12:34"), (3599, "59:59"), (3599.4, "59:59"),
    (3599.6, "1:00:00"), (3600, "1:00:00"), (4500, "1:15:00"), (7229, "2:00:29"),
    (-5, "-0:05"),
])
def test_a_total_is_rounded_to_the_nearest_second_then_read_m_ss_or_h_mm_ss(
        seconds: float, text: str) -> None:
    assert duration_text(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (0.0, "0:00"), (0.2, "0:01"), (1.0, "0:01"), (1.0000001, "0:01"), (1.01, "0:02"),
    (59.5, "1:00"), (60.0, "1:00"), (61.0, "1:01"), (600.0, "10:00"), (3599.6, "1:00:00"),
    (7228.2, "2:00:29"), (-3.0, "0:00"),
])
def test_a_countdown_rounds_up_so_zero_shows_only_at_the_end(seconds: float, text: str) -> None:
    assert countdown_text(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [
    (0.0, "0:00"), (0.9, "0:00"), (1.0, "0:01"), (0.9999999, "0:01"), (59.9, "0:59"),
    (3599.6, "59:59"), (3600.0, "1:00:00"),
])
def test_time_gone_by_rounds_down_like_a_stopwatch(seconds: float, text: str) -> None:
    assert elapsed_text(seconds) == text

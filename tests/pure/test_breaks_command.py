"""The ``break`` command's options, through the real CLI entry point."""

from __future__ import annotations

import pytest

from hamstring_coach.cli import main


@pytest.mark.parametrize("option", ["--every", "--snooze"])
@pytest.mark.parametrize("value", ["45", "2.5", " 30 "])
def test_a_bare_number_needs_a_unit(option: str, value: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """``--every 45`` would have meant 45 seconds: refused, nothing starts."""
    with pytest.raises(SystemExit) as exited:
        main(["break", option, value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: give a unit, e.g. 45m, 1h or 90s" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("value", "seconds"), [("45m", 2700.0), ("1h", 3600.0),
                                                ("90s", 90.0), ("1h30m", 5400.0)])
def test_a_time_with_a_unit_is_taken(value: str, seconds: float) -> None:
    import argparse

    from hamstring_coach.commands import break_timer as breaks

    parser = argparse.ArgumentParser()
    breaks.add_arguments(parser)
    args = parser.parse_args(["--every", value, "--snooze", value])
    assert args.every == seconds and args.snooze == seconds


def test_a_word_is_still_explained(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["break", "--every", "inf"])
    assert exited.value.code == 2
    assert 'argument --every: \'inf\': expected a time such as' in capsys.readouterr().err

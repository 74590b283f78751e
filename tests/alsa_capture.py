"""Real ALSA playback into files: a temporary HOME whose ``.asoundrc`` routes ``default``
through the ``file`` plugin (over ``null``) to raw S16_LE mono 44.1 kHz files.

``plug`` in front converts whatever a backend opens with to that one format.
With ``truncate false`` each opening of the device gets a new file
(``out.raw``, ``out.raw.0001``, ...), so sounds from separately opened
streams (simpleaudio, aplay) all survive, in order. ``null`` takes samples
as fast as they come, so the files hold the sounds in order, not their
spacing in time; timing is tested through ``render`` and the hand-off log.
"""

from __future__ import annotations

import array
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from audio_signal import Pieces, find_all, read_raw, unmix

from hamstring_coach.audio.bank import load_bank
from hamstring_coach.plan.timeline import Sound

ASOUNDRC = """\
pcm.!default {{
  type plug
  slave {{
    pcm "capture"
    format S16_LE
    rate 44100
    channels 1
  }}
}}
pcm.capture {{
  type file
  slave.pcm "null"
  file "{path}"
  format "raw"
  truncate false
}}
"""


def alsa_available() -> bool:
    """True where ALSA's user-space library can be loaded (Linux with libasound)."""
    return sys.platform.startswith("linux") and shutil.which("aplay") is not None


class AlsaCapture:
    """A HOME whose ALSA default device writes everything played into files."""

    def __init__(self, base: Path) -> None:
        self.home = base / "home"
        self.folder = base / "pcm"
        self.home.mkdir(parents=True)
        self.folder.mkdir(parents=True)
        self._gaps: dict[int, int] = {}
        (self.home / ".asoundrc").write_text(ASOUNDRC.format(path=self.folder / "out.raw"))

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for a child process that should play into the capture."""
        return {**os.environ, "HOME": str(self.home), **extra}

    def files(self) -> list[Path]:
        """Capture files in the order the device was opened."""
        def order(path: Path) -> int:
            suffix = path.name.removeprefix("out.raw").lstrip(".")
            return int(suffix) if suffix else 0

        return sorted(self.folder.glob("out.raw*"), key=order)

    def samples(self) -> array.array[int]:
        """Everything played so far."""
        return read_raw(self.files())

    def sounds(self, volume: int = 80) -> list[Sound]:
        """The bank sounds found in the capture at ``volume``, in order: each found
        sample for sample, alone, in a stretch where it was mixed with others, or in
        pieces where a stalled stream was restarted mid-sound (see ``Pieces``)."""
        data = self.samples()
        bank, _ = load_bank()
        templates = {sound: bank.at_volume(sound, volume) for sound in Sound}
        hits: list[tuple[int, Sound]] = []
        spans: list[tuple[int, int]] = []
        for sound, tpl in templates.items():
            for pos in find_all(data, tpl):
                hits.append((pos, sound))
                spans.append((pos, pos + len(tpl)))
        if volume not in self._gaps:
            self._gaps[volume] = _longest_silence(templates.values())
        gap = self._gaps[volume]
        pieces = Pieces(templates)
        for start, stretch in _unexplained(data, sorted(spans), gap):
            # Sounds mixed together, else sounds cut by a restarted stream; a stretch
            # that is neither (a sound cut short and lost) counts as none.
            found = unmix(stretch, templates)
            if found is None:
                found = pieces.find(stretch)
            hits += [(start + pos, sound) for pos, sound in found or []]
        return [sound for _pos, sound in sorted(hits)]

    def wait_for(self, count: int, volume: int = 80, timeout: float = 5.0) -> list[Sound]:
        """The sounds found once at least ``count`` are there (or the timeout passes)."""
        end = time.monotonic() + timeout
        found = self.sounds(volume)
        while len(found) < count and time.monotonic() < end:
            time.sleep(0.05)
            found = self.sounds(volume)
        return found


def _longest_silence(templates: Iterable[array.array[int]]) -> int:
    """The longest run of zero samples inside any of ``templates`` (a two-note cue has one)."""
    longest = 0
    for tpl in templates:
        run = 0
        for value in tpl:
            run = 0 if value else run + 1
            longest = max(longest, run)
    return longest


def _unexplained(data: array.array[int], spans: list[tuple[int, int]],
                 gap: int) -> Iterator[tuple[int, list[int]]]:
    """Stretches of sound outside ``spans`` (sorted) split by more than ``gap`` zero
    samples, with where each starts."""
    edges = [0] + [x for span in spans for x in span] + [len(data)]
    raw = data.tobytes()
    for gap_start, gap_end in zip(edges[::2], edges[1::2], strict=True):
        if gap_end <= gap_start or not raw[2 * gap_start:2 * gap_end].strip(b"\0"):
            continue  # all silence (the usual case), checked at C speed
        start = end = -1
        for i in range(gap_start, gap_end):
            if data[i]:
                if start < 0 or i - end > gap:
                    if start >= 0:
                        yield start, list(data[start:end])
                    start = i
                end = i + 1
        if start >= 0:
            yield start, list(data[start:end])

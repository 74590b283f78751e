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
from pathlib import Path

from audio_signal import find_all, read_raw

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
        """The bank sounds found in the capture (exactly, at ``volume``), in order."""
        data = self.samples()
        bank, _ = load_bank()
        hits: list[tuple[int, Sound]] = []
        for sound in Sound:
            hits += [(pos, sound) for pos in find_all(data, bank.at_volume(sound, volume))]
        return [sound for _pos, sound in sorted(hits)]

    def wait_for(self, count: int, volume: int = 80, timeout: float = 5.0) -> list[Sound]:
        """The sounds found once at least ``count`` are there (or the timeout passes)."""
        end = time.monotonic() + timeout
        found = self.sounds(volume)
        while len(found) < count and time.monotonic() < end:
            time.sleep(0.05)
            found = self.sounds(volume)
        return found

"""Render a session's whole sound track to one WAV file (``hamstring-coach render``).

Each cue starts on the sample nearest its scheduled time (phase start plus
offset; waits count as 0 s, as in the timeline), the finishing sounds at the
session's total. Overlapping sounds are mixed with clipping. The file is
written block by block, so an hour-long session needs a few kilobytes of
memory, not hundreds of megabytes. 16-bit mono PCM at full volume.
"""

from __future__ import annotations

import array
import sys
import wave
from collections.abc import Iterable, Mapping
from pathlib import Path

from hamstring_coach.audio.bank import SAMPLE_RATE, Samples, load_bank
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.system.files import create_regular
from hamstring_coach.system.records import frozen

BLOCK_SECONDS = 1


@frozen
class RenderInfo:
    """What was written: where, how long, and every cue with its exact start."""

    path: Path
    sample_rate: int
    frames: int
    cues: tuple[tuple[int, Sound], ...]  # (start frame, sound), in time order
    warnings: tuple[str, ...] = ()

    @property
    def seconds(self) -> float:
        """Length of the file in seconds."""
        return self.frames / self.sample_rate


def cue_times(timeline: Timeline) -> list[tuple[float, Sound]]:
    """Every sound of the timeline with its scheduled time in seconds, in time order."""
    cues = [(phase.start + cue.offset, cue.sound)
            for phase in timeline.phases for cue in phase.sounds]
    cues += [(timeline.total, sound) for sound in timeline.final_sounds]
    cues.sort(key=lambda c: c[0])  # stable: simultaneous cues keep timeline order
    return cues


def _mix_block(block: Samples, start: int, events: Iterable[tuple[int, Samples]]) -> None:
    """Add each (frame, samples) that overlaps ``block`` (which starts at frame ``start``)."""
    end = start + len(block)
    touched: list[tuple[int, int]] = []
    for frame, samples in events:
        s0, s1 = max(frame, start), min(frame + len(samples), end)
        if s0 >= s1:
            continue
        lo, hi = s0 - start, s1 - start
        src = samples[s0 - frame:s1 - frame]
        if any(lo < t1 and t0 < hi for t0, t1 in touched):
            for i, value in enumerate(src, lo):  # overlap: mix sample by sample
                block[i] = max(-32768, min(32767, block[i] + value))
        else:
            block[lo:hi] = src  # the common case: a copy at C speed
        touched.append((lo, hi))


def render_session(timeline: Timeline, out_path: Path, *, sample_rate: int = SAMPLE_RATE,
                   overrides: Mapping[str, Path] | None = None) -> RenderInfo:
    """Write the session's sound track to ``out_path``; see the module docstring.

    ``overrides`` (sound name -> WAV) defaults to the session's own ``sounds:``.
    """
    bank, warnings = load_bank(timeline.session.sounds if overrides is None else overrides,
                               sample_rate)
    cues = tuple((round(t * sample_rate), sound) for t, sound in cue_times(timeline))
    events = [(frame, bank.samples[sound]) for frame, sound in cues]
    frames = max([round(timeline.total * sample_rate)]
                 + [frame + len(samples) for frame, samples in events])
    block_frames = BLOCK_SECONDS * sample_rate
    longest = max((len(s) for _f, s in events), default=0)
    out_path = Path(out_path)
    # Open the file first: wave.open on a bad path leaves a half-made object behind.
    with create_regular(out_path) as raw, wave.open(raw, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        first = 0  # index of the first event that may still overlap the current block
        for start in range(0, frames, block_frames):
            size = min(block_frames, frames - start)
            while first < len(events) and events[first][0] + longest <= start:
                first += 1
            block = array.array("h", bytes(2 * size))
            nearby = []
            for frame, samples in events[first:]:
                if frame >= start + size:
                    break
                nearby.append((frame, samples))
            _mix_block(block, start, nearby)
            if sys.byteorder == "big":  # WAV is little-endian
                block.byteswap()
            out.writeframes(block.tobytes())
    return RenderInfo(out_path, sample_rate, frames, cues, tuple(warnings))

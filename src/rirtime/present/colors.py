"""A colour for each actor, the same in every run and in every view of one file: the busiest
actors get the well-separated colours, every other actor a colour of its own from its id."""

from __future__ import annotations

import colorsys
import zlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rirtime.model import Timeline

__all__ = ["DISTINCT", "actor_color", "contrast", "palette", "palette_of"]

# The luminance at which a colour contrasts equally with black and with white: about 4.5:1 with
# each, so an actor's name reads on a dark terminal and on a light one alike, and an HTML chip
# of that colour passes WCAG AA under black or white text.
_TARGET_LUMINANCE = 0.18

# (hue in degrees, saturation) of the colours the busiest actors get, busiest first. Picked
# greedily, each the farthest (in OKLab, in truecolor and after rich brings it down to 256
# colours) from those before it. None is green (the date's colour) or grey; brought down to
# 256 colours each has a code of its own, and the first seven a code of their own among the 16
# (red, bright blue, magenta, cyan, yellow, bright red, bright magenta): tests/test_colors.py.
DISTINCT: tuple[tuple[int, float], ...] = (
    (0, 1.0),  # red
    (215, 1.0),  # blue
    (296, 0.85),  # magenta
    (172, 0.6),  # teal
    (31, 0.6),  # brown
    (330, 0.6),  # rose
    (277, 0.95),  # violet
    (203, 0.95),  # azure
    (240, 0.6),  # periwinkle
    (337, 0.95),  # crimson
    (12, 0.65),  # vermilion
    (261, 0.8),  # purple
)

# The hues any other actor may take: not the greens and yellow-greens (45-174 degrees), which
# read as the date's green, or come down to it or to grey in 16 colours.
_HUES = (*range(45), *range(175, 360))
_SATURATIONS = (0.64, 0.76, 0.88, 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: PLR2004 - WCAG 2's formula, as the standard writes it

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours."""

    def lum(hex_colour: str) -> float:
        rgb = tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return _luminance(rgb)  # type: ignore[arg-type]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=4096)
def _colour(hue: int, saturation: float) -> str:
    """`#rrggbb` of that hue and saturation at the target luminance."""
    lo, hi = 0.0, 1.0
    for _ in range(24):  # the lightness whose luminance is the target, by bisection
        mid = (lo + hi) / 2
        if _luminance(colorsys.hls_to_rgb(hue / 360, mid, saturation)) < _TARGET_LUMINANCE:
            lo = mid
        else:
            hi = mid
    r, g, b = colorsys.hls_to_rgb(hue / 360, (lo + hi) / 2, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _hue_index_and_saturation(actor_id: str) -> tuple[int, float]:
    h = zlib.crc32(actor_id.encode("utf-8"))
    return h % len(_HUES), _SATURATIONS[(h >> 11) % len(_SATURATIONS)]


def actor_color(actor_id: str) -> str:
    """`#rrggbb` from the id's CRC-32: a hue of its own (never green), at the lightness that
    makes it read as well on black as on white."""
    index, saturation = _hue_index_and_saturation(actor_id)
    return _colour(_HUES[index], saturation)


_MIN_HUE_GAP = 6  # degrees between two actors of about the same saturation
_NEAR_SATURATION = 0.1
_STEP = 89  # about the golden fraction of the allowed hues: steps land far from the last


class _Taken:
    """The hues taken so far, as what each allowed saturation may no longer use: for a gap,
    every hue within it of a taken colour of a near saturation. Asking is one lookup and
    taking a colour marks a few hues, so a registry of N actors is placed in about N steps
    (a list of taken colours rescanned for each try was N * N * 360 of them)."""

    def __init__(self) -> None:
        self.blocked = {(gap, s): bytearray(360) for gap in _GAPS for s in _SATURATIONS}
        self.full: set[tuple[int, float]] = set()  # (gap, saturation) with no hue left

    def take(self, hue: int, saturation: float) -> None:
        for s in _SATURATIONS:
            if abs(s - saturation) < _NEAR_SATURATION:
                for gap in _GAPS:
                    row = self.blocked[gap, s]
                    for d in range(1 - gap, gap):
                        row[(hue + d) % 360] = 1

    def clear(self, hue: int, saturation: float, gap: int) -> bool:
        return not self.blocked[gap, saturation][hue]


_GAPS = (_MIN_HUE_GAP, 1)


def _place(index: int, saturation: float, taken: _Taken) -> int:
    """The first allowed hue from `index` on, by steps, that is clear of those taken; in a
    registry too large for the gap, the first that no other actor has exactly."""
    for gap in _GAPS:
        if (gap, saturation) in taken.full:
            continue
        start = index
        for _ in range(len(_HUES)):
            if taken.clear(_HUES[index], saturation, gap):
                return index
            index = (index + _STEP) % len(_HUES)
        taken.full.add((gap, saturation))  # it only fills up: never look round again
        index = start
    return index


def palette(actor_ids: Iterable[str], events: Mapping[str, int] | None = None) -> dict[str, str]:
    """A colour for each actor of a registry, no two alike. The actors with the most `events`
    (then by id) take the colours of DISTINCT in turn; every other actor keeps the colour of
    its id unless one before it (in id order) or a DISTINCT colour is too close, and then it
    steps round the allowed hues until it is clear. The same registry and counts always get
    the same colours, whatever order they come in."""
    counts = events or {}
    ranked = sorted(set(actor_ids), key=lambda a: (-counts.get(a, 0), a))
    return dict(_palette(tuple(ranked)))


@lru_cache(maxsize=8)
def _palette(ranked: tuple[str, ...]) -> dict[str, str]:
    busiest, rest = ranked[: len(DISTINCT)], sorted(ranked[len(DISTINCT) :])
    taken = _Taken()
    out = {}
    for actor_id, (hue, saturation) in zip(busiest, DISTINCT, strict=False):
        taken.take(hue, saturation)
        out[actor_id] = _colour(hue, saturation)
    for actor_id in rest:
        index, saturation = _hue_index_and_saturation(actor_id)
        index = _place(index, saturation, taken)
        taken.take(_HUES[index], saturation)
        out[actor_id] = _colour(_HUES[index], saturation)
    return out


_last: tuple[Timeline, dict[str, str]] | None = None


def palette_of(timeline: Timeline) -> dict[str, str]:
    """The palette of a timeline's actors, the busiest (by the events naming them) first: what
    the text view, the tables and the HTML export colour actors with. Kept for the last
    timeline asked about, since a view asks once for every actor it draws."""
    global _last  # noqa: PLW0603 - a one-entry cache, by identity: a Timeline is not hashable cheaply
    if _last is None or _last[0] is not timeline:
        from rirtime.model import overview

        counts = overview(timeline.events).mentions  # stored for a cached chronology
        _last = (timeline, palette(timeline.actors, counts))
    return _last[1]

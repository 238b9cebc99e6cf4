"""A stable colour for each actor: the same id gets the same colour in every run and format."""

from __future__ import annotations

import colorsys
import zlib
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["actor_color", "contrast", "palette"]

# The luminance at which a colour contrasts equally with black and with white: about 4.5:1 with
# each, so an actor's name reads on a dark terminal and on a light one alike.
_TARGET_LUMINANCE = 0.18


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


def _colour(hue: float, saturation: float) -> str:
    lo, hi = 0.0, 1.0
    for _ in range(24):  # the lightness whose luminance is the target, by bisection
        mid = (lo + hi) / 2
        if _luminance(colorsys.hls_to_rgb(hue, mid, saturation)) < _TARGET_LUMINANCE:
            lo = mid
        else:
            hi = mid
    r, g, b = colorsys.hls_to_rgb(hue, (lo + hi) / 2, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def _hue_and_saturation(actor_id: str) -> tuple[int, float]:
    h = zlib.crc32(actor_id.encode("utf-8"))
    return h % 360, 0.55 + ((h >> 11) % 4) * 0.12


def actor_color(actor_id: str) -> str:
    """`#rrggbb` from the id's CRC-32: a hue of its own, at the lightness that makes it read as
    well on black as on white."""
    hue, saturation = _hue_and_saturation(actor_id)
    return _colour(hue / 360, saturation)


_MIN_HUE_GAP = 5  # degrees between two actors of the same saturation


def palette(actor_ids: Iterable[str]) -> dict[str, str]:
    """A colour for each actor of a registry, no two alike: each keeps the colour of its id
    unless an actor before it (in id order) took a hue too close, and then it steps round the
    wheel by the golden angle until it is clear. The same registry always gets the same colours."""
    return dict(_palette(tuple(sorted(set(actor_ids)))))


@lru_cache(maxsize=8)
def _palette(actor_ids: tuple[str, ...]) -> dict[str, str]:
    taken: list[tuple[int, float]] = []
    out: dict[str, str] = {}
    for actor_id in actor_ids:
        hue, saturation = _hue_and_saturation(actor_id)
        for _ in range(360):
            clash = any(
                s == saturation and min(abs(hue - h), 360 - abs(hue - h)) < _MIN_HUE_GAP
                for h, s in taken
            )
            if not clash:
                break
            hue = (hue + 137) % 360
        taken.append((hue, saturation))
        out[actor_id] = _colour(hue / 360, saturation)
    return out

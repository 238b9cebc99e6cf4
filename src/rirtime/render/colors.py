"""A stable colour for each actor: the same id gets the same colour in every run and format."""

from __future__ import annotations

import colorsys
import zlib

__all__ = ["actor_color"]


def actor_color(actor_id: str) -> str:
    """`#rrggbb` from the id's CRC-32: a hue of its own, readable on dark and light backgrounds."""
    h = zlib.crc32(actor_id.encode("utf-8"))
    hue = (h % 360) / 360
    lightness = 0.50 + ((h >> 9) % 3) * 0.06
    saturation = 0.55 + ((h >> 11) % 3) * 0.12
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"

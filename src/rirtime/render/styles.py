"""An actor's colour as a rich Style for the console that draws it.

rich works out the escape codes of a Style once, the first time that Style is drawn, for the
colour system of the console drawing it, and keeps them on the Style; and `Style.parse` (like
`Style.__add__`) hands every caller the same cached instance for equal styles. So a style string
such as "#4f8306", drawn first on a 16-colour console, stays `ESC[32m` on every truecolor console
of the process after it, and one drawn first in truecolor stays `ESC[38;2;79;131;6m` on a 16-colour
console: the colours depend on which console happened to draw first. Bringing the colour down to
the console's own system here gives rich a Style whose codes are the same whichever console of
that system draws it, first or not.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color
from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style

__all__ = ["colour_style"]


def colour_style(colour: str, console: Console) -> Style:
    """The foreground colour `colour` (`#rrggbb`) as `console` can show it."""
    return _style(colour, console.color_system)


@lru_cache(maxsize=1024)
def _style(colour: str, system: str | None) -> Style:
    color = Color.parse(colour)
    if system is not None:  # no colour system: nothing is drawn in colour anyway
        color = color.downgrade(COLOR_SYSTEMS[system])
    return Style(color=color)

"""Shell completion: actor ids, tags and source ids, read from the timeline being worked on."""

# No `from __future__ import annotations`: typer reads these functions' annotations at every
# start, once for each option that completes with one (an eval() each when they are strings).

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rirtime.model import Timeline

__all__ = ["actors", "sources", "tags"]

_HELP_CELLS = 60  # a completion's help in at most this many cells: one line in any shell's menu


def _value(text: str) -> str:
    """An id from the file as a completion: controls and line breaks as visible stand-ins
    (a file that does not pass `check` can hold anything in its ids)."""
    from rirtime.present.safe import visible

    return visible(text)


def _offered(text: str) -> bool:
    """Only an id in the notation (lowercase kebab-case) is offered: a shell evaluates what
    completion prints, and no quoting typer does covers every shell (zsh's misses `\\`)."""
    from rirtime.spec import ID_PATTERN

    return ID_PATTERN.fullmatch(text) is not None


def _help(text: str) -> str:
    """Text from the file as a completion's help: one line, controls and bidi as visible
    stand-ins, cut to fit a menu, and rich markup escaped, since typer renders zsh's, fish's and
    PowerShell's help through rich (where `[/x]` raised, and `[red]` vanished)."""
    from rich.markup import escape
    from rich.text import Text

    from rirtime.present.safe import visible

    # A backslash would end typer's zsh quoting early (it escapes quotes, `$`, backquotes and
    # colons, not the backslash itself), and zsh evaluates what follows: shown as U+29F5.
    shown = Text(visible(" ".join(text.split())).replace("\\", "\u29f5"))
    shown.truncate(_HELP_CELLS, overflow="ellipsis")
    return escape(shown.plain)


def _timeline(ctx: Any) -> "Timeline | None":
    """The timeline the command line names so far; None when it cannot be read."""
    from rirtime.files import STDIN, resolve_paths
    from rirtime.workspace import cache_wanted, open_all

    params = getattr(ctx, "params", {}) or {}
    try:
        paths = resolve_paths(params.get("file"))
        if STDIN in paths:
            return None
        # through the cache, as the command itself will read them: a large file answers at once
        return open_all(paths, use_cache=cache_wanted()).timeline
    except Exception:  # noqa: BLE001 - completion must never break the shell, whatever the file holds
        return None


def actors(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Actor ids starting with what was typed, each with the actor's name as help."""
    t = _timeline(ctx)
    if t is None:
        return []
    low = incomplete.casefold()
    found = [a for a in t.actors.values() if a.id.casefold().startswith(low) and _offered(a.id)]
    return [(_value(a.id), _help(a.name)) for a in found]


def tags(ctx: Any, incomplete: str) -> list[str]:
    """Tags in use starting with what was typed."""
    t = _timeline(ctx)
    if t is None:
        return []
    found = sorted({tag for e in t.events for tag in e.tags})
    return [_value(t) for t in found if t.startswith(incomplete.casefold()) and _offered(t)]


def sources(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Source ids starting with what was typed, each with the start of its citation as help."""
    t = _timeline(ctx)
    if t is None:
        return []
    found = [s for s in t.sources.values() if s.id.startswith(incomplete) and _offered(s.id)]
    return [(_value(s.id), _help(s.citation)) for s in found]

"""YAML text of a timeline's values, and ids made from names: what `add` inserts into a file
and `import` writes whole, said once.

A scalar is plain only when it reads back as exactly the same string; anything else is double
quoted, with every character that could act on a terminal, or that YAML would rewrite, written
as an escape (so a file made here never holds a raw control, bidi or invisible character).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence

import yaml
from yaml.resolver import Resolver

from rirtime.files import BLANK, INVISIBLE
from rirtime.names import fold

__all__ = [
    "SLUG_MAX",
    "date_scalar",
    "flow_list",
    "kebab",
    "make_id",
    "quoted",
    "scalar",
    "slug",
    "words",
]

_RESOLVER = Resolver()
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()/&+-]*")


def scalar(text: str, *, in_flow: bool = False) -> str:
    """A YAML scalar that reads back as exactly `text`: plain when that is safe, else quoted.
    Inside `[...]` or `{...}` a comma ends a plain scalar, so there it is quoted too."""
    plain_ok = (
        _PLAIN.fullmatch(text) is not None
        and not (in_flow and "," in text)
        and not text.endswith(" ")
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        == "tag:yaml.org,2002:str"
    )
    return text if plain_ok else quoted(text)


# json.dumps escapes C0 controls; these it leaves raw. YAML would read NEL, LS and PS as line
# breaks (and rewrite them), C1 controls and bidi controls act on a terminal that shows the
# file, and the invisible characters (every format character: zero-width ones, joiners, the
# soft hyphen, the BOM, tag characters) hide what a value holds from whoever reads the file:
# write them all as escapes, which a double-quoted YAML scalar reads back.
_RAW_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{INVISIBLE}{BLANK}]")


_BMP_END = 0xFFFF  # past it, YAML's escape takes eight hex digits


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\u{code:04x}" if code <= _BMP_END else f"\\U{code:08x}"


def quoted(text: str) -> str:
    """A double-quoted YAML scalar of `text`, every character that could act written escaped."""
    return _RAW_UNSAFE.sub(_escape, json.dumps(text, ensure_ascii=False))


def date_scalar(text: str) -> str:
    """A date in the notation as YAML: a bare year or day reads back as the same notation;
    anything else (~ ? % / X) is quoted."""
    return text if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) else json.dumps(text)


def flow_list(items: Sequence[str]) -> str:
    """`[a, "b, c"]`: a list on one line, each item a scalar that reads back as written."""
    return "[" + ", ".join(scalar(i, in_flow=True) for i in items) + "]"


# -- ids made from names and titles --------------------------------------------------------------

# An apostrophe inside a word is part of it ("Iran's" is one word, `irans`); so are the dots of
# an abbreviation (`U.S.` -> `us`), and a hyphen between letters or digits (`S-400`).
_APOSTROPHE = re.compile(r"(?<=\w)['\u2018\u2019\u02bc`](?=\w)")
_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 40  # characters of a title an id keeps: whole words, as many as fit


def words(text: str) -> list[str]:
    """The words of `text` as an id writes them: ASCII, lowercase, accents dropped."""
    folded = _APOSTROPHE.sub("", fold(text))
    folded = _ABBREVIATION.sub(lambda m: m.group().replace(".", ""), folded)
    ascii_only = "".join(c if c.isascii() else " " for c in folded)  # Cyrillic, dashes: breaks
    return _WORD.findall(ascii_only)


def kebab(text: str) -> str | None:
    """The id `text` probably means (`Not_Kebab` -> `not-kebab`), when one can be made."""
    made = "-".join(words(text))
    return made if made and made != text else None


def slug(text: str, limit: int = SLUG_MAX) -> str:
    """The first words of `text`, as many whole ones as fit in `limit` characters."""
    found = words(text)
    out = ""
    for word in found:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            break
        out = joined
    if not out and found:  # one word longer than the limit: no word a reader would miss
        out = found[0][:limit].rstrip("-")
    return out


def _id_date(date_text: str) -> str:
    """The date part of a made id, as the bundled chronology writes them: `2015-09`,
    `by-2015-09` for an unknown start, `until-2015` for an open one, the start of an interval."""
    start, _, end = date_text.partition("/")
    digits = "-".join(re.findall(r"\d+", start))
    if digits:
        return digits
    known = "-".join(re.findall(r"\d+", end))
    if not known:
        return "undated"
    return f"until-{known}" if start == ".." else f"by-{known}"


def make_id(title: str, date_text: str, taken: Collection[str]) -> str:
    """An event id from the title and the date, kept unique: `rouhani-visits-moscow-2017-03-27`."""
    day = _id_date(date_text)
    base = "-".join(p for p in (slug(title), day) if p) or "event"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate

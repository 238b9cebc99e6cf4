"""present/safe.py: what text from a file may show as it is, and the stand-ins for the rest."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from rirtime.formats.content import Rows
from rirtime.formats.tabular import dumps, tsv_rows
from rirtime.present.safe import INVISIBLE, is_link, visible


def test_every_format_character_is_invisible() -> None:
    """Every Unicode format character (Cf) that this Python knows is in INVISIBLE."""
    invisible = re.compile(f"[{INVISIBLE}]")
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not invisible.match(chr(code))
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ir\u200ban", "ir<U+200B>an"),  # zero-width space
        ("ir\u200can", "ir<U+200C>an"),  # ZWNJ between Latin letters: nothing to see
        ("ir\u200dan", "ir<U+200D>an"),
        (
            "\u0420\u043e\u0441\u200d\u0441\u0438\u044f",
            "\u0420\u043e\u0441<U+200D>\u0441\u0438\u044f",
        ),  # Cyrillic does not join
        ("word\u2060joiner", "word<U+2060>joiner"),
        ("\ufeffbom", "<U+FEFF>bom"),
        ("soft\u00adhyphen", "soft<U+00AD>hyphen"),
        ("tag\U000e0001\U000e0041\U000e007f", "tag<U+E0001><U+E0041><U+E007F>"),
        ("f\u2061(x)", "f<U+2061>(x)"),  # function application
        ("\u180e\u206a\ufff9", "<U+180E><U+206A><U+FFF9>"),
        ("\u200d👩", "<U+200D>👩"),  # a joiner at an end joins nothing
        ("👩\u200d", "👩<U+200D>"),
        ("👩 \u200d💻", "👩 <U+200D>💻"),
        ("👩\u200d\u200d💻", "👩<U+200D><U+200D>💻"),
        ("ب\u200d\u202eب", "ب<U+200D><U+202E>ب"),  # beside a bidi control, shown
    ],
)
def test_invisible_characters_are_shown(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "I want"
        "क्\u200dष",  # Devanagari: ZWJ asks for a half form
        "👩\u200d💻",  # an emoji sequence: woman technologist
        "🏳\ufe0f\u200d🌈",  # after an emoji-style variation selector
        "\u0627\u06cc\u0631\u0627\u0646 👩\u200d💻",  # Iran, then an emoji sequence
    ],
)
def test_joiners_that_are_seen_stay(text: str) -> None:
    assert visible(text) == text


def test_controls_and_bidi_as_before() -> None:
    assert visible("a\x1bb\x07c\u202ed\x9b") == "a\u241bb\u2407c<U+202E>d<U+009B>"
    assert visible("line\nnext\ttab", keep_newlines=True, keep_tabs=True) == "line\nnext\ttab"
    assert visible("\u2028\u2029\u200e\u061c") == "<U+2028><U+2029><U+200E><U+061C>"


def test_a_link_holds_nothing_invisible() -> None:
    assert is_link("https://example.com/a")
    assert not is_link("https://evil\u200b.example/")
    assert not is_link("https://example.com/\U000e0041")


def test_machine_formats_escape_them_and_lose_nothing() -> None:
    import json

    text = "ir\u200ban \u00ad \ufeff \U000e0041 👩\u200d💻"
    encoded = dumps({"t": text})
    assert not re.search(f"[{INVISIBLE}]", encoded)
    assert "\\u200b" in encoded
    assert json.loads(encoded) == {"t": text}  # a tag character as a surrogate pair
    assert "\\udb40\\udc41" in encoded
    line = tsv_rows(Rows(("t",), [{"t": text}]), header=False)
    assert not re.search(f"[{INVISIBLE}]", line)
    assert "\\u200b" in line
    assert "\\U000e0041" in line


@pytest.mark.parametrize(
    "hidden",
    [
        *("\ufe00", "\ufe0d", "\U000e0100", "\U000e01ef", "\u034f", "\u3164", "\u115f"),
        *("\u1160", "\uffa0", "\u2800", "\u17b4", "\u180b"),
    ],
)
def test_blanks_that_are_not_format_characters_are_shown(hidden: str) -> None:
    """Variation selectors, fillers and blanks hide a text as tag characters do (found by an
    attacker pass): shown as stand-ins, escaped in JSON."""
    from rirtime.formats.tabular import dumps

    shown = visible(f"Iran{hidden}x")
    assert hidden not in shown
    assert f"<U+{ord(hidden):04X}>" in shown
    assert hidden not in dumps({"t": f"a{hidden}"})


def test_an_emojis_own_style_stays_and_a_run_of_selectors_shows() -> None:
    assert visible("\u2764\ufe0f") == "\u2764\ufe0f"
    assert visible("1\ufe0f\u20e3") == "1\ufe0f\u20e3"
    assert visible("Hi\ufe0f") == "Hi<U+FE0F>"
    assert visible("\u2764\ufe0f\ufe0f") == "\u2764\ufe0f<U+FE0F>"


def test_printable_ascii_needs_no_stand_in() -> None:
    """`visible` returns printable ASCII as it is without searching it: exact, as no character
    from U+0020 to U+007E is one it would replace."""
    from rirtime.present.safe import _UNSAFE

    printable = "".join(map(chr, range(0x20, 0x7F)))
    assert _UNSAFE.search(printable) is None
    assert visible(printable) == printable
    assert visible(printable + "\x1b") == printable + "\u241b"

"""The text report of `check`: the source line around each diagnostic, and the caret under it."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from rirtime.errors import Diagnostic, Loc, Severity
from rirtime.present.safe import visible
from rirtime.render.diagnostics import render_diagnostics


class CountingLine(str):
    """A source line that counts how the renderer reads it: each method called on it (`isascii`,
    `expandtabs`, `replace`, ...) and each iteration over it as a look at the whole line, and
    the characters of each part taken by a slice."""

    whole = 0
    parts = 0

    def __getattribute__(self, name: str) -> Any:
        if not name.startswith("__"):
            CountingLine.whole += 1
        return str.__getattribute__(self, name)

    def __getitem__(self, key: Any) -> str:
        part = str.__getitem__(self, key)
        CountingLine.parts += len(part)
        return part

    def __iter__(self) -> Any:
        CountingLine.whole += 1
        return str.__iter__(self)


def _flow_list(n: int, pad: int, fill: str = "x") -> tuple[str, list[Diagnostic]]:
    """One line naming n undefined actors, after `pad` characters, and a diagnostic for each."""
    line = "  - {" + fill * pad + ", actors: ["
    diags = []
    for i in range(n):
        name = f"a{i}"
        diags.append(
            Diagnostic(
                Loc("t.yaml", 1, len(line) + 1, len(name)),
                Severity.ERROR,
                "undefined-actor",
                f"'{name}' is not an actor",
            )
        )
        line += name + ", "
    return line + "]}", diags


def _read(n: int, pad: int, fill: str = "x") -> tuple[int, int]:
    """How many times the whole line is looked at, and how many characters of parts of it are
    read, for a report of n diagnostics on it."""
    line, diags = _flow_list(n, pad, fill)
    CountingLine.whole = CountingLine.parts = 0
    render_diagnostics(diags, [CountingLine(line)])
    return CountingLine.whole, CountingLine.parts


SHOWN = 160  # how many characters of a long line are shown


def test_each_diagnostic_reads_a_bounded_part_of_its_line() -> None:
    # The same diagnostics on a line 10 times longer read as many characters: each reads only
    # the part of its line that it shows. (When the tabs of the whole line were expanded for
    # each diagnostic, the report was quadratic: 100,000 actors in one list took minutes.) The
    # whole line is looked at a few times for all of them (whether it is plain), never once
    # for each diagnostic.
    for fill in ("x", "é"):  # plain, and not: each part is then made visible on its own
        whole, parts = _read(200, 10_000, fill)
        assert (whole, parts) == _read(200, 100_000, fill)
        assert whole <= 2
        whole, parts = _read(1_000, 50_000, fill)
        assert whole <= 2
        assert parts <= 1_000 * 2 * SHOWN


def test_a_long_line_shows_its_part_around_the_column() -> None:
    line, diags = _flow_list(20_000, 0)
    report = render_diagnostics(diags, [line]).splitlines()
    assert len(report) == 3 * len(diags)
    for i in (0, 1, 9_999, 19_999):
        head, shown, caret = report[3 * i : 3 * i + 3]
        assert head.startswith(f"t.yaml:1:{diags[i].loc.column}: error: 'a{i}' is not an actor")
        source = shown.removeprefix("1 | ")
        assert len(source) <= SHOWN
        at = caret.removeprefix("  | ").index("^")
        assert source[at:].startswith(f"a{i}, ")
        assert caret.endswith("^" * len(f"a{i}"))


def _pointed(report: str) -> tuple[str, int]:
    """The source excerpt of a one-diagnostic report and the display cell its caret starts at."""
    _, shown, caret = report.split("\n")
    return shown.split(" | ", 1)[1], caret.split(" | ", 1)[1].index("^")


def _at_cell(text: str, cell: int) -> str:
    """What `text` shows from display cell `cell` on."""
    for i in range(len(text) + 1):
        if cell_len(text[:i]) == cell:
            return text[i:]
    raise AssertionError(f"no character starts at cell {cell} of {text!r}")


def test_the_caret_counts_tabs_and_wide_characters_before_it() -> None:
    for pad in (0, 500):  # a short line, shown whole; a long one, shown around the column
        line = "x" * pad + "\t日本\t語 é: TARGET" + "y" * pad
        column = line.index("TARGET") + 1
        diag = Diagnostic(Loc("t.yaml", 1, column, 6), Severity.ERROR, "c", "m")
        source, cell = _pointed(render_diagnostics([diag], [line]))
        assert " 日本 語 é: TARGET" in source
        assert _at_cell(source, cell).startswith("TARGET")
        assert render_diagnostics([diag], [line]).endswith(" " + "^" * 6)


# Lines of characters of one and of two cells, tabs, and ones `visible` shows as a stand-in;
# some short enough to be shown whole, some cut around the column.
_LINES = st.builds(
    lambda text, times: text * times,
    st.text(st.sampled_from("ab \t日語é\x1b\u202e"), max_size=150),
    st.integers(1, 4),
)


@given(_LINES, st.data())
def test_the_caret_is_under_the_character_at_the_column(line: str, data: st.DataObject) -> None:
    column = data.draw(st.integers(1, len(line) + 1))
    diag = Diagnostic(Loc("t.yaml", 1, column, 1), Severity.ERROR, "c", "m")
    source, cell = _pointed(render_diagnostics([diag], [line]))
    here = line[column - 1 : column].replace("\t", " ")
    assert _at_cell(source, cell).startswith(visible(here))


def test_printable_ascii_goes_without_the_visible_pass(monkeypatch: Any) -> None:
    # 100,000 undefined actors on one line made 600,000 `visible` calls (H5): printable ASCII,
    # which nearly every place, message and line is, needs none.
    from rirtime.render import diagnostics

    calls = 0

    def counting(text: str, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        return visible(text, **kwargs)

    monkeypatch.setattr(diagnostics, "visible", counting)
    line, diags = _flow_list(1000, 10)
    assert render_diagnostics(diags, [line]).count("\n") == 3 * 1000 - 1
    assert calls == 0


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1), st.data())
def test_the_plain_path_renders_as_visible_does(line: str, data: st.DataObject) -> None:
    from rirtime.render import diagnostics

    column = data.draw(st.integers(1, len(line) + 2))
    length = data.draw(st.integers(0, 5))
    diag = Diagnostic(Loc("t.yaml", 1, column, length), Severity.ERROR, "c", "m")
    fast = render_diagnostics([diag], [line], color=True)
    real = diagnostics._plain
    try:
        diagnostics._plain = lambda _text: False  # type: ignore[assignment]
        assert render_diagnostics([diag], [line], color=True) == fast
    finally:
        diagnostics._plain = real


def test_a_short_line_is_made_visible_once_for_all_its_diagnostics(monkeypatch: Any) -> None:
    from rirtime.render import diagnostics

    line = "  actors: [" + ", ".join(f"é{i}" for i in range(30)) + "]"
    seen: list[str] = []

    def counting(text: str, **kwargs: Any) -> str:
        seen.append(text)
        return visible(text, **kwargs)

    monkeypatch.setattr(diagnostics, "visible", counting)
    diags = [
        Diagnostic(Loc("t.yaml", 1, line.index(f"é{i},") + 1, 2), Severity.ERROR, "c", "m")
        for i in range(25)
    ]
    assert len(line) < 200  # a short line: shown whole
    shown = render_diagnostics(diags, [line])
    assert seen.count(line) == 1
    assert shown.splitlines()[1] == f"1 | {line}"


def test_what_a_report_repeats_is_looked_at_once(monkeypatch: Any) -> None:
    # 100,000 diagnostics on one line name one file and one code (H5): each diagnostic looks
    # at its own message only; the path, the code and the (long, plain) line once for all.
    from rirtime.render import diagnostics

    looked: list[str] = []
    real = diagnostics._plain

    def counting(text: str) -> bool:
        looked.append(text)
        return real(text)

    monkeypatch.setattr(diagnostics, "_plain", counting)
    line, diags = _flow_list(1000, 300)
    report = render_diagnostics(diags, [line])
    assert len(looked) == len(diags) + 3  # each message; the path, the code and the line once
    assert looked.count("t.yaml") == 1
    assert looked.count("undefined-actor") == 1
    assert looked.count(line) == 1
    assert report.count("\n") == 3 * len(diags) - 1

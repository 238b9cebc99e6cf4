"""The date notation: bounds, precision, qualifiers, errors, display; `edtf` as the oracle."""

from __future__ import annotations

import calendar
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rirtime import dates
from rirtime.dates import DateError, EndKind, Precision


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1995", date(1995, 1, 1), date(1995, 12, 31), Precision.YEAR),
        ("2015-07", date(2015, 7, 1), date(2015, 7, 31), Precision.MONTH),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), Precision.MONTH),
        ("2015-07-14", date(2015, 7, 14), date(2015, 7, 14), Precision.DAY),
        ("201X", date(2010, 1, 1), date(2019, 12, 31), Precision.DECADE),
        ("20XX", date(2000, 1, 1), date(2099, 12, 31), Precision.CENTURY),
        ("2015-XX", date(2015, 1, 1), date(2015, 12, 31), Precision.YEAR),
        ("2015-07-XX", date(2015, 7, 1), date(2015, 7, 31), Precision.MONTH),
        ("2015-XX-XX", date(2015, 1, 1), date(2015, 12, 31), Precision.YEAR),
        ("2017-21", date(2017, 3, 1), date(2017, 5, 31), Precision.SEASON),
        ("2017-22", date(2017, 6, 1), date(2017, 8, 31), Precision.SEASON),
        ("2017-23", date(2017, 9, 1), date(2017, 11, 30), Precision.SEASON),
        ("2015-24", date(2015, 12, 1), date(2016, 2, 29), Precision.SEASON),
        ("2017-03-27/2017-03-29", date(2017, 3, 27), date(2017, 3, 29), Precision.DAY),
        ("2013/2015", date(2013, 1, 1), date(2015, 12, 31), Precision.YEAR),
        ("2004-02-01/2005", date(2004, 2, 1), date(2005, 12, 31), Precision.YEAR),
    ],
)
def test_bounds_and_precision(
    text: str, earliest: date, latest: date, precision: Precision
) -> None:
    span = dates.parse(text)
    assert (span.earliest, span.latest, span.precision) == (earliest, latest, precision)
    assert span.text == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2017~", True, False),
        ("2015-09?", False, True),
        ("2015%", True, True),
        ("2015", False, False),
    ],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    span = dates.parse(text)
    assert (span.approximate, span.uncertain) == (approximate, uncertain)
    assert span.earliest == date(
        2015 if "2015" in text else 2017, 1 if text != "2015-09?" else 9, 1
    )


def test_open_and_unknown_ends() -> None:
    ongoing = dates.parse("2013-11/..")
    assert ongoing.earliest == date(2013, 11, 1)
    assert ongoing.latest is None
    assert ongoing.end_kind is EndKind.OPEN
    unknown = dates.parse("2013-11/")
    assert unknown.end_kind is EndKind.UNKNOWN
    assert unknown.latest is None
    since = dates.parse("../2015-09")
    assert since.earliest is None
    assert since.latest == date(2015, 9, 30)
    assert dates.parse("/2015").start_kind is EndKind.UNKNOWN


def test_qualifier_on_one_end_of_an_interval() -> None:
    span = dates.parse("1984~/2004-06")
    assert span.approximate
    assert not span.uncertain
    assert (span.earliest, span.latest) == (date(1984, 1, 1), date(2004, 6, 30))


@pytest.mark.parametrize(
    ("text", "fragment", "offset"),
    [
        ("2015-02-30", "February 2015 has 28 days", 8),
        ("2015-13", "month 13 is out of range", 5),
        ("2015-00-10", "month 00 is out of range", 5),
        ("2017-25", "month 25 is out of range", 5),
        ("2015-06-31", "June 2015 has 30 days", 8),
        ("2015-21-03", "season (21-24) cannot have a day", 8),
        ("2015-21~", "season cannot carry a qualifier", 7),
        ("201X/2017", "cannot stand in an interval", 3),
        ("2015/2016-XX", "cannot stand in an interval", 10),
        ("2017-03-29/2017-03-27", "ends (2017-03-27) before it starts", 11),
        ("2016/2015", "before it starts", 5),
        ("15-07-2015", "is not a date", 0),
        ("July 2015", "is not a date", 0),
        ("2015/07/14", "exactly one '/'", 7),
        ("201x", "capital X", 0),
        ("2X15", "only the last one or two digits", 0),
        ("1XXX", "only the last one or two digits", 0),
        ("201X-05", "cannot have a month", 4),
        ("2015-X5", "fully unspecified month", 5),
        ("2015-XX-14", "day cannot be given", 8),
        ("0000", "year 0000", 0),
        ("", "empty", 0),
        (" 2015", "spaces", 0),
        ("..", "open end", 0),
        ("../..", "at least one known end", 0),
        ("/", "at least one known end", 0),
        ("2015~~", "is not a date", 0),
        ("-2015", "is not a date", 0),
    ],
)
def test_errors_say_what_and_where(text: str, fragment: str, offset: int) -> None:
    with pytest.raises(DateError) as info:
        dates.parse(text)
    assert fragment in info.value.message
    assert info.value.offset == offset


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("1995", "1995"),
        ("2015-07", "Jul 2015"),
        ("2015-07-14", "14 Jul 2015"),
        ("2017~", "c. 2017"),
        ("2015-09?", "Sep 2015?"),
        ("2015%", "c. 2015?"),
        ("2017-03-27/2017-03-29", "27\u201329 Mar 2017"),
        ("2017-03-30/2017-04-02", "30 Mar \u2013 2 Apr 2017"),
        ("2017-03/2017-05", "Mar\u2013May 2017"),
        ("2013/2015", "2013\u20132015"),
        ("2013-11/..", "from Nov 2013"),
        ("2013-11/", "Nov 2013 \u2013 ?"),
        ("../2015-09", "until Sep 2015"),
        ("/2015-09", "by Sep 2015"),
        ("2017-21", "spring 2017"),
        ("201X", "2010s"),
        ("000X", "1\u20139"),  # no "0s": there is no year 0
        ("001X", "10s"),
        ("000X~", "c. 1\u20139"),
        ("2017~/2017-05", "c. 2017 \u2013 May 2017"),
        # A century of unspecified digits is shown as the years it means: 20XX is 2000-2099,
        # which is no ordinal century (the 21st is 2001-2100).
        ("20XX", "2000\u20132099"),
        ("19XX", "1900\u20131999"),
        ("00XX", "1\u201399"),  # there is no year 0
        ("01XX", "100\u2013199"),
        ("09XX", "900\u2013999"),
        ("99XX", "9900\u20139999"),
        ("20XX~", "c. 2000\u20132099"),
        ("20XX?", "2000\u20132099?"),
        ("20XX%", "c. 2000\u20132099?"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert dates.parse(text).display() == shown


@given(st.integers(0, 99), st.sampled_from(["", "~", "?", "%"]))
def test_a_century_shows_the_years_it_spans(hundreds: int, qualifier: str) -> None:
    span = dates.parse(f"{hundreds:02d}XX{qualifier}")
    assert span.precision is Precision.CENTURY
    assert span.earliest is not None
    assert span.latest is not None
    assert f"{span.earliest.year}\u2013{span.latest.year}" in span.display()
    assert "century" not in span.display()


@pytest.mark.parametrize("text", ["0XX", "XX", "2XXX", "0XXX", "20XX-05", "20XX/2100"])
def test_what_is_not_a_century(text: str) -> None:
    with pytest.raises(DateError):
        dates.parse(text)


def test_sort_key_orders_by_earliest_then_latest() -> None:
    texts = ["2015-07-14", "2015", "2015-07", "../2014", "2015-07-14/..", "2014/2016"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key())
    assert ordered == ["../2014", "2014/2016", "2015", "2015-07", "2015-07-14", "2015-07-14/.."]


@pytest.mark.parametrize(
    ("text", "placed", "known", "shown"),
    [
        # a single date and a known interval are placed where they are
        ("2015-09", (date(2015, 9, 1), date(2015, 9, 30)), None, "Sep 2015"),
        ("2014/2016", (date(2014, 1, 1), date(2016, 12, 31)), None, "2014\u20132016"),
        # an unknown start is placed at its end's unit: "by Sep 2015" sits in Sep 2015
        ("/2015-09", (date(2015, 9, 1), date(2015, 9, 30)), None, "by Sep 2015"),
        ("/2015-12-05", (date(2015, 12, 5), date(2015, 12, 5)), None, "by 5 Dec 2015"),
        ("/2017~", (date(2017, 1, 1), date(2017, 12, 31)), None, "by c. 2017"),
        # an unknown end is placed at its start's unit
        ("2013-11/", (date(2013, 11, 1), date(2013, 11, 30)), None, "Nov 2013 \u2013 ?"),
        # an open end stays open (ongoing); drawn, it is its known end
        (
            "2013-11/..",
            (date(2013, 11, 1), None),
            (date(2013, 11, 1), date(2013, 11, 30)),
            "from Nov 2013",
        ),
        (
            "../2015",
            (None, date(2015, 12, 31)),
            (date(2015, 1, 1), date(2015, 12, 31)),
            "until 2015",
        ),
        # an unknown start and an open end
        ("/..", None, None, None),
    ],
)
def test_placement(
    text: str,
    placed: tuple[date | None, date | None] | None,
    known: tuple[date, date] | None,
    shown: str | None,
) -> None:
    if placed is None:
        with pytest.raises(DateError):
            dates.parse(text)
        return
    span = dates.parse(text)
    assert span.placed == placed
    assert span.known == (known or placed)
    assert span.display() == shown


def test_sort_key_places_by_where_a_reader_puts_the_date() -> None:
    texts = ["/2015-09", "1995", "2015-09-14", "../2001", "2015-08", "/2017", "2013-11/", "2013"]
    ordered = sorted(texts, key=lambda t: dates.parse(t).sort_key())
    assert ordered == [
        "../2001",  # open: runs back without bound
        "1995",
        "2013",
        "2013-11/",
        "2015-08",
        "/2015-09",  # among the September 2015 events
        "2015-09-14",
        "/2017",
    ]


# -- the oracle ----------------------------------------------------------------------------------

_years = st.integers(min_value=1, max_value=9998)
_qualifier = st.sampled_from(["", "~", "?", "%"])


_ALL_KINDS = ("year", "month", "day", "season", "x1", "x2", "xm", "xd")


@st.composite
def _points(draw: st.DrawFn, kinds: tuple[str, ...] = _ALL_KINDS) -> str:
    year = draw(_years)
    kind = draw(st.sampled_from(kinds))
    if kind == "year":
        text = f"{year:04d}"
    elif kind == "month":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif kind == "day":
        d = draw(st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31)))
        text = d.isoformat()
    elif kind == "season":
        # Winter (24) is left out: `edtf` ends it on 31 December; we run it to the end of February.
        return f"{year:04d}-{draw(st.integers(21, 23))}"  # EDTF has no qualified season
    elif kind == "x1":
        text = f"{year // 10 or 1:03d}X"
    elif kind == "x2":
        text = f"{max(year // 100, 1):02d}XX"
    elif kind == "xm":
        text = f"{year:04d}-XX"
    else:
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}-XX"
    return text + draw(_qualifier)


def _oracle_bounds(text: str) -> tuple[date | None, date | None]:
    import edtf

    parsed = edtf.parse_edtf(text)

    def day(value: object) -> date | None:
        if isinstance(value, float):  # edtf gives +-inf for an open end
            return None
        assert isinstance(value, time.struct_time)
        return date(value.tm_year, value.tm_mon, value.tm_mday)

    return day(parsed.lower_strict()), day(parsed.upper_strict())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_points())
def test_single_dates_agree_with_edtf(text: str) -> None:
    span = dates.parse(text)
    assert (span.earliest, span.latest) == _oracle_bounds(text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    _points(("year", "month", "day", "season")),
    _points(("year", "month", "day", "season")),
    st.sampled_from(["both", "open-start", "open-end"]),
)
def test_intervals_agree_with_edtf(a: str, b: str, shape: str) -> None:
    # Unknown ends (`2013/`) are left out: `edtf` guesses ten years; rirtime keeps them unbounded.
    if shape == "open-start":
        text = f"../{b}"
    elif shape == "open-end":
        text = f"{a}/.."
    else:
        lo, hi = sorted([a, b], key=lambda t: dates.parse(t).sort_key())
        if dates.parse(hi).latest < dates.parse(lo).earliest:  # type: ignore[operator]
            return
        text = f"{lo}/{hi}"
    span = dates.parse(text)
    assert (span.earliest, span.latest) == _oracle_bounds(text)


@given(st.text(max_size=30))
@settings(max_examples=500, deadline=None, derandomize=True)
def test_anything_parses_or_raises_date_error(text: str) -> None:
    try:
        span = dates.parse(text)
    except DateError as exc:
        offset = exc.offset
        assert 0 <= offset <= len(text)
    else:
        assert span.earliest is None or span.latest is None or span.earliest <= span.latest
        assert span.display()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    _points(("year", "month", "day", "season", "x1", "x2")),
    st.sampled_from(["single", "unknown-start", "unknown-end", "open-start", "open-end"]),
)
def test_what_is_placed_is_possible(point: str, shape: str) -> None:
    """Placement only narrows what is possible: its days are days the date could be."""
    if "X" in point and shape != "single":
        return
    text = {
        "single": point,
        "unknown-start": f"/{point}",
        "unknown-end": f"{point}/",
        "open-start": f"../{point}",
        "open-end": f"{point}/..",
    }[shape]
    span = dates.parse(text)
    first, last = span.placed
    lo, hi = span.known
    assert lo <= hi
    assert span.earliest is None or (first is not None and span.earliest <= first)
    assert span.latest is None or (last is not None and last <= span.latest)
    assert first is None or first == lo
    assert last is None or last == hi


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("24 November 2015", "; did you mean 2015-11-24?"),
        ("Sept 2017", "; did you mean 2017-09?"),
        ("by Sep 2015", '; did you mean "/2015-09"?'),
        ("from Nov 2013", '; did you mean "2013-11/.."?'),
        ("until 2015", '; did you mean "../2015"?'),
        ("c. 2017", '; did you mean "2017~"?'),
        ("2013\u20132015", '; did you mean "2013/2015"?'),
        ("2013 to 2015", '; did you mean "2013/2015"?'),
        ("13/05/2015", "; did you mean 2015-05-13?"),
        ("05/12/2015", "; write 2015-12-05 for 5 Dec 2015, or 2015-05-12 for 12 May 2015"),
        ("garbage", ""),
        ("by garbage", ""),
        ("by c. 2015", ""),  # no guess at what "by about" means
        ("x" * 200, ""),
    ],
)
def test_a_date_people_write_suggests_its_notation(written: str, hint: str) -> None:
    assert dates.human_hint(written) == hint
    suggested = dates.notation_for(written)
    if suggested is not None:
        dates.parse(suggested)  # what is suggested is the notation


def _either(read: object, text: str) -> object:
    try:
        return read(text)  # type: ignore[operator]
    except DateError as e:
        return ("error", str(e), e.offset)


@pytest.mark.parametrize("year", ["0000", "0001", "0004", "1900", "2000", "2015", "2016", "9999"])
def test_a_plain_day_reads_as_the_general_parser_reads_it(year: str) -> None:
    """parse reads YYYY-MM-DD in a few steps (`_plain_day`): every month and day, right or
    wrong, gives the same Span, or the same error, as the general parser."""
    read_by_both = 0
    for month in range(26):
        for day in range(33):
            text = f"{year}-{month:02}-{day:02}"
            dates.parse.cache_clear()
            fast = dates._plain_day(text)
            assert _either(dates.parse, text) == _either(dates._parse_any, text)
            if fast is not None:
                assert fast == dates._parse_any(text)
                read_by_both += 1
    days = 366 if calendar.isleap(int(year)) else 365
    assert read_by_both == (0 if year == "0000" else days)
    others = ("2015-07-0X", "2015-07-01~", "2015-07", " 2015-07-01", "2015-7-011", "2015/07/01")
    for other in others:
        assert dates._plain_day(other) is None
    assert dates._plain_day("\uff12015-07-01") is None  # a fullwidth digit

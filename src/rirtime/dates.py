"""The date notation: a subset of EDTF levels 0 and 1. Parse, bounds, precision, display; no I/O.

Supported forms (see the README for the full reference):

- ``1995``, ``2015-07``, ``2015-07-14``;
- a qualifier at the end: ``~`` approximate, ``?`` uncertain, ``%`` both;
- unspecified digits from the right: ``201X``, ``20XX``, ``2015-XX``, ``2015-07-XX``;
- seasons ``2017-21`` (spring) .. ``2017-24`` (winter);
- intervals ``A/B`` whose ends are any of the above, ``..`` (open) or empty (unknown).

The `edtf` package is the test oracle for the bounds; it is not used at run time (about 110 ms to
import and 4 ms a parse, against a few microseconds here).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import lru_cache

__all__ = [
    "MAX_YEAR",
    "DateError",
    "EndKind",
    "Point",
    "Precision",
    "Span",
    "both_readings",
    "display",
    "human_hint",
    "notation_for",
    "parse",
    "read_human",
]


MAX_YEAR = 9999  # four digits; the earliest year is 1 (there is no year 0)
_MONTHS = 12


class DateError(ValueError):
    """A value that is not in the date notation; `offset` is where in the text the problem is."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class Precision(str, Enum):
    """How finely a date is known, from finest to coarsest."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


_COARSENESS = {p: i for i, p in enumerate(Precision)}


class EndKind(str, Enum):
    """What stands at one end of an interval."""

    KNOWN = "known"
    OPEN = "open"  # `..`: the interval runs on without bound (ongoing, or since ever)
    UNKNOWN = "unknown"  # empty: the end exists but is not known


# Seasons as meteorological ones in the northern hemisphere; winter runs into the next year.
_SEASONS = {
    21: ("spring", (3, 1), (5, 31), 0),
    22: ("summer", (6, 1), (8, 31), 0),
    23: ("autumn", (9, 1), (11, 30), 0),
    24: ("winter", (12, 1), (2, -1), 1),
}

_MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

_POINT = re.compile(
    r"(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2})(?:-(?P<day>[0-9X]{2}))?)?(?P<qual>[~?%])?"
)


@dataclass(frozen=True, slots=True)
class Point:
    """One date of the notation (not an interval): its bounds, precision and qualifiers."""

    text: str
    earliest: date
    latest: date
    precision: Precision
    approximate: bool
    uncertain: bool
    year: int
    month: int | None  # 1-12 when the month is known
    day: int | None
    season: int | None  # 21-24 for a season


@dataclass(frozen=True, slots=True)
class Span:
    """A date of the notation, single or interval, with its earliest and latest possible day.

    `earliest` is None when the start is open or unknown, `latest` when the end is.
    """

    text: str
    start: Point | None
    end: Point | None
    start_kind: EndKind
    end_kind: EndKind
    is_interval: bool

    @property
    def earliest(self) -> date | None:
        return self.start.earliest if self.start else None

    @property
    def latest(self) -> date | None:
        return self.end.latest if self.end else None

    @property
    def precision(self) -> Precision:
        """The coarser precision of the two ends (an interval of days is known to the day)."""
        points = [p for p in (self.start, self.end) if p is not None]
        return max((p.precision for p in points), key=_COARSENESS.__getitem__)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p is not None)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p is not None)

    @property
    def exact(self) -> bool:
        """Known as written: neither approximate nor uncertain, and both ends known. What is not
        (about, maybe, by then, ongoing) the views draw lighter and the calendar says in words."""
        return not (
            self.approximate
            or self.uncertain
            or self.start_kind is not EndKind.KNOWN
            or self.end_kind is not EndKind.KNOWN
        )

    @property
    def first(self) -> Point | None:
        """The point a reader places the date's start at: the start when known; the end when the
        start is unknown (`/2015-09`, "by Sep 2015", sits in Sep 2015); None when it is open
        (`../2015`, "until 2015": it runs back without bound)."""
        if self.start is not None:
            return self.start
        return self.end if self.start_kind is EndKind.UNKNOWN else None

    @property
    def last(self) -> Point | None:
        """The point a reader places the date's end at: the end when known; the start when the
        end is unknown (`2013-11/`, "Nov 2013 - ?"); None when it is open (`2013-11/..`)."""
        if self.end is not None:
            return self.end
        return self.start if self.end_kind is EndKind.UNKNOWN else None

    @property
    def placed(self) -> tuple[date | None, date | None]:
        """The days a reader places the date across: what is known of it, an unknown end taken
        as the other end's unit, an open end as None (without bound). Sorting, grouping by year,
        the window filters and every view use this; `earliest`/`latest` say what is *possible*.
        """
        first, last = self.first, self.last
        return (first.earliest if first else None, last.latest if last else None)

    @property
    def known(self) -> tuple[date, date]:
        """The placed days with an open end taken at the other end too: the extent that can be
        drawn or put in a calendar ("from Nov 2013" is drawn as Nov 2013)."""
        first, last = self.first, self.last
        a = first or last
        b = last or first
        assert a is not None
        assert b is not None  # at least one end of a date is known
        return (a.earliest, b.latest)

    def sort_key(self) -> tuple[date, date]:
        """Order by the placed first day, then the placed last day; open ends sort outermost."""
        first, last = self.placed
        return (first or date.min, last or date.max)

    def display(self) -> str:
        """The date for people, at its own precision: "14 Jul 2015", "c. 2017", "from Nov 2013"."""
        return display(self)

    def display_first(self) -> str:
        """Where the date starts, for people: the start alone when it is known ("c. Sep 2015"
        of "c. Sep 2015 - 14 Oct 2015"), else the whole date ("by Sep 2015", "until 2015")."""
        if self.is_interval and self.start is not None:
            return _qualified(self.start, _point_display(self.start))
        return display(self)

    def display_last(self) -> str:
        """Where the date ends, for people: the end alone when both ends are known ("14 Oct
        2015"), else the whole date ("Nov 2015 - ?", "from 2012", and "by 2017", which is not
        known to be in 2017)."""
        if self.is_interval and self.end is not None and self.start is not None:
            return _qualified(self.end, _point_display(self.end))
        return display(self)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True, slots=True)
class _Written:
    """One date as written, in its parts, with its offset in the whole value (for errors)."""

    text: str
    base: int
    year: str
    month: str | None
    day: str | None
    qual: str | None

    @property
    def month_at(self) -> int:
        return self.base + 5

    @property
    def day_at(self) -> int:
        return self.base + 8

    @property
    def approximate(self) -> bool:
        return self.qual in ("~", "%")

    @property
    def uncertain(self) -> bool:
        return self.qual in ("?", "%")


def _split_point(text: str, base: int) -> _Written:
    """The parts of one date, or a DateError when it is not written as one."""
    m = _POINT.fullmatch(text)
    if m is None:
        if "x" in text:
            raise DateError("unspecified digits are written with a capital X, as in 201X", base)
        raise DateError(
            f"{text!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with a "
            "qualifier ~ ? % at the end (see the README's date notation)",
            base,
        )
    ytext, mtext, dtext, qual = m.group("year", "month", "day", "qual")
    return _Written(text, base, ytext, mtext, dtext, qual)


def _check_unspecified(w: _Written) -> None:
    """Unspecified digits run from the right: 201X, 20XX, 2015-XX, 2015-07-XX, 2015-XX-XX."""
    if "X" in w.year:
        if not re.fullmatch(r"[0-9]{2,3}X{1,2}", w.year):
            raise DateError(
                f"year {w.year!r}: only the last one or two digits may be unspecified (201X, 20XX)",
                w.base,
            )
        if w.month is not None:
            raise DateError("a year with unspecified digits cannot have a month", w.month_at - 1)
    if w.month is not None and "X" in w.month and w.month != "XX":
        raise DateError(f"month {w.month!r}: write a fully unspecified month as XX", w.month_at)
    if w.day is not None and "X" in w.day and w.day != "XX":
        raise DateError(f"day {w.day!r}: write a fully unspecified day as XX", w.day_at)
    if w.month == "XX" and w.day is not None and w.day != "XX":
        raise DateError("a day cannot be given when the month is unspecified", w.day_at)


def _unspecified_year(w: _Written) -> Point:
    """201X (a decade) or 20XX (a century)."""
    lo_year = int(w.year.replace("X", "0"))
    hi_year = int(w.year.replace("X", "9"))
    if lo_year == 0:
        lo_year = 1
    precision = Precision.DECADE if w.year.count("X") == 1 else Precision.CENTURY
    return Point(
        w.text,
        date(lo_year, 1, 1),
        date(hi_year, 12, 31),
        precision,
        w.approximate,
        w.uncertain,
        lo_year,
        None,
        None,
        None,
    )


def _season(w: _Written, year: int, season: int) -> Point:
    """A season, 21 (spring) to 24 (winter, which runs into the next year)."""
    if w.day is not None:
        raise DateError("a season (21-24) cannot have a day", w.day_at)
    if w.qual:
        raise DateError("a season cannot carry a qualifier (~ ? %) in EDTF", w.base + 7)
    _, (m1, d1), (m2, d2), carry = _SEASONS[season]
    if year + carry > MAX_YEAR:
        raise DateError("winter 9999 runs past the year 9999", w.month_at)
    end_year = year + carry
    end_day = _last_day(end_year, m2) if d2 == -1 else d2
    return Point(
        w.text,
        date(year, m1, d1),
        date(end_year, m2, end_day),
        Precision.SEASON,
        w.approximate,
        w.uncertain,
        year,
        None,
        None,
        season,
    )


def _in_month(w: _Written, year: int, month: int) -> Point:
    """A month, or a day of it."""
    last = _last_day(year, month)
    if w.day is None or w.day == "XX":
        return Point(
            w.text,
            date(year, month, 1),
            date(year, month, last),
            Precision.MONTH,
            w.approximate,
            w.uncertain,
            year,
            month,
            None,
            None,
        )
    day = int(w.day)
    if not 1 <= day <= last:
        raise DateError(
            f"day {w.day} is out of range: {calendar.month_name[month]} {year} has {last} days",
            w.day_at,
        )
    d = date(year, month, day)
    return Point(w.text, d, d, Precision.DAY, w.approximate, w.uncertain, year, month, day, None)


def _parse_point(text: str, base: int) -> Point:
    """Parse one date; `base` is its offset in the whole value, for error positions."""
    w = _split_point(text, base)
    _check_unspecified(w)
    if "X" in w.year:
        return _unspecified_year(w)
    year = int(w.year)
    if year == 0:
        raise DateError("year 0000 is not supported: the earliest year is 0001", base)
    if w.month is None or w.month == "XX":
        return Point(
            text,
            date(year, 1, 1),
            date(year, 12, 31),
            Precision.YEAR,
            w.approximate,
            w.uncertain,
            year,
            None,
            None,
            None,
        )
    month = int(w.month)
    if month in _SEASONS:
        return _season(w, year, month)
    if not 1 <= month <= _MONTHS:
        raise DateError(
            f"month {w.month} is out of range: use 01-12, or 21-24 for a season",
            w.month_at,
        )
    return _in_month(w, year, month)


def _end(text: str, base: int) -> tuple[Point | None, EndKind]:
    if text == "..":
        return None, EndKind.OPEN
    if text == "":
        return None, EndKind.UNKNOWN
    if "X" in text:  # EDTF level 2: kept out so that every EDTF reader can read our files
        raise DateError(
            "unspecified digits (X) cannot stand in an interval: write the range out, "
            "as in 2010/2019",
            base + text.index("X"),
        )
    return _parse_point(text, base), EndKind.KNOWN


@lru_cache(maxsize=16384)
def parse(text: str) -> Span:
    """Parse a value of the date notation; raise DateError saying what is wrong, and where.

    Spans are immutable, so one parse serves every event that has the same date."""
    return _plain_day(text) or _parse_any(text)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _plain_day(text: str) -> Span | None:
    """A plain day, YYYY-MM-DD, read in a few steps: seven dates in ten are one, and a cached
    read of 10,000 events spent a quarter of its time parsing dates (benchmarks/
    notes-cacheread.md). None for anything else, or a wrong day: `_parse_any` then reads it,
    or says what is wrong (tests/test_dates.py holds the two to the same Span)."""
    if len(text) != 10 or _DAY.fullmatch(text) is None:  # noqa: PLR2004 - YYYY-MM-DD
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if year == 0 or not 1 <= month <= _MONTHS:
        return None
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    point = Point(text, d, d, Precision.DAY, False, False, year, month, day, None)  # noqa: FBT003
    return Span(text, point, point, EndKind.KNOWN, EndKind.KNOWN, is_interval=False)


def _parse_any(text: str) -> Span:
    """parse, for any value of the notation."""
    if text != text.strip():
        raise DateError("a date cannot have spaces around it", 0)
    if not text:
        raise DateError("the date is empty", 0)
    if text.count("/") > 1:
        raise DateError("an interval has exactly one '/'", text.index("/", text.index("/") + 1))
    if "/" not in text:
        if text == "..":
            raise DateError("'..' is only for an open end of an interval, as in 2013-11/..", 0)
        point = _parse_point(text, 0)
        return Span(text, point, point, EndKind.KNOWN, EndKind.KNOWN, is_interval=False)

    slash = text.index("/")
    left, right = text[:slash], text[slash + 1 :]
    start, start_kind = _end(left, 0)
    end, end_kind = _end(right, slash + 1)
    if start is None and end is None:
        raise DateError("an interval needs at least one known end", 0)
    if start is not None and end is not None and end.latest < start.earliest:
        raise DateError(
            f"the interval ends ({right}) before it starts ({left})",
            slash + 1,
        )
    return Span(text, start, end, start_kind, end_kind, is_interval=True)


# -- display -------------------------------------------------------------------------------------


def _point_display(p: Point) -> str:  # noqa: PLR0911 - a flat dispatch: one return for each precision
    if p.season is not None:
        return f"{_SEASONS[p.season][0]} {p.year}"
    if p.precision is Precision.DECADE:
        # `201X` is "the 2010s"; `000X` has no such name (there is no year 0): its years, "1-9".
        if p.earliest.year == 1:
            return f"1\u2013{p.latest.year}"
        return f"{p.year}s"
    if p.precision is Precision.CENTURY:
        # `20XX` is the years 2000-2099, shown as just that. No ordinal fits: the 21st century is
        # 2001-2100, so "21st century" would be a year off at both ends (and "21th" is no word).
        # `00XX` starts at 1, as there is no year 0: "1-99".
        return f"{p.earliest.year}\u2013{p.latest.year}"
    if p.precision is Precision.YEAR:
        return str(p.year)
    if p.precision is Precision.MONTH:
        assert p.month is not None
        return f"{_MONTH_ABBR[p.month]} {p.year}"
    assert p.month is not None
    assert p.day is not None
    return f"{p.day} {_MONTH_ABBR[p.month]} {p.year}"


def _qualified(p: Point, text: str) -> str:
    if p.approximate and p.uncertain:
        return f"c. {text}?"
    if p.approximate:
        return f"c. {text}"
    if p.uncertain:
        return f"{text}?"
    return text


def _range_display(a: Point, b: Point) -> str:
    """Join two known ends, sharing what they have in common: "27-29 Mar 2017" (en dash)."""
    plain = not (a.approximate or a.uncertain or b.approximate or b.uncertain)
    if plain and a.precision is b.precision and a.season is None and b.season is None:
        if a.precision is Precision.DAY and a.year == b.year:
            assert a.month is not None
            assert b.month is not None
            if a.month == b.month:
                return f"{a.day}\u2013{b.day} {_MONTH_ABBR[a.month]} {a.year}"
            return f"{a.day} {_MONTH_ABBR[a.month]} \u2013 {b.day} {_MONTH_ABBR[b.month]} {a.year}"
        if a.precision is Precision.MONTH and a.year == b.year:
            assert a.month is not None
            assert b.month is not None
            return f"{_MONTH_ABBR[a.month]}\u2013{_MONTH_ABBR[b.month]} {a.year}"
        if a.precision is Precision.YEAR:
            return f"{a.year}\u2013{b.year}"
    left = _qualified(a, _point_display(a))
    right = _qualified(b, _point_display(b))
    return f"{left} \u2013 {right}"


def display(span: Span) -> str:
    """The date for people, at its own precision."""
    s, e = span.start, span.end
    if not span.is_interval:
        assert s is not None
        return _qualified(s, _point_display(s))
    if s is not None and e is not None:
        return _range_display(s, e)
    if s is not None:
        shown = _qualified(s, _point_display(s))
        return f"from {shown}" if span.end_kind is EndKind.OPEN else f"{shown} \u2013 ?"
    assert e is not None
    shown = _qualified(e, _point_display(e))
    # An unknown start is how "by September 2015" is written: it happened, no later than that.
    return f"until {shown}" if span.start_kind is EndKind.OPEN else f"by {shown}"


# -- dates as people write them ------------------------------------------------------------------

# All numbers, as in 05/12/2015 or 5.12.15: which is the day depends on the writer's country.
_NUMERIC = re.compile(r"(\d{1,2})([/. -])(\d{1,2})\2(\d{2}|\d{4})")
_D1 = datetime(2001, 1, 1)
_D2 = datetime(2002, 2, 2)


def both_readings(text: str) -> str | None:
    """For an all-number date whose day and month could be either way round (05/12/2015):
    "write 2015-12-05 for 5 Dec 2015, or 2015-05-12 for 12 May 2015"; else None."""
    m = _NUMERIC.fullmatch(text.strip())
    if m is None or len(m[4]) < len("2015"):
        return None
    first, second, year = int(m[1]), int(m[3]), m[4]
    if first > _MONTHS or second > _MONTHS or first == second:
        return None
    return (
        f"write {year}-{second:02d}-{first:02d} for {first} {_MONTH_ABBR[second]} {year}, or "
        f"{year}-{first:02d}-{second:02d} for {second} {_MONTH_ABBR[first]} {year}"
    )


def _refuse_ambiguous(text: str) -> None:
    m = _NUMERIC.fullmatch(text)
    if m is not None and len(m[4]) < len("2015"):
        raise DateError(f"{text!r} has a two-digit year: write the year in full")
    readings = both_readings(text)
    if readings is not None:
        raise DateError(f"{text!r} is ambiguous (day first or month first?): {readings}")


def read_human(text: str) -> Span:
    """A date as people write it, at the precision they wrote: "2015", "Sept 2015", "28 March
    2017" (a year, a month, a day). The notation itself comes first (2015-09, 2017~, intervals);
    anything else is read with python-dateutil, imported only then. An all-number date whose day
    and month could be either way round (05/12/2015) is refused, not guessed."""
    value = text.strip()
    try:
        return parse(value)
    except DateError:
        pass
    _refuse_ambiguous(value)
    from dateutil import parser as dparser

    # Read the text twice with different defaults: a part that changes with the default was not
    # given, which tells the precision ("Sept 2015" is a month, not the 1st of it).
    try:
        a = dparser.parse(value, default=_D1)
        b = dparser.parse(value, default=_D2)
    except (ValueError, OverflowError, TypeError):
        raise DateError(f"cannot read {text!r} as a date") from None
    if a.year != b.year:
        raise DateError(f"{text!r} has no year; write it with one, as in 'Sept 2015'")
    if a.month != b.month:
        if a.day != b.day:
            return parse(f"{a.year:04d}")
        raise DateError(f"{text!r} gives a day but no month")
    if a.day != b.day:
        return parse(f"{a.year:04d}-{a.month:02d}")
    return parse(f"{a.year:04d}-{a.month:02d}-{a.day:02d}")


def _plain_notation(text: str) -> str | None:
    value = text.strip()
    if not value or len(value) > _HUMAN_MAX or ("/" in value and not _NUMERIC.fullmatch(value)):
        return None  # an interval is the notation's own, not a date people write
    try:
        return read_human(value).text
    except DateError:
        return None


# How people write what the notation writes with / ~ and ..: "by Sep 2015" is "/2015-09".
_WORDED = (
    (re.compile(r"(?i)by\s+(.+)"), "/{}"),
    (re.compile(r"(?i)(?:from|since)\s+(.+)"), "{}/.."),
    (re.compile(r"(?i)until\s+(.+)"), "../{}"),
    (re.compile(r"(?i)(?:c\.|ca\.|circa|about|around)\s*(.+)"), "{}~"),
)
_RANGE = re.compile(r"(.+?)\s*(?:\u2013|\u2014|\s+to\s+)\s*(.+)")


def notation_for(text: str) -> str | None:
    """The notation of a date written as people write it, to suggest when a value is not in the
    notation: "24 November 2015" -> 2015-11-24, "Sept 2017" -> 2017-09, "by Sep 2015" ->
    /2015-09, "from Nov 2013" -> 2013-11/.., "c. 2017" -> 2017~, "2013 to 2015" -> 2013/2015.
    None when it reads as no date, or as the text itself."""
    value = " ".join(text.split())
    for pattern, shape in _WORDED:
        m = pattern.fullmatch(value)
        inner = _plain_notation(m[1]) if m else None
        if inner is not None and "/" not in inner and not inner.endswith(("~", "?", "%")):
            return shape.format(inner)
    m = _RANGE.fullmatch(value)
    if m:
        a, b = _plain_notation(m[1]), _plain_notation(m[2])
        if a and b and "/" not in a + b:
            return f"{a}/{b}"
    found = _plain_notation(value)
    return found if found != text else None


def human_hint(text: str) -> str:
    """What to add to "invalid date": "; did you mean 2015-11-24?", or for an all-number date
    that reads two ways, both ways; else nothing."""
    readings = both_readings(text)
    if readings is not None:
        return f"; {readings}"
    found = notation_for(text)
    if found is None:
        return ""
    # quoted when YAML would not read it as it is (as the README says to write such dates)
    shown = found if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", found) else f'"{found}"'
    return f"; did you mean {shown}?"


_HUMAN_MAX = 40  # longer text is not a date someone wrote by hand

"""Reading rirtime's own JSON back: `export json` (the whole document: its actors, sources,
events and periods), or the array of event objects `show --format json` writes, into a Draft
(build.py).

What a date adds after itself (start, end, precision, qualifiers, display) is made from the date
again, so it is read past; the filters of a filtered export are said, as is any key this
version does not know. A wrong shape is an error naming the JSON path (`events[3].actors`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from rirtime import dates, spec
from rirtime.errors import Diagnostic, InvalidTimeline, Loc, RirtimeError, Severity
from rirtime.files import BadText, decode
from rirtime.formats.build import Draft, Record
from rirtime.formats.records import DATE_PARTS
from rirtime.spec import ID_PATTERN, Type

__all__ = ["JsonReader", "given", "load_json", "read_json"]

_NOT_TEXT = re.compile("[\ud800-\udfff]")  # a lone surrogate, which `\ud800` in JSON can make
_DERIVED = frozenset(DATE_PARTS)


def load_json(data: bytes, name: str) -> Any:
    """The JSON value of the input, or an error at the line and column where it goes wrong."""
    try:
        text = decode(data, name)
    except BadText as exc:
        raise InvalidTimeline(name, [exc.diagnostic], None) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise RirtimeError(f"{name}: the JSON is nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        loc = Loc(name, exc.lineno, exc.colno)
        diag = Diagnostic(loc, Severity.ERROR, "json", f"not valid JSON: {exc.msg}")
        raise InvalidTimeline(name, [diag], text) from None
    except ValueError:  # a number of thousands of digits, which Python will not convert
        raise RirtimeError(
            f"{name}: a number in the JSON has too many digits to read (no date part has more "
            "than a few)"
        ) from None


class JsonReader:
    """The checks every JSON reader makes of a value at a path, with errors that name it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, message: str) -> RirtimeError:
        """An error about the value at `path`."""
        return RirtimeError(f"{self.name}: {path}: {message}")

    def where(self, path: str) -> str:
        """How a note names the value at `path`."""
        return f"{self.name}: {path}"

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, found {_kind(value)}")
        return value

    def array(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected an array, found {_kind(value)}")
        return value

    def text(self, value: Any, path: str, *, number_ok: bool = False) -> str | None:
        """A string (None for null); a whole number too with `number_ok` (a year: 2015, or
        2015.0 as a spreadsheet's script may write it)."""
        if value is None:
            return None
        if number_ok and _whole(value):
            return str(int(value))
        if not isinstance(value, str):
            raise self.fail(path, f"expected a string, found {_kind(value)}")
        if _NOT_TEXT.search(value):
            raise self.fail(path, "holds a lone surrogate (\\ud800..\\udfff), which is not text")
        return value

    def texts(self, value: Any, path: str) -> list[str]:
        if value is None:
            return []
        items = self.array(value, path)
        out = []
        for i, item in enumerate(items):
            text = self.text(item, f"{path}[{i}]")
            if text is not None:
                out.append(text)
        return out

    def ident(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        if text is None or not ID_PATTERN.fullmatch(text):
            raise self.fail(path, f"{text!r} is not an id (lowercase kebab-case)")
        return text

    def date(self, value: Any, path: str) -> str:
        text = self.text(value, path, number_ok=True)
        if text is None:
            raise self.fail(path, "a date is needed")
        try:
            dates.parse(text)
        except dates.DateError as exc:
            raise self.fail(
                path, f"{text!r} is not a date in the notation: {exc.message}"
            ) from None
        return text


def _whole(value: Any) -> bool:
    """Whether a JSON value is a whole number (not a boolean, which Python counts as one)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or value.is_integer()


def _kind(value: Any) -> str:
    """What a JSON value is, for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _field(r: JsonReader, f: spec.Field, value: Any, path: str) -> Any:
    """One field's value, checked for its type."""
    if f.type is Type.DATE:
        return r.date(value, path)
    if f.type is Type.ID:
        return r.ident(value, path)
    if f.type is Type.IDS:
        return [r.ident(v, f"{path}[{i}]") for i, v in enumerate(r.array(value, path))]
    if f.type is Type.TEXTS:
        return r.texts(value, path)
    if f.type.is_nested:
        entry = spec.NESTED[f.type]
        items = r.array(value, path)
        return [_entry(r, entry, item, f"{path}[{i}]", None) for i, item in enumerate(items)]
    return r.text(value, path)


def _entry(r: JsonReader, entry: spec.Entry, value: Any, path: str, draft: Draft | None) -> Record:
    """An entry's fields by the spec; a date's derived parts read past, any other key said."""
    obj = r.obj(value, path)
    record: Record = {}
    for f in entry.fields:
        if f.name in obj and obj[f.name] is not None:
            record[f.name] = _field(r, f, obj[f.name], f"{path}.{f.name}")
        elif f.required and not (entry.keyed and f.name == "id"):
            raise r.fail(path, f"`{f.name}` is missing")
    extra = [k for k in obj if k not in entry.names and not (k in _DERIVED and "date" in obj)]
    for key in extra:
        message = f"`{key}` is not a key of {'an' if entry.name[0] in 'ae' else 'a'} {entry.name}"
        if draft is None:
            raise r.fail(f"{path}.{key}", message)
        draft.note(r.where(f"{path}.{key}"), message + ": not carried over")
    return record


def _keyed(
    r: JsonReader, entry: spec.Entry, value: Any, path: str, draft: Draft
) -> Iterator[tuple[str, Record]]:
    for key, item in r.obj(value, path).items():
        where = f"{path}.{key}"
        yield r.ident(key, where), _entry(r, entry, item, where, draft)


def read_json(data: bytes, name: str) -> Draft:
    """A rirtime JSON export (or an array of event objects) as a Draft."""
    r = JsonReader(name)
    value = load_json(data, name)
    if isinstance(value, list):
        draft = Draft(title="Imported events")
        draft.events = _events(r, value, draft)
        return draft
    top = r.obj(value, "$")
    title = r.text(top.get("title"), "title")
    if not title:
        raise r.fail("title", "a rirtime JSON export has a title (is this `export json`?)")
    draft = Draft(title=title, description=r.text(top.get("description"), "description"))
    draft.sources = dict(_keyed(r, spec.SOURCE, given(top, "sources", {}), "sources", draft))
    draft.actors = dict(_keyed(r, spec.ACTOR, given(top, "actors", {}), "actors", draft))
    draft.events = _events(r, r.array(given(top, "events", []), "events"), draft)
    draft.periods = _periods(r, r.array(given(top, "periods", []), "periods"), draft)
    filters = top.get("filters")
    if filters:
        shown = json.dumps(filters, ensure_ascii=True)
        draft.note(
            r.where("filters"), f"the export was filtered ({shown}): only its events are here"
        )
    known = {*spec.TIMELINE.names, "filters"}
    for key in top:
        if key not in known:
            draft.note(r.where(key), f"`{key}` is not a key this version reads: not carried over")
    return draft


def given(obj: dict[str, Any], key: str, default: Any) -> Any:
    """The value under `key`, `default` when it is missing or null (not when it is wrong)."""
    value = obj.get(key)
    return default if value is None else value


def _events(r: JsonReader, items: list[Any], draft: Draft) -> list[Record]:
    """The events, each with its place for the notes about it."""
    draft.places = [r.where(f"events[{i}]") for i in range(len(items))]
    return [_entry(r, spec.EVENT, item, f"events[{i}]", draft) for i, item in enumerate(items)]


def _periods(r: JsonReader, items: list[Any], draft: Draft) -> list[Record]:
    """The periods (every one: an export's filters leave them all), each with its place."""
    draft.period_places = [r.where(f"periods[{i}]") for i in range(len(items))]
    return [_entry(r, spec.PERIOD, item, f"periods[{i}]", draft) for i, item in enumerate(items)]

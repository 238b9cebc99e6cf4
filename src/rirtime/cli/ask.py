"""`rirtime add` on a terminal: each field asked in turn, each answer checked as it is given.

A date that is not one is said, with why, and asked again; an unknown actor or source gets its
"did you mean" and the offer to create it (asking an actor's name and kind, a source's
citation), so nothing fails after the last answer with an error about an option nobody typed.
Ctrl-C at any prompt ends the command (exit 130, cli/errors.py) with nothing written.
"""

# Like the command modules, this one imports only the command line at start (start-up time).

import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from rirtime.cli import output
from rirtime.errors import RirtimeError

if TYPE_CHECKING:
    from rirtime.edit import NewEntry, NewEvent, Planned, Problem
    from rirtime.model import Timeline

Check = Callable[[str], "Problem | None"]
_OFFERED = 60  # known names listed before a prompt; past that, how many more there are


def _line(prompt: str) -> str:
    """One answer from the terminal, after `prompt` (on stderr, with every other message)."""
    while True:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        try:
            text = input().strip()
        except EOFError:  # Ctrl-D, or the terminal went away
            sys.stderr.write("\n")
            raise RirtimeError("the answers ended (end of input); nothing was written") from None
        except UnicodeDecodeError:  # a terminal that is not set to UTF-8
            text = "\udc80"
        if not any("\ud800" <= c <= "\udfff" for c in text):
            return text
        output.say("that is not UTF-8 text (is the terminal set to UTF-8?): type it again")


def _answer(prompt: str, check: Check | None = None, *, required: bool = False) -> str:
    """An answer that passes `check` (asked again, with why, until it does); "" for none
    when none is `required`."""
    while True:
        text = _line(prompt)
        if not text:
            if not required:
                return ""
            output.say("an answer is needed here")
            continue
        problem = check(text) if check is not None else None
        if problem is None:
            return text
        output.say(problem.about(text))


def _items(prompt: str, check: Check | None = None, *, required: bool = False) -> tuple[str, ...]:
    """A comma-separated answer, each item once, every item passing `check`."""
    while True:
        raw = _line(prompt)
        items = tuple(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
        if required and not items:
            output.say("at least one is needed here")
            continue
        problems = [(i, check(i)) for i in items] if check is not None else []
        bad = [(item, problem) for item, problem in problems if problem is not None]
        if not bad:
            return items
        for item, problem in bad:
            output.say(problem.about(item))


def _yes(prompt: str, *, default: bool) -> bool:
    while True:
        text = _line(prompt).casefold()
        if not text:
            return default
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        output.say("answer y or n")


def _offer(label: str, names: Collection[str]) -> None:
    """The names the file already has, to choose from (text from the file: made visible)."""
    if not names:
        return
    from rirtime.present.safe import visible

    shown = sorted(names)
    more = f", and {len(shown) - _OFFERED} more" if len(shown) > _OFFERED else ""
    sys.stderr.write(f"{label}: {visible(', '.join(shown[:_OFFERED]))}{more}\n")


class _Asker:
    """The questions of one interactive `add`, and the actors and sources it was asked to
    create on the way (they go into the file before the event that names them)."""

    def __init__(self, timeline: "Timeline") -> None:
        self.timeline = timeline
        self.known = {"actor": set(timeline.actors), "source": set(timeline.sources)}
        self.created: list[NewEntry] = []

    def event(self) -> "NewEvent":
        from rirtime import edit

        t = self.timeline
        date = _answer("Date (e.g. 2017-05-04, 2015-09, 2017~): ", edit.date_problem, required=True)
        title = _answer("Title: ", required=True)
        taken = {e.id for e in t.events}
        made = edit.make_id(title, date, taken)
        own = _answer(f"Id (Enter for {made}): ", lambda i: edit.id_problem(i, taken, "an event"))
        _offer("Known actors", self.known["actor"])
        actors = self.references("Actors (ids, comma-separated): ", "actor", required=True)
        _offer("Known tags", {tag for e in t.events for tag in e.tags})
        tags = _items("Tags (comma-separated, optional): ", edit.tag_problem)
        _offer("Known sources", self.known["source"])
        sources = self.references("Sources (ids, comma-separated, optional): ", "source")
        if not sources:
            output.say("warning: the event cites no source (`rirtime check` warns of that)")
        return edit.NewEvent(
            date=date,
            title=title,
            actors=actors,
            id=own or made,
            tags=tags,
            sources=sources,
            people=_items("People (full names, comma-separated, optional): "),
            summary=_answer("Summary, in your own words (optional): ") or None,
            quote=_answer("Quote, a short verbatim phrase (optional): ") or None,
            note=_answer("Note, an editor's note (optional): ") or None,
        )

    def references(self, prompt: str, noun: str, *, required: bool = False) -> tuple[str, ...]:
        """Ids of actors or sources: each known, or created when it is not; else asked again."""
        known = self.known[noun]
        while True:
            ids = _items(prompt, required=required)
            if all(i in known or self.create(i, noun) for i in ids):
                return ids

    def create(self, entry_id: str, noun: str) -> bool:
        """Say that `entry_id` is no known actor (or source), and offer to create it."""
        from rirtime import edit

        known = self.known[noun]
        unknown = edit.reference_problem(entry_id, known, noun)
        if unknown is not None:
            output.say(unknown.about(entry_id))
        cannot = edit.id_problem(entry_id, (), "")
        if cannot is not None:
            output.say(f"{entry_id!r} cannot be a new {noun}'s id: {cannot}")
            return False
        if not _yes(f"Create the {noun} {entry_id}? [y/N] ", default=False):
            return False
        if noun == "actor":
            name = _answer(f"Name of {entry_id}: ", required=True)
            kinds = ", ".join(edit.KINDS)
            kind = _answer(f"Kind of {entry_id} ({kinds}): ", edit.kind_problem, required=True)
            self.created.append(edit.NewActor(entry_id, name, kind))
        else:
            citation = _answer(f"Citation of {entry_id}, as printed: ", required=True)
            url = _answer(f"URL of {entry_id} (optional): ")
            self.created.append(edit.NewSource(entry_id, citation, url or None))
        known.add(entry_id)
        return True


def ask(timeline: "Timeline") -> "list[NewEntry]":
    """What to add, asked for on the terminal: the actors and sources to create, then the event."""
    asker = _Asker(timeline)
    event = asker.event()
    return [*asker.created, event]


def confirm(planned: "Sequence[Planned]") -> bool:
    """Show what would be added, and where; whether the answer is to add it."""
    from rirtime.present.safe import visible

    sys.stderr.write("\n")
    for p in planned:
        text = visible(p.entry_text.replace("\r\n", "\n"), keep_newlines=True).rstrip("\n")
        sys.stderr.write(f"{visible(p.label)}, at {p.where}:\n{text}\n")
    return _yes("Add this? [Y/n] ", default=True)

"""The bundled chronology keeps the evidence the re-audit of issue 12 gave it: each endnote's
printed date as its source's `published`, and the article's text for the quote check. (That
`check --strict` passes on it is held in test_cli.py, through tests/bundled.py.)"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from bundled import DATA

from rirtime.dates import parse

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
# "March 25, 2014", "October 13,2015", "January 2016", "May-August 2015", "June-July 2015"
PRINTED = re.compile(
    rf"\b({'|'.join(MONTHS)})(?:-({'|'.join(MONTHS)}))?\s+(?:(\d{{1,2}}),\s*)?(\d{{4}})\b"
)
RETRIEVED = re.compile(rf"retrieved\s+{PRINTED.pattern}")
ENDNOTES = [sid for sid in DATA["sources"] if re.fullmatch(r"n\d+", sid)]


def _printed_days(citation: str) -> list[tuple[date, date]]:
    """The first and last day of each date an endnote prints, leaving out retrieval dates."""
    days = []
    for match in PRINTED.finditer(RETRIEVED.sub("", citation)):
        first, last, day, year = match.groups()
        suffix = f"-{int(day):02d}" if day else ""
        start = parse(f"{year}-{MONTHS.index(first) + 1:02d}{suffix}")
        end = parse(f"{year}-{MONTHS.index(last or first) + 1:02d}{suffix}")
        assert start.earliest is not None
        assert end.latest is not None
        days.append((start.earliest, end.latest))
    return days


def test_every_endnote_is_a_source() -> None:
    assert [f"n{i}" for i in range(1, 44)] == ENDNOTES


@pytest.mark.parametrize("sid", ENDNOTES)
def test_an_endnote_carries_the_date_it_prints_and_no_other(sid: str) -> None:
    source = DATA["sources"][sid]
    printed = _printed_days(" ".join(source["citation"].split()))
    if not printed:
        assert "published" not in source, f"{sid} prints no date"
        return
    published = parse(str(source["published"]))
    span = (min(a for a, _ in printed), max(b for _, b in printed))
    assert (published.earliest, published.latest) == span, sid


def test_the_article_points_at_its_seed_text() -> None:
    # Relative to the timeline's folder: it resolves in a checkout whose parent holds shared/.
    assert DATA["sources"]["article"]["text"] == "../shared/seed/000_fe123c0d8783c30b.txt"


def test_the_readme_example_of_disputed_dates_is_the_bundled_event() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Disputed dates.**")
    block = re.search(r"```yaml\n(.*?)```", readme[start:], re.S)
    assert block is not None
    (example,) = yaml.safe_load(block.group(1))
    (event,) = [e for e in DATA["events"] if e["id"] == example["id"]]
    assert (example["date"], example["alternatives"]) == (event["date"], event["alternatives"])

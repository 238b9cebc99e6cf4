"""`rirtime schema`: a JSON Schema of the file format, for editors."""

# No `from __future__ import annotations`: typer reads these annotations (see cli/__init__.py).

from rirtime.cli import output
from rirtime.cli.errors import handle_errors
from rirtime.cli.output import ColorMode


def schema() -> None:
    """Print a JSON Schema of the timeline format, for editors that check YAML as you type.

    Save it next to your timeline and put `# yaml-language-server: $schema=timeline.schema.json`
    at the top of the file.
    """
    from rirtime.formats import FORMATS
    from rirtime.formats.content import Data
    from rirtime.schema import timeline_schema

    with handle_errors():
        output.data(FORMATS["json"], Data(timeline_schema()), ColorMode.NEVER)

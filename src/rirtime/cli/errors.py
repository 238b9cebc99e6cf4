"""The one place where failures become a message on stderr and an exit code, never a traceback.

Library code raises RirtimeError (with its exit code) or InvalidTimeline (with every
diagnostic); a closed pipe, Ctrl-C and `kill` end quietly with their own codes; running out of
memory is a message naming the file, exit 1.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer

from rirtime.cli.output import ColorMode, quiet_stdout, say, use_color
from rirtime.errors import ExitCode, InvalidTimeline, RirtimeError

if TYPE_CHECKING:
    from rirtime.errors import Diagnostic
    from rirtime.model import Timeline

__all__ = ["click_failure", "handle_errors", "report_diagnostics", "run"]


def report_diagnostics(
    path: str,
    text: str | None,
    diagnostics: list[Diagnostic],
    *,
    color: bool,
    strict: bool = False,
    timeline: Timeline | None = None,
    texts: Mapping[str, str | None] | None = None,
) -> None:
    """Each diagnostic with the line it points into, then the summary line, on stderr; with
    several files, `texts` holds each one's text by its name."""
    from rirtime.files import split_lines
    from rirtime.render.diagnostics import render_diagnostics, summary

    if diagnostics:
        lines = split_lines(text) if text is not None else None
        lines_of = None
        if texts is not None and len(texts) > 1:
            lines_of = {p: split_lines(t) if t is not None else None for p, t in texts.items()}
        shown = render_diagnostics(diagnostics, lines, color=color, lines_of=lines_of)
        sys.stderr.write(shown + "\n")
    sys.stderr.write(summary(path, diagnostics, strict=strict, timeline=timeline) + "\n")


@contextmanager
def handle_errors(color: ColorMode = ColorMode.AUTO) -> Iterator[None]:
    """Turn expected failures into a message on stderr and an exit code."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(ExitCode.OK) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except InvalidTimeline as exc:
        if exc.preface:
            say(exc.preface)
        report_diagnostics(
            exc.path,
            exc.text,
            exc.diagnostics,
            color=use_color(color, sys.stderr),
            texts=exc.texts,
        )
        raise typer.Exit(exc.exit_code) from None
    except RirtimeError as exc:
        say(f"error: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:  # writing the output failed: a full disk, an I/O error
        _cannot_write(exc)
        raise typer.Exit(ExitCode.FAILURE) from None
    except MemoryError as exc:
        _out_of_memory(exc)
        raise typer.Exit(ExitCode.FAILURE) from None


def _cannot_write(exc: OSError) -> None:
    """Say that the output could not be written, and send what is left of it nowhere (so the
    interpreter's last flush at exit does not fail again, with a traceback)."""
    quiet_stdout()
    say(f"error: cannot write the output: {exc.strerror or exc}")


def _out_of_memory(exc: MemoryError) -> None:
    """Say that memory ran out, naming the file being read: first letting go of what the failed
    work held (the frames its traceback keeps alive), so that saying so needs no memory it had."""
    import traceback

    traceback.clear_frames(exc.__traceback__)
    exc.__traceback__ = None
    from rirtime.files import MEMORY_PER_BYTE, reading

    read = reading()
    if read is None:
        say("error: not enough memory to finish; free some memory and try again")
        return
    name, size = read
    megabytes = f" ({size / 2**20:,.0f} MiB)" if size is not None else ""
    say(
        f"error: not enough memory to read {name}{megabytes}: checking a file takes about "
        f"{MEMORY_PER_BYTE} times its size in memory; free some memory, split the file, or set "
        "RIRTIME_MAX_BYTES lower to refuse such files at once"
    )


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def run(app: typer.Typer) -> None:
    """Run the app: `kill` (SIGTERM) unwinds like Ctrl-C, so a file being written is cleaned
    up, and Ctrl-C outside a command (while importing, say) ends with its code too."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app(prog_name="rirtime")
    except BrokenPipeError:  # outside a command, e.g. `rirtime --help | head -1`
        quiet_stdout()
    except OSError as exc:  # outside a command too, e.g. `rirtime --help > /dev/full`
        _cannot_write(exc)
        sys.exit(ExitCode.FAILURE)
    except MemoryError as exc:  # outside a command too (shell completion reads the file)
        _out_of_memory(exc)
        sys.exit(ExitCode.FAILURE)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(ExitCode.INTERRUPTED)
    except ValueError:  # the shell's completion variables, not what click expects (COMP_CWORD=x)
        if "_RIRTIME_COMPLETE" not in os.environ:
            raise
        sys.exit(ExitCode.FAILURE)  # nothing to complete; the shell shows nothing


# Options people reach for that rirtime spells otherwise.
_OTHER_SPELLINGS = {
    "--since": "--from",
    "--after": "--from",
    "--start": "--from",
    "--until": "--to",
    "--before": "--to",
    "--end": "--to",
    "--query": "--search",
    "--grep": "--search",
    "--colour": "--color",
    "--json": "--format json",
    "--csv": "--format csv",
    "--output": "-o",
}


def _option_hint(exc: Any) -> str:
    """ " (did you mean --from?)" for an option that does not exist: what rirtime calls it, else
    the closest option of the command."""
    from rirtime.names import did_you_mean

    wanted = str(getattr(exc, "option_name", ""))
    known = [o for p in exc.ctx.command.params for o in p.opts] if exc.ctx is not None else []
    other = _OTHER_SPELLINGS.get(wanted.split("=", 1)[0])
    if other is not None:  # what the user meant is known: no guess from the spelling
        return f" (did you mean '{other}'?)" if other.split()[0] in known else ""
    return did_you_mean(wanted, known)


def click_failure(exc: BaseException) -> int:
    """The exit code of a failure that reached typer's main, once said: a usage error (an
    unknown option or command, a bad value) as `rirtime: error: ...` and where to look; an
    interrupted prompt as 130; anything else goes on up."""
    from typer._click import exceptions as click_errors
    from typer.exceptions import Abort

    if isinstance(exc, click_errors.NoArgsIsHelpError):
        assert exc.ctx is not None
        sys.stdout.write(exc.ctx.get_help() + "\n")
        return ExitCode.USAGE
    if isinstance(exc, click_errors.NoSuchOption):
        message = f"no such option: {exc.option_name}{_option_hint(exc)}"
    elif isinstance(exc, click_errors.ClickException):
        text = exc.format_message()
        message = text[:1].lower() + text[1:] if text[1:2].islower() else text
    elif isinstance(exc, Abort):
        say("aborted")
        return ExitCode.FAILURE
    else:
        raise exc
    say(f"error: {message}")
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError) and ctx is not None:
        say(f"see '{ctx.command_path} --help'")
    return exc.exit_code if exc.exit_code else ExitCode.USAGE

"""The command's entry point, for the console script and for `python -m rirtime`."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """Answer `--version` without loading the command-line framework; else run the CLI."""
    # `rirtime --version` is what scripts and installers run to see that rirtime is there;
    # importing typer for it would triple its time (measured in benchmarks/).
    if sys.argv[1:] == ["--version"]:
        from rirtime import __version__

        if sys.stdout is None:  # started with stdout closed: nothing to say it to
            return
        try:
            sys.stdout.write(f"rirtime {__version__}\n")
            sys.stdout.flush()
        except OSError as exc:  # a full disk, a closed pipe
            if sys.stderr is not None and not isinstance(exc, BrokenPipeError):
                sys.stderr.write(f"rirtime: error: cannot write: {exc.strerror or exc}\n")
            sys.stdout = None  # nothing more to flush at exit
            sys.exit(0 if isinstance(exc, BrokenPipeError) else 1)
        return
    # No cyclic garbage collection from here on (cli.main says why): the collector would
    # otherwise rescan, dozens of times, the objects that importing the framework makes.
    gc.disable()
    try:  # Ctrl-C while the framework loads, before rirtime's own handler is in place
        from rirtime.cli import main as run
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("\n")
        sys.exit(130)
    try:
        run()
    finally:
        # The run is over (it ends in sys.exit), and the exit frees what it made. The
        # interpreter's last collection, which runs even with the collector off, would only
        # walk every object once more (6 % of a cached `show`): it skips frozen ones.
        gc.freeze()


if __name__ == "__main__":
    main()

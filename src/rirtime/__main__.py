"""The command's entry point, for the console script and for `python -m rirtime`."""

from __future__ import annotations

import sys


def main() -> None:
    """Answer `--version` without loading the command-line framework; else run the CLI."""
    # `rirtime --version` is what scripts and installers run to see that rirtime is there;
    # importing typer for it would triple its time (measured in benchmarks/).
    if sys.argv[1:] == ["--version"]:
        from rirtime import __version__

        sys.stdout.write(f"rirtime {__version__}\n")
        return
    from rirtime.cli import main as run

    run()


if __name__ == "__main__":
    main()

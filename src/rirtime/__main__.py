"""Run rirtime as `python -m rirtime`."""

from rirtime.cli import main

main()

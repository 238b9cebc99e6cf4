"""Model -> every problem it has, as diagnostics: the named checks live in rirtime.checks.

Kept so that `from rirtime.validate import validate` goes on working.
"""

from __future__ import annotations

from rirtime.checks import validate

__all__ = ["validate"]

"""THE file format: what a timeline file may hold, described once.

The loader, the JSON Schema, the cache, the export records, `add`'s key order and the README's
format table are derived from this module or tested against it.
"""

from __future__ import annotations

import re

__all__ = ["ID_PATTERN"]

# Ids of actors, sources and events, and tags: lowercase kebab-case.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

"""rirtime: a chronology of Russian-Iranian relations, kept in YAML and treated like code."""

__version__ = "0.1.0"

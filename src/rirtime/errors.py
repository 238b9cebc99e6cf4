"""Diagnostics and the one exception family that library code raises; only the CLI prints them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, IntEnum

from rirtime.names import plural

__all__ = [
    "Diagnostic",
    "ExitCode",
    "InvalidTimeline",
    "Loc",
    "RirtimeError",
    "Severity",
    "UsageError",
]


class ExitCode(IntEnum):
    """The process exit codes rirtime promises."""

    OK = 0
    FAILURE = 1  # the data is invalid, or an operation failed
    USAGE = 2  # the command line is wrong: unknown option, bad value, file not found
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # `kill` (SIGTERM)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a value stands in a file: 1-based line and column (in characters)."""

    path: str
    line: int
    column: int
    length: int = 1  # how many characters the value spans on its first line, for the caret

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a timeline file, at a place; `related` are other places it is about
    (where a clashing id was met first, perhaps in another file)."""

    loc: Loc
    severity: Severity
    code: str
    message: str
    related: tuple[Loc, ...] = ()

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }
        if self.related:  # only a diagnostic about two places has the key
            out["related"] = [
                {"path": r.path, "line": r.line, "column": r.column} for r in self.related
            ]
        return out


class RirtimeError(Exception):
    """An expected failure: the CLI prints the message and exits `exit_code`. The message names
    the file it is about; problems at a place in a file are diagnostics (InvalidTimeline)."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(RirtimeError):
    """The command line asks for something that cannot be: a missing file, an unknown value."""

    exit_code = ExitCode.USAGE


class InvalidTimeline(RirtimeError):
    """The timeline has errors; `diagnostics` holds every one of them (and the warnings)."""

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic],
        text: str | None,
        preface: str | None = None,
        texts: Mapping[str, str | None] | None = None,
    ) -> None:
        n = sum(d.severity is Severity.ERROR for d in diagnostics)
        super().__init__(f"{path}: {plural(n, 'error')}")
        self.path = path
        self.diagnostics = diagnostics
        self.text = text
        self.preface = preface  # a line said before the diagnostics
        # Several files read as one: the text of each, by its name (`text` is then None).
        self.texts = texts

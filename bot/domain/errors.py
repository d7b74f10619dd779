"""Errors a user can cause, each saying what was wrong and what would be accepted."""

from __future__ import annotations

from dataclasses import dataclass


class ModelRadarError(Exception):
    """An expected error: its message is shown to the user as it is."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an import: where it is, what is wrong, and what is accepted."""

    file: str
    message: str
    entry: str | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(f"field '{self.field}'")
        return f"{': '.join(parts)}: {self.message}"


class ImportFailed(ModelRadarError):
    """An import that wrote nothing because of the problems it lists."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(
            f"Import failed with {len(problems)} {noun}; nothing was written.\n{lines}"
        )


class NotFound(ModelRadarError):
    """A name that matches nothing; carries close suggestions."""

    def __init__(self, what: str, name: str, suggestions: list[str] | None = None) -> None:
        self.what = what
        self.name = name
        self.suggestions = suggestions or []
        message = f"No {what} matches {name!r}."
        if self.suggestions:
            message += " Did you mean " + ", ".join(f"`{s}`" for s in self.suggestions) + "?"
        super().__init__(message)

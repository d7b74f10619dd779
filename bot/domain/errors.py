"""Errors a user can cause, each saying what was wrong and what would be accepted."""

from __future__ import annotations

import heapq
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

# How many problems an import lists; the rest are counted ("and 12,345 more problems"), so a
# file of a million bad entries neither prints a million lines nor holds them in memory.
SHOWN_PROBLEMS = 100

_brief = reprlib.Repr()
_brief.maxlevel = 2
_brief.maxstring = 60
_brief.maxother = 60
_brief.maxlong = 40
_brief.maxdict = _brief.maxlist = _brief.maxtuple = _brief.maxset = 4


def brief(value: object, limit: int = 60) -> str:
    """A short repr of a value from an input file, for messages: never longer than about
    `limit` characters, whatever the value (a 50 MB string, a 5,000-digit integer, a list
    nested a thousand levels deep)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
    try:
        shown = _brief.repr(value)
    except (ValueError, RecursionError):  # pragma: no cover - reprlib bounds both
        shown = f"a {type(value).__name__}"
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


@dataclass(frozen=True, slots=True)
class Phrase:
    """What an error says, by the key of its sentence in render/'s string tables ("error.<key>")
    and the values that fill it, so render/ can say it in the asker's language. A value may be
    a Phrase itself (a reason inside a sentence) or a PartialDate (shown as that locale writes
    dates); the English table's sentence matches the error's own English message."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


def phrase(key: str, **values: object) -> Phrase:
    return Phrase(key, values)


class Phrased(Exception):
    """An error with an English message (the terminal's, the log's) and, optionally, the
    Phrase render/ words for Discord in the asker's language."""

    def __init__(self, message: str = "", said: Phrase | None = None) -> None:
        super().__init__(message)
        self.said = said


class ModelRadarError(Phrased):
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


class ProblemLog:
    """Problems as an import finds them: the first `limit` in file order and line are kept,
    every one is counted. Keeping is a bounded heap, so memory stays the same however many
    problems a file has; `wants` lets a caller skip building a message that would be dropped.
    """

    def __init__(self, limit: int = SHOWN_PROBLEMS) -> None:
        self.limit = limit
        self.total = 0
        self.file_order: dict[str, int] = {}
        # max-heap by negated (file order, line, sequence): the root is the one to drop next
        self._heap: list[tuple[int, int, int, Problem, Any]] = []

    def _key(self, file: str, line: int | None) -> tuple[int, int, int]:
        return (-self.file_order.get(file, -1), -(line or 0), -self.total)

    def wants(self, file: str, line: int | None) -> bool:
        """Whether a problem at this place would be kept (else `count` it, unbuilt)."""
        return len(self._heap) < self.limit or self._key(file, line) > self._heap[0][:3]

    def count(self) -> None:
        self.total += 1

    def add(self, problem: Problem, entry: Any = None) -> None:
        """Record a problem; `entry` (the raw entry it is about) lets lines be found later."""
        item = (*self._key(problem.file, problem.line), problem, entry)
        self.total += 1
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
        elif item[:3] > self._heap[0][:3]:
            heapq.heapreplace(self._heap, item)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def kept(self) -> list[tuple[Problem, Any]]:
        """The problems kept, each with its entry, in no particular order."""
        return [(item[3], item[4]) for item in self._heap]

    def update(self, fix: Callable[[Problem, Any], Problem]) -> None:
        """Replace each kept problem by `fix(problem, entry)` (to add a line found later)."""
        self._heap = [
            (order, -(new.line or 0), seq, new, entry)
            for order, _, seq, problem, entry in self._heap
            for new in (fix(problem, entry),)
        ]
        heapq.heapify(self._heap)

    def shown(self) -> list[Problem]:
        """The problems kept, sorted by file order and line (then the order found)."""
        return [item[3] for item in sorted(self._heap, key=lambda item: item[:3], reverse=True)]

    def __len__(self) -> int:
        return self.total

    def failed(self) -> ImportFailed:
        return ImportFailed(self.shown(), total=self.total)


class ImportFailed(ModelRadarError):
    """An import that wrote nothing because of the problems it lists (the first
    SHOWN_PROBLEMS of `total`)."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = max(total or 0, len(problems))
        noun = "problem" if self.total == 1 else "problems"
        lines = [f"  {problem}" for problem in problems]
        if self.total > len(problems):
            more = self.total - len(problems)
            lines.append(f"  and {more:,} more problem{'s' if more != 1 else ''}")
        super().__init__(
            f"Import failed with {self.total:,} {noun}; nothing was written.\n" + "\n".join(lines)
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

"""Reading import files (YAML or JSON) into raw entries that remember their file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.files import Unreadable, expand_paths, read_text
from bot.domain.errors import Problem, ProblemLog, brief

SECTIONS = ("labs", "models", "events")
NESTED_TOO_DEEPLY = (
    "nested too deeply to read; catalog files need only a few levels "
    "(sections, entries, fields): check for brackets that are never closed"
)
ANCHORS_REFUSED = (
    "YAML anchors and aliases (&name, *name) are not accepted in catalog files; "
    "write the values out"
)
# Where an anchor or an alias can start: at the start of the text, or after white space, a
# flow indicator or ":" (a JSON-like key). Only a file that matches is read event by event
# (`_anchor_line`), so files without any pay a search for "&" and "*" and nothing more.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[\]{},:?\-\ufeff])[&*]")

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class LineDict(dict[str, Any]):
    """A mapping read from YAML that remembers its line and the line of each key."""

    line: int | None = None
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]

    def __init__(self) -> None:
        super().__init__()
        self.key_lines = {}
        self.duplicate_keys = []


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loading that keeps dates as text (so 2025-13-40 gets our message) and records lines."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value = loader.construct_object(value_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            key = str(key)
        if key in data:
            data.duplicate_keys.append((str(key), line))
        data[key] = value
        data.key_lines[str(key)] = line


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
# An explicit !!timestamp stays text too (the date validator reads it, with its messages).
_Loader.add_constructor(_TIMESTAMP, yaml.SafeLoader.construct_yaml_str)

# Entries read from JSON have no lines; they share one empty mapping (never written to).
_NO_LINES: dict[str, int] = {}


@dataclass(slots=True)
class RawEntry:
    """One entry of a section, as read, with where it was read."""

    section: str
    index: int
    data: dict[str, Any]
    file: str
    line: int | None = None
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        noun = self.section[:-1]
        slug = self.data.get("slug") if isinstance(self.data, dict) else None
        if isinstance(slug, str) and slug:
            return f"{noun} '{slug[:64]}'"
        title = self.data.get("title") if isinstance(self.data, dict) else None
        if isinstance(title, str) and title:
            return f"{noun} '{title[:60]}'"
        return f"{noun} #{self.index + 1}"


@dataclass(slots=True)
class Loaded:
    entries: list[RawEntry] = field(default_factory=list)
    log: ProblemLog = field(default_factory=ProblemLog)
    files: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """The problems found reading (the first ones, if there are more than a log keeps)."""
        return self.log.shown()


def load_paths(paths: Iterable[str | Path], log: ProblemLog | None = None) -> Loaded:
    """Read every file named (or inside a folder named); problems go to `log` (a new one
    when not given), which then holds the files' order for sorting problems."""
    files, problems = expand_paths(paths)
    loaded = Loaded(log=log if log is not None else ProblemLog())
    loaded.log.extend(problems)
    for path in files:
        name = str(path)
        loaded.files.append(name)
        loaded.log.file_order.setdefault(name, len(loaded.log.file_order))
        try:
            text = read_text(path)
        except Unreadable as exc:
            loaded.log.add(Problem(name, str(exc)))
            continue
        loaded.entries.extend(load_text(text, name, loaded.log))
    return loaded


def _parse_failure(exc: Exception, what: str) -> str:
    """What to say about an exception of the parser that is not a syntax error."""
    if isinstance(exc, RecursionError):
        return f"the {what} is {NESTED_TOO_DEEPLY}"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return (
            f"invalid {what}: a number has more than 4,300 digits; sizes and figures have at "
            "most a few dozen"
        )
    return f"invalid {what}: {brief(str(exc), 200)}"


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 0


def _anchor_line(text: str) -> int | None:
    """The line of the first YAML anchor or alias in `text`, read as events (nothing is
    built, so nothing expands), or None when there is none (or the text does not parse:
    loading it then reports where)."""
    if ("&" not in text and "*" not in text) or not _MAYBE_ANCHOR.search(text):
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return _line(event)
    except yaml.YAMLError:
        return None
    return None


def load_text(text: str, name: str, log: ProblemLog) -> list[RawEntry]:
    """Parse one file's text (JSON when its name ends in .json, else YAML); problems go to
    `log`. Whatever the text, this returns: hostile input ends as a problem."""
    if name.lower().endswith(".json"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            log.add(Problem(name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno))
            return []
        except (ValueError, RecursionError) as exc:
            log.add(Problem(name, _parse_failure(exc, "JSON")))
            return []
        return split_document(document, name, log)
    line = _anchor_line(text)
    if line is not None:
        log.add(Problem(name, ANCHORS_REFUSED, line=line))
        return []
    try:
        document = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot be parsed"
        log.add(
            Problem(
                name,
                f"invalid YAML: {problem}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        )
        return []
    except yaml.YAMLError as exc:
        log.add(Problem(name, f"invalid YAML: {brief(str(exc), 200)}"))
        return []
    except (ArithmeticError, LookupError, ValueError, TypeError, AttributeError) as exc:
        # a value the safe constructors cannot build (a 5,000-digit integer, a !!set of lists)
        log.add(Problem(name, _parse_failure(exc, "YAML")))
        return []
    except RecursionError as exc:
        log.add(Problem(name, _parse_failure(exc, "YAML")))
        return []
    return split_document(document, name, log)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence open while reading events (see `entry_lines`)."""

    mapping: bool
    expect_key: bool = True
    key: str | None = None
    index: int = -1
    section: str | None = None
    entry: tuple[str, int] | None = None
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)


def entry_lines(
    text: str, wanted: set[tuple[str, int]]
) -> dict[tuple[str, int], tuple[int, dict[str, int]]]:
    """The lines of some entries of a JSON file, by (section, index in the section), and of
    their fields: found by reading the text as YAML events (JSON is YAML), which builds
    nothing, and stopping after the last entry wanted. Used only when there are problems."""
    found: dict[tuple[str, int], tuple[int, dict[str, int]]] = {}
    remaining = set(wanted)
    stack: list[_Frame] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                done = stack.pop()
                if done.entry is not None:
                    found[done.entry] = (done.line, done.key_lines)
                    remaining.discard(done.entry)
                    if not remaining:
                        break
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            parent = stack[-1] if stack else None
            is_key = False
            if parent is not None and parent.mapping:
                is_key = parent.expect_key
                parent.expect_key = not is_key
                if is_key:
                    parent.key = event.value if isinstance(event, yaml.ScalarEvent) else None
                    if parent.entry is not None and parent.key is not None:
                        parent.key_lines[parent.key] = _line(event)
            elif parent is not None:
                parent.index += 1
            if not isinstance(event, yaml.CollectionStartEvent):
                continue
            frame = _Frame(mapping=isinstance(event, yaml.MappingStartEvent))
            if parent is not None and len(stack) == 1 and not is_key and not frame.mapping:
                frame.section = parent.key if parent.key in SECTIONS else None
            elif (
                parent is not None and frame.mapping and (parent.section, parent.index) in remaining
            ):
                frame.entry = (str(parent.section), parent.index)
                frame.line = _line(event)
            stack.append(frame)
    except yaml.YAMLError:
        pass
    return found


def split_document(document: Any, name: str, log: ProblemLog) -> list[RawEntry]:
    """Check the top-level shape and return the entries of each section (problems to `log`)."""
    if document is None:
        return []
    if not isinstance(document, dict):
        log.add(
            Problem(
                name,
                f"the file holds a {type(document).__name__}; expected a mapping with the lists "
                "'labs', 'models' and/or 'events'",
                line=1,
            )
        )
        return []
    entries: list[RawEntry] = []
    key_lines = document.key_lines if isinstance(document, LineDict) else _NO_LINES
    for key in document:
        if key not in SECTIONS:
            log.add(
                Problem(
                    name,
                    f"unknown section {brief(key)}; expected 'labs', 'models' or 'events'",
                    line=key_lines.get(key) if isinstance(key, str) else None,
                )
            )
    for section in SECTIONS:
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            log.add(
                Problem(
                    name,
                    f"'{section}' must be a list of entries, got {type(items).__name__}",
                    line=key_lines.get(section),
                )
            )
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                line = key_lines.get(section)
                if log.wants(name, line):
                    log.add(
                        Problem(
                            name,
                            f"entry #{index + 1} of '{section}' must be a mapping of fields, "
                            f"got {type(item).__name__}",
                            line=line,
                        )
                    )
                else:
                    log.count()
                continue
            if isinstance(item, LineDict):
                entry = RawEntry(section, index, item, name, item.line, item.key_lines)
                for key, dup_line in item.duplicate_keys:
                    log.add(
                        Problem(
                            name,
                            "the field is given twice in this entry",
                            entry=entry.label,
                            field=key[:80],
                            line=dup_line,
                        ),
                        entry,
                    )
            else:
                entry = RawEntry(section, index, item, name, None, _NO_LINES)
            entries.append(entry)
    return entries

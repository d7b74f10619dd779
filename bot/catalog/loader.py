"""Reading import files (YAML or JSON) into raw entries that remember their file and line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.domain.errors import Problem

SECTIONS = ("labs", "models", "events")
SUFFIXES = (".yaml", ".yml", ".json")

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
            return f"{noun} '{slug}'"
        title = self.data.get("title") if isinstance(self.data, dict) else None
        if isinstance(title, str) and title:
            return f"{noun} '{title[:60]}'"
        return f"{noun} #{self.index + 1}"


@dataclass(slots=True)
class Loaded:
    entries: list[RawEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files named, and the YAML/JSON files inside folders named, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not found:
                problems.append(Problem(str(path), "the folder holds no .yaml, .yml or .json file"))
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                problems.append(
                    Problem(str(path), "unsupported file type; expected .yaml, .yml or .json")
                )
            else:
                files.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return files, problems


def load_paths(paths: Iterable[str | Path]) -> Loaded:
    files, problems = expand_paths(paths)
    loaded = Loaded(problems=problems)
    for path in files:
        loaded.files.append(str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            loaded.problems.append(Problem(str(path), f"cannot be read: {exc}"))
            continue
        entries, file_problems = load_text(text, str(path))
        loaded.entries.extend(entries)
        loaded.problems.extend(file_problems)
    return loaded


def load_text(text: str, name: str) -> tuple[list[RawEntry], list[Problem]]:
    """Parse one file's text (JSON when its name ends in .json, else YAML)."""
    if name.lower().endswith(".json"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [
                Problem(name, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
            ]
        return split_document(document, name)
    try:
        document = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot be parsed"
        return [], [
            Problem(
                name,
                f"invalid YAML: {problem}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        ]
    except yaml.YAMLError as exc:
        return [], [Problem(name, f"invalid YAML: {exc}")]
    return split_document(document, name)


def json_lines(text: str) -> list[LineDict]:
    """Line numbers of a JSON file's entries, found by reading it as YAML (only on errors)."""
    try:
        document = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return []
    found: list[LineDict] = []
    if isinstance(document, dict):
        for section in SECTIONS:
            items = document.get(section)
            if isinstance(items, list):
                found.extend(item for item in items if isinstance(item, LineDict))
    return found


def split_document(document: Any, name: str) -> tuple[list[RawEntry], list[Problem]]:
    """Check the top-level shape and return the entries of each section."""
    if document is None:
        return [], []
    if not isinstance(document, dict):
        return [], [
            Problem(
                name,
                f"the file holds a {type(document).__name__}; expected a mapping with the lists "
                "'labs', 'models' and/or 'events'",
                line=1,
            )
        ]
    problems: list[Problem] = []
    entries: list[RawEntry] = []
    key_lines = document.key_lines if isinstance(document, LineDict) else {}
    for key in document:
        if key not in SECTIONS:
            problems.append(
                Problem(
                    name,
                    f"unknown section {key!r}; expected 'labs', 'models' or 'events'",
                    line=key_lines.get(str(key)),
                )
            )
    for section in SECTIONS:
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(
                    name,
                    f"'{section}' must be a list of entries, got {type(items).__name__}",
                    line=key_lines.get(section),
                )
            )
            continue
        for index, item in enumerate(items):
            line = item.line if isinstance(item, LineDict) else None
            if not isinstance(item, dict):
                problems.append(
                    Problem(
                        name,
                        f"entry #{index + 1} of '{section}' must be a mapping of fields, "
                        f"got {type(item).__name__}",
                        line=line or key_lines.get(section),
                    )
                )
                continue
            entry = RawEntry(
                section=section,
                index=index,
                data=item,
                file=name,
                line=line,
                key_lines=item.key_lines if isinstance(item, LineDict) else {},
            )
            if isinstance(item, LineDict):
                for key, dup_line in item.duplicate_keys:
                    problems.append(
                        Problem(
                            name,
                            "the field is given twice in this entry",
                            entry=entry.label,
                            field=key,
                            line=dup_line,
                        )
                    )
            entries.append(entry)
    return entries, problems

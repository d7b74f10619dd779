"""Turning raw entries into labs, models and events, collecting every problem on the way."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.catalog.loader import RawEntry, json_lines
from bot.domain.errors import Problem
from bot.domain.models import EVENT_KINDS, MODEL_KINDS, Event, Lab, Model

SCHEMAS: dict[str, type[BaseModel]] = {"labs": Lab, "models": Model, "events": Event}

_HINTS: dict[str, str] = {
    "kind": "",  # filled per section below
    "released_as": "one of announced, weights, api, paper, commit",
    "architecture": "dense or moe",
    "input_modalities": "a list of text, image, video, audio",
    "output_modalities": "a list of text, image, video, audio",
    "open_weights": "true or false",
}


@dataclass(slots=True)
class Catalog:
    """Validated entries, in file order, with where each came from."""

    labs: list[Lab] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    origins: dict[tuple[str, str], RawEntry] = field(default_factory=dict)


def _hint(section: str, name: str) -> str:
    if name == "kind":
        kinds = MODEL_KINDS if section == "models" else EVENT_KINDS
        return "one of " + ", ".join(kinds)
    return _HINTS.get(name, "")


def _message(section: str, error: dict[str, Any], schema: type[BaseModel]) -> str:
    kind = error["type"]
    name = str(error["loc"][0]) if error["loc"] else ""
    if kind == "extra_forbidden":
        fields = list(schema.model_fields)
        close = difflib.get_close_matches(name, fields, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown field{hint}; accepted fields: {', '.join(fields)}"
    if kind == "missing":
        return "required field is missing"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if len(error["loc"]) > 1:
        message = f"item {'.'.join(str(part) for part in error['loc'][1:])}: {message}"
    hint = _hint(section, name)
    if hint and kind in {"literal_error", "bool_parsing", "bool_type", "list_type", "enum"}:
        message = f"{message}; expected {hint}"
    if "input" in error and kind not in {"value_error"} and not isinstance(error["input"], dict):
        shown = repr(error["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message = f"{message} (got {shown})"
    return message


def _field_named(message: str, schema: type[BaseModel]) -> str | None:
    """The field a whole-entry check is about: the first word of its message, if a field."""
    words = message.removeprefix("Value error, ").split()
    return words[0] if words and words[0] in schema.model_fields else None


# Fields whose default is an empty list or dict. Pydantic deep-copies such a default for
# every entity that leaves the field out (a third of the time of validating 100k models);
# handing it a fresh empty one instead gives the same entity (and the same dump, which
# leaves defaults out) without the copy.
_EMPTY_DEFAULTS: dict[str, tuple[tuple[str, type[list[Any]] | type[dict[str, Any]]], ...]] = {
    section: tuple(
        (name, type(info.default))
        for name, info in schema.model_fields.items()
        if isinstance(info.default, list | dict) and not info.default
    )
    for section, schema in SCHEMAS.items()
}


def _with_empty_defaults(data: Any, section: str) -> Any:
    """`data` with a new empty list/dict for each such field it leaves out (a copy; the
    entry as read is left alone for error messages and reference checks)."""
    if not isinstance(data, dict):
        return data
    missing = [(name, kind) for name, kind in _EMPTY_DEFAULTS[section] if name not in data]
    if not missing:
        return data
    filled = dict(data)
    for name, kind in missing:
        filled[name] = kind()
    return filled


def validate_entries(
    entries: list[RawEntry],
    *,
    known_labs: set[str] | None = None,
    known_models: set[str] | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Validate every entry and every reference between them; return all problems found."""
    catalog = Catalog()
    problems: list[Problem] = []
    seen: dict[tuple[str, str], RawEntry] = {}
    for entry in entries:
        schema = SCHEMAS[entry.section]
        try:
            item = schema.model_validate(_with_empty_defaults(entry.data, entry.section))
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                name = str(loc[0]) if loc else _field_named(str(error["msg"]), schema)
                problems.append(
                    Problem(
                        entry.file,
                        _message(entry.section, dict(error), schema),
                        entry=entry.label,
                        field=name,
                        line=entry.key_lines.get(name or "", entry.line),
                    )
                )
            continue
        key = (entry.section, item.key if isinstance(item, Event) else str(item.slug))  # type: ignore[attr-defined]
        if key in seen:
            first = seen[key]
            where = f"{first.file}:{first.line}" if first.line else first.file
            problems.append(
                Problem(
                    entry.file,
                    f"slug {key[1]!r} is defined twice (first at {where}); "
                    "each slug must be unique",
                    entry=entry.label,
                    field="slug",
                    line=entry.key_lines.get("slug", entry.line),
                )
            )
            continue
        seen[key] = entry
        catalog.origins[key] = entry
        if isinstance(item, Lab):
            catalog.labs.append(item)
        elif isinstance(item, Model):
            catalog.models.append(item)
        elif isinstance(item, Event):
            catalog.events.append(item)
    problems.extend(_check_references(entries, catalog, known_labs or set(), known_models or set()))
    return catalog, problems


def _check_references(
    entries: list[RawEntry], catalog: Catalog, known_labs: set[str], known_models: set[str]
) -> list[Problem]:
    """Check lab, predecessor and event model references, on every entry read (valid or not)."""
    labs = known_labs | {lab.slug for lab in catalog.labs}
    labs |= {str(e.data.get("slug")) for e in entries if e.section == "labs"}
    models = known_models | {model.slug for model in catalog.models}
    models |= {str(e.data.get("slug")) for e in entries if e.section == "models"}
    problems: list[Problem] = []

    def check(entry: RawEntry, field_name: str, value: object, pool: set[str], what: str) -> None:
        if not isinstance(value, str) or not value or value in pool:
            return
        close = difflib.get_close_matches(value, sorted(pool), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else "."
        problems.append(
            Problem(
                entry.file,
                f"unknown {what} {value!r}{hint} It must be the slug of a {what} in the store "
                "or in the files imported",
                entry=entry.label,
                field=field_name,
                line=entry.key_lines.get(field_name, entry.line),
            )
        )

    for entry in entries:
        if entry.section in ("models", "events"):
            check(entry, "lab", entry.data.get("lab"), labs, "lab")
        if entry.section == "models":
            check(entry, "predecessor", entry.data.get("predecessor"), models, "model")
        if entry.section == "events" and isinstance(entry.data.get("models"), list):
            for slug in entry.data["models"]:
                check(entry, "models", slug, models, "model")
    return problems


def locate_json_problems(problems: list[Problem], entries: list[RawEntry]) -> list[Problem]:
    """Add line numbers to problems in JSON files, which the fast JSON parser does not keep."""
    wanted = {p.file for p in problems if p.line is None and p.file.lower().endswith(".json")}
    if not wanted:
        return problems
    by_file: dict[str, list[RawEntry]] = {}
    for entry in entries:
        if entry.file in wanted:
            by_file.setdefault(entry.file, []).append(entry)
    for name, file_entries in by_file.items():
        try:
            located = json_lines(Path(name).read_text(encoding="utf-8"))
        except OSError:
            continue
        for entry, mapping in zip(file_entries, located, strict=False):
            entry.line = mapping.line
            entry.key_lines = mapping.key_lines
    located_problems = []
    for problem in problems:
        if problem.line is None and problem.file in by_file and problem.entry:
            found = next((e for e in by_file[problem.file] if e.label == problem.entry), None)
            if found is not None:
                entry = found
                line = entry.key_lines.get(problem.field or "", entry.line)
                problem = Problem(problem.file, problem.message, problem.entry, problem.field, line)
        located_problems.append(problem)
    return located_problems

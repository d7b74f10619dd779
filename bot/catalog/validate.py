"""Turning raw entries into labs, models and events, collecting every problem on the way."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.catalog.cycles import cycle_problems
from bot.catalog.files import Unreadable, read_text
from bot.catalog.loader import RawEntry, entry_lines
from bot.domain.dates import future_problem
from bot.domain.errors import Problem, ProblemLog, brief
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
        close = difflib.get_close_matches(name, fields, n=1) if len(name) <= 80 else []
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown field{hint}; accepted fields: {', '.join(fields)}"
    if kind == "missing":
        return "required field is missing"
    if kind == "finite_number":
        return (
            f"{_item(error)}NaN and infinity are not accepted (got {brief(error.get('input'))}); "
            "give a finite number, or leave the value out if no source gives it"
        )
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    message = _item(error) + message
    hint = _hint(section, name)
    if hint and kind in {"literal_error", "bool_parsing", "bool_type", "list_type", "enum"}:
        message = f"{message}; expected {hint}"
    if "input" in error and kind not in {"value_error"} and not isinstance(error["input"], dict):
        message = f"{message} (got {brief(error['input'])})"
    return message


def _item(error: dict[str, Any]) -> str:
    """ "item 2: " for an error inside a list or mapping field, else nothing."""
    if len(error["loc"]) <= 1:
        return ""
    return f"item {brief('.'.join(str(part) for part in error['loc'][1:]))[1:-1]}: "


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
    today: dt.date | None = None,
    log: ProblemLog | None = None,
) -> tuple[Catalog, list[Problem]]:
    """Validate every entry and every reference between them; return the problems found.

    Problems go to `log` when given (the importer's, which also holds the loader's), and the
    list returned is what it keeps: the first ones, when there are more. With `today`, dates
    more than FUTURE_MARGIN after it are refused."""
    catalog = Catalog()
    log = log if log is not None else ProblemLog()
    seen: dict[tuple[str, str], RawEntry] = {}
    for entry in entries:
        schema = SCHEMAS[entry.section]
        try:
            item = schema.model_validate(_with_empty_defaults(entry.data, entry.section))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = error["loc"]
                name = str(loc[0]) if loc else _field_named(str(error["msg"]), schema)
                line = entry.key_lines.get(name or "", entry.line)
                if not log.wants(entry.file, line):
                    log.count()
                    continue
                log.add(
                    Problem(
                        entry.file,
                        _message(entry.section, dict(error), schema),
                        entry=entry.label,
                        field=name if name is None or len(name) <= 80 else name[:77] + "...",
                        line=line,
                    ),
                    entry,
                )
            continue
        if today is not None and not isinstance(item, Lab):
            date_field = "released" if isinstance(item, Model) else "date"
            future = future_problem(getattr(item, date_field), today)
            if future is not None:
                log.add(
                    Problem(
                        entry.file,
                        future,
                        entry=entry.label,
                        field=date_field,
                        line=entry.key_lines.get(date_field, entry.line),
                    ),
                    entry,
                )
                continue
        key = (entry.section, item.key if isinstance(item, Event) else str(item.slug))  # type: ignore[attr-defined]
        if key in seen:
            first = seen[key]
            where = f"{first.file}:{first.line}" if first.line else first.file
            log.add(
                Problem(
                    entry.file,
                    f"slug {key[1]!r} is defined twice (first at {where}); "
                    "each slug must be unique",
                    entry=entry.label,
                    field="slug",
                    line=entry.key_lines.get("slug", entry.line),
                ),
                entry,
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
    _check_references(entries, catalog, known_labs or set(), known_models or set(), log)
    predecessors = {model.slug: model.predecessor for model in catalog.models}
    for problem, origin in cycle_problems(catalog, predecessors.get):
        log.add(problem, origin)
    return catalog, log.shown()


class _Suggestions:
    """Close slugs for an unknown reference: difflib over the slugs that share with it the
    shortest prefix leaving at most LIMIT candidates (so a store of 100k models costs a few
    bisections, not 100k comparisons), each value looked up once."""

    LIMIT = 2000

    def __init__(self, pool: set[str]) -> None:
        self.pool = pool
        self.sorted: list[str] | None = None
        self.cache: dict[str, list[str]] = {}

    def __call__(self, value: str) -> list[str]:
        if value in self.cache:
            return self.cache[value]
        if self.sorted is None:
            self.sorted = sorted(self.pool)
        candidates = self.sorted
        for length in range(min(len(value), 8) + 1):
            low = bisect.bisect_left(self.sorted, value[:length])
            high = bisect.bisect_left(self.sorted, value[:length] + "\U0010ffff")
            if high - low <= self.LIMIT:
                candidates = self.sorted[low:high]
                break
        else:
            candidates = []
        close = difflib.get_close_matches(value, candidates, n=3) if len(value) <= 80 else []
        self.cache[value] = close
        return close


def _check_references(
    entries: list[RawEntry],
    catalog: Catalog,
    known_labs: set[str],
    known_models: set[str],
    log: ProblemLog,
) -> None:
    """Check lab, predecessor and event model references, on every entry read (valid or not)."""
    labs = known_labs | {lab.slug for lab in catalog.labs}
    labs |= {
        slug
        for e in entries
        if e.section == "labs"
        for slug in [e.data.get("slug")]
        if isinstance(slug, str)
    }
    models = known_models | {model.slug for model in catalog.models}
    models |= {
        slug
        for e in entries
        if e.section == "models"
        for slug in [e.data.get("slug")]
        if isinstance(slug, str)
    }
    suggest = {"lab": _Suggestions(labs), "model": _Suggestions(models)}

    def check(entry: RawEntry, field_name: str, value: object, pool: set[str], what: str) -> None:
        if not isinstance(value, str) or not value or value in pool:
            return
        line = entry.key_lines.get(field_name, entry.line)
        if not log.wants(entry.file, line):
            log.count()
            return
        close = suggest[what](value)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else "."
        log.add(
            Problem(
                entry.file,
                f"unknown {what} {brief(value)}{hint} It must be the slug of a {what} in the "
                "store or in the files imported",
                entry=entry.label,
                field=field_name,
                line=line,
            ),
            entry,
        )

    for entry in entries:
        if entry.section in ("models", "events"):
            check(entry, "lab", entry.data.get("lab"), labs, "lab")
        if entry.section == "models":
            check(entry, "predecessor", entry.data.get("predecessor"), models, "model")
        if entry.section == "events" and isinstance(entry.data.get("models"), list):
            for slug in entry.data["models"]:
                check(entry, "models", slug, models, "model")


def locate_json_problems(log: ProblemLog) -> None:
    """Add line numbers to the problems kept about entries of JSON files, which the fast
    JSON parser does not keep: each file is read again as YAML events, up to the last entry
    needed (so a file of a million bad entries costs only its first ones)."""
    wanted: dict[str, set[tuple[str, int]]] = {}
    for problem, entry in log.kept():
        if (
            problem.line is None
            and isinstance(entry, RawEntry)
            and entry.file.lower().endswith(".json")
        ):
            wanted.setdefault(entry.file, set()).add((entry.section, entry.index))
    lines: dict[tuple[str, str, int], tuple[int, dict[str, int]]] = {}
    for name, keys in wanted.items():
        try:
            text = read_text(Path(name))
        except Unreadable:
            continue
        for (section, index), where in entry_lines(text, keys).items():
            lines[(name, section, index)] = where

    def fix(problem: Problem, entry: Any) -> Problem:
        if problem.line is not None or not isinstance(entry, RawEntry):
            return problem
        where = lines.get((entry.file, entry.section, entry.index))
        if where is None:
            return problem
        line, key_lines = where
        return dataclasses.replace(problem, line=key_lines.get(problem.field or "", line))

    if lines:
        log.update(fix)

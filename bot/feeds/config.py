"""data/feeds.toml: which organisations and authors belong to which lab, and what to ignore."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.domain.errors import ModelRadarError

FILE_NAME = "feeds.toml"


class FeedsConfigError(ModelRadarError):
    """The feeds configuration cannot be used; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One ignore rule: a pattern on the name (or on one tag) and why it is not a release."""

    kind: str  # "word", "name" or "tag"
    pattern: re.Pattern[str]
    why: str

    def matches(self, name: str, tags: Sequence[str] = ()) -> bool:
        if self.kind == "tag":
            return any(self.pattern.fullmatch(tag) for tag in tags)
        return self.pattern.search(name) is not None


def ignored_by(rules: Sequence[Rule], name: str, tags: Sequence[str] = ()) -> str | None:
    """Why a name (with its tags) is not a release, or None when it may be one."""
    for rule in rules:
        if rule.matches(name, tags):
            return rule.why
    return None


@dataclass(frozen=True, slots=True)
class HuggingFaceConfig:
    organisations: dict[str, str] = field(default_factory=dict)  # organisation -> lab slug
    only: dict[str, re.Pattern[str]] = field(default_factory=dict)
    ignore: tuple[Rule, ...] = ()
    limit: int = 30

    def ignored(self, organisation: str, name: str, tags: Sequence[str] = ()) -> str | None:
        only = self.only.get(organisation)
        if only is not None and not only.search(name):
            return f"outside the {organisation} repos watched (only: {only.pattern})"
        return ignored_by(self.ignore, name, tags)


@dataclass(frozen=True, slots=True)
class OpenRouterConfig:
    authors: dict[str, str] = field(default_factory=dict)  # author prefix -> lab slug
    ignore: tuple[Rule, ...] = ()

    def ignored(self, model_id: str) -> str | None:
        return ignored_by(self.ignore, model_id)


@dataclass(frozen=True, slots=True)
class FeedsConfig:
    huggingface: HuggingFaceConfig = field(default_factory=HuggingFaceConfig)
    openrouter: OpenRouterConfig = field(default_factory=OpenRouterConfig)
    path: str = FILE_NAME

    def labs(self) -> set[str]:
        return set(self.huggingface.organisations.values()) | set(self.openrouter.authors.values())


def default_path() -> Path:
    from bot.catalog.bundled import data_dir

    return data_dir() / FILE_NAME


def load_config(path: Path | None = None) -> FeedsConfig:
    """Read and check the configuration; raise FeedsConfigError saying what to fix."""
    path = path or default_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedsConfigError(f"{path}: cannot read the feeds configuration ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeedsConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(raw, str(path))


def parse_config(raw: Mapping[str, Any], where: str = FILE_NAME) -> FeedsConfig:
    hf = _table(raw, "huggingface", where)
    orr = _table(raw, "openrouter", where)
    limit = hf.get("limit", 30)
    if not isinstance(limit, int) or not 1 <= limit <= 100:
        raise FeedsConfigError(f"{where}: [huggingface] limit must be a number from 1 to 100")
    return FeedsConfig(
        huggingface=HuggingFaceConfig(
            organisations=_names(hf, "organisations", where, "huggingface"),
            only={
                org: _compile(pattern, f"[huggingface.only] {org}", where)
                for org, pattern in _names(hf, "only", where, "huggingface").items()
            },
            ignore=_rules(_table(hf, "ignore", where), where, "huggingface.ignore"),
            limit=limit,
        ),
        openrouter=OpenRouterConfig(
            authors=_names(orr, "authors", where, "openrouter"),
            ignore=_rules(_table(orr, "ignore", where), where, "openrouter.ignore"),
        ),
        path=where,
    )


def _table(raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise FeedsConfigError(f"{where}: [{key}] must be a table")
    return value


def _names(raw: Mapping[str, Any], key: str, where: str, parent: str) -> dict[str, str]:
    table = _table(raw, key, where)
    for name, value in table.items():
        if not isinstance(value, str) or not value:
            raise FeedsConfigError(
                f'{where}: [{parent}.{key}] {name} must be text, for example {name} = "deepseek"'
            )
    return dict(table)


def _compile(pattern: str, label: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise FeedsConfigError(
            f"{where}: {label}: bad regular expression {pattern!r}: {exc}"
        ) from exc


def _rules(table: Mapping[str, Any], where: str, label: str) -> tuple[Rule, ...]:
    entries = table.get("rules", [])
    if not isinstance(entries, list):
        raise FeedsConfigError(
            f"{where}: [{label}] rules must be a list of {{ word/name/tag, why }}"
        )
    rules = []
    for number, entry in enumerate(entries, start=1):
        here = f"[{label}] rule {number}"
        if not isinstance(entry, dict):
            raise FeedsConfigError(f"{where}: {here} must be {{ word = ..., why = ... }}")
        kinds = [kind for kind in ("word", "name", "tag") if kind in entry]
        unknown = set(entry) - {"word", "name", "tag", "why"}
        if len(kinds) != 1 or unknown or not isinstance(entry.get("why"), str):
            raise FeedsConfigError(
                f"{where}: {here} needs exactly one of word, name or tag, and a why "
                f'(for example {{ word = "gguf", why = "GGUF quantisation" }})'
            )
        kind = kinds[0]
        pattern = entry[kind]
        if not isinstance(pattern, str) or not pattern:
            raise FeedsConfigError(f"{where}: {here}: {kind} must be non-empty text")
        if kind == "word":
            pattern = rf"(?:^|[-_./])(?:{pattern})(?:$|[-_./])"
        rules.append(Rule(kind, _compile(pattern, here, where), entry["why"]))
    return tuple(rules)

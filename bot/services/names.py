"""Names people type: an in-memory index for autocomplete and resolution.

Autocomplete answers on every keystroke, so it never queries the store: the index is built
once and rebuilt when the store changes (`PRAGMA data_version`, polled by the bot). Matching
ignores case, spaces, dashes and dots, and every word of a name or alias is a starting point,
so "v4pro" finds DeepSeek-V4-Pro and "月之暗面" finds Moonshot AI.
"""

from __future__ import annotations

import bisect
import difflib
from array import array
from dataclasses import dataclass, field
from typing import Literal

from bot.domain.errors import ModelRadarError, NotFound
from bot.domain.gc import freeze_long_lived
from bot.domain.names import normalize, word_starts
from bot.store import Store, catalog, meta

Entity = Literal["model", "lab"]
MAX_CHOICES = 25
MAX_TYPED = 200  # longer text names nothing: resolution reads at most this much


@dataclass(frozen=True, slots=True)
class NameEntry:
    entity: Entity
    slug: str
    name: str
    lab: str | None = None
    family: str | None = None
    released: str = ""


class Ambiguous(ModelRadarError):
    """A name (often a family) that fits several entries; lists them."""

    def __init__(self, text: str, matches: list[NameEntry]) -> None:
        self.text = text
        self.matches = matches
        names = ", ".join(f"`{m.slug}`" for m in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        super().__init__(f"{text!r} matches {len(matches)} models: {names}{more}. Pick one.")


@dataclass
class _Table:
    """One entity's names. `keys` (sorted) and `ids` are parallel: every normalised suffix of
    every name from a word start, and the entry it belongs to. The dicts map a normalised
    name to the entries that have it."""

    keys: list[str] = field(default_factory=list)
    ids: array[int] = field(default_factory=lambda: array("i"))
    exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    strong: dict[str, tuple[int, ...]] = field(default_factory=dict)
    families: dict[str, tuple[int, ...]] = field(default_factory=dict)


def _add(mapping: dict[str, tuple[int, ...]], key: str, index: int) -> None:
    ids = mapping.get(key)
    if ids is None:
        mapping[key] = (index,)
    elif index not in ids:
        mapping[key] = (*ids, index)


class NameIndex:
    """Every lab and model name, alias and slug, sorted for prefix search.

    Memory matters at 100,000 models: equal strings are kept once (a suffix such as
    "instruct" is shared by thousands of names), id lists are tuples and ids an int array.
    Ranking data is computed once here, so a keystroke only looks it up."""

    def __init__(
        self, entries: list[NameEntry], aliases: dict[tuple[Entity, str], list[str]]
    ) -> None:
        self.entries = entries
        self.slugs: dict[Entity, dict[str, int]] = {"model": {}, "lab": {}}
        self.tables: dict[Entity, _Table] = {"model": _Table(), "lab": _Table()}
        shared: dict[str, str] = {}

        def keep(text: str) -> str:
            return shared.setdefault(text, text)

        # Per entry: its normalised name (for "starts with what was typed") and its rank by
        # (newest first, then name); equal (date, name) pairs share a rank.
        self._name_norm: list[str] = []
        self._slug_flat: list[str | None] = []  # the slug without "-" and ".", if not the name
        unsorted: dict[Entity, tuple[list[str], list[int]]] = {"model": ([], []), "lab": ([], [])}
        for index, entry in enumerate(entries):
            self.slugs[entry.entity][entry.slug] = index
            table = self.tables[entry.entity]
            names = [entry.slug, entry.name, *aliases.get((entry.entity, entry.slug), [])]
            name_norm = keep(normalize(entry.name))
            self._name_norm.append(name_norm)
            flat = entry.slug.replace("-", "").replace(".", "")
            self._slug_flat.append(None if flat == name_norm else flat)
            for strong in (entry.slug, entry.name):
                # A slug and a name that normalise alike ("kimi-k2", "Kimi K2") are one entry.
                _add(table.strong, keep(normalize(strong)), index)
            seen: set[str] = set()
            keys, ids = unsorted[entry.entity]
            for name in names:
                norm = normalize(name)
                if norm:
                    _add(table.exact, keep(norm), index)
                for key in word_starts(name):
                    if key not in seen:
                        seen.add(key)
                        keys.append(keep(key))
                        ids.append(index)
            if entry.family:
                family = keep(normalize(entry.family))
                table.families[family] = (*table.families.get(family, ()), index)
        for entity, (keys, ids) in unsorted.items():
            # Sorting positions, not (key, id) tuples: equal keys keep entry order, as a sort
            # of tuples would, without a tuple per key.
            order = sorted(range(len(keys)), key=keys.__getitem__)
            self.tables[entity].keys = [keys[i] for i in order]
            self.tables[entity].ids = array("i", [ids[i] for i in order])
            del order, keys[:], ids[:]
        self._rank = self._ranks(entries)
        self._newest: dict[Entity, list[int]] = {
            entity: sorted(
                (i for i, e in enumerate(entries) if e.entity == entity),
                key=lambda i: (entries[i].released, entries[i].name),
                reverse=entity == "model",
            )
            for entity in ("model", "lab")
        }
        self._newest["lab"].sort(key=lambda i: entries[i].name.casefold())

    @staticmethod
    def _ranks(entries: list[NameEntry]) -> array[int]:
        """Each entry's place in the order (newest first, then name); ties share a place."""
        descs: dict[str, str] = {}
        keys = [
            (descs.get(e.released) or descs.setdefault(e.released, _desc(e.released)), e.name)
            for e in entries
        ]
        ranks = array("i", [0]) * len(entries)
        rank = 0
        previous: tuple[str, str] | None = None
        for i in sorted(range(len(entries)), key=keys.__getitem__):
            if keys[i] != previous:
                rank += 1
                previous = keys[i]
            ranks[i] = rank
        return ranks

    @classmethod
    async def load(cls, store: Store) -> NameIndex:
        entries: list[NameEntry] = []
        shared: dict[str, str] = {}
        keep = shared.setdefault
        lab_rows = await catalog.lab_name_rows(store)
        lab_slug = {row[0]: row[1] for row in lab_rows}
        entries.extend(NameEntry("lab", row[1], row[2]) for row in lab_rows)
        model_rows = await catalog.model_name_rows(store)
        entries.extend(
            NameEntry(
                "model",
                row[0],
                row[1],
                lab_slug.get(row[2]),
                None if row[3] is None else keep(row[3], row[3]),
                keep(row[4], row[4]),
            )
            for row in model_rows
        )
        del model_rows
        alias_rows = await catalog.alias_rows(store)
        aliases: dict[tuple[Entity, str], list[str]] = {}
        for entity, slug, alias in alias_rows:
            if slug is not None:
                aliases.setdefault((entity, slug), []).append(alias)
        del alias_rows
        await catalog.release_reader_memory(store)
        index = cls(entries, aliases)
        freeze_long_lived()  # the index lives until the catalog changes
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entity: Entity, slug: str) -> NameEntry | None:
        index = self.slugs[entity].get(slug)
        return None if index is None else self.entries[index]

    def matches(self, text: str, entity: Entity, limit: int = MAX_CHOICES) -> list[NameEntry]:
        """Entries whose name, slug or alias (from any word on) starts with `text`.

        Exact names first, then prefix matches from the start of a name, then from a later
        word; within each, newer models first. An empty text gives the newest models (or the
        labs in alphabetical order)."""
        norm = normalize(text)
        table = self.tables[entity]
        if not norm:
            return [self.entries[i] for i in self._newest[entity][:limit]]
        found: dict[int, int] = dict.fromkeys(table.exact.get(norm, ()), 0)
        keys = table.keys
        position = bisect.bisect_left(keys, norm)
        # Keys starting with `norm` are contiguous; find where they end without a loop.
        end = bisect.bisect_left(keys, norm + "\U0010ffff", position)
        while end < len(keys) and keys[end].startswith(norm):
            end += 1
        # At least limit * 40 + 1 keys are read, then more only until limit * 8 entries are
        # found: a short prefix shared by thousands of names stays cheap.
        first = min(end, position + limit * 40 + 1)
        later = dict.fromkeys(table.ids[position:first], 1)
        for index in found:
            later.pop(index, None)
        found.update(later)
        position = first
        ids = table.ids
        while position < end and len(found) < limit * 8:
            found.setdefault(ids[position], 1)
            position += 1
        # Rank (exact first; then names or slugs that start with the text; then newest, then
        # name) as one int per candidate, computed in one pass: no key function per entry.
        name_norm = self._name_norm
        slug_flat = self._slug_flat
        rank = self._rank
        span = len(self.entries) + 1
        candidates = list(found)
        scores = [
            (
                exact * 2
                + (
                    0
                    if name_norm[i].startswith(norm)
                    or ((flat := slug_flat[i]) is not None and flat.startswith(norm))
                    else 1
                )
            )
            * span
            + rank[i]
            for i, exact in found.items()
        ]
        best = sorted(range(len(candidates)), key=scores.__getitem__)[:limit]
        entries = self.entries
        return [entries[candidates[n]] for n in best]

    def complete(
        self, text: str, entity: Entity, limit: int = MAX_CHOICES
    ) -> list[tuple[str, str]]:
        """Autocomplete choices as (label, value) pairs, at most 25, labels within 100 chars."""
        choices = []
        for entry in self.matches(text[:100], entity, limit):
            label = entry.name
            if entity == "model" and entry.released:
                label = f"{entry.name} ({entry.released[:7].replace('-00', '')})"
            choices.append((label[:100], entry.slug))
        return choices

    def resolve(self, text: str, entity: Entity) -> NameEntry:
        """The one entry `text` names; NotFound with suggestions, or Ambiguous for a family."""
        text = text[:MAX_TYPED]
        norm = normalize(text)
        table = self.tables[entity]
        if not norm:
            raise NotFound(entity, text)
        by_slug = self.slugs[entity].get(text.strip().lower())
        if by_slug is not None:
            return self.entries[by_slug]
        strong = table.strong.get(norm, ())
        if len(strong) == 1:
            return self.entries[strong[0]]
        # An exact name or alias of one entry wins over a family of the same name
        # ("DeepSeek V4" is V4-Pro's alias even though V4-Flash is of the family DeepSeek V4).
        exact = table.exact.get(norm, ())
        if len(exact) == 1:
            return self.entries[exact[0]]
        family = table.families.get(norm, ())
        if len(family) > 1:
            raise Ambiguous(
                text, sorted((self.entries[i] for i in family), key=lambda e: e.released)
            )
        if len(exact) > 1:
            raise Ambiguous(text, [self.entries[i] for i in exact])
        if len(family) == 1:
            return self.entries[family[0]]
        prefixed = self.matches(text, entity, limit=MAX_CHOICES)
        if len(prefixed) == 1:
            return prefixed[0]
        if entity == "model" and 1 < len(prefixed) <= 10 and len(norm) >= 3:
            raise Ambiguous(text, prefixed)
        raise NotFound(entity, text[:100], self.suggest(text, entity))

    def suggest(self, text: str, entity: Entity, n: int = 3) -> list[str]:
        """Up to `n` close names for a name that matched nothing."""
        norm = normalize(text)
        table = self.tables[entity]
        close = difflib.get_close_matches(norm, list(table.exact), n=n * 3, cutoff=0.5)
        slugs: list[str] = []
        for key in close:
            for index in table.exact[key]:
                slug = self.entries[index].slug
                if slug not in slugs:
                    slugs.append(slug)
        return slugs[:n]


def _desc(text: str) -> str:
    """Sort key that orders dates newest first."""
    return "".join(chr(0x10FFFF - ord(ch)) if ch.isdigit() else ch for ch in text)


class LiveNames:
    """The name index of a running bot, rebuilt only when the catalog has changed.

    `PRAGMA data_version` (free) says whether any other connection committed; only then is
    the importer's `catalog_version` read, so the bot's own bookkeeping writes (alerts) do not
    rebuild the index."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.index = NameIndex([], {})
        self._version: int | None = None
        self._catalog: object = None

    async def refresh(self, *, force: bool = False) -> bool:
        """Rebuild if the catalog changed since the last build; True if rebuilt."""
        version = await self.store.data_version()
        if not force and version == self._version:
            return False
        self._version = version
        version_text = await meta.get(self.store, meta.CATALOG_VERSION)
        if not force and version_text == self._catalog:
            return False
        self.index = await NameIndex.load(self.store)
        self._catalog = version_text
        return True

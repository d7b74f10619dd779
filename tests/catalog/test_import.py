"""Importing: all or nothing, idempotent, new entries recorded, every problem reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.catalog.importer import import_paths
from bot.domain.errors import ImportFailed
from bot.store import Store

LAB = """
labs:
  - slug: acme
    name: Acme AI
    aliases: [艾克米]
    sources: [https://acme.example/about]
"""


def model_yaml(slug: str, released: str = "2025-01-20", **fields: str) -> str:
    extra = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return (
        f"  - slug: {slug}\n    name: {slug.title()}\n    lab: acme\n"
        f'    released: "{released}"\n    sources: [https://acme.example/{slug}]\n{extra}'
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def snapshot(store: Store) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for table in ("labs", "models", "events", "aliases", "new_entries", "meta"):
        rows += [(table, *row) for row in await store.fetchall(f"SELECT * FROM {table}")]
    return rows


async def test_import_creates_then_leaves_unchanged(empty_store: Store, tmp_path: Path) -> None:
    """A first import creates entries; the same files again change nothing."""
    path = write(
        tmp_path,
        "a.yaml",
        LAB + "models:\n" + model_yaml("acme-1", params_total="1.6T", context="256K"),
    )
    first = await import_paths(empty_store, [path])
    assert (first.labs.created, first.models.created) == (1, 1)
    assert await empty_store.scalar("SELECT context FROM models") == 262_144
    before = await snapshot(empty_store)
    second = await import_paths(empty_store, [path])
    assert (second.labs.unchanged, second.models.unchanged) == (1, 1)
    assert not second.changed
    assert await snapshot(empty_store) == before


async def test_baseline_is_not_announced_but_later_entries_are(
    empty_store: Store, tmp_path: Path
) -> None:
    """The first import is the baseline; a later recent entry is recorded to announce."""
    await import_paths(
        empty_store, [write(tmp_path, "a.yaml", LAB + "models:\n" + model_yaml("a1"))]
    )
    today = dt.date.today().isoformat()
    later = write(tmp_path, "b.yaml", "models:\n" + model_yaml("a2", today) + model_yaml("a3"))
    report = await import_paths(empty_store, [later])
    rows = await empty_store.fetchall("SELECT slug, announce, reason FROM new_entries ORDER BY id")
    assert [tuple(r) for r in rows] == [("a1", 0, "baseline"), ("a2", 1, "new"), ("a3", 0, "old")]
    assert report.announced == ["a2"]


async def test_corrections_update_without_a_new_entry(empty_store: Store, tmp_path: Path) -> None:
    """Changing a known model updates it; it is not recorded as new."""
    await import_paths(
        empty_store, [write(tmp_path, "a.yaml", LAB + "models:\n" + model_yaml("a1"))]
    )
    fixed = write(tmp_path, "b.yaml", "models:\n" + model_yaml("a1", context="128K"))
    report = await import_paths(empty_store, [fixed])
    assert report.models.updated == 1
    assert await empty_store.scalar("SELECT COUNT(*) FROM new_entries") == 1
    assert await empty_store.scalar("SELECT context FROM models WHERE slug = 'a1'") == 131_072


async def test_dry_run_writes_nothing(empty_store: Store, tmp_path: Path) -> None:
    """A dry run reports what would happen and leaves the store as it was."""
    path = write(tmp_path, "a.yaml", LAB + "models:\n" + model_yaml("a1"))
    before = await snapshot(empty_store)
    report = await import_paths(empty_store, [path], dry_run=True)
    assert report.models.created == 1 and report.dry_run
    assert await snapshot(empty_store) == before
    assert await empty_store.scalar("SELECT COUNT(*) FROM models") == 0


async def test_json_is_accepted(empty_store: Store, tmp_path: Path) -> None:
    """JSON files use the same format as YAML."""
    document = {
        "labs": [{"slug": "acme", "name": "Acme", "sources": ["https://a.example"]}],
        "models": [
            {
                "slug": "a1",
                "name": "A1",
                "lab": "acme",
                "released": 2025,
                "params_total": 7_000_000_000,
                "context": "32K",
            }
        ],
    }
    path = write(tmp_path, "a.json", json.dumps(document))
    report = await import_paths(empty_store, [path])
    assert report.models.created == 1
    row = await empty_store.fetchone("SELECT released, released_precision, context FROM models")
    assert row is not None and tuple(row) == ("2025-00-00", "year", 32_768)


async def test_folders_are_imported_recursively(empty_store: Store, tmp_path: Path) -> None:
    """A folder imports every YAML and JSON file inside it."""
    folder = tmp_path / "catalog"
    (folder / "models").mkdir(parents=True)
    write(folder, "labs.yaml", LAB)
    write(folder / "models", "acme.yaml", "models:\n" + model_yaml("a1"))
    report = await import_paths(empty_store, [folder])
    assert report.files == 2 and report.models.created == 1


BAD_CASES = [
    ('released: "2025-13-40"', "released", "month 13 in '2025-13-40' does not exist"),
    ("params_total: 1.6X", "params_total", "unknown unit 'X'"),
    ("context: -5", "context", "must be positive"),
    ("colour: red", "colour", "unknown field"),
    ("lab_typo: acme", "lab_typo", "accepted fields"),
    ("predecessor: nothing-like-it", "predecessor", "unknown model 'nothing-like-it'"),
    ("kind: wizard", "kind", "expected one of base, chat"),
    ("paper: arxiv 2502.11089", "paper", "'arxiv 2502.11089' is not a link; expected a URL"),
    ("predecessor: Not_A_Slug", "predecessor", "'Not_A_Slug' is not a valid slug; use lowercase"),
    ("params_total: 10B\n    params_active: 20B", "params_active", "larger than params_total"),
]


@pytest.mark.parametrize(("line", "field", "fragment"), BAD_CASES)
async def test_bad_values_are_named_and_change_nothing(
    store: Store, tmp_path: Path, line: str, field: str, fragment: str
) -> None:
    """Each invalid value names file, entry, field and line, and nothing is written."""
    text = f"models:\n  - slug: bad-one\n    name: Bad\n    lab: deepseek\n    {line}\n"
    if "released" not in line:
        text += '    released: "2025-01"\n'
    path = write(tmp_path, "bad.yaml", text)
    before = await snapshot(store)
    with pytest.raises(ImportFailed) as caught:
        await import_paths(store, [path])
    message = str(caught.value)
    assert f"bad.yaml:5: model 'bad-one': field '{field}'" in message or (
        f"model 'bad-one': field '{field}'" in message and "bad.yaml:" in message
    )
    assert fragment in message
    assert "nothing was written" in message
    assert await snapshot(store) == before


async def test_unknown_lab_suggests_the_close_one(store: Store, tmp_path: Path) -> None:
    """An unknown lab slug is named with the closest known ones."""
    path = write(tmp_path, "bad.yaml", "models:\n" + model_yaml("x1").replace("acme", "deepseak"))
    with pytest.raises(ImportFailed, match=r"unknown lab 'deepseak'; did you mean 'deepseek'"):
        await import_paths(store, [path])


async def test_missing_required_field(store: Store, tmp_path: Path) -> None:
    """A missing required field is named."""
    path = write(
        tmp_path, "bad.yaml", "models:\n  - slug: x1\n    lab: deepseek\n    released: 2025\n"
    )
    with pytest.raises(
        ImportFailed, match=r"bad.yaml:2: model 'x1': field 'name': required field is missing"
    ):
        await import_paths(store, [path])


async def test_every_problem_is_listed_and_nothing_written(store: Store, tmp_path: Path) -> None:
    """One import with several bad entries lists them all; the good ones are not written."""
    good = model_yaml("good-one").replace("acme", "deepseek")
    text = (
        "models:\n"
        + good
        + '  - slug: b1\n    name: B1\n    lab: deepseek\n    released: "2025-02-30"\n'
        + '  - slug: b2\n    name: B2\n    lab: nowhere\n    released: "2025"\n'
    )
    before = await snapshot(store)
    with pytest.raises(ImportFailed) as caught:
        await import_paths(store, [write(tmp_path, "bad.yaml", text)])
    assert len(caught.value.problems) == 2
    assert "day 30" in str(caught.value) and "unknown lab 'nowhere'" in str(caught.value)
    assert await snapshot(store) == before


async def test_slug_defined_twice_across_files(store: Store, tmp_path: Path) -> None:
    """The same slug in two files is refused, naming where it was first defined."""
    one = write(tmp_path, "one.yaml", "models:\n" + model_yaml("twin").replace("acme", "deepseek"))
    two = write(tmp_path, "two.yaml", "models:\n" + model_yaml("twin").replace("acme", "deepseek"))
    with pytest.raises(
        ImportFailed,
        match=r"two.yaml:2: model 'twin': field 'slug': slug 'twin' "
        r"is defined twice \(first at .*one.yaml:2\)",
    ):
        await import_paths(store, [one, two])


async def test_invalid_yaml_names_line_and_column(store: Store, tmp_path: Path) -> None:
    """Broken YAML is reported with its file, line and column."""
    path = write(tmp_path, "broken.yaml", "models:\n  - slug: a\n    name: [unclosed\n")
    with pytest.raises(ImportFailed, match=r"broken.yaml:4:1: invalid YAML"):
        await import_paths(store, [path])


async def test_invalid_json_names_line_and_column(store: Store, tmp_path: Path) -> None:
    """Broken JSON is reported with its file, line and column."""
    path = write(tmp_path, "broken.json", '{"models": [\n  {"slug": "a",}\n]}')
    with pytest.raises(ImportFailed, match=r"broken.json:2:\d+: invalid JSON"):
        await import_paths(store, [path])


async def test_json_problems_get_line_numbers(store: Store, tmp_path: Path) -> None:
    """A bad value in a JSON file is located by line too."""
    entry = {"slug": "j1", "name": "J", "lab": "deepseek", "released": "2025-13"}
    document = json.dumps({"models": [entry]}, indent=1)  # "released" is on line 7
    path = write(tmp_path, "bad.json", document)
    with pytest.raises(ImportFailed, match=r"bad.json:7: model 'j1': field 'released': month 13"):
        await import_paths(store, [path])


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- just a list", "expected a mapping"),
        ("models: 3", "'models' must be a list"),
        ("gadgets: []", "unknown section 'gadgets'"),
        ("models:\n  - 42", "must be a mapping"),
    ],
)
async def test_wrong_shapes_are_explained(
    store: Store, tmp_path: Path, text: str, fragment: str
) -> None:
    """A file of the wrong shape says what shape is expected."""
    with pytest.raises(ImportFailed, match=fragment):
        await import_paths(store, [write(tmp_path, "shape.yaml", text)])


async def test_missing_path_is_reported(store: Store, tmp_path: Path) -> None:
    """A path that does not exist is named."""
    with pytest.raises(ImportFailed, match="no such file or folder"):
        await import_paths(store, [tmp_path / "nope.yaml"])

"""Hostile import input (issue 12): every case ends in a clear problem naming the file, the
entry and the field, exit code 1 and no traceback, in bounded time and memory, with the store
unchanged. The in-process tests check the messages; the subprocess tests run
`python -m bot import` as a user would and check what only the process shows."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.catalog.files import MAX_FILE_BYTES
from bot.catalog.importer import import_paths
from bot.domain.errors import SHOWN_PROBLEMS, ImportFailed
from bot.store import Store
from tests.catalog.test_import import LAB, model_yaml, snapshot, write

LAB_JSON = {"slug": "acme", "name": "Acme AI", "sources": ["https://acme.example/about"]}


def model_json(slug: str, **fields: object) -> dict[str, object]:
    return {
        "slug": slug,
        "name": slug.title(),
        "lab": "acme",
        "released": "2025-01-20",
        "sources": [f"https://acme.example/{slug}"],
        **fields,
    }


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The billion laughs: `levels` lines, each `width` aliases of the line before (9 x 9
    is 9^9 = 387M strings once expanded, from about 500 bytes)."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


async def refused(store: Store, path: Path) -> ImportFailed:
    """Import `path`, expecting ImportFailed and the store unchanged; return the failure."""
    before = await snapshot(store)
    with pytest.raises(ImportFailed) as caught:
        await import_paths(store, [path])
    assert await snapshot(store) == before
    assert "Traceback" not in str(caught.value)
    return caught.value


# -- values: non-finite numbers, sizes, dates, predecessor cycles ------------------------------


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
async def test_non_finite_benchmark_in_json_is_refused(
    store: Store, tmp_path: Path, literal: str
) -> None:
    """NaN and ±inf (1e999 reads as inf) in benchmarks are refused, naming the entry."""
    model = model_json("acme-1", benchmarks={"MMLU": "VALUE"})
    text = json.dumps({"labs": [LAB_JSON], "models": [model]}).replace('"VALUE"', literal)
    failure = await refused(store, write(tmp_path, "nan.json", text))
    message = str(failure)
    assert "nan.json:1: model 'acme-1': field 'benchmarks': item MMLU:" in message
    assert "NaN and infinity are not accepted" in message
    assert "give a finite number" in message


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
@pytest.mark.parametrize("field", ["price_input", "price_output"])
async def test_non_finite_price_in_yaml_is_refused(
    store: Store, tmp_path: Path, value: str, field: str
) -> None:
    """A price of .nan or ±.inf is refused at validation, with its line."""
    path = write(tmp_path, "p.yaml", LAB + "models:\n" + model_yaml("acme-1", **{field: value}))
    failure = await refused(store, path)
    assert f"p.yaml:13: model 'acme-1': field '{field}': NaN and infinity" in str(failure)


@pytest.mark.parametrize(
    ("field", "value", "bound"),
    [
        ("params_total", "101T", "100T parameters"),
        ("params_total", "1000000000000000000000", "100T parameters"),
        ("params_active", "1.0e+30", "100T parameters"),
        ("context", "101M", "100M tokens"),
        ("max_output", "9223372036854775808", "100M tokens"),
        ("context", "99999999999999999999999999999999999999", "100M tokens"),
    ],
)
async def test_implausible_sizes_are_refused_with_the_bound(
    store: Store, tmp_path: Path, field: str, value: str, bound: str
) -> None:
    """Sizes above 100T parameters or 100M tokens are refused, saying the bound; none of
    them (above 2^63 included) reaches the writer."""
    path = write(tmp_path, "s.yaml", LAB + "models:\n" + model_yaml("acme-1", **{field: value}))
    message = str(await refused(store, path))
    assert f"model 'acme-1': field '{field}':" in message
    assert f"is more than {bound}" in message
    assert "the most accepted" in message


async def test_the_bounds_themselves_are_accepted(empty_store: Store, tmp_path: Path) -> None:
    """100T parameters and 100M tokens are still accepted."""
    extra = {"params_total": "100T", "context": "100M", "max_output": "104857600"}
    path = write(tmp_path, "ok.yaml", LAB + "models:\n" + model_yaml("acme-1", **extra))
    report = await import_paths(empty_store, [path])
    assert report.models.created == 1
    assert await empty_store.scalar("SELECT context FROM models") == 104_857_600


async def test_dates_in_the_future_are_refused(store: Store, tmp_path: Path) -> None:
    """A release in 2999, or a week ahead, is refused; two days ahead (time zones) is not."""
    today = store.clock().date()
    week = (today + dt.timedelta(days=7)).isoformat()
    path = write(
        tmp_path,
        "f.yaml",
        LAB
        + "models:\n"
        + model_yaml("acme-1", "2999-01-01")
        + model_yaml("acme-2", week)
        + "events:\n"
        + f'  - {{date: "{week}", lab: acme, kind: talk, title: Keynote}}\n',
    )
    message = str(await refused(store, path))
    assert "model 'acme-1': field 'released': 2999-01-01 is in the future" in message
    assert f"model 'acme-2': field 'released': {week} is in the future" in message
    assert f"event 'Keynote': field 'date': {week} is in the future" in message
    assert f"today is {today.isoformat()}" in message


async def test_a_date_two_days_ahead_is_accepted(empty_store: Store, tmp_path: Path) -> None:
    """Two days ahead is today somewhere; this month is accepted whatever the day."""
    ahead = (empty_store.clock().date() + dt.timedelta(days=2)).isoformat()
    month = empty_store.clock().date().isoformat()[:7]
    path = write(
        tmp_path,
        "ok.yaml",
        LAB + "models:\n" + model_yaml("acme-1", ahead) + model_yaml("acme-2", month),
    )
    assert (await import_paths(empty_store, [path])).models.created == 2


async def test_predecessor_cycles_are_refused_naming_the_cycle(
    store: Store, tmp_path: Path
) -> None:
    """a -> b -> a and a -> b -> c -> a are refused, each cycle named once."""
    path = write(
        tmp_path,
        "c.yaml",
        LAB
        + "models:\n"
        + model_yaml("acme-a", predecessor="acme-b")
        + model_yaml("acme-b", predecessor="acme-a")
        + model_yaml("acme-x", predecessor="acme-z")
        + model_yaml("acme-y", predecessor="acme-x")
        + model_yaml("acme-z", predecessor="acme-y")
        + model_yaml("acme-w", predecessor="acme-x"),
    )
    failure = await refused(store, path)
    assert failure.total == 2
    message = str(failure)
    assert "model 'acme-a': field 'predecessor': the predecessors form a cycle: " in message
    assert "acme-a -> acme-b -> acme-a" in message
    assert "acme-x -> acme-z -> acme-y -> acme-x" in message


async def test_a_cycle_through_stored_models_is_refused(empty_store: Store, tmp_path: Path) -> None:
    """A cycle closed through models already in the store is refused too, and the
    transaction rolled back."""
    first = LAB + "models:\n" + model_yaml("acme-a") + model_yaml("acme-b", predecessor="acme-a")
    await import_paths(empty_store, [write(tmp_path, "one.yaml", first)])
    second = "models:\n" + model_yaml("acme-a", predecessor="acme-b")
    failure = await refused(empty_store, write(tmp_path, "two.yaml", second))
    assert "two.yaml:7: model 'acme-a': field 'predecessor'" in str(failure)
    assert "acme-a -> acme-b -> acme-a" in str(failure)


# -- files: anchors, nesting, BOM, non-regular and huge files ----------------------------------

ANCHOR_MESSAGE = (
    "YAML anchors and aliases (&name, *name) are not accepted in catalog files; "
    "write the values out"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (LAB + "models:\n" + model_yaml("acme-1", techniques="&t [MoE]"), 13),
        (LAB + "models:\n  - &m\n    slug: acme-1\n", 8),
        ("labs:\n  - {slug: acme, name: &n Acme}\n", 2),
        ("labs: [&l {slug: acme, name: Acme}]\n", 1),
        ("labs: [{slug: acme, name: Acme}, *l]\n", 1),
        ('{"labs":[{"slug":"acme","name":*n}]}\n', 1),
        ("--- &doc\nlabs: []\n", 1),
        ("&top\nlabs: []\n", 1),
        ("labs:\n- !!map &tagged {slug: acme, name: Acme}\n", 2),
        ("labs:\n  - {slug: acme, name:\t&tab Acme}\n", 2),
        ("labs:\t&tab\n  - {slug: acme, name: Acme}\n", 1),
        ("? &k labs\n: []\n", 1),
        ("\ufeff&bom\nlabs: []\n", 1),
        ("labs: [{slug: acme, name: Acme}]\nmodels: *l\n", 2),
    ],
)
async def test_anchors_and_aliases_are_refused_wherever_they_are(
    store: Store, tmp_path: Path, text: str, line: int
) -> None:
    """An anchor or an alias anywhere (block, flow, after a tag, a tab, a BOM, as a key)
    is refused with its line, before anything is built."""
    failure = await refused(store, write(tmp_path, "a.yaml", text))
    assert f"a.yaml:{line}: {ANCHOR_MESSAGE}" in str(failure)


async def test_ampersands_and_stars_in_text_are_fine(empty_store: Store, tmp_path: Path) -> None:
    """'&' and '*' inside values are not anchors: "R&D", "Q & A", "**bold**", "*"."""
    notes = '"R&D, Q & A, **bold**, *, & and *x in quotes"'
    path = write(
        tmp_path,
        "ok.yaml",
        LAB + "models:\n" + model_yaml("acme-1", notes=notes, license="A&B*"),
    )
    assert (await import_paths(empty_store, [path])).models.created == 1


async def test_alias_bomb_is_refused_in_process(store: Store, tmp_path: Path) -> None:
    """The billion laughs, also as a mapping key and inside an entry, is refused at once."""
    for text in (
        alias_bomb(),
        alias_bomb() + "labs:\n  - {? *a8 : x}\n",
        alias_bomb() + "models:\n  - {slug: x, benchmarks: *a8}\n",
    ):
        failure = await refused(store, write(tmp_path, "bomb.yaml", text))
        assert f"bomb.yaml:1: {ANCHOR_MESSAGE}" in str(failure)


@pytest.mark.parametrize("depth", [50, 400, 990, 5000, 100_000])
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("where", ["benchmarks", "slug", "document"])
async def test_deep_nesting_ends_in_a_problem(
    store: Store, tmp_path: Path, depth: int, suffix: str, where: str
) -> None:
    """Nesting of any depth, in a field, a slug or the whole document, ends in a problem
    naming the file (no RecursionError)."""
    deep = "[" * depth + "]" * depth
    if where == "document":
        text = deep
    else:
        entry = json.dumps(model_json("acme-1"))[:-1] + f', "{where}": {deep}}}'
        text = '{"labs": [' + json.dumps(LAB_JSON) + '], "models": [' + entry + "]}"
    failure = await refused(store, write(tmp_path, "deep" + suffix, text))
    assert f"deep{suffix}" in str(failure)
    assert len(str(failure)) < 2000


async def test_a_bom_is_accepted_in_json_and_yaml(empty_store: Store, tmp_path: Path) -> None:
    """A UTF-8 byte order mark at the start of a JSON or YAML file is read past."""
    data = json.dumps({"labs": [LAB_JSON], "models": [model_json("acme-1")]})
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + data.encode())
    yaml_text = "models:\n" + model_yaml("acme-2")
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + yaml_text.encode())
    report = await import_paths(empty_store, [tmp_path / "bom.json", tmp_path / "bom.yaml"])
    assert report.models.created == 2


async def test_a_link_to_dev_zero_is_not_read(store: Store, tmp_path: Path) -> None:
    """A link to /dev/zero (or any device) is named as such, not "no such file", and never
    read."""
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    message = str(await refused(store, link))
    assert "zero.yaml: is a character device (a link to /dev/zero), not a file" in message
    assert "no such file" not in message


async def test_a_named_pipe_is_not_opened_for_ever(store: Store, tmp_path: Path) -> None:
    """A named pipe is refused without waiting for a writer."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert "pipe.json: is a named pipe, not a file" in str(await refused(store, fifo))


async def test_a_dangling_link_says_where_it_points(store: Store, tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")
    assert "missing.yaml, which does not exist" in str(await refused(store, link))


async def test_a_file_over_the_size_limit_is_refused(store: Store, tmp_path: Path) -> None:
    """A file over 50 MB is refused before it is read, saying how to split it."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, nothing to write
    message = str(await refused(store, big))
    assert "big.yaml: is 52,428,801 bytes, more than the 50 MB a catalog file may be" in message
    assert "split it into several files" in message


async def test_a_file_that_is_not_utf8_says_so(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("labs: [{slug: acme, name: Acmé}]\n".encode("latin-1"))
    assert "latin.yaml: is not UTF-8 text (byte 30 cannot be read)" in str(
        await refused(store, path)
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("labs: [{slug: " + "9" * 5000 + ", name: x}]\n", "more than 4,300 digits"),
        ('{"labs": [{"slug": ' + "9" * 5000 + "}]}", "more than 4,300 digits"),
        ("labs: !!set {[a]: null}\n", "invalid YAML"),
        (
            "models: [{slug: m, name: M, lab: deepseek, released: !!timestamp 2025-13-45}]\n",
            "field 'released': month 13",
        ),
        ("labs: [{!!binary aGVsbG8=: x, slug: acme, name: x}]\n", "Keys should be strings"),
        ("labs: [{slug: acme, name: x, [a, b]: c}]\n", "unknown field"),
    ],
)
async def test_values_the_parser_cannot_build_are_problems(
    store: Store, tmp_path: Path, text: str, fragment: str
) -> None:
    """Huge integers, unhashable set members, odd tags: a problem, never a traceback."""
    suffix = ".json" if text.startswith("{") else ".yaml"
    failure = await refused(store, write(tmp_path, "odd" + suffix, text))
    assert fragment in str(failure)


async def test_long_values_are_shortened_in_messages(store: Store, tmp_path: Path) -> None:
    """A 1 MB value is shown in a few dozen characters, wherever it is wrong."""
    huge = "x" * 1_000_000
    text = json.dumps(
        {
            "labs": [LAB_JSON],
            "models": [
                model_json("acme-1", params_total=huge, released=huge, predecessor=huge),
                {"slug": huge, "name": "y", huge: 1},
            ],
            huge: [],
        }
    )
    message = str(await refused(store, write(tmp_path, "long.json", text)))
    assert len(message) < 5000


# -- many problems -----------------------------------------------------------------------------


async def test_only_the_first_problems_are_listed_then_a_count(
    store: Store, tmp_path: Path
) -> None:
    """Thousands of problems list the first 100 by line, then "and N more problems"."""
    entries = "".join(model_yaml(f"acme-{n}", "2025-13") for n in range(1500))
    failure = await refused(store, write(tmp_path, "many.yaml", LAB + "models:\n" + entries))
    assert failure.total == 1500
    assert len(failure.problems) == SHOWN_PROBLEMS
    lines = str(failure).splitlines()
    assert lines[0] == "Import failed with 1,500 problems; nothing was written."
    assert lines[1].startswith("  ") and "many.yaml:11: model 'acme-0'" in lines[1]
    assert lines[-1] == "  and 1,400 more problems"
    shown = [int(line.split(":")[1]) for line in lines[1:-1]]
    assert shown == sorted(shown)


async def test_the_first_problems_are_kept_across_files_and_kinds(
    store: Store, tmp_path: Path
) -> None:
    """The problems shown are the first by file and line, whatever found them first (a
    reference problem in the first file comes before a field problem in the second)."""
    one = write(tmp_path, "1.yaml", "models:\n" + model_yaml("acme-x").replace("acme\n", "nope\n"))
    many = "".join(model_yaml(f"acme-{n}", "2025-13") for n in range(300))
    two = write(tmp_path, "2.yaml", LAB + "models:\n" + many)
    with pytest.raises(ImportFailed) as caught:
        await import_paths(store, [one, two])
    assert caught.value.total == 301
    assert "1.yaml:4: model 'acme-x': field 'lab': unknown lab 'nope'" in str(
        caught.value.problems[0]
    )


async def test_json_problems_get_lines_without_reading_the_whole_file(
    store: Store, tmp_path: Path
) -> None:
    """The lines of the problems shown for a large JSON file are found, and right."""
    models = [model_json(f"acme-{n}", released="2025-13" if n % 2 else "2025") for n in range(5000)]
    path = write(tmp_path, "big.json", json.dumps({"labs": [LAB_JSON], "models": models}, indent=1))
    failure = await refused(store, path)
    assert failure.total == 2500
    lines = path.read_text().splitlines()
    for problem in failure.problems:
        assert problem.line is not None
        assert '"released": "2025-13"' in lines[problem.line - 1]


# -- the process: exit code, stderr, time, memory ----------------------------------------------


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float


def _cap_memory() -> None:
    """In the child: at most 1 GiB of address space, so a regression fails, not the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_import(tmp_path: Path, *paths: Path, timeout: float = 30) -> Finished:
    """`python -m bot import PATHS` on a temporary store: its exit code, output and peak
    memory (os.wait4 gives that child's own usage), killed after `timeout` seconds."""
    db = tmp_path / "store.db"
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = {**os.environ, "MODELRADAR_SYNC_BUNDLED_CATALOG": "false"}
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "bot", "--database", str(db), "import", *map(str, paths)],
            stdout=stdout,
            stderr=stderr,
            env=env,
            cwd=tmp_path,
            preexec_fn=_cap_memory,
        )
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                pytest.fail(f"`import {paths}` still ran after {timeout} s")
            time.sleep(0.05)
    child.returncode = os.waitstatus_to_exitcode(status)
    return Finished(
        child.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        usage.ru_maxrss / 1024,
    )


def assert_refused(result: Finished, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_alias_bombs_end_at_once_in_little_memory(tmp_path: Path) -> None:
    """The 509-byte bomb took 45 s and 3 GB; as a mapping key it aborted at 4 GB. Now both
    are refused in well under a second of work and without growing the process."""
    bomb = write(tmp_path, "bomb.yaml", alias_bomb())
    assert len(bomb.read_bytes()) < 520
    result = run_import(tmp_path, bomb, timeout=20)
    assert_refused(result, f"bomb.yaml:1: {ANCHOR_MESSAGE}")
    assert result.max_rss_mb < 500
    key = write(tmp_path, "key.yaml", alias_bomb(8) + "labs:\n  - {? *a7 : 1}\n")
    result = run_import(tmp_path, key, timeout=20)
    assert_refused(result, f"key.yaml:1: {ANCHOR_MESSAGE}")
    assert result.max_rss_mb < 500


def test_650k_invalid_entries_print_100_problems_in_bounded_memory(tmp_path: Path) -> None:
    """650,000 invalid entries (1.3M problems) printed 203 MB and took 3.3 GB: now 100 lines
    and a count, in a few hundred MB."""
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"labs": [{}] * 650_000}), encoding="utf-8")
    result = run_import(tmp_path, path, timeout=60)
    assert_refused(result, "Import failed with 1,300,000 problems", "and 1,299,900 more problems")
    assert "many.json" in result.stderr
    assert len(result.stderr.splitlines()) == SHOWN_PROBLEMS + 2
    assert result.max_rss_mb < 500


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("deep.json", '{"labs": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ("deep.yaml", "labs: " + "[" * 5000 + "]" * 5000, "invalid YAML"),
        ("deep2.yaml", "labs:\n" + "".join("  " * n + "- \n" for n in range(600)), "deep2.yaml"),
        ("nan.json", '{"labs": [], "models": [{"benchmarks": {"x": NaN}}]}', "NaN and infinity"),
        (
            "huge.json",
            '{"labs":[{"slug":"a","name":"A"}],"models":[{"slug":"m","name":"M","lab":"a",'
            '"released":"2025","params_total":' + "9" * 30 + "}]}",
            "is more than 100T parameters",
        ),
        ("digits.yaml", "labs: [{slug: " + "9" * 5000 + "}]", "more than 4,300 digits"),
        ("future.yaml", "models: [{slug: m, name: M, lab: deepseek, released: '2999'}]", "future"),
    ],
)
def test_bad_files_exit_1_with_a_message_and_no_traceback(
    tmp_path: Path, name: str, text: str, fragment: str
) -> None:
    """Each case as a process: exit code 1, the message on stderr, no traceback."""
    result = run_import(tmp_path, write(tmp_path, name, text))
    assert_refused(result, name, fragment)


def test_a_link_to_dev_zero_exits_1_at_once(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    result = run_import(tmp_path, link, timeout=20)
    assert_refused(result, "zero.json: is a character device (a link to /dev/zero)")

"""The store as the terminal sees it, run as a user would (subprocesses with timeouts): an
unusable file, lookups during a long import, a dry run without a store, backup and restore,
and settings errors that never echo a value."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ADVICE = "Move it away or restore a backup (`modelradar backup`)."
TOKEN = "MTI4NzY1NDMyMTA5ODc2NTQzMg.GxYzAb.fake-token-for-tests-Qw3rTy9uIoP4sDfGhJkLzXcVbNm"


def run(
    args: list[str], db: Path | None, *, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k != "DISCORD_TOKEN" and not k.startswith("MODELRADAR_")
    }
    environment["MODELRADAR_FEEDS_ENABLED"] = "false"
    if db is not None:
        environment["MODELRADAR_DATABASE_PATH"] = str(db)
    environment.update(env or {})
    cwd = db.parent if db is not None and db.parent.is_dir() else Path.cwd()
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        cwd=cwd,
    )


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("labs", "models", "events")
        }
    finally:
        conn.close()


# ---- 1. an unusable store --------------------------------------------------------------------


def _make(kind: str, path: Path, seeded: Path) -> None:
    if kind == "random":
        path.write_bytes(os.urandom(20_000))
    elif kind == "truncated":
        path.write_bytes(seeded.read_bytes()[: seeded.stat().st_size // 3])
    elif kind == "directory":
        path.mkdir()
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.commit()
        conn.close()


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    mine = tmp_path / "mine.yaml"
    mine.write_text("labs: []\n", encoding="utf-8")
    return {
        "about": ["about"],
        "compare": ["compare", "deepseek-v4-pro", "kimi-k2.6"],
        "model": ["model", "kimi-k2.6", "--json"],
        "lab": ["lab", "deepseek"],
        "search": ["search", "MLA"],
        "top": ["top", "context"],
        "timeline": ["timeline", "--lab", "deepseek"],
        "coincidences": ["coincidences"],
        "import": ["import", str(mine)],
        "import --dry-run": ["import", str(mine), "--dry-run"],
        "subscriptions": ["subscriptions"],
        "watch --once": ["watch", "--once"],
        "backup": ["backup", str(tmp_path / "copy.db")],
    }


def _assert_refused(result: subprocess.CompletedProcess[str], path: Path, reason: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    line = f"{path} is not a Model Radar store ("
    assert result.stderr.startswith(line), result.stderr
    assert reason in result.stderr and ADVICE in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("random", "it is not an SQLite database"),
        ("truncated", "it is truncated"),
        ("directory", "it is a directory"),
        ("other", "another program's tables: invoices"),
    ],
)
def test_every_command_refuses_an_unusable_store(
    tmp_path: Path, seeded_db: Path, kind: str, reason: str
) -> None:
    """Every terminal command: one line naming the path, why, and what to do; exit 1 within
    5 s; no traceback; the file left as it was."""
    path = tmp_path / "store.db"
    _make(kind, path, seeded_db)
    before = path.read_bytes() if path.is_file() else None
    commands = _commands(tmp_path)
    # Every kind with two commands; random bytes with every command.
    names = list(commands) if kind == "random" else ["about", "compare"]
    for name in names:
        started = time.monotonic()
        result = run(commands[name], path, timeout=30)
        assert time.monotonic() - started < 5, name
        _assert_refused(result, path, reason)
        if before is not None:
            assert path.read_bytes() == before, name
    assert not (tmp_path / "copy.db").exists()
    assert not (tmp_path / "store.db-wal").exists()


# ---- 2. lookups never wait for the write lock ---------------------------------------------


def test_compare_answers_while_another_process_holds_the_write_lock(db_path: Path) -> None:
    """With an import's write transaction open in another connection for longer than the busy
    timeout (10 s), `modelradar compare` reads and answers at once: no sync, no lock."""
    run(["about"], db_path)  # the store as the bundled catalog left it
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute(
        "INSERT INTO labs (slug, name, data, added_at, updated_at) "
        "VALUES ('importing', 'Importing', '{}', 'x', 'x')"
    )
    held_since = time.monotonic()
    try:
        result = run(["compare", "deepseek-v4-pro", "kimi-k2.6"], db_path, timeout=60)
        answered = time.monotonic() - held_since
        assert result.returncode == 0, result.stderr
        assert "DeepSeek-V4-Pro" in result.stdout
        assert "locked" not in result.stderr and "Traceback" not in result.stderr
        assert answered < 10
        # Keep the lock past the busy timeout, then ask again: still no waiting.
        time.sleep(max(0.0, 10.5 - (time.monotonic() - held_since)))
        again = run(["model", "kimi-k2.6"], db_path, timeout=60)
        assert again.returncode == 0, again.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# ---- 3. a dry run never creates the store -------------------------------------------------


def test_dry_run_against_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    """`import --dry-run` validates against the bundled catalog in a temporary store, says
    so, and leaves no store (nor its folder) behind; a failing one too."""
    good = tmp_path / "good.yaml"
    good.write_text(
        "models:\n  - slug: my-model\n    name: My Model\n    lab: deepseek\n"
        '    released: "2025-06"\n    sources: [https://example.org/m]\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("models:\n  - slug: bad\n    name: Bad\n    lab: nobody\n", encoding="utf-8")
    store = tmp_path / "new" / "modelradar.db"
    result = run(["import", str(good), "--dry-run"], store)
    assert result.returncode == 0, result.stderr
    assert "models: 1 created" in result.stdout
    assert "does not exist and was not created" in result.stdout
    as_json = run(["import", str(good), "--dry-run", "--json"], store)
    assert json.loads(as_json.stdout)["temporary_store"] is True
    failed = run(["import", str(bad), "--dry-run"], store)
    assert failed.returncode == 1 and "bad.yaml" in failed.stderr
    assert "was not created" in failed.stderr
    assert not store.parent.exists()


# ---- 4. backup and restore ------------------------------------------------------------------


def test_backup_during_an_import_has_the_pre_import_counts_and_restores(
    db_path: Path, tmp_path: Path
) -> None:
    """`modelradar backup` while an import's transaction is open: the copy opens, holds what
    was committed before it, and copying it back (with -wal and -shm removed) restores it."""
    before = counts(db_path)
    copy = tmp_path / "backups" / "radar.db"
    copy.parent.mkdir()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute(
        "INSERT INTO labs (slug, name, data, added_at, updated_at) "
        "VALUES ('mid-import', 'Mid Import', '{}', 'x', 'x')"
    )
    try:
        result = run(["backup", str(copy)], db_path, timeout=60)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert result.returncode == 0, result.stderr
    assert f"to {copy}" in result.stdout
    assert f"{before['models']:,} models" in result.stdout and "MB" in result.stdout
    assert counts(copy) == before
    assert counts(db_path)["labs"] == before["labs"] + 1
    # The copy is a working store.
    assert run(["model", "kimi-k2.6"], copy).returncode == 0

    # Restore: the bot stopped, the store's -wal and -shm removed, the backup copied back.
    for sidecar in ("-wal", "-shm"):
        Path(f"{db_path}{sidecar}").unlink(missing_ok=True)
    shutil.copy(copy, db_path)
    assert counts(db_path) == before
    about = run(["about", "--json"], db_path)
    assert about.returncode == 0, about.stderr
    assert json.loads(about.stdout)["labs"] == before["labs"]


def test_backup_refuses_to_overwrite_unless_forced(db_path: Path, tmp_path: Path) -> None:
    dest = tmp_path / "old-backup.db"
    dest.write_bytes(b"an older backup")
    refused = run(["backup", str(dest)], db_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "exists" in refused.stderr and "--force" in refused.stderr
    assert dest.read_bytes() == b"an older backup"
    forced = run(["backup", str(dest), "--force", "--json"], db_path)
    assert forced.returncode == 0, forced.stderr
    report = json.loads(forced.stdout)
    assert report["check"] == "ok" and report["models"] == counts(db_path)["models"]
    assert report["bytes"] == dest.stat().st_size


def test_backup_of_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = run(["backup", str(tmp_path / "copy.db")], missing)
    assert result.returncode == 1 and "no store at" in result.stderr
    assert not missing.exists() and not (tmp_path / "copy.db").exists()


# ---- 5. settings errors never echo a value ------------------------------------------------


def test_a_token_in_the_wrong_variable_is_never_echoed(tmp_path: Path) -> None:
    """A token pasted into MODELRADAR_DEV_GUILD_ID: the error names the variable and what is
    wrong, and no piece of the token (not even 6 characters) reaches the terminal."""
    result = run(
        ["about"],
        tmp_path / "m.db",
        env={"MODELRADAR_DEV_GUILD_ID": TOKEN, "MODELRADAR_LOG_LEVEL": TOKEN[:40]},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "MODELRADAR_DEV_GUILD_ID" in result.stderr
    assert "MODELRADAR_LOG_LEVEL" in result.stderr
    assert "valid integer" in result.stderr
    output = result.stdout + result.stderr
    pieces = {TOKEN[i : i + 6] for i in range(len(TOKEN) - 5)}
    assert not [piece for piece in pieces if piece in output]
    assert not (tmp_path / "m.db").exists()


def test_a_validator_quoting_its_input_is_withheld() -> None:
    """Even a validator whose message quotes the value (here a prefix of it) shows only the
    variable's name and that its value is invalid."""
    from pydantic import BaseModel, ValidationError, field_validator

    from bot.cli import settings_problems

    class Quoting(BaseModel):
        dev_guild_id: str

        @field_validator("dev_guild_id")
        @classmethod
        def _echo(cls, value: str) -> str:
            raise ValueError(f"not an id: {value[:12]}...")

    with pytest.raises(ValidationError) as caught:
        Quoting(dev_guild_id=TOKEN)
    lines = settings_problems(caught.value)
    assert lines == [
        "  MODELRADAR_DEV_GUILD_ID: invalid value (the message is withheld: it quoted the value)"
    ]


def test_an_import_that_waits_too_long_for_the_lock_says_the_store_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another process holding the write lock past the wait: one line, exit 1, no traceback,
    and the store unchanged."""
    import bot.store.connection as connection
    from bot.cli import main

    db = tmp_path / "busy.db"
    assert main(["--database", str(db), "about"]) == 0
    capsys.readouterr()
    new = tmp_path / "new.yaml"
    new.write_text(
        "labs:\n  - {slug: acme, name: Acme, sources: ['https://acme.example/']}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--database", str(db), "import", str(new)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("modelradar: the store is busy") and "Traceback" not in err
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT COUNT(*) FROM labs WHERE slug = 'acme'").fetchone() == (0,)

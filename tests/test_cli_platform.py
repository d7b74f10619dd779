"""Operators' platform: `--database` before or after the subcommand, the image, the licence."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from bot.cli import build_parser
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]


def test_database_is_accepted_before_or_after_the_subcommand(tmp_path: Path) -> None:
    """`modelradar about --database X` works as `modelradar --database X about` does."""
    db = tmp_path / "given.db"
    after = run(["about", "--json", "--database", str(db)], tmp_path / "other.db")
    assert after.returncode == 0, after.stderr
    assert db.exists() and not (tmp_path / "other.db").exists()
    before = run(["--database", str(db), "about", "--json"], tmp_path / "other.db")
    assert before.returncode == 0, before.stderr
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_every_subcommand_takes_database_and_the_later_one_wins() -> None:
    parser = build_parser()
    assert parser.parse_args(["--database", "a.db", "about"]).database == "a.db"
    assert parser.parse_args(["about", "--database", "b.db"]).database == "b.db"
    assert parser.parse_args(["--database", "a.db", "about", "--database", "b.db"]).database == (
        "b.db"
    )
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in sub.choices.items():  # type: ignore[union-attr]
        assert any("--database" in a.option_strings for a in subparser._actions), name


def test_license_is_mit_as_pyproject_says() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 Model Radar contributors" in text


def test_dockerfile_installs_dependencies_before_the_code_and_checks_health() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"python:3\.11\.\d+-slim", text), "base image not pinned to a patch version"
    runtime = text.split("# ---- run", 1)[1]
    assert runtime.index("pip install -r") < runtime.index("COPY --from=build")
    assert "COPY bot" not in runtime and "COPY data" not in runtime
    assert text.count("COPY data") == 1
    assert "HEALTHCHECK" in runtime and "heartbeat_fresh" in runtime


def test_the_image_has_a_font_for_chinese_charts() -> None:
    """fonts-wqy-microhei provides "WenQuanYi Micro Hei", one of the fonts charts look for."""
    from bot.render.charts import CJK_FONTS

    runtime = (ROOT / "Dockerfile").read_text(encoding="utf-8").split("# ---- run", 1)[1]
    assert "fonts-wqy-microhei" in runtime
    assert "WenQuanYi Micro Hei" in CJK_FONTS

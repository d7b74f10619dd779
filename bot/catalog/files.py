"""Finding and reading import files: folders expanded to their YAML/JSON files, each read as
UTF-8 text only if it is a regular file of a sane size (never a pipe or /dev/zero)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from bot.domain.errors import Problem

SUFFIXES = (".yaml", ".yml", ".json")

# The largest file read: the 100k-model benchmark catalog is about 40 MB of YAML.
MAX_FILE_BYTES = 50 * 1024 * 1024


class Unreadable(Exception):
    """A file that cannot be read as text; the message says why and what to do."""


_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _not_regular(path: Path, mode: int) -> str:
    kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    target = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
    return f"is {kind}{target}, not a file; give a .yaml, .yml or .json file"


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A file's text, UTF-8 with or without a byte order mark. Raise Unreadable for anything
    but a regular file of at most `limit` bytes: a link to /dev/zero or a named pipe would
    otherwise be read forever."""
    try:
        # Non-blocking, so that opening a named pipe does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from exc
    with open(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(_not_regular(path, info.st_mode))
        data = handle.read(limit + 1) if info.st_size <= limit else b""
    if info.st_size > limit or len(data) > limit:
        size = max(info.st_size, len(data))
        raise Unreadable(
            f"is {size:,} bytes, more than the {limit / 2**20:g} MB a catalog file may be; "
            "split it into several files (a folder of them imports as one)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            f"is not UTF-8 text (byte {exc.start + 1:,} cannot be read); save it as UTF-8"
        ) from exc


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
        elif path.exists():
            problems.append(Problem(str(path), _not_regular(path, path.stat().st_mode)))
        elif path.is_symlink():
            problems.append(
                Problem(str(path), f"is a link to {os.readlink(path)}, which does not exist")
            )
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return files, problems

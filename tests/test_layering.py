"""The layers and their direction, over every import of every module in bot/.

    domain  <-  store  <-  catalog  <-  services | feeds  <-  render  <-  exts  <-  app  <-  cli

A module may import its own layer or any layer to its left, never one to its right; services
and feeds are siblings that do not import each other. Imports inside functions count too;
only `if TYPE_CHECKING:` imports (annotations, never run) are left out. No module imports
itself back through others (no circles).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bot

ROOT = Path(bot.__file__).parent
RANK = {
    "domain": 0,
    "config": 0,
    "logs": 0,
    "__version__": 0,
    "store": 1,
    "catalog": 2,
    "services": 3,
    "feeds": 3,
    "render": 4,
    "exts": 5,
    "app": 6,
    "cli": 7,
    "__main__": 8,
    "": 8,  # bot/__init__.py: exports create_bot and Settings
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the nodes under `if TYPE_CHECKING:`."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_blocks(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "bot")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "bot":
                found.update(f"bot.{a.name}" for a in node.names)
            elif node.module.startswith("bot."):
                found.add(node.module)
                # `from bot.store import catalog` imports the module bot.store.catalog
                found.update(
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if (ROOT.parent / node.module.replace(".", "/") / f"{a.name}.py").exists()
                )
    return found


GRAPH = {_module(p): _imports(p) for p in sorted(ROOT.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    assert {_layer(m) for m in GRAPH} <= set(RANK), "add the new package to RANK and the docs"


def test_no_layer_imports_one_to_its_right() -> None:
    wrong = []
    for module, imported in GRAPH.items():
        for target in imported:
            here, there = _layer(module), _layer(target)
            if here == there:
                continue
            if RANK[there] > RANK[here] or (RANK[there] == RANK[here] and there != here):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_import_circles() -> None:
    known = set(GRAPH)
    edges = {m: {t for t in ts if t in known and t != m} for m, ts in GRAPH.items()}
    # A package's __init__ importing its own submodules is how packages export: not a circle.
    for module in edges:
        edges[module] = {t for t in edges[module] if not t.startswith(module + ".")}
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    assert circles == []


def test_no_sql_outside_the_store() -> None:
    """Every SQL statement lives in bot/store/: no other module executes or spells one."""
    sql = re.compile(
        r"\.(execute|executemany|executescript|fetchall|fetchone|scalar)\(|"
        r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM) "
    )
    found = [
        f"{path.relative_to(ROOT.parent)}:{n}"
        for path in sorted(ROOT.rglob("*.py"))
        if path.relative_to(ROOT).parts[0] != "store"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if sql.search(line)
    ]
    assert found == []


def test_no_module_is_over_350_lines() -> None:
    """Small modules: one past 350 lines is split by what it does."""
    long = {
        str(path.relative_to(ROOT.parent)): count
        for path in ROOT.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 350
    }
    assert long == {}

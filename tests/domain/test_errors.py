"""The problem log (the first problems kept, all counted), the failure's wording, and short
reprs of hostile values for messages."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import ImportFailed, Problem, ProblemLog, brief


def test_the_log_keeps_the_first_by_file_and_line_and_counts_the_rest() -> None:
    """Whatever order problems arrive in, the ones kept are the first by file order, then
    line, then arrival; every one is counted."""
    log = ProblemLog(limit=3)
    log.file_order.update({"a.yaml": 0, "b.yaml": 1})
    for line in (40, 30, 20, 10):
        log.add(Problem("b.yaml", "late", line=line))
    log.add(Problem("a.yaml", "early", line=99))
    log.add(Problem("b.yaml", "also 10", line=10))
    assert log.total == len(log) == 6
    assert [(p.file, p.line, p.message) for p in log.shown()] == [
        ("a.yaml", 99, "early"),
        ("b.yaml", 10, "late"),
        ("b.yaml", 10, "also 10"),
    ]


def test_wants_says_whether_a_problem_would_be_kept() -> None:
    """A caller can skip building a problem that would be dropped, and only count it."""
    log = ProblemLog(limit=2)
    log.file_order.update({"z.json": 0, "a.json": 1})
    log.add(Problem("a.json", "one"))
    assert log.wants("a.json", None)
    log.add(Problem("a.json", "two"))
    assert not log.wants("a.json", None)  # same place, found later
    assert log.wants("z.json", None)  # an earlier file
    log.count()
    assert log.total == 3 and len(log.shown()) == 2


def test_update_gives_kept_problems_their_lines_and_resorts() -> None:
    log = ProblemLog()
    log.add(Problem("a.json", "first"), "entry 1")
    log.add(Problem("a.json", "second"), "entry 2")
    lines = {"entry 1": 9, "entry 2": 3}
    log.update(lambda problem, entry: dataclasses.replace(problem, line=lines[entry]))
    assert [(p.message, p.line) for p in log.shown()] == [("second", 3), ("first", 9)]


def test_a_failure_lists_the_problems_kept_then_how_many_more() -> None:
    problems = [Problem("a.yaml", f"bad {n}", line=n) for n in range(1, 4)]
    failure = ImportFailed(problems, total=12_345)
    assert str(failure).splitlines() == [
        "Import failed with 12,345 problems; nothing was written.",
        "  a.yaml:1: bad 1",
        "  a.yaml:2: bad 2",
        "  a.yaml:3: bad 3",
        "  and 12,342 more problems",
    ]
    assert str(ImportFailed(problems[:1])).splitlines() == [
        "Import failed with 1 problem; nothing was written.",
        "  a.yaml:1: bad 1",
    ]
    assert str(ImportFailed(problems[:1], total=2)).endswith("  and 1 more problem")


def test_the_log_of_a_million_problems_stays_small() -> None:
    log = ProblemLog()
    for n in range(1_000_000):
        if log.wants("a.json", None):
            log.add(Problem("a.json", f"problem {n}"))
        else:
            log.count()
    failure = log.failed()
    assert failure.total == 1_000_000 and len(failure.problems) == 100
    assert failure.problems[0].message == "problem 0"
    assert str(failure).endswith("and 999,900 more problems")


def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def test_brief_is_short_whatever_the_value() -> None:
    """A 10 MB string, a 100,000-digit integer, 100,000 levels of lists: a few dozen
    characters each, and no exception."""
    assert brief("x" * 10_000_000).startswith("'xxx")
    assert len(brief("x" * 10_000_000)) <= 60
    assert brief(10**100_000) == "an integer of about 100,000 digits"
    assert len(brief(_nested(100_000))) <= 60
    assert len(brief({10**5000: [10**5000]})) <= 60
    assert brief(float("nan")) == "nan"
    assert brief("short") == "'short'"


@given(st.recursive(st.one_of(st.integers(), st.text(), st.floats()), st.lists, max_leaves=50))
def test_brief_never_fails_and_never_runs_long(value: object) -> None:
    assert len(brief(value)) <= 60

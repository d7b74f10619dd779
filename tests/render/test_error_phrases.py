"""Errors a user can cause carry a Phrase: in English it reads exactly as the error's own
message (so the terminal and Discord agree), and every locale can word it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.dates import parse_date
from bot.domain.errors import Phrased
from bot.domain.sizes import parse_size
from bot.exts.alert_checks import NoSuchSubscription, parse_min_params
from bot.render.errors import worded
from bot.services import coincidences, search, timeline, top
from bot.services.alerts.subscriptions import TooManySubscriptions, UnknownKind
from bot.services.compare import WrongCount

CASES: dict[str, Callable[[], Any]] = {
    "unreadable date": lambda: parse_date("soon"),
    "date year": lambda: parse_date("1066"),
    "date month": lambda: parse_date("2025-13-40"),
    "date day": lambda: parse_date("2025-02-30"),
    "date too long": lambda: parse_date("2025" * 20),
    "size unreadable": lambda: parse_size("lots", "params"),
    "size negative": lambda: parse_size("-5B", "params"),
    "size whole": lambda: parse_size("1.5", "params"),
    "size unit": lambda: parse_size("70Q", "params"),
    "size too large": lambda: parse_size("900T", "params"),
    "size tokens": lambda: parse_size("lots", "tokens"),
    "timeline bad date": lambda: timeline.parse_bound("2025-13-40", "since"),
    "timeline kind": lambda: timeline.check_kind("papers"),
    "since after until": lambda: timeline.make_query(lab="deepseek", since="2026", until="2025"),
    "vs without lab": lambda: timeline.make_query(vs="moonshot"),
    "same labs": lambda: timeline.make_query(lab="deepseek", vs="deepseek"),
    "window days": lambda: coincidences.check_window(400),
    "top metric": lambda: top.check("size", None, 10),
    "top kind": lambda: top.check("context", "coder", 10),
    "search long": lambda: search.check_query("x" * 5000),
    "search empty": lambda: search.check_query("   "),
    "compare count": lambda: (_ for _ in ()).throw(WrongCount(5)),
    "too many subscriptions": lambda: (_ for _ in ()).throw(TooManySubscriptions()),
    "unknown kind filter": lambda: (_ for _ in ()).throw(UnknownKind("videos")),
    "min_params": lambda: parse_min_params("lots"),
    "min_params too large": lambda: parse_min_params("900T"),
    "no subscription": lambda: (_ for _ in ()).throw(NoSuchSubscription("<#1>")),
    "no subscription for a lab": lambda: (_ for _ in ()).throw(
        NoSuchSubscription("<#1>", "DeepSeek")
    ),
}


def raised(case: Callable[[], Any]) -> Phrased:
    with pytest.raises(Phrased) as caught:
        case()
    return caught.value


@pytest.mark.parametrize("name", list(CASES))
def test_the_english_phrase_is_the_message(name: str) -> None:
    error = raised(CASES[name])
    assert error.said is not None, f"{name}: no Phrase, so it stays English in every locale"
    assert worded(error.said, "en") == str(error)


@pytest.mark.parametrize("name", list(CASES))
def test_the_chinese_phrase_is_chinese(name: str) -> None:
    error = raised(CASES[name])
    assert error.said is not None
    text = worded(error.said, "zh-CN")
    assert text != str(error)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text

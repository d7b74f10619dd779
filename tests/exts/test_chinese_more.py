"""A zh-CN admin and member through SimCord: subscription commands, their preview, users'
mistakes and the catalog's own words all answer in Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from tests.exts.test_alerts import World
from tests.exts.test_help import chinese_for
from tests.simcord_helpers import expected_errors, fields, member


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.simcord(check_errors=False)
async def test_subscriptions_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    world = World(simcord_env)
    changed = chinese_for(monkeypatch, world.admin.id)
    news = world.channels[0]
    text = await world.subscribe(news, lab="deepseek", kind="code", min_params="70B")
    assert changed
    assert text.startswith(
        f"已订阅：{news.mention} 将收到新条目（DeepSeek · 代码模型 · 参数 70B 以上）。"
    )
    assert "从现在起新增的条目会在那里播报" in text
    result = await world.admin.slash(news, "subscribe", channel=news, min_params="lots")
    assert result.response.content == (
        "`min_params`：无法读取 'lots'；应为整数或 “49B”、“1.6T”、“400M” 这样的规模。"
        "没有做任何更改。"
    )
    listing = await world.subscriptions()
    assert listing.title == "AI News 的发布提醒"
    assert listing.description.startswith("1 个订阅，1 个生效中。")
    assert "状态：✅ 生效中" in listing.fields[0].value
    removed = await world.admin.slash(news, "unsubscribe", channel=news)
    assert removed.response.content.startswith(f"已从 {news.mention} 移除 1 个订阅")
    again = await world.admin.slash(news, "unsubscribe", channel=news)
    assert again.response.content.startswith(f"{news.mention} 没有订阅。")
    empty = await world.subscriptions()
    assert empty.description.startswith("本服务器还没有订阅。")
    assert len(expected_errors(simcord_env)) == 2


async def test_the_subscribe_preview_is_in_chinese(
    simcord_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview announcement follows the asker; real announcements follow the server."""
    world = World(simcord_env)
    chinese_for(monkeypatch, world.admin.id)
    news = world.channels[0]
    result = await world.admin.slash(news, "subscribe", channel=news, lab="deepseek", kind="code")
    preview = result.response.embeds[0]
    assert preview.title.startswith("新代码模型：")
    rows = fields(preview)
    assert rows["类型"] == "代码"
    assert "年" in rows["发布日期"] and "月" in rows["发布日期"]


@pytest.mark.simcord(check_errors=False)
async def test_mistakes_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    bad_date = await alice.slash(general, "timeline", lab="deepseek", since="2025-13-40")
    assert changed
    assert bad_date.ephemeral
    assert bad_date.response.content.startswith("`since`：'2025-13-40' 中的 13 月不存在。")
    february = await alice.slash(general, "coincidences", since="2025-02-30")
    assert "（2025 年 2 月只有 28 天）" in february.response.content
    backwards = await alice.slash(general, "timeline", lab="deepseek", since="2026", until="2025")
    assert backwards.response.content.startswith("`since`（2026）晚于 `until`（2025）。")
    itself = await alice.slash(
        general, "compare", model1="deepseek-v4-pro", model2="DeepSeek-V4-Pro"
    )
    assert itself.response.content.startswith("这是在拿一个模型和它自己比较：")
    kind = await alice.slash(general, "top", metric="context", kind="coder")
    assert kind.response.content.startswith("没有 'coder' 这一类型；请使用以下之一：base、chat、")
    for answer in (bad_date, february, backwards, itself, kind):
        assert has_chinese(answer.response.content)
    assert len(expected_errors(simcord_env)) == 5


async def test_catalog_words_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kinds, dates, what a date is of, modalities, licences' "open weights" and countries."""
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    model = (await alice.slash(general, "model", name="kimi-k2.6")).response.embeds[0]
    assert changed
    rows = fields(model)
    assert rows["发布日期"] == "2026 年 4 月 20 日（宣布）"
    assert rows["类型"] == "多模态"
    assert rows["模态"] == "文本、图像、视频 → 文本"
    assert rows["许可证"] == "Modified MIT · 开放权重"
    assert "上下文 256K → 1M" in rows["后继模型"]
    compare = (
        await alice.slash(general, "compare", model1="deepseek-v4-pro", model2="gpt-5")
    ).response.embeds[0]
    assert "专有" in fields(compare)["许可证"]
    lab = (await alice.slash(general, "lab", name="moonshot")).response.embeds[0]
    assert "中国 · Hugging Face" in str(lab.description)
    found = (await alice.slash(general, "search", query="MLA")).response.embeds[0]
    assert "· 模型 · Moonshot AI · 2026 年 7 月 16 日 — 技术 Gated MLA" in str(found.description)
    timeline = await alice.slash(general, "timeline", lab="deepseek", kind="paper")
    embed = timeline.response.embeds[0]
    assert embed.description == "类型：论文。"
    assert all(line.endswith("· 论文") for f in embed.fields for line in f.value.split("\n"))

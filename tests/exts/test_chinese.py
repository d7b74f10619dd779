"""A zh-CN member gets Chinese answers (the English ones are checked by the other tests)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.exts.test_help import chinese_for
from tests.simcord_helpers import expected_errors, fields, member


async def test_compare_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    result = await alice.slash(general, "compare", model1="deepseek-v4-pro", model2="kimi-k2.6")
    assert changed, "the locale wrapper never ran: SimCord changed how it builds payloads"
    embed = result.response.embeds[0]
    assert embed.title == "DeepSeek-V4-Pro 对比 Kimi K2.6"
    rows = fields(embed)
    assert rows["总参数量"] == "**DeepSeek-V4-Pro** 1.6T ★\n**Kimi K2.6** 1T"
    assert "最大输出" in rows
    assert "输入价格（每百万 token）" in rows
    assert (
        "**DeepSeek-V4-Pro** 是 **Kimi K2.6** 的："
        "总参数量 1.6 倍、激活参数量约 1.5 倍、上下文 4 倍。" in (embed.description or "")
    )
    assert str(embed.footer.text).startswith("来源：huggingface.co/deepseek-ai/")


@pytest.mark.simcord(check_errors=False)
async def test_unknown_name_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    result = await alice.slash(general, "compare", model1="deepsek-v4-pro", model2="kimi-k2.6")
    assert changed
    assert result.ephemeral
    assert result.response.content.startswith("没有与 'deepsek-v4-pro' 匹配的模型。")
    assert "你是不是想找 `deepseek-v4-pro`" in result.response.content
    assert len(expected_errors(simcord_env)) == 1


async def test_timeline_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    result = await alice.slash(general, "timeline", lab="deepseek", vs="moonshot")
    assert changed
    embed = result.response.embeds[0]
    assert embed.title == "时间线 · DeepSeek 与 Moonshot AI"
    assert [f.name for f in embed.fields][:2] == ["2023 年 11 月", "2024 年 1 月"]
    assert str(embed.footer.text).startswith("第 1/")
    labels = [c.label for row in result.response.message.components for c in row.children]
    assert labels == ["上一页", "下一页"]
    assert "标记与另一实验室的发布相隔" in (embed.description or "")
    turned = await alice.click(result.response.message, label="下一页")
    assert str(turned.response.message.embeds[0].footer.text).startswith("第 2/")


async def test_empty_state_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    result = await alice.slash(general, "timeline", lab="deepseek", until="2001")
    assert changed
    embed = result.response.embeds[0]
    assert "没有符合这些筛选条件的条目。" in (embed.description or "")
    assert "至 " in (embed.description or "")


async def test_top_search_and_about_in_chinese(
    simcord_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    top = (await alice.slash(general, "top", metric="context", limit=3)).response.embeds[0]
    assert changed
    assert top.title == "上下文窗口排名前 3 的模型"
    nothing = (await alice.slash(general, "search", query="zzqqxx")).response.embeds[0]
    assert nothing.title == "搜索：zzqqxx"
    assert str(nothing.description).startswith("没有匹配的结果。")
    about = (await alice.slash(general, "about")).response.embeds[0]
    assert [f.name for f in about.fields][:2] == ["目录", "最新发布"]
    assert about.description == "谁在何时发布了什么，以及各模型的对比。"


async def test_model_and_lab_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    model = (await alice.slash(general, "model", name="deepseek-v4-pro")).response.embeds[0]
    assert changed
    names = [f.name for f in model.fields]
    assert {"发布日期", "总参数量", "上下文窗口"} <= set(names)
    assert str(model.footer.text).endswith("用 /compare 与其他模型比较")
    lab = (await alice.slash(general, "lab", name="deepseek")).response.embeds[0]
    assert [f.name for f in lab.fields][:3] == ["模型", "事件", "开放权重"]


async def test_coincidences_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    result = await alice.slash(general, "coincidences", lab="deepseek")
    assert changed
    embed = result.response.embeds[0]
    assert embed.title == "同期发布 · DeepSeek 与其他实验室"
    assert "不同实验室" in (embed.description or "")
    assert "行" in str(embed.footer.text)


async def test_look_up_cards_in_chinese(simcord_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, general = member(simcord_env)
    changed = chinese_for(monkeypatch, alice.id)
    message = await alice.send(general, "DeepSeek V4 Pro vs Kimi K2.6")
    result = await alice.context_menu(general, "Look up models", message)
    assert changed
    card = result.response.embeds[0]
    assert [f.name for f in card.fields][:3] == ["实验室", "发布日期", "规模"]
    assert str(card.footer.text).endswith("用 /model 查看全部信息")

"""Answers in the asker's language: one string table per locale, the same keys in each.

`locale_of(interaction.locale)` picks the table (zh-CN for Chinese, English otherwise) and
`t(locale, key, **values)` formats one string. Render functions take `locale: Locale = "en"`,
so the terminal and callers that don't say stay English. tests/render/test_i18n.py checks that
both tables have the same keys and the same {placeholders} per key.
"""

from __future__ import annotations

from typing import Literal

import discord

Locale = Literal["en", "zh-CN"]

EN: dict[str, str] = {
    # errors (bot/exts/errors.py)
    "error.apology": (
        "Sorry, something went wrong on our side while answering that. It has been logged."
    ),
    "error.not_found": "No {what} matches {name}.",
    "error.did_you_mean": " Did you mean {names}?",
    "error.ambiguous": "{text} matches {count} models: {names}{more}. Pick one.",
    "error.ambiguous_more": " and {count} more",
    "error.unreadable": "Could not read {value}: {reason}",
    "error.missing_permissions": "You need the {names} permission to use this command.",
    "error.bot_missing_permissions": "I am missing the {names} permission here.",
    "error.no_dm": "This command works in a server, not in direct messages.",
    "error.cooldown": "Slow down: try again in {seconds} s.",
    "error.check_failed": "You cannot use this command here.",
    "entity.model": "model",
    "entity.lab": "lab",
    "perm.manage_guild": "Manage Server",
    "perm.manage_channels": "Manage Channels",
    "list.sep": ", ",
    # /compare (bot/render/compare.py, ratios.py)
    "compare.per_million": "{label} (per 1M tokens)",
    "compare.both": "Both",
    "compare.all": "All {count}",
    "compare.unknown_for_all": "Not known for any of them: {rows}.",
    "compare.sources": "Sources: ",
    "compare.no_sources": "Sources: none recorded for these models",
    "compare.more": "+{count} more",
    "compare.benchmark": "Benchmark: {name}",
    "compare.more_benchmarks_one": "{count} more shared benchmark",
    "compare.more_benchmarks": "{count} more shared benchmarks",
    "row.released": "Released",
    "row.lab": "Lab",
    "row.kind": "Kind",
    "row.architecture": "Architecture",
    "row.params_total": "Total params",
    "row.params_active": "Active params",
    "row.context": "Context window",
    "row.max_output": "Max output",
    "row.modalities": "Modalities",
    "row.licence": "Licence",
    "row.price_input": "Input price",
    "row.price_output": "Output price",
    "row.techniques": "Techniques",
    "ratio.params_total": "total parameters",
    "ratio.params_active": "active parameters",
    "ratio.context": "context",
    "ratio.times": "{shown}x the {noun}",
    "ratio.about_times": "about {shown}x the {noun}",
    "ratio.larger": "{larger} has {phrases} of {smaller}",
    "ratio.same_pair": "{a} and {b} have the same {nouns}",
    "ratio.same_all": "All {count} have the same {nouns}",
    "ratio.same_known": "The {count} known have the same {nouns}",
    "ratio.join": "; ",
    "ratio.end": ".",
    # /timeline (bot/render/timeline.py) and paged answers (bot/exts/pages.py)
    "timeline.title": "Timeline · {labs}",
    "timeline.all_labs": "all labs",
    "timeline.month": "{year}-{month:02d}",
    "timeline.month_unknown": "{year}, month unknown",
    "timeline.continued": "{heading} (continued)",
    "timeline.same_day": "same day",
    "timeline.days_later": "{days} days later",
    "timeline.days_earlier": "{days} days earlier",
    "timeline.since": "since {date}",
    "timeline.until": "until {date}",
    "timeline.kind": "kind: {kind}",
    "timeline.filters": "{filters}.",
    "timeline.mark_note": "{mark} marks an entry within {days} days of the other lab's.",
    "timeline.footer_one": "Page {number} of {pages} · {total} entry",
    "timeline.footer": "Page {number} of {pages} · {total} entries",
    "timeline.not_yours": (
        "Only the person who ran /timeline can turn these pages. Run /timeline to get your own."
    ),
    "pages.previous": "Previous",
    "pages.next": "Next",
    # empty states
    "empty.filters": "Nothing matches these filters.",
    "empty.search": (
        "Nothing matches. Try part of a model or lab name (Chinese names work too) or a "
        "technique, for example `MLA`, `sparse attention` or `深度求索`."
    ),
    "empty.top_none": "No {what}models in the catalog yet.",
    "empty.top_unknown": "None of the {count} {what}models in the catalog has a known {metric}.",
    # /top (bot/render/top.py)
    "top.kind_models": "{kind} ",
    "top.newest": "Newest {count} {what}models",
    "top.cheapest": "Cheapest {count} {what}models by {metric}",
    "top.top": "Top {count} {what}models by {metric}",
    "top.prices": "Prices in USD per 1M tokens.",
    "top.left_out": "{count} {what}models have no known {metric}; they are left out.",
    "metric.params_total": "total parameters",
    "metric.params_active": "active parameters",
    "metric.context": "context window",
    "metric.price_input": "input price",
    "metric.price_output": "output price",
    "metric.released": "release date",
    # /search (bot/render/search.py)
    "search.title": "Search: {query}",
    "search.some": "{shown} of {total} matches, best first; narrow the search to see others",
    "search.all": "{total} matches, best first",
    # /about (bot/render/about.py)
    "about.intro": "Who released what, when, and how the models compare.",
    "about.catalog": "Catalog",
    "about.counts": "{labs} labs, {models} models, {events} events",
    "about.newest": "Newest release",
    "about.last_change": "Store last changed",
    "about.sources": "Entries by source",
    "about.version": "Version",
    "about.by_lab": "Models by lab",
    "about.footer": "Curated catalog in data/ with a source for every figure; imports add more.",
}

ZH_CN: dict[str, str] = {
    "error.apology": "抱歉，我们这边在回答时出了问题，已记录下来。",
    "error.not_found": "没有与 {name} 匹配的{what}。",
    "error.did_you_mean": "你是不是想找 {names}？",
    "error.ambiguous": "{text} 匹配 {count} 个模型：{names}{more}。请选一个。",
    "error.ambiguous_more": " 等另外 {count} 个",
    "error.unreadable": "无法读取 {value}：{reason}",
    "error.missing_permissions": "你需要“{names}”权限才能使用此命令。",
    "error.bot_missing_permissions": "我在这里缺少“{names}”权限。",
    "error.no_dm": "此命令只能在服务器中使用，不能在私信中使用。",
    "error.cooldown": "慢一点：请在 {seconds} 秒后再试。",
    "error.check_failed": "你不能在这里使用此命令。",
    "entity.model": "模型",
    "entity.lab": "实验室",
    "perm.manage_guild": "管理服务器",
    "perm.manage_channels": "管理频道",
    "list.sep": "、",
    "compare.per_million": "{label}（每百万 token）",
    "compare.both": "两者",
    "compare.all": "全部 {count} 个",
    "compare.unknown_for_all": "均未知：{rows}。",
    "compare.sources": "来源：",
    "compare.no_sources": "来源：这些模型没有记录来源",
    "compare.more": "另有 {count} 个",
    "compare.benchmark": "基准测试：{name}",
    "compare.more_benchmarks_one": "另有 {count} 项共同基准测试",
    "compare.more_benchmarks": "另有 {count} 项共同基准测试",
    "row.released": "发布日期",
    "row.lab": "实验室",
    "row.kind": "类型",
    "row.architecture": "架构",
    "row.params_total": "总参数量",
    "row.params_active": "激活参数量",
    "row.context": "上下文窗口",
    "row.max_output": "最大输出",
    "row.modalities": "模态",
    "row.licence": "许可证",
    "row.price_input": "输入价格",
    "row.price_output": "输出价格",
    "row.techniques": "技术",
    "ratio.params_total": "总参数量",
    "ratio.params_active": "激活参数量",
    "ratio.context": "上下文",
    "ratio.times": "{noun} {shown} 倍",
    "ratio.about_times": "{noun}约 {shown} 倍",
    "ratio.larger": "{larger} 是 {smaller} 的：{phrases}",
    "ratio.same_pair": "{a} 与 {b} 的{nouns}相同",
    "ratio.same_all": "全部 {count} 个模型的{nouns}相同",
    "ratio.same_known": "已知的 {count} 个模型的{nouns}相同",
    "ratio.join": "；",
    "ratio.end": "。",
    "timeline.title": "时间线 · {labs}",
    "timeline.all_labs": "所有实验室",
    "timeline.month": "{year} 年 {month} 月",
    "timeline.month_unknown": "{year} 年（月份未知）",
    "timeline.continued": "{heading}（续）",
    "timeline.same_day": "同一天",
    "timeline.days_later": "晚 {days} 天",
    "timeline.days_earlier": "早 {days} 天",
    "timeline.since": "自 {date} 起",
    "timeline.until": "至 {date} 止",
    "timeline.kind": "类型：{kind}",
    "timeline.filters": "{filters}。",
    "timeline.mark_note": "{mark} 标记与另一实验室的发布相隔 {days} 天以内的条目。",
    "timeline.footer_one": "第 {number}/{pages} 页 · 共 {total} 条",
    "timeline.footer": "第 {number}/{pages} 页 · 共 {total} 条",
    "timeline.not_yours": "只有运行 /timeline 的人才能翻页。运行 /timeline 获取你自己的时间线。",
    "pages.previous": "上一页",
    "pages.next": "下一页",
    "empty.filters": "没有符合这些筛选条件的条目。",
    "empty.search": (
        "没有匹配的结果。试试模型或实验室名称的一部分（中文名也可以）或某项技术，"
        "例如 `MLA`、`sparse attention` 或 `深度求索`。"
    ),
    "empty.top_none": "目录中还没有{what}模型。",
    "empty.top_unknown": "目录中的 {count} 个{what}模型都还没有已知的{metric}。",
    "top.kind_models": "{kind} ",
    "top.newest": "最新的 {count} 个{what}模型",
    "top.cheapest": "{metric}最低的 {count} 个{what}模型",
    "top.top": "{metric}排名前 {count} 的{what}模型",
    "top.prices": "价格单位：美元 / 每百万 token。",
    "top.left_out": "{count} 个{what}模型没有已知的{metric}，未列入。",
    "metric.params_total": "总参数量",
    "metric.params_active": "激活参数量",
    "metric.context": "上下文窗口",
    "metric.price_input": "输入价格",
    "metric.price_output": "输出价格",
    "metric.released": "发布日期",
    "search.title": "搜索：{query}",
    "search.some": "共 {total} 个结果，显示最相关的 {shown} 个；缩小搜索范围可查看其他结果",
    "search.all": "{total} 个结果，最相关的在前",
    "about.intro": "谁在何时发布了什么，以及各模型的对比。",
    "about.catalog": "目录",
    "about.counts": "{labs} 个实验室，{models} 个模型，{events} 个事件",
    "about.newest": "最新发布",
    "about.last_change": "数据最后更新",
    "about.sources": "各来源条目数",
    "about.version": "版本",
    "about.by_lab": "各实验室模型数",
    "about.footer": "精选目录位于 data/，每个数字都有来源；导入可添加更多。",
}

TABLES: dict[Locale, dict[str, str]] = {"en": EN, "zh-CN": ZH_CN}


def locale_of(discord_locale: discord.Locale | None) -> Locale:
    """zh-CN for discord.Locale.chinese, English for every other locale (and for None)."""
    return "zh-CN" if discord_locale == discord.Locale.chinese else "en"


def t(locale: Locale, key: str, **values: object) -> str:
    """The string `key` of `locale`'s table, formatted with `values`."""
    return TABLES[locale][key].format(**values)


def has(locale: Locale, key: str) -> bool:
    """Whether `key` is in the tables (for keys built from data, such as "perm.<name>")."""
    return key in TABLES[locale]

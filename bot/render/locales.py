"""zh-CN localisations of command names, descriptions and options (much of the audience reads
Chinese). Keys are the English strings as written in the code; each area adds its own."""

from __future__ import annotations

# Command and option names must stay lowercase, without spaces, at most 32 characters.
ZH_CN: dict[str, str] = {
    # /about
    "about": "关于",
    "What Model Radar knows and where it comes from": "Model Radar 收录了什么，数据从何而来",
    # /lab, /search, /top (bot/exts/lab.py, search.py, top.py)
    "lab": "实验室",
    "A lab's profile: counts, latest releases and a compact timeline": (
        "实验室概况：模型与事件数量、最新发布和简要时间线"
    ),
    "name": "名称",
    "The lab, by name, alias or Chinese name": "实验室的名称、别名或中文名",
    "search": "搜索",
    "Find models, labs and events by name, alias or technique": (
        "按名称、别名或技术查找模型、实验室和事件"
    ),
    "query": "关键词",
    "A name, alias or technique, such as MLA or 深度求索": "名称、别名或技术，例如 MLA 或 深度求索",
    "top": "排行",
    "Rank models by size, context, price or date": "按规模、上下文、价格或发布日期给模型排名",
    "metric": "指标",
    "What to rank by": "排名依据",
    "kind": "类型",
    "Only models of this kind": "只看这一类型的模型",
    "limit": "数量",
    "How many models to show (1 to 25)": "显示多少个模型（1 到 25）",
    "Total parameters": "总参数量",
    "Active parameters": "激活参数量",
    "Context window": "上下文窗口",
    "Input price (cheapest first)": "输入价格（从低到高）",
    "Output price (cheapest first)": "输出价格（从低到高）",
    "Release date (newest first)": "发布日期（从新到旧）",
    "base": "基础模型",
    "chat": "对话",
    "reasoning": "推理",
    "multimodal": "多模态",
    "code": "代码",
    "prover": "定理证明",
    "omni": "全模态",
    "embedding": "向量嵌入",
    "other": "其他",
    # /subscribe, /unsubscribe, /subscriptions (bot/exts/alerts.py; "lab" and "kind" above)
    "subscribe": "订阅",
    "Announce new models and events in a channel": "在频道中播报新模型和新事件",
    "channel": "频道",
    "role": "身份组",
    "The channel to post announcements in": "发布播报的频道",
    "Only this lab's new entries": "只播报这个实验室的新条目",
    "Only new entries of this kind": "只播报这一类型的新条目",
    "A role to ping with each announcement": "每条播报提及的身份组",
    "open_weights_only": "仅开放权重",
    "Only models whose weights are published": "只播报公开了权重的模型",
    "min_params": "最少参数",
    'Only models with at least this many parameters in total, e.g. "70B"': (
        '只播报总参数不少于此值的模型，例如 "70B"'
    ),
    "unsubscribe": "取消订阅",
    "Stop announcements in a channel": "停止在频道中播报",
    "The channel to stop announcing in": "要停止播报的频道",
    "Only stop this lab's announcements there": "只停止这个实验室的播报",
    "subscriptions": "订阅列表",
    "This server's release alerts and their state": "本服务器的发布提醒及其状态",
    "Any model": "任意模型",
    "Any event": "任意事件",
    "Base models": "基础模型",
    "Chat models": "对话模型",
    "Reasoning models": "推理模型",
    "Multimodal models": "多模态模型",
    "Code models": "代码模型",
    "Prover models": "定理证明模型",
    "Omni models": "全模态模型",
    "Embedding models": "向量嵌入模型",
    "Papers": "论文",
    "Announcements": "公告",
    "Talks": "演讲",
    "Release events": "发布活动",
    "Reports": "报告",
    "Other models and events": "其他模型和事件",
    # /timeline, /coincidences (bot/exts/timeline.py, coincidences.py; "lab", "kind" and
    # the model kinds are above; "chart" is shared with /compare)
    "timeline": "时间线",
    "Releases and events in date order, ten per page": "按日期排列的发布与事件，每页十条",
    "Only this lab": "只看这个实验室",
    "vs": "对比",
    "A second lab, interleaved with the first; releases within a week are marked": (
        "第二个实验室，与第一个交错排列；一周内的发布会被标出"
    ),
    "since": "起始",
    "From this date: 2025, 2025-01 or 2025-01-20": "从这个日期起：2025、2025-01 或 2025-01-20",
    "until": "截止",
    "Through this date: 2025, 2025-01 or 2025-01-20": "到这个日期为止：2025、2025-01 或 2025-01-20",
    "Only models, only events, or one kind": "只看模型、只看事件，或某一类型",
    "Models only": "只看模型",
    "Events only": "只看事件",
    "paper": "论文",
    "announcement": "公告",
    "talk": "演讲",
    "release": "发布",
    "report": "报告",
    "chart": "图表",
    "Attach a chart: a lane per lab, a dot per release": (
        "附上图表：每个实验室一条轨道，每次发布一个点"
    ),
    "coincidences": "撞车",
    "Releases by different labs within a few days": "不同实验室在几天之内的发布",
    "window_days": "窗口天数",
    "At most this many days apart (0 to 365, default 7)": "相隔不超过这么多天（0 到 365，默认 7）",
    "Only pairs with this lab": "只看涉及这个实验室的配对",
    "Only pairs of lab with this second lab": "只看 lab 与这个实验室的配对",
    "Only releases from this date: 2025, 2025-01 or 2025-01-20": (
        "只看这个日期之后的发布：2025、2025-01 或 2025-01-20"
    ),
    # /compare, /model (bot/exts/compare.py; "name" and "chart" above)
    "compare": "比较",
    "Two to four models side by side": "并排比较两到四个模型",
    "model1": "模型1",
    "model2": "模型2",
    "model3": "模型3",
    "model4": "模型4",
    "A model, by name, alias or slug": "一个模型：名称、别名或标识",
    "The model to compare it with": "与之比较的模型",
    "A third model (optional)": "第三个模型（可选）",
    "A fourth model (optional)": "第四个模型（可选）",
    "Attach a chart of parameters and context on a log scale": (
        "附上图表：参数量和上下文窗口（对数刻度）"
    ),
    "model": "模型",
    "Everything known about one model, with what changed": (
        "一个模型的全部信息，以及与前后代相比的变化"
    ),
    "The model, by name, alias or slug": "模型的名称、别名或标识",
    # /help (bot/exts/help.py)
    "help": "帮助",
    "Every command, with an example": "所有命令及用法示例",
    # the "Look up models" message menu (bot/exts/lookup.py)
    "Look up models": "查找模型",
}

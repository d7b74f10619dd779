"""zh-CN localisations of command names, descriptions and options (much of the audience reads
Chinese). Keys are the English strings as written in the code; each area adds its own."""

from __future__ import annotations

# Command and option names must stay lowercase, without spaces, at most 32 characters.
ZH_CN: dict[str, str] = {
    # /about
    "about": "关于",
    "What Model Radar knows and where it comes from": "Model Radar 收录了什么，数据从何而来",
    # /lab, /search, /top (bot/exts/directory.py)
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
}

"""zh-CN localisations of command names, descriptions and options (much of the audience reads
Chinese). Keys are the English strings as written in the code; each area adds its own."""

from __future__ import annotations

# Command and option names must stay lowercase, without spaces, at most 32 characters.
ZH_CN: dict[str, str] = {
    # /about
    "about": "关于",
    "What Model Radar knows and where it comes from": "Model Radar 收录了什么，数据从何而来",
}

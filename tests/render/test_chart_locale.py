"""A chart's words follow the asker's locale where a font can draw them, English otherwise
(a Chinese chart without a CJK font would be boxes)."""

from __future__ import annotations

import pytest

from bot.render import charts
from bot.render.charts import chart_locale, compare_figure
from bot.render.timeline_chart import timeline_figure
from tests.render.test_charts import crowded, legend_labels, texts
from tests.render.test_compare import pair


def words_of(figure: object) -> set[str]:
    return {text for text, _ in texts(figure)}


def test_without_a_cjk_font_charts_stay_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    assert chart_locale("zh-CN") == "en"
    assert chart_locale("en") == "en"


def test_with_a_cjk_font_a_chinese_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda: "Noto Sans CJK SC")
    assert chart_locale("zh-CN") == "zh-CN"


# Drawn here without a CJK font: the words are checked, not their glyphs.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_the_compare_chart_in_chinese_has_no_english_words() -> None:
    figure = compare_figure(pair(), "zh-CN")
    shown = words_of(figure)
    assert {"总参数量", "激活参数量", "上下文窗口（token）"} <= shown
    assert legend_labels(figure)  # the labs
    assert not {"Total parameters", "Labs", "Lab"} & shown
    english = compare_figure(pair())
    assert "Total parameters" in words_of(english)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_the_timeline_chart_legend_in_chinese() -> None:
    figure = timeline_figure(crowded(), locale="zh-CN")
    labels = legend_labels(figure)
    assert "模型" in labels and "事件（论文、演讲、报告）" in labels
    assert "model" not in labels

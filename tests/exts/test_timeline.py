"""/timeline and /coincidences through SimCord, as members of a server would use them."""

from __future__ import annotations

import sys
from typing import Any

import pytest
import simcord

from bot.exts.pages import VIEW_TIMEOUT
from bot.render.limits import embed_problems


def server(env: Any) -> tuple[Any, Any, Any]:
    guild = env.create_guild("AI News")
    general = guild.create_text_channel("general")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    return alice, bob, general


def buttons(message: Any) -> dict[str, bool]:
    """Label -> disabled, for the buttons of a message."""
    found = {}
    for row in message.components:
        for child in row.children:
            found[child.label] = child.disabled
    return found


def footer(result_or_message: Any) -> str:
    embeds = result_or_message.embeds
    return str(embeds[0].footer.text)


async def test_timeline_shows_the_first_page_grouped_by_month(simcord_env: Any) -> None:
    """/timeline lab:deepseek vs:moonshot answers publicly with page 1 and month headings."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="deepseek", vs="moonshot")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Timeline · DeepSeek vs Moonshot AI"
    assert footer(result.response).startswith("Page 1 of ")
    assert [f.name for f in embed.fields][:2] == ["November 2023", "January 2024"]
    later = await alice.slash(general, "timeline", lab="deepseek", vs="moonshot", since="2025-01")
    january = later.response.embeds[0].fields[0].value
    assert "**DeepSeek-R1** · reasoning ⇄ Kimi k1.5 (same day)" in january
    assert embed_problems([embed]) == []
    assert buttons(result.response.message) == {"Previous": True, "Next": False}


async def test_next_turns_the_page_and_previous_comes_back(simcord_env: Any) -> None:
    """Clicking Next shows page 2 with Previous enabled; Previous returns to page 1."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="deepseek", vs="moonshot")
    message = result.response.message
    first = result.response.embeds[0].to_dict()

    turned = await alice.click(message, label="Next")
    page_two = turned.response.message
    assert footer(page_two).startswith("Page 2 of ")
    assert page_two.embeds[0].to_dict() != first
    assert buttons(page_two)["Previous"] is False

    back = await alice.click(page_two, label="Previous")
    assert back.response.message.embeds[0].to_dict() == first


async def test_the_last_page_disables_next(simcord_env: Any) -> None:
    """Turning to the last page disables Next; clicking it then is impossible."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="moonshot")
    message = result.response.message
    pages = int(footer(message).split(" of ")[1].split(" ")[0])
    assert pages >= 2
    for _ in range(pages - 1):
        message = (await alice.click(message, label="Next")).response.message
    assert footer(message).startswith(f"Page {pages} of {pages}")
    assert buttons(message) == {"Previous": False, "Next": True}
    with pytest.raises(simcord.SetupError):
        await alice.click(message, label="Next")


async def test_previous_is_disabled_on_the_first_page(simcord_env: Any) -> None:
    """On page 1, Previous cannot be clicked."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline")
    with pytest.raises(simcord.SetupError):
        await alice.click(result.response.message, label="Previous")


async def test_another_member_cannot_turn_the_pages(simcord_env: Any) -> None:
    """Bob clicking Next on Alice's timeline gets a private refusal; the page stays."""
    alice, bob, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="deepseek")
    before = result.response.embeds[0].to_dict()

    refused = await bob.click(result.response.message, label="Next")
    assert refused.ephemeral
    assert "Only the person who ran /timeline" in refused.response.content
    after = simcord_env.backend.get_message(general.id, result.response.id)
    assert after.embeds[0] == before
    assert footer(result.response).startswith("Page 1 of ")


async def test_the_buttons_disable_themselves_after_the_timeout(simcord_env: Any) -> None:
    """Once the view times out, both buttons are disabled on the message."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline")
    assert buttons(result.response.message)["Next"] is False
    await simcord_env.advance_time(VIEW_TIMEOUT + 1)
    assert buttons(result.response.message) == {"Previous": True, "Next": True}
    with pytest.raises(simcord.SetupError):
        await alice.click(result.response.message, label="Next")


async def test_a_single_page_has_no_buttons(simcord_env: Any) -> None:
    """A timeline that fits one page is sent without buttons."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="deepseek", kind="paper")
    assert footer(result.response) == f"Page 1 of 1 · {footer(result.response).split('· ')[1]}"
    assert result.response.components == []


@pytest.mark.simcord(check_errors=False)
async def test_since_after_until_gets_an_ephemeral_message(simcord_env: Any) -> None:
    """since 2025-06 until 2025-01 is refused privately, saying what to type."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", since="2025-06", until="2025-01")
    assert result.ephemeral
    assert "`since` (2025-06) is after `until` (2025-01)" in result.response.content


@pytest.mark.simcord(check_errors=False)
async def test_an_impossible_date_gets_an_ephemeral_message(simcord_env: Any) -> None:
    """since 2025-02-30 is refused privately with the accepted forms."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", since="2025-02-30")
    assert result.ephemeral
    assert "has 28 days" in result.response.content and "2025-01-20" in result.response.content


async def test_coincidences_deepseek_vs_moonshot_lists_the_articles_four(
    simcord_env: Any,
) -> None:
    """/coincidences lab:deepseek vs:moonshot window_days:30 shows the four from the article,
    turning the pages with Next; NSA and MoBA read as the article tells them."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(
        general, "coincidences", lab="deepseek", vs="moonshot", window_days=30
    )
    assert not result.ephemeral
    message = result.response.message
    embed = message.embeds[0]
    assert embed.title == "Coincidences · DeepSeek vs Moonshot AI"
    pages = int(footer(message).split(" of ")[1].split(" ")[0])
    assert pages >= 2 and buttons(message) == {"Previous": True, "Next": False}
    lines = (embed.description or "").splitlines()
    assert len([line for line in lines if "⇄" in line]) == 10
    for _ in range(pages - 1):
        message = (await alice.click(message, label="Next")).response.message
        assert embed_problems(message.embeds) == []
        lines += (message.embeds[0].description or "").splitlines()
    assert footer(message).startswith(f"Page {pages} of {pages}")

    def shown(first: str, second: str, gap: str) -> bool:
        return any(first in line and second in line and line.endswith(gap) for line in lines)

    assert shown("**DeepSeek-R1**", "**Kimi k1.5**", "same day")
    assert shown("` NSA (DeepSeek) ⇄", "` MoBA (Moonshot AI)", "same day")
    assert shown("**DeepSeek-Prover-V2-671B**", "**Kimina-Prover Preview**", "16 days apart")
    # V4-Pro and V4-Flash, one family released the same day, share one row.
    assert shown("**DeepSeek-V4-Flash**, **V4-Pro** (DeepSeek)", "**Kimi K2.6**", "4 days apart")


async def test_only_the_asker_turns_the_coincidence_pages(simcord_env: Any) -> None:
    """Bob clicking Next on Alice's coincidences gets a private refusal."""
    alice, bob, general = server(simcord_env)
    result = await alice.slash(general, "coincidences", window_days=30)
    refused = await bob.click(result.response.message, label="Next")
    assert refused.ephemeral
    assert "Only the person who ran /coincidences" in refused.response.content


async def test_coincidences_accepts_chinese_lab_names(simcord_env: Any) -> None:
    """Typing 深度求索 and 月之暗面 finds DeepSeek and Moonshot AI."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "coincidences", lab="深度求索", vs="月之暗面")
    assert result.response.embeds[0].title == "Coincidences · DeepSeek vs Moonshot AI"


async def test_timeline_lab_given_by_its_chinese_alias(simcord_env: Any) -> None:
    """lab:深度求索 resolves to DeepSeek: the same first page as lab:deepseek."""
    alice, _, general = server(simcord_env)
    by_alias = await alice.slash(general, "timeline", lab="深度求索")
    by_slug = await alice.slash(general, "timeline", lab="deepseek")
    assert not by_alias.ephemeral
    assert by_alias.response.embeds[0].title == "Timeline · DeepSeek"
    assert by_alias.response.embeds[0].to_dict() == by_slug.response.embeds[0].to_dict()


async def test_coincidences_window_out_of_range_is_refused(simcord_env: Any) -> None:
    """Discord itself refuses window_days 400: the option is limited to 0..365."""
    alice, _, general = server(simcord_env)
    with pytest.raises(simcord.OptionError):
        await alice.slash(general, "coincidences", window_days=400)


async def test_lab_autocomplete_finds_moonshot_by_its_chinese_name(simcord_env: Any) -> None:
    """月之暗面 typed into lab (and into vs) suggests Moonshot AI first."""
    alice, _, general = server(simcord_env)
    for command, option in (("timeline", "lab"), ("timeline", "vs"), ("coincidences", "lab")):
        choices = await alice.autocomplete(general, command, option, "月之暗面")
        assert choices[0]["value"] == "moonshot", (command, option)
        assert len(choices) <= 25


async def test_chart_attaches_a_png(simcord_env: Any) -> None:
    """chart:True defers, then answers with the first page and a PNG attachment."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "timeline", lab="deepseek", vs="moonshot", chart=True)
    callbacks = [r.json for r in simcord_env.http_requests if r.path.endswith("/callback")]
    assert callbacks[-1]["type"] == 5  # deferred first (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE)
    message = result.response
    assert footer(message).startswith("Page 1 of ")
    [attachment] = message.attachments
    assert attachment.filename == "timeline.png"
    assert (await attachment.read()).startswith(b"\x89PNG\r\n\x1a\n")
    turned = await alice.click(message.message, label="Next")
    assert footer(turned.response.message).startswith("Page 2 of ")


async def test_coincidences_defer_first_on_a_large_catalog(
    simcord_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above DEFER_ABOVE entries, /coincidences defers, then shows the same answer."""
    # The module the bot loaded (load_extension makes a fresh one in sys.modules).
    monkeypatch.setattr(sys.modules["bot.exts.coincidences"], "DEFER_ABOVE", 10)
    alice, _, general = server(simcord_env)
    result = await alice.slash(
        general, "coincidences", lab="deepseek", vs="moonshot", since="2025-01", window_days=0
    )
    callbacks = [r.json for r in simcord_env.http_requests if r.path.endswith("/callback")]
    assert callbacks[-1]["type"] == 5
    assert "**DeepSeek-R1**" in (result.response.embeds[0].description or "")


async def test_coincidence_pages_count_rows_with_siblings_merged(simcord_env: Any) -> None:
    """All labs, a week: siblings released together share a row, and the pages count rows
    (ten a page), to the last page."""
    alice, _, general = server(simcord_env)
    result = await alice.slash(general, "coincidences", window_days=7)
    message = result.response.message
    text = footer(message)
    pages = int(text.split(" of ")[1].split(" ")[0])
    rows = int(text.split(" · ")[1].split(" row")[0].replace(",", ""))
    assert "pairs, siblings released together on one row" in text
    assert pages == -(-rows // 10) and pages >= 2
    seen = [line for line in message.embeds[0].description.splitlines() if "⇄" in line]
    for _ in range(pages - 1):
        message = (await alice.click(message, label="Next")).response.message
        seen += [line for line in message.embeds[0].description.splitlines() if "⇄" in line]
    assert len(seen) == rows
    assert any("**GPT-6 Luna**, **6 Sol** (OpenAI)" in line for line in seen)

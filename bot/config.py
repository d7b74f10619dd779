"""Settings, read from the environment (or a `.env` file). Secrets never come from files in git."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting has an environment variable: MODELRADAR_<NAME>, and DISCORD_TOKEN."""

    model_config = SettingsConfigDict(
        env_prefix="MODELRADAR_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    database_path: Path = Field(
        default=Path("modelradar.db"), description="The SQLite file of the store."
    )
    discord_token: SecretStr | None = Field(
        default=None,
        validation_alias="DISCORD_TOKEN",
        description="The bot token from the Discord developer portal.",
        repr=False,
    )
    dev_guild_id: int | None = Field(
        default=None,
        description="A server whose commands are synced instantly (development).",
    )
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR.")
    sync_bundled_catalog: bool = Field(
        default=True, description="Bring the store up to date with data/ on start."
    )
    announce_max_age_days: int = Field(
        default=14,
        ge=0,
        description="Entries released longer ago than this when added are not announced.",
    )
    # ---- feed watchers (issue 5): Hugging Face and OpenRouter listings
    feeds_enabled: bool = Field(
        default=True,
        description="Watch Hugging Face and OpenRouter for new releases while the bot runs.",
    )
    feeds_interval_minutes: float = Field(
        default=15, ge=1, description="Minutes between watcher cycles (each jittered by 10%)."
    )
    feeds_huggingface_url: str = Field(
        default="https://huggingface.co", description="Base URL of the Hugging Face Hub."
    )
    feeds_openrouter_url: str = Field(
        default="https://openrouter.ai", description="Base URL of OpenRouter."
    )
    feeds_max_requests_per_cycle: int = Field(
        default=40, ge=3, description="At most this many requests to one source per cycle."
    )
    feeds_timeout_seconds: float = Field(
        default=20, gt=0, le=300, description="Seconds before one feed request gives up."
    )
    feeds_max_response_mb: int = Field(
        default=20,
        ge=1,
        le=1024,
        description="A feed response larger than this (MB) fails its source, unread.",
    )
    feeds_max_new_per_cycle: int = Field(
        default=50,
        ge=1,
        description=(
            "A cycle that would add more new models than this from one source adds none "
            "(the first, silent look at a source is exempt)."
        ),
    )
    feeds_contact_url: str | None = Field(
        default=None,
        description="A page about this bot, named in the User-Agent sent to the feeds.",
    )
    feeds_config_path: Path | None = Field(
        default=None,
        description="The feeds configuration (TOML); default: feeds.toml of the bundled data.",
    )
    # ---- release alerts (issue 4)
    alerts_rate_per_second: float = Field(
        default=25,
        gt=0,
        le=50,
        description="Announcements sent in any one-second window at most (Discord allows 50).",
    )
    alerts_concurrency: int = Field(
        default=4, ge=1, le=50, description="Announcements in flight at once at most."
    )
    alerts_max_attempts: int = Field(
        default=5,
        ge=1,
        le=10,
        description="Tries per announcement on 5xx or network errors before it is failed.",
    )
    alerts_poll_seconds: float = Field(
        default=3,
        gt=0,
        le=300,
        description="Seconds between checks for new entries and announcements due.",
    )

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("log_level must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None

"""Named schema migrations. Only ever append to MIGRATIONS; never edit one that has shipped."""

from __future__ import annotations

from typing import Final

MIGRATIONS: Final[list[tuple[str, str]]] = [
    (
        "0001_catalog",
        """
        CREATE TABLE labs (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            country TEXT,
            hugging_face TEXT,
            data TEXT NOT NULL,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE models (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            lab_id INTEGER NOT NULL REFERENCES labs(id),
            name TEXT NOT NULL,
            family TEXT,
            released TEXT NOT NULL,
            released_precision TEXT NOT NULL,
            kind TEXT,
            open_weights INTEGER,
            architecture TEXT,
            params_total INTEGER,
            params_active INTEGER,
            context INTEGER,
            max_output INTEGER,
            price_input REAL,
            price_output REAL,
            predecessor TEXT,
            hugging_face TEXT,
            data TEXT NOT NULL,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX models_lab_released ON models(lab_id, released);
        CREATE INDEX models_released ON models(released);
        CREATE INDEX models_name ON models(lower(name));
        CREATE INDEX models_predecessor ON models(predecessor);
        CREATE INDEX models_hugging_face ON models(lower(hugging_face));
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            lab_id INTEGER NOT NULL REFERENCES labs(id),
            date TEXT NOT NULL,
            date_precision TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            data TEXT NOT NULL,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_lab_date ON events(lab_id, date);
        CREATE TABLE event_models (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, model_id)
        );
        CREATE INDEX event_models_model ON event_models(model_id);
        CREATE TABLE aliases (
            entity TEXT NOT NULL CHECK (entity IN ('lab', 'model')),
            entity_id INTEGER NOT NULL,
            alias TEXT NOT NULL,
            norm TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id, alias)
        );
        CREATE INDEX aliases_norm ON aliases(norm);
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_new_entries",
        """
        CREATE TABLE new_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL CHECK (entity IN ('model', 'event')),
            entity_id INTEGER NOT NULL,
            slug TEXT NOT NULL,
            released TEXT NOT NULL,
            added_at TEXT NOT NULL,
            source TEXT NOT NULL,
            announce INTEGER NOT NULL CHECK (announce IN (0, 1)),
            reason TEXT NOT NULL,
            UNIQUE (entity, entity_id)
        );
        CREATE INDEX new_entries_announce ON new_entries(announce, id);
        """,
    ),
    (
        "0004_feeds",
        """
        CREATE TABLE feed_sources (
            source TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            cursor TEXT
        );
        CREATE TABLE feed_scopes (
            source TEXT NOT NULL,
            scope TEXT NOT NULL,
            seeded_at TEXT NOT NULL,
            PRIMARY KEY (source, scope)
        );
        CREATE TABLE feed_items (
            source TEXT NOT NULL,
            item TEXT NOT NULL,
            scope TEXT NOT NULL,
            outcome TEXT NOT NULL,
            model_slug TEXT,
            detail TEXT,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            PRIMARY KEY (source, item)
        );
        CREATE TABLE feed_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE feed_found (
            model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            item TEXT NOT NULL,
            url TEXT NOT NULL,
            created INTEGER NOT NULL CHECK (created IN (0, 1)),
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            PRIMARY KEY (model_id, source, item)
        );
        CREATE TABLE feed_fields (
            model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            source TEXT NOT NULL,
            item TEXT NOT NULL,
            value TEXT NOT NULL,
            filled_at TEXT NOT NULL,
            PRIMARY KEY (model_id, field)
        );
        """,
    ),
    (
        # Release alerts (issue 4; named 0005 as it came after 0004_feeds, so names sort in
        # the order applied). A subscription announces entries whose new_entries.id is
        # above start_after (the largest id when it was made: nothing older is replayed).
        # alert_messages is the outbox: one row per Discord message (one entry, or a digest
        # of several) with its state, attempts and nonce. alert_deliveries records which
        # (subscription, entry) each message carries, unique per subscription and per
        # channel, so no channel gets an entry twice even from overlapping subscriptions.
        "0005_alerts",
        """
        CREATE TABLE alert_subscriptions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            lab TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '',
            role_id INTEGER,
            created_by INTEGER,
            created_at TEXT NOT NULL,
            start_after INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'active'
                CHECK (state IN ('active', 'disabled', 'removed')),
            disabled_reason TEXT,
            changed_at TEXT NOT NULL,
            last_announced_at TEXT,
            last_error TEXT,
            last_error_at TEXT,
            UNIQUE (channel_id, lab, kind)
        );
        CREATE INDEX alert_subscriptions_guild ON alert_subscriptions(guild_id, state);
        CREATE INDEX alert_subscriptions_state ON alert_subscriptions(state, channel_id);
        CREATE TABLE alert_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            role_ids TEXT NOT NULL DEFAULT '',
            nonce TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_by TEXT,
            discord_message_id INTEGER,
            last_error TEXT,
            created_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX alert_messages_due ON alert_messages(state, next_attempt_at);
        CREATE INDEX alert_messages_channel ON alert_messages(channel_id, state);
        CREATE TABLE alert_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER NOT NULL REFERENCES alert_messages(id),
            subscription_id INTEGER NOT NULL REFERENCES alert_subscriptions(id),
            new_entry_id INTEGER NOT NULL REFERENCES new_entries(id),
            channel_id INTEGER NOT NULL,
            UNIQUE (subscription_id, new_entry_id),
            UNIQUE (channel_id, new_entry_id)
        );
        CREATE INDEX alert_deliveries_message ON alert_deliveries(message_id);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('alerts_planned_through', '0')
        """,
    ),
    (
        # An event's short display name ("NSA", "MoBA"), read by the compact listings
        # (/timeline, /coincidences, /search rows) without parsing every event's JSON.
        "0006_event_short_names",
        """
        ALTER TABLE events ADD COLUMN short_name TEXT;
        UPDATE events SET short_name = json_extract(data, '$.short_name')
        """,
    ),
    (
        # Release alerts (issue 11): filters beyond lab and kind, and where a subscription
        # posts. open_weights_only (0/1) and min_params (total parameters; NULL for none)
        # narrow a subscription to models that pass them; subscribing again to the same
        # channel, lab and kind changes them like the role. channel_type says how to post:
        # 'text' (a message; text and announcement channels), 'forum' (a post per entry) or
        # 'thread' (a message in the thread).
        "0007_alert_filters_and_destinations",
        """
        ALTER TABLE alert_subscriptions ADD COLUMN open_weights_only INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE alert_subscriptions ADD COLUMN min_params INTEGER;
        ALTER TABLE alert_subscriptions ADD COLUMN channel_type TEXT NOT NULL DEFAULT 'text'
            CHECK (channel_type IN ('text', 'forum', 'thread'))
        """,
    ),
]

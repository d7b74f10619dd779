"""Feed watchers: new releases noticed on Hugging Face and OpenRouter become catalog entries.

config (data/feeds.toml), http (polite, classified GETs), huggingface and openrouter (listings
to observations), match (observations to known models), plan (what changes), watcher (one
cycle, one transaction per source), report (text for the terminal).
"""

# Model Radar: the bot in a slim image, its store on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    MODELRADAR_DATABASE_PATH=/data/modelradar.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY data ./data
RUN pip install . \
    && useradd --create-home --uid 10001 radar \
    && mkdir -p /data && chown radar:radar /data

USER radar
VOLUME ["/data"]
# DISCORD_TOKEN comes from the environment: docker run -e DISCORD_TOKEN=... -v radar:/data ...
CMD ["modelradar", "run"]

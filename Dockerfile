# Model Radar: the bot in a slim image, its store on a volume.
# The base image is pinned to a patch version: upgrade it on purpose, not by a rebuild.
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

# ---- build: the wheel (bot/ with data/ inside it as bot/_bundled_data)
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY data ./data
RUN pip wheel --no-deps --wheel-dir /wheels .

# ---- run
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MODELRADAR_DATABASE_PATH=/data/modelradar.db

# A font that draws Chinese, so zh-CN members get Chinese charts (bot/render/charts.py picks
# "WenQuanYi Micro Hei"; without it their charts are drawn in English).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, in their own layer: read from pyproject's list, so a code change reuses
# this layer and only a change to pyproject.toml reinstalls them.
COPY pyproject.toml /tmp/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/pyproject.toml /tmp/requirements.txt \
    && useradd --create-home --uid 10001 radar \
    && mkdir -p /data && chown radar:radar /data

# Then the code: bot/ and data/ once, inside the wheel.
COPY --from=build /wheels /wheels
RUN pip install --no-deps /wheels/*.whl && rm -rf /wheels

USER radar
VOLUME ["/data"]
# The bot touches /data/modelradar.db.heartbeat every minute while connected to Discord
# (bot/exts/heartbeat.py): unhealthy when the file is missing or older than three minutes.
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=2 \
    CMD python -c "import sys; from bot.app import heartbeat_fresh; from bot.config import Settings; sys.exit(0 if heartbeat_fresh(Settings().database_path) else 1)"
# DISCORD_TOKEN comes from the environment: docker run -e DISCORD_TOKEN=... -v radar:/data ...
CMD ["modelradar", "run"]

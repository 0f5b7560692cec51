# FastFM API image: a venv built by uv from uv.lock, run as an unprivileged user.
#   docker build -t fastfm .
#   docker run -e FASTFM_ENV=production -e FASTFM_SECRET_KEY=... -p 8000:8000 fastfm

FROM python:3.11-slim-bookworm AS build
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir "uv==0.13.8"
WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --extra sentry --no-install-project
COPY alembic.ini ./
COPY migrations ./migrations
COPY src ./src
RUN uv sync --frozen --no-dev --extra sentry

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FASTFM_DATA_DIR=/data \
    FASTFM_METRICS_DIR=/tmp/fastfm-metrics \
    WEB_CONCURRENCY=2
RUN groupadd --system --gid 10001 fastfm \
    && useradd --system --uid 10001 --gid fastfm --home-dir /app --no-create-home fastfm \
    && mkdir -p /data \
    && chown fastfm:fastfm /data
WORKDIR /app
COPY --from=build --chown=fastfm:fastfm /app /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# Migrations run once per deployment (`fastfm db upgrade`, the compose `migrate`
# service), not in every replica. exec: the server gets SIGTERM and shuts down gracefully.
CMD ["sh", "-c", "exec fastfm serve --host 0.0.0.0 --port 8000 --workers \"${WEB_CONCURRENCY}\" --no-upgrade"]

# The worker image: tesseract included, runs as a non-root user.
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       tesseract-ocr tesseract-ocr-eng tesseract-ocr-nld tesseract-ocr-osd poppler-utils \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 mailbot
WORKDIR /app
COPY pyproject.toml README.md ./
COPY mailbot ./mailbot
COPY classifiers ./classifiers
RUN pip install --no-cache-dir .

USER 10001
ENV MAILBOT_DATA_DIR=/home/mailbot/data \
    OMP_THREAD_LIMIT=1 \
    PYTHONUNBUFFERED=1
VOLUME ["/home/mailbot/data"]
# `mailbot status` exits 0 healthy, 1 degraded, 2 failing. Docker knows only 0 healthy and
# 1 unhealthy (2 is reserved): a blip (degraded) is still healthy, failing is unhealthy. The
# start period covers start-up and the first poll.
HEALTHCHECK --interval=60s --timeout=30s --start-period=120s --retries=3 \
    CMD ["sh", "-c", "mailbot status > /dev/null; [ $? -lt 2 ]"]
# `mailbot web` (the HR dashboard, same image: `docker run … IMAGE mailbot web` with
# MAILBOT_WEB_HOST=0.0.0.0) listens here; publish it to the reverse proxy only.
EXPOSE 8080
CMD ["mailbot", "run"]

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
CMD ["mailbot", "run"]

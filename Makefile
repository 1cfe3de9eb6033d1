# Two commands do all the set-up on a fresh Debian/Ubuntu machine:
#   make demo   - install what is missing, then run one cycle over the sample mailbox
#   make test   - install what is missing, then lint and run the whole test suite
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-nld tesseract-ocr-osd \
	dovecot-imapd fonts-ocr-b fonts-dejavu-core poppler-utils chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR := demo

.PHONY: setup system python demo test lint fixtures bench model clean

setup: system python

# Debian packages: installed only when missing, so repeated runs are fast and offline.
system:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

python: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

demo: setup
	MAILBOT_DATA_DIR=$(DEMO_DIR)/data $(BIN)/mailbot case import fixtures/emails/declared.toml
	MAILBOT_DATA_DIR=$(DEMO_DIR)/data $(BIN)/mailbot run --once \
		--source fixtures/emails --outbox $(DEMO_DIR)/outbox
	@echo "Replies and HR mails: $(DEMO_DIR)/outbox/  (run again: nothing is processed twice)"

lint: python
	$(BIN)/ruff check .
	$(BIN)/hadolint Dockerfile

test: setup lint
	OMP_THREAD_LIMIT=1 $(BIN)/python -m pytest -q -n auto --dist loadfile

fixtures: python
	$(BIN)/python -m fixtures.synth.mailbox

# Retrain the document models deterministically (same inputs, same bytes) into
# classifiers/model/kinds.json (first kinds) and family.json (family stage), adding the
# examples HR labelled in `mailbot review` when there are.
MAILBOT_DATA_DIR ?= data
model: python
	OMP_NUM_THREADS=1 $(BIN)/python -m fixtures.training.train \
		$$([ -d "$(MAILBOT_DATA_DIR)/training" ] && echo --examples "$(MAILBOT_DATA_DIR)/training")

bench: setup
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python -m pip install -q --no-deps 'passporteye>=2.2'
	$(BIN)/python -m bench.classify
	$(BIN)/python -m bench.kinds
	$(BIN)/python -m bench.mailbox
	$(BIN)/python -m bench.intake
	$(BIN)/python -m bench.web

clean:
	rm -rf $(DEMO_DIR) .pytest_cache .ruff_cache

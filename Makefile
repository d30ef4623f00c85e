# make run   - set up what is missing, then start the assistant (action server + Rasa server)
# make test  - set up what is missing, then run every test
# make unit  - the tests that need no server (no trained model needed)
# make lint  - ruff and mypy
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
# The rasa CLI with our changes to Rasa applied (run_rasa.py, channels/rasa_patches.py).
RASA := $(PYTHON) run_rasa.py
INSTALLED := $(VENV)/.installed
PIPELINE := build/spacy_pipeline/meta.json
# The learned emergency screen, trained on the development cases (triage/reading/train_learned_screen.py).
SCREEN := build/learned_screen.json
MODEL := models/triage.tar.gz
CONVERSATION_TESTS := tests/conversations

HOST ?= 127.0.0.1
RASA_PORT ?= 5005
ACTION_PORT ?= 5055
WEB_PORT ?= 8080
# The chat widget's dependency (socket.io-client), installed from web/package-lock.json.
WEB_INSTALLED := web/node_modules/.package-lock.json
# Browser tests drive Debian's Chromium: Playwright's own browser download is unreachable.
CHROMIUM := /usr/bin/chromium
RABBITMQ := /usr/lib/rabbitmq/bin/rabbitmq-server

# Quieter logs: TensorFlow's CUDA probing and SQLAlchemy's 2.0 notice say nothing about us.
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning
export RASA_TELEMETRY_ENABLED := false

.PHONY: help install pipeline train run actions shell web browser test unit lint test-python validate test-conversations \
        rule-book check-rule-book worklist report rest-token evaluate-nlu evaluate-corpus evaluate-heldout lock clean cluster cluster-down reliability bench

help:
	@echo "make run    set up what is missing and start the assistant on http://$(HOST):$(RASA_PORT)"
	@echo "make test   set up what is missing and run every test"
	@echo "make unit   the tests that need no server, about 30 s (no trained model needed)"
	@echo "make lint   ruff over the code and tests, mypy on triage/"
	@echo "make shell  chat in the terminal (rasa shell)"

install: $(INSTALLED)

$(INSTALLED): requirements/lock.txt pyproject.toml scripts/find_python310.sh
	@python310=$$(scripts/find_python310.sh) && \
	  { [ -x $(PYTHON) ] && $(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' \
	    || { rm -rf $(VENV) && "$$python310" -m venv $(VENV); }; }
	$(PYTHON) -m pip install --quiet --upgrade pip==24.0
	$(PYTHON) -m pip install --quiet -r requirements/lock.txt
	$(PYTHON) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

pipeline: $(PIPELINE) $(SCREEN)

$(PIPELINE): $(INSTALLED) triage/reading/build_pipeline.py triage/reading/emergency_screen.py \
             triage/reading/hypothetical_screen.py triage/reading/word_sense_screen.py triage/reading/historical_screen.py \
             triage/reading/treatment_words.py triage/reading/pattern_schema.py $(wildcard triage/reading/patterns/*.yml)
	$(PYTHON) -m triage.reading.build_pipeline --out build/spacy_pipeline

$(SCREEN): $(INSTALLED) triage/reading/train_learned_screen.py triage/reading/learned_screen.py \
           triage/reading/learned_screen_negatives.yml data/nlu.yml tests/triage_cases/language/short_chat.yml \
           $(wildcard tests/triage_cases/*.yml tests/triage_cases/*/*development.yml tests/triage_cases/*/*round2.yml)
	$(PYTHON) -m triage.reading.train_learned_screen --out $@

train: $(MODEL)

$(MODEL): $(PIPELINE) config.yml domain.yml $(wildcard data/*.yml)
	$(RASA) train --fixed-model-name triage --out models

run: $(MODEL) $(SCREEN) $(WEB_INSTALLED)
	@$(PYTHON) scripts/purge_conversations.py --endpoints endpoints.yml
	@# The widget's conversation tokens are signed with SESSION_SECRET; one kept in var/ outlives a restart.
	@test -s var/session_secret || { umask 077; $(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > var/session_secret; }
	@# The REST channel requires this token by default (make rest-token prints it); REST_TOKEN overrides it.
	@test -s var/rest_token || { umask 077; $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(32))" > var/rest_token; }
	@# Conversations are health data: var/ and what the servers write there are the user's alone.
	@chmod 700 var && find var -maxdepth 1 -type f -exec chmod 600 {} +
	@umask 077; export SESSION_SECRET=$${SESSION_SECRET:-$$(cat var/session_secret)}; \
	  export REST_TOKEN=$${REST_TOKEN:-$$(cat var/rest_token)}; \
	  trap 'kill $$action_pid $$web_pid 2>/dev/null' EXIT; \
	  SANIC_HOST=$(HOST) $(PYTHON) -m actions --port $(ACTION_PORT) & action_pid=$$!; \
	  $(PYTHON) scripts/serve_web.py --host $(HOST) --port $(WEB_PORT) --rasa-url http://$(HOST):$(RASA_PORT) --endpoints endpoints.yml & web_pid=$$!; \
	  echo "Action server: http://$(HOST):$(ACTION_PORT)  |  Rasa REST channel: http://$(HOST):$(RASA_PORT)/webhooks/rest/webhook"; \
	  echo "Chat widget for patients: http://$(HOST):$(WEB_PORT)/ (it answers once the Rasa server is up)"; \
	  echo "Try: curl -s -H \"Authorization: Bearer \$$(make -s rest-token)\" http://$(HOST):$(RASA_PORT)/webhooks/rest/webhook -d '{\"sender\":\"me\",\"message\":\"my blister is leaking\"}'"; \
	  $(RASA) run --interface $(HOST) --port $(RASA_PORT) --model $(MODEL) --endpoints endpoints.yml --credentials credentials.yml

actions: $(PIPELINE) $(SCREEN)
	SANIC_HOST=$(HOST) $(PYTHON) -m actions --port $(ACTION_PORT)

# Ports of its own, so that it runs beside `make run`; its conversations go to var/shell.db.
SHELL_PORT ?= 5006
SHELL_ACTION_PORT ?= 5056

shell: $(MODEL) $(SCREEN)
	@mkdir -p build
	@sed -e 's#$(HOST):$(ACTION_PORT)#$(HOST):$(SHELL_ACTION_PORT)#' -e 's#var/conversations.db#var/shell.db#' \
	  endpoints.yml > build/shell-endpoints.yml
	@trap 'kill $$action_pid 2>/dev/null' EXIT; \
	  SANIC_HOST=$(HOST) $(PYTHON) -m actions --port $(SHELL_ACTION_PORT) > build/shell-actions.log 2>&1 & action_pid=$$!; \
	  $(RASA) shell --model $(MODEL) --endpoints build/shell-endpoints.yml --port $(SHELL_PORT)

# The chat widget's one npm dependency, served from this machine (no CDN at run time).
web: $(WEB_INSTALLED)

$(WEB_INSTALLED): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund

# Debian's Chromium for the browser tests; needs root (or sudo) the first time.
browser: $(CHROMIUM)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get install -y --no-install-recommends chromium || \
	  { $$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends chromium; }

# RabbitMQ for the Pika event broker's tests (a node of their own on loopback, scripts/rabbitmq.sh).
$(RABBITMQ):
	scripts/rabbitmq.sh install

test: test-python validate test-conversations check-rule-book

# Every Python test that starts no server: tests/integration and tests/browser are marked integration and
# browser by their conftest.py (markers: pyproject.toml). They read messages with the spaCy pipeline and
# drive the actions directly, so they need no trained model.
unit: $(PIPELINE) $(SCREEN)
	$(PYTHON) -m pytest -m "not integration and not browser" -q

# Ruff with a small rule set (pyproject.toml: E4, E7, E9, F and B008) and mypy on triage/, the pure engine.
lint: $(INSTALLED)
	$(PYTHON) -m ruff check actions channels nlu_components triage scripts tests
	$(PYTHON) -m mypy triage

# The clinicians' rule book, generated from triage/rulebook.yml.
rule-book: $(INSTALLED)
	$(PYTHON) scripts/write_rule_book.py

check-rule-book: $(INSTALLED)
	$(PYTHON) scripts/write_rule_book.py --check

test-python: $(MODEL) $(SCREEN) $(WEB_INSTALLED) $(CHROMIUM) $(RABBITMQ)
	$(PYTHON) -m pytest

# --fail-on-warnings misses some of the validator's warnings (an unused response only warns),
# so any warning the validator prints fails the build too.
validate: $(INSTALLED)
	@mkdir -p build
	@$(RASA) data validate --fail-on-warnings 2>&1 | tee build/validate.log
	@# The validator does not know that a form asks with utter_ask_<slot>: those are used.
	@! grep -E "UserWarning|WARNING" build/validate.log | grep -v "utterance 'utter_ask_followup_[a-z_]*' is not used"

test-conversations: $(MODEL) $(SCREEN)
	rm -rf build/results/core
	$(RASA) test core --e2e --model $(MODEL) --stories $(CONVERSATION_TESTS) --fail-on-prediction-errors --out build/results/core
	@# Rasa reads only files named test_*.yml here and passes when it found none: make sure it read ours.
	@$(PYTHON) scripts/check_conversation_report.py build/results/core $(CONVERSATION_TESTS)

# The corpus of real patients' words through a fresh assistant (scripts/evaluate_corpus.py). make test
# gates on the development part (tests/integration/test_corpus_gate.py); the held-out part is the
# honest figure, run once at the end of a change and reported only in its closing note.
CORPUS := tests/triage_cases/corpus

evaluate-corpus: $(MODEL) $(SCREEN)
	$(PYTHON) scripts/evaluate_corpus.py $(CORPUS)/development.yml

evaluate-heldout: $(MODEL) $(SCREEN)
	$(PYTHON) scripts/evaluate_corpus.py $(CORPUS)/heldout.yml

# A measurement, not a gate: intent and entity F1 by 5-fold cross-validation.
evaluate-nlu: $(PIPELINE)
	$(RASA) test nlu --nlu data/nlu.yml --cross-validation --folds 5 --out build/results/cross-validation
	@$(PYTHON) -c "import json; r=json.load(open('build/results/cross-validation/intent_report.json')); print('intent weighted F1: %.3f' % r['weighted avg']['f1-score'])"

# The production topology on one machine, on loopback (scripts/cluster.sh): PostgreSQL tracker store,
# Redis lock store, two Rasa servers, two action servers, nginx in front on http://127.0.0.1:5080.
# Installs Debian's postgresql, redis-server and nginx if missing.
cluster: $(MODEL) $(SCREEN)
	scripts/cluster.sh up

cluster-down:
	scripts/cluster.sh down

# The heavy reliability test, not in CI: 200 conversations x 3 turns through nginx, 50 at a time, one
# Rasa server killed part-way, then every Rasa server restarted mid-questions (scripts/cluster_load.py).
reliability: $(MODEL) $(SCREEN)
	@# A cluster already up (make cluster) is reused and left up; one started here is stopped at the end.
	@scripts/cluster.sh status >/dev/null 2>&1 || trap 'scripts/cluster.sh down' EXIT; \
	  scripts/cluster.sh up; $(PYTHON) scripts/cluster_load.py

# A measurement, not a gate: ours against Rasa's starter (rasa init) on this machine, with the same client
# (scripts/bench.py; figures in docs/performance.md). Writes build/bench/results.json and the plot.
# The REST channel's token, generated by the first `make run` (var/rest_token), unless REST_TOKEN is set.
rest-token:
	@if [ -n "$${REST_TOKEN:-}" ]; then echo "$$REST_TOKEN"; elif [ -s var/rest_token ]; then cat var/rest_token; \
	  else echo "no token yet: run make run once (or set REST_TOKEN)" >&2; exit 1; fi

# The call-back worklist for clinic staff: emergency, urgent and unassessed outcomes of the last HOURS.
HOURS ?= 24
worklist: $(INSTALLED)
	@$(PYTHON) scripts/worklist.py --endpoints endpoints.yml --hours $(HOURS) $(if $(TRANSCRIPTS),--transcripts)

# The clinic report: one HTML file with plots, from the event broker's records.
report: $(INSTALLED)
	@$(PYTHON) scripts/report.py --endpoints endpoints.yml --out build/clinic-report.html

bench: $(MODEL) $(SCREEN)
	$(PYTHON) scripts/bench.py --concurrency-sweep --out build/bench

# Re-pin every package after changing requirements/base.in.
lock: $(INSTALLED)
	$(PYTHON) -m pip install --quiet -r requirements/base.in
	{ echo "# Every package, transitive ones included, at the version verified together (pip freeze)."; \
	  echo "# Direct dependencies and why: requirements/base.in. Regenerate: make lock"; \
	  $(PYTHON) -m pip freeze --exclude-editable; } > requirements/lock.txt

clean:
	rm -rf build models/*.tar.gz .pytest_cache

# ahdath: two commands work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test venv dev lint models bench eval clean

$(BIN)/ahdath: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.dev: $(BIN)/ahdath
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

venv: $(BIN)/ahdath
dev: $(VENV)/.dev

## demo: set up and code the bundled sample article, printing its events
demo: venv
	$(BIN)/ahdath code examples/sample_article.txt --date 2023-10-14 --format table

## test: set up with dev extras and run lint + tests
test: dev
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/pytest

lint: dev
	$(BIN)/ruff check src tests benchmarks training

## models: rebuild the shipped models from ../shared (NER, transliteration, event classifier, sides ranker, mode and status models, event filter)
models: dev
	$(BIN)/pip install -q -e ".[train]"
	$(BIN)/python training/ner/train.py
	$(BIN)/python training/translit/train.py
	$(BIN)/python training/events/train.py
	$(BIN)/python training/events/train_sides.py
	$(BIN)/python training/events/train_modes.py
	$(BIN)/python training/events/train_modes.py --sentence
	$(BIN)/python training/events/train_status.py
	$(BIN)/python training/events/train_detect.py

## eval: dev gold set scores (needs ../shared)
eval: venv
	$(BIN)/ahdath eval events $(SHARED)/data/gold/dev_gold.jsonl $(SHARED)/data/gold/dev_articles.jsonl

bench: venv
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache

# Two commands do everything on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
APP_PORT ?= 8866
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: venv lab test lint unit nbval browser app notebooks figures bench clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

lab: venv
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=. notebooks/00_index.ipynb

test: venv lint
	$(BIN)/pytest $(NBVAL) tests notebooks

lint: venv
	$(BIN)/ruff check nnfs_helpers tests benchmarks notebooks

unit: venv
	$(BIN)/pytest tests -m "not browser"

nbval: venv
	$(BIN)/pytest $(NBVAL) notebooks

browser: venv
	$(BIN)/pytest tests -m browser

app: venv
	$(BIN)/voila notebooks/07_sine_by_hand.ipynb --no-browser --port=$(APP_PORT) \
		--Voila.ip=127.0.0.1 --strip_sources=True

notebooks: venv
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb

figures: venv
	$(BIN)/python -m nnfs_helpers.figures

bench: venv
	$(BIN)/python benchmarks/activations.py
	$(BIN)/python benchmarks/training.py
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/slider_kernel.py
	$(BIN)/python benchmarks/notebooks.py
	$(BIN)/python benchmarks/slider_latency.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts

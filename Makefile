# Two commands do everything on a fresh machine: `make lab` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
PORT ?= 8888
APP_PORT ?= 8866
CLASS_PORT ?= 8000
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
PIP := pip install --quiet
REQUIREMENTS ?= -r $(LOCK)
MIN_VENV ?= .venv-min
LATEST_VENV ?= .venv-latest

.PHONY: venv lab test lint unit nbval browser browser-deps app notebooks figures bench bench-class clean \
	lock test-min test-latest class class-update site site-deps

venv: $(VENV)/.installed

# A class gets the versions in the lock, the ones the tests passed with.
$(VENV)/.installed: $(LOCK) pyproject.toml jupyter/overrides.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/$(PIP) --upgrade pip
	$(BIN)/$(PIP) $(REQUIREMENTS)
	$(BIN)/$(PIP) --no-deps -e .
	# The project's JupyterLab settings (no news prompt), for this venv only.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# The link Lab prints (and the page it opens) is the index notebook. The server
# gives each kernel CurveZMQ keys, so kernel traffic on 127.0.0.1 is encrypted and
# ipykernel no longer warns at every start that it is not. (Local sockets,
# --KernelManager.transport=ipc, also silence it, but fail on a long runtime path.)
LAB_START := /lab/tree/notebooks/00_index.ipynb

lab: venv
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=. --LabApp.default_url=$(LAB_START) \
		--KernelManager.transport_encryption=auto

test: venv lint browser-deps site
	node --test tests/js/
	$(BIN)/pytest $(NBVAL) tests notebooks

# The lowest versions requirements.txt allows: its `>=` bounds turned into `==`.
test-min:
	mkdir -p $(MIN_VENV) && rm -f $(MIN_VENV)/.installed
	sed 's/>=/==/' requirements.txt > $(MIN_VENV)/requirements-min.txt
	$(MAKE) lint unit nbval VENV=$(MIN_VENV) REQUIREMENTS="-r $(MIN_VENV)/requirements-min.txt"

# The newest releases requirements.txt allows, in a venv of their own.
test-latest:
	rm -f $(LATEST_VENV)/.installed
	$(MAKE) test VENV=$(LATEST_VENV) \
		REQUIREMENTS="--upgrade --upgrade-strategy eager -r requirements.txt"

lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/$(PIP) pip-tools
	.venv-lock/bin/pip-compile --quiet --upgrade --strip-extras \
		--no-emit-index-url --no-emit-find-links --constraint lock-constraints.txt \
		--output-file $(LOCK) requirements.txt

lint: venv site-deps
	$(BIN)/ruff check nnfs_helpers harness tests benchmarks notebooks app class site
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	node site/lint_workflows.js .github/workflows/*.yml
	[ -d tests/js/node_modules ] || npm ci --prefix tests/js --no-audit --no-fund --silent
	npx --prefix tests/js eslint --config tests/js/eslint.config.js nnfs_helpers tests

unit: venv
	$(BIN)/pytest tests -m "not browser"

nbval: venv
	$(BIN)/pytest $(NBVAL) notebooks

# axe-core, for the accessibility checks of the browser tests (pinned in tests/browser/package.json).
# and the class hub's proxy (pinned in class/package.json).
browser-deps:
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix tests/browser --no-audit --no-fund --silent; \
		npm ci --prefix class --no-audit --no-fund --silent; \
	else echo "npm not found: the accessibility and class tests will be skipped (CI fails them)"; fi

browser: venv browser-deps site
	$(BIN)/pytest tests -m browser

# The series as a static web site, from the committed notebooks (no kernel), in
# site/_build/html; its front ends come from site/package.json.
site: venv site-deps
	$(BIN)/python site/build.py

# Installed again only when site/package-lock.json changes.
site-deps: site/node_modules/.installed

site/node_modules/.installed: site/package-lock.json
	npm ci --prefix site --ignore-scripts --no-audit --no-fund --silent
	touch $@

app: venv
	$(BIN)/python app/serve.py --port=$(APP_PORT)

# JupyterHub for a class on this machine (demo login on loopback by default; a class list,
# TLS and other settings as CLASS_... variables): see docs/teaching.md.
class: venv
	$(BIN)/python class/launch.py --port $(CLASS_PORT)

# Publish the notebooks and images as the class's newest version, the hub running or not:
# learners get it, their edits kept, when they open the class's address again.
class-update: venv
	$(BIN)/python class/launch.py --update

notebooks: venv
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb

figures: venv
	$(BIN)/python -m nnfs_helpers.figures

bench: venv
	$(BIN)/python -m benchmarks.activations
	$(BIN)/python -m benchmarks.training
	$(BIN)/python -m benchmarks.import_time
	$(BIN)/python -m benchmarks.slider_kernel
	$(BIN)/python -m benchmarks.notebooks
	$(BIN)/python -m benchmarks.slider_latency --runs 3 --moves 40 --breakdown
	$(BIN)/python -m benchmarks.canvas_latency

# About 13 minutes: a class of 1, 5, 10 and 20 learners on JupyterHub and on the app.
bench-class: venv browser-deps
	$(BIN)/python -m benchmarks.class_load --learners 1,5,10,20 --seconds 60

clean:
	rm -rf $(VENV) .venv-min .venv-latest .venv-lock .pytest_cache .ruff_cache .hypothesis \
		test-artifacts tests/browser/node_modules site/_build site/node_modules

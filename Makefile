# burgerflow: `make run` starts the embedded stack, `make test` runs lint, types and tests.
#
# `.venv/` holds exactly `requirements.lock` (every package pinned, with its hashes, for
# CPython 3.11 on Linux x86_64) plus the project itself, editable. `make lock` updates the
# lock after a change to the dependencies in pyproject.toml; `make lock-upgrade` moves every
# pin to its newest release.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
LOCK := requirements.lock
LOCK_STAMP := $(VENV)/.lock-stamp
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium

# uv writes the lock; it is installed by hash from requirements-uv.txt into its own venv.
UV_VENV := .venv-uv
UV := $(UV_VENV)/bin/uv
LOCK_ARGS := pyproject.toml - --extra dev --generate-hashes --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command 'make lock' \
	--quiet --output-file $(LOCK)

.PHONY: install run test lint fmt clean browser lock lock-upgrade nlds axe

install: $(STAMP)

# A fresh venv from the lock whenever the lock changes: nothing resolved, nothing left over.
$(LOCK_STAMP): $(LOCK)
	$(PYTHON) -m venv --clear $(VENV)
	$(PIP) install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	touch $(LOCK_STAMP)

# The project itself, from the packages already installed (--no-index: a dependency in
# pyproject.toml that the lock lacks stops here).
$(STAMP): $(LOCK_STAMP) pyproject.toml
	$(PIP) install --quiet --no-index --no-build-isolation -e '.[dev]' \
		|| { echo "$(LOCK) does not satisfy pyproject.toml: run 'make lock'" >&2; exit 1; }
	$(PIP) check
	touch $(STAMP)

run: install
	$(BIN)/burgerflow up

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: browser lint
	$(BIN)/pytest -q

# The browser tests drive Debian's Chromium (Playwright never downloads a browser).
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		&& [ -x $(CHROMIUM) ] \
		|| { echo "could not install $(CHROMIUM) with apt-get" >&2; exit 1; }; \
	else \
		echo "The browser tests need $(CHROMIUM), Debian's Chromium. Install it with" >&2; \
		echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2; \
		echo "(make test installs it itself when run as root on Debian)." >&2; \
		exit 1; \
	fi

$(UV): requirements-uv.txt
	test -x $(UV_VENV)/bin/python || $(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip --disable-pip-version-check install --quiet \
		--require-hashes --only-binary :all: -r requirements-uv.txt
	touch $(UV)

# The lock's input: pyproject.toml's dependencies with the dev extra, and its build-system
# requirements (the editable install builds without isolation, from the lock).
BUILD_REQUIRES := $(PYTHON) -c 'import tomllib; \
	print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'

# LOCK_FLAGS passes more options to uv, e.g. LOCK_FLAGS='--upgrade-package httpx'.
lock: $(UV)
	$(BUILD_REQUIRES) | $(UV) pip compile $(LOCK_ARGS) $(LOCK_FLAGS)

lock-upgrade: $(UV)
	$(BUILD_REQUIRES) | $(UV) pip compile $(LOCK_ARGS) --upgrade $(LOCK_FLAGS)

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The pages' NL Design System CSS and the browser tests' axe-core, vendored from pinned npm
# packages into the repository (needs npm; commit the result). Nothing is fetched at run time.
nlds:
	./scripts/vendor-nlds.sh

axe:
	./scripts/vendor-axe.sh

clean:
	rm -rf .burgerflow .mypy_cache .ruff_cache .pytest_cache

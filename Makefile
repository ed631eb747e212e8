# The two commands in the README: `make run` and `make test`.
# The Python for a new .venv: PYTHON when set, otherwise the newest supported
# one on PATH (requires-python in pyproject.toml; CI tests 3.11, see README).
PYTHON ?=
SUPPORTED_PYTHONS := python3.14 python3.13 python3.12 python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo lint check services-start services-stop clean bench

# The pins come from the lock file (requirements/dev.txt, compiled from
# pyproject.toml by scripts/lock), so a fresh clone installs what CI tested;
# the project itself is installed without resolving anything again.
$(STAMP): pyproject.toml requirements/dev.txt
	@test -x $(BIN)/python || { \
	    python="$(PYTHON)"; \
	    if [ -z "$$python" ]; then \
	        for candidate in $(SUPPORTED_PYTHONS); do \
	            if $$candidate -c "" >/dev/null 2>&1; then python=$$candidate; break; fi; \
	        done; \
	    fi; \
	    if [ -z "$$python" ] || ! $$python -c "import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 15))" >/dev/null 2>&1; then \
	        echo "make: needs Python 3.11, 3.12, 3.13 or 3.14 (none found as $(SUPPORTED_PYTHONS);" \
	            "install one, or name it with PYTHON=/path/to/python3)" >&2; \
	        exit 1; \
	    fi; \
	    echo "make: creating $(VENV) with $$($$python -c 'import sys; print(sys.executable, sys.version.split()[0])')"; \
	    $$python -m venv $(VENV); \
	}
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	scripts/test

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

services-start:
	scripts/elasticsearch start
	scripts/postgres start

services-stop:
	-scripts/elasticsearch stop
	-scripts/postgres stop

bench: install
	$(BIN)/python bench/search_bench.py

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache test-artifacts

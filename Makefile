# The README's two commands: `make run` (set up, ingest the bundled seeds, start the app) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= leaderboard.db
PORT ?= 8501

.PHONY: setup ingest run test clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

ingest: setup
	$(BIN)/leaderboard ingest seeds --db $(DB)

run: ingest
	LEADERBOARD_DB_URL=sqlite:///$(abspath $(DB)) $(BIN)/streamlit run app/streamlit_app.py \
		--server.headless true --server.port $(PORT) --browser.gatherUsageStats false

test: setup
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache

"""Database access for the pages: one engine per URL, loads cached by data version.

The cache key includes `queries.data_version`, which changes with every ingest and every
correction, so a saved correction shows at once on every page. The Benchmarks and Leaderboard
pages read benchmark_stats and one page of one leaderboard, never every row.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import board, queries
from leaderboard.store.engine import make_engine, resolve_url

from . import ranking


@st.cache_resource(show_spinner=False)
def _engine(url: str):
    return make_engine(url)


def engine():
    return _engine(resolve_url())


@st.cache_data(show_spinner=False, max_entries=8, ttl=600)
def _rows(url: str, version: tuple) -> pd.DataFrame:
    eng = _engine(url)
    rows = ranking.with_benchmark_keys(ranking.with_categories(queries.all_results(eng)))
    return rows


def rows() -> pd.DataFrame:
    """Every visible result (corrections applied) with hardware category and benchmark keys."""
    url = resolve_url()
    return _rows(url, queries.data_version(_engine(url))).copy()


def _version(url: str) -> tuple:
    return queries.data_version(_engine(url))


@st.cache_data(show_spinner=False, max_entries=8, ttl=600)
def _benchmark_stats(url: str, version: tuple) -> pd.DataFrame:
    return queries.benchmark_stats(_engine(url))


def benchmark_stats() -> pd.DataFrame:
    """Every benchmark with counts and best level, busiest first (the benchmark_stats table)."""
    url = resolve_url()
    return _benchmark_stats(url, _version(url)).copy()


@st.cache_data(show_spinner=False, max_entries=32, ttl=600)
def _facets(url: str, version: tuple, dataset: str, metric: str, hw: str) -> pd.DataFrame:
    return board.facets(_engine(url), board.Board(dataset, metric, hw))


def facets(dataset: str, metric: str, hw: str) -> pd.DataFrame:
    """Row counts of one benchmark by kind, unit, device category, qualifier and status."""
    url = resolve_url()
    return _facets(url, _version(url), dataset, metric, hw).copy()


@st.cache_data(show_spinner=False, max_entries=8)
def _directions(url: str, version: tuple) -> dict:
    return queries.benchmark_directions(_engine(url))


def directions() -> dict:
    url = resolve_url()
    return _directions(url, queries.data_version(_engine(url)))


def session():
    from leaderboard.store.engine import session_factory

    return session_factory(engine())()

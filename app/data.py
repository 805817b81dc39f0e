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


@st.cache_resource(show_spinner=False)
def _engine(url: str):
    return make_engine(url)


def engine():
    return _engine(resolve_url())


def _version(url: str) -> tuple:
    return queries.data_version(_engine(url))


@st.cache_data(show_spinner=False, max_entries=8, ttl=600)
def _datasets(url: str, version: tuple) -> list[str]:
    return queries.datasets_busiest_first(_engine(url))


def datasets() -> list[str]:
    """Every dataset with a benchmark, busiest first (from benchmark_stats)."""
    url = resolve_url()
    return list(_datasets(url, _version(url)))


@st.cache_data(show_spinner=False, max_entries=32, ttl=600)
def _benchmarks_of(url: str, version: tuple, dataset: str) -> pd.DataFrame:
    return queries.benchmarks_of(_engine(url), dataset)


def benchmarks_of(dataset: str) -> pd.DataFrame:
    """The benchmark_stats rows of one dataset, busiest first."""
    url = resolve_url()
    return _benchmarks_of(url, _version(url), dataset).copy()


@st.cache_data(show_spinner=False, max_entries=32, ttl=600)
def _facets(url: str, version: tuple, dataset: str, metric: str, hw: str) -> pd.DataFrame:
    return board.facets(_engine(url), board.Board(dataset, metric, hw))


def facets(dataset: str, metric: str, hw: str) -> pd.DataFrame:
    """Row counts of one benchmark by kind, unit, device category, qualifier and status."""
    url = resolve_url()
    return _facets(url, _version(url), dataset, metric, hw).copy()


@st.cache_data(show_spinner=False, max_entries=8, ttl=600)
def _device_counts(url: str, version: tuple, metrics: tuple) -> pd.DataFrame:
    return board.device_counts(_engine(url), list(metrics))


def device_counts(metrics: tuple) -> pd.DataFrame:
    """Rows measured on a named device, per device category."""
    url = resolve_url()
    return _device_counts(url, _version(url), metrics).copy()


def session():
    from leaderboard.store.engine import session_factory

    return session_factory(engine())()

"""Database access for the pages: one engine per URL, row loads cached by data version.

The cache key includes `queries.data_version`, which changes with every ingest and every
correction, so a saved correction shows at once on every page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import queries
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


@st.cache_data(show_spinner=False, max_entries=8)
def _directions(url: str, version: tuple) -> dict:
    return queries.benchmark_directions(_engine(url))


def directions() -> dict:
    url = resolve_url()
    return _directions(url, queries.data_version(_engine(url)))


def session():
    from leaderboard.store.engine import session_factory

    return session_factory(engine())()

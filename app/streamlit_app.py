"""leaderboard: browse the results extracted from paper abstracts."""

from __future__ import annotations

import streamlit as st

from leaderboard.store import queries
from leaderboard.store.engine import make_engine, resolve_url


@st.cache_resource
def engine(url: str):
    return make_engine(url)


st.set_page_config(page_title="leaderboard", layout="wide")
st.title("leaderboard")
eng = engine(resolve_url())
n = queries.counts(eng)
st.caption(f"{n['papers']} papers from {n['listings']} listings, {n['result_rows']} results, "
           f"{n['corrections']} corrections")
st.dataframe(queries.result_rows(eng, limit=5000), hide_index=True, use_container_width=True)

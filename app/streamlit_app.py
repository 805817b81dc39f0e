"""leaderboard: browse the results extracted from paper abstracts.

Run: `streamlit run app/streamlit_app.py`; the database is $LEADERBOARD_DB_URL or ./leaderboard.db.
Every page and filter is in the URL (?page=leaderboard&dataset=...), so views can be shared.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` puts only app/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from sqlalchemy.exc import OperationalError, ProgrammingError  # noqa: E402

from app import data, state  # noqa: E402
from app.ranking import plural  # noqa: E402
from app.views import PAGES  # noqa: E402
from leaderboard.store import queries  # noqa: E402
from leaderboard.store.engine import describe, resolve_url  # noqa: E402

st.set_page_config(page_title="leaderboard", layout="wide")
state.begin()

try:
    counts = queries.counts(data.engine())
except (OperationalError, ProgrammingError):
    st.error(f"The database {describe(resolve_url())} has no leaderboard tables yet. "
             "Create and fill it with `leaderboard ingest seeds/` (or set LEADERBOARD_DB_URL), then reload.")
    st.stop()

with st.sidebar:
    st.markdown("### leaderboard")
    st.caption("Results reported in ML paper abstracts, with the evidence beside every number.")
    page = state.radio("Page", list(PAGES), "page", format_func=lambda k: PAGES[k].LABEL,
                       label_visibility="collapsed")
    st.caption(" · ".join(plural(counts[k], w) for k, w in (
        ("papers", "paper"), ("listings", "listing"), ("result_rows", "result"), ("corrections", "correction"))))
    st.caption(f"Database: `{describe(resolve_url())}`")

flash = st.session_state.pop("flash", None)
if flash:
    st.success(flash, icon=":material/check_circle:")

PAGES[page].render()
state.finish()

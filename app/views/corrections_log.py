"""Corrections: the append-only log, newest first, with links to each result's paper."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard import corrections
from leaderboard.store import queries

from .. import data, safe, state
from ..forms import describe

LABEL = "Corrections"


def render() -> None:
    st.header("Corrections")
    eng = data.engine()
    log = queries.corrections_log(eng, limit=1000)
    st.caption("Every edit, rejection, addition and revert, newest first. The log is append-only; "
               "reverting is itself a correction.")
    if log.empty:
        st.info("No correction yet. Correct a result from its leaderboard row or its Paper page.")
    else:
        log = log.assign(
            open=[state.link("paper", id=p, result=k) for p, k in zip(log["paper_id"], log["result_key"])],
            what=[describe(*r) for r in zip(log["action"], log["changes"], log["previous"], log["reverts_id"])],
            when=pd.to_datetime(log["created_at"]).dt.strftime("%Y-%m-%d %H:%M"))
        st.dataframe(log[["id", "when", "author", "action", "what", "reason", "paper_title", "open"]],
                     hide_index=True, width="stretch",
                     column_config={"id": st.column_config.NumberColumn("#", width="small"),
                                    "when": st.column_config.TextColumn("when (UTC)"),
                                    "what": st.column_config.TextColumn("what", width="medium"),
                                    "open": st.column_config.LinkColumn("result", display_text="open ↗"),
                                    "paper_title": st.column_config.TextColumn("paper", width="medium")})
    with data.session() as session:
        lost = corrections.orphaned(session)
    if lost:
        st.subheader("Corrections whose extracted row is gone")
        safe.caption("Re-extraction no longer produces these rows; their corrections are kept and still shown.")
        st.dataframe([{"result": o.result_key, "paper": o.paper_title, "status": o.status,
                       "corrections": o.corrections} for o in lost], hide_index=True, width="stretch")

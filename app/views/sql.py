"""SQL: the reader's own query, on a read-only connection, capped in rows and time."""

from __future__ import annotations

import streamlit as st

from leaderboard.store import queries

from .. import data, safe, state

LABEL = "SQL"
MAX_ROWS = 1000
TIMEOUT_S = 5.0
EXAMPLE = """SELECT dataset, metric, model, value, unit, hardware, paper_title
FROM result_rows
WHERE kind = 'absolute'
ORDER BY dataset, metric, value DESC
LIMIT 50"""


def render() -> None:
    st.header("SQL")
    st.caption(f"Read-only: one SELECT over `result_rows` (and the tables listed in the README). "
               f"At most {MAX_ROWS} rows and {TIMEOUT_S:g} s per query. The URL keeps the query, so it can be shared.")
    sql = state.text_area("Query", "sql", default=EXAMPLE, height=160, label_visibility="collapsed")
    if not st.button("Run", type="primary", key="sql_run") and not state.url_value("run"):
        return
    state.remember("run", "1")
    try:
        res = queries.run_readonly(data.engine(), sql, max_rows=MAX_ROWS, timeout_s=TIMEOUT_S)
    except queries.QueryRefused as err:
        st.error(str(err), icon=":material/block:")
        return
    note = f"{len(res.frame)} rows in {res.seconds * 1000:.0f} ms"
    if res.truncated:
        note += f" — stopped at {MAX_ROWS} rows; add a LIMIT or a WHERE clause to see the rest"
    safe.caption(note)
    st.dataframe(res.frame, hide_index=True, width="stretch")
    st.download_button("⬇ CSV", res.frame.to_csv(index=False), file_name="query.csv", mime="text/csv", key="sql_csv")

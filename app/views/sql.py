"""SQL: the reader's own query, on a read-only connection, capped in rows and time."""

from __future__ import annotations

import streamlit as st

from leaderboard.store import queries
from leaderboard.store.views import RESULT_ROWS_COLUMNS

from .. import data, safe, state

LABEL = "SQL"
MAX_ROWS = 1000
TIMEOUT_S = 5.0
EXAMPLES = {
    "Levels per benchmark": """SELECT dataset, metric, model, value, unit, hardware, paper_title
FROM result_rows
WHERE kind = 'absolute' AND dataset IS NOT NULL
ORDER BY dataset, metric, value DESC
LIMIT 50""",
    "ImageNet top-1 with a phone latency from the same paper": """SELECT a.paper_title, a.model, a.value AS top1,
       l.value AS latency_ms, l.hardware
FROM result_rows a
JOIN result_rows l ON l.paper_title = a.paper_title
JOIN results r ON r.result_key = l.result_id
WHERE a.metric = 'top-1 accuracy' AND a.kind = 'absolute' AND a.dataset = 'ImageNet'
  AND l.metric = 'latency' AND l.kind = 'absolute' AND r.hardware_category = 'phone'
ORDER BY a.value DESC LIMIT 10""",
    "Everything measured on a Jetson": """SELECT hardware, metric, value, unit, model, paper_title FROM result_rows
WHERE hardware LIKE '%Jetson%' ORDER BY hardware, metric""",
    "Who corrected what, newest first": """SELECT created_at, author, action, result_key, changes, reason
FROM corrections ORDER BY id DESC""",
}
EXAMPLE = EXAMPLES["Levels per benchmark"]


def _load_example() -> None:
    st.session_state["sql"] = EXAMPLES[st.session_state["sql_example"]]


def render() -> None:
    st.header("SQL")
    st.caption(f"Read-only: one SELECT over `result_rows` (and the tables listed in the README). "
               f"At most {MAX_ROWS} rows and {TIMEOUT_S:g} s per query. The URL keeps the query, so it can be shared.")
    with st.expander("Tables and columns"):
        st.markdown("`result_rows` (one row per result, corrections applied): "
                    + ", ".join(f"`{c}`" for c in RESULT_ROWS_COLUMNS)
                    + ".  \nAlso `papers`, `listings`, `sightings`, `benchmarks`, `results`, `corrections`, "
                      "`result_overrides`: see the README, \"Direct SQL\".")
    st.selectbox("Examples", list(EXAMPLES), key="sql_example", index=None, on_change=_load_example,
                 placeholder="Start from an example…", label_visibility="collapsed")
    sql = state.text_area("Query", "sql", default=EXAMPLE, height=180, label_visibility="collapsed")
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

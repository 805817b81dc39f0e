"""Benchmarks: every dataset x metric (x hardware for speed metrics), searchable, busiest first."""

from __future__ import annotations

import streamlit as st

from .. import data, ranking, safe, state

LABEL = "Benchmarks"


def render() -> None:
    st.header("Benchmarks")
    rows = data.rows()
    bench = ranking.benchmarks(rows, data.directions())
    query = state.text_input("Search", "q",
                             placeholder="dataset, metric, model or paper title — e.g. ImageNet, latency, MobileNet",
                             label_visibility="collapsed")
    shown = ranking.search_benchmarks(bench, rows, query)
    no_dataset = int((rows["dataset"].isna() | (rows["dataset"].astype(str) == "")).sum()) if not rows.empty else 0
    safe.caption(f"{len(shown)} of {len(bench)} benchmarks" + (f" matching “{query}”" if query else "")
               + f" · {len(rows)} results, {no_dataset} of them name no dataset (see Paper and SQL pages)")
    if shown.empty:
        st.info("No benchmark matches. Try a shorter search, or browse papers on the Paper page."
                if query else "No benchmark yet: ingest listings whose abstracts name a dataset.")
        return
    table = shown.assign(
        open=[state.link("leaderboard", dataset=d, metric=m, hw=h)
              for d, m, h in zip(shown["dataset"], shown["metric"], shown["hardware"])],
        better=["↑ higher" if h else "↓ lower" for h in shown["higher_is_better"]],
    )
    event = st.dataframe(
        table[["dataset", "metric", "hardware", "better", "results", "papers", "levels", "best", "best_model",
               "best_paper", "open"]],
        hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key="bench_table", height=min(36 * (len(table) + 1) + 3, 640),
        column_config={
            "hardware": st.column_config.TextColumn(
                "hardware", help="device category, for latency, throughput, energy, power"),
            "better": st.column_config.TextColumn("better", help="direction of the metric"),
            "results": st.column_config.ProgressColumn("results", format="%d", min_value=0,
                                                       max_value=int(bench["results"].max() or 1)),
            "levels": st.column_config.NumberColumn(
                "ranked", help="absolute levels; deltas and ratios are listed as claims"),
            "best": st.column_config.TextColumn("current best"),
            "best_model": st.column_config.TextColumn("best model"),
            "best_paper": st.column_config.TextColumn("paper", width="large"),
            "open": st.column_config.LinkColumn("leaderboard", display_text="open ↗"),
        },
    )
    picked = event.selection.rows if event and hasattr(event, "selection") else []
    if picked:
        b = table.iloc[picked[0]]
        safe.caption(f"{b['dataset']} · {b['metric']}" + (f" · {b['hardware']}" if b["hardware"] else ""))
        st.button("Open this leaderboard →", type="primary", on_click=state.go,
                  args=("leaderboard",), kwargs={"dataset": b["dataset"], "metric": b["metric"], "hw": b["hardware"]})
    else:
        st.caption("Select a row to open its leaderboard, or use the link column.")

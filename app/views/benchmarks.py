"""Benchmarks: every dataset x metric (x hardware for speed metrics), searchable, busiest first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import queries

from .. import data, ranking, safe, state

LABEL = "Benchmarks"


def table_of(stats: pd.DataFrame) -> pd.DataFrame:
    """benchmark_stats as the page shows it: best level formatted, blanks for missing text."""
    out = stats.rename(columns={"hardware_category": "hardware"})
    out["best"] = [ranking.format_value(v, u, q) if pd.notna(v) else "" for v, u, q in
                   zip(out["best_value"], out["unit"], out["best_qualifier"])]
    for col in ("best_model", "best_paper"):
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    return out


SHOWN = 500  # rows of the table; a search narrows the list


def render() -> None:
    st.header("Benchmarks")
    query = state.text_input("Search", "q",
                             placeholder="dataset, metric, model or paper title — e.g. ImageNet, latency, MobileNet",
                             label_visibility="collapsed")
    needle = (query or "").strip().lower()
    eng = data.engine()
    keys = queries.benchmarks_with_rows_matching(eng, needle) if needle else None
    shown = table_of(queries.benchmark_list(eng, needle=needle, keys=keys, limit=SHOWN))
    n_bench, on_benchmarks = queries.benchmark_totals(eng)
    total = queries.counts(eng)["result_rows"]
    safe.caption(f"{len(shown)} of {n_bench} benchmarks" + (f" matching “{query}”" if query else "")
                 + (f" (the {SHOWN} busiest; search to narrow)" if len(shown) == SHOWN else "")
                 + f" · {total} results, {total - on_benchmarks} of them name no dataset (see Paper and SQL pages)")
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
                                                       max_value=int(shown["results"].max() or 1)),
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

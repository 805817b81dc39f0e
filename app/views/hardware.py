"""Hardware: what was measured on which device, with the accuracy the same paper reports beside it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import board

from .. import data, ranking, safe, state

LABEL = "Hardware"
MEASURES = ["latency", "throughput", "energy", "power", "speedup", "memory"]
LIMIT = 2000  # rows shown at most
ORDER = ["phone", "jetson", "fpga", "gpu", "cpu", "tpu", "mcu", "sbc", "asic", "other"]


def measured(cost: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """Rows measured on a named device, with the quality level of the same paper (from `levels`)."""
    if cost.empty:
        return cost
    return ranking.pair_with_quality(cost, ranking.quality_levels(levels))


def render() -> None:
    st.header("Hardware")
    eng = data.engine()
    counts = data.device_counts(tuple(MEASURES))
    if counts.empty:
        st.info("No latency, throughput, energy or power measured on a named device yet.")
        return
    counts = dict(zip(counts["device"], counts["n"]))
    cats = sorted(counts, key=lambda c: ORDER.index(c) if c in ORDER else 99)
    c1, c2, c3 = st.columns([2, 2, 2])
    with c1:
        cat = state.selectbox("Device category", ["all", *cats], "hwcat",
                              format_func=lambda c: f"{c} ({counts.get(c, 0) if c != 'all' else sum(counts.values())})")
    with c2:
        metrics = state.multiselect("Measure", MEASURES, "measure", placeholder="all")
    with c3:
        q = state.text_input("Device or model", "dq", placeholder="e.g. Jetson, Pixel, MobileNet")
    cost = board.device_rows(eng, metrics or MEASURES, category=None if cat == "all" else cat, needle=q.strip(),
                             limit=LIMIT)
    shown = measured(cost, board.levels_of_papers(eng, cost["paper_id"]) if not cost.empty else cost)
    if shown.empty:
        st.info("Nothing measured matches these filters.")
        return
    if len(shown) == LIMIT:
        st.caption(f"The first {LIMIT} measurements by measure, device and value: pick a category or search.")
    with_acc = int(shown["quality_value"].notna().sum())
    safe.caption(f"{len(shown)} measurements on {shown['hardware'].nunique()} devices; "
                   f"{with_acc} have the accuracy the same paper reports for the same model beside them.")
    view = shown.assign(
        measured=[ranking.format_value(r["value"], r["unit"], r["qualifier"]) if r["kind"] == ranking.LEVEL_KIND
                  else ranking.claim_text(r) for r in shown.to_dict("records")],
        device=shown["hardware_category"].fillna("other"),
    )
    view = view.assign(_order=[ORDER.index(d) if d in ORDER else len(ORDER) for d in view["device"]],
                       _claim=(view["kind"] != ranking.LEVEL_KIND).astype(int))
    view = view.sort_values(["_order", "_claim", "hardware", "metric", "value"]).drop(columns=["_order", "_claim"])
    st.dataframe(ranking.blank(view)[["device", "hardware", "metric", "measured", "kind", "model", "quality",
                                      "quality_metric", "dataset", "paper_title"]],
                 hide_index=True, width="stretch", height=min(36 * (len(view) + 1) + 3, 700),
                 column_config={"quality": st.column_config.TextColumn("accuracy (same paper, same model)"),
                                "quality_metric": st.column_config.TextColumn("of"),
                                "paper_title": st.column_config.TextColumn("paper", width="large")})
    st.download_button("⬇ CSV", view.drop(columns=["quality_value"]).to_csv(index=False), key="hw_csv",
                       file_name="hardware.csv", mime="text/csv")

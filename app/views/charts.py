"""Charts: ranked bars per leaderboard; for a dataset, quality vs latency / FLOPs with its Pareto front."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import board

from .. import charts, data, ranking, safe, state
from .leaderboard import chosen_benchmark

LABEL = "Charts"
COST_METRICS = ["latency", "FLOPs", "MACs", "parameters", "model size", "energy", "throughput", "memory"]
BARS = 100  # levels in the ranked bars
QUALITY_PREFERENCE = ["top-1 accuracy", "accuracy", "mAP", "AP", "mIoU", "F1", "BLEU", "top-5 accuracy"]


def render() -> None:
    st.header("Charts")
    chosen = chosen_benchmark()
    if chosen is None:
        return
    dataset, metric, hw, higher = chosen
    kinds = {"bars": "Ranked bars of this leaderboard", "tradeoff": "Accuracy vs cost on this dataset"}
    chart = state.radio("Chart", list(kinds), "chart", format_func=kinds.get, horizontal=True,
                        label_visibility="collapsed")
    if chart == "bars":
        facets = data.facets(dataset, metric, hw)
        levels = facets[facets["kind"] == ranking.LEVEL_KIND]
        if levels.empty:
            st.info("This benchmark has no absolute level to rank (only claims against baselines).")
        else:
            unit = levels.groupby("unit", sort=False)["n"].sum().sort_values(ascending=False, kind="mergesort").index[0]
            top = board.page(data.engine(), board.Board(dataset, metric, hw, unit=unit), higher=higher,
                             size=BARS).rows
            st.altair_chart(charts.ranked_bars(top, metric, higher), width="stretch")
            if int(levels[levels["unit"] == unit]["n"].sum()) > BARS:
                st.caption(f"The best {BARS} levels; the Leaderboard page lists them all.")
    else:
        tradeoff(dataset)


def quality_metrics(dataset: str) -> list[str]:
    """The quality metrics ranked on `dataset` (benchmark_stats), preferred and busiest first."""
    of_ds = data.benchmarks_of(dataset)
    counts = of_ds[of_ds["levels"] > 0].groupby("metric")["levels"].sum().sort_values(ascending=False)
    found = [m for m in counts.index if ranking.higher_is_better(m) and m not in COST_METRICS and m != "speedup"]
    return sorted(found, key=lambda m: (QUALITY_PREFERENCE.index(m) if m in QUALITY_PREFERENCE else 99, -counts[m]))


def tradeoff_points(rows: pd.DataFrame, dataset: str, quality: str, cost: str) -> pd.DataFrame:
    levels = rows[rows["kind"] == ranking.LEVEL_KIND]
    q = levels[(levels["metric"] == quality) & (levels["dataset"] == dataset)]
    papers = set(q["paper_id"])
    c = levels[(levels["metric"] == cost) & levels["paper_id"].isin(papers)
               & (levels["dataset"].isna() | (levels["dataset"] == dataset))]
    if c.empty:
        return c.assign(quality_value=pd.Series(dtype=float), quality="", quality_metric="")
    paired = ranking.pair_with_quality(c, q)
    return paired[paired["quality_value"].notna()]


def tradeoff(dataset: str) -> None:
    qualities = quality_metrics(dataset)
    if not qualities:
        st.info(f"No quality level (accuracy, mAP, ...) on {dataset} yet.")
        return
    c1, c2, c3 = st.columns([2, 2, 1])
    with c1:
        quality = state.selectbox("Quality (y)", qualities, "quality")
    with c2:
        cost = state.selectbox("Cost (x)", COST_METRICS, "cost")
    with c3:
        log_x = state.checkbox("log x", "logx")
    rows = board.tradeoff_levels(data.engine(), dataset, quality, cost)
    points = tradeoff_points(rows, dataset, quality, cost)
    if points.empty:
        st.info(f"No paper reports both {quality} on {dataset} and a {cost} for the same model. "
                "Try another cost metric.")
        return
    units = points["unit"].fillna("").value_counts().index
    points = points[points["unit"].fillna("") == units[0]]
    x_lower = not ranking.higher_is_better(cost)
    front = ranking.pareto_front(points, "value", "quality_value", x_lower, ranking.higher_is_better(quality))
    st.altair_chart(charts.tradeoff(points, front, cost, quality, log_x=log_x), width="stretch")
    safe.caption(f"{len(points)} models with both numbers from the same paper; {len(front)} on the Pareto front "
                   f"({'lower' if x_lower else 'higher'} {cost} and higher {quality} is better).")
    table = front.assign(cost_shown=[ranking.format_value(v, u) for v, u in zip(front["value"], front["unit"])])
    st.dataframe(ranking.blank(table)[["model", "quality", "cost_shown", "hardware", "paper_title"]]
                 .rename(columns={"quality": quality, "cost_shown": cost, "paper_title": "paper"}),
                 hide_index=True, width="stretch")

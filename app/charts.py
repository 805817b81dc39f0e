"""Altair charts: ranked bars for a leaderboard, quality-vs-cost scatter with its Pareto front."""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import ranking

MAX_BARS = 40
CATEGORY_COLORS = {
    "phone": "#e4572e", "jetson": "#76b041", "fpga": "#9b5de5", "gpu": "#17becf", "cpu": "#4c78a8",
    "tpu": "#f2b705", "mcu": "#ff7f0e", "sbc": "#c51b7d", "asic": "#8c564b", "other": "#7f7f7f",
    "unspecified": "#bbbbbb",
}


def _label(r: dict) -> str:
    model = ranking.as_text(r.get("model"), "(no model)")
    return f"#{int(r['rank'])} {model}"[:60]


def ranked_bars(ranked: pd.DataFrame, metric: str, higher: bool) -> alt.Chart:
    top = ranked.head(MAX_BARS).copy()
    top["label"] = [_label(r) for r in top.to_dict("records")]
    top["shown"] = [ranking.format_value(v, u, q) for v, u, q in zip(top["value"], top["unit"], top["qualifier"])]
    top["device"] = top["hardware_category"].fillna("unspecified")
    unit = top["unit"].dropna().iloc[0] if top["unit"].notna().any() else ""
    bars = alt.Chart(top).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("value:Q", title=f"{metric} ({unit})" if unit else metric,
                scale=alt.Scale(zero=bool(not higher or top["value"].min() <= 0)),
                axis=alt.Axis(format=_axis_format(unit))),
        y=alt.Y("label:N", sort=list(top["label"]), title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        color=alt.Color("device:N", title="hardware", scale=_colors(top["device"])),
        tooltip=[alt.Tooltip("rank:Q"), alt.Tooltip("model:N"), alt.Tooltip("shown:N", title="value"),
                 alt.Tooltip("hardware:N"), alt.Tooltip("paper_title:N", title="paper")],
    )
    text = bars.mark_text(align="left", dx=3, fontSize=11).encode(text="shown:N", color=alt.value("#333"))
    note = "higher is better" if higher else "lower is better (shortest bar wins)"
    return (bars + text).properties(height=max(120, 24 * len(top)),
                                    title=alt.TitleParams(f"{metric}: {note}", anchor="start", fontSize=13))


def _axis_format(unit: str) -> str:
    """SI prefixes for counts (295M FLOPs), plain numbers otherwise."""
    return "~s" if unit in ("FLOPs", "MACs", "params") else "~g"


def _colors(devices: pd.Series) -> alt.Scale:
    present = sorted(set(devices))
    return alt.Scale(domain=present, range=[CATEGORY_COLORS.get(d, "#7f7f7f") for d in present])


def tradeoff(points: pd.DataFrame, front: pd.DataFrame, x_metric: str, y_metric: str, *,
             log_x: bool) -> alt.Chart:
    """Quality (y) against cost (x), coloured by hardware, with the Pareto front as a line."""
    pts = points.copy()
    pts["device"] = pts["hardware_category"].fillna("unspecified")
    pts["cost_shown"] = [ranking.format_value(v, u) for v, u in zip(pts["value"], pts["unit"])]
    x_unit = pts["unit"].dropna().iloc[0] if pts["unit"].notna().any() else ""
    x = alt.X("value:Q", title=f"{x_metric} ({x_unit})" if x_unit else x_metric,
              scale=alt.Scale(type="log" if log_x else "linear", zero=False, padding=28),
              axis=alt.Axis(format=_axis_format(x_unit)))
    y = alt.Y("quality_value:Q", title=y_metric, scale=alt.Scale(zero=False, padding=28))
    tooltip = [alt.Tooltip("model:N"), alt.Tooltip("paper_title:N", title="paper"),
               alt.Tooltip("quality:N", title=y_metric), alt.Tooltip("cost_shown:N", title=x_metric),
               alt.Tooltip("hardware:N")]
    dots = alt.Chart(pts).mark_circle(size=110, opacity=0.85, stroke="white", strokeWidth=1).encode(
        x=x, y=y, color=alt.Color("device:N", title="hardware", scale=_colors(pts["device"])), tooltip=tooltip)
    line = alt.Chart(front).mark_line(color="#222", strokeDash=[5, 3], point=alt.OverlayMarkDef(
        color="#222", size=30)).encode(
        x=x, y=y, order="value:Q", tooltip=tooltip)
    labels = alt.Chart(front).mark_text(align="left", dx=7, dy=-7, fontSize=11, color="#222").encode(
        x=x, y=y, text="model:N")
    return (dots + line + labels).properties(height=440, title=alt.TitleParams(
        f"{y_metric} vs {x_metric} — dashed: Pareto front", anchor="start", fontSize=13)).interactive()

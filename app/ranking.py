"""Pure table logic of the app: benchmarks, ranking by metric direction, claims, pairing, Pareto.

Everything here takes and returns pandas frames; no Streamlit, no database.
"""

from __future__ import annotations

import re

import pandas as pd

from leaderboard.benchmark_keys import (  # noqa: F401  (re-exported: the pages use them from here)
    DEVICE_METRICS,
    NO_CATEGORY,
    benchmark_category,
    effective_category,
    hardware_category,
    higher_is_better,
)

LEVEL_KIND = "absolute"
CLAIM_KINDS = ("delta", "ratio", "reduction")


def with_categories(rows: pd.DataFrame) -> pd.DataFrame:
    """Add `hardware_category`: the extractor's when the hardware is unchanged, else guessed."""
    rows = rows.copy()
    if rows.empty:
        rows["hardware_category"] = pd.Series(dtype=object)
        return rows
    extracted = rows.get("extracted_hardware_category")
    same = rows.get("extracted_hardware")
    cats = []
    for i, hw in enumerate(rows["hardware"].tolist()):
        cats.append(effective_category(hw, same.iloc[i] if same is not None else None,
                                       extracted.iloc[i] if extracted is not None else None))
    rows["hardware_category"] = cats
    return rows


def with_benchmark_keys(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.copy()
    if rows.empty:
        rows["bench_hw"] = pd.Series(dtype=object)
        return rows
    rows["bench_hw"] = [benchmark_category(m, c) for m, c in zip(rows["metric"], rows["hardware_category"])]
    return rows


def blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text shown as empty cells rather than 'None'."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    return out


def as_text(value, default: str = "") -> str:
    """A text cell as a string: None and pandas' NaN become `default`."""
    return value if isinstance(value, str) and value else default


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def format_value(value, unit: str | None, qualifier: str | None = None) -> str:
    if value is None or pd.isna(value):
        return ""
    v = float(value)
    unit = as_text(unit)
    if unit in ("FLOPs", "MACs", "params") or abs(v) >= 1e6:
        for factor, suffix in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "K")):
            if abs(v) >= factor:
                text = f"{v / factor:.3g}{suffix}"
                break
        else:
            text = f"{v:g}"
    else:
        text = f"{v:.6g}"
    if unit == "%":
        text += "%"
    elif unit == "x":
        text += "×"
    elif unit:
        text += f" {unit}"
    prefix = {"up to": "≤ ", "under": "< ", "less than": "< ", "over": "> ", "about": "≈ "}.get(as_text(qualifier), "")
    return prefix + text


def rank(rows: pd.DataFrame, higher: bool) -> pd.DataFrame:
    """Absolute levels ranked best first; ties share a rank."""
    rows = rows[rows["kind"] == LEVEL_KIND].copy()
    if rows.empty:
        rows["rank"] = pd.Series(dtype=int)
        return rows
    rows = rows.sort_values(["value", "paper_title"], ascending=[not higher, True], kind="mergesort")
    rows["rank"] = rows["value"].rank(method="min", ascending=not higher).astype(int)
    return rows.reset_index(drop=True)


def best_per_model(ranked: pd.DataFrame, higher: bool) -> pd.DataFrame:
    """Only each model's best level (rows naming no model all stay), ranked again."""
    if ranked.empty:
        return ranked
    names = [norm_model(m) for m in ranked["model"]]
    seen: set[str] = set()
    keep = []
    for name in names:  # ranked is best first
        keep.append(not name or name not in seen)
        seen.add(name)
    out = ranked[keep].copy()
    out["rank"] = out["value"].rank(method="min", ascending=not higher).astype(int)
    return out.reset_index(drop=True)


def claims(rows: pd.DataFrame) -> pd.DataFrame:
    """Deltas, ratios and reductions: statements against a baseline, listed, never ranked."""
    out = rows[rows["kind"].isin(CLAIM_KINDS)].copy()
    if out.empty:
        out["claim"] = pd.Series(dtype=object)
        return out
    out["claim"] = [claim_text(r) for r in out.to_dict("records")]
    return out.sort_values(["paper_title", "result_id"]).reset_index(drop=True)


def claim_text(r: dict) -> str:
    value = format_value(r["value"], r.get("unit"), r.get("qualifier"))
    direction = as_text(r.get("direction"))
    kind = r["kind"]
    metric = as_text(r.get("metric"))
    if kind == "delta":
        sign = "+" if direction != "worse" else "−"
        what = f"{sign}{value} {metric}"
    elif kind == "reduction":
        what = f"{value} less {metric}" if direction != "worse" else f"{value} more {metric}"
    else:
        what = f"{value} {metric}" + (" (worse)" if direction == "worse" else "")
    baseline = r.get("baseline")
    return what + (f" vs {baseline}" if isinstance(baseline, str) and baseline else " vs an unnamed baseline")


def benchmarks(rows: pd.DataFrame, directions: dict | None = None) -> pd.DataFrame:
    """One row per (dataset, metric, hardware split): result count and current best level."""
    cols = ["dataset", "metric", "hardware", "results", "papers", "levels", "best", "best_model", "best_paper",
            "higher_is_better"]
    keys = ["dataset", "metric", "bench_hw"]
    rows = rows[rows["dataset"].notna() & (rows["dataset"].astype(str) != "")]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    directions = directions or {}
    pairs = rows[["dataset", "metric"]].drop_duplicates()
    higher = {(d, m): higher_is_better(m, directions.get((d, m))) for d, m in zip(pairs["dataset"], pairs["metric"])}
    grouped = rows.groupby(keys, sort=False)
    out = grouped.size().rename("results").reset_index().merge(
        grouped["paper_title"].nunique().rename("papers").reset_index(), on=keys)
    levels = rows[rows["kind"] == LEVEL_KIND].copy()
    levels["_up"] = [higher[(d, m)] for d, m in zip(levels["dataset"], levels["metric"])]
    levels["_key"] = levels["value"].where(~levels["_up"], -levels["value"])  # best first, either way
    best = levels.sort_values(["_key", "paper_title"], kind="mergesort").drop_duplicates(keys)
    best = best.assign(best=[format_value(v, u, q) for v, u, q in zip(best["value"], best["unit"], best["qualifier"])],
                       best_model=best["model"].astype(object).where(best["model"].notna(), ""),
                       best_paper=best["paper_title"])[[*keys, "best", "best_model", "best_paper"]]
    out = out.merge(levels.groupby(keys, sort=False).size().rename("levels").reset_index(), on=keys, how="left")
    out = out.merge(best, on=keys, how="left")
    out["levels"] = out["levels"].fillna(0).astype(int)
    for col in ("best", "best_model", "best_paper"):
        out[col] = out[col].astype(object).where(out[col].notna(), "")
    out["higher_is_better"] = [higher[(d, m)] for d, m in zip(out["dataset"], out["metric"])]
    out = out.rename(columns={"bench_hw": "hardware"})
    out["hardware"] = out["hardware"].fillna("")
    return out[cols].sort_values(["results", "dataset", "metric"], ascending=[False, True, True]).reset_index(drop=True)


def norm_model(name) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(name).lower()) if isinstance(name, str) else ""


def pair_with_quality(cost: pd.DataFrame, quality: pd.DataFrame) -> pd.DataFrame:
    """Beside each cost row (latency, FLOPs ...), the quality level the same paper reports for the
    same model (same dataset when both name one). When either side names no model, the pair is
    made only if the paper reports exactly one quality level."""
    out = cost.copy()
    q_vals, q_text, q_metric = [], [], []
    by_paper = {pid: g for pid, g in quality.groupby("paper_id")} if not quality.empty else {}
    for r in cost.to_dict("records"):
        cands = by_paper.get(r["paper_id"])
        match = None
        if cands is not None and not cands.empty:
            if isinstance(r.get("dataset"), str) and r["dataset"]:
                same_ds = cands[cands["dataset"].isna() | (cands["dataset"] == r["dataset"])]
            else:
                same_ds = cands
            key = norm_model(r.get("model"))
            names = [norm_model(m) for m in same_ds["model"]]
            named = same_ds[[n == key for n in names]] if key else same_ds.iloc[0:0]
            if key and named.empty:  # "GhostNetV2" beside "GhostNetV2 1.3x": one name holds the other
                named = same_ds[[bool(n) and (n in key or key in n) for n in names]]
            if not named.empty:
                match = named.iloc[0]
            elif len(same_ds) == 1 and (not key or not norm_model(same_ds.iloc[0]["model"])):
                match = same_ds.iloc[0]
        q_vals.append(match["value"] if match is not None else None)
        q_text.append(format_value(match["value"], match["unit"], match["qualifier"]) if match is not None else "")
        q_metric.append(f'{match["metric"]}' + (f' ({match["dataset"]})' if isinstance(match["dataset"], str) else "")
                        if match is not None else "")
    out["quality_value"] = pd.Series(q_vals, index=out.index, dtype=float)
    out["quality"] = q_text
    out["quality_metric"] = q_metric
    return out


NOT_QUALITY = {"throughput", "speedup", "compression ratio"}


def quality_levels(rows: pd.DataFrame) -> pd.DataFrame:
    """Absolute levels of quality metrics (accuracy, mAP, BLEU ...): what a cost is paired with."""
    levels = rows[rows["kind"] == LEVEL_KIND]
    return levels[[higher_is_better(m) and m not in NOT_QUALITY for m in levels["metric"]]]


def pareto_front(points: pd.DataFrame, x: str, y: str, x_lower: bool, y_higher: bool) -> pd.DataFrame:
    """The points no other point beats on both axes, sorted along x."""
    if points.empty:
        return points
    pts = points.dropna(subset=[x, y])
    sx = pts[x] if x_lower else -pts[x]
    sy = -pts[y] if y_higher else pts[y]
    order = sorted(range(len(pts)), key=lambda i: (sx.iloc[i], sy.iloc[i]))
    keep, best = [], None
    for i in order:
        if best is None or sy.iloc[i] < best:
            keep.append(i)
            best = sy.iloc[i]
    return pts.iloc[keep].sort_values(x)


def highlight_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split text into (piece, highlighted) parts; overlapping spans are merged."""
    clean = sorted((max(0, s), min(len(text), e)) for s, e in spans if s is not None and e is not None and e > s)
    merged: list[list[int]] = []
    for s, e in clean:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    parts, pos = [], 0
    for s, e in merged:
        if s > pos:
            parts.append((text[pos:s], False))
        parts.append((text[s:e], True))
        pos = e
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def find_span(text: str, surface: str | None, hint: int | None = None) -> tuple[int, int] | None:
    """Where `surface` occurs in `text` (the occurrence nearest `hint` when several)."""
    if not text or not surface:
        return None
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    if not starts:
        return None
    s = min(starts, key=lambda p: abs(p - hint)) if hint is not None else starts[0]
    return s, s + len(surface)

"""Leaderboard of one benchmark: ranked levels, claims against baselines, evidence, corrections."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from leaderboard.store import board

from .. import charts, data, forms, ranking, safe, state

LABEL = "Leaderboard"
STATUSES = ["extracted", "corrected", "added"]
NO_QUALIFIER = board.NO_QUALIFIER

TABLE_COLUMNS = {
    "rank": st.column_config.NumberColumn("rank", width="small"),
    "model": st.column_config.TextColumn("model"),
    "shown_value": st.column_config.TextColumn("value"),
    "quality": st.column_config.TextColumn("accuracy (same paper)",
                                           help="the quality level the same paper reports for the same model"),
    "quality_metric": st.column_config.TextColumn("of", width="small"),
    "qualifier": st.column_config.TextColumn("qualifier", width="small"),
    "hardware": st.column_config.TextColumn("hardware"),
    "paper_title": st.column_config.TextColumn("paper", width="medium"),
    "listing_date": st.column_config.TextColumn("listed", width="small"),
    "status": st.column_config.TextColumn("status", width="small"),
    "open": st.column_config.LinkColumn("", display_text="paper ↗", width="small",
                                        help="the paper page: abstract, every result, history"),
    "result_id": None,
}
CSV_COLUMNS = ["rank", "model", "value", "unit", "quality", "quality_metric", "qualifier", "hardware",
               "hardware_category", "dataset", "metric", "kind", "paper_title", "listing_date", "source", "status",
               "surface", "sentence", "result_id"]


PAGE_SIZE = 100
CLAIMS_SHOWN = 200


def chosen_benchmark() -> tuple[str, str, str, bool] | None:
    """Dataset, metric and hardware split selectors (URL: dataset, metric, hw), from benchmark_stats;
    the chosen benchmark and its direction (higher_is_better)."""
    datasets = data.datasets()  # busiest first
    if not datasets:
        st.info("No benchmark yet: ingest listings whose abstracts name a dataset, "
                "or add a result with a dataset from a Paper page.")
        return None
    c1, c2, c3 = st.columns([2, 2, 1])
    with c1:
        dataset = state.selectbox("Dataset", datasets, "dataset")
    of_ds = data.benchmarks_of(dataset)
    with c2:
        metric = state.selectbox("Metric", list(dict.fromkeys(of_ds["metric"])), "metric")
    of_metric = of_ds[of_ds["metric"] == metric]
    splits = list(of_metric["hardware_category"])
    with c3:
        hw = state.selectbox("Hardware", splits, "hw", format_func=lambda h: h or "any device",
                             disabled=len(splits) < 2 and splits == [""])
    higher = bool(of_metric[of_metric["hardware_category"] == hw].iloc[0]["higher_is_better"])
    return dataset, metric, hw or "", higher


def filters(dataset: str, metric: str, hw: str, facets: pd.DataFrame) -> board.Board:
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        cats = sorted({c for c in facets["hardware_category"] if isinstance(c, str) and c})
        picked = state.multiselect("Hardware category", cats, "cat", placeholder="all")
    with c2:
        kinds = state.multiselect("Kind", ["absolute", *ranking.CLAIM_KINDS], "kind", placeholder="all")
    with c3:
        quals = state.multiselect("Qualifier", [NO_QUALIFIER, "up to", "over", "about", "under", "less than",
                                                "range-low", "range-high"], "qual", placeholder="all")
    with c4:
        statuses = state.multiselect("Status", STATUSES, "status", placeholder="all")
    return board.Board(dataset, metric, hw, tuple(picked), tuple(kinds), tuple(quals), tuple(statuses))


def matching(facets: pd.DataFrame, b: board.Board) -> pd.DataFrame:
    """The facet counts of the rows the filters keep (the same conditions as Board.where, in pandas)."""
    keep = pd.Series(True, index=facets.index)
    if b.categories:
        keep &= facets["hardware_category"].isin(b.categories)
    if b.kinds:
        keep &= facets["kind"].isin(b.kinds)
    if b.qualifiers:
        keep &= facets["qualifier"].fillna(NO_QUALIFIER).isin(b.qualifiers)
    if b.statuses:
        keep &= facets["status"].isin(b.statuses)
    return facets[keep]


def page_number(pages: int, scope: tuple) -> int:
    """The page to show (URL: pg); back to 1 when the benchmark or a filter changes."""
    if st.session_state.get("_lb_scope", scope) != scope:
        st.session_state["pg"] = 1
    st.session_state["_lb_scope"] = scope
    if pages < 2:
        return 1
    return state.number_input(f"Page (of {pages:,})", "pg", min_value=1, max_value=pages)


def ranked_page(b: board.Board, higher: bool, number: int) -> board.Page:
    """One page of the ranking; with "one row per model", the best level of each model only."""
    eng = data.engine()
    if not state.checkbox("One row per model (its best)", "best"):
        return board.page(eng, b, higher=higher, number=number, size=PAGE_SIZE)
    light = board.ordered_levels(eng, b, higher=higher)
    kept = ranking.best_per_model(light.assign(rank=0), higher)
    number = max(1, min(number, -(-len(kept) // PAGE_SIZE)))
    part = kept.iloc[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    full = board.rows_by_id(eng, list(part["result_id"])).set_index("result_id")
    rows = full.loc[list(part["result_id"])].reset_index().assign(rank=list(part["rank"]))
    return board.Page(rows, len(kept), number, PAGE_SIZE)


def render() -> None:
    st.header("Leaderboard")
    chosen = chosen_benchmark()
    if chosen is None:
        return
    dataset, metric, hw, higher = chosen
    st.set_page_config(page_title=f"{dataset} · {metric}" + (f" · {hw}" if hw else "") + " — leaderboard")
    facets = data.facets(dataset, metric, hw)
    b = filters(dataset, metric, hw, facets)
    shown = matching(facets, b)
    levels = shown[shown["kind"] == ranking.LEVEL_KIND]
    units = list(levels.groupby("unit", sort=False)["n"].sum().sort_values(ascending=False, kind="mergesort").index)
    if len(units) > 1:
        b = replace(b, unit=state.selectbox("Unit (levels in different units are ranked apart)", units, "unit"))
    n_levels = int(levels[levels["unit"] == b.unit]["n"].sum()) if b.unit is not None else int(levels["n"].sum())
    number = page_number(-(-n_levels // PAGE_SIZE), (b.dataset, b.metric, b.hw, b.categories, b.kinds,
                                                      b.qualifiers, b.statuses, b.unit))
    pg = ranked_page(b, higher, number)
    ranked = pg.rows
    ranked["shown_value"] = [ranking.format_value(v, u) for v, u in zip(ranked["value"], ranked["unit"])]
    ranked["open"] = [paper_link(p, k) for p, k in zip(ranked["paper_id"], ranked["result_id"])]
    if not higher and not ranked.empty:  # a cost (latency, FLOPs ...): show the accuracy it buys
        quality = board.levels_of_papers(data.engine(), ranked["paper_id"])
        ranked = ranking.pair_with_quality(ranked, ranking.quality_levels(quality))
    n_claims = int(shown[shown["kind"].isin(ranking.CLAIM_KINDS)]["n"].sum())
    claims = ranking.claims(board.claims(data.engine(), b, limit=CLAIMS_SHOWN)) if n_claims else pd.DataFrame()

    safe.caption(f"{dataset} · {metric}" + (f" · {hw}" if hw else "") + f" — "
                 f"{'higher' if higher else 'lower'} is better · {ranking.plural(pg.total, 'ranked level')}, "
                 f"{ranking.plural(n_claims, 'claim')} against a baseline · "
                 f"{int(facets['n'].sum()) - int(shown['n'].sum())} hidden by filters"
                 + (f" · page {pg.number:,} of {pg.pages:,} ({PAGE_SIZE} a page)" if pg.pages > 1 else ""))
    table_tab, chart_tab = st.tabs(["Table", "Chart"])
    with table_tab:
        if ranked.empty:
            st.info("No absolute level matches these filters." if not facets.empty else "No result.")
        else:
            columns = [c for c in TABLE_COLUMNS if c in ranked]
            event = st.dataframe(styled(ranking.blank(ranked[columns])), hide_index=True, width="stretch",
                                 column_config=TABLE_COLUMNS, key="lb_table", height=table_height(len(ranked)),
                                 on_select="rerun", selection_mode="single-row")
            follow_selection(event, ranked)
            st.download_button("⬇ CSV of this table" + (" page" if pg.pages > 1 else ""), csv_of(ranked),
                               key="lb_csv", mime="text/csv",
                               file_name=f"leaderboard_{slug(dataset)}_{slug(metric)}{'_' + slug(hw) if hw else ''}"
                                         + (f"_page{pg.number}" if pg.pages > 1 else "") + ".csv")
    with chart_tab:
        if ranked.empty:
            st.info("Nothing to chart.")
        else:
            st.altair_chart(charts.ranked_bars(ranked, metric, higher), width="stretch")

    if not claims.empty:
        st.subheader("Claims against a baseline")
        st.caption("Deltas, ratios and reductions say how much better than something else; they are not levels "
                   "and are not ranked." + (f" The first {len(claims):,} of {n_claims:,} by paper title."
                                            if n_claims > len(claims) else ""))
        st.dataframe(ranking.blank(claims[["claim", "model", "hardware", "paper_title", "listing_date", "status"]]),
                     height=table_height(len(claims)), hide_index=True, width="stretch",
                     column_config={**TABLE_COLUMNS, "claim": st.column_config.TextColumn("claim", width="medium")})
        st.download_button("⬇ CSV of these claims", claims[[c for c in CSV_COLUMNS if c in claims]
                                                          + ["baseline", "direction"]].to_csv(index=False),
                           key="lb_claims_csv", mime="text/csv", file_name=f"claims_{slug(dataset)}_{slug(metric)}.csv")

    inspect(pd.concat([ranked, claims], ignore_index=True))


def inspect(rows: pd.DataFrame) -> None:
    """Evidence and corrections for one row of what is shown (URL: row)."""
    if rows.empty:
        return
    st.subheader("Evidence and corrections")
    labels = {}
    for r in rows.to_dict("records"):
        head = f"#{int(r['rank'])}" if pd.notna(r.get("rank")) else "claim"
        value = ranking.as_text(r.get("claim")) or ranking.format_value(r["value"], r["unit"], r["qualifier"])
        model = ranking.as_text(r.get("model"), "(no model)")
        labels[r["result_id"]] = f"{head} · {model} · {value} · {r['paper_title'][:70]}"
    key = state.selectbox("Row", list(labels), "row", format_func=labels.get)
    show_result(rows[rows["result_id"] == key].iloc[0].to_dict())


def show_result(r: dict) -> None:
    r = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in r.items()}
    span = ranking.find_span(r.get("sentence") or "", r.get("surface"))
    safe.show_highlighted(r.get("sentence") or "", [span] if span else [],
                            style="padding:0.6em 0.9em;border-left:4px solid #f2b705;background:rgba(242,183,5,0.08)")
    link = paper_link(r.get("paper_id"), r["result_id"])
    safe.caption(f"“{r['surface']}” · {r['kind']}" + (f" · {r['direction']}" if r.get("direction") else "")
                   + f" · status {r['status']} · from {ranking.as_text(r.get('source'), '?')} "
                   f"({ranking.as_text(r.get('listing_date'), 'no date')})",
                   link=("open the paper →", link) if link else None)
    forms.result_panel(r["result_id"])


STATUS_COLORS = {"corrected": "background-color: #fff4d6", "added": "background-color: #e3f6e8"}


def styled(frame: pd.DataFrame):
    """Rows a person corrected or added stand out (amber, green)."""
    return frame.style.apply(lambda row: [STATUS_COLORS.get(row.get("status"), "")] * len(row), axis=1)


def paper_link(paper_id, result_id: str) -> str | None:
    return state.link("paper", id=int(paper_id), result=result_id) if pd.notna(paper_id) else None


def follow_selection(event, ranked: pd.DataFrame) -> None:
    """A row clicked in the table becomes the row whose evidence and history are shown."""
    picked = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    key = ranked.iloc[picked[0]]["result_id"] if picked and picked[0] < len(ranked) else None
    if key is not None and key != st.session_state.get("_lb_picked"):
        st.session_state["row"] = key
    st.session_state["_lb_picked"] = key


def csv_of(ranked: pd.DataFrame) -> str:
    return ranked[[c for c in CSV_COLUMNS if c in ranked]].to_csv(index=False)


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in str(text)).strip("-").lower()


def table_height(n: int, cap: int = 560) -> int:
    """Tall enough to show every row, up to a cap (then the table scrolls)."""
    return min(35 * (n + 1) + 3, cap)

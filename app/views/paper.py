"""Paper: everything extracted from one paper, its abstract with every number highlighted, sightings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from leaderboard.store import queries

from .. import data, forms, ranking, safe, state
from .leaderboard import show_result

LABEL = "Paper"


def render() -> None:
    st.header("Paper")
    eng = data.engine()
    papers = queries.papers(eng)
    if papers.empty:
        st.info("No paper yet: ingest a listing first (`leaderboard ingest seeds/`).")
        return
    search = state.text_input("Find a paper", "pq", placeholder="words from the title",
                              label_visibility="collapsed")
    if search.strip():
        papers = papers[papers["title"].str.lower().str.contains(search.strip().lower(), regex=False)]
        if papers.empty:
            st.info("No title contains that; try fewer words.")
            return
    titles = {str(i): f"{t[:150]} · {n} result{'s' if n != 1 else ''}"
              for i, t, n in zip(papers["paper_id"], papers["title"], papers["results"])}
    richest = str(papers.sort_values("results", ascending=False, kind="mergesort")["paper_id"].iloc[0])
    pid = state.selectbox(f"Paper ({len(titles)})", list(titles), "id", format_func=titles.get, default=richest)
    paper = queries.paper(eng, int(pid))
    results = queries.paper_results(eng, int(pid))
    results = ranking.with_categories(results) if not results.empty else results

    st.set_page_config(page_title=f"{paper['title'][:80]} — leaderboard")
    safe.title(paper["title"])
    meta = []
    if paper.get("arxiv_id"):
        meta.append(f"arXiv {paper['arxiv_id']}")
    meta.append(f"{(results['status'] != 'rejected').sum() if not results.empty else 0} results extracted or added")
    meta.append(f"extractor {paper.get('extractor_version') or '?'}")
    safe.caption(" · ".join(meta))

    spans = []
    if not results.empty:
        for r in results.to_dict("records"):
            if r.get("status") == "rejected":
                continue
            if pd.notna(r.get("start_offset")) and pd.notna(r.get("end_offset")):
                spans.append((int(r["start_offset"]), int(r["end_offset"])))
            else:
                sentence = ranking.as_text(r.get("sentence"))
                where = paper["abstract"].find(sentence) if sentence else -1
                span = ranking.find_span(sentence, ranking.as_text(r.get("surface")))
                if where >= 0 and span:
                    spans.append((where + span[0], where + span[1]))
    safe.show_highlighted(paper["abstract"], spans, style="font-size:1.02rem;max-width:62rem")

    st.subheader("Extracted results")
    if results.empty:
        st.caption("Nothing was extracted from this abstract. Add what the extractor missed below.")
    else:
        table = results.assign(
            shown=[ranking.format_value(v, u, q)
                   for v, u, q in zip(results["value"], results["unit"], results["qualifier"])],
            board=[board_link(r) for r in results.to_dict("records")])
        st.dataframe(ranking.blank(table)[["surface", "shown", "metric", "kind", "direction", "dataset", "model",
                                           "hardware", "baseline", "status", "board", "result_id"]],
                     hide_index=True, width="stretch",
                     column_config={"shown": st.column_config.TextColumn("value"),
                                    "board": st.column_config.LinkColumn("", display_text="leaderboard ↗"),
                                    "result_id": st.column_config.TextColumn("id", width="small")})
        labels = {r["result_id"]: f"{r['surface']} · {r['metric']} · {r['kind']}"
                  + (" · REJECTED" if r["status"] == "rejected" else "") for r in table.to_dict("records")}
        key = state.selectbox("Result", list(labels), "result", format_func=labels.get)
        row = results[results["result_id"] == key].iloc[0].to_dict()
        if row["status"] == "rejected":
            safe.caption("This result is rejected: it is hidden from leaderboards. "
                           "Revert the rejection from its history to bring it back.")
            forms.history(key, _history(key))
        else:
            row.setdefault("source", None)
            show_result(row)

    with st.expander("➕ Add a result the extractor missed"):
        forms.add_panel(int(pid), paper["abstract"])

    st.subheader("Sightings")
    st.dataframe(queries.sightings(eng, int(pid)), hide_index=True, width="stretch")


def board_link(r: dict) -> str | None:
    """The leaderboard a visible result ranks or is listed in (none without a dataset)."""
    if r.get("status") == "rejected" or not isinstance(r.get("dataset"), str) or not r["dataset"]:
        return None
    hw = ranking.benchmark_category(r["metric"], r.get("hardware_category"))
    return state.link("leaderboard", dataset=r["dataset"], metric=r["metric"], hw=hw, row=r["result_id"])


def _history(key: str) -> list:
    from leaderboard import corrections

    with data.session() as session:
        return corrections.history(session, key)

"""Paged leaderboards (store/board.py) equal the app's ranking of every row, page by page, and the
page query walks the leaderboard index (SQLite and PostgreSQL)."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from sqlalchemy import text

from app import ranking
from leaderboard import corrections
from leaderboard.store import board, queries, stats

from . import factories

WHO = {"author": "Ada", "reason": "checked"}


@pytest.fixture
def filled(engine, session):
    """60 levels and some claims on one benchmark (ties included), a few corrections."""
    rng = random.Random(3)
    factories.bind(session)
    papers = [factories.PaperFactory() for _ in range(12)]
    keys = []
    for i in range(70):
        r = factories.ResultFactory(paper=rng.choice(papers), dataset="ImageNet", metric="latency", unit="ms",
                                    value=float(rng.randint(1, 25)), kind="absolute" if i < 60 else "ratio",
                                    model=rng.choice(["A", "B", "C", None]), hardware="Pixel 4",
                                    hardware_category="phone", qualifier=rng.choice([None, None, "about"]))
        keys.append(r.result_key)
    factories.ResultFactory(paper=papers[0], dataset="ImageNet", metric="latency", unit="ms", value=0.5,
                            hardware="Xeon", hardware_category="cpu")  # another split
    factories.ResultFactory(paper=papers[0], dataset="ImageNet", metric="top-1 accuracy", value=77.0)
    session.commit()
    stats.rebuild(session)
    session.commit()
    corrections.edit(session, keys[0], {"value": 0.1}, **WHO)
    corrections.reject(session, keys[1], **WHO)
    corrections.edit(session, keys[2], {"hardware": "Jetson Nano"}, **WHO)  # leaves the phone split
    corrections.add(session, papers[3].id, {"value": 2.0, "unit": "ms", "metric": "latency", "kind": "absolute",
                                            "dataset": "ImageNet", "hardware": "Pixel 6", "surface": "2 ms",
                                            "sentence": "It runs in 2 ms."}, **WHO)
    session.commit()
    return engine


def expected_ranking(engine, b: board.Board, higher: bool) -> pd.DataFrame:
    rows = ranking.with_benchmark_keys(ranking.with_categories(queries.all_results(engine)))
    rows = rows[(rows["dataset"] == b.dataset) & (rows["metric"] == b.metric) & (rows["bench_hw"] == b.hw)]
    if b.qualifiers:
        rows = rows[rows["qualifier"].fillna(board.NO_QUALIFIER).isin(b.qualifiers)]
    if b.statuses:
        rows = rows[rows["status"].isin(b.statuses)]
    return ranking.rank(rows, higher)


@pytest.mark.parametrize("b", [
    board.Board("ImageNet", "latency", "phone"),
    board.Board("ImageNet", "latency", "phone", qualifiers=(board.NO_QUALIFIER,)),
    board.Board("ImageNet", "latency", "phone", statuses=("extracted", "added")),
])
def test_pages_put_together_are_the_whole_ranking(filled, b):
    want = expected_ranking(filled, b, higher=False)
    assert len(want) > 30
    pages = -(-len(want) // 17)
    got = [board.page(filled, b, higher=False, number=n, size=17) for n in range(1, pages + 1)]
    assert {p.total for p in got} == {len(want)} and {p.pages for p in got} == {pages}
    assert board.page(filled, b, higher=False, number=pages + 5, size=17).number == pages  # past the end: the last
    rows = pd.concat([p.rows for p in got], ignore_index=True)
    assert list(rows["result_id"]) == list(want["result_id"])
    assert list(rows["rank"]) == list(want["rank"])  # ties share a rank across page boundaries
    assert set(rows["listing_date"]) == {"Jun 6"} or rows["listing_date"].isna().all()


def test_the_total_comes_from_benchmark_stats_when_nothing_is_filtered(filled):
    with filled.begin() as conn:
        conn.execute(text("UPDATE benchmark_stats SET levels = 1234 WHERE metric = 'latency' "
                          "AND hardware_category = 'phone'"))
    assert board.page(filled, board.Board("ImageNet", "latency", "phone"), higher=False).total == 1234
    assert board.page(filled, board.Board("ImageNet", "latency", "phone", statuses=("extracted",)),
                      higher=False).total < 100


def test_claims_and_facets_of_a_benchmark(filled):
    b = board.Board("ImageNet", "latency", "phone")
    facets = board.facets(filled, b)
    assert int(facets["n"].sum()) == len(expected_ranking(filled, b, False)) + 10
    assert set(facets["status"]) == {"extracted", "corrected", "added"}
    claims = board.claims(filled, b)
    assert len(claims) == 10 and set(claims["kind"]) == {"ratio"}
    assert list(claims["paper_title"]) == sorted(claims["paper_title"])


def test_the_page_query_walks_the_leaderboard_index(sqlite_engine):
    where, params = board.Board("ImageNet", "top-1 accuracy").where("levels")
    from leaderboard.store import visible

    sql = visible.select(visible.COLUMNS, where, order_by="value DESC, paper_title, result_id", limit="upto")
    with sqlite_engine.connect() as conn:
        plan = " | ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), {**params, "upto": 100}))
    assert "ix_results_leaderboard" in plan, plan
    assert "SCAN r" not in plan and "SCAN results" not in plan, plan

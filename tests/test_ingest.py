from __future__ import annotations

from sqlalchemy import func, select, text

from leaderboard.ingest import ingest_paths
from leaderboard.store.engine import make_engine, session_factory
from leaderboard.store.models import Listing, Paper, Result, Sighting
from leaderboard.store.views import RESULT_ROWS_COLUMNS

from .conftest import SEED_COUNTS, SEEDS

DUPLICATED = "Distributed Pruning Towards Tiny Neural Networks in Federated Learning"


def _counts(engine):
    with session_factory(engine)() as s:
        return {
            "papers": s.scalar(select(func.count(Paper.id))),
            "listings": s.scalar(select(func.count(Listing.id))),
            "sightings": s.scalar(select(func.count(Sighting.id))),
            "results": s.scalar(select(func.count(Result.id))),
            "keys": sorted(s.scalars(select(Result.result_key))),
        }


def test_seeds_are_ingested_once_with_every_sighting(seeded_db):
    eng = make_engine(seeded_db)
    c = _counts(eng)
    assert c["listings"] == 5
    assert c["sightings"] == sum(SEED_COUNTS.values())
    assert c["papers"] < c["sightings"]  # papers seen in several files are one paper
    with session_factory(eng)() as s:
        paper = s.scalar(select(Paper).where(Paper.title == DUPLICATED))
        sources = sorted(sg.listing.source for sg in paper.sightings)
        assert len(sources) >= 2 and len(set(sources)) == len(sources)
        # every paper title is unique
        titles = s.scalars(select(Paper.title_key)).all()
        assert len(titles) == len(set(titles))


def test_ingesting_twice_changes_nothing(engine):
    first = ingest_paths(engine, [SEEDS], progress=False)
    before = _counts(engine)
    second = ingest_paths(engine, [SEEDS], progress=False)
    assert _counts(engine) == before
    assert first.count("ingested") == 5 and second.count("unchanged") == 5
    assert second.papers_new == 0 and first.papers_new == before["papers"]
    assert first.papers_known == before["sightings"] - before["papers"]


def test_same_paper_in_a_new_file_is_a_new_sighting_not_a_new_paper(engine, tmp_path):
    ingest_paths(engine, [SEEDS / "000_0e0bdb848ac787aa.txt"], progress=False)
    before = _counts(engine)
    src = (SEEDS / "000_0e0bdb848ac787aa.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy_with_extra_line.txt"
    copy.write_text(src + "\n", encoding="utf-8")  # other bytes, same papers
    summary = ingest_paths(engine, [copy], progress=False)
    after = _counts(engine)
    assert summary.papers_new == 0 and summary.papers_known == SEED_COUNTS["000_0e0bdb848ac787aa.txt"]
    assert after["papers"] == before["papers"] and after["keys"] == before["keys"]
    assert after["sightings"] == before["sightings"] + SEED_COUNTS["000_0e0bdb848ac787aa.txt"]


def test_result_rows_view_has_the_documented_columns(seeded_db):
    eng = make_engine(seeded_db)
    with eng.connect() as conn:
        cur = conn.execute(text("SELECT * FROM result_rows LIMIT 1"))
        assert tuple(cur.keys()) == RESULT_ROWS_COLUMNS
        rows = conn.execute(text("SELECT status, count(*) FROM result_rows GROUP BY status")).all()
        assert dict(rows) == {"extracted": _counts(eng)["results"]}


def test_result_rows_carry_evidence_and_offsets(seeded_db):
    eng = make_engine(seeded_db)
    with session_factory(eng)() as s:
        for r in s.scalars(select(Result)).all():
            assert r.paper.abstract[r.start:r.end] == r.surface
            assert r.surface in r.sentence and r.sentence in r.paper.abstract

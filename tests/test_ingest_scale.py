"""Streaming, batched, parallel and resumable ingest (small inputs, small batches)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from leaderboard import corrections, extract_pool, ingest
from leaderboard.ingest import ingest_paths
from leaderboard.sources import iter_records
from leaderboard.store.engine import make_engine, session_factory, sqlite_url
from leaderboard.store.migrate import upgrade
from leaderboard.store.models import Listing, Paper, Result, Sighting

from .conftest import SEEDS

SEED = SEEDS / "000_0e0bdb848ac787aa.txt"


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(ingest, "BATCH", 7)


def _seed_papers():
    return [r for r in iter_records(SEED)]


def _write_jsonl(path, records, broken_line: int | None = None):
    lines = [json.dumps({"id": f"2401.{i:05d}", "title": r.title, "abstract": r.abstract,
                         "update_date": "2024-01-02", "authors": "someone"}) for i, r in enumerate(records)]
    if broken_line is not None:
        lines[broken_line - 1] = '{"id": "broken", "title": "cut off'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(engine):
    with engine.connect() as conn:
        return {
            "papers": conn.execute(text("SELECT title_key, abstract_hash, arxiv_id, extractor_version "
                                        "FROM papers ORDER BY title_key")).all(),
            "sightings": conn.execute(text("SELECT p.title_key, s.position, s.line FROM sightings s "
                                           "JOIN papers p ON p.id = s.paper_id ORDER BY s.position")).all(),
            "rows": conn.execute(text("SELECT * FROM result_rows ORDER BY result_id")).all(),
            "listings": conn.execute(text("SELECT source, listing_date, content_hash, paper_count "
                                          "FROM listings ORDER BY id")).all(),
        }


def _fresh_engine(tmp_path, name):
    eng = make_engine(sqlite_url(tmp_path / name))
    upgrade(eng)
    return eng


def test_jsonl_is_streamed_in_batches_and_keeps_arxiv_ids(engine, tmp_path, small_batches):
    records = _seed_papers()
    f = _write_jsonl(tmp_path / "snap.jsonl", records)
    summary = ingest_paths(engine, [f], progress=False)
    assert not summary.failed and summary.count("ingested") == 1
    snap = _snapshot(engine)
    assert len(snap["sightings"]) == len(records)
    assert {p.arxiv_id for p in snap["papers"]} == {f"2401.{i:05d}" for i in range(len(records))}
    assert snap["listings"][0].paper_count == len(records)
    assert snap["listings"][0].listing_date == "2024-01-02"
    again = ingest_paths(engine, [f], progress=False)
    assert again.count("unchanged") == 1 and _snapshot(engine) == snap


def test_parallel_extraction_stores_exactly_what_one_process_stores(tmp_path, small_batches, monkeypatch):
    monkeypatch.setattr(extract_pool, "START_AT", 1)
    f = _write_jsonl(tmp_path / "snap.jsonl", _seed_papers())
    one, two = _fresh_engine(tmp_path, "one.db"), _fresh_engine(tmp_path, "two.db")
    ingest_paths(one, [SEEDS, f], progress=False, workers=1)
    with extract_pool.ExtractionPool(workers=2) as pool:
        pool.start()
        assert pool.started
    # in parallel, each listing page is read and extracted while the one before is written
    ingest_paths(two, [SEEDS, f], progress=False, workers=2)
    a, b = _snapshot(one), _snapshot(two)
    assert a["rows"] and a["rows"] == b["rows"]
    assert a["papers"] == b["papers"] and a["sightings"] == b["sightings"]


class _Killed(Exception):
    pass


def test_a_killed_jsonl_run_keeps_committed_batches_and_resumes(tmp_path, small_batches):
    records = _seed_papers()
    f = _write_jsonl(tmp_path / "snap.jsonl", records)
    eng = _fresh_engine(tmp_path, "killed.db")
    calls = {"n": 0}

    with session_factory(eng)() as session:
        def commit_then_die():
            session.commit()
            calls["n"] += 1
            if calls["n"] == 3:
                raise _Killed()

        with pytest.raises(_Killed):
            ingest.ingest_file(session, f, commit=commit_then_die)
        session.rollback()
    with session_factory(eng)() as s:
        assert s.scalar(select(func.count(Sighting.id))) == 3 * 7
        [listing] = s.scalars(select(Listing)).all()
        assert listing.paper_count == 0 and listing.content_hash != ingest.file_hash(f)  # not complete

    summary = ingest_paths(eng, [f], progress=False)
    assert summary.papers_resumed == 3 * 7 and summary.papers_new == len(records) - 3 * 7
    clean = _fresh_engine(tmp_path, "clean.db")
    ingest_paths(clean, [f], progress=False)
    assert _snapshot(eng) == _snapshot(clean)


def test_a_bad_line_keeps_what_came_before_and_the_fixed_file_takes_over(tmp_path, small_batches):
    records = _seed_papers()[:40]
    f = _write_jsonl(tmp_path / "snap.jsonl", records, broken_line=30)
    eng = _fresh_engine(tmp_path, "bad.db")
    summary = ingest_paths(eng, [f], progress=False)
    [failed] = summary.failed
    assert failed.error.line == 30 and "snap.jsonl" in str(failed.error)
    assert failed.committed == 29
    assert any("29 papers before it are stored" in line for line in summary.lines())
    with session_factory(eng)() as s:
        assert s.scalar(select(func.count(Paper.id))) == len({r.title for r in records[:29]})

    _write_jsonl(f, records)  # fixed
    again = ingest_paths(eng, [f], progress=False)
    assert not again.failed
    clean = _fresh_engine(tmp_path, "clean.db")
    ingest_paths(clean, [f], progress=False)
    ours, theirs = _snapshot(eng), _snapshot(clean)
    assert ours["rows"] == theirs["rows"] and ours["sightings"] == theirs["sightings"]
    assert len(ours["listings"]) == 1 and ours["listings"][0].paper_count == len(records)


def test_same_title_twice_in_one_batch_is_one_paper_with_the_last_abstract(engine, tmp_path):
    a, b = _seed_papers()[:2]
    f = tmp_path / "dup.jsonl"
    rows = [{"id": "1", "title": a.title, "abstract": a.abstract},
            {"id": "2", "title": a.title, "abstract": b.abstract}]
    f.write_text("\n".join(json.dumps(r) for r in rows))
    summary = ingest_paths(engine, [f], progress=False)
    assert (summary.papers_new, summary.papers_known) == (1, 1)
    with session_factory(engine)() as s:
        [paper] = s.scalars(select(Paper)).all()
        assert paper.abstract == b.abstract and paper.arxiv_id == "1" and len(paper.sightings) == 2
        for r in s.scalars(select(Result)):
            assert b.abstract[r.start:r.end] == r.surface


def test_a_new_extractor_version_re_extracts_unchanged_files_and_keeps_corrections(engine, monkeypatch, small_batches):
    ingest_paths(engine, [SEED], progress=False)
    with session_factory(engine)() as s:
        target = s.scalars(select(Result).order_by(Result.id)).first()
        corrections.edit(s, target.result_key, {"model": "Hand-fixed"}, author="ada", reason="paper says so")
        s.commit()
        key = target.result_key
    unchanged = ingest_paths(engine, [SEED], progress=False)
    assert unchanged.count("unchanged") == 1 and unchanged.results == 0
    with session_factory(engine)() as s:
        before = s.scalar(select(func.count(Result.id)))
    monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "next")
    summary = ingest_paths(engine, [SEED], progress=False)
    assert summary.count("unchanged") == 1 and summary.results == before  # every batch walked
    with session_factory(engine)() as s:
        assert set(s.scalars(select(Paper.extractor_version))) == {"next"}
        assert set(s.scalars(select(Result.extractor_version))) == {"next"}
        row = s.execute(text("SELECT model, status FROM result_rows WHERE result_id = :k"), {"k": key}).one()
        assert tuple(row) == ("Hand-fixed", "corrected")


def test_a_changed_abstract_is_re_extracted_and_the_arxiv_id_filled_in(engine, tmp_path):
    ingest_paths(engine, [SEED], progress=False)
    paper = _seed_papers()[0]
    changed = paper.abstract + " It runs at 42 ms per image."
    f = tmp_path / "update.jsonl"
    f.write_text(json.dumps({"id": "2401.99999", "title": paper.title, "abstract": changed}) + "\n")
    summary = ingest_paths(engine, [f], progress=False)
    assert (summary.papers_new, summary.papers_known) == (0, 1)
    with session_factory(engine)() as s:
        stored = s.scalar(select(Paper).where(Paper.arxiv_id == "2401.99999"))
        assert stored is not None and stored.abstract == changed
        assert stored.abstract_hash == ingest.text_hash(changed)
        surfaces = [r.surface for r in stored.results]
        assert any("42" in x for x in surfaces)
        for r in stored.results:
            assert changed[r.start:r.end] == r.surface


def test_a_bad_page_among_prefetched_pages_fails_alone(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(extract_pool, "START_AT", 1)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("000_0e0bdb848ac787aa.txt", "001_cff9fed74be4405e.txt"):
        (folder / name).write_bytes((SEEDS / name).read_bytes())
    (folder / "000_5_bad.txt").write_text("A title\n\nAnother title\n", encoding="utf-8")
    summary = ingest_paths(engine, [folder], progress=False, workers=2)
    assert [o.status for o in summary.outcomes] == ["ingested", "failed", "ingested"]
    assert summary.failed[0].error.line == 1
    clean = _fresh_engine(tmp_path, "clean.db")
    ingest_paths(clean, [folder / "000_0e0bdb848ac787aa.txt", folder / "001_cff9fed74be4405e.txt"],
                 progress=False, workers=1)
    assert _snapshot(engine)["rows"] == _snapshot(clean)["rows"]

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from leaderboard import corrections
from leaderboard.corrections import CorrectionError
from leaderboard.ingest import BenchmarkCache, store_extraction
from leaderboard.extract.types import Result as Extracted
from leaderboard.store.models import Correction, Result

from . import factories

WHO = {"author": "ada", "reason": "read the paper"}


def _rows(session, key=None):
    sql = "SELECT * FROM result_rows" + (" WHERE result_id = :k" if key else "")
    return [dict(r) for r in session.execute(text(sql), {"k": key} if key else {}).mappings()]


@pytest.fixture
def result(session):
    factories.bind(session)
    sighting = factories.SightingFactory()
    r = factories.ResultFactory(paper=sighting.paper)
    session.commit()
    return r


def test_edit_shows_in_result_rows_and_logs_before_and_after(session, result):
    corrections.edit(session, result.result_key, {"value": "76.1", "dataset": "ImageNet-1K"}, **WHO)
    session.commit()
    [row] = _rows(session, result.result_key)
    assert (row["value"], row["dataset"], row["status"]) == (76.1, "ImageNet-1K", "corrected")
    [entry] = corrections.history(session, result.result_key)
    assert json.loads(entry.changes) == {"value": 76.1, "dataset": "ImageNet-1K"}
    assert json.loads(entry.previous) == {"value": 75.2, "dataset": "ImageNet"}
    assert (entry.author, entry.reason, entry.action) == ("ada", "read the paper", "edit")


def test_reject_hides_the_row_and_revert_brings_it_back(session, result):
    rej = corrections.reject(session, result.result_key, **WHO)
    session.commit()
    assert _rows(session, result.result_key) == []
    corrections.revert(session, rej.id, author="bob", reason="it was right")
    session.commit()
    [row] = _rows(session, result.result_key)
    assert row["status"] == "extracted"
    with pytest.raises(CorrectionError, match="already reverted"):
        corrections.revert(session, rej.id, **WHO)


def test_revert_of_a_revert_reapplies_the_edit(session, result):
    e = corrections.edit(session, result.result_key, {"model": "MnasNet-A1"}, **WHO)
    r1 = corrections.revert(session, e.id, **WHO)
    assert _rows(session, result.result_key)[0]["model"] == "MnasNet"
    corrections.revert(session, r1.id, **WHO)
    assert _rows(session, result.result_key)[0]["model"] == "MnasNet-A1"


def test_add_a_missed_result(session, result):
    c = corrections.add(session, result.paper_id, {
        "value": "78", "unit": "ms", "metric": "latency", "kind": "absolute", "hardware": "Pixel phone",
        "surface": "78ms", "sentence": "It runs in 78ms on a Pixel phone."}, **WHO)
    session.commit()
    [row] = _rows(session, c.result_key)
    assert (row["value"], row["unit"], row["status"], row["paper_title"]) == (78.0, "ms", "added", result.paper.title)


@pytest.mark.parametrize("changes,words", [
    ({"value": "seventy"}, "must be a number"),
    ({"unit": "furlongs"}, "Unknown unit"),
    ({"metric": "vibes"}, "Unknown metric"),
    ({"kind": "sideways"}, "Kind must be"),
    ({"qualifier": "maybe"}, "Qualifier must be"),
    ({"colour": "red"}, "Unknown field"),
    ({"value": "75.2"}, "Nothing changed"),
])
def test_bad_edits_are_refused_with_a_clear_message(session, result, changes, words):
    with pytest.raises(CorrectionError, match=words):
        corrections.edit(session, result.result_key, changes, **WHO)
    assert corrections.history(session, result.result_key) == []


def test_new_terms_allowed_when_explicit(session, result):
    corrections.edit(session, result.result_key, {"unit": "furlongs"}, allow_new_terms=True, **WHO)
    assert _rows(session, result.result_key)[0]["unit"] == "furlongs"


def test_name_and_reason_required(session, result):
    with pytest.raises(CorrectionError, match="name"):
        corrections.edit(session, result.result_key, {"value": 1}, author=" ", reason="x")
    with pytest.raises(CorrectionError, match="reason"):
        corrections.edit(session, result.result_key, {"value": 1}, author="a", reason="")


def test_edit_token(session, result, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_EDIT_TOKEN", "s3cret")
    with pytest.raises(CorrectionError, match="token"):
        corrections.edit(session, result.result_key, {"value": 1}, **WHO)
    with pytest.raises(CorrectionError, match="token"):
        corrections.edit(session, result.result_key, {"value": 1}, token="wrong", **WHO)
    corrections.edit(session, result.result_key, {"value": 1}, token="s3cret", **WHO)


def test_log_is_append_only_in_the_database(session, result):
    corrections.edit(session, result.result_key, {"value": 1}, **WHO)
    session.commit()
    for stmt in ("UPDATE corrections SET author = 'mallory'", "DELETE FROM corrections"):
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(text(stmt))
        session.rollback()
    assert session.scalar(select(Correction.author)) == "ada"


def _fake_extractor(rows):
    return lambda title, abstract: rows


def test_corrections_survive_re_extraction_and_orphans_are_kept(session, result):
    paper = result.paper
    sentence = "It reaches 75.2% top-1 accuracy on ImageNet."
    same = Extracted(surface="75.2%", start=11, end=16, value=75.2, unit="%", metric="accuracy",
                     kind="absolute", sentence=sentence, dataset="ImageNet")
    other = Extracted(surface="3x", start=0, end=2, value=3, unit="x", metric="speedup", kind="ratio",
                      sentence="Also 3x faster.")
    bench = BenchmarkCache(session)
    store_extraction(session, paper, bench, _fake_extractor([same, other]))
    session.commit()
    kept = session.scalar(select(Result).where(Result.surface == "75.2%"))
    gone = session.scalar(select(Result).where(Result.surface == "3x"))
    corrections.edit(session, kept.result_key, {"model": "MnasNet-B1"}, **WHO)
    corrections.edit(session, gone.result_key, {"value": 3.5}, **WHO)
    session.commit()
    # re-extract with a new extractor that changes the metric and no longer finds "3x"
    newer = Extracted(**{**same.as_dict(), "metric": "top-1 accuracy"})
    store_extraction(session, paper, bench, _fake_extractor([newer]))
    session.commit()
    [row] = _rows(session, kept.result_key)
    assert (row["model"], row["metric"], row["status"]) == ("MnasNet-B1", "top-1 accuracy", "corrected")
    [orphan] = corrections.orphaned(session)
    assert orphan.result_key == gone.result_key and orphan.corrections == 1
    assert _rows(session, gone.result_key) == []
    # and when the extractor finds it again, the correction re-attaches
    store_extraction(session, paper, bench, _fake_extractor([newer, other]))
    session.commit()
    assert _rows(session, gone.result_key)[0]["value"] == 3.5
    assert corrections.orphaned(session) == []

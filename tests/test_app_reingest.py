"""Corrections made in the app survive re-ingesting the same or a changed listing."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from leaderboard.corrections import TOKEN_ENV
from leaderboard.ingest import ingest_paths

from .test_app import fill, open_page, button

TITLE = "TinyNet: Small Networks That Run Everywhere"
SENTENCE = "TinyNet reaches 75.2% accuracy with 12ms latency on a phone."
LISTING = "Jun 6\n\n{title}\n\nWe present TinyNet, a family of small networks for mobile devices. {abstract}\n"


def write(path, extra: str = "") -> None:
    path.write_text(LISTING.format(title=TITLE, abstract=SENTENCE + extra), encoding="utf-8")


def paper_and_key(engine) -> tuple[int, str]:
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT id FROM papers WHERE title = :t"), {"t": TITLE}).scalar_one()
        key = conn.execute(text("SELECT result_key FROM results WHERE paper_id = :p AND surface = '12ms'"),
                           {"p": pid}).scalar_one()
    return pid, key


def value_of(engine, key):
    with engine.connect() as conn:
        return conn.execute(text("SELECT value, status FROM result_rows WHERE result_id = :k"), {"k": key}).one()


def test_a_correction_from_the_form_survives_reingestion(engine, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_DB_URL", db_url)
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    first = tmp_path / "day1.txt"
    write(first)
    assert not ingest_paths(engine, [first], progress=False).failed
    pid, key = paper_and_key(engine)

    at = open_page("paper", id=str(pid), result=key)
    fill(at, f"e-{key}", value="13", author="Ada", reason="the paper table says 13 ms")
    button(at, "Save correction").click().run()
    assert not at.error, [e.value for e in at.error]
    assert tuple(value_of(engine, key)) == (13.0, "corrected")

    at = open_page("paper", id=str(pid))  # and add a number by hand
    at.selectbox(key=f"a-{pid}-sentence").select(SENTENCE)
    fill(at, f"a-{pid}", surface="75.2%", value="75.2", model="TinyNet", author="Ada", reason="missed")
    at.selectbox(key=f"a-{pid}-unit").select("%")
    at.selectbox(key=f"a-{pid}-metric").select("accuracy")
    button(at, "Add result").click().run()
    assert not at.error, [e.value for e in at.error]
    with engine.connect() as conn:
        added = conn.execute(text("SELECT result_id FROM result_rows WHERE status = 'added'")).scalar_one()

    ingest_paths(engine, [first], progress=False)  # the same listing again
    assert tuple(value_of(engine, key)) == (13.0, "corrected")
    assert tuple(value_of(engine, added)) == (75.2, "added")

    changed = tmp_path / "day2.txt"  # the abstract changed elsewhere: the paper is re-extracted
    write(changed, extra=" Code is available online.")
    assert not ingest_paths(engine, [changed], progress=False).failed
    with engine.connect() as conn:
        assert "Code is available" in conn.execute(text("SELECT abstract FROM papers WHERE id = :p"),
                                                   {"p": pid}).scalar_one()
    assert tuple(value_of(engine, key)) == (13.0, "corrected")
    assert tuple(value_of(engine, added)) == (75.2, "added")
    at = open_page("paper", id=str(pid), result=key)
    shown = next(d.value for d in at.dataframe if "surface" in d.value.columns).set_index("result_id")
    assert shown.loc[key, "shown"] == "13 ms" and shown.loc[key, "status"] == "corrected"
    assert list(next(d.value for d in at.dataframe if "action" in d.value.columns)["action"]) == ["edit"]

"""Re-extraction keeps corrections attached by their stable result key; a correction whose number
is no longer found is kept and shown as orphaned, never dropped."""

from __future__ import annotations

from sqlalchemy import func, select, text

from leaderboard import cli, corrections
from leaderboard.store.engine import session_factory
from leaderboard.store.models import Correction, Result

from .conftest import write_listing

TITLE = "NetA: Fast Networks for Phones"
KEEP = "It runs in 12 ms on a Pixel 4 phone."
DROP = "NetA is 1.8x faster than MobileNetV2."
V1 = f"We propose NetA, a network for phones and small devices. {KEEP} {DROP}"
V2 = f"We propose NetA, a network for phones and small devices, now revised. {KEEP} NetA is much faster than MobileNetV2."
WHO = {"author": "ada", "reason": "checked the paper"}


def _ingest(engine, path, capsys) -> tuple[int, str, str]:
    code = cli.main(["ingest", str(path), "-q", "--url", engine.url.render_as_string(hide_password=False)])
    out, err = capsys.readouterr()
    return code, out, err


def _key(s, sentence: str) -> str:
    return s.scalar(select(Result.result_key).where(Result.sentence == sentence))


def test_re_extraction_keeps_corrections_and_shows_orphans(engine, tmp_path, capsys):
    assert _ingest(engine, write_listing(tmp_path / "v1.txt", [(TITLE, V1)]), capsys)[0] == 0
    with session_factory(engine)() as s:
        kept, dropped = _key(s, KEEP), _key(s, DROP)
        assert kept and dropped, "the extractor should find '12 ms' and '1.8x' in V1"
        corrections.edit(s, kept, {"hardware": "Pixel 4 (checked)", "value": "12.5"}, **WHO)
        corrections.edit(s, dropped, {"baseline": "MobileNetV2 (checked)"}, **WHO)
        s.commit()

    # the paper comes back with a revised abstract: it is re-extracted
    code, out, err = _ingest(engine, write_listing(tmp_path / "v2.txt", [(TITLE, V2)]), capsys)
    assert code == 0
    assert "1 corrected result(s) are no longer found" in err and "leaderboard correct orphans" in err
    with session_factory(engine)() as s:
        assert _key(s, KEEP) == kept and _key(s, DROP) is None
        row = s.execute(text("SELECT * FROM result_rows WHERE result_id = :k"), {"k": kept}).mappings().one()
        assert (row["hardware"], row["value"], row["status"]) == ("Pixel 4 (checked)", 12.5, "corrected")
        [orphan] = corrections.orphaned(s)
        assert (orphan.result_key, orphan.paper_title, orphan.corrections) == (dropped, TITLE, 1)
        assert s.scalar(select(func.count(Correction.id))) == 2  # the log is whole

    assert cli.main(["correct", "orphans", "--url", engine.url.render_as_string(hide_password=False)]) == 0
    out, err = capsys.readouterr()
    assert dropped in out and TITLE in out and "1 orphaned" in err

    # the old abstract comes back: the correction re-attaches to its number
    assert _ingest(engine, write_listing(tmp_path / "v3.txt", [(TITLE, V1 + " ")], date="Jun 7"), capsys)[0] == 0
    with session_factory(engine)() as s:
        assert corrections.orphaned(s) == []
        row = s.execute(text("SELECT * FROM result_rows WHERE result_id = :k"), {"k": dropped}).mappings().one()
        assert (row["baseline"], row["status"]) == ("MobileNetV2 (checked)", "corrected")


def test_a_new_extractor_version_re_extracts_and_keeps_corrections(engine, tmp_path, capsys):
    listing = write_listing(tmp_path / "v1.txt", [(TITLE, V1)])
    assert _ingest(engine, listing, capsys)[0] == 0
    with session_factory(engine)() as s:
        kept = _key(s, KEEP)
        corrections.edit(s, kept, {"value": "13"}, **WHO)
        s.commit()
    with engine.begin() as conn:  # as if these rows came from an older extractor
        conn.execute(text("UPDATE papers SET extractor_version = 'older'"))
        conn.execute(text("UPDATE results SET extractor_version = 'older', model = 'stale'"))
    code, out, err = _ingest(engine, listing, capsys)  # the same file: unchanged, but re-extracted
    assert code == 0 and "1 unchanged" in out
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count(Result.id)).where(Result.extractor_version == "older")) == 0
        row = s.execute(text("SELECT * FROM result_rows WHERE result_id = :k"), {"k": kept}).mappings().one()
        assert (row["value"], row["status"]) == (13.0, "corrected")
        assert corrections.orphaned(s) == []

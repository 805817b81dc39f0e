"""Bad input gets a clear error (file, line, what to do), a non-zero exit, and nothing stored is lost."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from leaderboard import cli, corrections
from leaderboard.ingest import ingest_paths
from leaderboard.store.engine import session_factory
from leaderboard.store.models import Listing, Paper, Result

from .conftest import small_listing, synthetic_pairs, table_dump, write_jsonl, write_listing

LONG = "We propose a compact network for mobile devices that keeps accuracy high while cutting the cost a lot."


@pytest.fixture
def stored(engine, tmp_path):
    """A database holding one seed and one correction: what must survive every bad ingest."""
    assert not ingest_paths(engine, [small_listing(tmp_path / "small.txt")], progress=False).failed
    with session_factory(engine)() as s:
        key = s.scalars(select(Result.result_key).order_by(Result.id)).first()
        corrections.edit(s, key, {"model": "Hand-checked"}, author="ada", reason="read the paper")
        s.commit()
    return engine


def _ingest(engine, *paths, capsys):
    url = engine.url.render_as_string(hide_password=False)
    code = cli.main(["ingest", *map(str, paths), "--url", url, "-q"])
    out, err = capsys.readouterr()
    return code, out, err


def _noise(n: int) -> bytes:
    """Random bytes without line breaks or NULs."""
    return bytes(b for b in random.Random(4).randbytes(2 * n) if b not in (0, 10))[:n]


def _latin1(tmp_path):
    text = f"Jun 6\nFirst paper\n{LONG}\nR\u00e9seaux efficaces pour t\u00e9l\u00e9phones\n{LONG}\n"
    return text.encode("latin-1"), 4, ["not UTF-8", "byte 0xe9", "iconv"]


def _truncated_abstract(tmp_path):
    text = f"Jun 6\nFirst paper\n{LONG}\nSecond paper\nWe reach 75.2% top-1 accuracy on ImageNet with a latency of 12"
    return text.encode(), 5, ["stops mid-sentence", "truncated", "save the listing page again"]


BAD = {
    "empty": lambda tmp: (b"", None, ["the file is empty", "Pass saved listing pages"]),
    "blank lines only": lambda tmp: (b"\n\n  \n", None, ["the file is empty"]),
    "binary (NUL bytes)": lambda tmp: (b"Title\n" + _noise(4000) + b"\x00", 2, ["binary", "NUL"]),
    "binary (PNG renamed .txt)": lambda tmp: (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 1, ["binary", "PNG"]),
    "binary (PDF renamed .txt)": lambda tmp: (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 1, ["binary", "PDF"]),
    "Latin-1": _latin1,
    "UTF-16 (Windows 'Unicode')": lambda tmp: (f"First paper\n{LONG}\n".encode("utf-16"), 1, ["UTF-16", "iconv"]),
    "titles without abstracts": lambda tmp: (b"Jun 6\nFirst title\nSecond title\nThird title\n", 2,
                                             ["no abstract", "line, 3,", "title line must be followed"]),
    "truncated last abstract": _truncated_abstract,
    "a bad entry after 200 good papers": lambda tmp: (
        write_listing(tmp / "x.txt", synthetic_pairs(200, "before")).read_bytes()
        + f"Lonely title\nAnother title\n{LONG}\n".encode(), 403, ["'Lonely title' has no abstract"]),
    "truncated after a title": lambda tmp: (f"First paper\n{LONG}\nSecond paper\n".encode(), 3,
                                            ["last title", "no abstract", "truncated"]),
    "an HTML page saved as .txt": lambda tmp: (b"<!DOCTYPE html>\n<html lang=en>\n<head><title>Daily Papers</title>",
                                               1, ["HTML page", "Save the page as text"]),
    "a 2 MB line after a title": lambda tmp: (b"A title\n" + b"<div>word</div> " * 131072 + b"\n", 2,
                                             ["2,097,1", "over the limit", "saved as text"]),
    "a paragraph where a title should be": lambda tmp: (("word " * 200 + "\n" + LONG + "\n").encode(), 1,
                                                        ["long paragraph"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_listing_is_reported_and_nothing_is_lost(stored, tmp_path, capsys, case):
    content, line, words = BAD[case](tmp_path)
    bad = tmp_path / "bad listing.txt"
    bad.write_bytes(content)
    before = table_dump(stored)
    code, out, err = _ingest(stored, bad, capsys=capsys)
    assert code == 1
    where = f"{bad}, line {line}:" if line else f"{bad}:"
    failed = [ln for ln in err.splitlines() if ln.startswith("FAILED")]
    assert len(failed) == 1 and where in failed[0], err
    for w in words:
        assert w in failed[0], f"{w!r} not in {failed[0]!r}"
    assert "1 failed" in out and "run the same command again" in err
    assert table_dump(stored) == before


def test_path_that_does_not_exist(stored, tmp_path, capsys):
    before = table_dump(stored)
    missing = tmp_path / "no" / "such.txt"
    code, out, err = _ingest(stored, missing, capsys=capsys)
    assert code == 1
    assert f"FAILED {missing}: no such file" in err and "Check the path" in err
    assert table_dump(stored) == before


def test_unreadable_path_is_reported_and_the_rest_ingested(stored, tmp_path, capsys):
    too_long = tmp_path / ("x" * 300 + ".txt")  # the system refuses the name
    good = write_listing(tmp_path / "good.txt", synthetic_pairs(4, "good"))
    code, out, err = _ingest(stored, too_long, good, capsys=capsys)
    assert code == 1 and "cannot read it (File name too long)" in err and "Traceback" not in err
    assert "1 ingested" in out and "1 failed" in out


def test_json_array_and_byte_order_mark(engine, tmp_path, capsys):
    import json

    array = tmp_path / "papers.json"
    array.write_text(json.dumps([{"title": t, "abstract": a} for t, a in synthetic_pairs(2, "arr")], indent=1))
    code, out, err = _ingest(engine, array, capsys=capsys)
    assert code == 1 and f"{array}, line 1: the file is one JSON array" in err and "jq -c" in err
    bom = write_jsonl(tmp_path / "bom.jsonl", synthetic_pairs(2, "bom"))
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())  # as Windows editors save it
    code, out, err = _ingest(engine, bom, capsys=capsys)
    assert code == 0 and "papers: 2 new" in out, err


@pytest.mark.parametrize("line,words", [
    ('{"id": "9", "title": "Broken", "abstract": "cut', ["not a JSON object", "Each line must be"]),
    ('{"id": "9", "title": "No abstract"}', ["no 'abstract'"]),
])
def test_bad_json_lines_name_the_line_and_keep_what_was_stored(stored, tmp_path, capsys, line, words):
    f = write_jsonl(tmp_path / "arxiv.jsonl", synthetic_pairs(3, "jsonl"))
    with open(f, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    before = table_dump(stored)
    code, out, err = _ingest(stored, f, capsys=capsys)
    assert code == 1
    assert f"{f}, line 4:" in err and all(w in err for w in words), err
    after = table_dump(stored)
    for table, rows in before.items():  # what was stored before is still there, unchanged
        assert set(rows) <= set(after[table]), table


def test_folder_mixing_good_and_bad_files(stored, tmp_path, capsys):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    good = [write_listing(folder / "good_a.txt", synthetic_pairs(20, "a")),
            write_listing(folder / "sub" / "good_b.txt", synthetic_pairs(15, "b")),
            write_jsonl(folder / "good_c.jsonl", synthetic_pairs(10, "c"))]
    bad = {"empty.txt": b"", "latin1.txt": _latin1(tmp_path)[0], "titles.txt": b"A title\nAnother title\n",
           "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a source suffix: not read at all
    before = table_dump(stored)
    code, out, err = _ingest(stored, folder, capsys=capsys)
    assert code == 1
    assert "7 files" in out.replace("files: 7", "7 files") and "3 ingested" in out and "4 failed" in out
    failed = [ln for ln in err.splitlines() if ln.startswith("FAILED")]
    assert sorted(ln.split(str(folder) + "/")[1].split(",")[0].split(":")[0] for ln in failed) == sorted(bad)
    assert "notes.pdf" not in out + err
    after = table_dump(stored)
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), table
    with session_factory(stored)() as s:
        sources = set(s.scalars(select(Listing.source)))
        assert {p.name for p in good} <= sources and not set(bad) & sources
        assert s.scalar(select(func.count(Paper.id)).where(Paper.title.like("%[a %"))) == 20
        assert s.scalar(select(func.count(Paper.id)).where(Paper.title.like("%[c %"))) == 10


NASTY_TITLES = [
    "Robert'); DROP TABLE papers;--",
    'Quotes " and \' and `backticks` and %s and %(name)s and :param and ? marks',
    "Ünïcödé, emoji \U0001F680, right-to-left \u05e9\u05dc\u05d5\u05dd, zero\u200bwidth",
    "A title of " + "very " * 70 + "long words",
]
NASTY_ABSTRACTS = [
    "We get 1e308% and 99999999999999999999999 FLOPs and -0.0 ms and NaN fps and 10^9x; see <script>alert(1)</script>.",
    "Numbers: ١٢٣ (Arabic-Indic), 75,2 %, 3½ ms, ½x, 1.8× faster, ±0.5%, 10⁻³ W, 1 000 000 params, 5e-324 J.",
    ("We repeat ourselves. " * 2000) + "It reaches 75.2% top-1 accuracy.",
    "Control characters \x07\x1b[31m red \x1b[0m and a tab\there reach 12 ms on a Pixel 4.",
]


def test_hostile_text_is_stored_verbatim_and_breaks_nothing(engine, tmp_path, capsys):
    pairs = list(zip(NASTY_TITLES, NASTY_ABSTRACTS))
    f = write_listing(tmp_path / "nasty.txt", pairs)
    code, out, err = _ingest(engine, f, capsys=capsys)
    assert code == 0, err
    with session_factory(engine)() as s:
        stored = dict(s.execute(select(Paper.title, Paper.abstract)).all())
        assert set(stored) == {" ".join(t.split()) for t in NASTY_TITLES}
        for r in s.scalars(select(Result)):
            assert r.paper.abstract[r.start:r.end] == r.surface
    # and every table is still there and readable
    dump = table_dump(engine)
    assert {"papers", "results", "corrections", "listings"} <= set(dump) and len(dump["papers"]) == 4


READ_AND_MEASURE = """
import resource, sys
from leaderboard.sources import iter_records
n = sum(1 for _ in iter_records(sys.argv[1]))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _read_in_subprocess(path) -> tuple[int, int]:
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    out = subprocess.run([sys.executable, "-c", READ_AND_MEASURE, str(path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=True).stdout.split()
    return int(out[0]), int(out[1]) * 1024  # ru_maxrss is in KiB on Linux


@pytest.mark.slow
def test_a_50_mb_listing_is_read_as_a_stream(tmp_path):
    big = write_listing(tmp_path / "big.txt", synthetic_pairs(34_000, "big"))
    small = write_listing(tmp_path / "small.txt", synthetic_pairs(100, "small"))
    assert big.stat().st_size > 50_000_000
    n_big, rss_big = _read_in_subprocess(big)
    n_small, rss_small = _read_in_subprocess(small)
    assert (n_big, n_small) == (34_000, 100)
    # holding the file (or its records) would cost well over 50 MB; a stream costs next to nothing
    assert rss_big - rss_small < 20_000_000, f"reading 50 MB grew memory by {(rss_big - rss_small) / 1e6:.0f} MB"


@pytest.mark.slow
def test_a_50_mb_listing_is_ingested_end_to_end(sqlite_db_url, tmp_path, capsys):
    """The whole 50 MB page, one transaction, through the CLI; a re-run finds it unchanged."""
    from leaderboard.store.engine import make_engine

    f = write_listing(tmp_path / "large.txt", synthetic_pairs(34_000, "large"))
    assert f.stat().st_size > 50_000_000
    db = sqlite_db_url[len("sqlite:///"):]
    assert cli.main(["ingest", str(f), "--db", db, "-q"]) == 0
    assert "papers: 34000 new" in capsys.readouterr().out
    eng = make_engine(sqlite_db_url)
    with session_factory(eng)() as s:
        assert s.scalar(select(func.count(Paper.id))) == 34_000
    eng.dispose()
    assert cli.main(["ingest", str(f), "--db", db, "-q"]) == 0
    assert "1 unchanged" in capsys.readouterr().out


@pytest.mark.parametrize("last,line,words", [
    ("Another Title Of A Paper", 1, "has no abstract"),
    ("We reach 75.2% top-1 accuracy on ImageNet with a latency of 12", 3, "stops mid-sentence"),
])
def test_a_short_last_line_is_a_title_or_a_cut_off_abstract(tmp_path, last, line, words):
    from leaderboard.sources import SourceError
    from leaderboard.sources.listing import read_listing

    f = tmp_path / "end.txt"
    f.write_text(f"A title\n\n{last}\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_listing(f)
    assert err.value.line == line and words in str(err.value)

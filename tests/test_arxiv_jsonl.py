from __future__ import annotations

import json

import pytest

from leaderboard.sources import SourceError, iter_records


def test_reads_arxiv_snapshot_lines(tmp_path):
    f = tmp_path / "arxiv.jsonl"
    rows = [
        {"id": "2101.00001", "title": "A  Paper", "abstract": " We get 75.2% top-1.\n", "update_date": "2021-01-02",
         "authors": "X"},
        {"id": "2101.00002", "title": "B Paper", "abstract": "It runs at 30 fps on a Jetson Nano."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    recs = list(iter_records(f))
    assert [(r.arxiv_id, r.title, r.abstract, r.listing_date, r.line) for r in recs] == [
        ("2101.00001", "A Paper", "We get 75.2% top-1.", "2021-01-02", 1),
        ("2101.00002", "B Paper", "It runs at 30 fps on a Jetson Nano.", None, 2),
    ]


@pytest.mark.parametrize("line,words", [
    ('{"id": "1", "title": "T"}', "no 'abstract'"),
    ('{"id": "1", "abstract": "A"}', "no 'title'"),
    ('{"id": "1", "title": "T", "abstract": ', "not a JSON object"),
    ('[1, 2]', "not an object"),
])
def test_bad_lines_name_the_line(tmp_path, line, words):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "0", "title": "Good", "abstract": "Fine."}\n' + line + "\n")
    with pytest.raises(SourceError) as err:
        list(iter_records(f))
    assert err.value.line == 2 and words in str(err.value)

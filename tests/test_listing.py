from __future__ import annotations

import pytest

from leaderboard.sources import SourceError, expand_paths, iter_records, title_key
from leaderboard.sources.listing import read_listing

from .conftest import SEED_COUNTS, SEEDS


@pytest.mark.parametrize("name,count", sorted(SEED_COUNTS.items()))
def test_every_pair_of_every_seed_is_read(name, count):
    papers = read_listing(SEEDS / name)
    assert len(papers) == count
    assert [p.position for p in papers] == list(range(count))
    for p in papers:
        assert p.title and len(p.abstract) > len(p.title)
        assert not p.title.startswith(("Subscribe", "Get trending", "byAK"))


def test_listing_dates():
    dates = {name: read_listing(SEEDS / name)[0].listing_date for name in SEED_COUNTS}
    assert dates["000_0e0bdb848ac787aa.txt"] == "Jun 6"
    assert dates["003_656d5c5de814b30c.txt"] == "Aug 26"
    assert dates["001_cff9fed74be4405e.txt"] is None  # that page was saved without its date


def test_banner_glued_to_first_title_is_removed():
    first = read_listing(SEEDS / "001_cff9fed74be4405e.txt")[0]
    assert first.title == "Neural Network Diffusion"
    assert first.line == 3


ABSTRACT_A = "We propose a method. It reaches 75.2% top-1 accuracy on ImageNet with 78ms latency on a Pixel phone."
ABSTRACT_B = "Our second approach is 1.8x faster than MobileNetV2 while keeping accuracy within 0.5% of it."


def test_blank_line_layout(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n"
                 f"Jun 6\n\nFirst Paper\n\n{ABSTRACT_A}\n\nSecond Paper\n\n{ABSTRACT_B}\n", encoding="utf-8")
    papers = read_listing(f)
    assert [(p.title, p.line, p.listing_date) for p in papers] == [
        ("First Paper", 11, "Jun 6"), ("Second Paper", 15, "Jun 6")]
    assert papers[1].abstract == ABSTRACT_B


def test_packed_layout_with_glued_banner(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"
                 f"SubscribeFirst Paper\n{ABSTRACT_A}\nSecond Paper\n{ABSTRACT_B}\n", encoding="utf-8")
    papers = read_listing(f)
    assert [p.title for p in papers] == ["First Paper", "Second Paper"]
    assert [p.line for p in papers] == [3, 5]
    assert papers[0].listing_date is None


def test_title_starting_like_a_banner_word_is_kept(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text(f"newer models are better\n{ABSTRACT_A}\n", encoding="utf-8")
    assert read_listing(f)[0].title == "newer models are better"


@pytest.mark.parametrize("content,line,words", [
    (b"", None, "empty"),
    (b"Title only\n", 1, "no abstract"),
    (f"A\n{ABSTRACT_A}\nB\nC\n{ABSTRACT_B}\n".encode(), 3, "no abstract"),
    (b"Title\n\x00\x01\x02binary", 2, "binary"),
    ("Caf\u00e9 paper\n".encode("latin-1") + ABSTRACT_A.encode(), 1, "not UTF-8"),
])
def test_bad_listings_name_file_and_line(tmp_path, content, line, words):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(SourceError) as err:
        read_listing(f)
    assert err.value.line == line
    assert str(f) in str(err.value)
    assert words in str(err.value)


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        list(iter_records(tmp_path / "nope.txt"))


def test_expand_paths_reads_folders_sorted(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.jsonl").write_text("x")
    (tmp_path / "skip.png").write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.jsonl", "b.txt"]


def test_title_key_folds_case_and_punctuation():
    assert title_key("Neural  Network Diffusion!") == title_key("neural network: diffusion")

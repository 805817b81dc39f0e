"""fast(rx): the same matches as rx, found by trying only the offsets of its first words."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import leaderboard.extract as extract_pkg
from leaderboard.bench_corpus import seed_papers
from leaderboard.extract.fastre import FastPattern, fast, first_words
from leaderboard.extract.sentences import split_sentences


def _same(rx: re.Pattern, text: str, pos: int = 0, endpos: int = 2 ** 62) -> None:
    f = fast(rx)
    assert isinstance(f, FastPattern), rx.pattern
    plain = [(m.span(), m.groups()) for m in rx.finditer(text, pos, endpos)]
    assert [(m.span(), m.groups()) for m in f.finditer(text, pos, endpos)] == plain
    s, p = f.search(text, pos, endpos), rx.search(text, pos, endpos)
    assert (s and (s.span(), s.groups())) == (p and (p.span(), p.groups()))


@pytest.mark.parametrize("pattern, heads, needed, folded", [
    (r"\b(?:[Ww]e|[Tt]his\s+(?:paper|work))\s+propose", ("This", "We", "this", "we"), "propose", False),
    (r"(?i)\b(?:has|have)\s+been", ("has", "have"), "been", True),
    (r"(?<![\w.])10\^\{?\d+", ("10^",), "10^", False),
    (r"\b(?:reduc\w*|lower|less)\b", ("less", "lower", "reduc"), "", False),
    (r"(?:ab(?i:cd)|xy)z", ("abcdz", "xyz"), "", True),  # an inline (?i:) folds every head
    (r"(?:the|the\s+proposed|thesis)", ("the",), "the", False),  # heads that start with another head add nothing
    (r"\b(?:an?|one)\s+orders?", (), "order", False),  # a one-letter head is everywhere: only the needed word
    (r"(?i)(?:for|in)\s+(?P<x>[^,]+?)(?:\s+sets?)?,?\s+RESPECTIVELY\b", ("for", "in"), "respectively", True),
    (r"[a-z]+(?:\s+and)+\s+(?:x|y)", (), "and", False),  # "one or more" holds its body
])
def test_first_words(pattern, heads, needed, folded):
    assert first_words(re.compile(pattern)) == (heads, needed, folded)


@pytest.mark.parametrize("pattern", [
    r"[+-]?\d+",  # an optional start, no literal
    r"(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z)(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z)",
    r"\w+(?:ing)?",  # an optional literal is not needed
    r"(?i)\u00dfe(?:ss|\u00dfe)",  # non-ASCII words in a case-insensitive pattern
])
def test_patterns_without_first_words_stay_plain(pattern):
    rx = re.compile(pattern)
    assert first_words(rx) is None and fast(rx) is rx


@pytest.mark.parametrize("pattern, text", [
    (r"\b(?:[Ww]e|[Tt]his\s+(?:paper|work))\s+(?:propose|present)s?\s+(?P<name>[A-Z]\w*)",
     "Between us, we propose Foo. This  paper presents Bar; answer: We propose baz, We proposes Qux."),
    (r"(?i)\b(?:has|have)\s+been\s+shown", "It HAS BEEN SHOWN twice; Have been shown; rehas been shown."),
    (r"(?i)\bbetween\s+$", "a range BETWEEN "),
    (r"(?i)\bkelvins?\b", "3 \u212aelvins and KELVIN"),  # non-ASCII text: the KELVIN SIGN matches k case-insensitively
    (r"(?i)\bsizes?\b", "\u017fize and SIZES"),  # and the long s matches s
    (r"(?<![\w-])(?:ResNet|ResNet-50)(?:-\d+)?", "ResNet-50, PreResNet-18 and ResNet-101-ResNet"),
    (r"abab", "abababab ab abab"),  # overlapping heads: finditer does not overlap
    (r"\w+ing", "nothing but singing; Ing"),  # only a needed literal
    (r"(?i)(?:for|in)\s+(?P<x>[^,]+?),?\s+respectively\b", "in A and B RESPECTIVELY, for C, respectively; in D"),
    (r"(?i)\w+ respectively", "A and B re\u017fpectively"),  # non-ASCII text: the long s matches s case-insensitively
])
def test_same_matches(pattern, text):
    rx = re.compile(pattern)
    _same(rx, text)
    for pos in range(0, len(text), 7):
        _same(rx, text, pos)
        _same(rx, text, 0, pos)


def _fast_patterns():
    for mod in pkgutil.iter_modules(extract_pkg.__path__):
        module = importlib.import_module(f"{extract_pkg.__name__}.{mod.name}")
        for name, value in vars(module).items():
            if isinstance(value, FastPattern):
                yield f"{mod.name}.{name}", value


def test_the_extractor_uses_fast_patterns():
    assert len(dict(_fast_patterns())) >= 5


def test_fast_patterns_of_the_extractor_match_as_their_plain_pattern_on_the_seeds():
    """Every FastPattern in leaderboard.extract finds what its plain pattern finds, in abstracts and in sentences."""
    abstracts = [a for _, a in seed_papers()]
    texts = abstracts + [a[x:y] for a in abstracts for x, y in split_sentences(a)]
    for name, f in _fast_patterns():
        for text in texts:
            plain = [m.span() for m in f.rx.finditer(text)]
            assert [m.span() for m in f.finditer(text)] == plain, (name, text)
            s = f.search(text)
            assert (s and s.span()) == (plain[0] if plain else None), (name, text)

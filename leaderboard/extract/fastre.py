"""Faster searches for patterns that start with a word: try only where one of their first words is written.

``re`` scans for a match at every offset of the text unless the pattern starts with a fixed
character; a pattern such as ``\\b(?:we|We)\\s+propose`` is tried ~1,500 times on an abstract.
``fast(rx)`` reads from the parsed pattern the literal words every match must start with ("we",
"We") and a literal every match must hold ("respectively"), finds them with ``str.find`` and
tries ``rx.match`` only there (nowhere when the literal is missing). Results are those of
``rx`` itself: ``search`` and ``finditer`` return the same matches, always.
"""

from __future__ import annotations

import re
from re import _constants as C
from re import _parser

_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)  # \b, ^, $, lookarounds: checked by rx.match itself
_REPEATS = tuple(getattr(C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(C, name))
_MAX_HEADS = 32  # more first words than this: a plain search is as fast
_MIN_HEAD = 2  # one-character heads are everywhere: no gain
_MIN_NEEDED = 3  # shorter literals are in nearly every text
_CASELESS = re.compile(r"\(\?[a-zA-Z]*i")  # an inline (?i) or (?i:...), or something like it: then compare lower-cased


def _heads(items) -> tuple[set[str], bool] | None:
    """(prefixes, whole): every match of ``items`` starts with one of the prefixes; whole when they are the entire match.
    None: too many prefixes to be worth it."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            sub, whole = {chr(av)}, True
        elif op is C.IN and av and all(o is C.LITERAL for o, _ in av):
            sub, whole = {chr(c) for _, c in av}, True
        elif op is C.SUBPATTERN:
            inner = _heads(av[3].data)
            if inner is None:
                return None
            sub, whole = inner
        elif op is C.BRANCH:
            parts = [_heads(alt.data) for alt in av[1]]
            if None in parts:
                return None
            sub, whole = set().union(*(p for p, _ in parts)), all(w for _, w in parts)
        elif op in _REPEATS and av[0] >= 1:
            inner = _heads(av[2].data)
            if inner is None:
                return None
            sub, whole = inner[0], False
        else:
            return out, False
        out = {h + s for h in out for s in sub}
        if len(out) > _MAX_HEADS:
            return None
        if not whole:
            return out, False
    return out, True


def _needed(items) -> str:
    """The longest run of literal characters that every match of ``items`` holds (groups and "one or more" included)."""
    best, run = "", ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        best, run = max(best, run, key=len), ""
        if op is C.SUBPATTERN:
            best = max(best, _needed(av[3].data), key=len)
        elif op in _REPEATS and av[0] >= 1:
            best = max(best, _needed(av[2].data), key=len)
    return max(best, run, key=len)


def first_words(rx: re.Pattern) -> tuple[tuple[str, ...], str, bool] | None:
    """(heads, needed, folded): every match of rx starts with one of heads (none known: empty) and holds needed ("" when
    none is known); both lower-cased when folded. None when neither is usable."""
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
    except Exception:  # another Python's private parser: do without
        return None
    folded = bool(rx.flags & re.IGNORECASE) or bool(_CASELESS.search(rx.pattern))
    found = _heads(parsed.data)
    heads = found[0] if found else set()
    if not heads or len(heads) > _MAX_HEADS or min(map(len, heads)) < _MIN_HEAD or folded and not all(h.isascii() for h in heads):
        heads = set()
    needed = _needed(parsed.data)
    if len(needed) < _MIN_NEEDED or folded and not needed.isascii():
        needed = ""
    if folded:
        heads, needed = {h.lower() for h in heads}, needed.lower()
    if not heads and not needed:
        return None
    # a head that starts with another one adds no offsets
    return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads))), needed, folded


_LOWER = ["", ""]  # the last text lower-cased and its lower case: patterns are tried one after another on the same text


def _lowered(text: str) -> str:
    if text is not _LOWER[0]:
        _LOWER[0], _LOWER[1] = text, text.lower()
    return _LOWER[1]


class FastPattern:
    """A compiled pattern whose ``search`` and ``finditer`` try only the offsets of its first words."""

    def __init__(self, rx: re.Pattern, heads: tuple[str, ...], needed: str, folded: bool):
        self.rx, self.heads, self.needed, self.folded = rx, heads, needed, folded
        self.match, self.fullmatch, self.pattern, self.flags = rx.match, rx.fullmatch, rx.pattern, rx.flags

    def __getattr__(self, name):
        return getattr(self.rx, name)

    def _offsets(self, text: str, pos: int, endpos: int) -> list[int] | None:
        """Where a match may start; None: anywhere (try every offset)."""
        if self.folded:
            if not text.isascii():
                return None  # lower-casing may move offsets, and (?i) matches some non-ASCII letters: plain search
            text = _lowered(text)
        if self.needed and text.find(self.needed, pos, endpos) < 0:
            return []
        if not self.heads:
            return None
        found = []
        for h in self.heads:
            i = text.find(h, pos, endpos)
            while i >= 0:
                found.append(i)
                i = text.find(h, i + 1, endpos)
        if len(self.heads) > 1:
            found.sort()
        return found

    def search(self, text: str, pos: int = 0, endpos: int = 2 ** 62):
        offsets = self._offsets(text, pos, endpos)
        if offsets is None:
            return self.rx.search(text, pos, endpos)
        match = self.rx.match
        for i in offsets:
            m = match(text, i, endpos)
            if m:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int = 2 ** 62):
        offsets = self._offsets(text, pos, endpos)
        if offsets is None:
            yield from self.rx.finditer(text, pos, endpos)
            return
        match, end = self.rx.match, pos
        for i in offsets:
            if i >= end:
                m = match(text, i, endpos)
                if m:
                    end = m.end()  # matches are never empty (they hold a head), as in re's finditer
                    yield m


def fast(rx: re.Pattern) -> re.Pattern | FastPattern:
    """``rx``, or a FastPattern with the same results when its matches start with a few known words or hold a literal."""
    found = first_words(rx)
    return FastPattern(rx, *found) if found else rx

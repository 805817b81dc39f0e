"""Split an abstract into sentences with their offsets."""

from __future__ import annotations

import re

# Words after which a period does not end a sentence.
_ABBREV = {
    "e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "vs", "v.s", "cf", "etc", "approx", "resp",
    "sec", "no", "nos", "tab", "dr", "mr", "ms", "prof", "st", "w.r.t", "wrt", "viz", "ca", "ref",
    "refs", "incl", "et", "avg", "val", "e.t.c", "inc", "ltd", "jr", "sr", "u.s", "appx",
}
_UNITS = {"ms", "sec"}  # abbreviations that are units after a number
_NUMBER_BEFORE = re.compile(r"\d\s?$")
_LAST_WORD = re.compile(r"([\w.]+)$")
_END = re.compile(r"[.!?](?:[\"'’”)\]]*)\s+(?=[\"'“(\[]?[A-Z0-9])")


def _last_word(text: str, lo: int, hi: int) -> str:
    """``_LAST_WORD.search(text, lo, hi)``'s word ("" when none), read backwards from hi instead of trying every offset."""
    j = hi
    while j > lo and (text[j - 1].isalnum() or text[j - 1] in "_."):  # [\w.]
        j -= 1
    if j == hi and hi > lo and text[hi - 1] == "\n":  # "$" also matches before a final newline
        hi = j = hi - 1
        while j > lo and (text[j - 1].isalnum() or text[j - 1] in "_."):
            j -= 1
    return text[j:hi]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of ``text``; text[start:end] is the sentence."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        stop = m.start() + 1
        if text[m.start()] == ".":
            w = _last_word(text, max(start, m.start() - 40), m.start()).lower()
            if (w in _ABBREV or w.rstrip(".") in _ABBREV) and not (w in _UNITS and _NUMBER_BEFORE.search(text, start, m.start() - len(w))):
                continue  # "410 ms." ends a sentence; "Ms. Smith" does not
            if len(w) == 1 and w.isalpha() and text[m.start() - 2:m.start() - 1] in (" ", ".") \
                    and not text[max(0, m.start() - 4):m.start() - 1].strip()[-1:].isdigit():
                continue  # an initial such as "J. Smith" (but "under 10 W." ends a sentence)
            nxt = text[m.end():m.end() + 1]
            if nxt.isdigit() and w.isdigit():
                continue  # "Section 3. 2" style numbering is rare; "3. 5" keep together
        # include the closing quote/bracket in the sentence
        stop = m.end()
        while stop > m.start() and text[stop - 1].isspace():
            stop -= 1
        if stop - start > 0:
            spans.append((start, stop))
        start = m.end()
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans

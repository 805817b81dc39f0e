"""Reader for saved pages of daily paper listings.

A listing is a few banner lines, an optional date line (``Jun 6``), then title line /
abstract line pairs, either separated by blank lines or packed with none; a banner can be
glued to the first title (``SubscribeNeural Network Diffusion``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .records import SOURCE_HINT, PaperRecord, SourceError, check_abstract_length, check_source_file, clean_text

BANNERS = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
    "new",
)
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
DATE_LINE = re.compile(rf"^(?:{_MONTHS})[a-z]*\.? \d{{1,2}}(?:, \d{{4}})?$")

# An abstract is prose: long, or at least a sentence. A title is a short line.
MIN_ABSTRACT_CHARS = 80
MAX_TITLE_CHARS = 400
_HTML = re.compile(r"^<(?:!doctype html|html|head|body|div|\?xml)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?)\]\"'’”]\s*$")
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.|github\.com/|\w\.\w+/)\S*$")


def _strip_banner(line: str) -> str:
    """Drop a banner line entirely, or a banner glued to the start of a title."""
    for banner in BANNERS:
        if line == banner:
            return ""
    for banner in BANNERS:
        if banner[0].isupper() and line.startswith(banner) and line[len(banner)].isupper():
            return line[len(banner):]
    return line


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with their 1-based numbers; clear errors for binary or non-UTF-8 files."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if b"\x00" in raw:
                raise SourceError(path, number, "the file is binary (it holds NUL bytes), not a text listing",
                                  SOURCE_HINT)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SourceError(
                    path, number,
                    f"the text is not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                    "Re-save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`.",
                ) from None
            text = text.strip().lstrip("\ufeff")
            if text:
                yield number, text


def _looks_cut_off(abstract: str) -> bool:
    """The last abstract of a file that stops mid-sentence (and not on a link, as many abstracts do)."""
    return not _SENTENCE_END.search(abstract) and not _ENDS_WITH_LINK.search(abstract)


def _looks_like_prose(text: str) -> bool:
    """Words of a sentence, not of a title: several, and mostly lower case."""
    words = text.split()[1:]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) < len(words) / 2


def _no_abstract(path: Path, title: tuple[int, str], next_line: int) -> SourceError:
    return SourceError(path, title[0], f"the title {title[1]!r} has no abstract (the next line, {next_line}, "
                       "looks like another title)",
                       "Each title line must be followed by its abstract line; fix or remove this entry.")


def _cut_off(path: Path, line: int, title: str, abstract: str) -> SourceError:
    return SourceError(path, line, f"the last abstract (of {title!r}) stops mid-sentence: ...{abstract[-40:]!r}",
                       "The file looks truncated: save the listing page again, or end the abstract.")


def iter_listing(path: str | Path) -> Iterator[PaperRecord]:
    """Yield every title/abstract pair of a listing file, in order, reading it line by line.

    Raises SourceError naming the file and line when the file is not a listing.
    """
    path = Path(path)
    check_source_file(path)
    listing_date: str | None = None
    pending: tuple[int, str] | None = None  # a title waiting for its abstract
    held: PaperRecord | None = None  # the newest pair, yielded once another line follows it
    held_at = 0  # line of its abstract
    short: tuple[int, str] | None = None  # a too-short line after a title
    position = 0
    for number, text in _content_lines(path):
        if position == 0 and pending is None and _HTML.match(text):
            raise SourceError(path, number, "the file is an HTML page, not a text listing",
                              "Save the page as text (or copy the page's text into a .txt file) and ingest that.")
        if pending is None:
            text = _strip_banner(text)
            if not text:
                continue
            if position == 0 and listing_date is None and DATE_LINE.match(text):
                listing_date = text
                continue
            if len(text) > MAX_TITLE_CHARS:
                raise SourceError(path, number, "expected a paper title here but found a long paragraph",
                                  "Each paper needs a title line followed by an abstract line.")
            if held is not None:
                yield held
                held = None
            pending = (number, clean_text(text))
            continue
        if short is not None:  # a short line followed by more: it was a title, not an abstract
            raise _no_abstract(path, pending, short[0])
        title_line, title = pending
        if len(text) < MIN_ABSTRACT_CHARS and not _SENTENCE_END.search(text):
            short = (number, text)  # judged by what follows: another title, or the end of a cut-off file
            continue
        check_abstract_length(path, number, text)
        held = PaperRecord(title=title, abstract=clean_text(text), position=position,
                           line=title_line, listing_date=listing_date)
        held_at = number
        position += 1
        pending = None
    if short is not None and _looks_like_prose(short[1]):
        raise _cut_off(path, short[0], pending[1], short[1])
    if short is not None:
        raise _no_abstract(path, pending, short[0])
    if pending is not None:
        raise SourceError(path, pending[0], f"the last title {pending[1]!r} has no abstract",
                          "The file may be truncated: save the listing page again.")
    if held is None:
        raise SourceError(path, None, "no title/abstract pairs were found",
                          "Pass a saved listing page with titles and abstracts.")
    if _looks_cut_off(held.abstract):
        raise _cut_off(path, held_at, held.title, held.abstract)
    yield held


def read_listing(path: str | Path) -> list[PaperRecord]:
    return list(iter_listing(path))

"""Plain records that the source readers produce."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PaperRecord:
    """One title/abstract pair as read from a source file."""

    title: str
    abstract: str
    position: int  # 0-based index of the paper within its file
    line: int  # 1-based line of the title in the file
    listing_date: str | None = None
    arxiv_id: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


class SourceError(ValueError):
    """A source file that cannot be read; names the file and the line."""

    def __init__(self, path: str, line: int | None, problem: str, hint: str):
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.hint = hint
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {problem}. {hint}")

    @classmethod
    def from_os_error(cls, path, err: OSError) -> SourceError:
        """A path the system cannot read (too long, no permission, I/O error)."""
        return cls(path, None, f"cannot read it ({err.strerror or err})", "Check the path and its permissions.")


# Formats people save by mistake, by their first bytes.
_MAGIC = {b"%PDF": "a PDF", b"\x1f\x8b": "gzip-compressed", b"PK\x03\x04": "a zip archive (or .docx/.xlsx)",
          b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"SQLite format 3": "an SQLite database",
          b"\xd0\xcf\x11\xe0": "an old Office document", b"{\\rtf": "an RTF document"}
SNIFF_BYTES = 8192
MAX_ABSTRACT_CHARS = 50_000  # real abstracts are under 2,000; a longer "abstract" is a page saved wrongly


def check_abstract_length(path, line: int, abstract: str) -> None:
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise SourceError(path, line, f"this abstract is {len(abstract):,} characters long, over the limit of "
                          f"{MAX_ABSTRACT_CHARS:,}", "Check that the file is a listing saved as text, not a whole page "
                          "or a document pasted on one line.")
SOURCE_HINT = "Pass saved listing pages (.txt, UTF-8) or arXiv JSON Lines (.jsonl)."


def check_source_file(path) -> None:
    """Raise SourceError for what cannot be a text source at all: missing, a folder, empty, binary."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, None, "no such file or folder", "Check the path and try again.")
    if not path.is_file():
        raise SourceError(path, None, "not a regular file", SOURCE_HINT)
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.strip():
        raise SourceError(path, None, "the file is empty", SOURCE_HINT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(path, 1, "the text is UTF-16, not UTF-8",
                          "Re-save the file as UTF-8, e.g. `iconv -f utf-16 -t utf-8 FILE > FILE.utf8`.")
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise SourceError(path, 1, f"the file is binary ({what}), not text", SOURCE_HINT)
    if b"\x00" in head:
        line = head[:head.index(b"\x00")].count(b"\n") + 1
        raise SourceError(path, line, "the file is binary (it holds NUL bytes), not text", SOURCE_HINT)


_NON_WORD = re.compile(r"[^0-9a-z]+")


def title_key(title: str) -> str:
    """The key two sightings of one paper share: lower case, letters and digits only."""
    return _NON_WORD.sub(" ", title.lower()).strip()


def clean_text(text: str) -> str:
    return " ".join(text.split())  # same as collapsing \s+ and stripping, several times faster

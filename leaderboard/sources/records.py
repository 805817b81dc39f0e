"""Plain records that the source readers produce."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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


_NON_WORD = re.compile(r"[^0-9a-z]+")


def title_key(title: str) -> str:
    """The key two sightings of one paper share: lower case, letters and digits only."""
    return _NON_WORD.sub(" ", title.lower()).strip()


def clean_text(text: str) -> str:
    return " ".join(text.split())  # same as collapsing \s+ and stripping, several times faster

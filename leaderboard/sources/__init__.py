"""Pure readers: source files in, PaperRecord out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .listing import iter_listing
from .records import PaperRecord, SourceError, title_key

SOURCE_SUFFIXES = (".txt", ".jsonl", ".json")


def iter_records(path: str | Path) -> Iterator[PaperRecord]:
    """Records of one source file, whatever its format."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".json"):
        from .arxiv_jsonl import iter_arxiv_jsonl

        return iter_arxiv_jsonl(path)
    return iter_listing(path)


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, and the source files inside folders named (sorted); missing paths kept to be reported."""
    out: list[Path] = []
    for p in map(Path, paths):
        try:
            is_dir = p.is_dir()
        except OSError:  # e.g. a name too long: reported when it is read
            is_dir = False
        if is_dir:
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SOURCE_SUFFIXES))
        else:
            out.append(p)
    return out


__all__ = ["PaperRecord", "SourceError", "expand_paths", "iter_records", "title_key"]

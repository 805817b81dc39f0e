"""Reader for the arXiv metadata snapshot layout: one JSON object per line.

Keys used: ``id``, ``title``, ``abstract``, ``update_date``; other keys are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .records import PaperRecord, SourceError, check_abstract_length, check_source_file, clean_text


def iter_arxiv_jsonl(path: str | Path) -> Iterator[PaperRecord]:
    path = Path(path)
    check_source_file(path)
    position = 0
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if position == 0 and raw.lstrip().startswith((b"[", b"\xef\xbb\xbf[")):
                raise SourceError(path, number, "the file is one JSON array, not JSON Lines",
                                  "Convert it to one object per line, e.g. `jq -c '.[]' FILE > FILE.jsonl`.")
            try:
                obj = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                raise SourceError(path, number, "the text is not UTF-8", "Re-save the file as UTF-8.") from None
            except json.JSONDecodeError as exc:
                raise SourceError(path, number, f"not a JSON object ({exc.msg} at column {exc.colno})",
                                  "Each line must be one JSON object with 'title' and 'abstract'.") from None
            if not isinstance(obj, dict):
                raise SourceError(path, number, "the line is JSON but not an object",
                                  "Each line must be one JSON object with 'title' and 'abstract'.")
            title, abstract = obj.get("title"), obj.get("abstract")
            if not isinstance(title, str) or not title.strip():
                raise SourceError(path, number, "the object has no 'title'", "Add a non-empty 'title' string.")
            if not isinstance(abstract, str) or not abstract.strip():
                raise SourceError(path, number, "the object has no 'abstract'", "Add a non-empty 'abstract' string.")
            check_abstract_length(path, number, abstract)
            arxiv_id = obj.get("id")
            yield PaperRecord(
                title=clean_text(title),
                abstract=clean_text(abstract),
                position=position,
                line=number,
                listing_date=obj.get("update_date") if isinstance(obj.get("update_date"), str) else None,
                arxiv_id=str(arxiv_id) if arxiv_id is not None else None,
            )
            position += 1
    if position == 0:
        raise SourceError(path, None, "no papers were found", "Pass a JSON Lines file with one paper per line.")

"""A synthetic corpus for the benchmark: the bundled seed abstracts, resampled and recombined.

Each synthetic abstract takes the opening sentences of one seed abstract and the closing
sentences of another, so the text (numbers, units, datasets, hardware) stays realistic, and
gets its free-standing numbers redrawn (``75.2%`` -> ``61.8%``, ``5%`` -> ``7.3%``; ``ResNet-50``, ``1K`` kept), so
sentences rarely repeat verbatim: a real corpus has no repeats, and caches keyed by sentence
would otherwise flatter the figures. Each title is a seed title made unique by a number.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_FREE_NUMBER = re.compile(r"(?<![\w.,^{_-])(\d+)(?:\.(\d+))?(?![\w^-]|\.\d)")


def _redraw(rng: random.Random, m: re.Match) -> str:
    """Another number of about the same shape: as many digits before the point, and after it
    (one decimal added to a short integer, so that '5%' does not have only ten variants)."""
    whole, frac = m.group(1), m.group(2)
    if frac is None and len(whole) <= 2:
        frac = "0"
    first = str(rng.randint(1, 9)) if len(whole) > 1 else str(rng.randint(0, 9))
    out = first + "".join(str(rng.randint(0, 9)) for _ in whole[1:])
    return out + ("." + "".join(str(rng.randint(0, 9)) for _ in frac) if frac else "")


def seed_papers(seeds: Path = SEEDS_DIR) -> list[tuple[str, str]]:
    """Unique (title, abstract) pairs of the bundled listing pages."""
    from .sources import expand_paths, iter_records, title_key

    seen: dict[str, tuple[str, str]] = {}
    for path in expand_paths([seeds]):
        for rec in iter_records(path):
            seen.setdefault(title_key(rec.title), (rec.title, rec.abstract))
    if not seen:
        raise SystemExit(f"no seed papers found in {seeds}: the benchmark builds its corpus from them")
    return list(seen.values())


def synthetic_papers(n: int, seed: int = 5, seeds: Path = SEEDS_DIR):
    """Yield n (arxiv_id, title, abstract) triples, deterministic for a given seed."""
    rng = random.Random(seed)
    pool = [(title, _SENTENCE.split(abstract)) for title, abstract in seed_papers(seeds)]
    for k in range(n):
        title, head = rng.choice(pool)
        _, tail = rng.choice(pool)
        cut = rng.randint(1, max(1, len(head) - 1))
        rest = tail[min(cut, len(tail) - 1):] if len(tail) > 1 else tail
        abstract = _FREE_NUMBER.sub(lambda m: _redraw(rng, m), " ".join(head[:cut] + rest))
        yield f"{2400 + k // 100000}.{k % 100000:05d}", f"{title} [{k}]", abstract


def write_corpus(path: Path, n: int, seed: int = 5, progress: bool = True) -> Path:
    """Write n synthetic papers in the arXiv metadata snapshot layout (JSON Lines)."""
    from tqdm import tqdm

    with open(path, "w", encoding="utf-8") as fh:
        for arxiv_id, title, abstract in tqdm(synthetic_papers(n, seed), total=n, unit="paper",
                                              desc=f"corpus N={n:,}", disable=not progress):
            fh.write(json.dumps({"id": arxiv_id, "title": title, "abstract": abstract,
                                 "update_date": "2024-01-02", "authors": "Synthetic"}) + "\n")
    return path


def write_listings(folder: Path, n: int, per_page: int = 100, seed: int = 5, progress: bool = True) -> Path:
    """The same n papers as daily listing pages of per_page papers each (a year: 365 pages)."""
    from tqdm import tqdm

    folder.mkdir(parents=True, exist_ok=True)
    papers = synthetic_papers(n, seed)
    for page in tqdm(range(-(-n // per_page)), unit="page", desc=f"listings N={n:,}", disable=not progress):
        day = page % 365
        lines = ["Daily Papers", f"{_MONTHS[day * 12 // 365]} {day % 28 + 1}", ""]
        for _, title, abstract in itertools.islice(papers, per_page):
            lines += [title, "", abstract, ""]
        (folder / f"page_{page:04d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder

"""Ingest: source files -> papers, sightings, extracted results. One file is one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from . import corrections
from .extract import EXTRACTOR_VERSION, extract, metric_higher_is_better
from .extract.types import Result as Extracted
from .sources import PaperRecord, SourceError, expand_paths, iter_records, title_key
from .store.engine import session_factory
from .store.models import Benchmark, Listing, Paper, Result, Sighting

# Speed metrics depend on the device: their benchmarks are split by hardware category.
DEVICE_METRICS = frozenset({"latency", "throughput", "energy", "power"})


@dataclass
class FileOutcome:
    path: Path
    status: str  # ingested | unchanged | failed
    papers_new: int = 0
    papers_known: int = 0
    results: int = 0
    error: SourceError | None = None


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def papers_new(self) -> int:
        return sum(o.papers_new for o in self.outcomes)

    @property
    def papers_known(self) -> int:
        return sum(o.papers_known for o in self.outcomes)

    @property
    def results(self) -> int:
        return sum(o.results for o in self.outcomes)

    def lines(self) -> list[str]:
        out = [
            f"files: {len(self.outcomes)} ({self.count('ingested')} ingested, "
            f"{self.count('unchanged')} unchanged, {self.count('failed')} failed)",
            f"papers: {self.papers_new} new, {self.papers_known} already known",
            f"results: {self.results} extracted",
        ]
        for o in self.failed:
            out.append(f"FAILED {o.error}")
        return out


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_keys(paper_id: int, rows: list[Extracted]) -> list[str]:
    """Stable keys: the same number in the same sentence keeps its key across re-extraction."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for r in rows:
        occurrence = seen.get((r.sentence, r.surface), 0)
        seen[(r.sentence, r.surface)] = occurrence + 1
        digest = hashlib.sha1(f"{' '.join(r.sentence.split())}|{r.surface}|{occurrence}".encode()).hexdigest()
        keys.append(f"{paper_id}-{digest[:16]}")
    return keys


class BenchmarkCache:
    def __init__(self, session: Session):
        self.session = session
        self.ids: dict[tuple[str, str, str], int] = {}

    def id_for(self, dataset: str | None, metric: str, hardware_category: str | None) -> int | None:
        if not dataset:
            return None
        category = (hardware_category or "") if metric in DEVICE_METRICS else ""
        key = (dataset, metric, category)
        if key not in self.ids:
            found = self.session.scalar(select(Benchmark.id).where(
                Benchmark.dataset == dataset, Benchmark.metric == metric, Benchmark.hardware_category == category))
            if found is None:
                bench = Benchmark(dataset=dataset, metric=metric, hardware_category=category,
                                  higher_is_better=metric_higher_is_better(metric))
                self.session.add(bench)
                self.session.flush()
                found = bench.id
            self.ids[key] = found
        return self.ids[key]


def store_extraction(session: Session, paper: Paper, benchmarks: BenchmarkCache,
                     extractor: Callable[[str, str], list[Extracted]] = extract) -> int:
    """(Re-)extract one paper: replace its extracted rows, re-fold its corrections onto them."""
    rows = extractor(paper.title, paper.abstract)
    session.execute(delete(Result).where(Result.paper_id == paper.id))
    for key, r in zip(result_keys(paper.id, rows), rows):
        session.add(Result(
            result_key=key, paper_id=paper.id,
            benchmark_id=benchmarks.id_for(r.dataset, r.metric, r.hardware_category),
            value=r.value, unit=r.unit, metric=r.metric, metric_text=r.metric_text, kind=r.kind,
            direction=r.direction, dataset=r.dataset, model=r.model, hardware=r.hardware,
            hardware_category=r.hardware_category, baseline=r.baseline, qualifier=r.qualifier,
            surface=r.surface, sentence=r.sentence, start=r.start, end=r.end,
            extractor_version=EXTRACTOR_VERSION, confidence=r.confidence,
        ))
    paper.extractor_version = EXTRACTOR_VERSION
    session.flush()
    corrections.rebuild_paper(session, paper.id)
    return len(rows)


def _upsert_paper(session: Session, rec: PaperRecord, benchmarks: BenchmarkCache, outcome: FileOutcome) -> Paper:
    key = title_key(rec.title)
    digest = text_hash(rec.abstract)
    paper = session.scalar(select(Paper).where(Paper.title_key == key))
    if paper is None:
        paper = Paper(title_key=key, title=rec.title, abstract=rec.abstract, abstract_hash=digest,
                      arxiv_id=rec.arxiv_id)
        session.add(paper)
        session.flush()
        outcome.papers_new += 1
        outcome.results += store_extraction(session, paper, benchmarks)
        return paper
    outcome.papers_known += 1
    if rec.arxiv_id and not paper.arxiv_id:
        paper.arxiv_id = rec.arxiv_id
    if paper.abstract_hash != digest:
        paper.abstract, paper.abstract_hash = rec.abstract, digest
        outcome.results += store_extraction(session, paper, benchmarks)
    elif paper.extractor_version != EXTRACTOR_VERSION:
        outcome.results += store_extraction(session, paper, benchmarks)
    return paper


def ingest_file(session: Session, path: Path, on_paper: Callable[[], None] | None = None) -> FileOutcome:
    """Ingest one file inside the caller's transaction. Raises SourceError before writing anything."""
    outcome = FileOutcome(path=path, status="ingested")
    if not path.is_file():
        raise SourceError(path, None, "no such file" if not path.exists() else "not a regular file",
                          "Check the path and try again.")
    digest = file_hash(path)
    known = session.scalar(select(Listing).where(Listing.content_hash == digest))
    benchmarks = BenchmarkCache(session)
    if known is not None:
        outcome.status = "unchanged"
        stale = session.scalars(
            select(Paper).join(Sighting).where(Sighting.listing_id == known.id,
                                               Paper.extractor_version != EXTRACTOR_VERSION)).all()
        for paper in stale:
            outcome.results += store_extraction(session, paper, benchmarks)
        return outcome
    records = list(iter_records(path))  # a bad file fails here, before anything is written
    listing = Listing(source=path.name, path=str(path), content_hash=digest, paper_count=len(records),
                      listing_date=next((r.listing_date for r in records if r.listing_date), None))
    session.add(listing)
    session.flush()
    for rec in records:
        paper = _upsert_paper(session, rec, benchmarks, outcome)
        session.add(Sighting(paper_id=paper.id, listing_id=listing.id, position=rec.position, line=rec.line))
        if on_paper:
            on_paper()
    session.flush()
    return outcome


def ingest_paths(engine: Engine, paths: Iterable[str | Path], progress: bool = True) -> IngestSummary:
    """Ingest files and folders; each file commits or rolls back on its own."""
    from tqdm import tqdm

    files = expand_paths(list(paths))
    summary = IngestSummary()
    make_session = session_factory(engine)
    with tqdm(total=len(files), unit="file", disable=not progress, desc="ingest") as bar:
        for path in files:
            bar.set_postfix_str(path.name[:40])
            with make_session() as session:
                try:
                    with session.begin():
                        outcome = ingest_file(session, path)
                except SourceError as err:
                    outcome = FileOutcome(path=path, status="failed", error=err)
                except OSError as err:  # unreadable path: reported like a bad file
                    outcome = FileOutcome(path=path, status="failed", error=SourceError.from_os_error(path, err))
            summary.outcomes.append(outcome)
            bar.update(1)
    return summary

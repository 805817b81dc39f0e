"""Ingest: source files -> papers, sightings, extracted results.

Records are streamed and written in batches (bulk look-ups, executemany inserts); extraction
of large inputs runs on all cores (`extract_pool`). A listing page is one transaction. A JSON
Lines file (e.g. the arXiv snapshot) is committed every `BATCH` papers: its listing row carries
a provisional hash until the last batch, so a re-run of a killed ingest resumes after the last
committed paper (docs/performance.md).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from . import corrections
from .extract import EXTRACTOR_VERSION, extract, metric_higher_is_better
from .extract.types import Result as Extracted
from .extract_pool import ExtractionPool, Pending
from .sources import PaperRecord, SourceError, expand_paths, iter_records, title_key
from .store import stats
from .store.engine import session_factory
from .store.models import Benchmark, Correction, Listing, Paper, Result, Sighting, utcnow

# Speed metrics depend on the device: their benchmarks are split by hardware category.
DEVICE_METRICS = frozenset({"latency", "throughput", "energy", "power"})
BATCH = 2000  # papers per batch (and per commit for JSON Lines)
IN_CHUNK = 500  # values per SQL IN (...) list
BATCH_COMMIT_SUFFIXES = (".jsonl", ".json")


@dataclass
class FileOutcome:
    path: Path
    status: str  # ingested | unchanged | failed
    papers_new: int = 0
    papers_known: int = 0
    results: int = 0
    error: SourceError | None = None
    papers_resumed: int = 0  # already stored by an earlier, interrupted run of the same file
    committed: int = 0  # papers whose batch is committed (files committed in batches)


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
    def papers_resumed(self) -> int:
        return sum(o.papers_resumed for o in self.outcomes)

    @property
    def results(self) -> int:
        return sum(o.results for o in self.outcomes)

    def lines(self) -> list[str]:
        out = [
            f"files: {len(self.outcomes)} ({self.count('ingested')} ingested, "
            f"{self.count('unchanged')} unchanged, {self.count('failed')} failed)",
            f"papers: {self.papers_new} new, {self.papers_known} already known"
            + (f", {self.papers_resumed} stored by an interrupted run" if self.papers_resumed else ""),
            f"results: {self.results} extracted",
        ]
        for o in self.failed:
            kept = (f" The {o.committed} papers before it are stored; fix the line and run the same "
                    "command again to resume." if o.committed else "")
            out.append(f"FAILED {o.error}{kept}")
        return out


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256 of the bytes, number of lines), in one pass."""
    h = hashlib.sha256()
    lines = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
            lines += chunk.count(b"\n")
    return h.hexdigest(), lines


def file_hash(path: Path) -> str:
    return file_digest(path)[0]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def incomplete_hash(digest: str) -> str:
    """The listing's hash while its file is only partly stored (differs from any real digest)."""
    return hashlib.sha256(f"incomplete:{digest}".encode()).hexdigest()


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
        self._loaded = False

    def id_for(self, dataset: str | None, metric: str, hardware_category: str | None) -> int | None:
        if not dataset:
            return None
        if not self._loaded:  # one query for every known benchmark, then only new ones
            rows = self.session.execute(select(Benchmark.dataset, Benchmark.metric, Benchmark.hardware_category,
                                               Benchmark.id))
            self.ids.update({(d, m, h): i for d, m, h, i in rows})
            self._loaded = True
        category = (hardware_category or "") if metric in DEVICE_METRICS else ""
        key = (dataset, metric, category)
        if key not in self.ids:
            bench = Benchmark(dataset=dataset, metric=metric, hardware_category=category,
                              higher_is_better=metric_higher_is_better(metric))
            self.session.add(bench)
            self.session.flush()
            self.ids[key] = bench.id
        return self.ids[key]


def _result_values(paper_id: int, rows: list[Extracted], benchmarks: BenchmarkCache) -> list[dict]:
    return [dict(
        result_key=key, paper_id=paper_id,
        benchmark_id=benchmarks.id_for(r.dataset, r.metric, r.hardware_category),
        value=r.value, unit=r.unit, metric=r.metric, metric_text=r.metric_text, kind=r.kind,
        direction=r.direction, dataset=r.dataset, model=r.model, hardware=r.hardware,
        hardware_category=r.hardware_category, baseline=r.baseline, qualifier=r.qualifier,
        surface=r.surface, sentence=r.sentence, start=r.start, end=r.end,
        extractor_version=EXTRACTOR_VERSION, confidence=r.confidence,
    ) for key, r in zip(result_keys(paper_id, rows), rows)]


def store_extraction(session: Session, paper: Paper, benchmarks: BenchmarkCache,
                     extractor: Callable[[str, str], list[Extracted]] = extract) -> int:
    """(Re-)extract one paper: replace its extracted rows, re-fold its corrections onto them."""
    rows = extractor(paper.title, paper.abstract)
    session.flush()
    touched = stats.pairs_of_papers(session, [paper.id])
    session.execute(delete(Result).where(Result.paper_id == paper.id))
    for values in _result_values(paper.id, rows, benchmarks):
        session.add(Result(**values))
    paper.extractor_version = EXTRACTOR_VERSION
    session.flush()
    corrections.rebuild_paper(session, paper.id, refresh_stats=False)
    stats.refresh(session, touched | stats.pairs_of_papers(session, [paper.id]))
    return len(rows)


def _chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _batches(records: Iterable[PaperRecord], size: int) -> Iterator[list[PaperRecord]]:
    """Batches of records; on a bad record, the good ones before it come first, then the error."""
    batch: list[PaperRecord] = []
    try:
        for rec in records:
            batch.append(rec)
            if len(batch) == size:
                yield batch
                batch = []
    except SourceError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


@dataclass
class _Stored:
    """What the database holds about a paper, as far as deciding to (re-)extract goes."""

    id: int | None
    abstract_hash: str
    extractor_version: str | None
    arxiv_id: str | None

    def needs_extraction(self, digest: str) -> bool:
        return self.abstract_hash != digest or self.extractor_version != EXTRACTOR_VERSION


def _lookup(session: Session, keys: Iterable[str]) -> dict[str, _Stored]:
    found: dict[str, _Stored] = {}
    cols = (Paper.title_key, Paper.id, Paper.abstract_hash, Paper.extractor_version, Paper.arxiv_id)
    for chunk in _chunks(sorted(set(keys))):
        for key, *rest in session.execute(select(*cols).where(Paper.title_key.in_(chunk))):
            found[key] = _Stored(*rest)
    return found


def _submit(session: Session, batch: list[PaperRecord], pool: ExtractionPool) -> tuple[list[int], Pending]:
    """Start extracting the papers of a batch that are new or changed (decided again at write time)."""
    stored = _lookup(session, (title_key(r.title) for r in batch))
    todo = [i for i, r in enumerate(batch)
            if (s := stored.get(title_key(r.title))) is None or s.needs_extraction(text_hash(r.abstract))]
    return todo, pool.submit([(batch[i].title, batch[i].abstract) for i in todo])


def _replace_results(session: Session, extracted: dict[int, list[Extracted]], known: set[int],
                     benchmarks: BenchmarkCache, titles: dict[int, str] | None = None) -> int:
    """Replace the result rows of these papers; re-fold corrections onto those that have any;
    bring benchmark_stats up to date: recomputed for the benchmarks of known papers (old rows,
    new rows, overrides), added up for the rows of papers new in this batch (`titles`: their titles)."""
    touched = stats.pairs_of_papers(session, known)
    for chunk in _chunks(sorted(known)):
        session.execute(delete(Result.__table__).where(Result.paper_id.in_(chunk)))
    values = [v for pid, rows in extracted.items() for v in _result_values(pid, rows, benchmarks)]
    if values:
        session.execute(insert(Result.__table__), values)
    corrected = set()
    for chunk in _chunks(sorted(known)):
        corrected.update(session.scalars(select(Correction.paper_id).where(Correction.paper_id.in_(chunk)).distinct()))
    if corrected:
        session.expire_all()  # result rows were replaced under the ORM's feet
        for pid in sorted(corrected):
            corrections.rebuild_paper(session, pid, refresh_stats=False)
        touched |= stats.pairs_of_papers(session, corrected)
    touched.update((v["dataset"], v["metric"]) for v in values if v["paper_id"] in known)
    stats.refresh(session, touched)
    fresh = [v for v in values if v["paper_id"] not in known]
    if fresh:
        stats.add_new_papers(session, fresh, titles or {}, skip=touched)
    return len(values)


def _update_papers(session: Session, updates: dict[int, dict]) -> None:
    """executemany per set of changed columns."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for pid, changes in updates.items():
        groups.setdefault(tuple(sorted(changes)), []).append({"pid": pid, **changes})
    table = Paper.__table__
    for cols, params in groups.items():
        stmt = update(table).where(table.c.id == bindparam("pid")).values({c: bindparam(c) for c in cols})
        session.connection().execute(stmt, params)


def _write_batch(session: Session, listing_id: int, batch: list[PaperRecord], prepared: dict[int, list[Extracted]],
                 benchmarks: BenchmarkCache, outcome: FileOutcome, extractor) -> None:
    """Store one batch: papers (new / changed), their results, and one sighting per record."""
    keys = [title_key(r.title) for r in batch]
    stored = _lookup(session, keys)
    new: dict[str, dict] = {}  # title key -> paper row to insert
    updates: dict[int, dict] = {}  # paper id -> changed columns
    rows_for: dict[str, list[Extracted]] = {}  # title key -> rows replacing the paper's results
    for i, (rec, key) in enumerate(zip(batch, keys)):
        digest = text_hash(rec.abstract)
        paper, s = new.get(key), stored.get(key)
        if paper is None and s is None:
            outcome.papers_new += 1
            new[key] = dict(title_key=key, title=rec.title, abstract=rec.abstract, abstract_hash=digest,
                            arxiv_id=rec.arxiv_id, extractor_version=EXTRACTOR_VERSION, created_at=utcnow())
            rows_for[key] = prepared[i] if i in prepared else extractor(rec.title, rec.abstract)
            continue
        outcome.papers_known += 1
        if paper is not None:  # seen earlier in this batch
            paper["arxiv_id"] = paper["arxiv_id"] or rec.arxiv_id
            if paper["abstract_hash"] != digest:
                paper.update(abstract=rec.abstract, abstract_hash=digest)
                rows_for[key] = prepared[i] if i in prepared else extractor(rec.title, rec.abstract)
            continue
        changes = updates.setdefault(s.id, {})
        if rec.arxiv_id and not s.arxiv_id:
            s.arxiv_id = changes["arxiv_id"] = rec.arxiv_id
        if s.needs_extraction(digest):
            if s.abstract_hash != digest:
                s.abstract_hash = changes["abstract_hash"] = digest
                changes["abstract"] = rec.abstract
            s.extractor_version = changes["extractor_version"] = EXTRACTOR_VERSION
            rows_for[key] = prepared[i] if i in prepared else extractor(rec.title, rec.abstract)
    ids = {key: s.id for key, s in stored.items()}
    if new:
        # multi-row INSERT ... RETURNING; rows come back in any order, so they are matched by title key
        table = Paper.__table__
        ids.update(dict(session.execute(insert(table).returning(table.c.title_key, table.c.id),
                                        list(new.values())).all()))
    _update_papers(session, {pid: c for pid, c in updates.items() if c})
    outcome.results += _replace_results(session, {ids[k]: rows for k, rows in rows_for.items()},
                                        {ids[k] for k in rows_for if k not in new}, benchmarks,
                                        {ids[k]: paper["title"] for k, paper in new.items()})
    session.execute(insert(Sighting.__table__), [
        dict(paper_id=ids[key], listing_id=listing_id, position=rec.position, line=rec.line)
        for rec, key in zip(batch, keys)])


def _open_listing(session: Session, path: Path, digest: str) -> tuple[Listing, int]:
    """The listing row to fill, and the last position an interrupted run already committed (-1 if none).

    A listing is incomplete while its paper_count is 0 (a complete one has at least one paper).
    An incomplete listing of other bytes at the same path (the file was fixed after a failed run)
    is dropped with its sightings; the papers it stored stay and are recognised by their hash.
    """
    listing = session.scalar(select(Listing).where(Listing.content_hash == incomplete_hash(digest)))
    if listing is not None:
        done = session.scalar(select(func.max(Sighting.position)).where(Sighting.listing_id == listing.id))
        return listing, -1 if done is None else done
    stale = list(session.scalars(select(Listing.id).where(Listing.path == str(path), Listing.paper_count == 0)))
    if stale:
        session.execute(delete(Sighting.__table__).where(Sighting.listing_id.in_(stale)))
        session.execute(delete(Listing.__table__).where(Listing.id.in_(stale)))
    listing = Listing(source=path.name, path=str(path), content_hash=incomplete_hash(digest), paper_count=0,
                      ingested_at=utcnow())
    session.add(listing)
    session.flush()
    return listing, -1


def _stale():
    """Papers an older extractor version produced (written so that SQLite uses the index)."""
    return or_(Paper.extractor_version.is_(None), Paper.extractor_version < EXTRACTOR_VERSION,
               Paper.extractor_version > EXTRACTOR_VERSION)


def _refresh_stale(session: Session, listing_id: int, pool: ExtractionPool, outcome: FileOutcome,
                   commit: Callable[[], None] | None) -> None:
    """Re-extract the papers of an already ingested file that an older extractor version produced.

    Instant when no paper anywhere is stale (index on extractor_version); otherwise one walk over
    the file's sightings in position order, a batch at a time.
    """
    if session.scalar(select(Paper.id).where(_stale()).limit(1)) is None:
        return
    benchmarks = BenchmarkCache(session)
    last = -1
    while True:
        rows = session.execute(
            select(Sighting.position, Paper.id, Paper.title, Paper.abstract, Paper.extractor_version)
            .join(Paper, Paper.id == Sighting.paper_id)
            .where(Sighting.listing_id == listing_id, Sighting.position > last)
            .order_by(Sighting.position).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1].position
        stale = {pid: (title, abstract) for _, pid, title, abstract, version in rows if version != EXTRACTOR_VERSION}
        if not stale:
            continue
        ids = list(stale)
        extracted = dict(zip(ids, pool.map([stale[pid] for pid in ids])))
        outcome.results += _replace_results(session, extracted, set(ids), benchmarks)
        _update_papers(session, {pid: {"extractor_version": EXTRACTOR_VERSION} for pid in ids})
        if commit:
            commit()


@dataclass
class Prefetched:
    """A small file read, and its extraction started, while the previous file is being written."""

    path: Path
    digest: str
    records: list[PaperRecord]
    todo: list[int]
    pending: Pending


def prefetch(session: Session, path: Path, pool: ExtractionPool) -> Prefetched | None:
    """Start extracting a listing page ahead of its turn; None when there is nothing to start
    (not a small listing page, already ingested, or unreadable: it then fails on its own turn)."""
    if path.suffix.lower() in BATCH_COMMIT_SUFFIXES or not path.is_file():
        return None
    digest = file_digest(path)[0]
    if session.scalar(select(Listing.id).where(Listing.content_hash == digest)) is not None:
        return None
    try:
        records = list(iter_records(path))
    except SourceError:
        return None
    if len(records) > BATCH:
        return None
    return Prefetched(path, digest, records, *_submit(session, records, pool))


def ingest_file(session: Session, path: Path, on_paper: Callable[[], None] | None = None, *,
                pool: ExtractionPool | None = None, commit: Callable[[], None] | None = None,
                outcome: FileOutcome | None = None, digest: str | None = None,
                prefetched: Prefetched | None = None) -> FileOutcome:
    """Ingest one file. Without `commit`, all of it happens inside the caller's transaction (a bad
    file raises SourceError and the caller rolls back). With `commit`, it is called after each batch.
    `digest`: the file's sha256 when the caller already has it; `prefetched`: see prefetch().
    """
    outcome = outcome or FileOutcome(path=path, status="ingested")
    if not path.is_file():
        raise SourceError(path, None, "no such file" if not path.exists() else "not a regular file",
                          "Check the path and try again.")
    own_pool = pool is None
    pool = pool or ExtractionPool(workers=1)
    try:
        if prefetched is not None and prefetched.path != path:
            prefetched = None
        digest = prefetched.digest if prefetched else digest or file_digest(path)[0]
        known = session.scalar(select(Listing).where(Listing.content_hash == digest))
        if known is not None:
            outcome.status = "unchanged"
            _refresh_stale(session, known.id, pool, outcome, commit)
            return outcome
        listing, done = _open_listing(session, path, digest)
        if prefetched and done < 0:
            _ingest_records(session, listing, [], done, pool, outcome, on_paper, commit,
                            started=(prefetched.records, prefetched.todo, prefetched.pending))
        else:
            _ingest_records(session, listing, iter_records(path), done, pool, outcome, on_paper, commit)
        listing.content_hash = digest
        listing.paper_count = session.scalar(select(func.count(Sighting.id)).where(Sighting.listing_id == listing.id))
        session.flush()
        return outcome
    finally:
        if own_pool:
            pool.close()


def _ingest_records(session: Session, listing: Listing, records: Iterable[PaperRecord], done: int,
                    pool: ExtractionPool, outcome: FileOutcome, on_paper, commit,
                    started: tuple[list[PaperRecord], list[int], Pending] | None = None) -> None:
    """Pipeline: while batch k is written here, batch k+1 is extracted in the workers."""
    benchmarks = BenchmarkCache(session)
    in_flight: deque[tuple[list[PaperRecord], list[int], Pending]] = deque([started] if started else [])

    def write_oldest() -> None:
        batch, todo, pending = in_flight.popleft()
        _write_batch(session, listing.id, batch, dict(zip(todo, pending.get())), benchmarks, outcome,
                     pool.extractor)
        if listing.listing_date is None:
            listing.listing_date = next((r.listing_date for r in batch if r.listing_date), None)
        if commit:
            commit()
            outcome.committed += len(batch)
        if on_paper:
            for _ in batch:
                on_paper()

    try:
        for batch in _batches(records, BATCH):
            fresh = [r for r in batch if r.position > done]
            outcome.papers_resumed += len(batch) - len(fresh)
            if not fresh:
                continue
            in_flight.append((fresh, *_submit(session, fresh, pool)))
            if len(in_flight) > 1:
                write_oldest()
    except SourceError:
        while commit and in_flight:  # committed batches stay: store every paper before the bad line
            write_oldest()
        raise
    while in_flight:
        write_oldest()


def ingest_paths(engine: Engine, paths: Iterable[str | Path], progress: bool = True,
                 workers: int | None = None) -> IngestSummary:
    """Ingest files and folders. A listing page commits or rolls back on its own; a JSON Lines
    file commits every BATCH papers and resumes where an interrupted run stopped.
    `workers`: processes for extraction (default: all cores; 1 = this process only)."""
    from tqdm import tqdm

    files = expand_paths(list(paths))
    summary = IngestSummary()
    make_session = session_factory(engine)
    ahead: Prefetched | None = None
    with ExtractionPool(workers) as pool, \
            tqdm(total=len(files), unit="file", disable=not progress, desc="ingest") as bar:
        for i, path in enumerate(files):
            current, ahead = ahead, None
            if pool.started and i + 1 < len(files):  # the workers extract the next page while this one is written
                with make_session() as session:
                    ahead = prefetch(session, files[i + 1], pool)
            bar.set_postfix_str(path.name[:40])
            batched = path.suffix.lower() in BATCH_COMMIT_SUFFIXES
            outcome = FileOutcome(path=path, status="ingested")
            papers = digest = None
            if batched and progress and path.is_file():  # a bar of papers for a big file
                digest, lines = file_digest(path)
                papers = tqdm(total=lines, unit="paper", desc=path.name[:30], leave=False)
            with make_session() as session:
                try:
                    ingest_file(session, path, papers.update if papers else None, pool=pool,
                                commit=session.commit if batched else None, outcome=outcome, digest=digest,
                                prefetched=current)
                    session.commit()
                except SourceError as err:
                    session.rollback()
                    outcome.status, outcome.error = "failed", err
                except OSError as err:  # unreadable path: reported like a bad file
                    session.rollback()
                    outcome.status, outcome.error = "failed", SourceError.from_os_error(path, err)
                finally:
                    if papers:
                        papers.close()
            summary.outcomes.append(outcome)
            bar.update(1)
    return summary

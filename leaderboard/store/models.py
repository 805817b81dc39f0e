"""SQLAlchemy models. The schema itself is created and changed only by Alembic migrations."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Paper(Base):
    """One paper, however many listings it was seen in."""

    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_key: Mapped[str] = mapped_column(String(500), unique=True)
    title: Mapped[str] = mapped_column(Text, index=True)  # one paper's page looks it up by title
    abstract: Mapped[str] = mapped_column(Text)
    abstract_hash: Mapped[str] = mapped_column(String(64))
    arxiv_id: Mapped[str | None] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str | None] = mapped_column(String(32), index=True)  # finds stale papers fast
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    sightings: Mapped[list[Sighting]] = relationship(back_populates="paper", cascade="all, delete-orphan")
    results: Mapped[list[Result]] = relationship(back_populates="paper", cascade="all, delete-orphan")


class Listing(Base):
    """One source file as ingested (identified by its content hash)."""

    __tablename__ = "listings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(500), index=True)  # file name
    path: Mapped[str] = mapped_column(Text)
    listing_date: Mapped[str | None] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    paper_count: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    sightings: Mapped[list[Sighting]] = relationship(back_populates="listing", cascade="all, delete-orphan")


class Sighting(Base):
    """A paper seen at one position of one listing."""

    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("listing_id", "position", name="uq_sightings_listing_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)

    paper: Mapped[Paper] = relationship(back_populates="sightings")
    listing: Mapped[Listing] = relationship(back_populates="sightings")


class Benchmark(Base):
    """A dataset x metric (x hardware category for speed metrics) that results rank on."""

    __tablename__ = "benchmarks"
    __table_args__ = (
        UniqueConstraint("dataset", "metric", "hardware_category", name="uq_benchmarks_dataset_metric_hw"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(String(100))
    hardware_category: Mapped[str] = mapped_column(String(50), default="")  # '' when not split by device
    higher_is_better: Mapped[bool | None] = mapped_column(Boolean)


class Result(Base):
    """One extracted result. Replaced when a paper is re-extracted; `result_key` stays stable."""

    __tablename__ = "results"
    __table_args__ = (
        # a leaderboard: one dataset x metric, ordered by value; the other columns make a page,
        # its rank and its filter counts readable from the index alone (docs/performance.md)
        Index("ix_results_leaderboard", "metric", "dataset", "kind", "value", "hardware_category", "unit",
              "qualifier", "paper_id", "result_key"),
        # hardware results: one metric, grouped by device
        Index("ix_results_hardware", "metric", "hardware", "value"),
        # counts and best value per benchmark, read from the index alone
        Index("ix_results_benchmark_stats", "benchmark_id", "kind", "value", "paper_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_key: Mapped[str] = mapped_column(String(64), unique=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    benchmark_id: Mapped[int | None] = mapped_column(ForeignKey("benchmarks.id", ondelete="SET NULL"))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    metric: Mapped[str] = mapped_column(String(100))
    metric_text: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str | None] = mapped_column(String(16))
    dataset: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(300))
    hardware: Mapped[str | None] = mapped_column(String(200))
    hardware_category: Mapped[str | None] = mapped_column(String(50))
    baseline: Mapped[str | None] = mapped_column(String(300))
    qualifier: Mapped[str | None] = mapped_column(String(32))
    surface: Mapped[str] = mapped_column(String(200))
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, default=0.5)

    paper: Mapped[Paper] = relationship(back_populates="results")


class Correction(Base):
    """Append-only audit log of human edits: who, when, why, what changed."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_key: Mapped[str] = mapped_column(String(64), index=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # edit | reject | add | revert
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON object: field -> new value
    previous: Mapped[str] = mapped_column(Text, default="{}")  # JSON object: field -> value before
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class ResultOverride(Base):
    """The effective state of a corrected, rejected or added result, derived from `corrections`.

    Rebuilt from the log whenever a correction is written or its paper is re-extracted.
    """

    __tablename__ = "result_overrides"

    result_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # corrected | rejected | added
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    metric: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(16))
    direction: Mapped[str | None] = mapped_column(String(16))
    dataset: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(300))
    hardware: Mapped[str | None] = mapped_column(String(200))
    # the extracted row's category while the device is unchanged, else guessed from the name
    hardware_category: Mapped[str | None] = mapped_column(String(50))
    baseline: Mapped[str | None] = mapped_column(String(300))
    qualifier: Mapped[str | None] = mapped_column(String(32))
    surface: Mapped[str | None] = mapped_column(String(200))
    sentence: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class BenchmarkStat(Base):
    """Counts and best level of one benchmark, equal to a GROUP BY over `result_rows` (public, stable).

    Derived: refreshed by ingest and corrections in their own transaction (`store/stats.py`).
    """

    __tablename__ = "benchmark_stats"
    __table_args__ = (Index("ix_benchmark_stats_results", "results"),)  # busiest first

    dataset: Mapped[str] = mapped_column(String(200), primary_key=True)
    metric: Mapped[str] = mapped_column(String(100), primary_key=True)
    hardware_category: Mapped[str] = mapped_column(String(50), primary_key=True)  # '' unless a speed metric
    higher_is_better: Mapped[bool] = mapped_column(Boolean)
    results: Mapped[int] = mapped_column(Integer)  # visible rows, every kind
    papers: Mapped[int] = mapped_column(Integer)  # distinct paper titles
    levels: Mapped[int] = mapped_column(Integer)  # rows of kind 'absolute' (the ranked ones)
    best_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))  # of the best value
    best_qualifier: Mapped[str | None] = mapped_column(String(32))
    best_model: Mapped[str | None] = mapped_column(String(300))
    best_paper: Mapped[str | None] = mapped_column(Text)
    best_result_id: Mapped[str | None] = mapped_column(String(64))
    min_value: Mapped[float | None] = mapped_column(Float)  # over the levels
    max_value: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


CORRECTABLE_FIELDS = (
    "value", "unit", "metric", "kind", "direction", "dataset", "model", "hardware", "baseline", "qualifier",
)

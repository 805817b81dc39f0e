"""factory-boy factories for the models, bound to a session by `bind(session)`."""

from __future__ import annotations

import hashlib

import factory
from factory.alchemy import SQLAlchemyModelFactory

from leaderboard.store import models


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_persistence = "flush"


class PaperFactory(_Base):
    class Meta:
        model = models.Paper

    title = factory.Sequence(lambda n: f"Paper number {n}: efficient networks")
    title_key = factory.LazyAttribute(lambda o: o.title.lower())
    abstract = factory.LazyAttribute(lambda o: f"We present {o.title}. It reaches 75.2% top-1 accuracy on ImageNet.")
    abstract_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.abstract.encode()).hexdigest())
    extractor_version = "test"


class ListingFactory(_Base):
    class Meta:
        model = models.Listing

    source = factory.Sequence(lambda n: f"listing_{n}.txt")
    path = factory.LazyAttribute(lambda o: f"/tmp/{o.source}")
    listing_date = "Jun 6"
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    paper_count = 1


class SightingFactory(_Base):
    class Meta:
        model = models.Sighting

    paper = factory.SubFactory(PaperFactory)
    listing = factory.SubFactory(ListingFactory)
    position = factory.Sequence(int)
    line = 9


class BenchmarkFactory(_Base):
    class Meta:
        model = models.Benchmark

    dataset = "ImageNet"
    metric = factory.Sequence(lambda n: f"metric {n}")
    hardware_category = ""
    higher_is_better = True


class ResultFactory(_Base):
    class Meta:
        model = models.Result

    paper = factory.SubFactory(PaperFactory)
    result_key = factory.Sequence(lambda n: f"k-{n}")
    value = 75.2
    unit = "%"
    metric = "top-1 accuracy"
    kind = "absolute"
    dataset = "ImageNet"
    model = "MnasNet"
    surface = "75.2%"
    sentence = "It reaches 75.2% top-1 accuracy on ImageNet."
    start = 11
    end = 16
    extractor_version = "test"
    confidence = 0.9


ALL = (PaperFactory, ListingFactory, SightingFactory, BenchmarkFactory, ResultFactory)


def bind(session) -> None:
    for f in ALL:
        f._meta.sqlalchemy_session = session

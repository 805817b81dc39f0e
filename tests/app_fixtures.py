"""A small, realistic leaderboard database for the app tests (real migrated SQLite, factory rows)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from leaderboard.store import stats

from . import factories

APP = str(Path(__file__).resolve().parents[1] / "app" / "streamlit_app.py")
HOSTILE_TITLE = "<script>alert('t')</script> **Bold** [click](javascript:alert(1)) $x^2$ :red[red]"
HOSTILE_MODEL = "<img src=x onerror=alert(1)>"

PAPERS = {
    "mnas": ("MnasNet: Platform-Aware Neural Architecture Search for Mobile",
             "Our MnasNet reaches 75.2% top-1 accuracy on ImageNet with 78ms latency on a Pixel phone. "
             "It is 1.8x faster than MobileNetV2 with 0.5% higher accuracy."),
    "fbnet": ("FBNet: Hardware-Aware Efficient ConvNet Design",
              "FBNet-B reaches 74.1% top-1 accuracy on ImageNet with 23.1ms latency on a Samsung S8 phone. "
              "It needs 295M FLOPs."),
    "big": ("BigNet: Scaling Up Everything",
            "BigNet reaches 80.9% top-1 accuracy on ImageNet with 120ms latency on a Pixel phone."),
    "slow": ("SlowNet: Not Everything Scales",
             "SlowNet reaches 70.0% top-1 accuracy on ImageNet with 200ms latency on a Pixel phone."),
    "proxyless": ("ProxylessNAS: Direct Search on Target Hardware",
                  "ProxylessNAS reaches 2.08% test error on CIFAR-10, while DARTS reaches 2.76% test error."),
    "depth": ("FastDepth: Fast Monocular Depth Estimation on Embedded Systems",
              "FastDepth reaches 77.1% accuracy on NYU Depth v2 and runs at 178 fps on an NVIDIA Jetson TX2."),
    "hostile": (HOSTILE_TITLE,
                "We get <b>99.9%</b> accuracy on MNIST, see [here](javascript:alert(2)) and <script>alert(3)</script>."),
}


@dataclass
class Seeded:
    papers: dict = field(default_factory=dict)  # name -> Paper
    keys: dict = field(default_factory=dict)  # label -> result_key


def _sentence(abstract: str, surface: str) -> tuple[str, int, int]:
    pos = 0
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z<])", abstract):
        offset = abstract.index(sentence, pos)
        pos = offset + len(sentence)
        if surface in sentence:
            start = offset + sentence.index(surface)
            return sentence, start, start + len(surface)
    raise AssertionError(f"{surface!r} not in abstract")


def seed(session) -> Seeded:
    factories.bind(session)
    listing = factories.ListingFactory(source="2024-06-06_listing.txt", listing_date="Jun 6")
    out = Seeded()
    for name, (title, abstract) in PAPERS.items():
        p = factories.PaperFactory(title=title, title_key=title.lower(), abstract=abstract)
        factories.SightingFactory(paper=p, listing=listing)
        out.papers[name] = p

    def res(label, paper, surface, value, unit, metric, kind="absolute", **kw):
        sentence, start, end = _sentence(out.papers[paper].abstract, surface)
        r = factories.ResultFactory(paper=out.papers[paper], surface=surface, value=value, unit=unit, metric=metric,
                                    kind=kind, sentence=sentence, start=start, end=end, **kw)
        out.keys[label] = r.result_key

    phone = {"hardware_category": "phone"}
    res("mnas_top1", "mnas", "75.2%", 75.2, "%", "top-1 accuracy", dataset="ImageNet", model="MnasNet")
    res("mnas_lat", "mnas", "78ms", 78, "ms", "latency", dataset="ImageNet", model="MnasNet",
        hardware="Pixel phone", **phone)
    res("mnas_speedup", "mnas", "1.8x", 1.8, "x", "speedup", kind="ratio", direction="better", dataset="ImageNet",
        model="MnasNet", baseline="MobileNetV2")
    res("mnas_delta", "mnas", "0.5%", 0.5, "%", "top-1 accuracy", kind="delta", direction="better",
        dataset="ImageNet", model="MnasNet", baseline="MobileNetV2")
    res("fb_top1", "fbnet", "74.1%", 74.1, "%", "top-1 accuracy", dataset="ImageNet", model="FBNet-B")
    res("fb_lat", "fbnet", "23.1ms", 23.1, "ms", "latency", dataset="ImageNet", model="FBNet-B",
        hardware="Samsung S8 phone", **phone)
    res("big_top1", "big", "80.9%", 80.9, "%", "top-1 accuracy", dataset="ImageNet", model="BigNet")
    res("big_lat", "big", "120ms", 120, "ms", "latency", dataset="ImageNet", model="BigNet",
        hardware="Pixel phone", **phone)
    res("slow_top1", "slow", "70.0%", 70.0, "%", "top-1 accuracy", dataset="ImageNet", model="SlowNet")
    res("slow_lat", "slow", "200ms", 200, "ms", "latency", dataset="ImageNet", model="SlowNet",
        hardware="Pixel phone", **phone)
    res("proxyless_err", "proxyless", "2.08%", 2.08, "%", "error rate", dataset="CIFAR-10", model="ProxylessNAS")
    res("darts_err", "proxyless", "2.76%", 2.76, "%", "error rate", dataset="CIFAR-10", model="DARTS")
    res("depth_acc", "depth", "77.1%", 77.1, "%", "accuracy", dataset="NYU Depth v2", model="FastDepth")
    res("depth_fps", "depth", "178 fps", 178, "fps", "throughput", dataset="NYU Depth v2", model="FastDepth",
        hardware="NVIDIA Jetson TX2", hardware_category="jetson")
    res("hostile_acc", "hostile", "99.9%", 99.9, "%", "accuracy", dataset="MNIST", model=HOSTILE_MODEL)
    stats.rebuild(session)  # factory rows bypass ingest, which keeps benchmark_stats in step
    session.commit()
    return out

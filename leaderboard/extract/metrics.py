"""Metric, kind and direction of a quantity, from the words around it."""

from __future__ import annotations

import re
from functools import lru_cache

from .fastre import fast
from .units import RATE_SUFFIXES
from .vocab import load_vocabularies

QUALITY = {"accuracy", "top-1 accuracy", "top-5 accuracy", "mAP", "AP", "mIoU", "F1", "BLEU", "ROUGE", "MOS",
           "PSNR", "SSIM", "AUC", "Dice", "success rate", "score", "error rate", "top-1 error", "perplexity",
           "WER", "MAE", "RMSE"}
# Metrics a quantity in a given canonical unit can measure (first = default when no word names one).
UNIT_METRICS = {
    "ms": ("latency", "training cost", "search cost", "MAE", "RMSE", "score"),
    "fps": ("throughput",),
    "tokens/s": ("throughput",),
    "queries/s": ("throughput",),
    "requests/s": ("throughput",),
    "samples/s": ("throughput",),
    "GB/s": ("throughput",),  # memory or decompression bandwidth, kept as written
    "TB/s": ("throughput",),
    "MB/s": ("throughput",),
    "clock cycles": ("latency", "score"),  # an initiation interval, kept as written
    "pixels": ("score", "MAE", "RMSE"),  # an endpoint error in pixels
    "FLOPs": ("FLOPs", "training cost"),
    "MACs": ("MACs",),
    "params": ("parameters",),
    "MB": ("model size", "memory"),
    "W": ("power",),
    "mJ": ("energy",),
    "GPU-hours": ("search cost", "training cost", "cost"),
    "dB": ("PSNR", "score"),  # SDR / SI-SDR / SNR gains are scores in dB
    "TOPS": ("throughput", "score"),
    "GOPS": ("throughput", "score"),
    "TOPS/W": ("score",),
    "GOPS/W": ("score",),
    "mm^2": ("score",),
    "fps/W": ("score",),
    "frames/J": ("score",),
    "tokens/J": ("score",),
    "Hz": ("throughput",),
    "eV": ("MAE", "RMSE", "score"),  # errors of predicted energies, kept as written
    "m": ("MAE", "RMSE", "score"),  # depth and localisation errors
    "cm": ("MAE", "RMSE", "score"),
    "mm": ("MAE", "RMSE", "score"),
}
NEEDS_WORDS = {"ms", "eV", "m", "cm", "mm", "clock cycles", "pixels"}  # a number in these units is a result only when words say what it measures
CONFIG_UNITS = {"kHz", "MHz", "GHz"}  # clock and sampling frequencies are settings
# what a number in such a unit measures when no word names it
UNIT_WORDS = {"TOPS/W": "energy efficiency", "GOPS/W": "energy efficiency", "fps/W": "energy efficiency", "frames/J": "energy efficiency",
              "tokens/J": "energy efficiency", "mm^2": "area"}
_REDUCE_WORDS = (r"reduc\w*|lower\w*|less|fewer|smaller|decreas\w*|cut\w*|sav\w*|shrink\w*|shrank|compress\w*|remov\w*|prun\w*"
                 r"|falls?|fell|falling|declin\w*"
                 r"|cheaper|more compact|drop\w*|degrad\w*|loss|losses|lose|loses|sacrific\w*|eliminat\w*|slash\w*|brings?\s+down|brought\s+down")
_INCREASE_WORDS = (r"improv\w*|increas\w*|higher|better|more|gain\w*|boost\w*|outperform\w*|surpass\w*|exceed\w*|grow\w*|grew|rises?|rising|rose"
                   r"|beat\w*|rais\w*|enhanc\w*|larger|greater|advantage|refinement|margin|ahead")
_WORSE_WORDS = r"drop\w*|degrad\w*|loss|losses|lose|loses|losing|lost|worse|sacrific\w*|decreas\w*|lower|less|slower|penalty|costs?|costing"


def by_first_letter(parts: list[str]) -> str:
    """``"|".join(parts)`` (escaped aliases, some in "(?i:...)"), faster: grouped by first letter behind a look-ahead for
    it, so that at each word start re tries the group of its letter, not every case-insensitive alternative. Same
    matches: the order within a group is kept, and a character starts only one group."""
    firsts = [p[4:5] if p.startswith("(?i:") else p[:1] for p in parts]
    if not all(c.isascii() and c.isalnum() for c in firsts):
        return "|".join(parts)  # an escaped or non-ASCII first character: keep it plain
    groups: dict[str, list[str]] = {}
    for c, p in zip(firsts, parts):
        groups.setdefault(c.lower(), []).append(p)
    return "|".join(f"(?i:(?={c}))(?:{'|'.join(group)})" for c, group in groups.items())


@lru_cache(maxsize=8)
def _metric_table(key: int):
    vocab = load_vocabularies()
    alias_to_metric = {}
    for m in vocab.metrics.values():
        for a in m.aliases:
            alias_to_metric.setdefault(a.lower(), m.name)
            alias_to_metric.setdefault(a, m.name)
    parts = []
    for a in sorted({a for m in vocab.metrics.values() for a in m.aliases}, key=lambda s: (-len(s), s)):
        body = re.escape(a).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
        if a.upper() == a and any(c.isalpha() for c in a) or a in ("mAP", "mIoU", "FLOPs", "MACs"):
            parts.append(body + ("s?" if a[-1:].isalpha() and a[-1:].isupper() else ""))  # "AUCs", "WERs": a plural acronym
        else:
            parts.append("(?i:" + body + ")")
    pattern = re.compile(r"(?<![\w-])(?:" + by_first_letter(parts) + r")(?![\w]|-[A-Za-z])")  # "Faster-RCNN" is a name
    return pattern, alias_to_metric


def metric_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, metric, words) for every metric named in ``text``."""
    return list(_metric_mentions(text, id(load_vocabularies())))


@lru_cache(maxsize=8192)
def _metric_mentions(text: str, key: int):
    pattern, alias_to_metric = _metric_table(key)
    out = []
    for m in pattern.finditer(text):
        w = m.group(0)
        norm = re.sub(r"[\s-]+", " ", w)
        metric = alias_to_metric.get(w) or alias_to_metric.get(w.lower())
        if metric is None and w.endswith("s") and w[:-1] in alias_to_metric:
            metric = alias_to_metric[w[:-1]]  # "AUCs of 0.81 and 0.79"
        if metric is None:
            for a, name in alias_to_metric.items():
                if re.sub(r"[\s-]+", " ", a.lower()) == norm.lower() or re.sub(r"[\s-]", "", a.lower()) == re.sub(r"[\s-]", "", w.lower()):
                    metric = name
                    break
        if metric is None:
            continue
        before = text[max(0, m.start() - 30):m.start()]
        if _SAME_BEFORE.search(before):
            continue  # "with similar accuracy", "under the same FLOPs": a condition, not the result
        if metric in ("model size", "memory") and _NOT_SIZE_BEFORE.search(before):
            continue  # "batch size", "hidden size"
        if metric == "error rate" and w.lower() in ("error", "errors"):
            prev = re.search(r"([A-Za-z][\w-]*)\s+$", before)
            if prev and prev.group(1).lower() not in _ERROR_RATE_WORDS and prev.group(1).islower():
                metric = "score"  # "redshift error", "synchronization error": a measured quantity, not a classification error rate
        if metric == "score" and w.lower() in ("score", "scores") and out and out[-1][2] != "score" \
                and not text[out[-1][1]:m.start()].strip():
            continue  # "AUC scores", "BLEU score": the named metric owns the word
        out.append((m.start(), m.end(), metric, w))
    return tuple(out)


# words before a bare "error" that keep it a classification error rate ("the lowest error", "test error")
_ERROR_RATE_WORDS = {"the", "a", "an", "of", "in", "on", "and", "or", "with", "by", "its", "their", "our", "lowest", "low", "lower",
                     "best", "better", "test", "testing", "validation", "val", "classification", "top-1", "top-5", "overall",
                     "average", "mean", "generalization", "misclassification", "relative", "absolute", "total", "final", "achieved",
                     "minimal", "minimum", "smallest", "recognition", "detection", "prediction-level", "model"}
_SAME_BEFORE = re.compile(r"(?i)\b(?:similar|comparable|same|equivalent|equal|matched|matching|identical|fixed|given|no)\s+(?:\w+\s+){0,1}$")
_NOT_SIZE_BEFORE = re.compile(r"(?i)\b(?:batch|input|patch|kernel|window|step|sample|vocabulary|hidden|embedding|image|context|population|grid|beam|group|chunk|"
                              r"crop|tile|block|buffer|pool|filter|sequence|feature|voxel|cell|font|effect|training\s+set|dataset|corpus|data)\s+$")


def metric_higher_is_better(metric: str) -> bool | None:
    m = load_vocabularies().metrics.get(metric)
    return m.higher_is_better if m else None


def compatible(metric: str, unit: str) -> bool:
    if unit.endswith(RATE_SUFFIXES) and "/" in unit and unit not in UNIT_METRICS:
        return metric == "throughput"  # "molecules/hour"
    if unit in UNIT_METRICS:
        return metric in UNIT_METRICS[unit]
    if unit == "%":
        return True
    if unit == "x":
        return metric not in ("score",) or True
    if unit == "":
        return metric in QUALITY or metric in ("compression ratio", "speedup")
    return True


_QUAL_WORDS = r"(?:up\s*to|about|over|only|just|roughly|nearly|almost|approximately|around|more\s+than|less\s+than|at\s+least|by|into|~)"
_R_REDUCE = (r"reduction|reductions|reduced|lower|less|fewer|smaller|decrease|cut|savings?|cheaper|more\s+compact|"
             r"drop|degradation|loss|compression|slimmer|lighter|shorter")


_RED_R = re.compile(r"^\W{0,3}(?:[\w-]+\s){0,1}(?:" + _R_REDUCE + r")\b", re.I)
_RED_L = [fast(re.compile(p, re.I)) for p in (
    r"\b(?:" + _REDUCE_WORDS + r")\b[^,;]{0,70}?\s(?:" + _QUAL_WORDS + r"\s+){1,2}$",
    r"\b(?:" + _REDUCE_WORDS + r")\s+$",
    r"\breductions?\b(?:(?!\bwith\b|\bwhile\b|\band\b)[^,;:]){0,50}?\b(?:of|by|is|are|was|were)\s+(?:" + _QUAL_WORDS + r"\s+)?$")]


@lru_cache(maxsize=8)  # asked again for the next numbers of a sentence; 8 entries: hardly any reuse across abstracts
def is_reduction_phrase(right: str, left: str) -> bool:
    """A cut: "52% FLOPs reduction", "3x fewer", "reduces latency by 47%", "reduce X up to 59%", "latency reductions of 25%"."""
    left = left[-160:]
    return bool(_RED_R.match(right) or any(rx.search(left) for rx in _RED_L))


_INC_R = re.compile(r"^\W{0,3}(?:[\w-]+\s){0,2}(?:" + _INCREASE_WORDS + r")\b", re.I)
# "4.0% ImageNet top-1 accuracy improvement": a dataset and a metric between the number and the noun
_INC_R_NOUN = re.compile(r"^\W{0,3}(?:[\w-]+\s){3,4}(?:improvement|gain|increase|boost)s?\b", re.I)
_INC_L = [fast(re.compile(p, re.I)) for p in (
    r"\b(?:" + _INCREASE_WORDS + r")\b[^;]{0,130}?\bby\s+(?:[a-z]+\s+){0,3}$",
    r"\b(?:improvement|gain|increase|boost|margin|gap)s?\s+(?:of\s+)?(?:about\s+|up to\s+|over\s+|nearly\s+)?$",
    r"\b(?:improvement|gain|increase|margin)s?\b[^,;:]{0,60}?\b(?:is|was|are|were|of|reaches|reached|(?:grows|grew|rises|rose|increases|widens)\s+to)\s+(?:" + _QUAL_WORDS + r"\s+)?$")]


@lru_cache(maxsize=8)  # asked again for the next numbers of a sentence; 8 entries: hardly any reuse across abstracts
def is_increase_phrase(right: str, left: str) -> bool:
    left = left[-200:]
    if _INC_R.match(right) or _INC_R_NOUN.match(right):
        return True
    if "by" in left[-30:] and _INC_L[0].search(left):
        return True
    return bool(_INC_L[1].search(left) or _INC_L[2].search(left))


_WORSE_IS = re.compile(r"(?i)\b(?:drop|degradation|loss|decrease|penalty)\s+(?:[\w-]+\s+){0,3}?(?:is|was|are|were|remains?|stays?|of)\s+"
                       r"(?:only\s+|just\s+)?(?:below|under|within|at\s+most|less\s+than|about|around|up\s+to|merely)?\s*$")


_WORSE_R = re.compile(r"^\W{0,3}(?:[\w-]+\s){0,1}(?:" + _WORSE_WORDS + r")\b", re.I)
_WORSE_L = fast(re.compile(r"\b(?:" + _WORSE_WORDS + r")\w*\s+(?:of\s+|by\s+)?(?:up to\s+|only\s+|about\s+|less than\s+)?$", re.I))
_WITHIN_L = fast(re.compile(r"\bwithin\s+$", re.I))
TRAILS_BY = fast(re.compile(r"\b(?:trail\w*|behind)\b[^,;]{0,50}?\bby\s+(?:only\s+|about\s+|just\s+)?$", re.I))  # "trailing the teacher by 0.6"


@lru_cache(maxsize=8)  # asked again for the next numbers of a sentence; 8 entries: hardly any reuse across abstracts
def is_worse_phrase(right: str, left: str) -> bool:
    if _WORSE_IS.search(left[-80:]):
        return True  # "the accuracy loss is below 0.5%"
    return bool(_WORSE_R.match(right) or _WORSE_L.search(left) or _WITHIN_L.search(left) or TRAILS_BY.search(left[-80:]))

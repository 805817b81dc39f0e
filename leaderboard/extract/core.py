"""The extraction pipeline: sentences -> quantities -> results with metric, kind and slots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import fallback
from .metrics import (QUALITY, UNIT_METRICS, compatible, is_increase_phrase, is_reduction_phrase,
                      is_worse_phrase, metric_higher_is_better, metric_mentions)
from .numbers import Quantity, find_quantities, with_unit
from .sentences import split_sentences
from .slots import (NAME_RE, baseline_phrase, canonical_dataset, dataset_mentions, hardware_mentions, mentions_ours,
                    paper_method, skip_spans, subject_name, verb_subject, vocab_words)
from .types import Result
from .vocab import pinned_vocabularies

_QUALIFIERS = (
    (r"(?:up\s*to|within)", "up to"),
    (r"(?:at\s+least|more\s+than|over|above|greater\s+than|higher\s+than|in\s+excess\s+of|exceeding|>|≥|>=)", "over"),
    (r"(?:approximately|approx\.?|about|around|nearly|roughly|almost|close\s+to|~|≈|∼)", "about"),
    (r"(?:under|below)", "under"),
    (r"(?:less\s+than|fewer\s+than|lower\s+than|<|≤|<=)", "less than"),
)
_QUAL_RE = [(re.compile(r"(?i)(?:^|(?<=[\s(\[,]))" + p + r"\s*(?:only\s+|just\s+)?$"), q) for p, q in _QUALIFIERS]
_CONFIG_AFTER = re.compile(
    r"(?i)^\s*(?:of\s+(?:the\s+)?(?:training|labeled|labelled|unlabeled|annotated|available)?\s*(?:data|dataset|labels|annotations|training)\b"
    r"|(?:\w+\s)?(?:sparsity|dropout|noise|masking|mask|probability|confidence|quantile|percentile|bit\s+error|duty)\b"
    r"|(?:consumer\s+|\w+\s)?(?:GPU|GPUs)\b(?!\s+(?:utili[sz]ation|memory|hours?|time|latency|efficiency))|CI\b|of\s+(?:the\s+)?(?:time|cases|parameters\s+are))")
_BACKGROUND = re.compile(r"(?i)\b(?:has|have)\s+been\s+(?:shown|reported|demonstrated|found)\b")
_OURS_WORDS = re.compile(r"(?i)\b(?:we|our|ours|this\s+(?:paper|work|study))\b")
_RATIO_CUE = re.compile(r"(?i)\b(?:faster|slower|more|less|fewer|smaller|larger|higher|lower|bigger|better|worse|cheaper|reduction|"
                        r"speedups?|speed-?ups?|improvement|increase|decrease|compression|as\s+(?:fast|many|much|large|small))\b")
_PARAMS_CONFIG = re.compile(r"(?i)\b(?:train\w*\s+(?:\w+\s+){0,4}(?:with|of)|variants?|versions?|sizes?\s+(?:of|from)|ranging(?:\s+from)?|"
                            r"models\s+with|for\s+an?\s+[\w-]+\s+(?:\w+\s+){0,3}with)\s+(?:up\s+to\s+|about\s+|more\s+than\s+|over\s+)?"
                            r"(?:[\d.]+\s?\w*\s+(?:and|or|to)\s+)?$|:\s*$")
_CONFIG_BEFORE = re.compile(
    r"(?i)\b(?:dropout|learning\s+rate|weight\s+decay|momentum|sparsity|mask(?:ing)?\s+ratio|probability|noise\s+level|threshold|"
    r"temperature|label\s+smoothing|batch\s+size|warm-?up|split|ratio\s+of\s+the\s+training|"
    r"(?:randomly\s+)?(?:mask|masking|masked|sample|sampling|subsample|subsampling|corrupt|corrupting|perturb))\s+(?:rate\s+)?(?:of|=|:|to|at|as\s+(?:high|low|large)\s+as)?\s*(?:a\s+)?\(?\s*$")
_BARE_NOUN = re.compile(
    r"(?i)^[\s-]*(?:bits?|layers?|epochs?|samples?|images?|tasks?|datasets?|languages?|classes|categories|steps?|"
    r"iterations?|runs?|seeds?|shots?|heads?|blocks?|nodes?|examples?|instances?|patients?|subjects?|hours?|"
    r"questions?|documents?|papers?|models?|tokens?|words?|times?|users?|videos?|clips?|frames|points?\s+cloud|"
    r"dimensions?|channels?|neurons?|agents?|k\b|B\b)")
_UNITISH = re.compile(r"^\s?(?P<u>[a-zA-Zµμ°Å][a-zA-Zµμ]{0,5}(?:[/^·][a-zA-Z0-9{}]{1,6})+|[a-zA-Zµμ°Å]{1,4})(?![\w])")
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|--|to|~)\s*$")
_LIST_SEPS = [re.compile(p, re.I) for p in (
    r"^\s*(?:,\s*(?:and|or)?|and|or|vs\.?|v/s|versus|/|,?\s*respectively,?)\s*(?:(?:by|of|at|to)\s+)?(?:up\s+to\s+|over\s+|about\s+|~)?$",
    r"^\s*(?:for|on|in|at|with)\s+(?:the\s+)?[^,;.()]{1,35}?(?:,\s*(?:and|or)?|\s+and|\s+or)\s*(?:(?:for|on|in|by|at)\s+)?$",
    r"^\s*(?:,\s*|\s)(?:and\s+)?[\w\-.+/]+\s+(?:by|with|at|of)\s+$",
    r"^\s*\([^()]{1,30}\)\s*(?:,\s*(?:and|or)?|and|or)\s*$",
    r"^\s*[\w-]+\s*(?:,\s*(?:and\s+)?|and\s+)$",
    r"^\s*[(,]?\s*(?:vs\.?|versus|v/s|compared\s+(?:to|with))\s*$",
)]
_SPEED = re.compile(r"(?i)^\W{0,2}(?:[\w-]+\s+){0,2}(?:faster|speed-?ups?|speedups?|speed\s+up|quicker|acceleration)\b")
_RATIO_OF = re.compile(r"(?i)^\s*(?:of\s+(?:the|its|their)\s+(?:\w+\s+){0,2}(?:size|baseline|original|full|dense|teacher|performance|accuracy|model)|the\s+size)")
_X_FALLBACK = (("smaller", "model size"), ("fewer", "parameters"), ("cheaper", "cost"), ("compress", "compression ratio"),
               ("less memory", "memory"), ("lighter", "model size"), ("larger", "score"), ("more", "score"))
EFFICIENCY = {"latency", "throughput", "speedup", "power", "energy"}
GENERIC_DEVICES = {"GPU", "CPU", "FPGA", "TPU", "mobile phone", "ASIC"}
NO_HARDWARE = {"FLOPs", "MACs", "parameters", "model size", "search cost", "compression ratio"}


@dataclass
class Item:
    q: Quantity
    group: int = -1  # list id
    range_role: str | None = None  # range-low / range-high
    pair: bool = False  # "from X to Y" before/after
    extra: dict = field(default_factory=dict)  # drop, pair_first, sep_name


@dataclass
class Paper:
    title: str
    abstract: str
    method: str | None
    top1_at: int  # offset of the first "top-1" mention, or -1
    hardware: list  # distinct devices named in the abstract
    device: tuple | None = None  # the one device the abstract's numbers were measured on, if it names one
    earlier: list = field(default_factory=list)  # sentences read so far (newest last)

    def last_datasets(self) -> list[str]:
        """Datasets of the most recent earlier sentence that names any (looked up only when needed)."""
        for sentence in reversed(self.earlier):
            ds = [canonical_dataset(d[2]) for d in dataset_mentions(sentence)]
            if ds:
                return list(dict.fromkeys(ds))
        return []


def _qualifier(left: str) -> str | None:
    tail = left[-40:]
    if tail.endswith("~") or tail.endswith("≈"):
        return "about"
    for rx, q in _QUAL_RE:
        if rx.search(tail):
            return q
    return None


def _head(text: str, words: int = 6) -> str:
    m = re.match(r"^(?:\W*\w[\w\-]*){0,%d}" % words, text)
    return m.group(0) if m else text


_BOUND = re.compile(
    r"(?i)[,;:()\[\]]|\s(?:and|while|with|which|than|compared|on|for|when|using|where|whereas|but|over|across|after|"
    r"before|to|like|such|as|respectively|via|by|from|under|without|thanks|through|vs\.?|versus|achiev\w*|reach\w*|obtain\w*)(?![\w-])")
_SOLVE = re.compile(r"(?i)\b(?:solv\w*|answer\w*\s+correctly|correctly\s+(?:classif|predict|answer)\w*)\s+(?:only\s+|about\s+|over\s+)?$")
_REDUCE_VERB = re.compile(r"(?i)\b(?:reduc|decreas|lower|cut|sav)\w*\b[^,;]*\bby\s+(?:\w+\s+){0,2}$")


def _cut(right: str, words: int = 7) -> str:
    m = _BOUND.search(right)
    r = right[:m.start()] if m else right
    return _head(r, words)


def _mentions(sentence: str, a: int, b: int, spans) -> list[tuple[int, int, str, str]]:
    """Metric mentions in sentence[a:b] (sentence offsets), skipping words that belong to a quantity."""
    out = []
    for x, y, m, w in metric_mentions(sentence[a:b]):
        x, y = x + a, y + a
        if any(x < qe and qs < y for qs, qe in spans):
            continue
        out.append((x, y, m, w))
    return out


def _metric_for(q: Quantity, sentence: str, seg_start: int, right: str, rstart: int, spans, has_change: bool):
    """(metric, words) for quantity q; right is its (cut) right context; seg_start where its clause segment starts."""
    unit = q.unit
    rm = _mentions(sentence, rstart, rstart + len(right), spans)
    seg = _mentions(sentence, seg_start, q.start, spans)[::-1]
    full = _mentions(sentence, 0, seg_start, spans)[::-1]
    points = "point" in q.unit_text.lower()
    if unit == "x" or (unit == "%" and _SPEED.match(right)):
        sp = _SPEED.match(right)
        if sp:
            return "speedup", sp.group(0).strip(" ,")
        if rm:
            return rm[0][2], rm[0][3]
        if re.search(r"(?i)\bcompress\w*\b[^,;.]{0,40}$", sentence[seg_start:q.start]):
            return "compression ratio", None  # "compressing networks by more than 100 times"
        near = [m for m in seg if re.fullmatch(r"(?i)\s*(?:[\w'-]+\s+){0,3}", sentence[m[1]:q.start])]
        if near:
            return near[0][2], near[0][3]
        low = right.lower()
        for word, m in _X_FALLBACK:
            if word in low:
                return m, word
        for m in seg + full:
            return m[2], m[3]
        return "speedup", None

    def ok(m):
        if points:
            return m in QUALITY
        return compatible(m, unit)

    for x, y, m, w in rm:
        if ok(m):
            return m, w
    if unit == "%" and not rm:
        low = right.lower()
        for word, m in _X_FALLBACK[:5]:
            if re.match(r"^\W*" + word, low):
                return m, word
    for x, y, m, w in seg:
        if ok(m):
            return m, w
    if unit in ("ms",):
        return None, None  # a time needs words saying what it measures (checked by the caller)
    if unit in UNIT_METRICS:
        return UNIT_METRICS[unit][0], None
    left = sentence[:q.start]
    if unit in ("%", "") and _SOLVE.search(left):
        return "accuracy", None
    if points:
        return "accuracy", None
    if _REDUCE_VERB.search(sentence[seg_start:q.start]):
        return "score", None
    for x, y, m, w in full:
        if ok(m):
            return m, w
    if has_change:
        for x, y, m, w in _mentions(sentence, q.end, len(sentence), spans):
            if ok(m):
                return m, w
    return ("score", None) if unit in ("%", "") else (None, None)


_CLASSIFICATION = re.compile(r"(?i)\b(?:classif\w*|multi-class|recogni[sz]\w*)\b|\b(?:CIFAR|ImageNet|MNIST|SVHN)")


def _refine_metric(metric: str, left: str, right: str, q: Quantity, paper: Paper, abs_start: int, words: str | None = None,
                   sentence: str = ""):
    near = (_head(right, 8) + " | " + left[-50:]).lower()
    if metric == "score" and q.unit == "%" and (words or "").lower() == "performance" and _CLASSIFICATION.search(sentence):
        metric = "accuracy"  # a percentage "performance" in classification is an accuracy
    if metric == "accuracy" and 0 <= paper.top1_at < abs_start and not re.search(r"(?i)top-?5", near):
        metric = "top-1 accuracy"
    if metric in ("latency", "cost", "search cost", "training cost") and q.unit in ("ms", "GPU-hours", "x", "%"):
        rh = _head(re.split(r"[,;()]|\s(?:and|while|which|but|whereas)\s", right)[0], 8).lower()
        hits = sorted((m.start(), m.group(1)) for m in re.finditer(r"\b(infer|search|train)", rh))
        first = hits[0][1] if hits else None
        if first == "infer":
            metric = "latency" if q.unit != "x" else metric
        elif first == "search" or (first is None and re.search(r"\bsearch", near) and metric != "latency"):
            metric = "search cost"
        elif first == "train" or re.search(r"\btrain\w*\s+(?:\w+\s+){0,2}$", left[-40:].lower()) or (q.unit == "GPU-hours" and "train" in near):
            metric = "training cost"
    if metric == "latency" and q.unit == "x" and not re.search(r"(?i)\b(?:reduc|cut|lower|decreas|shorten)\w*\b[^,;]{0,40}$", left):
        metric = "speedup"  # "10x faster inference"; "reduces the runtime by 10x" stays a latency ratio
    return metric


def _kind(item: Item, metric: str, left: str, right: str, q: Quantity):
    hib = metric_higher_is_better(metric)
    if metric == "speedup" and q.unit == "%":
        return "ratio", "better"
    if q.unit == "x":
        worse = bool(re.match(r"(?i)^\W{0,2}(?:\w+\s){0,1}(?:slower|worse)", right))
        return "ratio", "worse" if worse else "better"
    points = bool(re.search(r"(?i)points?", q.unit_text)) or bool(re.match(r"(?i)^\s*(?:\w+\s){0,2}points?\b", right))
    if q.unit == "%" and re.search(r"(?i)\b(?:remov|prun|reduc|cut|eliminat|sav|drop)\w*\s+(?:(?:up\s+to|about|over|nearly|only|around)\s+)?$", left):
        return "reduction", "better"  # "removes up to 25% of the model parameters"
    if q.unit == "%" and _RATIO_OF.match(right) or (q.unit == "%" and re.search(r"(?i)\b(?:to|within)\s+$", left) and re.match(r"(?i)^\s*of\b", right)):
        return "ratio", "worse" if hib else "better"
    reduce = is_reduction_phrase(right, left)
    inc = is_increase_phrase(right, left) or q.sign == "+"
    worse = is_worse_phrase(right, left)
    if q.unit == "%":
        if hib:
            if worse or (reduce and not inc):
                return "delta", "worse"
            if inc or points:
                return "delta", "better"
            return "absolute", None
        if hib is False:
            if reduce or re.search(r"(?i)\bimprov\w*\b[^;]{0,60}\bby\s+(?:\w+\s+){0,2}$", left):
                return "reduction", "better"
            if inc:
                return "delta", "worse"
            return "absolute", None
        # score and the like
        if worse and re.match(r"(?i)^\W*(?:[\w-]+\s){0,1}(?:drop|degrad|loss|lose|worse|decrease)", right):
            return "delta", "worse"
        if reduce and not inc:
            return "reduction", "better"
        if inc and re.search(r"(?i)\b(?:loss|losses|error|errors|distance|divergence)\b[^,;]{0,40}\bby\s+(?:\w+\s+){0,2}$", left):
            return "reduction", "better"  # "improve the reconstruction loss by 21%"
        if worse:
            return "delta", "worse"
        if inc or points:
            return "delta", "better"
        return "absolute", None
    if q.unit == "":
        if re.match(r"(?i)^\W*(?:\w+\s){0,2}(?:drop|degrad|loss|decrease|lower|less|fewer|reduction)", right):
            return "delta", "better" if hib is False else "worse"
        if inc and (re.search(r"(?i)\b(?:gain|improvement|increase|margin|gap|by)\s+(?:of\s+)?(?:\w+\s+){0,2}$", left)
                    or re.match(r"(?i)^\s*(?:\w+\s){0,2}(?:higher|better|improvement|gain)", right)) or q.sign == "+" or points:
            return "delta", "better"
        if q.sign in ("-", "−"):
            return "delta", "better" if hib is False else "worse"  # "-0.4 PPL"
        return "absolute", None
    # units such as ms, MB, W: a difference when the text says "reduced by" / "lower" / "less"
    if reduce and re.search(r"(?i)\bby\s+(?:\w+\s+){0,2}$", left) or re.match(r"(?i)^\W*(?:less|lower|fewer|smaller|faster|reduction)", right):
        return "delta", "better"
    if re.match(r"(?i)^\W*(?:more|higher|larger|slower)", right):
        return "delta", "worse" if hib is False else "better"
    if re.search(r"(?i)\b(?:gain|improvement|increase|boost)s?\s+(?:of\s+)?(?:about\s+|up\s+to\s+|over\s+|nearly\s+)?$", left):
        return "delta", "better" if hib is not False else "worse"
    return "absolute", None


def _group_items(s: str, qs: list[Quantity]) -> list[Item]:
    items = [Item(q) for q in qs]
    # ranges and before/after pairs
    for a, b in zip(items, items[1:]):
        between = s[a.q.end:b.q.start]
        is_between = re.search(r"(?i)\bbetween\s+$", s[:a.q.start]) and re.fullmatch(r"\s*and\s*", between)
        if not (_RANGE_SEP.match(between) or is_between) or a.range_role or a.pair:
            continue
        if a.q.unit and b.q.unit and a.q.unit != b.q.unit:
            continue
        if not b.q.unit and a.q.unit:
            continue
        if not a.q.unit and b.q.unit:
            a.q = with_unit(a.q, b.q)
        before = s[:a.q.start]
        if re.search(r"(?i)\bfrom\s+(?:about\s+|around\s+|~)?$", before) and not re.search(r"(?i)\b(?:rang\w*|var\w*|span\w*)\s+from\s+\S*\s*$", before):
            a.pair = b.pair = True
            a.extra["pair_first"] = True
        else:
            a.range_role, b.range_role = "range-low", "range-high"
    # lists: numbers joined by commas/and/or/vs with little text between
    gid = 0
    for i, it in enumerate(items):
        if i and it.group < 0:
            prev = items[i - 1]
            between = s[prev.q.end:it.q.start]
            sep_name = re.match(r"^\s*(?:,\s*|\s)(?:and\s+)?(" + NAME_RE.pattern + r")\s+(?:by|with|at)\s+$", between)
            if sep_name and sep_name.group(1).lower() not in vocab_words():
                it.extra["sep_name"] = sep_name.group(1)
            if (any(rx.match(between) for rx in _LIST_SEPS) or (prev.range_role == "range-low" and it.range_role == "range-high")
                    or (prev.pair and it.pair and not it.extra.get("pair_first"))) \
                    and (prev.q.unit == it.q.unit or not prev.q.unit or not it.q.unit):
                it.group = prev.group
                continue
        it.group = gid
        gid += 1
    # a unit written once at the end of a list applies to the bare numbers before it
    by_group: dict[int, list[Item]] = {}
    for it in items:
        by_group.setdefault(it.group, []).append(it)
    for members in by_group.values():
        last = members[-1]
        if last.q.unit and len(members) > 1:
            for m in members[:-1]:
                if not m.q.unit and not m.q.magnitude:
                    m.q = with_unit(m.q, last.q)
    return items


def _bare_cue(sentence: str, q: Quantity, right: str, spans) -> tuple[str, str] | None:
    """A metric named right after ("127.9 CIDEr-D", "5.0 BLEU") or right before ("F1 score of", "AUROC =") a bare number."""
    rh = right[:40]
    for x, y, m, w in _mentions(sentence, q.end, q.end + len(rh), spans):
        if re.fullmatch(r"(?i)\s*(?:\(\s*|average\s+|avg\.?\s+|absolute\s+|in\s+terms\s+of\s+|in\s+|higher\s+|more\s+|better\s+)*", sentence[q.end:x]):
            return m, w
        break
    a = max(0, q.start - 60)
    for x, y, m, w in reversed(_mentions(sentence, a, q.start, spans)):
        between = sentence[y:q.start]
        if re.fullmatch(r"(?i)\s*(?:\([^)]*\)\s*)?(?:(?:of|=|:|is|was|were|are|reaches|reached|to|as|at|score|scores|value|values|rate|"
                        r"of|R\^?2\s*=|,|a|an|the|best|average|mean|final|overall|only|up\s+to|about|around|nearly|over|approximately|"
                        r"improvement|gain|increase|drop|decrease|reduction|boost)\s*)*(?:~|≈)?\s*$", between):
            if m == "score" and w.lower() == "performance" and not re.search(r"(?i)\bof\s*$", between):
                return None
            return m, w
        if re.search(r"(?i)\bfrom\s+(?:about\s+|~)?$", between) and not re.search(r"[,;:]", between):
            return m, w  # "recall increases from 0.92 to 0.95"
        return None
    return None


def _infer_magnitude_unit(q: Quantity, left: str, right: str) -> Quantity | None:
    if re.match(r"^\s*[A-Za-z]", right) and not re.match(
            r"(?i)^\s*(?:FLOP|MAC|param|(?:and|or|to|with|on|in|at|for|while|when|from|than|by|of|as|under|using|without|per|"
            r"compared|which|that|respectively)\b)", right):
        return None  # "300B tokens", "2M images": counts of something else
    ctx = left[-50:] + " " + right[:25]
    for word, unit in (("FLOP", "FLOPs"), ("MAC", "MACs"), ("param", "params")):
        if re.search(word, ctx, re.I):
            return replace(q, unit=unit)
    return None


def _in_config_parens(s: str, q: Quantity) -> bool:
    open_ = s.rfind("(", 0, q.start)
    if open_ < 0 or s.rfind(")", 0, q.start) > open_:
        return False
    close = s.find(")", q.end)
    if close < 0:
        return False
    inner = s[open_ + 1:close]
    return bool(re.fullmatch(r"[\d.,\s%a-zA-Z]{0,40}", inner)) and len(re.findall(r"\d+", inner)) >= 2 and \
        not metric_mentions(inner) and re.fullmatch(r"(?:\s*[\d.]+\s*[a-zA-Z%]{0,3}\s*(?:,|and|or)?)+", inner) is not None


_AFTER_NAME = re.compile(r"^\s*(?:\((?P<p>" + NAME_RE.pattern + r")\)|(?:(?:is|are|was|were)\s+)?(?:achieved|obtained|reached|reported|required|needed)?\s*"
                         r"(?:using|by)\s+(?:the\s+)?(?P<b>" + NAME_RE.pattern + r"))")


_DATASET_TALK = re.compile(r"(?i)(?:dataset|benchmark|corpus|corpora|data\s+set)")


def _model(sentence: str, q: Quantity, paper: Paper) -> str:
    prefix = sentence[:q.start]
    m = _AFTER_NAME.match(sentence[q.end:])
    if m and m.group("p") and (_DATASET_TALK.search(sentence) or dataset_mentions(m.group("p"))):
        m = None  # "AUC of 99.2% (FF++)" in a sentence about datasets: the parenthesis names the data
    if m:
        name = m.group("p") or m.group("b")
        if name and name.lower() not in vocab_words() and name not in ("GPU", "CPU", "GPUs", "CPUs"):
            return name
    skip = skip_spans(sentence)  # computed once per sentence (memoised lookups), then cut to the prefix
    vs = verb_subject(prefix, skip)
    if vs:
        return vs
    name = subject_name(prefix, skip)
    if name and len(name) <= 2:
        name = None
    if name:
        after = prefix[prefix.find(name) + len(name):]
        if not re.search(r"(?i)\b(?:our|the\s+proposed)\s+(?:\w+\s+){0,2}(?:method|model|approach|framework|network|technique|system|algorithm|scheme)s?\b", after):
            return name
    if mentions_ours(prefix) or not name:
        return paper.method or "(ours)"
    return name


def _respectively(sentence: str, items: list[Item], spans) -> dict[int, tuple[str, str]]:
    """"reduces power and latency respectively by 49% and 89%": the k-th number gets the k-th metric."""
    out: dict[int, tuple[str, str]] = {}
    if "respectively" not in sentence.lower():
        return out
    groups: dict[int, list[Item]] = {}
    for it in items:
        groups.setdefault(it.group, []).append(it)
    for gid, members in groups.items():
        n = len(members)
        if n < 2:
            continue
        ms = _mentions(sentence, 0, members[0].q.start, spans)
        # the metrics right before the numbers, joined by "and" / commas
        chain = []
        for x, y, m, w in reversed(ms):
            if chain and not re.fullmatch(r"(?i)[\s,]*(?:and|or)?[\s,]*(?:the\s+)?(?:[\w-]+\s+){0,2}", sentence[y:chain[-1][0]]):
                break
            chain.append((x, y, m, w))
        chain.reverse()
        k = len(chain)
        if k >= 2 and n % k == 0:
            for i, it in enumerate(members):
                out[id(it)] = (chain[i % k][2], chain[i % k][3])
    return out


_LONG_TIME_CUE = re.compile(r"(?i)\b(?:train\w*|search\w*|fine-?tun\w*|comput\w*|inference|GPUs?|TPUs?|run\w*|takes?|took|requires?|required|converg\w*|wall-?clock)\b")
_TIME_VERB = re.compile(
    r"(?i)\b(?:runs?|running|takes?|took|requires?|required|in|within|under|below|only|at|per|inference|train\w*|search\w*|"
    r"process\w*|generat\w*|than|spent|completes?|finish\w*)\s+(?:\w+\s+){0,1}(?:(?:about|around|nearly|only|approximately)\s+)?$")


def _not_a_result(sentence: str, q: Quantity) -> bool:
    """Bare numbers that are clearly configuration or references: 8-bit, 2-D, [29], years, 5 epochs, Llama 7B."""
    if q.magnitude and not q.unit and re.search(r"(?:^|\s)(?:[A-Z][\w.-]*|[a-z]+[A-Z][\w.-]*)\s+$", sentence[:q.start]) \
            and not re.match(r"(?i)\s*(?:param|FLOP|MAC)", sentence[q.end:]):
        return True  # a model size in a name: "OPT 66B", "Llama 7B"
    if q.unit or q.magnitude:
        return False
    after = sentence[q.end:]
    if re.match(r"^[-‐]\s?[A-Za-z]", after) or _BARE_NOUN.match(after):
        return True
    if re.match(r"(?i)^\s+out\s+of\s+\d", after):
        return True  # "11 out of 12": a count
    if q.start > 0 and sentence[q.start - 1] in "[" or re.match(r"^\s*(?:,\s*\d+\s*)*\]", after):
        return True
    return q.value == int(q.value) and 1900 <= q.value <= 2100 and "." not in sentence[q.start:q.end]


def _analyse(sentence: str, s_off: int, paper: Paper) -> list[Result]:
    qs = [q for q in find_quantities(sentence) if not _not_a_result(sentence, q)]
    if not qs:
        return []
    items = _group_items(sentence, qs)
    first_of_group: dict[int, Item] = {}
    for it in items:
        first_of_group.setdefault(it.group, it)
    last_of_group = {it.group: it for it in items}
    seg_start_of: dict[int, int] = {}
    last_end = 0
    for it in items:
        if first_of_group[it.group] is it:
            seg_start_of[it.group] = last_end
        last_end = it.q.end
    idx = {id(it): i for i, it in enumerate(items)}

    def own_right(it: Item) -> str:
        i = idx[id(it)]
        stop = items[i + 1].q.start if i + 1 < len(items) else len(sentence)
        return sentence[it.q.end:stop]

    def right_of(it: Item) -> tuple[str, int]:
        """The words after the number up to a clause boundary, and where they start; list members share the last one's."""
        r = _cut(own_right(it))
        if not re.search(r"[A-Za-z]{2,}", re.sub(r"(?i)\b(?:and|or|the|a|an|to|vs|respectively)\b", "", own_right(it))) \
                and it is not last_of_group[it.group]:
            last = last_of_group[it.group]
            return _cut(own_right(last)), last.q.end
        return r, it.q.end

    # magnitudes without a unit ("40.18G") take one from the words around
    for it in items:
        if it.q.unit == "" and it.q.magnitude:
            inferred = _infer_magnitude_unit(it.q, sentence[:it.q.start], own_right(it))
            it.extra["drop"] = inferred is None
            if inferred is not None:
                it.q = inferred
        elif it.q.unit == "" and re.match(r"(?i)^\s*(?:top-?1\s+)?(?:accuracy|acc\.?)\s+points?\b", sentence[it.q.end:]):
            m = re.match(r"(?i)^\s*(?:top-?1\s+)?(?:accuracy|acc\.?)\s+points?\b", sentence[it.q.end:])
            it.q = replace(it.q, end=it.q.end + m.end(), unit="%", unit_text=m.group(0).strip())
    for it in items:
        pm = re.match(r"(?i)^\s*(?:percentage\s+)?points?\b", sentence[it.q.end:])
        if it.q.unit == "" and pm and re.search(r"(?i)\b(?:accuracy|accuracies|error\s+rate|success\s+rate)\b[^,;.]{0,40}$", sentence[:it.q.start]):
            it.q = replace(it.q, end=it.q.end + pm.end(), unit="%", unit_text=pm.group(0).strip())  # percentage points
    spans = [(it.q.start, it.q.end) for it in items]
    # bare numbers need a metric named next to them (shared inside a list)
    cues: dict[int, tuple[str, str]] = {}
    own_cues: dict[int, tuple[str, str]] = {}
    for it in items:
        if it.q.unit == "" and not it.q.magnitude:
            c = _bare_cue(sentence, it.q, own_right(it), spans)
            if c:
                own_cues[id(it)] = c
                cues.setdefault(it.group, c)
    resp = _respectively(sentence, items, spans)
    results = []
    for it in items:
        if it.extra.get("drop"):
            continue
        q = it.q
        first = first_of_group[it.group]
        seg_start = seg_start_of[it.group]
        right, rstart = right_of(it)
        full_left = sentence[:q.start]
        group_left = sentence[:first.q.start]
        after = sentence[q.end:]
        if q.unit == "":
            compound = _UNITISH.match(after)
            if compound and re.search(r"[/^]", compound.group("u")) and (own_cues.get(id(it)) or cues.get(it.group)):
                hit = fallback.unit_at(sentence, q.start, q.end)  # "0.12 kcal/mol": a unit we do not know
                if hit:
                    q = it.q = replace(q, end=hit[0], unit=hit[1], unit_text=hit[1])
            if q.unit == "" and it.group not in cues:
                continue
            if q.unit == "" and (re.match(r"^-[A-Za-z]", after) or _BARE_NOUN.match(after)):
                continue
            if q.unit == "" and q.value == int(q.value) and 1900 <= q.value <= 2100 and "." not in sentence[q.start:q.end]:
                continue
        last_after = sentence[last_of_group[it.group].q.end:]
        if q.unit == "%" and (_CONFIG_AFTER.match(re.sub(r"^\s*\([^)]*\)", "", after)) or re.search(r"(?i)\bat\s+(?:a|an)\s+$", full_left)
                              or _CONFIG_AFTER.match(re.sub(r"^\s*\([^)]*\)", "", last_after))):
            continue
        if q.unit == "ms" and (re.match(r"(?i)^\s*(?:of|long)\s+(?:\w+\s+){0,2}(?:data|audio|speech|video|recordings?|footage|music|clips?)\b", last_after)
                               or re.search(r"(?i)\b(?:dataset|data)\s+(?:size|duration)|amount\s+of\s+(?:\w+\s+)?data", full_left[-60:])):
            continue  # durations of data, not of computation
        if re.search(r"(?i)(?:^|[,;(])\s*unlike\b[^,;]*$", full_left):
            continue  # "unlike other methods which increase it by an order of magnitude"
        if re.search(r"(?i)\b(?:conventional|existing|prior|previous|traditional)\b[^.;]{0,60}\(\s*e\.g\.?,?\s*$", full_left):
            continue  # "(e.g. 10^4 GPU hours)" of earlier methods
        if q.unit == "%" and re.match(r"(?i)^\s*(?:considered|used|held|reserved|set\s+aside)\s+(?:as|for)\b", after):
            continue
        if _CONFIG_BEFORE.search(full_left):
            continue
        if q.unit == "%" and re.match(r"^\s*of\s+(?:the\s+|all\s+)?\d", after):
            continue  # "13% of 117,730 notes": a share of a dataset
        if _BACKGROUND.search(sentence) and not _OURS_WORDS.search(sentence):
            continue  # "screening has been shown to reduce mortality by 40%": prior knowledge
        if q.unit == "x" and re.search(r"(?i)\bout\s+of\s+$", full_left):
            continue  # "11 out of 12 times"
        if q.unit == "x" and q.unit_text.lower() == "times" and not _RATIO_CUE.search(_head(after, 3)) \
                and not re.search(r"(?i)\b(?:by|of|about|up\s+to|over|nearly|than|to)\s+$", full_left):
            continue  # "instantiated three times": a repetition, not a ratio
        if q.unit == "params" and _PARAMS_CONFIG.search(group_left[-60:]):
            continue  # "we train models with up to 410M parameters": a configuration
        if q.unit == "MB" and re.match(r"(?i)^\s*(?:[\w-]+\s){0,2}(?:GPU|GPUs|VRAM|RAM\b|cards?)(?!\s+(?:memory|RAM|VRAM))", after):
            continue
        if q.unit == "ms" and _in_config_parens(sentence, q):
            continue
        if q.unit == "x" and re.match(r"(?i)^\s*(?:shorter|longer|more\s+data|larger\s+(?:batch|dataset|data))", after):
            continue
        if q.unit == "x" and q.unit_text.lower().endswith("fold") and (re.match(r"^\s*[:;.]", after) or re.search(r"(?i)\b(?:is|are|was|were)\s+$", full_left)):
            continue  # "the reason is two-fold:"
        # metric
        has_change = bool(is_increase_phrase(right, sentence[seg_start:first.q.start]) or is_reduction_phrase(right, sentence[seg_start:first.q.start]))
        shared_r = _cut(own_right(last_of_group[it.group]))
        if id(it) in resp and not metric_mentions(shared_r):
            metric, words = resp[id(it)]
        elif q.unit == "" and (id(it) in own_cues or it.group in cues):
            metric, words = own_cues.get(id(it)) or cues[it.group]
        else:
            metric, words = _metric_for(q, sentence, seg_start, right, rstart, spans, has_change)
            seg_text0 = sentence[seg_start:first.q.start]
            if metric is None and it.pair and not it.extra.get("pair_first") and results and results[-1][0].pair:
                metric, words = results[-1][2], results[-1][3]  # "from 3 days to 10 hours"
            if metric is None and results and re.search(r"(?i)(?:,\s*|\b)and\s+(?:from\s+|by\s+)?$|^\W*(?:and|,)\s", seg_text0) \
                    and compatible(results[-1][2], q.unit):
                metric, words = results[-1][2], results[-1][3]  # "... from A to B at word level, and from C to D at ..."
            if metric is None and q.unit == "ms":
                if q.value >= 60000 and not _LONG_TIME_CUE.search(full_left[-60:] + " " + _head(after, 3)):
                    continue  # "120 hours of audio", "10 minutes of training data"
                if _TIME_VERB.search(full_left) or re.match(r"(?i)^\s*(?:per|for\s+(?:inference|training|each|one|a|an)|on\s+(?:a|an|the)?\s*\w*\s*(?:GPU|CPU|phone|device))\b", after):
                    metric, words = "latency", None
                else:
                    continue
        if metric is None:
            continue
        if q.unit == "dB" and (metric != "PSNR" or not words):
            continue
        if q.unit == "ms" and q.value >= 60000 and metric in ("latency", "score") and not _LONG_TIME_CUE.search(full_left[-60:] + " " + _head(after, 3)):
            continue
        own = own_right(it)
        if not re.search(r"[A-Za-z]{3,}", re.sub(r"(?i)\b(?:and|the|respectively)\b", "", own)):
            own = own_right(last_of_group[it.group])
        metric = _refine_metric(metric, full_left, own, q, paper, s_off + q.start, words, sentence)
        if metric == "compression ratio" and q.unit == "%":
            kind, direction = "reduction", "better"
        else:
            kind, direction = _kind(it, metric, sentence[seg_start:first.q.start] if first is not it else sentence[seg_start:q.start], right, q)
        seg_text = sentence[seg_start:first.q.start]
        if kind == "absolute" and results and re.search(r"(?i)(?:\band|,)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,4}by\s+(?:(?:up\s+to|about|over|nearly)\s+)?$", seg_text) \
                and not re.search(r"(?i)\b(?:reduc|improv|increas|decreas|lower|cut|outperform|sav)\w*", seg_text):
            kind, direction = results[-1][4], results[-1][5]  # "... by 49% w.r.t. X and by 37% w.r.t. Y"
        if it.pair:
            kind, direction = "absolute", None
        qualifier = it.range_role or _qualifier(full_left)
        if qualifier is None and first is not it:
            qualifier = _qualifier(group_left)
        if it.pair:
            qualifier = None
        results.append((it, q, metric, words, kind, direction, qualifier))
    if not results:
        return []
    return _slots(sentence, s_off, paper, results)


_NAME_CHUNK = r"(?:(?!\s(?:for|on|of|in|with)\s)[^,;()]){1,40}?"
_RESP_LIST = re.compile(r"(?i)\b(?:for|on|of|in|with)\s+(?:the\s+)?(?P<names>" + _NAME_CHUNK + r"(?:,\s*" + _NAME_CHUNK + r")*,?\s+and\s+" + _NAME_CHUNK + r")"
                        r"(?:\s+(?:datasets?|benchmarks?|models?|backbones?|networks?|tasks?))?,?\s+respectively\b")


def _respective_names(sentence: str, results) -> dict[int, tuple[str, str]]:
    """"... 96.71% and 95.35% in the UCI HAR and Motion-Sense datasets respectively": k-th number, k-th name."""
    out: dict[int, tuple[str, str]] = {}
    m = _RESP_LIST.search(sentence)
    if not m:
        return out
    names = [re.sub(r"(?i)[\s-]+based$", "", n.strip()) for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("names")) if n.strip()]
    members = [k for k, r in enumerate(results) if r[1].end <= m.start()]
    groups: dict[int, list[int]] = {}
    for k in members:
        groups.setdefault(results[k][0].group, []).append(k)
    for ks in groups.values():
        if len(ks) == len(names) >= 2:
            for k, name in zip(ks, names):
                ds = dataset_mentions(name)
                if ds:
                    out[k] = ("dataset", ds[0][2])
                elif re.search(r"(?i)\b(?:datasets?|data|sets?|benchmarks?|corpus|corpora)\b", m.group(0)):
                    out[k] = ("dataset", name)
                elif NAME_RE.search(name):
                    out[k] = ("model", name)
    return out


def _slots(sentence: str, s_off: int, paper: Paper, results) -> list[Result]:
    dmentions = dataset_mentions(sentence)
    hmentions = hardware_mentions(sentence)
    claimed = {}
    starts = [r[1].start for r in results]
    # "on Cora with a 3.1% improvement": the dataset right before the number
    for k, (it, q, *_rest) in enumerate(results):
        prev_end = results[k - 1][1].end if k else 0
        for a, b, name in dmentions:
            if k and re.fullmatch(r"(?i)\s*(?:[\w-]+\s+){0,2}(?:on|for|in)\s+(?:the\s+)?", sentence[prev_end:a]):
                continue  # "2.46% for CIFAR-10, 15.02% ...": it names the previous number's dataset
            if prev_end <= a and b <= q.start and re.search(r"(?i)\b(?:on|for|in)\s+(?:the\s+)?$", sentence[max(0, a - 12):a]) \
                    and re.fullmatch(r"(?i)\s*(?:dataset\s+|benchmark\s+)?(?:with|,|:|achiev\w*|reach\w*|obtain\w*|yield\w*|gives?)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}",
                                     sentence[b:q.start]):
                claimed[k] = [(a, b, name)]
    before_claimed = {(v[0][0], v[0][1]) for v in claimed.values()}
    for k, (it, q, *_rest) in enumerate(results):
        if k in claimed:
            continue
        stop = min([x for x in starts if x > q.start] + [len(sentence)])
        for a, b, name in dmentions:
            if (a, b) in before_claimed:
                continue
            if q.end <= a < stop and re.match(r"(?i)^[^,;)]{0,40}?\b(?:on|for|in|of|over)\s+(?:the\s+)?(?:\w+\s+){0,2}$", sentence[q.end:a]):
                claimed[k] = [(a, b, name)]
                break
    resp_names = _respective_names(sentence, results)
    if _DATASET_TALK.search(sentence):
        for k, r in enumerate(results):
            pm = re.match(r"^\s*\(([^()]{2,30})\)", sentence[r[1].end:])
            if pm and k not in resp_names and (NAME_RE.search(pm.group(1)) or dataset_mentions(pm.group(1))):
                claimed[k] = [(-1, -1, pm.group(1))]
    for k, (kind_, name) in resp_names.items():
        if kind_ == "dataset":
            claimed[k] = [(-1, -1, name)]
    for k, r in enumerate(results):
        q = r[1]
        if k in claimed:
            continue
        for a, b, name in dmentions:
            if b <= q.start and re.fullmatch(r"\s*\(\s*", sentence[b:q.start]):
                claimed[k] = [(a, b, name)]
    # "on MovieLens 100K with a 5.1% improvement, on MovieLens 1M with a 5.4% improvement"
    for k, r in enumerate(results):
        q = r[1]
        if k in claimed or k == 0:
            continue
        prev_end = results[k - 1][1].end
        seg = [d for d in dmentions if prev_end <= d[0] and d[1] <= q.start]
        if len(seg) == 1 and re.search(r"(?i)\b(?:on|for|in)\s+(?:the\s+)?$", sentence[max(0, seg[0][0] - 12):seg[0][0]]):
            claimed[k] = [seg[0]]
            if k - 1 not in claimed:
                before = [d for d in dmentions if d[1] <= results[k - 1][1].start]
                if before and re.search(r"(?i)\b(?:on|for|in)\s+(?:the\s+)?$", sentence[max(0, before[-1][0] - 12):before[-1][0]]):
                    claimed[k - 1] = [before[-1]]
    claimed_spans = {(a, b) for v in claimed.values() for a, b, _ in v}
    unclaimed = [d for d in dmentions if (d[0], d[1]) not in claimed_spans]
    quality_here = any(r[2] in QUALITY for r in results)
    out = []
    for k, (it, q, metric, words, kind, direction, qualifier) in enumerate(results):
        if k in claimed:
            ds = [claimed[k][0][2]]
        elif unclaimed:
            ds = [d[2] for d in unclaimed]
        elif dmentions:
            before = [d for d in dmentions if d[1] <= q.start]
            ds = [before[-1][2]] if before else [dmentions[0][2]]
        elif quality_here and paper.last_datasets():
            ds = paper.last_datasets()
        else:
            ds = []
        ds = list(dict.fromkeys(canonical_dataset(d) for d in ds))
        dataset = ", ".join(ds) or None
        hw = None
        if metric not in NO_HARDWARE and not (metric in QUALITY and kind != "absolute"):
            stop = min([x for x in starts if x > q.start] + [len(sentence)])
            after = [h for h in hmentions if q.end <= h[0] < stop]
            before = [h for h in hmentions if h[1] <= q.start]
            later = [h for h in hmentions if h[0] >= q.end]
            pick = after[0] if after else (before[-1] if before else (later[0] if later else None))
            if pick:
                hw = (pick[2], pick[3])
            elif metric in EFFICIENCY and paper.device:
                hw = paper.device
        model = _model(sentence, q, paper)
        if resp_names.get(k, ("", ""))[0] == "model":
            model = resp_names[k][1]
        elif it.extra.get("sep_name"):
            model = it.extra["sep_name"]
        if it.pair and it.extra.get("pair_first"):
            model = baseline_phrase(sentence) or model
        baseline = None
        if kind != "absolute":
            group_starts = [r[1].start for r in results if r[0].group == it.group]
            stop = min([x for x in starts if x > q.end and x not in group_starts] + [len(sentence)])
            prev_end = max([r[1].end for r in results if r[1].end <= q.start and r[0].group != it.group] + [0])
            near_left = re.split(r"[,;:(]", sentence[max(prev_end, q.start - 80):q.start])[-1]
            size_of = re.match(r"(?i)^\s*(?:of\s+)?the\s+size\s+of\s+", sentence[q.end:])
            clause_end = re.search(r"[;)]|$", sentence[q.end:]).start() + q.end
            baseline = ((size_of and baseline_phrase("than " + sentence[q.end + size_of.end():stop]))
                        or baseline_phrase(near_left, last=True) or baseline_phrase(sentence[q.end:stop])
                        or baseline_phrase(sentence[q.end:clause_end]) or baseline_phrase(sentence[:q.start], last=True))
            if baseline and model and baseline.lower() == model.lower():
                baseline = None
        conf = 0.8 if words else 0.6
        if metric == "score":
            conf = 0.5
        out.append(Result(
            surface=sentence[q.start:q.end], start=s_off + q.start, end=s_off + q.end, value=float(q.value), unit=q.unit,
            metric=metric, kind=kind, sentence=sentence,
            metric_text=words if words and words != metric else None, direction=direction,
            dataset=dataset, model=model, hardware=hw[0] if hw else None, hardware_category=hw[1] if hw else None,
            baseline=baseline, qualifier=qualifier, confidence=conf,
        ))
    return out


def extract(title: str, abstract: str) -> list[Result]:
    """Results reported in ``abstract``; offsets index into ``abstract``."""
    with pinned_vocabularies():
        return _extract(title, abstract)


def _extract(title: str, abstract: str) -> list[Result]:
    top1 = re.search(r"(?i)\btop-?\s?1\b", abstract)
    hw = []
    for _a, _b, name, cat in hardware_mentions(abstract):
        if (name, cat) not in hw:
            hw.append((name, cat))
    paper = Paper(title, abstract, paper_method(title, abstract), top1.start() if top1 else -1, hw)
    specific = [h for h in hw if h[0] not in GENERIC_DEVICES]
    if specific and len({c for _n, c in hw}) == 1 and len(specific) == 1:
        paper.device = specific[0]  # e.g. "ZCU104 FPGA" (also called "the FPGA"); generic "GPU" alone is not enough
    rows: list[Result] = []
    seen = set()
    for a, b in split_sentences(abstract):
        sentence = abstract[a:b]
        this_sentence: set = set()
        for r in _analyse(sentence, a, paper):
            restated = (round(r.value, 9), r.unit, r.metric, r.kind)
            if restated in seen:
                continue  # the same number with the same meaning in an earlier sentence
            this_sentence.add(restated)
            rows.append(r)
        seen |= this_sentence
        paper.earlier.append(sentence)
    return rows


def clear_caches() -> None:
    """Forget memoised per-text lookups (for benchmarks and after changing vocabularies in-process)."""
    from . import fallback, metrics, slots

    for fn in (metrics._metric_mentions, slots._mentions_cached, slots._dataset_mentions, fallback._parse):
        fn.cache_clear()

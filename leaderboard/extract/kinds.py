"""Per number: qualifier, metric (from the words around it), kind and direction."""

from __future__ import annotations

import re

from .metrics import (NEEDS_WORDS, QUALITY, TRAILS_BY, UNIT_METRICS, UNIT_WORDS, compatible, is_increase_phrase, is_reduction_phrase, is_worse_phrase,
    metric_higher_is_better, metric_mentions)
from .fastre import fast
from .numbers import Quantity
from .grouping import Item
from .filters import TOKENS_PER_STEP
from .slots import dataset_mentions


_QUALIFIERS = (
    (r"(?:up\s*to|within|at\s+most|no\s+more\s+than|peak(?:s|ed|ing)?\s+at|within\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?|"
     r"(?:the\s+)?(?:largest|biggest)\s+(?:gains?|improvements?|speed-?ups?|reductions?)\s+(?:of\s+)?)", "up to"),
    (r"(?:at\s+least|more\s+than|over|above|greater\s+than|higher\s+than|in\s+excess\s+of|exceed(?:s|ed|ing)?|>|≥|>=)", "over"),
    (r"(?:approximately|approx\.?|about|around|nearly|roughly|almost|close\s+to|~|≈|∼)", "about"),
    (r"(?:under|below)", "under"),
    (r"(?:less\s+than|fewer\s+than|lower\s+than|<|≤|<=)", "less than"),
)
_LATEX_QUAL = re.compile(r"\$\s*(?P<op>\\(?:geq?|gtrsim|gt|leq?|lesssim|lt)|[<>])\s*\$\s*$")
_LATEX_QUAL_OF = {">": "over", "\\ge": "over", "\\geq": "over", "\\gt": "over", "\\gtrsim": "over",
                  "<": "less than", "\\le": "less than", "\\leq": "less than", "\\lt": "less than", "\\lesssim": "less than"}
_SUB = re.compile(r"(?i)(?:^|(?<=[\s(]))sub-$")
_QUAL_RE = [(re.compile(r"(?i)(?:^|(?<=[\s(\[,]))" + p + r"\s*(?:only\s+|just\s+)?$"), q) for p, q in _QUALIFIERS]
SPEED = re.compile(r"(?i)^\W{0,2}(?:[\w-]+\s+){0,2}(?:faster|speed-?ups?|speedups?|speed\s+up|quicker|acceleration|fast\s+as)\b")
_RATIO_OF = re.compile(r"(?i)^\s*(?:(?:[\w-]+\s+){0,4}?of\s+(?:that\s+of\s+)?(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:size|baseline|original|full|full-size|"
                       r"full-precision|dense|teacher|unpruned|uncompressed|unquantized|reference|FP32|floating-point|final|converged|fully[\s-]trained|fully[\s-]supervised|supervised|oracle|upper[\s-]bound)\b|the\s+size"
                       r"|of\s+[A-Z][\w.-]*'s\s)")  # "97% of BERT's GLUE score"
_SIZE_SHARE = {"parameters", "model size", "memory", "FLOPs", "MACs"}
_SHARE_OF_SIZE = re.compile(r"(?i)^\s*of\s+(?:(?:the|its|their|all)\s+)?(?:[\w'’-]+\s+){0,2}?(?:parameters|weights|model\s+size|memory|FLOPs|MACs)\b")
X_FALLBACK = (("fewer evaluations", "cost"), ("fewer queries", "cost"), ("fewer calls", "cost"), ("fewer labels", "cost"), ("fewer annotations", "cost"),
              ("fewer epochs", "training cost"), ("fewer iterations", "training cost"), ("fewer training", "training cost"), ("less time", "latency"), ("less data", "cost"), ("less additional data", "cost"), ("less training data", "cost"), ("smaller", "model size"), ("fewer", "parameters"), ("cheaper", "cost"), ("compress", "compression ratio"),
               ("less memory", "memory"), ("lighter", "model size"), ("larger", "score"), ("more", "score"))
_PCT_FALLBACK = X_FALLBACK[:X_FALLBACK.index(("lighter", "model size"))]  # after a percentage: not "lighter", "larger", "more"
# "30x more training efficient", "2.3x more parameter-efficient": the efficiency of what
_EFFICIENT = re.compile(r"(?i)^\W{0,2}(?:more\s+|higher\s+)?(?P<what>training|parameter|memory|energy|compute|computationally|data|sample|inference|search|cost)[\s-]+efficien(?:t|cy)\b")
_EFFICIENCY_OF = {"training": "training cost", "parameter": "parameters", "memory": "memory", "energy": "score", "inference": "latency",
                  "search": "search cost"}


_RETAIN = re.compile(r"(?i)\b(?:retain|maintain|preserv|keep|recover|achiev|reach|match)\w*\s+(?:(?:about|over|up\s+to|nearly|roughly|around|more\s+than|at\s+least)\s+)?$")


def qualifier_before(left: str) -> str | None:
    tail = left[-40:]
    if tail.endswith("~") or tail.endswith("≈") or tail.rstrip("$ {}").endswith(("\\sim", "\\approx")):
        return "about"  # "~45x", "$\sim$45x"
    latex = _LATEX_QUAL.search(tail)
    if latex:
        return _LATEX_QUAL_OF[latex.group("op")]  # "$>$90\%", "$\leq$1 ms"
    if _SUB.search(tail):
        return "under"  # "sub-10 ms"
    for rx, q in _QUAL_RE:
        if rx.search(tail):
            return q
    return None


def first_words(text: str, words: int = 6) -> str:
    rx = _FIRST_WORDS.get(words)
    if rx is None:
        rx = _FIRST_WORDS[words] = re.compile(r"^(?:\W*\w[\w\-]*){0,%d}" % words)
    m = rx.match(text)
    return m.group(0) if m else text


_FIRST_WORDS: dict[int, re.Pattern] = {}
_NON_WORD = "".join(c for c in map(chr, range(128)) if not re.match(r"\w", c))  # ASCII \W, stripped before a fallback word


_BOUND = re.compile(
    r"(?i)[,;:()\[\]]|\s(?:and|while|with|which|than|compared|on|for|when|using|where|whereas|but|over|across|after|"
    r"before|to|like|such|as|respectively|via|by|from|under|without|thanks|through|vs\.?|versus|achiev\w*|reach\w*|obtain\w*)(?![\w-])")
# "..., resulting in an improvement of 8.3%": a metric named before such a break belongs to the earlier clause
_CLAUSE_BREAK = re.compile(r"(?i)[,;]\s*(?:resulting|leading|yielding|giving|thereby|thus|hence|enabling|allowing|making|bringing)\b|;")


def _broken(between: str) -> bool:
    """Whether a clause break separates a metric from a number (a pronoun after it refers back: "; we reduce it to 66%")."""
    last = None
    for last in _CLAUSE_BREAK.finditer(between):
        pass
    return last is not None and not re.search(r"(?i)\b(?:it|them|this|these|that)\b", between[last.end():])


_SOLVE = re.compile(r"(?i)\b(?:solv\w*|answer\w*\s+correctly|correctly\s+(?:classif|predict|answer)\w*)\s+(?:only\s+|about\s+|over\s+)?$")
_SUCCEED = re.compile(r"(?i)\bsucceed(?:s|ed)?\s+(?:in|on)\s+(?:only\s+|about\s+|over\s+)?$")
_REDUCE_VERB = re.compile(r"(?i)\b(?:reduc|decreas|lower|cut|sav)\w*\b[^,;]*\bby\s+(?:\w+\s+){0,2}$")


def cut_clause(right: str, words: int = 7) -> str:
    m = _BOUND.search(right)
    r = right[:m.start()] if m else right
    return first_words(r, words)


# after a bare "top-1"/"top-5": the error head it shares ("21.2% top-1 and 5.6% top-5 error", "25.1% top-1 (7.8% top-5) error")
_TOP_K_ERROR = re.compile(r"(?i)(?:[^,;()]{0,30}?\btop[\s-]?[15]\s+|\s*\(\s*[\d.]+\s*\\?%?\s*top[\s-]?[15]\s*\)\s*(?:[\w-]+\s+){0,2}?|\s*\)\s*(?:[\w-]+\s+){0,2}?|\s+(?:[\w-]+\s+){1,2}?)errors?\b")


def metric_mentions_in(sentence: str, a: int, b: int, spans) -> list[tuple[int, int, str, str]]:
    """Metric mentions in sentence[a:b] (sentence offsets), skipping words that belong to a quantity."""
    out = []
    for x, y, m, w in metric_mentions(sentence[a:b]):
        x, y = x + a, y + a
        if any(x < qe and qs < y for qs, qe in spans):
            continue
        if m in ("top-1 accuracy", "top-5 accuracy") and re.fullmatch(r"(?i)top[\s-]?[15]", w) \
                and _TOP_K_ERROR.match(sentence, y):
            m = "top-1 error" if m == "top-1 accuracy" else "error rate"  # "21.2% top-1 and 5.6% top-5 error", "top-5 validation error"
        out.append((x, y, m, w))
    return out


_OF_UNITS = re.compile(r"(?i)^\s*of\s+(?:the\s+|its\s+|all\s+)?(?:[\w-]+\s+)?(?:experts|channels|filters|neurons|attention\s+heads|heads|weights)\b")
_GAP_CLOSED = re.compile(r"(?i)^\s*of\s+the\s+(?:[\w-]+\s+){0,2}?gap\b")
_OF_EPISODES = re.compile(r"(?i)^\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:scenes|episodes|trials|attempts|grasps|rollouts|missions|runs|goals|tasks)\b")
_EPISODE_VERB = re.compile(r"(?i)\b(?:clear|complet|succeed|finish|accomplish|grasp|pick|reach|achiev|solv)\w*\s+(?:only\s+|about\s+|over\s+|nearly\s+|more\s+than\s+)?$")


_MORE_WORK = re.compile(r"(?i)^\W{0,2}(?:more|higher)\s+(?:concurrent\s+|simultaneous\s+|parallel\s+)?(?:requests|queries|users|streams|sequences|"
                        r"samples|images|frames|tokens|transactions)\b")


# a cost the metric vocabulary cannot name without taking the word from method descriptions ("a data communication approach")
_COST_NOUN = re.compile(r"(?i)\b(?:reduc|cut|lower|decreas|sav|shrink|compress)\w*\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?communication\b[^,;]{0,30}$")


_CORRECTLY_AFTER = re.compile(r"(?i)^\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:questions|problems|queries|samples|examples|instances|cases|items|images)"
                              r"\s+(?:correctly|right)\b")  # "answers 83.5% of questions correctly"


_TIME_IS = re.compile(r"(?i)\btime\b(?:\s+(?:per|for|of)\s+[^,;]{1,40}?)?\s+(?:is|was|are|were|becomes|became|gets|got)\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+)?$")
_SHARE_VERB = re.compile(r"(?i)\b(?P<verb>accounts?\s+for|sends?|sent|routes?|routed|offloads?|offloaded|makes?\s+up|made\s+up|spends?|spent)\s+(?:only\s+|about\s+|just\s+|roughly\s+|nearly\s+)?$")
_OF_QUALITY = re.compile(r"(?i)\s*of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:quality|performance)\b")
_OF_QUALITY_OF = re.compile(_OF_QUALITY.pattern + r"\s+of\b")  # "95% of the quality of the 70B model": a share of a named reference
_IN_TERMS_OF = re.compile(r"(?i)\s*(?:on\s+average\s+)?in\s+terms\s+of\s+(?:the\s+)?")
_AS_FAST = re.compile(r"(?i)\s*(?:times\s+)?as\s+fast\b")
_SCORES_VERB = re.compile(r"(?i)(?<=scores)\s+(?:a|an|one|each|every|the|all)\s")


def metric_for(q: Quantity, sentence: str, seg_start: int, right: str, rstart: int, spans, has_change: bool):
    """(metric, words) for quantity q; right is its (cut) right context; seg_start where its clause segment starts."""
    unit = q.unit
    rm = metric_mentions_in(sentence, rstart, rstart + len(right), spans)
    seg = [m for m in metric_mentions_in(sentence, seg_start, q.start, spans)[::-1] if not _broken(sentence[m[1]:q.start])]
    full = [m for m in metric_mentions_in(sentence, 0, seg_start, spans)[::-1] if not _broken(sentence[m[1]:q.start])]
    if unit in NEEDS_WORDS:  # "the model scores a transaction in 0.8 ms": the verb, not a score
        seg = [m for m in seg if not (m[2] == "score" and _SCORES_VERB.match(sentence, m[1]))]
        full = [m for m in full if not (m[2] == "score" and _SCORES_VERB.match(sentence, m[1]))]
    points = "point" in q.unit_text.lower()
    eff = _EFFICIENT.match(right) if unit in ("x", "%") else None
    if eff:
        return _EFFICIENCY_OF.get(eff.group("what").lower(), "cost"), eff.group(0).strip(" ,")  # "30x more training efficient"
    if unit == "%" and re.match(r"\s*of\s", sentence[q.end:q.end + 5]):
        share = _SHARE_VERB.search(sentence, max(0, q.start - 40), q.start)
        if share:
            return "score", share.group("verb")  # "sends 64% of the traffic to the small model", "accounts for 2% of the runtime": a share
        if _OF_QUALITY.match(sentence, q.end) and _RETAIN.search(sentence, max(0, q.start - 40), q.start):
            return "score", "quality"  # "retaining 95% of the quality of the large model"
    terms = _IN_TERMS_OF.match(sentence, q.end) if unit in ("%", "") and not rm else None
    if terms:
        named = [m for m in metric_mentions_in(sentence, terms.end(), min(len(sentence), terms.end() + 50), spans) if compatible(m[2], unit)]
        return (named[0][2], named[0][3]) if named else ("score", None)  # "by 19.9% in terms of the correlated duration time"
    to = _ADDS_TO.match(sentence, q.end) if not rm and _ADDS.search(sentence, max(seg_start, q.start - 60), q.start) else None
    if to:
        after_to = [m for m in metric_mentions_in(sentence, to.end(), min(len(sentence), to.end() + 40), spans) if compatible(m[2], unit)]
        if after_to:
            return after_to[0][2], after_to[0][3]  # "adds 2.3 ms to serving latency", "adds about 40% to inference compute"
    if unit in ("%", "x") and not rm and _COST_NOUN.search(sentence, seg_start, q.start):
        return "cost", "communication"  # "reduces communication by 71%"
    if unit == "x" or (unit == "%" and SPEED.match(right)):
        sp = SPEED.match(right) or _AS_FAST.match(sentence, q.end)  # "twice as fast as X" (the clause cut stops at "as")
        if sp:
            return "speedup", sp.group(0).strip(" ,")
        near = [m for m in seg if re.fullmatch(r"(?i)\s*(?:(?:is|are|was|were|by|of|about|only|nearly|up\s+to)\s+)*", sentence[m[1]:q.start])]
        if near and re.match(r"(?i)^\W*(?:times\s+)?(?:higher|lower|larger|smaller|better|more|less|fewer|faster|slower)\b", right) \
                and (not rm or rm[0][0] > rstart + 12):
            return near[0][2], near[0][3]  # "throughput is 1.8x higher at an accuracy of 67.9%"
        if rm:
            if rm[0][2] == "compression ratio" and len(rm) > 1 and re.fullmatch(r"(?i)\s*(?:in|of)\s+(?:the\s+)?(?:[\w-]+\s+)?", sentence[rm[0][1]:rm[1][0]]):
                return rm[1][2], rm[1][3]  # "a 10x compression in model size"
            return rm[0][2], rm[0][3]
        if re.search(r"(?i)\bcompress\w*\b[^,;.]{0,40}(?:,[^,;.]{0,30})?$", sentence[seg_start:q.start]):
            return "compression ratio", None  # "compressing networks by more than 100 times"
        if re.search(r"(?i)\b(?:shrink|shrunk|shrank)\w*\b[^,;.]{0,40}$", sentence[seg_start:q.start]):
            return "model size", None  # "shrinks the embedding tables by 17x"
        if re.match(r"(?i)^\W*(?:times\s+)?(?:lower|shorter|less|smaller|reduced)\b", right) and _TIME_IS.search(sentence, max(seg_start, q.start - 80), q.start):
            return "latency", "time"  # "the time per optimization step is 170x lower"
        near = [m for m in seg if re.fullmatch(r"(?i)\s*(?:[\w'-]+\s+){0,3}", sentence[m[1]:q.start])]
        if near:
            return near[0][2], near[0][3]
        if re.match(r"(?i)^\W*(?:[\w-]+\s+)?(?:improvement|increase|gain|boost)s?\b", right):
            return "score", None  # "a 2-fold improvement in sample efficiency": a ratio of something unnamed
        if re.match(r"(?i)^\W{0,2}(?:larger|bigger)\s*(?:$|[,;.)])", sentence[q.end:]):
            return "model size", "larger"  # "a baseline that is 12x larger": the size of the model ("40x larger hidden sizes" is not)
        if _MORE_WORK.match(right):
            return "throughput", None  # "serves 3.8x more concurrent requests"
        low = right.lower()
        for word, m in X_FALLBACK:
            if word in low:
                return m, word
        for m in seg + full:
            return m[2], m[3]
        return "speedup", None

    def ok(m):
        if points:
            return m in QUALITY
        return compatible(m, unit)

    if unit == "%" and not rm and relative_position(right):
        for x, y, m, w in seg + full:
            if m in QUALITY and ok(m):
                return m, w  # "79.1% top-1 with 4-bit weights, 0.7% below the full-precision model": the score's gap
    if unit == "%" and _GAP_CLOSED.match(right):
        return "score", "gap closed"  # "closing 71% of the gap between X and the teacher"
    if unit == "%" and _OF_EPISODES.match(right) and _EPISODE_VERB.search(sentence, max(0, q.start - 40), q.start):
        return "success rate", None  # "clears 93.5% of test scenes", "completes 81% of the episodes"

    for x, y, m, w in rm:
        if ok(m):
            return m, w
    if unit == "%" and _OF_UNITS.match(right):
        return "parameters", None  # "removes 50% of the experts": the parts of the model that are cut
    if unit == "%" and not rm:
        low = right.lower().lstrip(_NON_WORD)
        if low and not low[0].isascii():
            low = re.sub(r"^\W+", "", low)  # other non-word characters, as "^\W*" skips them
        for word, m in _PCT_FALLBACK:
            if low.startswith(word):  # re.match(r"^\W*" + word, right.lower())
                return m, word
    for x, y, m, w in seg:
        if ok(m):
            return m, w
    if unit in NEEDS_WORDS:
        return None, None  # a time or a length needs words saying what it measures (checked by the caller)
    if unit in UNIT_METRICS:
        return UNIT_METRICS[unit][0], UNIT_WORDS.get(unit)
    if compatible("throughput", unit) and "/" in unit:
        return "throughput", None  # "1.1 million molecules per hour"
    left = sentence[:q.start]
    if unit in ("%", "") and (_SOLVE.search(left) or (unit == "%" and _CORRECTLY_AFTER.match(right))):
        return "accuracy", None
    if unit == "%" and _SUCCEED.search(left):
        return "success rate", None  # "the policy succeeds in 82% of the episodes"
    if points:
        return "accuracy", None
    if _REDUCE_VERB.search(sentence[seg_start:q.start]):
        return "score", None
    for x, y, m, w in full:
        if ok(m):
            return m, w
    if has_change:
        for x, y, m, w in metric_mentions_in(sentence, q.end, len(sentence), spans):
            if ok(m):
                return m, w
    return ("score", None) if unit in ("%", "") else (None, None)


_CLASSIFICATION = re.compile(r"(?i)\b(?:classif\w*|multi-class|recogni[sz]\w*)\b|\b(?:CIFAR|ImageNet|MNIST|SVHN)")


# benchmarks scored by accuracy: a bare percentage on them is an accuracy ("reaches 66.9% on MMLU")
_ACCURACY_BENCHMARKS = re.compile(r"\b(?:MMLU(?:-[\w-]+)?|GSM8K|GSM-8K|MATH(?:-500)?|ARC(?:-[ce]\w*)?|HellaSwag|PIQA|WinoGrande|BoolQ|OpenBookQA|SIQA|"
                                  r"CommonsenseQA|MNLI|QNLI|SST-?2|RTE|Kinetics(?:-\d+)?|Something-Something(?:\s+v2)?|UCF-?101|HMDB-?51|"
                                  r"Speech\s+Commands|DVS128\s+Gesture|CIFAR10-DVS|Tiny-ImageNet|Places365|Food-101)\b")
_IMAGE_CLASSIFICATION = re.compile(r"\b(?:ImageNet(?:-1[kK])?|CIFAR-?10{1,2}|MNIST|SVHN|ILSVRC\w*)\b(?!-21)")


# "an accuracy loss of 0.15%", "linear-probe accuracy", "retrieval accuracy": not the headline top-1 of the paper
_OTHER_ACCURACY = re.compile(r"(?i)\baccuracy\s+(?:loss|drop|degradation)|(?:linear[\s-]probe|probing|retrieval|zero-shot|few-shot|transfer)\s+accuracy")
_TRAINING_STEP = re.compile(r"\b(?:gradient\s+(?:step|update)|training\s+(?:step|iteration)|(?:an?|each|one|per|every|the)\s+(?:training\s+)?epoch|"
                            r"(?:communication|training|federated)\s+round)s?\b|\bper\s+round\b[^|]*\|[^|]*\bclients?\b")  # on lower-cased text


# one-off procedures whose wall-clock time is a training-side cost, not an inference latency
_PREPARATION = re.compile(r"(?i)\b(?:calibration|calibrating|profiling|pruning|fine-?tuning|retraining|distillation|compilation|compiling|built|building|build\s+time|"
                          r"index(?:ing|ed|es|\s+(?:construction|building|build))|preprocessing|post-training\s+quantization|conversion|"
                          r"(?:prun|calibrat|quantiz|compress|distill)(?:es|s)\s+(?:[\w.-]+\s+){1,3}?in)\b")  # "prunes Llama-2-70B in 38 minutes"


_SERVING = re.compile(r"(?i)\b(?:generat|infer|decod|render|serv)\w*")


def _training_subject(left: str) -> bool:
    """"Training a new class on the MCU takes 2.3 seconds": training is what the time measures, however short."""
    m = _TRAINING_SUBJECT.search(left)
    return m is not None and not _SERVING.search(left, m.end())


def _preparation(left: str) -> bool:
    """A one-off procedure is what the time measures ("calibration finishes in 14 minutes"), not "with distillation, generation takes 41 s"."""
    last = None
    for last in _PREPARATION.finditer(left):
        pass
    return last is not None and not _SERVING.search(left, last.end())


_TRAINING_SUBJECT = re.compile(r"(?i)(?:^|[,;:]\s*)(?:the\s+|full\s+|whole\s+)?(?:(?:pre-?|re-?)?training|fine-?tuning)\b")  # "Training our planner takes 6 hours"


_INDEX_SIZE = re.compile(r"(?i)\b(?:index|indexes|indices)\b(?:\s+(?:size|storage|footprint))?[^,;()]{0,60}$")

_FOR_INDEX = re.compile(r"(?i)\s*(?:for|of)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?ind(?:ex|exes|ices)\b")


def refine_metric(metric: str, left: str, right: str, q: Quantity, paper: Paper, abs_start: int, words: str | None = None,
                   sentence: str = ""):
    near = (first_words(right, 8) + " | " + left[-50:]).lower()
    if metric == "score" and q.unit == "%" and (words or "").lower() == "performance" and _CLASSIFICATION.search(sentence):
        metric = "accuracy"  # a percentage "performance" in classification is an accuracy
    elif metric == "score" and q.unit == "%" and (not words or words.lower() in ("score", "scores")) and (_IMAGE_CLASSIFICATION.search(sentence)
                                                                                                        or _ACCURACY_BENCHMARKS.search(left)
                                                                                                        or _ACCURACY_BENCHMARKS.search(right.split(",")[0])
                                                                or (not dataset_mentions(sentence) and paper.earlier and _IMAGE_CLASSIFICATION.search(paper.earlier[-1])
                                                                    and re.match(r"\s*(?:[.;]|$)", right))):
        metric = "accuracy"  # "ResNet-18 on ImageNet (+3.5%)", "scores 66.9% on MMLU": the benchmark's metric
    if metric == "FLOPs" and q.unit == "FLOPs" and q.value >= 1e17:
        metric = "training cost"  # "trained with 10^{19} FLOPs": no single inference costs that much
    if metric == "memory" and q.unit == "MB" and re.match(r"(?i)^\s*of\s+(?:on-?chip\s+)?flash\b", right):
        metric = "model size"  # "occupies 41 KB of flash memory": the stored model
    if metric == "model size" and q.unit == "MB" and not words and re.match(r"(?i)^\s*of\s+(?:[\w-]+\s+)?(?:data|memory|RAM|SRAM|DRAM|VRAM|storage\s+for\s+data|cache)\b", right):
        metric = "memory"  # "with only 6MB of data": a footprint, not the size of a model
    if metric == "model size" and ("index" in left[-75:].lower() and _INDEX_SIZE.search(left[-75:]) or _FOR_INDEX.match(right)) \
            and (words or "size").lower() in ("size", "storage"):
        metric = "memory"  # "its index is 3.2 GB", "shrinks the index storage by 93%": a retrieval index is memory, not a model
    if metric == "score" and q.unit == "%" and not words and 0 <= paper.top1_at < abs_start and not _OTHER_ACCURACY.search(near):
        metric = "accuracy"  # "AutoShrink-M reaches 77.0% at 318M FLOPs" after the abstract spoke of top-1 accuracy (made top-1 below)
    if metric == "accuracy" and 0 <= paper.top1_at < abs_start and not re.search(r"(?i)top-?5", near) and not _OTHER_ACCURACY.search(near):
        metric = "top-1 accuracy"
    if metric in ("latency", "cost", "search cost", "training cost") and q.unit in ("ms", "GPU-hours", "x", "%"):
        rh = first_words(re.split(r"[,;()]|\s(?:and|while|which|but|whereas)\s", right)[0], 8).lower()
        hits = sorted((m.start(), m.group(1)) for m in re.finditer(r"\b(infer|search|train)", rh))
        first = hits[0][1] if hits else None
        if first == "infer":
            metric = "latency" if q.unit != "x" and (words or "").lower() not in ("compute", "computation") else metric  # "inference compute": a cost
        elif first == "search" or (first is None and re.search(r"\bsearch", near) and metric != "latency"):
            metric = "search cost"
        elif first == "train" or re.search(r"\btrain\w*\s+(?:\w+\s+){0,2}$", left[-40:].lower()) or (q.unit == "GPU-hours" and "train" in near) \
                or (q.unit == "ms" and q.value >= 60000 and re.search(r"(?i)\b(?:train\w*|fine-?tun\w*|calibrat\w*)\b(?:[^,;.]|\.\d){0,70}$", left)) \
                or _TRAINING_STEP.search(near):
            metric = "training cost"
    if metric == "latency" and q.unit == "ms" and (q.value >= 10000 and _preparation(left) or _training_subject(left)):
        metric = "training cost"  # "Calibration ... finishes in 14 minutes", "Profiling a new model takes 10 minutes": not inference
    if q.unit == "x" and metric in ("latency", "search cost", "training cost", "cost", "score") and re.search(
            r"(?i)\b(?:accelerat\w*|speed(?:s|ing)?\s+up)\s+(?:the\s+|its\s+|our\s+)?(?:[\w-]+\s+){0,3}?by\s+(?:(?:up\s+to|about|over|nearly|around|more\s+than)\s+)?$", left):
        metric = "speedup"  # GUIDE/gold: "accelerate the system (search, training) by up to 2.2x" is a speedup
    if metric == "latency" and q.unit == "x" and not re.search(r"(?i)\b(?:reduc|cut|lower|decreas|shorten)\w*\b[^,;]{0,90}$", left) \
            and not re.match(r"(?i)^\W*(?:lower|less|shorter|reduced|smaller|reduction|decrease|cut|(?:that|those)\s+of)\b", right):
        metric = "speedup"  # "10x faster inference"; "reduces the runtime by 10x" stays a latency ratio
    return metric


# "removes 58% of the parameters and 46.3% of the FLOPs": the verb cuts the second share too
REMOVED_AND = re.compile(r"(?i)\b(?:remov|prun|reduc|cut|eliminat|sav|skip)\w*\s+(?:(?:up\s+to|about|over|nearly|only|around)\s+)?[\d.]+\s*\\?%\s+"
                          r"(?:of\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:and|,)\s+(?:(?:up\s+to|about|over|nearly|only|around)\s+)?$")
# "0.9% below the FP32 model", "1.2 points above that of X", "0.8 BLEU behind the teacher": a change set against a named reference
_BELOW_ABOVE = re.compile(r"(?i)^\W{0,3}(?:points?\s+)?(?:[\w@-]+\s+){0,2}?(?:(?P<below>below|behind|short\s+of|under)|above|ahead\s+of)\s+"
                          r"(?:that\s+of\s+|those\s+of\s+)?(?:the|a|an|that|those|its|their|our|[A-Z])")


def relative_position(right: str) -> str | None:
    """"below" or "above" when the words after a number set it against a reference, else None."""
    m = _BELOW_ABOVE.match(right)
    return None if m is None else "below" if m.group("below") else "above"
# metrics reported on a 0-100 scale: a bare "24.7 AP" or "by 3.6 points" is a percentage (GUIDE: % unit; the project gold's
# "accuracy of 99.38" and "24 accuracy points"); BLEU, ROUGE, FID, PESQ... stay unitless
_PCT_ALWAYS = {"mAP", "AP", "mIoU"}
_PCT_ABOVE_ONE = {"accuracy", "top-1 accuracy", "top-5 accuracy", "error rate", "top-1 error", "success rate"}
_PCT_POINTS = _PCT_ALWAYS | _PCT_ABOVE_ONE | {"F1", "WER", "Dice", "score"}
_PCT_SCORE_WORDS = re.compile(r"(?i)^(?:m?APH?\b|exact[\s-]match|EM\b|pass@|recall|precision|accuracy|win\s+rate|coverage|PQ\b|panoptic|A?MOTA\b|HOTA\b|"
                              r"IDF1\b|mCE\b)")
_PCT_SCORE_ABS = re.compile(r"(?i)^(?:m?APH?\b|exact[\s-]match|EM\b|pass@)")  # scores always on a 0-100 scale (not recall, precision)
_POINTS = re.compile(r"(?i)^\s*(?:percentage\s+)?points?\b")


def percent_scale(metric: str, words: str | None, value: float, after: str, kind: str = "absolute") -> bool:
    """Whether a bare number of ``metric`` is a percentage: "24.7 AP", "an accuracy of 93.5", "improves F-score by 3.6 points"."""
    generic = not words or words.lower() in ("score", "scores", "performance")
    if metric == "score" and not (words and _PCT_SCORE_WORDS.match(words)) and not (_POINTS.match(after) and generic):
        return False  # FID, NDS, normalized return...: their own scale
    if metric in _PCT_ALWAYS or (metric == "score" and words and _PCT_SCORE_ABS.match(words)):
        return value >= 1 or value < 0 or kind != "absolute" or bool(_POINTS.match(after))  # "0.9 higher": points of it
    if metric in _PCT_ABOVE_ONE and (abs(value) > 1 or after.startswith(("-point", "-percentage-point"))):
        return True  # "a 0.6-point drop in accuracy": points of a percentage
    return metric in _PCT_POINTS and bool(_POINTS.match(after))


# higher-is-better metrics not measured in percent: a percentage change of them is relative (GUIDE: "N% faster" is a ratio)
_OWN_SCALE_ERRORS = {"RMSE", "MAE", "perplexity"}  # lower-is-better scores on their own scale: a % rise of them is relative
_RELATIVE_ONLY = {"throughput", "BLEU", "ROUGE", "PSNR", "SSIM", "MOS"}
_REDUCE_BY = re.compile(r"(?i)\b(?:reduc|lower|cut|decreas|shrink|bring\w*\s+down)\w*\b[^,;]{0,80}\bby\s+(?:(?:up\s+to|about|nearly|roughly|over|only|almost)\s+)?$")
_GAP = re.compile(r"(?i)\bgaps?\b(?:\s+(?:to|from|with|relative\s+to)\s+[^,;]{1,40}?\s+(?:shrinks|narrows|falls|drops|is|was|stays|remains)\s+to|"
                  r"\s+(?:of|is|was)|\s+(?:to|from|with)\s+[^,;]{1,40}?\s+(?:is|was|of))\s+(?:only\s+|just\s+|about\s+)?$")
_GAP_AFTER = re.compile(r"(?i)^\W{0,2}(?:[\w@-]+\s+){0,2}?gap\b")


_EXTRA_IS = re.compile(r"(?i)\b(?:extra|additional)\s+(?:[\w-]+\s+){0,5}?(?:is|was|are|were|stays|remains|amounts\s+to)\s+"
                       r"(?:(?:only|under|below|about|just|roughly|less\s+than|at\s+most)\s+)*$")
_ADDS = re.compile(r"(?i)\b(?:adds?|added|adding|incurs?|incurred|incurring|introduces?|introduced|introducing)\s+"
                   r"(?:(?:only|about|roughly|approximately|around|less\s+than|under|up\s+to|just|a\s+mere|an?\s+(?:extra|additional))\s+)*$")
_ADDS_TO = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,2}?to\s+(?:the\s+|its\s+|their\s+)?")
_OVERHEAD = re.compile(r"(?i)^\W*(?:[\w-]+\s+){0,3}?(?:overheads?|extra\s+cost)\b")
# "Over 90% of the FLOPs are removed": what the method cuts, said in the passive
REMOVED_PASSIVE = re.compile(r"(?i)^\s*of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w'-]+\s+){0,2}?[\w-]+\s+(?:are|is|were|was|can\s+be|could\s+be|get|gets)\s+"
                             r"(?:safely\s+|successfully\s+)?(?:removed|pruned|eliminated|saved|skipped|cut|dropped|discarded)\b")
_REMOVED = fast(re.compile(r"(?i)\b(?:remov|prun|reduc|cut|eliminat|sav|drop|skip|avoid|bypass|discard|evict|merg)\w*\s+(?:(?:up\s+to|about|over|nearly|only|around)\s+)?$"))


_ABSOLUTE_BEFORE = re.compile(r"(?i)\babsolute\s+(?:[\w-]+\s+){0,3}?(?:drops?|falls?|fell|decreases?|improves?|is\s+reduced|is\s+lowered|reduction|decrease|improvement)\s+(?:of\s+|by\s+)?(?:(?:up\s+to|about|nearly|over)\s+)?$")
_ABSOLUTE_AFTER = re.compile(r"(?i)^\W{0,2}(?:absolute|abs\.)(?!\s+(?:value|error|deviation))\b")


def kind_of(item: Item, metric: str, left: str, right: str, q: Quantity):
    hib = metric_higher_is_better(metric)
    if metric == "speedup" and q.unit == "%" or q.unit == "%" and _EFFICIENT.match(right):
        return "ratio", "better"  # "N% faster", "N% more memory efficient" (GUIDE: like "N% faster")
    if q.unit == "x":
        worse = bool(re.match(r"(?i)^\W{0,2}(?:\w+\s){0,1}(?:slower|worse)", right)) \
            or (hib is False and bool(re.match(r"(?i)^\s*(?:that|those)\s+of\b", right)))  # "needs 3.1 ms, twice that of X"
        return "ratio", "worse" if worse else "better"
    points = bool(re.search(r"(?i)points?", q.unit_text)) or bool(re.match(r"(?i)^[\s-]*(?:\w+\s){0,2}points?\b", right))
    if q.unit == "%" and (_REMOVED.search(left) or REMOVED_AND.search(left) or REMOVED_PASSIVE.match(right)):
        return "reduction", "better"  # "removes up to 25% of the model parameters", "... and 46% of the FLOPs", "N% of the FLOPs are removed"
    if q.unit == "%" and hib is False and re.search(r"(?i)\b(?:reductions?|decreases?|cuts?|savings?)\s+(?:of|by)\s+(?:(?:up\s+to|about|over|nearly|only|around|approximately)\s+)?$", left):
        return "reduction", "better"  # "an overall reduction of 99.37% of FLOPs": the cut, not what is kept
    if q.unit == "%" and metric in _SIZE_SHARE and _SHARE_OF_SIZE.match(right):
        return "ratio", "better"  # "stores only 0.12% of the parameters": what is kept (GUIDE: "N% of the size")
    if q.unit == "%" and points and re.search(r"(?i)\bwithin\s+(?:about\s+|roughly\s+|only\s+)?$", left):
        return "delta", "worse"  # "to within 1.2 points of the full model": a gap in points (only "within N%" is a ratio)
    if q.unit == "%" and re.search(r"(?i)\bwithin\s+(?:about\s+|roughly\s+)?$", left) and re.match(r"(?i)^\s*of\b", right):
        return "ratio", "worse"  # "an RMSE within 4% of the baseline": at most that far from the reference, whatever the metric's direction
    if q.unit == "%" and _RATIO_OF.match(right) or (q.unit == "%" and re.search(r"(?i)\b(?:to|within)\s+$", left) and re.match(r"(?i)^\s*of\b", right)) \
            or (q.unit == "%" and _RETAIN.search(left) and (re.match(r"(?i)^\s*of\s+(?:its|their)\b", right) or _OF_QUALITY_OF.match(right))):  # "retaining 97% of its GLUE score"
        return "ratio", "worse" if hib is not False else "better"  # a share of a reference's score is a loss
    if q.unit == "%" and hib is False and metric not in QUALITY and re.search(
            r"(?i)\b(?:reduc|cut|lower|decreas|shrink|compress|bring|brought|drop)\w*\b[^,;]{0,60}(?<!\bup\s)\bto\s+(?:(?:only|about|just|around|nearly)\s+)?$", left):
        return "ratio", "better"  # "reduce the inference compute to 64%": what is left, not the cut
    reduce = is_reduction_phrase(right, left)
    inc = is_increase_phrase(right, left) or q.sign == "+"
    worse = is_worse_phrase(right, left)
    if q.sign in ("-", "−") and q.unit in ("%", "") and not reduce and hib is not False and metric in QUALITY:
        return "delta", "worse"  # "exact match changes by -0.6": a written minus is a loss, whatever verb says "change"
    if q.unit not in ("", "x") and ("ddition" in left[-80:] or "xtra" in left[-80:]) and _EXTRA_IS.search(left[-80:]):
        return "delta", "better" if hib else "worse"  # "the extra memory for prototypes is under 1 MB": what the method adds
    if (q.unit in ("%", "ms") and _ADDS.search(left)) or _OVERHEAD.match(right):
        return "delta", "better" if hib else "worse"  # "adds about 8% wall-clock overhead", "adds 0.3 ms per frame": a cost (the adapter that "adds 3M parameters" has that size)
    if q.unit in ("%", "") and hib is not False and metric in QUALITY and _GAP.search(left) and not re.search(r"(?i)\bclos\w*\s+(?:[\w-]+\s+){0,3}$", left):
        return "delta", "worse"  # "a gap of 0.7% to the dense model", "the accuracy gap to FP16 shrinks to 1.8 points"
    rel = relative_position(right)
    if rel and q.unit in ("%", ""):  # "0.9% below the FP32 model", "1.2 above the baseline"
        below = rel == "below"
        if hib is False:
            return ("reduction", "better") if below and q.unit == "%" else ("delta", "better" if below else "worse")
        return "delta", "worse" if below else "better"
    if q.unit in ("%", "") and metric in QUALITY and _GAP_AFTER.match(right) and not re.search(r"(?i)\b(?:clos|narrow|bridg|shrink)\w*\s+(?:[\w-]+\s+){0,3}$", left):
        return "delta", "worse"  # "a 1.2 mAP gap", "a 0.4% accuracy gap to its teacher"
    if q.unit == "%" and metric in _RELATIVE_ONLY and (inc or reduce or worse):
        return "ratio", "worse" if (worse or reduce) and not inc else "better"  # "improves throughput by 35%": not in throughput's unit
    if hib and q.unit in ("%", "", "dB") and (re.search(r"(?i)\bgap\s+of\s+(?:only\s+|just\s+|about\s+)?$", left) and re.match(r"(?i)^\W*(?:(?:[\w-]+\s+)?(?:to|from|with)\s|$)", right)
                                            or rel == "below"):
        return "delta", "worse"  # "a gap of only 0.7% to the full-precision network", "0.8 BLEU below the teacher"
    if hib and q.unit in ("%", "", "dB") and rel == "above":
        return "delta", "better"  # "0.12 dB above the previous best model"
    if hib and q.unit in ("%", "", "dB") and worse and TRAILS_BY.search(left[-80:]):
        return "delta", "worse"  # "trailing the teacher by 0.6 BLEU"
    if q.unit in ("", "dB") and re.search(r"(?i)\bwithin\s+$", left) and re.match(r"(?i)^\W*(?:[\w-]+\s+){0,2}?of\s", right):
        return "delta", "worse"  # "within 0.3 perplexity of the FP16 model": a gap in the metric's unit ("within N%" is a ratio)
    if q.unit == "%":
        if hib:
            if worse or (reduce and not inc):
                return "delta", "worse"
            if inc or points:
                return "delta", "better"
            return "absolute", None
        if hib is False:
            if metric in QUALITY and (_ABSOLUTE_BEFORE.search(left) or _ABSOLUTE_AFTER.match(right)):
                return "delta", "worse" if inc and not reduce else "better"  # "the absolute WER drops by 2.1%", "a 1.3% absolute error reduction"
            if points:  # "improving on Conformer by 0.6 points": a difference in the metric's own unit, not a relative cut
                up = re.match(r"(?i)^\W*(?:points?\s+)?(?:higher|worse|more|above)\b", right) \
                    or re.search(r"(?i)\b(?:increas|rais|grow|grew|ris|rose)\w*\b[^,;]{0,40}\bby\s+(?:\w+\s+){0,2}$", left)
                return "delta", "worse" if up else "better"
            if re.match(r"(?i)^\W{0,3}(?:[\w-]+\s){0,1}worse\b", right):
                return "delta", "worse"  # "a WER 0.3% worse than the offline model"
            if re.match(r"(?i)^\W{0,3}(?:[\w-]+\s){0,1}(?:improvement|gain|better)s?\b", right) \
                    or re.match(r"(?i)^\W{0,3}(?:[\w-]+\s){2,3}(?:improvement|gain)s?\b", right):
                return "reduction", "better"  # "a 23% improvement in perplexity", "5-8% relative error improvements"
            if reduce or re.search(r"(?i)\bimprov\w*\b[^;]{0,60}\bby\s+(?:\w+\s+){0,2}$", left):
                return "reduction", "better"
            if re.match(r"(?i)^\W{0,3}(?:[\w-]+\s){0,3}(?:reduction|decrease)s?\b", right) or re.search(
                    r"(?i)\b(?:improvement|gain)s?\s+of\s+(?:(?:about|up\s+to|over|nearly|roughly|around|approximately)\s+)?$", left):
                return "reduction", "better"  # "30% relative error reduction"; "an improvement of 20% in error rate"
            if inc:
                return ("ratio" if metric in _OWN_SCALE_ERRORS else "delta"), "worse"  # "a 6% higher RMSE": relative, RMSE is not in %
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
        if re.search(r"(?i)\b(?:los[est]\w*|lost|degrad\w*|sacrific\w*|costs?|costing)\s+(?:(?:only|about|just|up\s+to|less\s+than|at\s+most|no\s+more\s+than|under|below|by|of)\s+)*$", left) \
                or re.match(r"(?i)^\W*(?:[\w-]+\s){0,2}(?:degradation|loss|penalty)", right):
            return "delta", "worse"  # "loses less than 0.5 perplexity", "a 0.3 BLEU degradation": worse whatever the direction
        if re.match(r"(?i)^\W*(?:\w+\s){0,2}(?:drop|degrad|loss|decrease|lower|less|fewer|reduction)", right) or re.search(
                r"(?i)\b(?:drops?|dropp\w*)\s+(?:(?:only|about|just|up\s+to|less\s+than|by|of)\s+)*$", left):
            return "delta", "better" if hib is False else "worse"
        if _REDUCE_BY.search(left):
            return "delta", "worse" if hib else "better"  # "reduces the FID of the baseline by 0.8", "lowers the WER by 0.7"
        if re.search(r"(?i)\bwithin\s+(?:about\s+|roughly\s+)?$", left):
            return "delta", "worse"  # "matching the floating-point model within 0.01": at most that far below it
        if q.sign == "+" and hib is False:
            return "delta", "worse"  # "a perplexity increase (+0.05)"
        if re.match(r"(?i)^\W*(?:[\w@-]+\s+){0,2}?worse\b", right):
            return "delta", "worse"  # "0.8 BLEU worse than the teacher"
        if hib is False and re.match(r"(?i)^\s*(?:\w+\s){0,2}(?:higher|more|worse)\b", right):
            return "delta", "worse"  # "a perplexity only 0.12 higher than the FP16 baseline"
        if inc and (re.search(r"(?i)\b(?:gain|gains|gained|improvements?|increases?|margin|gap|by)\s+(?:of\s+)?(?:\w+\s+){0,2}$", left)
                    or re.search(r"(?i)\b(?:gains?|improvements?|increases?)\s+in\s+(?:[\w-]+\s+){1,3}?of\s+$", left)
                    or re.search(r"(?i)\b(?:gain|improvement|margin)s?\b[^,;:]{0,60}?\b(?:grows|grew|rises|rose|increases|widens)\s+to\s+(?:about\s+)?$", left)
                    or re.match(r"(?i)^\s*(?:\w+\s){0,2}(?:higher|better|improvement|gain)", right)) or q.sign == "+" or points:
            return "delta", "better"
        if q.sign in ("-", "−"):
            return "delta", "better" if hib is False else "worse"  # "-0.4 PPL"
        return "absolute", None
    # units such as ms, MB, W: a difference when the text says "reduced by" / "lower" / "less"
    if reduce and re.search(r"(?i)\bby\s+(?:\w+\s+){0,2}$", left) or re.match(r"(?i)^\W*(?:less|lower|fewer|smaller|faster|reduction)", right):
        return "delta", "better"
    if inc and not reduce and re.search(r"(?i)\bby\s+(?:\w+\s+){0,2}$", left):
        return "delta", "worse" if hib is False else "better"  # "improves SI-SDR by 4.1 dB", "increases latency by 3 ms"
    if re.match(r"(?i)^\W*(?:more|higher|larger|slower|above\s+(?:the\s+)?(?-i:[A-Z]|the))", right):
        return "delta", "worse" if hib is False else "better"
    if re.search(r"(?i)\b(?:gain|improvement|increase|boost)s?\s+(?:of\s+)?(?:about\s+|up\s+to\s+|over\s+|nearly\s+)?$", left):
        return "delta", "better" if hib is not False else "worse"
    if re.match(r"(?i)^\W*(?:[\w-]+\s+){0,2}(?:gain|improvement|boost)s?\b", right):
        return "delta", "better"  # "a 3.2 dB PSNR gain", "a 5 ms latency improvement"
    return "absolute", None


_UNITFUL = {m for ms in UNIT_METRICS.values() for m in ms} - QUALITY  # metrics that need a unit (size, time, FLOPs...)


_FRACTION_SOLVED = re.compile(r"/(\d{1,4})(?![\d.,]\d)")
_FRACTION_OF = re.compile(r"/\d+\s+(?:[\w-]+\s+)?(?:tasks|problems|questions|puzzles|games|levels|tests|test\s+cases|episodes|instances|goals|environments)\b")
_SOLVE_WORDS = re.compile(r"(?i)\b(?:solv|pass|complet|succeed|won|win|answer\w*\s+correctly|correctly\s+\w+)\w*\s+(?:only\s+|about\s+|all\s+)?$")
# "reduces the WER on LibriSpeech test-clean to 2.1": a change verb, the metric, a few words, then "to N"
_CHANGE_BEFORE_METRIC = re.compile(r"(?i)\b(?:reduc|lower|improv|increas|rais|boost|push|bring|brought|cut|decreas|drop|impro)\w*\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$")


_WITHIN_OF = re.compile(r"(?i)\s*(?:points?\s+)?of\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w.+-]+'?s?\s+){0,3}")
_OF_X_BY = re.compile(r"(?i)\s+(?:of|for|on|in|over)\s+[^,;()\d]{1,50}?\s+by\s+(?:up\s+to\s+|about\s+|nearly\s+|roughly\s+)?")
# "on MMLU (70.2 vs. 67.5)": bare numbers in parentheses right after a benchmark are its scores
_DATASET_PAREN = re.compile(r"(?P<ds>[A-Za-z][\w.+-]*(?:\s[\w.+-]+)?)\s*\(\s*(?:[\d.,]+\s*\\?%?\s*(?:vs\.?|versus|v\.s\.|/|and|,)\s*)?$")


_ACCEPTS = re.compile(r"(?i)\b(?:accept|generat|emit|produc|advanc|decod)\w*\s+(?:an\s+average\s+of\s+|on\s+average\s+|about\s+|up\s+to\s+)?$")


_BY_POINTS_VERB = re.compile(r"(?i)\b(?:improv|increas|rais|boost|gain|outperform|surpass|exceed|beat|drop|decreas|reduc|lower|fall|fell|declin)\w*\b"
                             r"[^,;]{0,60}\bby\s+(?:(?:up\s+to|about|nearly|roughly|over|only|almost)\s+)?$")


# between a metric and its bare number: a slash list of variants, a short "in/on/for ..." phrase, then a verb saying the value
_METRIC_SAYS = re.compile(r"(?i)(?:@\s*\d+)?(?:\s*/\s*[\w.-]{1,3})*\s+(?:(?:in|on|for|across|over)\s+(?:[\w.+-]+\s+){1,6}?)?"
                          r"(?:of|is|was|are|were|reaches|reached|stands\s+at|(?:improv|increas|ris|rose|grow|grew|drop|decreas|fall|fell|declin|reduc|jump|climb)\w*"
                          r"(?:\s+by)?)\s+(?:only\s+|about\s+|nearly\s+|roughly\s+|up\s+to\s+)?")


def bare_cue(sentence: str, q: Quantity, right: str, spans) -> tuple[str, str] | None:
    """A metric named right after ("127.9 CIDEr-D", "5.0 BLEU") or right before ("F1 score of", "AUROC =") a bare number."""
    cue = _named_cue(sentence, q, right, spans)
    if cue is None and _POINTS.match(sentence[q.end:]) and _BY_POINTS_VERB.search(sentence, max(0, q.start - 80), q.start) \
            and not any(compatible(m[2], "") for m in metric_mentions_in(sentence, max(0, q.start - 80), q.start, spans)):
        return "score", None  # "improves AMOTA by 2.4 points": points of a metric the vocabulary does not name
    if cue is None and q.sign == "+" and sentence[q.start - 1:q.start] == "(" and _POINTS.match(sentence[q.end:q.end + 12]):
        return "score", None  # "the gains hold (+2.8 points)": a signed change in points
    return cue


_BENCH_NAME_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z]{2,})\s+$")  # "HELM", "LongBench", "MT-Bench"
_BENCH_AVERAGE = re.compile(r"(?i)\b(?:average|overall|mean|aggregate)(?:\s+score)?\s+(?:is|was|of|reaches|reached|stands\s+at)\s+(?:only\s+|about\s+|just\s+)?$")

_ONE_MODIFIER = re.compile(r"\s(?:step|task|token|word|character|entity|episode|macro|micro|box|mask|frame|clip|video|image|sentence|span|document)-?(?:level\s)?\s?")


def _named_cue(sentence: str, q: Quantity, right: str, spans) -> tuple[str, str] | None:
    if _FRACTION_SOLVED.match(sentence, q.end) and (_SOLVE_WORDS.search(sentence, max(0, q.start - 40), q.start)
                                                    or _FRACTION_OF.match(sentence, q.end)):
        a, b = int(q.value) if q.value == int(q.value) else -1, int(_FRACTION_SOLVED.match(sentence, q.end).group(1))
        if 0 <= a <= b:
            return "score", None  # "solving 20/20 tasks", "passes 18/20 unit tests"
    if TOKENS_PER_STEP.match(sentence[q.end:]) and _ACCEPTS.search(sentence, max(0, q.start - 40), q.start):
        return "score", "tokens per step"
    rh = right[:40] if right.strip() != "/" else sentence[q.end:q.end + 60]  # a slash list names its metrics after the last number
    for x, y, m, w in metric_mentions_in(sentence, q.end, q.end + len(rh), spans):
        if m in _UNITFUL:
            break  # "a crop size of 512": not a score
        if re.fullmatch(r"(?i)\s*(?:/\s*[\d.]+\s*)*(?:\(\s*|average\s+|avg\.?\s+|absolute\s+|in\s+terms\s+of\s+|in\s+|higher\s+|more\s+|better\s+|"
                        r"-?points?\s+|(?:drop|gain|improvement|increase|decrease|loss|reduction)\s+|(?:in|of|on)\s+(?:the\s+)?|"
                        r"(?<=points\s)[A-Z][\w.+-]*\s+|(?<=point\s)[A-Z][\w.+-]*\s+|(?<=\bin\s)[A-Z][\w.+-]*\s+)*", sentence[q.end:x]):
            return m, w  # "5.0 BLEU", "1.9 points in average score", "3.1 point ImageNet accuracy gain"
        if _ONE_MODIFIER.fullmatch(sentence, q.end, x) and "." in sentence[q.start:q.end]:
            return m, w  # "41.2 step success rate", "63.5 macro F1": one word naming the variant (a decimal, not a count)
        if _WITHIN_OF.fullmatch(sentence, q.end, x) and re.search(r"(?i)\bwithin\s+(?:about\s+|roughly\s+)?$", sentence[:q.start]):
            return m, w  # "stays within 0.4 of the FP16 perplexity"
        break
    paren = _DATASET_PAREN.search(sentence, max(0, q.start - 60), q.start) if "(" in sentence else None
    if paren and dataset_mentions(paren.group("ds")):
        named = [mm for mm in metric_mentions_in(sentence, 0, q.start, spans) if compatible(mm[2], "")]
        return (named[-1][2], named[-1][3]) if named else ("score", None)  # "outperforms X on MMLU (70.2 vs. 67.5)"
    after = sentence[q.end:]
    on = re.match(r"(?i)^\s+on\s+(?:the\s+)?", after)
    if on and re.search(r"(?i)\b(?:achiev|obtain|reach|attain|scor|get|yield)\w*\s+(?:an?\s+)?(?:(?:new\s+)?(?:state-of-the-art|SOTA|average|overall|mean)\s+)?$",
                        sentence[:q.start]):
        ds = dataset_mentions(after[on.end():on.end() + 40])
        if ds and ds[0][0] == 0:
            named = [mm for mm in metric_mentions_in(sentence, 0, len(sentence), spans) if compatible(mm[2], "")]
            return (named[0][2], named[0][3]) if named else ("score", None)  # "obtains 83.4 on GLUE": the benchmark's score
    avg = _BENCH_AVERAGE.search(sentence, max(0, q.start - 40), q.start)
    if avg:
        ds = dataset_mentions(sentence[max(0, avg.start() - 40):avg.start()])
        named = (ds and ds[-1][1] >= min(40, avg.start()) - 1) or _BENCH_NAME_BEFORE.search(sentence, max(0, avg.start() - 40), avg.start())
        if named and not metric_mentions_in(sentence, max(0, avg.start() - 40), q.start, spans):
            return "score", sentence[avg.start():avg.end()].split()[0].lower()  # "the LongBench average is 47.9"
    a = max(0, q.start - 60)
    for x, y, m, w in reversed(metric_mentions_in(sentence, a, q.start, spans)):
        if m in _UNITFUL:
            return None
        between = sentence[y:q.start]
        if re.fullmatch(r"(?i)\s*\)?\s*(?:\([^)]*\)\s*)?(?:(?:of|=|:|is|was|were|are|reaches|reached|to|as|at|score|scores|value|values|rate|"
                        r"of|R\^?2\s*=|,|a|an|the|best|average|mean|final|overall|only|up\s+to|about|around|nearly|over|approximately|by|@\s*\d+|"
                        r"sits|stays|remains|lies|stands|stay|remain|above|below|between|within|\(|"
                        r""
                        r"improvement|gain|increase|drop|decrease|reduction|boost|loss|degradation|penalty|(?:improv|increas|decreas|ris|rose|drop|reduc|gain|boost|chang|fall|fell|grow|grew|declin)\w*)(?!\w)\s*)*(?:~|≈)?\s*$", between):
            if m == "score" and w.lower() == "performance" and not re.search(r"(?i)\bof\s*$", between):
                return None
            return m, w
        if _METRIC_SAYS.fullmatch(between):
            return m, w  # "its mean opinion score in a listening test is 3.91", "recall@1 on COCO improves by 3.4 points"
        if re.search(r"(?i)\bfrom\s+(?:about\s+|~)?$", between) and not re.search(r"[,;:]", between):
            return m, w  # "recall increases from 0.92 to 0.95"
        if _OF_X_BY.fullmatch(between) and _CHANGE_BEFORE_METRIC.search(sentence, max(0, x - 40), x):
            return m, w  # "improving the one-step FID of standard consistency distillation by 1.2"
        if re.search(r"(?i)\bto\s+(?:only\s+|just\s+|about\s+|around\s+)?$", between) and not re.search(r"[,;:]|\bfrom\b", between) \
                and _CHANGE_BEFORE_METRIC.search(sentence, max(0, x - 40), x):
            return m, w  # "reduces the WER on LibriSpeech test-clean to 2.1"
        return None
    return None


def respectively_metrics(sentence: str, items: list[Item], spans) -> dict[int, tuple[str, str]]:
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
        ms = metric_mentions_in(sentence, 0, members[0].q.start, spans)
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



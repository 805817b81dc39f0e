"""The extraction pipeline: sentences -> quantities -> results with metric, kind and slots."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from . import fallback
from .fastre import fast
from .metrics import CONFIG_UNITS, NEEDS_WORDS, QUALITY, UNIT_METRICS, compatible, is_increase_phrase, is_reduction_phrase, metric_mentions
from .numbers import has_number, find_quantities, with_unit
from .units import MAGNITUDES
from .sentences import split_sentences
from .slots import described_method, hardware_mentions, paper_method
from .types import Result
from .vocab import pinned_vocabularies
from .grouping import Item, group_items
from .kinds import (REMOVED_AND, REMOVED_PASSIVE, bare_cue, cut_clause, first_words, kind_of, metric_for, percent_scale, qualifier_before,
    refine_metric, respectively_metrics)
from .filters import (MODE_AFTER, SPAN_AFTER, BACKGROUND, BACKGROUND_SUBJECT, BARE_NOUN, POINT_CHANGE, CONFIG_AFTER, CONFIG_BEFORE, CONFIG_PARENS, CONSTRAINT_BEFORE, EFFICIENCY_AFTER,
    LONG_TIME_CUE, OURS_WORDS, PARAMS_CONFIG, RATIO_CUE, SCALE_SETTING_AFTER, SPREAD_BEFORE, TIME_VERB, TOKENS_PER_STEP, UNITISH, in_config_parens,
    infer_magnitude_unit, modified_score, not_a_result)
from .linking import Paper, generic, compared_device, link_slots


_SHARED_CUT = re.compile(r"(?i)\s*(?:of\s+(?:the\s+|its\s+)?)?(?:[\w-]+\s+){0,2}?(?:,\s*|and\s+|,\s*and\s+)(?:(?:up\s+to|about|over|nearly)\s+)?")
_ON_DEVICE = re.compile(r"(?i)^\s*on\s+(?:an?\s+|the\s+)?")
_PLUS_MINUS = re.compile(r"\s*\(?\s*\$?\s*(?:±|\+/-|\+-|\\pm)\s*\$?\s*")
_TOP1 = fast(re.compile(r"(?i)\btop-?\s?1\b"))
_AT_A = fast(re.compile(r"(?i)\bat\s+(?:a|an)\s+$"))
_PROPOSED = fast(re.compile(r"(?i)\bproposed\b"))
_EARLIER_EG = fast(re.compile(r"(?i)\b(?:conventional|existing|prior|previous|traditional)\b[^.;]{0,60}\(\s*e\.g\.?,?\s*$"))


_SHARED_CHANGE_GAP = re.compile(r"(?i)\s*[\w@-]+(?:\s+[\w@-]+)?\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
_SHARED_CHANGE_AFTER = re.compile(r"(?i)^\s*[\w@-]+(?:\s+[\w@-]+)?\s+(?:improvement|gain|increase|boost|reduction|drop)s?\b")

# "<N%> mIoU improvement on ADE20K and <M%> on Cityscapes": the second number repeats the first one's change
_ELLIPTIC_DELTA = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,4}?(?:improvement|gain|increase|boost|reduction|drop|decrease)s?\s+(?:on|for|in|over)\s+"
                             r"[^,;]{1,40}?(?:,\s*|\s+)(?:and\s+|while\s+)?(?:(?:on|for|in)\s+[^,;]{1,30}?\s+)?")

# a bare number set against the sentence's previous bare result shares its metric: "a rank correlation of 0.94, against 0.71 for
# X", "0.861 versus 0.874", "and on thyroid nodules 0.832", "improving over X by 0.0031"
_BARE_COMPARED = re.compile(r"(?i)(?:\b(?:against|versus|vs\.?|compared\s+(?:with|to)|relative\s+to|while|whereas|within)|(?:,\s*|\b)and\s+(?:on|for|in|with)\s+"
                            r"[^,;()]{1,40}?|\bfrom\s+[-\d.]+\b[^,;()]{0,40}?\s+to|\b(?:whereas|while)\s+[^,;()]{1,60}?\s+(?:degrad|drop|fall|fell|reach|get|got|obtain|achiev|scor|attain|stay|remain|yield|land)\w*(?:\s+(?:to|at))?)"
                            r"\s+(?:only\s+|about\s+|roughly\s+|nearly\s+)?$")
# "against 71.6 for X and 58.3 for Y", "matching X (0.783)": further values of the same score, for other systems
_AND_FOR = re.compile(r"(?i)(?:,\s*|\s)and\s+$")
_FOR_OTHER = re.compile(r"(?i)\s+for\s+(?:the\s+|an?\s+)?[\w-]")
_PAREN_VALUE = re.compile(r"\(\s*$")
_PCT_SCORE_NAMED = re.compile(r"(?i)\b(?:exact[\s-]match|pass@\d+)\b")
# suites whose average is a mean of accuracies: "an average score of 86.9 on GLUE", "the LongBench average is 47.9"
_PCT_SUITE = re.compile(r"\b(?:GLUE|SuperGLUE|LongBench|BIG-Bench(?:\s+Hard)?|BBH|zero-shot\s+(?:tasks|benchmarks|average))\b")
_NAMED_PART = re.compile(r"\b(?:Area|Fold|Split|Track|Task|Phase|Stage|Level|Session|Scenario|Setting|Round|Part|Season|Sequence|Subset|Protocol)\s$")
# "a MOS of 4.21, close to the 4.27 of X": another system's value of the same score
_OF_SYSTEM = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w.+-]*")
# "a 0.6-point drop (78.9 vs. 79.5)": the two levels compared, not a further change
_PAREN_VS = re.compile(r"\s*(?:\\?%\s*)?(?:vs\.?|versus)\s*[-+]?\d")
_PAREN_VS_BEFORE = re.compile(r"\(\s*[-+]?[\d.]+\s*(?:\\?%\s*)?(?:vs\.?|versus)\s*$")
# "runs at 142 fps, 1.38 times the dense model": a ratio set right after the quantity it compares
_TIMES_THE = re.compile(r"\d\s*[^\s\d,;]{0,12},\s*$")
# "<something> time drops from A to B": the words name a time without naming which
_TIME_CHANGES = re.compile(r"(?i)\b(?:time|duration)\b[^,;]{0,60}?\b(?:drops?|dropped|decreas\w*|falls?|fell|goes|went|shrinks?|shrank|reduc\w*|cut|"
                           r"improv\w*|grows?|grew|increas\w*|rises|rose)\s+from\s+(?:about\s+|around\s+)?$")
_INSTEAD_OF = re.compile(r"(?i)\s*,?\s*(?:instead\s+of|rather\s+than|versus|vs\.?|compared\s+(?:with|to)|against)\s+(?:about\s+|roughly\s+|nearly\s+)?")
_ELLIPTIC_ON = re.compile(r"(?i)(?:\s+of\s+[^,;()]{1,60}?)?\s+(?:on|for|with|using|in)\s+[^,;()]{1,40}?(?:,\s*|\s+)(?:and\s+|while\s+)?(?:only\s+|about\s+|nearly\s+)?")
_ON_NEXT = re.compile(r"(?i)\s+(?:on|for|with|using|in)\s")
_OPERATING_POINT = re.compile(r"(?i)\bat\s+$")
_AT_RECALL = re.compile(r"(?i)\s*(?:recall|precision|sensitivity|specificity|TPR|FPR|coverage)\b")
# "improves X from A to B and Y by N": the verb of the first change also says the second
_AND_X_BY = re.compile(r"(?i)\s*,?\s*and\s+[^,;()]{1,60}?\s+by\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+|roughly\s+)?")
_CHANGE_VERB = re.compile(r"(?i)\b(?:improv|increas|rais|boost|reduc|lower|cut|decreas|shrink|outperform|falls?\b|fell\b|drop|declin)\w*\b")
_POINTS_AFTER = re.compile(r"(?i)\s*(?:percentage\s+)?points?\b")
_RUNS_AT = re.compile(r"(?i)\b(?:runs?|running|operat\w*|process\w*|achiev\w*|reach\w*|updat\w*|track\w*|execut\w*|infer\w*|detect\w*)\b[^,;]{0,30}$")
_OF_TRAINING = re.compile(r"(?i)\s*of\s+(?:[\w-]+\s+)?(?:training|fine-?tuning|pre-?training|search|searching)\b")
_TIME_TO_REACH = re.compile(r"(?i)\btime[\s-]+to[\s-]+(?:reach|achieve|attain|converge|accuracy|solution)")
_IE_BY = re.compile(r"(?i)\W*(?:i\.\s?e\.,?|that\s+is,?|or|namely)?\s*by\s+(?:about\s+|nearly\s+|roughly\s+|over\s+|up\s+to\s+)?")
_DB_SETTING = re.compile(r"(?i)\s*(?:input\s+)?(?:SNR|signal-to-noise|noise)\b")  # "at 0 dB SNR": the test condition
_DB_SCORE = re.compile(r"(?i)\b(?:SI-?)?(?:SDR|SNR|SIR|SAR)\b|signal-to")
_INFERENCE_BEFORE = re.compile(r"(?i)\binfer\w*\b[^,;]{0,30}$")  # "after which inference takes 8 ms": a latency of its own
_CUE_AFTER = re.compile(r"(?i)\s*(?:of|=|:|is|was|are|were|reach\w*|at)?\s*(?:only\s+|about\s+|nearly\s+)?[-+]?\.?\d")  # a metric introducing its number
_BARE_BY_CHANGE = re.compile(r"(?i)\b(?:improv|outperform|surpass|exceed|beat|gain|increas|rais|boost|reduc|lower|decreas|ahead\s+of|behind|trail)\w*\b[^,;]{0,40}\bby\s+"
                             r"(?:up\s+to\s+|about\s+|over\s+|nearly\s+|roughly\s+)?$")


_DEVICE_NOUN_AFTER = re.compile(r"(?i)^\s*(?:[\w-]+\s+)?(?:phones?|smartphones?|laptops?|workstations?|servers?|devices?|boards?|machines?|nodes?|"
                                r"microcontrollers?|MCUs?|edge\s+devices?)\b")
_WITH_SPEC = re.compile(r"(?i)\b(?:with|has|having|featuring|equipped\s+with)\s+(?:[^,;.()]{0,30}?\s+and\s+)?(?:only\s+|just\s+)?$")
_DEVICE_NOUN_BEFORE = re.compile(r"(?i)\b(?:phones?|smartphones?|laptops?|workstations?|servers?|devices?|boards?|machines?|nodes?|microcontrollers?|"
                                 r"MCUs?|GPUs?|chips?|SoCs?|cards?|MacBook(?:\s+(?:Air|Pro))?)\s*$")


def _device_spec(sentence: str, left: str) -> bool:
    """Whether a memory amount describes a device named just before it: "an STM32L476 with 128 KB of SRAM"."""
    m = _WITH_SPEC.search(left[-80:])
    if not m:
        return False
    cut = len(left) - len(left[-80:]) + m.start()
    return bool(_DEVICE_NOUN_BEFORE.search(left, 0, cut)) or any(cut - 3 <= b <= cut for _a, b, _n, _c in hardware_mentions(sentence))


_PAIRED_CUE = re.compile(r"(?i)\b(?:against|versus|vs\.?|compared\s+(?:with|to)|while|whereas)\b|\bby\s+$")


_UNLIKE = re.compile(r"(?i)(?:^|[,;(])\s*unlike\b[^,;]*$")
_FILLER_WORDS = re.compile(r"(?i)\b(?:and|or|the|a|an|to|vs|respectively)\b")
_AND_THE = re.compile(r"(?i)\b(?:and|the|respectively)\b")
_LETTERS2 = re.compile(r"[A-Za-z]{2,}")
_LETTERS3 = re.compile(r"[A-Za-z]{3,}")
_AND_BY = re.compile(r"(?i)(?:\band|,)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,4}by\s+(?:(?:up\s+to|about|over|nearly)\s+)?$")  # "... and by 37%"
_PREFERRED = re.compile(r"(?i)\b(?:prefer\w*|judg\w*|rat(?:ed|e)|chose|chosen|wins?|won|beats?|beat)\b[^,;]{0,60}\b(?:in|on)\s+(?:about\s+|over\s+|nearly\s+)?$")
_AND_LIST = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")


def _listed_from(sentence: str, items: list, i: int) -> list:
    """The numbers listed from items[i] on ("70.1% and 5.2 ms"), whatever their units."""
    out = [items[i]]
    for a, b in zip(items[i:], items[i + 1:]):
        if not _AND_LIST.fullmatch(sentence, a.q.end, b.q.start):
            break
        out.append(b)
    return out


def _pair_with_earlier(sentence: str, members: list, results: list, resp: dict, own_cues: dict, cues: dict) -> None:
    """The k-th of n numbers compared with (or changing) the n results just before, each of its own metric, takes the k-th metric:
    "a BLEU-4 of 0.142 and an F1 of 0.521, against 0.118 and 0.463 for X", "a CER of 4.1% and a WER of 9.8%, ... by 0.6 and 1.1 points, respectively"."""
    n = len(members)
    if n < 2 or len(results) < n or any(id(m) in own_cues or id(m) in resp for m in members):
        return
    prev = results[-n:]
    if len({r[2] for r in prev}) < n or any(m.q.unit not in ("", r[1].unit) or (not m.q.unit and r[1].unit not in ("", "%")) for m, r in zip(members, prev)):
        return
    between = sentence[prev[-1][1].end:members[0].q.start]
    cue = None
    for cue in _PAIRED_CUE.finditer(between):
        pass
    if len(between) > 120 or cue is None or metric_mentions(between[cue.end():]):
        return
    if "by" in between.split()[-1:] and not re.match(r"(?i)^[^.;]{0,25}\brespectively\b", sentence[members[-1].q.end:]):
        return  # "improving on X by 0.6 and 1.1 points" pairs only when the text says "respectively"
    if metric_mentions(cut_clause(sentence[members[-1].q.end:])):
        return  # "against 0.118 BLEU and 0.463 F1": their own metrics
    for m, r in zip(members, prev):
        resp[id(m)] = (r[2], r[3])
        if not m.q.unit:
            own_cues[id(m)] = (r[2], r[3])
    for m, r in zip(members, prev):
        if not m.q.unit and m.group not in cues:
            cues[m.group] = (r[2], r[3])


def _drop_deviations(sentence: str, qs: list) -> list:
    """"76.3 +/- 0.4%", "76.3% ± 0.4%": the number after ± is a standard deviation, not a result; the mean takes its unit."""
    out = []
    for q in qs:
        prev = out[-1] if out else None
        head = q.start + 1 if sentence[q.start:q.start + 1] in "±-+" else q.start
        if prev is not None and _PLUS_MINUS.fullmatch(sentence[prev.end:head]):
            if prev.unit == "" and not prev.magnitude and q.unit:
                out[-1] = with_unit(prev, q)
            continue
        out.append(q)
    return out


# "1.93% (1.98+/-0.07) validation error": a mean over runs with its deviation, in parentheses after a result
_PAREN_MEAN = re.compile(r"\(\s*(?P<mean>\d+(?:\.\d+)?)\s*\\?%?\s*(?:±|\+/-|\+-|\\pm)\s*\d+(?:\.\d+)?\s*\\?%?\s*\)")
_WORDS_BEFORE_MEAN = re.compile(r"\s*(?:[A-Za-z][\w-]*\s*){0,3}")  # "5.5% error (5.8+/-0.3)"
_LEADING_NUMBER = re.compile(r"[\d.]+")


# an outcome said after "at a": "at a 0.15% accuracy loss" (but "at a 50% masking ratio" is a setting)
_CHANGE_NOUN_AFTER = re.compile(r"(?i)^\s*(?:[\w@.-]+\s+){0,2}?(?:loss|drop|degradation|gain|improvement|penalty|decrease|increase)\b")
# settings, not results: "4x upscaling", "the best model under 100K parameters", "at sparsities from 50% to 95%", "a budget of 20% of the cache",
# "using only 15% of the labeled slices", "the budget required to reach 0.90 Dice"
_MODEL_UNDER = re.compile(r"(?i)\bmodels?\s+(?:with\s+)?(?:under|below|less\s+than|fewer\s+than|within|up\s+to)\s+$")
_SPARSITY_BEFORE = re.compile(r"(?i)\bat\s+sparsit(?:y|ies)\s+(?:levels?\s+)?(?:of\s+|from\s+|between\s+|ranging\s+from\s+)?$")
_SETTING_BEFORE = re.compile(r"(?i)(?:\bbudgets?\s+of\s+(?:only\s+|just\s+)?|\b(?:(?<!able\s)to|required\s+to|needed\s+to)\s+(?:reach|achieve|attain|hit)\s+(?:an?\s+)?)$")
# "lowers the annotation budget required to reach 0.90 Dice by 42%": what the verb cuts is a cost, whatever metric the target names
_CUT_COST = re.compile(r"(?i)\b(?:reduc|lower|cut|decreas|sav)\w*\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:budget|cost|effort|communication|traffic|bandwidth)\b"
                       r"[^,;]*\bby\s+(?:(?:up\s+to|about|over|nearly|only|around|just)\s+)?$")
_SHARE_OF_LABELS = re.compile(r"(?i)^\s*of\s+(?:the\s+|all\s+)?(?:labeled|labelled|annotated|training|unlabeled)\s+"
                              r"(?:slices|images|samples|examples|labels|annotations|data|scans|videos|sentences|documents|pairs|volumes)\b")
# "1.9 GFLOPs (a 53.7% reduction)", "1,420 tokens/s, a 3.1x improvement": the change of the quantity just named
_APPOSITIVE_GAP = re.compile(r"\s*(?:\(|,)\s*(?:an?\s+)?(?:only\s+|about\s+|roughly\s+|nearly\s+)?")
_APPOSITIVE_NOUN = re.compile(r"(?i)^\W*(?:(?:relative|overall|total)\s+)?(?:reduction|decrease|cut|saving|improvement|increase|gain|boost)s?\b")
# what a reduction of an unnamed quantity saves: a cost ("reduces the number of executed layers by 41%")
_RESOURCE_WORDS = re.compile(r"(?i)\b(?:communication|layers|traffic|bandwidth|transmission|annotations?|labels|queries|calls|evaluations|passes|messages|bytes|storage|budget)\b")


_POINTS_MORE_ACCURATE = re.compile(r"(?i)\s*(?:percentage\s+)?points?\s+(?:more\s+accurate|less\s+accurate|higher\s+accuracy|lower\s+accuracy)\b")  # percentage points
_COMPARED_WITH_BEFORE = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|versus|vs\.?|against)\s+$")
_TOP1_AND_TOP5 = re.compile(r"(?i)\btop-?1\b[^.;]{0,30}\band\s+[\d.]+\s*\\?%\s+top-?5\b")


def _analyse(sentence: str, s_off: int, paper: Paper) -> list[Result]:
    means = list(_PAREN_MEAN.finditer(sentence)) if "(" in sentence else []
    if not means:
        return _analyse_sentence(sentence, s_off, paper)
    # read the sentence without the parentheses (the words after them name the metric), then add each mean like its result
    masked = sentence
    for m in means:
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    rows = [replace(r, sentence=sentence) for r in _analyse_sentence(masked, s_off, paper)]
    for m in means:
        outer = next((r for r in reversed(rows) if r.end - s_off <= m.start()
                      and _WORDS_BEFORE_MEAN.fullmatch(sentence, r.end - s_off, m.start())), None)
        written = _LEADING_NUMBER.match(outer.surface) if outer is not None else None
        if written is None or not float(written.group(0) or 0):
            continue
        a, b = m.span("mean")
        rows.append(replace(outer, surface=sentence[a:b], start=s_off + a, end=s_off + b,
                            value=float(f'{float(m.group("mean")) * outer.value / float(written.group(0)):.12g}')))
    return sorted(rows, key=lambda r: r.start)


def _analyse_sentence(sentence: str, s_off: int, paper: Paper) -> list[Result]:
    qs = _drop_deviations(sentence, [q for q in find_quantities(sentence) if not not_a_result(sentence, q)])
    if qs and paper.hardware and any(q.unit == "" for q in qs):
        devices = [(a, b) for a, b, _n, _c in hardware_mentions(sentence)]
        qs = [q for q in qs if not any(a <= q.start and q.end <= b for a, b in devices)]  # "Kirin 9000", "RTX 4090": part of a name
    if not qs:
        return []
    items = group_items(sentence, qs)
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
        r = cut_clause(own_right(it))
        if not _LETTERS2.search(_FILLER_WORDS.sub("", own_right(it))) \
                and it is not last_of_group[it.group]:
            last = last_of_group[it.group]
            return cut_clause(own_right(last)), last.q.end
        return r, it.q.end

    # magnitudes without a unit ("40.18G") take one from the words around
    for it in items:
        if it.q.unit == "" and it.q.magnitude:
            inferred = infer_magnitude_unit(it.q, sentence[:it.q.start], own_right(it))
            it.extra["drop"] = inferred is None
            if inferred is not None:
                it.q = inferred
        elif it.q.unit == "" and re.match(r"(?i)^\s*(?:top-?1\s+)?(?:accuracy|acc\.?)\s+points?\b", sentence[it.q.end:]):
            m = re.match(r"(?i)^\s*(?:top-?1\s+)?(?:accuracy|acc\.?)\s+points?\b", sentence[it.q.end:])
            it.q = replace(it.q, end=it.q.end + m.end(), unit="%", unit_text=m.group(0).strip())
    if any(it.extra.get("drop") for it in items):  # "outperforms an unguided 7B model by 3.5%": a model scale does not end the clause
        last_end = 0
        for it in items:
            if first_of_group[it.group] is it:
                seg_start_of[it.group] = last_end
            if not it.extra.get("drop"):
                last_end = it.q.end
    for it in items:
        pm = re.match(r"(?i)^\s*(?:percentage\s+)?points?\b", sentence[it.q.end:])
        if it.q.unit == "" and pm and (re.search(r"(?i)\b(?:accuracy|accuracies|error\s+rate|success\s+rate)\b[^,;.]{0,40}$", sentence[:it.q.start])
                                       or _POINTS_MORE_ACCURATE.match(sentence, it.q.end)):
            it.q = replace(it.q, end=it.q.end + pm.end(), unit="%", unit_text=pm.group(0).strip())  # percentage points
    spans = [(it.q.start, it.q.end) for it in items]
    # bare numbers need a metric named next to them (shared inside a list)
    cues: dict[int, tuple[str, str]] = {}
    own_cues: dict[int, tuple[str, str]] = {}
    for it in items:
        if it.q.unit == "" and not it.q.magnitude:
            c = bare_cue(sentence, it.q, own_right(it), spans)
            if c:
                own_cues[id(it)] = c
                cues.setdefault(it.group, c)
    resp = respectively_metrics(sentence, items, spans)
    results = []
    ours = background = None  # sentence-level tests, made when a number first needs them
    pct_points: set[int] = set()  # groups of bare numbers that are percentage points of an earlier % result
    bare_pct: set[int] = set()  # quantities written bare that became percentages (they still cue later bare numbers)
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
        if q.unit == "" and full_left.endswith(" ") and _NAMED_PART.search(full_left[-12:]) and sentence[q.start:q.end].isdigit():
            continue  # "S3DIS Area 5", "Task 2", "Track 1": the number names a split
        if it is first or _PAIRED_CUE.search(sentence, items[idx[id(it)] - 1].q.end, q.start):
            _pair_with_earlier(sentence, _listed_from(sentence, items, idx[id(it)]), results, resp, own_cues, cues)
        if q.unit == "" and not q.magnitude and results and results[-1][1].unit not in ("", "%", "x") and _INSTEAD_OF.fullmatch(sentence, results[-1][1].end, q.start):
            prev_q = results[-1][1]
            if prev_q.written and math.isclose(prev_q.value, prev_q.written * MAGNITUDES.get(prev_q.magnitude, 1.0)):
                q = it.q = replace(q, unit=prev_q.unit)  # "10^{19} FLOPs instead of 2.4\times10^{19}": the compared number shares the unit
        if q.unit == "":
            compound = UNITISH.match(after)
            if compound and re.search(r"[/^]", compound.group("u")) and (own_cues.get(id(it)) or cues.get(it.group)):
                hit = fallback.unit_at(sentence, q.start, q.end)  # "0.12 kcal/mol": a unit we do not know
                if hit:
                    q = it.q = replace(q, end=hit[0], unit=hit[1], unit_text=hit[1])
            if q.unit == "" and it.group not in cues:
                points_after = re.match(r"(?i)^\s*points?\b", after)
                group_points = it is not last_of_group[it.group] and re.match(r"(?i)^\s*points?\b", sentence[last_of_group[it.group].q.end:])
                prev = [r for r in results if ((r[1].unit == "" or id(r[1]) in bare_pct) and (r[2] != "score" or r[3]))
                        or ((points_after or group_points) and r[1].unit == "%")]
                elliptic = prev and prev[-1][4] != "absolute" and prev[-1][1].unit == "" and prev[-1][2] != "score" \
                    and re.search(r"(?i)(?:,\s*|\s)and\s+by\s+(?:up\s+to\s+|about\s+|over\s+)?$", full_left[-30:])  # "by 2.1 points on A and by 1.4 on B"
                compared = prev and _COMPARED_WITH_BEFORE.search(sentence, max(0, q.start - 20), q.start)
                gap_start = prev[-1][1].end if prev else 0
                same_clause = prev and (prev[-1][1].unit == "" or id(prev[-1][1]) in bare_pct) and not any(
                    compatible(m[2], "") and _CUE_AFTER.match(sentence, gap_start + m[1]) for m in metric_mentions(sentence[gap_start:q.start]))
                continued = same_clause and (_BARE_COMPARED.search(group_left) or _BARE_BY_CHANGE.search(group_left)
                                             or (_AND_FOR.search(group_left) and _FOR_OTHER.match(after))
                                             or (_PAREN_VALUE.search(group_left) and (re.match(r"\s*\)", after) or _PAREN_VS.match(after)))
                                             or (group_left.endswith("the ") and _OF_SYSTEM.match(after)))
                if prev and re.match(r"(?i)^\s*(?:points?\s+)?(?:(?:higher|lower|better|worse|more|less)\s+than|below|above|behind|ahead\s+of)\b", after) \
                        or prev and (points_after or group_points) or elliptic \
                        or continued or compared:
                    cues[it.group] = (prev[-1][2], prev[-1][3])  # "a perplexity of 5.83, only 0.12 higher than X"
                    if points_after and prev[-1][1].unit == "%":
                        q = it.q = replace(q, end=q.end + points_after.end(), unit="%", unit_text="points")  # "54.1% pass@1, ... by 6.3 points"
                    elif group_points and prev[-1][1].unit == "%":
                        q = it.q = replace(q, unit="%", unit_text="points")  # "by 3.1 and 2.4 points": the list shares them
                        pct_points.add(it.group)
                else:
                    continue
            elif q.unit == "" and it.group in pct_points:
                pa = re.match(r"(?i)^\s*points?\b", after)
                q = it.q = replace(q, end=q.end + (pa.end() if pa else 0), unit="%", unit_text="points")
            if q.unit == "" and (re.match(r"^-[A-Za-z]", after) or BARE_NOUN.match(after)) and not POINT_CHANGE.match(after) \
                    and not re.match(r"/\d", after) and not (TOKENS_PER_STEP.match(after) and id(it) in own_cues) \
                    and not modified_score(sentence, q):
                continue
            if q.unit == "" and q.value == int(q.value) and 1900 <= q.value <= 2100 and "." not in sentence[q.start:q.end]:
                continue
        last_after = sentence[last_of_group[it.group].q.end:]
        preference = re.match(r"(?i)^\s*of\s+the\s+time\b", after) and re.search(r"(?i)\b(?:prefer\w*|win\w*|chosen|judged|rated)\b[^,;]*$", full_left)
        if q.unit == "%" and not preference and (CONFIG_AFTER.match(re.sub(r"^\s*\([^)]*\)", "", after))
                              or (_AT_A.search(full_left, max(0, q.start - 40)) and not EFFICIENCY_AFTER.match(after) and not _CHANGE_NOUN_AFTER.match(after))
                              or CONFIG_AFTER.match(re.sub(r"^\s*\([^)]*\)", "", last_after))):
            continue
        if q.unit == "pixels" and re.search(r"\d\s*(?:[x×]|\\times)\s*$", full_left):
            continue  # "640 x 480 pixels": a resolution
        if q.unit == "%" and _OPERATING_POINT.search(full_left[-4:]) and _AT_RECALL.match(after):
            continue  # "at 90% recall@10, it answers 94,000 queries/s": the operating point, not an outcome
        if q.unit == "ms" and (re.match(r"(?i)^\s*(?:of|long)\s+(?:\w+\s+){0,2}(?:data|audio|speech|video|recordings?|footage|music|clips?)\b", last_after)
                               or re.search(r"(?i)\b(?:dataset|data)\s+(?:size|duration)|amount\s+of\s+(?:\w+\s+)?data", full_left[-60:])):
            continue  # durations of data, not of computation
        if "nlike" in full_left and _UNLIKE.search(full_left):
            continue  # "unlike other methods which increase it by an order of magnitude"
        if _EARLIER_EG.search(full_left, max(0, q.start - 160)):
            continue  # "(e.g. 10^4 GPU hours)" of earlier methods
        if q.unit == "%" and re.match(r"(?i)^\s*(?:considered|used|held|reserved|set\s+aside)\s+(?:as|for)\b", after):
            continue
        if CONFIG_BEFORE.search(full_left, max(0, q.start - 160)) or (first is not it and CONFIG_BEFORE.search(group_left, max(0, first.q.start - 160))) \
                or (q.unit == "%" and CONFIG_PARENS.search(full_left)):
            continue
        if q.unit == "%" and CONFIG_AFTER.match(re.sub(r"^\s*\)", "", after)) and re.match(r"^\s*\)", after):
            continue  # "(a x 100%) of labels are corrupted"
        if q.unit == "params" and re.search(r"(?i)parameter$", q.unit_text) and re.match(r"^[\s-]*[a-z]+", after) \
                and not re.match(r"(?i)^[\s-]*(?:count|reduction|budget|overhead|saving|increase|decrease)", after):
            continue  # "2M parameter transformers": the size names the model, it is not a result
        if q.unit == "params" and not q.unit_text and re.match(r"(?i)^[\s-]*parameter[\s-]+[a-z]+", after):
            continue  # "the 317M-parameter teacher"
        if q.unit == "%" and re.match(r"^\s*of\s+(?:the\s+|all\s+)?\d", after) and not _PREFERRED.search(full_left):
            continue  # "13% of 117,730 notes": a share of a dataset ("preferred ... in 52% of 1,000 comparisons" is an outcome)
        if (q.unit == "x" and SCALE_SETTING_AFTER.match(after)) or (q.unit == "params" and _MODEL_UNDER.search(sentence, max(0, q.start - 40), q.start)) \
                or _SPARSITY_BEFORE.search(sentence, max(0, first.q.start - 50), first.q.start) or _SETTING_BEFORE.search(sentence, max(0, q.start - 40), q.start) \
                or (q.unit == "%" and _SHARE_OF_LABELS.match(after)):
            continue  # a setting of the experiment, not an outcome
        if q.unit == "%" and re.match(r"(?i)^\s*of\s+(?:the\s+|all\s+|these\s+|our\s+)?(?:(?:[\w-]+\s+){0,2}?[a-z]+s|them|those)\s+(?:in\s+\w+\s+)?"
                                      r"(?:contain|are|were|have|has|had|come|came|consist|include|belong|appear|show|lack)\w*\b", after) \
                and not re.search(r"(?i)\b(?:solv|answer|classif|predict|detect|recogni[sz]|generat|pass|succeed|correct)\w*", full_left) \
                and not REMOVED_PASSIVE.match(after):
            continue  # "about 30% of the images contain small objects": a description of the data
        if ours is None:
            ours, background = OURS_WORDS.search(sentence) is not None, BACKGROUND.search(sentence) is not None  # once per sentence
        if background and not ours:
            continue  # "screening has been shown to reduce mortality by 40%": prior knowledge
        if not ours and not _PROPOSED.search(sentence) and not (paper.method and paper.method in sentence) \
                and BACKGROUND_SUBJECT.search(full_left) \
                and not re.search(r"(?i)\b(?:(?<!more\s)(?<!less\s)(?<!rather\s)than|compared|outperform\w*|surpass\w*|versus|vs)\b", full_left):
            continue  # "recent methods ... run at more than 100 FPS": other methods' numbers
        if q.unit == "x" and re.search(r"(?i)\bout\s+of\s+$", full_left):
            continue  # "11 out of 12 times"
        if q.unit == "x" and q.unit_text.lower() == "times" and not RATIO_CUE.search(first_words(after, 3)) and not _TIMES_THE.search(full_left, max(0, q.start - 60)) \
                and not re.search(r"(?i)\b(?:by|of|about|up\s+to|over|nearly|than|to|the|a|an|around|roughly|approximately|reach\w*|ris(?:es|ing)|rose|gr[eo]ws?|growing|increas\w*|improv\w*|shrinks?|shrank|drops?|dropped|falls?|fell|"
                                  r"achiev\w*|deliver\w*|yield\w*|gives?|giving|obtain\w*|attain\w*)\s+$", group_left) and not it.range_role \
                and not re.search(r"(?i)\b(?:compress|shrink|shrunk|accelerat)\w*\s+(?:(?:the|its|our|their)\s+)?(?:[\w-]+\s+){0,2}$", group_left):
            continue  # "instantiated three times": a repetition, not a ratio ("compressed 50 times" is one)
        if q.unit in CONFIG_UNITS or (q.unit == "Hz" and not _RUNS_AT.search(full_left)):
            continue  # "at 180 MHz", "the 30-1500 Hz band"; "the planner runs at 15 Hz" is a rate it achieves
        if CONSTRAINT_BEFORE.search(group_left[-70:]) and not _CUT_COST.search(full_left) or (q.unit == "x" and SPREAD_BEFORE.search(full_left[-60:])):
            continue  # "constrained by 64 KB of SRAM and 256 KB of flash", "differ by more than an order of magnitude"
        if q.unit == "params" and re.match(r"^[-‐](?:parameters?|params?)\b", after):
            continue  # "a 350M-parameter encoder-decoder": the size names the model
        if q.unit == "params" and PARAMS_CONFIG.search(group_left[-60:]):
            continue  # "we train models with up to 410M parameters": a configuration
        if q.unit == "MB" and re.match(r"(?i)^\s*(?:(?!of\b)[\w-]+\s){0,2}(?:GPU|GPUs|VRAM|RAM\b|cards?)(?!\s+(?:memory|RAM|VRAM))", after):
            continue
        if q.unit == "MB" and (_DEVICE_NOUN_AFTER.match(after) or _device_spec(sentence, full_left)):
            continue  # "4 GB phones", "an STM32L476 with 128 KB of SRAM", "a workstation with 128 GB": the device, not a result
        if q.unit == "ms" and in_config_parens(sentence, q):
            continue
        if (q.unit in ("W", "ms") and MODE_AFTER.match(after)) or (q.unit == "ms" and SPAN_AFTER.match(after)):
            continue  # "in the 30 W mode", "within 10 ms windows"
        if q.unit == "x" and re.match(r"(?i)^\s*(?:shorter|longer|more\s+data|larger\s+(?:batch|dataset|data))", after):
            continue
        if q.unit == "x" and q.unit_text.lower().endswith("fold") and (re.match(r"^\s*[:;.]", after) or re.search(r"(?i)\b(?:is|are|was|were)\s+$", full_left)):
            continue  # "the reason is two-fold:"
        # metric
        has_change = bool(is_increase_phrase(right, sentence[seg_start:first.q.start]) or is_reduction_phrase(right, sentence[seg_start:first.q.start]))
        shared_r = cut_clause(own_right(last_of_group[it.group]))
        if id(it) in resp and not metric_mentions(shared_r):
            metric, words = resp[id(it)]
        elif (q.unit == "" or it.group in pct_points) and (id(it) in own_cues or it.group in cues):
            metric, words = own_cues.get(id(it)) or cues[it.group]
        else:
            metric, words = metric_for(q, sentence, seg_start, right, rstart, spans, has_change)
            seg_text0 = sentence[seg_start:first.q.start]
            if metric is None and q.unit == "ms" and it.pair and _TIME_CHANGES.search(sentence, max(0, q.start - 100), q.start) \
                    and not _TIME_TO_REACH.search(full_left):
                metric, words = "latency", "time"  # "cold-start time drops from 148 s to 61 s" (refined below: an index build time is a training cost)
            elif metric is None and q.unit == "ms" and _INFERENCE_BEFORE.search(full_left):
                metric, words = "latency", None  # "..., after which inference takes 8 ms"
            elif metric is None and q.unit == "ms" and _OF_TRAINING.match(after):
                metric, words = "search cost" if "search" in after[:25].lower() else "training cost", None  # "needs 6 hours of training"
            elif metric is None and q.unit == "ms" and _TIME_TO_REACH.search(full_left):
                metric, words = "training cost", "time to reach"  # "the time to reach 93% accuracy drops from 8 hours to 2 hours"
            same_unit = [r for r in results if r[1].unit == q.unit] if metric is None and q.unit in NEEDS_WORDS - {"ms"} else []
            if same_unit:
                metric, words = same_unit[-1][2], same_unit[-1][3]  # "an MAE of 0.0872 eV, ... trained alone (0.0938 eV)"
            if metric is None and first is not it and results and results[-1][0].group == it.group and results[-1][1].unit == q.unit:
                metric, words = results[-1][2], results[-1][3]  # "runs in 14 ms on a Pixel 8, versus 0.9 s for the teacher"
            if metric is None and it.pair and not it.extra.get("pair_first") and results and results[-1][0].pair:
                metric, words = results[-1][2], results[-1][3]  # "from 3 days to 10 hours"
            if metric is None and results and re.search(r"(?i)(?:,\s*|\b)and\s+(?:from\s+|by\s+)?$|^\W*(?:and|,)\s", seg_text0) \
                    and compatible(results[-1][2], q.unit) and not (results[-1][2] in ("training cost", "search cost") and q.value < 1000):
                metric, words = results[-1][2], results[-1][3]  # "... from A to B at word level, and from C to D at ..."
            if metric is None and q.unit == "ms":
                if q.value >= 60000 and not LONG_TIME_CUE.search(full_left[-60:] + " " + first_words(after, 3)):
                    continue  # "120 hours of audio", "10 minutes of training data"
                on_device = _ON_DEVICE.match(after)
                if TIME_VERB.search(full_left) or re.match(r"(?i)^\s*(?:per|for\s+(?:inference|training|each|one|a|an)|on\s+(?:a|an|the)?\s*\w*\s*(?:GPU|CPU|phone|device))\b", after) \
                        or (on_device and any(a == q.end + on_device.end() for a, _b, _n, _c in hardware_mentions(sentence))):
                    metric, words = "latency", None  # "12 ms on an STM32F746"
                elif results and results[-1][1].unit == "ms" and results[-1][2] in ("latency", "training cost", "search cost") \
                        and re.search(r"(?i)\b(?:and|while|whereas|but|versus|vs\.?|compared\s+(?:with|to)|against|instead\s+of|rather\s+than)\b", sentence[results[-1][1].end:q.start]):
                    metric, words = results[-1][2], results[-1][3]  # "... is 12 ms, and on X it is 10 ms", "takes 35 minutes, versus 6 hours for Y"
                else:
                    continue
        if q.unit == "x" and results and (not words or metric == "score" and words in ("more", "larger")) and results[-1][2] not in QUALITY \
                and (re.match(r"(?i)^\s*(?:times\s+|x\s+)?(?:(?:less|fewer|lower|smaller|cheaper|more|higher|larger|greater)\s+than|(?:that|those)\s+of)\b", after)
                     or _TIMES_THE.search(full_left, max(0, q.start - 60)) and re.match(r"(?i)^\s*(?:times\s+)?(?:that\s+of\s+)?(?:the|an?|its|their)\s", after)):
            metric, words = results[-1][2], results[-1][3]  # "requires 8 GPU hours, 20 times less than X": the same quantity
        if first is not it and metric == "score" and not words and results and results[-1][0].group == it.group:
            metric, words = results[-1][2], results[-1][3]  # "succeeds in 82% of the episodes, compared to 61% for X"
        if not words and results and q.unit in UNIT_METRICS and metric == UNIT_METRICS[q.unit][0] and results[-1][1].unit == q.unit \
                and results[-1][2] != metric and compatible(results[-1][2], q.unit) and not re.match(r"(?i)\s*(?:of|for|in)\s+\w", after) \
                and not _INFERENCE_BEFORE.search(full_left) and not (results[-1][2] in ("training cost", "search cost") and q.value < 1000):
            metric, words = results[-1][2], results[-1][3]  # "with only 6MB of data, whereas other methods require 100MB": the same quantity
        if metric is None:
            continue
        if q.unit == "dB" and (metric == "score" and not (words and _DB_SCORE.search(words)) or _DB_SETTING.match(after)):
            continue  # "0 dB SNR" as a setting, or a score the words do not name as measured in dB
        if q.unit == "dB" and metric == "PSNR" and not words and results and results[-1][2] == "PSNR":
            words = results[-1][3] or "PSNR"  # "32.41 dB PSNR on Set5 ..., each 0.12 dB above the previous best"
        if q.unit == "dB" and metric not in ("PSNR", "score") or q.unit == "dB" and metric == "PSNR" and not (words or "PSNR" in sentence[:q.start]):
            continue
        if q.unit == "" and metric == "PSNR":
            q = it.q = replace(q, unit="dB")  # PSNR is measured in dB even when the unit is not written
        if q.unit == "ms" and q.value >= 60000 and metric in ("latency", "score") and words != "time" and not LONG_TIME_CUE.search(full_left[-60:] + " " + first_words(after, 3)):
            continue
        own = own_right(it)
        if not _LETTERS3.search(_AND_THE.sub("", own)):
            own = own_right(last_of_group[it.group])
        metric = refine_metric(metric, full_left, own, q, paper, s_off + q.start, words, sentence)
        if metric == "compression ratio" and q.unit == "%":
            kind, direction = "reduction", "better"
        else:
            kind, direction = kind_of(it, metric, sentence[seg_start:first.q.start] if first is not it else sentence[seg_start:q.start], right, q)
        seg_text = sentence[seg_start:first.q.start]
        if kind == "absolute" and results and _AND_BY.search(seg_text, max(0, len(seg_text) - 200)) \
                and not re.search(r"(?i)\b(?:reduc|improv|increas|decreas|lower|cut|outperform|sav)\w*", seg_text):
            kind, direction = results[-1][4], results[-1][5]  # "... by 49% w.r.t. X and by 37% w.r.t. Y"
            if kind == "ratio" and results[-1][1].unit == "x" and q.unit == "%" and direction == "better":
                kind = "reduction"  # "reduces the parameters by 3.5 times and the FLOPs by 60%": the % is the cut
        gap = sentence[items[idx[id(it)] - 1].q.end:q.start] if idx[id(it)] else ""
        if kind == "absolute" and _AND_X_BY.fullmatch(gap) and not _CHANGE_VERB.search(gap):
            verb = None
            for verb in _CHANGE_VERB.finditer(full_left):
                pass
            if verb is not None and ";" not in full_left[verb.end():]:
                kind, direction = kind_of(it, metric, verb.group(0) + " by ", right, q)  # "improves PESQ from A to B and SI-SDR by 11.3 dB"
        if kind == "absolute" and q.unit == "%" and _IE_BY.fullmatch(gap):
            verb_left = re.sub(r"(?i)\bfrom\b[^;]*$", "", full_left).rstrip() + " by "
            kind, direction = kind_of(it, metric, verb_left, right, q)  # "reduces latency from 48 ms to 31 ms, i.e. by 35%"
        if kind == "absolute" and results and results[-1][4] != "absolute" and re.search(r"\(\s*(?:and|or|vs\.?)?\s*$", seg_text) \
                and compatible(results[-1][2], q.unit) and (metric == "score" or metric == results[-1][2]) and not _PAREN_VS.match(after) \
                and not _PAREN_VS_BEFORE.search(full_left):
            metric, words = results[-1][2], results[-1][3]
            kind, direction = results[-1][4], results[-1][5]  # "outperforms X by 2.5% in one setting (and 5% in another)"
        if kind == "absolute" and results and results[-1][4] != "absolute" and (metric == results[-1][2] or metric == "score") \
                and _ELLIPTIC_DELTA.fullmatch(sentence[results[-1][1].end:q.start]) and not metric_mentions(first_words(after, 4)):
            metric, words = results[-1][2], results[-1][3]
            kind, direction = results[-1][4], results[-1][5]  # "1.8% mIoU improvement on ADE20K and 2.0% on Cityscapes"
        if kind == "ratio" and q.unit == "%" and results and results[-1][4] == "reduction" and results[-1][1].unit == "%" \
                and _SHARED_CUT.fullmatch(sentence, results[-1][1].end, q.start):
            kind, direction = "reduction", "better"  # "we prune 40% of the channels and 35% of the FLOPs": the verb cuts both
        if results and kind != "absolute" and results[-1][4] == "absolute" and results[-1][2] not in ("score",) \
                and _APPOSITIVE_GAP.fullmatch(sentence, results[-1][1].end, q.start) and _APPOSITIVE_NOUN.match(after) \
                and compatible(results[-1][2], q.unit):
            metric, words = results[-1][2], results[-1][3]  # "1.9 GFLOPs (a 53.7% reduction)"
            kind, direction = kind_of(it, metric, sentence[seg_start:q.start], right, q)
        if kind == "absolute" and q.unit == "%" and results and results[-1][1].unit == "%" \
                and (results[-1][4] == "ratio" or results[-1][4] == "absolute" and metric == "score" and not words and results[-1][2] != "score") \
                and _ELLIPTIC_ON.fullmatch(sentence, results[-1][1].end, q.start) and _ON_NEXT.match(after):
            metric, words, kind, direction = results[-1][2], results[-1][3], results[-1][4], results[-1][5]  # "retains 98.1% of X on A and 96.7% on B"
        if metric == "top-5 accuracy" and kind == "delta" and _TOP1_AND_TOP5.search(sentence, 0, q.start) and not re.search(r"(?i)top-?5", first_words(after, 4)):
            metric = "top-1 accuracy"  # "69.1% top-1 and 88.7% top-5 accuracy, a gap of 0.7% to X": the change of the headline top-1
        if q.unit == "%" and kind == "ratio" and REMOVED_AND.search(sentence, max(0, q.start - 100), q.start):
            kind, direction = "reduction", "better"  # "removes 58% of the parameters and 46.3% of the FLOPs"
        if q.unit == "%" and metric in QUALITY and _CUT_COST.search(sentence, max(0, q.start - 120), q.start):
            metric, words, kind, direction = "cost", None, "reduction", "better"
        if metric == "score" and kind == "ratio" and (words or "").lower() == "performance" and results and results[-1][2] in QUALITY \
                and compatible(results[-1][2], q.unit):
            metric, words = results[-1][2], results[-1][3]  # "a Dice score of 0.874 ..., which is 98.6% of the fully supervised performance"
        if metric == "score" and kind == "reduction" and _RESOURCE_WORDS.search(sentence[seg_start:q.start] + " " + first_words(after, 4)):
            metric = "cost"  # "reduces the average number of executed layers by 41%"
        if it.pair:
            kind, direction = "absolute", None
        qualifier = it.range_role or qualifier_before(full_left)
        if qualifier is None and first is not it:
            qualifier = qualifier_before(group_left)
        if it.pair:
            qualifier = None
        if q.unit == "" and metric == "score" and (words or "").lower() in ("score", "scores") and paper.earlier and kind == "absolute":
            named = _PCT_SCORE_NAMED.search(paper.earlier[-1])
            if named and not metric_mentions(sentence[:q.start].replace(words, "")):
                words = named.group(0)  # "... reaches 47.3 exact match. On TriviaQA and HotpotQA the scores are 66.8 and 38.2"
        if q.unit == "" and not q.magnitude and (percent_scale(metric, words, q.value, last_after, kind) or (
                metric == "score" and (words or "average").lower() in ("average", "score", "scores") and 1 < q.value <= 100 and _PCT_SUITE.search(sentence))):
            pa = _POINTS_AFTER.match(sentence, q.end)
            q = it.q = replace(q, end=pa.end() if pa else q.end, unit="%", unit_text="points" if pa else "")
            bare_pct.add(id(q))  # "24.7 AP", "improves F-score by 3.6 points": a percentage written without "%"
        results.append((it, q, metric, words, kind, direction, qualifier))
    if not results:
        return []
    for k in range(len(results) - 2, -1, -1):
        cur, nxt = results[k], results[k + 1]
        if cur[4] == "absolute" and nxt[4] in ("delta", "reduction") and cur[0].group == nxt[0].group and not cur[0].pair \
                and _SHARED_CHANGE_GAP.fullmatch(sentence[cur[1].end:nxt[1].start]) and _SHARED_CHANGE_AFTER.match(sentence[nxt[1].end:]):
            results[k] = cur[:4] + (nxt[4], nxt[5]) + cur[6:]  # "brings 3.1 mAP and 2.5 mIoU improvements": both are gains
    return link_slots(sentence, s_off, paper, results)


def extract(title: str, abstract: str) -> list[Result]:
    """Results reported in ``abstract``; offsets index into ``abstract``."""
    with pinned_vocabularies():
        return _extract(title, abstract)


def _extract(title: str, abstract: str) -> list[Result]:
    if not has_number(abstract):
        return []  # no digit and no number word: no sentence can hold a result (skip the per-abstract lookups)
    top1 = _TOP1.search(abstract) if not abstract.isascii() or "top" in abstract.lower() else None  # quick skip
    hw = []
    for h in hardware_mentions(abstract):
        name, cat = h[2], h[3]
        if (name, cat) not in hw and not compared_device(abstract, h):  # "than an ARM Cortex-A72": the baseline's device
            hw.append((name, cat))
    paper = Paper(title, abstract, paper_method(title, abstract), top1.start() if top1 else -1, hw)
    if not paper.method:
        paper.described = described_method(abstract, title)
    specific = [h for h in hw if not generic(h[0])]
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

    for fn in (metrics._metric_mentions, slots._mentions_cached, slots._dataset_mentions, slots._hardware_mentions, fallback._parse):
        fn.cache_clear()

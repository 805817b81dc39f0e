"""Slots of a result: dataset, model, hardware and baseline, linked from the sentence and the abstract."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from .fastre import fast
from .metrics import QUALITY
from .numbers import Quantity
from .slots import (NAME_RE, NOT_NAMES, REFERENCE_BEFORE, baseline_phrase, canonical_dataset, dataset_mentions, described_in, generic_device, hardware_mentions, hardware_names, is_network,
    mentions_ours, network_mentions, skip_spans, subject_name, verb_subject, vocab_words)
from .types import Result


_OUR_METHOD = re.compile(r"(?i)\b(?:our|the\s+proposed)\s+(?:\w+\s+)?(?:method|approach|model|network|framework|system|technique)\b")


@dataclass
class Paper:
    title: str
    abstract: str
    method: str | None
    top1_at: int  # offset of the first "top-1" mention, or -1
    hardware: list  # distinct devices named in the abstract
    device: tuple | None = None  # the one device the abstract's numbers were measured on, if it names one
    earlier: list = field(default_factory=list)  # sentences read so far (newest last)
    described: str | None = None  # the unnamed method in words ("stacked CRNN"), from "we propose a stacked CRNN"

    def ours(self, left: str = "") -> str:
        """The paper's own method: its name, else its description marked "(ours)", else "(ours)"."""
        if self.method:
            return self.method
        d = described_in(left) or (self.described if _OUR_METHOD.search(left) else None)
        return f"{d} (ours)" if d else "(ours)"

    def own_devices(self) -> list[tuple[str, str]]:
        """Devices earlier sentences name as where numbers were measured (not "than an X"), oldest first."""
        return [(h[2], h[3]) for sentence in self.earlier for h in hardware_mentions(sentence) if not compared_device(sentence, h)]

    def last_datasets(self) -> list[str]:
        """Datasets of the most recent earlier sentence that names any (looked up only when needed)."""
        for sentence in reversed(self.earlier):
            ds = [canonical_dataset(d[2]) for d in dataset_mentions(sentence)]
            if ds:
                return list(dict.fromkeys(ds))
        return []


# a device named right after a comparison cue is the baseline's ("than an ARM Cortex-A72", "Compared with an NVIDIA Jetson AGX Orin")
_COMPARED_DIRECT = re.compile(r"(?i)(?:\b(?:compared\s+(?:with|to)|than|versus|vs\.?|relative\s+to|against)\s+|(?:\d\s*(?:%|x|×|times|-?fold)?|\btimes)\s+(?:the\s+(?:[\w-]+\s+){1,3}|that\s+)of\s+)(?:an?\s+|the\s+)?$")  # "5x the energy efficiency of an A100"
# ... and one named further on in the comparison maybe the baseline's ("compared with the same architecture on an NVIDIA Jetson TX2")
_COMPARED_LATER = re.compile(r"(?i)\b(?:compared\s+(?:with|to)|than|versus|vs\.?|relative\s+to|against|over)\b[^,;.]{0,60}$")
# "on the phone", "on the Jetson": a device named before, in this sentence or an earlier one
_THE_DEVICE = re.compile(r"(?i)\b(?:on|for)\s+the\s+(?:same\s+)?(?P<w>phone|smartphone|device|board|chip|FPGA|Jetson|microcontroller|MCU|GPU|CPU)\b")
_ANAPHOR_CATEGORIES = {"phone": ("phone",), "smartphone": ("phone",), "fpga": ("fpga",), "board": ("fpga", "sbc", "jetson", "mcu"),
                       "jetson": ("jetson",), "microcontroller": ("mcu",), "mcu": ("mcu",), "gpu": ("gpu", "jetson"), "cpu": ("cpu",)}


def compared_device(sentence: str, h) -> bool:
    return bool(_COMPARED_DIRECT.search(sentence, max(0, h[0] - 40), h[0]))


def _anaphor(word: str, devices: list) -> tuple | None:
    """The latest device of ``devices`` that "the <word>" can refer to (its processor word dropped: "the Jetson" of "... Orin NX GPU")."""
    cats = _ANAPHOR_CATEGORIES.get(word.lower())
    named = [d for d in devices if cats is None and re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", d[0])]
    for name, cat in reversed(named or devices):  # "the Orin": the device whose name says Orin
        if not generic(name) and (cats is None or cat in cats):
            return (re.sub(r"\s+(?:GPU|CPU|NPU|DSP)s?$", "", name) if word.lower() not in ("gpu", "cpu") else name, cat)
    return None


def _full_name(hw: tuple, devices: list) -> tuple:
    """A device written short after "the" ("the Orin Nano", "the TX2 CPU") by the full name the abstract gives it."""
    short = _HW_PROCESSOR_END.sub("", hw[0])
    if short in hardware_names():
        return hw  # "the Edge TPU" is a whole name
    part = hw[0][len(short):]
    full = {_HW_PROCESSOR_END.sub("", n) for n, _c in devices}
    full = [n for n in full if n.endswith(" " + short)]
    return (full[0] + part, hw[1]) if len(full) == 1 else hw


# "compared with 68.2% for the unmerged model", "against 68.4% for the original", "up from 19 fps for per-frame detection"
_COMPARED_VALUE = re.compile(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|against|instead\s+of|up\s+from|down\s+from)\s+(?:about\s+|only\s+|just\s+)?$")
_FOR_OWNER = re.compile(r"(?i)\s*for\s+(?P<np>[^,;()]{2,60})")


_HW_PROCESSOR_END = re.compile(r"\s(?:GPU|CPU|NPU|DSP)s?$")  # "NVIDIA Jetson Orin NX GPU": a part of the device, not the device


_NEW_CLAUSE = re.compile(r"(?i)[,;]\s*(?:and|while|whereas|but)\b|\band\s+(?:on|with|using)\b")  # a device after ", and on X" belongs to the next clause
_NUMBERS_THEN_ON = re.compile(r"(?i)(?:\s*(?:,|and|or)?\s*[\d.,]+\s*(?:x|×|%|ms|fps|times)?)*\s*(?:for|on|using|with)\s+(?:an?\s+|the\s+)?")
_DEVICE_AND = re.compile(r"\s*(?:,\s*and|,|and)\s+(?:an?\s+|the\s+)?")
_ON_SPLIT = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,2}?on\s+(?:the|its)\s+(?P<s>test|validation|val|dev)\s+(?:set|split)\b")
_EACH = re.compile(r"(?i)\beach\s+(?:by\s+)?$")
_NUMBER_THEN_DATASET = re.compile(r"\s*(?:higher|lower|better|worse|more|less|absolute|relative)?\s*")
# scores of a system rather than of a benchmark: a previous sentence's dataset is not theirs (nor is it for an unnamed score)
_SYSTEM_SCORES = {"real-time factor", "energy efficiency", "rank correlation", "performance"}
EFFICIENCY = {"latency", "throughput", "speedup", "power", "energy"}


def generic(name: str) -> bool:
    """A processor kind rather than a device ("GPU", "one GPU", "CPU servers"); a microcontroller counts as a device."""
    return generic_device(name) and "microcontroller" not in name


NO_HARDWARE = {"FLOPs", "MACs", "parameters", "model size", "search cost", "compression ratio"}


_AFTER_NAME = re.compile(r"^\s*(?:\((?P<p>" + NAME_RE.pattern + r")\)|(?:(?:is|are|was|were)\s+)?(?:achieved|obtained|reached|reported|required|needed)?\s*"
                         r"(?:using|by)\s+(?:the\s+)?(?P<b>" + NAME_RE.pattern + r"))")


_DATASET_TALK = fast(re.compile(r"(?i)(?:dataset|benchmark|corpus|corpora|data\s+set)"))


_NOT_MODIFIERS = {"proposed", "presented", "resulting", "new", "novel", "same", "above", "whole", "entire", "first", "second",
                  "latter", "former", "following", "existing", "previous", "original", "standard", "baseline", "other", "best"}


def _with_modifier(prefix: str, name: str) -> str:
    """A subject keeps the one modifier the text puts before it: "The smallest FBNet achieves" -> "smallest FBNet"."""
    at = prefix.rfind(name)
    m = re.search(r"(?:^|[.,;]\s+|\b[Tt]he\s+|\b[Oo]ur\s+)(?P<mod>[a-z][a-z]+(?:-[a-z]+)*|\d+-bit)\s+$", prefix[:at]) if at > 0 else None
    if m and m.group("mod") not in _NOT_MODIFIERS and not m.group("mod").endswith("ly") and (m.group(0)[:1] in "Tt" or m.group("mod").endswith("-bit")):
        return f"{m.group('mod')} {name}"
    return name


_GAIN_OVER = re.compile(r"(?i)\b(?:gain|lead|margin|advantage|improvement)s?\s+over\s+(?:the\s+)?(" + NAME_RE.pattern + r")")
_VS_IN_PAREN = re.compile(r"\(\s*[\d.,]+\s*\\?%?\s*(?:vs\.?|versus|v\.s\.)\s*$")
_NEXT_NUMBER = re.compile(r"\s+(?:and|or|,)\s+[~≈]?\d")
_NAME_PAREN_BEFORE = re.compile(r"(?<![\w-])([A-Za-z][\w.+-]*[\w+])\s*\(\s*(?:~|about\s+)?$")
_COMPARED_LEFT = re.compile(r"(?i)(?:\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\bagainst|\binstead\s+of)\s+(?:about\s+|only\s+|just\s+)?$")
_COMPARED_FOR = re.compile(r"(?i)\s*(?:\\?%|points?)?\s+(?:for|by|of|from)\s+(?=(?:the|a|an)\s|[A-Z])")


_GAP_OF = re.compile(r"(?i)\bgap\s+of\s+(?:only\s+|just\s+|about\s+)?$")
_CAP_NAME = r"[A-Z][\w+]*(?:[.-][\w+]+)*(?:\s[A-Z0-9][\w+]*(?:[.-][\w+]+)*){0,2}"  # "Piper", "PatchTST", "Whisper large-v3"
_PAREN_LABEL = re.compile(r"\(\s*(?:the\s+)?(" + _CAP_NAME + r"|(?:dense\s+|original\s+|full\s+)?(?:teacher|baseline|student))\s*[:=]\s*$")
_COMPARED_THE = re.compile(r"(?i)\b(?:close\s+to|above|below|ahead\s+of|behind|versus|vs\.?|compared\s+(?:to|with)|against|matching|than)\s+the\s+$")
_THE_N_OF = re.compile(r"\s*(?:\\?%|points?)?\s+of\s+(" + _CAP_NAME + r")")
_OWN_PRODUCT = {"pruned", "quantized", "quantised", "compressed", "sparse", "sparsified", "binarized", "binary", "ternary", "distilled",
                "merged", "sliced", "searched", "accelerated", "optimized", "low-rank", "factorized"}


_DESCRIBED_PAREN_BEFORE = re.compile(r"\b(?:between|and|than|to|with)\s+(?:the|a|an)\s+(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)\s*\(\s*(?:~|about\s+)?$")
_MODEL_NOUNS = {"teacher", "student", "baseline", "model", "network", "alone", "scratch", "detector", "encoder", "transformer", "policy"}


def model_of(sentence: str, q: Quantity, paper: Paper) -> str:
    return _model_of(sentence, q, paper)


def _model_of(sentence: str, q: Quantity, paper: Paper) -> str:
    prefix = sentence[:q.start]
    tail = prefix[-60:]
    paren = "(" in tail[-40:]
    if paren and _VS_IN_PAREN.search(tail) and re.search(r"(?i)\b(?:outperform|surpass|beat|exceed|better\s+than|improv)\w*", prefix):
        other = baseline_phrase(prefix)
        if other:
            return other  # "outperforms GPT-3.5 on MMLU (70.2 vs. 67.5)": the number after "vs." is the other model's
    over = _GAIN_OVER.search(prefix) if paren and "over" in prefix and _VS_IN_PAREN.search(tail) else None
    if over:
        return over.group(1)  # "the gain over RTMO-s grows to 3.4 AP (66.2 vs. 62.8)"
    pn = _NAME_PAREN_BEFORE.search(tail) if paren else None
    if pn and pn.group(1).lower() not in vocab_words() and pn.group(1) not in ("GPU", "CPU", "GPUs", "CPUs") \
            and not dataset_mentions(pn.group(1)) and NAME_RE.fullmatch(pn.group(1)):
        return pn.group(1)  # "beating CodeLlama-13B (36.0%)": the number in parentheses is the named model's
    lab = _PAREN_LABEL.search(tail) if paren else None
    if lab and lab.group(1).lower() not in vocab_words() and not dataset_mentions(lab.group(1)):
        return lab.group(1)  # "an MAE of 0.212 (iTransformer: 0.231)": the labelled number is that model's
    the_of = _THE_N_OF.match(sentence, q.end) if _COMPARED_THE.search(tail[-30:]) else None
    if the_of and the_of.group(1).lower() not in vocab_words() and not dataset_mentions(the_of.group(1)):
        return the_of.group(1)  # "close to the 4.27 of VITS"
    dp = _DESCRIBED_PAREN_BEFORE.search(tail) if paren else None
    if dp and dp.group("np").split()[-1].lower() in _MODEL_NOUNS:
        return dp.group("np")  # "the gap between a message-passing network trained alone (0.0938 eV) and the teacher (0.0845 eV)"
    cmp_for = _COMPARED_FOR.match(sentence, q.end) if _COMPARED_LEFT.search(tail[-30:]) else None
    if cmp_for:
        np = baseline_phrase("than " + _NEXT_NUMBER.split(sentence[cmp_for.end():], 1)[0])
        if np and not is_network(np):
            return np  # "an F1 of 0.87, compared with 0.81 for the rule-based system"
    m = _AFTER_NAME.match(sentence[q.end:])
    if m and m.group("p") and (_DATASET_TALK.search(sentence) or dataset_mentions(m.group("p"))):
        m = None  # "AUC of 99.2% (FF++)" in a sentence about datasets: the parenthesis names the data
    if m:
        name = m.group("p") or m.group("b")
        if name and name.lower() not in vocab_words() and name not in NOT_NAMES:
            return name
    skip = skip_spans(sentence)  # computed once per sentence (memoised lookups), then cut to the prefix
    vs = verb_subject(prefix, skip)
    if vs and "our " in prefix.lower() and _OURS_VERB_OBJECT.search(prefix, 0, max(0, prefix.rfind(vs))):
        return paper.ours()  # "our recipe matches the BF16 run ... while increasing throughput by 34%": BF16 is the object
    if vs:
        name = _with_modifier(prefix, vs)
        if name != vs and paper.method and not is_network(paper.method) and is_network(vs) and name.split()[0].lower() in _OWN_PRODUCT:
            return f"{paper.method} ({vs})"  # "The pruned ResNet-50 runs 1.6x faster": the method applied to ResNet-50
        return name
    name = subject_name(prefix, skip)
    if name and len(name) <= 2:
        name = None
    if name and paper.method and len(name) > len(paper.method) and name.startswith(paper.method) and name[len(paper.method)] in "-_ ":
        return name  # "FlexiBERT-Mini, one of our proposed models, has ...": a variant of the method keeps its suffix
    if name and "our " in prefix.lower() and _OURS_VERB_OBJECT.search(prefix, 0, max(0, prefix.find(name))):
        return paper.ours()
    if name:
        after = prefix[prefix.find(name) + len(name):]
        if not re.search(r"(?i)\b(?:our|the\s+proposed)\s+(?:\w+\s+){0,2}(?:method|model|approach|framework|network|technique|system|algorithm|scheme)s?\b", after):
            return name
    if mentions_ours(prefix) or not name:
        return paper.ours(prefix)
    return name


_OURS_VERB_OBJECT = re.compile(r"\b[Oo]ur\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:match|rival|track|equal)(?:es|s|ed)?\s+(?:the\s+|an?\s+)?$")
_COMPARED_BEFORE = re.compile(r"(?i)\b(?:than|over|vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|outperform\w*|surpass\w*|beat\w*|unlike)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}$")


# the reference model a compressed or sparse model is measured against, named without a comparison word
_REFERENCE = re.compile(
    r"(?i)(?<![\w-])(?P<adj>dense|unpruned|uncompressed|unquantized|non-quantized|full-precision|full-size|full-sized|full|floating-point|FP32|FP16|"
    r"original|fully[\s-]parameteri[sz]ed|fully[\s-]trained)\s+(?P<rest>(?:[\w-]+\s+){0,2}?)"
    r"(?P<head>models?|networks?|counterparts?|baselines?|versions?|teachers?|performance|accuracy|(?-i:[A-Z][\w.-]*\d[\w.-]*))(?![\w-])")
_REFERENCE_HINTS = ("dense", "unpruned", "uncompressed", "quantized", "full", "floating", "fp32", "fp16", "original", "fully")
# "removes 90% weights in ResNet-50", "prune 52.5% FLOPs and 52.7% parameters of Swin-B": measured against the dense network
_PRUNED_OF = re.compile(r"(?i)\b(?:remov|prun|sparsif|eliminat)\w*\s+(?:up\s+to\s+|about\s+|over\s+|nearly\s+)?[\d.]+\s*\\?%\s+(?:of\s+)?(?:the\s+|its\s+)?"
                        r"(?:[\w-]+\s+){0,1}?(?:weights|parameters|FLOPs|connections|channels|filters|neurons)"
                        r"(?:\s+and\s+[\d.]+\s*\\?%\s+(?:of\s+)?(?:the\s+|its\s+)?(?:[\w-]+\s+){0,1}?\w+)?\s+(?:of|in|from)\s+(?:the\s+|a\s+)?$")


_LEADING_FOR = re.compile(r"(?i)\s*(?:in|for|on|with)\b[^,;]*?\b(?:such\s+as|like|including|e\.g\.,?)\s+(?:the\s+)?")


@lru_cache(maxsize=1024)
def implied_reference(sentence: str) -> str | None:
    """A reference model the sentence names without a comparison word ("the dense model", "full-size performance")."""
    low = sentence.lower()
    m = _REFERENCE.search(sentence) if any(w in low for w in _REFERENCE_HINTS) else None
    if m:
        if m.group("head").lower() in ("performance", "accuracy"):
            return f"{m.group('adj')} model"  # "sustains full-size performance" -> "full-size model"
        if m.group("head")[0].isupper() and not is_network(m.group("head")):
            return None
        return m.group(0)
    if not any(w in low for w in ("remov", "prun", "sparsif", "eliminat")):
        return None
    for a, _b, name in network_mentions(sentence):
        if _PRUNED_OF.search(sentence, max(0, a - 120), a):
            return f"dense {name}"
    return None


# the network a whole sentence is about: "With ResNet-18 on ImageNet it attains ...", "Starting from YOLOv5-s, SlimDet removes ...",
# "Applied to Mixtral-8x7B, it ...", "On Kinetics-400 with ViViT-B, MergeVid ...", "HALO compresses ResNet-50 to ..."
_LEADING_NET = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,4}?(?:with|for|on|using|applied\s+to|starting\s+from)\s+(?:(?:the|a|an)\s+(?:pre-?trained\s+)?)?$")
_VERB_OBJECT_NET = re.compile(r"(?i)\b(?:it|we|(?-i:[A-Z][\w-]*[A-Z][\w-]*))\s+(?:compress|prun|quantiz|sparsif|distill|accelerat|appl)\w*\s+(?:the\s+|a\s+|an\s+)?$")


def _setting_network(sentence: str, nets: list, q: Quantity) -> str | None:
    first_comma = sentence.find(",")
    for a, b, name in nets:
        if b > q.start:
            break
        if (_LEADING_NET.fullmatch(sentence, 0, a) and (first_comma < 0 or b <= first_comma)) or _VERB_OBJECT_NET.search(sentence, max(0, a - 40), a):
            if not any(a2 > b and b2 <= q.start for a2, b2, _n in nets):  # a network named later is closer to the number
                return name
    return None


def network_of(sentence: str, q: Quantity, model: str | None, stop: int) -> str | None:
    """The backbone network a number is about: the model itself, "... 52% FLOPs of Swin-B", "for ResNet-32", "ResNet-18 on ImageNet (+3.5%)"."""
    if is_network(model):
        return model
    nets = [n for n in network_mentions(sentence) if not REFERENCE_BEFORE.search(sentence, max(0, n[0] - 24), n[0])]  # "the unpruned ResNet-56"
    for a, b, name in nets:
        if q.end <= a < stop and not sentence.startswith("'s", b) and re.fullmatch(r"(?i)[^,;()]{0,50}?\b(?:for|of|in|on|with|using)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?", sentence[q.end:a]) \
                and not re.search(r"(?i)\b(?:than|compared|over|vs)\b", sentence[q.end:a]):
            return name
    clause_start = max(sentence.rfind(";", 0, q.start), sentence.rfind(":", 0, q.start)) + 1
    before = [(a, b, name) for a, b, name in nets if clause_start <= a and b <= q.start and not sentence.startswith("'s", b)]
    if before:
        a, b, name = before[-1]
        between = sentence[b:q.start]
        if re.match(r"\s*,", between) and _LEADING_FOR.fullmatch(sentence, clause_start, a):
            return name  # "In detection networks such as YOLOv3, our method reduces the parameters by 59.7%"
        if not _COMPARED_BEFORE.search(sentence[max(0, a - 40):a]) and not re.search(r"\d", between) \
                and not re.search(r"(?i)\b(?:than|compared|vs|versus|baseline)\b", between) and len(between) < 60 \
                and not re.search(r"[,;]\s*(?:and|or)?\s*$", between):  # "21% on GPT-2 Small, and 6.67% on EEG data"
            return name
    return _setting_network(sentence, nets, q)


def with_network(model: str | None, net: str, paper: Paper, left: str = "") -> str:
    """GUIDE: a named method on a named network is "Method (Network)"."""
    base = paper.method if paper.method and not is_network(paper.method) else None
    if model and not model.endswith("(ours)") and not is_network(model) and model != paper.method:
        return model
    d = described_in(left) if not base else None  # "our searched lottery jackpot removes 90% weights in ResNet-50"
    if d and len(d.split()) >= 2:  # one word ("our quantizer") is too thin to name the method by
        return f"{d} ({net})"
    if not base or base.lower() in net.lower() or net.lower() in base.lower():
        return net
    return f"{base} ({net})"


_NAME_CHUNK = r"(?:(?!\s(?:for|on|of|in|with)\s)[^,;()]){1,40}?"
_RESP_LIST = re.compile(r"(?i)\b(?:for|on|of|in|with)\s+(?:the\s+)?(?P<names>" + _NAME_CHUNK + r"(?:,\s*" + _NAME_CHUNK + r")*,?\s+and\s+" + _NAME_CHUNK + r")"
                        r"(?:\s+(?:datasets?|benchmarks?|models?|backbones?|networks?|tasks?))?,?\s+respectively\b")
_RESP_LIST = fast(_RESP_LIST)


def _bare_name(name: str) -> str:
    """"the 4-class Land-Cover.ai dataset" -> "Land-Cover.ai"; "CNN-based" -> "CNN"."""
    name = re.sub(r"(?i)[\s-]+based$", "", name.strip())
    name = re.sub(r"^(?:the\s+)?(?:\d+-(?:class|way|shot|category)\s+)?", "", name)
    return re.sub(r"(?i)\s+(?:datasets?|benchmarks?|corpus)$", "", name) or name


# "improves accuracy by 1.1% and 2.0% on CIFAR-10 and CIFAR-100": as many known datasets (or networks) right after the list, in order
_PARALLEL_LIST = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,4}?(?:on|for|in)\s+(?:the\s+)?(?P<names>" + _NAME_CHUNK + r"(?:,\s*" + _NAME_CHUNK
                            + r")*,?\s+and\s+" + _NAME_CHUNK + r")(?:\s+(?:datasets?|benchmarks?))?\s*(?:[,;.]|$)")


def _parallel_datasets(sentence: str, results) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    groups: dict[int, list[int]] = {}
    for k, r in enumerate(results):
        groups.setdefault(r[0].group, []).append(k)
    for ks in groups.values():
        if len(ks) < 2 or len({results[k][2] for k in ks}) > 1:
            continue  # "95.1% accuracy and 0.91 F1 on A and B": two metrics, not one per dataset
        end = results[ks[-1]][1].end
        if any(results[k][1].start >= end for k in range(len(results)) if k not in ks and results[k][1].start < end + 60):
            continue
        m = _PARALLEL_LIST.match(sentence[end:])
        if not m:
            continue
        names = [n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("names")) if n.strip()]
        if len(names) != len(ks):
            continue
        found = [dataset_mentions(_bare_name(n)) for n in names]
        if all(found):
            for k, ds in zip(ks, found):
                out[k] = ("dataset", ds[0][2])
        elif all(is_network(n) for n in names):
            for k, n in zip(ks, names):
                out[k] = ("model", n.strip())  # "by 1.5% and 2.0% for ResNet-18 and ResNet-50"
    return out


def respective_names(sentence: str, results) -> dict[int, tuple[str, str]]:
    """"... 96.71% and 95.35% in the UCI HAR and Motion-Sense datasets respectively": k-th number, k-th name."""
    out: dict[int, tuple[str, str]] = {}
    m = _RESP_LIST.search(sentence)
    if not m:
        return _parallel_datasets(sentence, results)
    names = [_bare_name(n) for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("names")) if n.strip()]
    members = [k for k, r in enumerate(results) if r[1].end <= m.start()]
    groups: dict[int, list[int]] = {}
    for k in members:
        groups.setdefault(results[k][0].group, []).append(k)
    for ks in groups.values():
        if len(names) >= 2 and len(ks) >= len(names) and len(ks) % len(names) == 0:
            # "precision 88% and 68%, and recall of 79% and 55% on A and B respectively": the names repeat in order
            for k, name in zip(ks, names * (len(ks) // len(names))):
                ds = dataset_mentions(name)
                if ds:
                    out[k] = ("dataset", ds[0][2])
                elif re.search(r"(?i)\b(?:datasets?|data|sets?|benchmarks?|corpus|corpora)\b", m.group(0)):
                    out[k] = ("dataset", name)
                elif NAME_RE.search(name) and not re.search(r"\s[a-z]+s$", names[-1]) or re.search(r"(?i)\s(?:models|networks|backbones|architectures)$", names[-1]):
                    out[k] = ("model", name)  # not "for PZ, TZ and AFS zones respectively"
    return out


def _respective_baseline(baseline: str | None, it, q, results, sentence: str) -> str | None:
    """"outperforms A and B by 5% and 7% respectively": the k-th number of a list is against the k-th name."""
    if not baseline or " and " not in baseline:
        return baseline
    names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", baseline) if n.strip()]
    if len(names) < 2 or not all(re.search(r"[A-Z0-9]", n) and len(n.split()) <= 3 for n in names):
        return baseline  # "fully-connected and convolutional architectures": one description
    members = sorted(r[1].start for r in results if r[0].group == it.group)
    if len(members) % len(names) or (len(members) == 1 and "respectively" not in sentence):
        return baseline
    if len(members) == 1:
        return baseline
    return names[members.index(q.start) % len(names)]


# "compared with 84.1 for Cal-QL and 71.9 for IQL", "compared with 2.9% and 7.3% for the teacher": later members of a compared list
_COMPARED_LIST = fast(re.compile(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:about\s+)?[\d.]+\s*(?:\\?%|(?!for\b|and\b)[a-zA-Z]{1,3}\b)?"
                                 r"(?:\s+for\s+[^,;()]{2,40}?)?(?:\s*,\s*[\d.]+\s*(?:\\?%|(?!for\b|and\b)[a-zA-Z]{1,3}\b)?(?:\s+for\s+[^,;()]{2,40}?)?)*,?\s+and\s+$"))
_LIST_REST = re.compile(r"(?:\s*(?:,|,?\s+and)\s+[\d.]+\s*(?:\\?%|(?!for\b|and\b)[a-zA-Z]{1,3}\b)?)*")
# the compared number is the reference model's: "for the original", "for the unmerged model", "for the full-precision model"
_REFERENCE_OWNER = re.compile(r"(?i)(?:the\s+)?(?P<adj>original|unmerged|uncompressed|unpruned|unquantized|dense|full-precision|floating-point|FP16|FP32|BF16)"
                              r"(?:\s+(?:model|network|version|baseline|checkpoint))?")


def paper_network(sentence: str, paper: Paper) -> str | None:
    """The one network (not the method) the sentence names, else the one the earlier sentences name."""
    for text in (sentence, " ".join(paper.earlier)):
        nets = {n[2] for n in network_mentions(text) if not (paper.method and paper.method in n[2])}
        if len(nets) == 1:
            return nets.pop()
        if nets:
            return None
    return None


def reference_network(owner: str, sentence: str, paper: Paper) -> str:
    """"68.4% for the original" of an abstract about Mixtral-8x7B: the number is the network's as it was -> "Mixtral-8x7B (original)"."""
    m = _REFERENCE_OWNER.fullmatch(owner.strip().rstrip("."))
    net = paper_network(sentence, paper) if m else None
    return f"{net} ({m.group('adj')})" if net else owner


_DOWN_FROM = re.compile(r"(?i)\b(?:up|down)\s+from\s+$")
# "improves the previous state-of-the-art accuracy from 8% to 81%": the changed reference names the "before" model
_CHANGED_REF = fast(re.compile(r"(?i)\b(?:improv|rais|boost|increas|reduc|lower|cut|push)\w*\s+(?:the\s+)?"
                               r"(?P<ref>(?:previous|prior|current)\s+(?:best|state[- ]of[- ]the[- ]art|SOTA)|baseline)\b"))
_PAIR_OWNER = re.compile(r"\s*(?:for|with|using)\s+(?![\d.]+\s)(?P<np>[^,;()]{2,60}?)\s+to\s+[\d.]")  # "from 1.58 for the noisy input to 2.87", "from 9.1 hours with FedAvg to 5.4"


def before_model(sentence: str, q: Quantity, paper: Paper) -> str | None:
    """The model the "before" value of a before -> after change belongs to (heldout README): the owner written after it
    ("from 1.58 for the noisy input to 2.87"), else the reference model of the sentence ("the dense model") or a network it names,
    else the reference or network an earlier sentence of the abstract names ("We upcycle a dense ViT-B/16 ...")."""
    ref = _CHANGED_REF.search(sentence, 0, q.start)
    if ref:
        return ref.group("ref")
    owner = _PAIR_OWNER.match(sentence, q.end)
    if owner:
        name = re.sub(r"(?i)^(?:the|a|an|its|their)\s+", "", owner.group("np").strip())
        if name and not dataset_mentions(name):
            return name
    for s in [sentence] + paper.earlier:
        ref = implied_reference(s)
        if ref:
            return ref
        nets = [n for n in network_mentions(s) if not (paper.method and paper.method in n[2])]
        if nets:
            adj = REFERENCE_BEFORE.search(s, max(0, nets[0][0] - 24), nets[0][0])  # "a dense ViT-B/16 checkpoint"
            return f"{adj.group(0).strip()} {nets[0][2]}" if adj and adj.group(0).strip().lower() != "baseline" else nets[0][2]
    return None


# the object of a verb that makes it faster or smaller is what the ratio is against: "accelerates X two-fold", "shrinks X to 69.8%"
_MADE_FASTER = fast(re.compile(r"(?i)\b(?:accelerat\w*|speeds?\s+up|sped\s+up|shrinks?|shrank|compress(?:es|ed)?)\s+(?P<np>(?:an?\s+|the\s+)?[^,;\d]{2,60}?)\s+"
                               r"(?:by\s+|to\s+)?(?:up\s+to\s+|about\s+|over\s+|more\s+than\s+|roughly\s+)?$"))
_OWN_OBJECT = re.compile(r"(?i)\b(?:our|its|their|it|itself|system|training|inference|search|process|procedure|pipeline|computation|framework|method)$|^(?:our|its)\b")
# "matches the HumanEval score of a 3B model trained on X while being three times smaller", "close to the 90.2% of the tool Foldseek"
_MATCHES_OF = fast(re.compile(r"(?i)\b(?:match(?:es|ed|ing)?|close\s+to|rivals?|rivalling|equals?)\s+(?:the\s+)?(?:[\w@.%-]+\s+){0,4}?of\s+"
                              r"(?P<np>(?:an?\s+|the\s+)?[^,;()]{2,60}?)(?=\s*(?:,|\bwhile\b|\bwith\b|\busing\b|\bat\b|$))"))
_ADDS = re.compile(r"(?i)\badd(?:s|ed|ing)?\s+(?:only\s+|just\s+|about\s+|less\s+than\s+|under\s+)?$")
_ADDED_TO = re.compile(r"(?i)\s*(?:[\w-]+\s+){0,3}?(?:to|on\s+top\s+of)\s+")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]")  # a two-letter acronym ("CS") says little in a leaderboard


def spelled_out(acr: str, abstract: str) -> str:
    """A baseline the abstract names by an acronym it defined: "compared to CS" -> "Compressed Sensing (CS)"."""
    at = abstract.find(f"({acr})")
    m = re.search(r"((?:[A-Z][\w-]*\s+){1,5})$", abstract[max(0, at - 80):at]) if at > 0 else None
    words = m.group(1).split() if m else []
    while words and words[0] in ("Unlike", "Like", "With", "Compared", "Over", "Than", "The", "A", "An", "Our", "In", "On", "For", "Both", "And"):
        words = words[1:]
    return f"{' '.join(words)} ({acr})" if words else acr


# "9times the throughput of the teacher", "2.6times that of the INT8 design": what the ratio is taken of
# "within 0.3% of the best tree model", "within 3 points of GPT-4o": the reference after "of"
_WITHIN = re.compile(r"(?i)\bwithin\s+(?:only\s+|just\s+|about\s+|roughly\s+)?$")
_N_OF = re.compile(r"(?i)\s*(?:\\?%|(?:[A-Z][\w-]*\s+)?points?|pp|dB)?\s+of\s+")
_TIMES_THE_OF = re.compile(r"(?i)\s*(?:the\s+(?:[\w-]+\s+){1,3}?|that\s+)of\s+")
# "within 0.6% of an RGB-D ensemble that is 40 times larger": the number describes the model named before "that is"
_THAT_IS_N = re.compile(r"(?i)\b(?:of|than|with|to|from|against)\s+(?P<np>[^,;()]{2,60}?)\s+(?:that|which)\s+(?:is|are|was|were)\s+"
                        r"(?:about\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+)?$")


_AND_ON = re.compile(r"(?i)\s*,?\s*and\s+(?:on|for|in)\s")


def _antecedent(np: str, left: str, paper: Paper) -> str | None:
    """What "that planner" refers to: the last "the/a ... planner" written before it (this sentence, then earlier ones)."""
    noun = np.split()[1].rstrip(".") if len(np.split()) > 1 else ""
    if not re.fullmatch(r"[a-z][\w-]+", noun):
        return None
    pat = re.compile(r"\b(?:the|a|an)\s+((?:[a-z][\w-]*\s+){0,2}" + re.escape(noun) + r")\b")
    for text in [left] + paper.earlier[::-1]:
        found = pat.findall(text)
        if found:
            return found[-1]
    return None


def link_slots(sentence: str, s_off: int, paper: Paper, results) -> list[Result]:
    dmentions = [d for d in dataset_mentions(sentence) if not compared_device(sentence, d)]  # "5.3x faster than DGL": a system
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
            if q.end <= a < stop and re.match(r"(?i)^[^,;)]{0,40}?\b(?:on|for|in|of|over)\s+(?:the\s+)?(?:\w+\s+){0,2}$", sentence[q.end:a]) \
                    and not _AND_ON.match(sentence, q.end, a):  # "an AUC of 0.991 and on a pump dataset with 0.947": the next number's
                claimed[k] = [(a, b, name)]
                break
    for k, (it, q, *_rest) in enumerate(results):
        if k not in claimed:  # "+1.8% higher ADE20K val. mIoU", "a 2.1% ImageNet accuracy gain": the dataset right after the number
            nxt = next((d for d in dmentions if d[0] >= q.end), None)
            if nxt and _NUMBER_THEN_DATASET.fullmatch(sentence, q.end, nxt[0]):
                claimed[k] = [nxt]
    resp_names = respective_names(sentence, results)
    talk = bool(_DATASET_TALK.search(sentence))
    for k, r in enumerate(results):
        pm = re.match(r"^\s*\(([^()]{2,30})\)", sentence[r[1].end:])
        if pm and k not in resp_names and ((talk and NAME_RE.search(pm.group(1))) or dataset_mentions(pm.group(1))) \
                and not re.match(r"(?i)\s*(?:in\s+terms\s+of|i\.e\.|e\.g\.|w\.r\.t|vs\.?|measured|see)\b", pm.group(1)):
            claimed[k] = [(-1, -1, pm.group(1))]  # "AUC of 99.47% (FF++) and 100.00% (CelebDF-v2)"
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
        if seg and claimed.get(k - 1) == [seg[0]]:
            continue  # "88.4% on OntoNotes, outperforming X by 1.4%": the previous number's dataset
        if len(seg) == 1 and re.search(r"(?i)\b(?:on|for|in)\s+(?:the\s+)?$", sentence[max(0, seg[0][0] - 12):seg[0][0]]):
            claimed[k] = [seg[0]]
            if k - 1 not in claimed:
                before = [d for d in dmentions if d[1] <= results[k - 1][1].start]
                if before and re.search(r"(?i)\b(?:on|for|in)\s+(?:the\s+)?$", sentence[max(0, before[-1][0] - 12):before[-1][0]]):
                    claimed[k - 1] = [before[-1]]
    claimed_spans = {(a, b) for v in claimed.values() for a, b, _ in v}
    unclaimed = [d for d in dmentions if (d[0], d[1]) not in claimed_spans]
    if len(unclaimed) >= 2 and not any(unclaimed[0][0] <= x <= unclaimed[-1][1] for x in starts):  # "On A, B and C it achieves Dice scores of 83.1%, 82.4% and 84.6%": a list of as many numbers maps in order
        groups: dict[int, list[int]] = {}
        for k, r in enumerate(results):
            if k not in claimed and r[1].start >= unclaimed[-1][1]:
                groups.setdefault(r[0].group, []).append(k)
        for ks in groups.values():
            if len(ks) == len(unclaimed):
                claimed.update({k: [d] for k, d in zip(ks, unclaimed)})
    elif len(unclaimed) >= 2:  # "GSM8K accuracy from 62.4% to 78.9% and MATH accuracy from 29.8% to 41.3%": the dataset named last before it
        for k, r in enumerate(results):
            before = [d for d in unclaimed if d[1] <= r[1].start]
            if k not in claimed and before:
                claimed[k] = [before[-1]]
    if len(dmentions) >= 2:  # "41.5% on HumanEval and 38.2% on MBPP, improving on X by 9.8 and 6.1 points": a later list follows the order
        groups = {}
        for k, r in enumerate(results):
            groups.setdefault(r[0].group, []).append(k)
        for ks in groups.values():
            if len(ks) >= 2 and not any(k in claimed for k in ks) and results[ks[0]][1].start > dmentions[-1][1]:
                prev = [k for k in range(ks[0]) if k in claimed][-len(ks):]
                if len(prev) == len(ks) and len({claimed[k][0][2] for k in prev}) == len(ks):
                    claimed.update({k: claimed[j] for k, j in zip(ks, prev)})
    quality_here = any(r[2] in QUALITY for r in results)
    # "runs in 6.2 ms with 73.9% top-1 accuracy": a cost beside an absolute score shares its dataset ("while being 2.3 points more accurate": not)
    quality_absolute = any(r[2] in QUALITY and r[4] == "absolute" for r in results)
    out = []
    for k, (it, q, metric, words, kind, direction, qualifier) in enumerate(results):
        if len(dmentions) >= 2 and _EACH.search(sentence, max(0, q.start - 8), q.start):
            ds = [d[2] for d in dmentions]  # "32.4 dB on Set5 and 28.7 dB on Set14, each 0.12 dB above ...": on all of them
        elif k in claimed:
            ds = [claimed[k][0][2]]
        elif unclaimed:
            ds = [d[2] for d in unclaimed if (metric in QUALITY or ";" not in sentence[min(d[1], q.end):max(d[0], q.start)])
                  and not (metric in EFFICIENCY and d[0] >= q.end and _NEW_CLAUSE.search(sentence, q.end, d[0]))]
            # "generates an image in 1.9 s on a phone, while reaching an FID of 14.6 on MS-COCO": the score's data, not the time's
            # "we train X on ERA5 data; the full run costs 1,150 GPU-hours": a cost is not measured on the data of another clause
        elif dmentions:
            before = [d for d in dmentions if d[1] <= q.start]
            ds = [before[-1][2]] if before else [dmentions[0][2]]
            if not before and metric in EFFICIENCY and _NEW_CLAUSE.search(sentence, q.end, dmentions[0][0]):
                ds = []
        elif quality_here and (metric not in EFFICIENCY or quality_absolute) and (metric != "score" or (words and words not in _SYSTEM_SCORES)) and paper.last_datasets():
            ds = paper.last_datasets()
        else:
            ds = []
        ds = list(dict.fromkeys(canonical_dataset(d) for d in ds))
        split = _ON_SPLIT.match(sentence, q.end) if len(ds) == 1 and " set" in sentence else None
        if split:  # "On Cityscapes it obtains 74.8% mIoU on the test set and 76.1% on the validation set"
            ds = [f"{ds[0]} ({'val' if split.group('s').lower().startswith('val') else split.group('s').lower()})"]
        dataset = ", ".join(ds) or None
        hw = None
        if metric not in NO_HARDWARE and not (metric in QUALITY and kind != "absolute"):
            stop = min([x for x in starts if x > q.start] + [len(sentence)])
            own = [h for h in hmentions if not compared_device(sentence, h)]
            if metric in QUALITY:  # a quality number is measured on a device named in its own clause
                own = [h for h in own if not _NEW_CLAUSE.search(sentence, min(h[1], q.end), max(h[0], q.start))]
            after = [h for h in own if q.end <= h[0] < stop and not _NEW_CLAUSE.search(sentence, q.end, h[0])]
            before = [h for h in own if h[1] <= q.start]
            later = [h for h in own if h[0] >= q.end]
            close = [h for h in later if _NUMBERS_THEN_ON.fullmatch(sentence, q.end, h[0])]  # "45x and 6150x for GPU and 17x and 3403x for CPU"
            if after and before and _COMPARED_LATER.search(sentence, q.end, after[0][0]):
                after = []
            elif later and not before and _COMPARED_LATER.search(sentence, q.end, later[0][0]) and _THE_DEVICE.search(sentence, 0, q.start):
                after = later = []  # "On the chip, a gesture takes 3.4 ms, compared with 41 mJ for X on a Jetson": the device named before  # "a 92% reduction compared with the same network on an X": X is the baseline's; a device before is ours
            if after and generic(after[0][2]) and before and not generic(before[-1][2]) and not _NEW_CLAUSE.search(sentence, before[-1][1], q.start) \
                    and not _COMPARED_VALUE.search(sentence, max(0, q.start - 30), q.start):  # "compared with 40 s for X on a 16-core CPU": X's device
                after = []  # "On a Samsung Galaxy S23 the real-time factor is 0.18 using four CPU cores": the cores are the phone's
            pick = after[0] if after else (close[0] if close else (before[-1] if before else (later[0] if later else None)))
            the = _THE_DEVICE.search(sentence, q.end, stop)
            if not the:  # "On the phone it is 1.9x faster" (but "54% on the Jetson and 40% ..." is about 54%)
                prev_end = max([r[1].end for r in results if r[1].end <= q.start] + [0])
                the = _THE_DEVICE.search(sentence, prev_end, q.start)
                if the and prev_end and not re.search(r"[A-Za-z]{3,}", sentence[prev_end:the.start()]):
                    the = None
            if pick and re.search(r"(?i)\bthe\s+$", sentence[max(0, pick[0] - 5):pick[0]]) and (generic(pick[2]) or " " not in sentence[pick[0]:pick[1]]):
                the = the if the and the.start("w") == pick[0] else None  # "on the Jetson": a device named before
                if the or pick[0] < q.start:
                    ref = _anaphor(sentence[pick[0]:pick[1]], paper.own_devices() + [(h[2], h[3]) for h in before if h is not pick])
                    pick = (pick[0], pick[1]) + ref if ref else pick
            elif the and not after and not close:
                ref = _anaphor(the.group("w"), paper.own_devices() + [(h[2], h[3]) for h in before])
                pick = (the.start("w"), the.end("w")) + ref if ref else pick
            if pick:
                hw = (pick[2], pick[3])
                longer = [h for h in paper.hardware if h[0] != hw[0] and h[0].startswith(hw[0] + " ")]
                if len(longer) == 1 and not _HW_PROCESSOR_END.search(longer[0][0]):
                    hw = longer[0]  # "the Jetson" of an abstract that names the Jetson Nano
                elif re.search(r"(?i)\bthe\s+$", sentence[max(0, pick[0] - 5):pick[0]]):
                    hw = _full_name(hw, paper.hardware)  # "the TX2 CPU" of an abstract that names the NVIDIA Jetson TX2 GPU
                also = [h for h in own if h[0] > pick[1] and _DEVICE_AND.fullmatch(sentence, pick[1], h[0])][:1]
                if also and pick[0] >= q.end:  # "improves by 1.2x-1.4x on RTX 4090 and L40S GPUs": on both, as with datasets
                    hw = (f"{hw[0]}, {also[0][2]}", hw[1])
            elif (metric in EFFICIENCY or (metric == "score" and words and "efficien" in words)) and paper.device:
                hw = paper.device
            elif metric in EFFICIENCY and hmentions and paper.own_devices():
                hw = paper.own_devices()[-1]  # "Compared with an X, Ember is 2.2x faster": on the device named before
        model = model_of(sentence, q, paper)
        if resp_names.get(k, ("", ""))[0] == "model":
            model = resp_names[k][1]
        elif it.extra.get("sep_name"):
            group_first = min(r[1].start for r in results if r[0].group == it.group)
            if not re.search(r"(?i)\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*)\s+(?:the\s+)?[^,;]{1,40}?\s+by\s+(?:\w+\s+){0,2}$",
                             sentence[:group_first]):
                model = it.extra["sep_name"]  # "A by 3.2% and B by 5.1%" after a comparison: B is the next baseline
        same_list = {r[1].start for r in results if r[0].group == it.group}  # "52.5% FLOPs and 52.7% parameters of Swin-B"
        stop_net = min([x for x in starts if x > q.end and x not in same_list] + [len(sentence)])
        net = network_of(sentence, q, model, stop_net)
        if net and re.search(r"(?i)\b(?:compared\s+(?:to|with)|than|vs\.?|versus|against|instead\s+of)\s+(?:about\s+|only\s+)?$", sentence[max(0, q.start - 30):q.start]) \
                and re.match(r"(?i)^\s*(?:for|of|by|with)\s+", sentence[q.end:]):
            owner = _FOR_OWNER.match(sentence, q.end)
            named = baseline_phrase("than " + owner.group("np")) if owner else None  # "against 5.6 s for Whisper-small" of a Whisper-based method
            model = reference_network(owner.group("np"), sentence, paper) if owner and _REFERENCE_OWNER.fullmatch(owner.group("np").strip().rstrip(".")) \
                else named if named and is_network(named) else net
            # "a top-5 error of 4.9%, compared with 6.7% for ResNet-152": the compared network's own number
        elif net and (kind == "absolute" or not it.pair) and not _VS_IN_PAREN.search(sentence, max(0, q.start - 40), q.start) and (mentions_ours(sentence) or (paper.method and paper.method in sentence)
                                                             or model.endswith("(ours)") or model == paper.method):
            model = with_network(model, net, paper, sentence[:q.start])
        elif kind == "absolute" and (_COMPARED_VALUE.search(sentence, max(0, q.start - 30), q.start)
                                     or _COMPARED_LIST.search(sentence, max(0, q.start - 90), q.start)):
            owner = _FOR_OWNER.match(sentence, _LIST_REST.match(sentence, q.end).end())  # "compared with 0.931 and 0.64 for X"
            if owner and _REFERENCE_OWNER.fullmatch(owner.group("np").strip().rstrip(".")):
                owner = None if not paper_network(sentence, paper) else owner
                if owner:
                    model = reference_network(owner.group("np"), sentence, paper)
            name = baseline_phrase("than " + _NEXT_NUMBER.split(owner.group("np"), 1)[0]) if owner and model != reference_network(owner.group("np"), sentence, paper) else None
            if owner and not name and owner.group("np").startswith(("that ", "this ")):
                name = _antecedent(owner.group("np"), sentence[:q.start], paper)  # "compared with 240 ms for that planner"
            if name and not dataset_mentions(name):
                model = name  # "compared with 6.41 for GPTQ", "up from 19 fps for per-frame detection": the compared method's own number
            elif _DOWN_FROM.search(sentence, max(0, q.start - 20), q.start):
                model = before_model(sentence, q, paper) or model  # "310 MB, down from 1.6 GB": the model before the change
        if it.pair and it.extra.get("pair_first"):
            model = baseline_phrase(sentence) or (None if is_network(model) and model != paper.method else before_model(sentence, q, paper)) or model
        elif kind == "absolute" and sentence.endswith("from ", max(0, q.start - 5), q.start) and _PAIR_OWNER.match(sentence, q.end):
            model = before_model(sentence, q, paper) or model  # "from 1.58 for the noisy input to 2.87" (a pair the grouping did not join)
        baseline = None
        if kind != "absolute":
            group_starts = [r[1].start for r in results if r[0].group == it.group]
            stop = min([x for x in starts if x > q.end and x not in group_starts] + [len(sentence)])
            prev_end = max([r[1].end for r in results if r[1].end <= q.start and r[0].group != it.group] + [0])
            near_left = re.split(r"[,;:(]", sentence[max(prev_end, q.start - 80):q.start])[-1]
            size_of = re.match(r"(?i)^\s*(?:of\s+)?the\s+size\s+of\s+", sentence[q.end:])
            clause_end = re.search(r"[;)]|$", sentence[q.end:]).start() + q.end
            possessive = kind == "ratio" and re.match(r"^\s*(?:[\w-]+\s+){0,4}?of\s+([A-Z][\w.-]*)'s\s", sentence[q.end:])
            of_ref = kind == "ratio" and q.unit == "%" and re.match(
                r"(?i)^\s*(?:[\w-]+\s+){0,4}?of\s+(?:that\s+of\s+)?(?=(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?"
                r"(?:original|full|full-size|full-precision|dense|teacher|unpruned|uncompressed|unquantized)\b)", sentence[q.end:])
            share_of = kind == "ratio" and q.unit == "%" and re.match(  # "25% of the parameters of BERT-base"
                r"(?i)^\s*of\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:parameters|weights|FLOPs|MACs|memory|size|compute)\s+(?:of|used\s+by|required\s+by)\s+",
                sentence[q.end:])
            right_cue = re.match(r"(?i)^\s*(?:[\w-]+\s+){0,3}?(?:than|over|compared\s+(?:to|with)|relative\s+to|vs\.?|versus|against)\s", sentence[q.end:stop])
            within_of = "within" in sentence and _WITHIN.search(sentence, max(0, q.start - 20), q.start) and _N_OF.match(sentence, q.end)
            gap_to = _GAP_OF.search(sentence, max(0, q.start - 40), q.start) and re.match(r"(?i)^\s*(?:to|from|with)\s+", sentence[q.end:])
            times_of = kind == "ratio" and q.unit == "x" and _TIMES_THE_OF.match(sentence, q.end)
            added_to = _ADDS.search(sentence, max(0, q.start - 20), q.start) and _ADDED_TO.match(sentence, q.end)  # "add 3.5% parameters to the base model"
            that_is = ("that " in sentence or "which " in sentence) and _THAT_IS_N.search(sentence, max(0, q.start - 90), q.start)
            within = within_of and baseline_phrase("than " + sentence[within_of.end():clause_end])
            within = None if within and within.lower().startswith("baseline") else within  # "within 99.99% of the baseline model": the one named before
            baseline = (within or (gap_to and baseline_phrase("than " + sentence[q.end + gap_to.end():clause_end])) or (possessive and possessive.group(1)) or (size_of and baseline_phrase("than " + sentence[q.end + size_of.end():stop]))
                        or (times_of and baseline_phrase("than " + sentence[times_of.end():clause_end]))
                        or (added_to and baseline_phrase("than " + sentence[added_to.end():clause_end]))
                        or (that_is and baseline_phrase("than " + that_is.group("np")))
                        or (of_ref and baseline_phrase("than " + sentence[q.end + of_ref.end():clause_end]))
                        or (share_of and baseline_phrase("than " + sentence[q.end + share_of.end():clause_end]))
                        or (right_cue and baseline_phrase(sentence[q.end:stop]))
                        or baseline_phrase(near_left, last=True) or baseline_phrase(sentence[q.end:stop])
                        or baseline_phrase(sentence[q.end:clause_end]) or baseline_phrase(sentence[:q.start], last=True))
            if it.extra.get("sep_name") and re.search(r"(?i)\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*)\b", sentence[:q.start]):
                baseline = it.extra["sep_name"]
            baseline = _respective_baseline(baseline, it, q, results, sentence)
            if baseline is None and kind in ("ratio", "reduction"):
                obj = _MADE_FASTER.search(sentence, max(0, q.start - 90), q.start)  # "accelerates a latent video diffusion model two-fold"
                obj = None if obj and _OWN_OBJECT.search(obj.group("np")) else obj  # "accelerate the system by 2.2x": its own system
                match = _MATCHES_OF.search(sentence, 0, q.start) if not obj else None  # "matches the score of a 3B model ... while being 3x smaller"
                baseline = baseline_phrase("than " + (obj or match).group("np")) if obj or match else None
            if baseline is None:
                baseline = implied_reference(sentence)
            if baseline and model and baseline.lower() == model.lower():
                baseline = None
            if baseline and _ACRONYM.fullmatch(baseline):
                baseline = spelled_out(baseline, paper.abstract)
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



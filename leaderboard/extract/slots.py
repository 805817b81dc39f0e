"""Slot linking: datasets, hardware, the model a number is about, and the baseline it is compared with."""

from __future__ import annotations

import re
from functools import lru_cache

from .fastre import fast
from .vocab import AliasMatcher, load_vocabularies


@lru_cache(maxsize=8)
def _entity_table(kind: str, key: int):
    vocab = load_vocabularies()
    entities = vocab.datasets if kind == "datasets" else vocab.hardware
    alias_to = {}
    for e in entities.values():
        for a in e.aliases + (e.name,):
            alias_to.setdefault(a, e)
    lower = {a.lower(): e for a, e in alias_to.items()}
    return AliasMatcher(alias_to), lower


def _mentions(kind: str, text: str):
    return _mentions_cached(kind, text, id(load_vocabularies()))


@lru_cache(maxsize=4096)
def _mentions_cached(kind: str, text: str, key: int):
    matcher, _ = _entity_table(kind, key)
    return tuple(matcher.find(text))


_DATASET_PHRASE = re.compile(
    r"\b(?:[Oo]n|[Ii]n|[Ff]or)\s+(?:the\s+)?(?:full\s+|standard\s+|challenging\s+|public\s+|real-world\s+|benchmark\s+)?"
    r"(?P<name>(?:[A-Z][\w'+\-.]*|[a-z]+[A-Z0-9][\w\-]*|\d+[A-Z][\w\-]*)(?:\s+(?:[A-Z0-9][\w'+\-.]*))*(?:\s+[a-z][\w-]+){0,2}?)\s+"
    r"(?:dataset|benchmark|corpus|data\s+set|challenge|suite|(?:test|validation|val|dev)\s+(?:set|split)|data(?=\s*,))s?\b")


_TRAINED_ON = re.compile(r"(?i)\b(?:(?:pre-?trained|trained|training|pre-?training)\s+(?:\w+\s+){0,2}on\s+(?:the\s+)?|pre-?trained\s+)$")  # "a pre-trained ImageNet checkpoint"
_DATASET_WORD = re.compile(r"(?i)(?:dataset|benchmark|corpus|data\s+set|challenge|suite|\s(?:set|split)\b|data\s*,)")


def dataset_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of datasets named in ``text``: vocabulary aliases, then "on the X dataset"."""
    return list(_dataset_mentions(text, id(load_vocabularies())))


_DS_VERSION_AFTER = re.compile(r"\s(?:v\d+(?:\.\d+)?|(?:19|20)\d{2})(?![\w.-])")  # "BraTS 2021", "Speech Commands v2": the edition as written
# "ImageNet 256x256", "ImageNet 512times512": the resolution a generative benchmark is run at; "MS-COCO 30K": its evaluation subset
_DS_RESOLUTION_AFTER = re.compile(r"\s(?P<w>\d{2,4})\s*(?:x|×|times|\\times)\s*(?P<h>\d{2,4})(?![\w.])|\s(?P<k>\d{1,3}[Kk])(?![\w.-])(?!\s+(?:images|samples|steps|iterations|tokens|pairs|prompts))")


def _edition(text: str, a: int, b: int, name: str) -> tuple[int, int, str]:
    m = _DS_VERSION_AFTER.match(text, b)
    if m:
        return a, m.end(), text[a:m.end()]
    m = _DS_RESOLUTION_AFTER.match(text, b) if text.startswith(" ", b) else None
    if m and not re.search(r"\d[Kk]?$", name):  # not "MovieLens 1M", "ImageNet-1K"
        return a, m.end(), f"{text[a:b]} {m.group('w')}x{m.group('h')}" if m.group("w") else f"{text[a:b]} {m.group('k')}"
    return a, b, name


# a benchmark the vocabulary does not know, named the way benchmarks are ("WLASL-100", "CORe50", "OGB-molhiv", "CHASE_DB1",
# "MMLU-STEM", "DRIVE", "arXiv"), after "On" at the start of a clause whose subject follows ("On CORe50 our method reaches",
# "On DRIVE, CHASE_DB1 and STARE it achieves"), or after a result number ("93.4% top-1 accuracy on WLASL-100 and 81.2% on WLASL-300")
_BENCH = r"(?:(?=[\w-]*[A-Z])[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+|[A-Z][a-z]*[A-Z0-9][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{3,}\d*)(?:\s[A-Z][a-z]+)?"
_TASK_WORDS = r"(?:\s+(?:[a-z]+\s+)?(?:summarization|classification|detection|segmentation|retrieval|translation|generation|recognition|prediction|estimation|forecasting|regression|answering|completion|tasks?|splits?|subsets?))?"
_ON_BENCH_START = fast(re.compile(
    r"(?:^|[,;]\s+(?:and\s+|while\s+|whereas\s+)?)(?:On|on|Across|across)\s+(?:the\s+|a\s+benchmark\s+of\s+)?(?P<names>" + _BENCH + r"(?:,\s*" + _BENCH + r")*(?:,?\s+and\s+" + _BENCH + r")?)"
    + _TASK_WORDS + r"(?=\s*,|\s+(?:it|we|our|the|this|its|they|(?-i:[A-Z][\w-]*)\s+(?:\w+s|is|are|has|was)\b))"))
_ON_BENCH_AFTER_NUMBER = re.compile(
    r"(?:\d|%)\s*(?:[A-Za-z@\d-]+\s+){0,3}?on\s+(?:the\s+)?(?P<names>" + _BENCH + r"(?:\s+and\s+" + _BENCH + r")?)"
    + r"(?=\s*[,.;)]|\s+(?:and|by|with|while|whereas|at|using|in|for|compared|versus|vs)\b|$)")
# data described rather than named: "on an internal dataset", "over seven commonsense tasks", "On zero-shot commonsense tasks"
# (a suite of tasks only after a count or zero-/few-shot: "on downstream tasks" names none)
_GENERIC_TASK = (r"(?:downstream|different|multiple|various|several|many|other|all|these|those|both|unseen|new|similar|related|standard|challenging|"
                 r"additional|diverse|seen|held-out|more|most|target|source|evaluation|benchmark|representative|typical|common|popular|classic|"
                 r"learning|distinct|interesting|important|practical|key|three|four|five|seven|eight|nine|eleven|twelve)")
_DESCRIBED_DATA = fast(re.compile(
    r"\b(?:[Oo]n|[Oo]ver|[Aa]cross)\s+(?:an?\s+|our\s+|the\s+)?(?P<n>(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
    r"(?P<name>(?P<adj>internal|proprietary|private|in-house|industrial|production)\s+(?:[a-z-]+\s+)?(?:dataset|data|corpus)"
    r"|(?(n)(?:zero-shot\s+|few-shot\s+)?|(?:zero-shot|few-shot)\s+)(?!" + _GENERIC_TASK + r"\s)[a-z]{4,}(?:\s+(?!" + _GENERIC_TASK + r"\s)[a-z]{4,})?\s+tasks)\b"))
_NOT_BENCH = re.compile(r"(?:FP|INT|BF|TF|MX|W\d|A\d)\d*\w*|.*\d(?:\.\d+)?[BbMm](?:-\w+)?|.*(?:GPU|CPU|TPU|NPU|FPGA)s?|(?i:test|dev|val|valid|train)(?:[-_]\w+)?")
_DEVICE_NEXT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:GPU|CPU|TPU|NPU|FPGA|SoC|chip|board|phone)s?\b")  # "On AWS Graviton3 CPUs"


_NAMED_LIST = re.compile(r"(?P<l>(?:[A-Z][\w-]*,\s+)+[A-Z][\w-]*,?\s+and\s+[A-Z][\w-]*)\s+(?:benchmarks|datasets)\b")


def _named_benchmarks(text: str, found: list) -> list[tuple[int, int, str]]:
    out = []
    for rx in (_ON_BENCH_START, _ON_BENCH_AFTER_NUMBER):
        for m in rx.finditer(text):
            for n in re.finditer(_BENCH, m.group("names")):
                a, b = m.start("names") + n.start(), m.start("names") + n.end()
                name = n.group(0)
                if name in _NOT_NAMES or _NOT_BENCH.fullmatch(name) or is_network(name) or name.lower() in vocab_words() \
                        or any(x < b and a < y for x, y, *_ in found + out) or _hardware_mentions(name, id(load_vocabularies())) \
                        or _DEVICE_NEXT.match(text, b):
                    continue
                out.append((a, b, name))
    for a0, b0, name in list(out):  # the same name again elsewhere ("surpassing the best method on WLASL-100 by 4.1 points")
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if (i == 0 or not _word_char(text[i - 1])) and (j == len(text) or not _word_char(text[j])) \
                    and not any(x < j and i < y for x, y, *_ in found + out):
                out.append((i, j, name))
            i = text.find(name, j)
    return out


@lru_cache(maxsize=4096)
def _dataset_mentions(text: str, key: int):
    found = [_edition(text, a, b, e.name) for a, b, e in _mentions("datasets", text)
             if not _TRAINED_ON.search(text, max(0, a - 30), a)]
    for m in (_DATASET_PHRASE.finditer(text) if _DATASET_WORD.search(text) else ()):
        a, b = m.span("name")
        name = m.group("name")
        if re.match(r"\s+data\s*,", text[b:]) and re.search(r"\s[a-z]", name):
            name += " data"  # "On 4MOST mock data,": a description keeps "data" ("On DESI data," is just "DESI")
        if not any(x < b and a < y for x, y, _ in found):
            found.append((a, b, name))
    if " on " in text or "On " in text or "cross " in text:
        found += _named_benchmarks(text, found)
    if "benchmarks" in text or "datasets" in text:
        for m in _NAMED_LIST.finditer(text):  # "the ETTh1, ETTm2, Weather and Electricity benchmarks": each item, known or not
            items = [(m.start("l") + n.start(), m.start("l") + n.end(), n.group(0)) for n in re.finditer(r"[A-Z][\w-]*", m.group("l"))]
            if any(x < b and a < y for a, b, _ in items for x, y, *_ in found):
                found += [i for i in items if not any(x < i[1] and i[0] < y for x, y, *_ in found)]
    if "task" in text or "data" in text or "corpus" in text:
        for m in _DESCRIBED_DATA.finditer(text):
            a, b = m.span("name")
            if not any(x < b and a < y for x, y, _ in found):
                found.append((a, b, m.group("name")))
    return tuple(sorted(found))


# a device family followed by its model number, kept as written ("Kirin 9000", "Exynos 2100", "Xeon Gold 6248", "Core i7-8700")
_HW_FAMILY = re.compile(
    r"(?<![\w-])(?:(?P<phone>(?:Qualcomm\s+)?Snapdragon\s+(?:8\s+Gen\s+\d|\d{3})\+?|(?:HiSilicon\s+)?Kirin\s+\d{3,4}\w?|(?:Samsung\s+)?Exynos\s+\d{4}"
    r"|(?:MediaTek\s+)?(?:Dimensity|Helio)\s+[A-Z]?\d{2,4}\w?|Google\s+Tensor(?:\s+G\d)?|Apple\s+A1\d(?:\s+Bionic)?|A1\d\s+Bionic"
    r"|OnePlus\s+\d{1,2}\w?(?:\s+Pro)?|Xiaomi\s+(?:Mi\s+)?\d{1,2}\w?(?:\s+(?:Pro|Ultra))?|Redmi\s+(?:Note\s+)?\d{1,2}\w?(?:\s+Pro)?"
    r"|Huawei\s+(?:Mate|P)\s?\d{2}\w?(?:\s+Pro)?|iPad\s+(?:Pro|Air|mini)(?:\s+\(M\d\)|\s+M\d)?|Galaxy\s+Tab\s+S\d+\w?)"
    r"|(?P<cpu>(?:Intel\s+)?Xeon\s+(?:(?:Gold|Silver|Platinum|Bronze|Phi)\s+)?[A-Z]?\d{3,4}\w*(?:\s+v\d)?|(?:Intel\s+)?(?:Core\s+i[3579][-\s]|i[3579]-)\d{4,5}\w*"
    r"|(?:AMD\s+)?(?:EPYC|Ryzen(?:\s+[3579])?)\s+\d{4}\w*|(?:ARM\s+)?Cortex-A\d{2,3}|(?:AWS\s+)?Graviton\s?\d?)"
    r"|(?P<mcu>STM32\w+|(?:ARM\s+)?Cortex-M\d{1,2}\+?)"
    r"|(?P<asic>Hailo-\d+\w?|Ascend\s+\d{3}\w?|Kendryte\s+K\d{3}|(?:Arm\s+|ARM\s+)?Ethos-[NU]\d{2}|(?:Intel\s+)?Gaudi\s?\d?|(?:AWS\s+)?(?:Inferentia|Trainium)\s?\d?)"
    r"|(?P<gpu>(?:NVIDIA\s+)?(?:GeForce\s+)?(?:RTX|GTX)\s+(?:A)?\d{3,4}(?:\s?Ti|\s+SUPER)?|(?:AMD\s+)?Radeon\s+(?:RX\s+|Pro\s+|VII)?\d{0,4}\w*"
    r"|(?:AMD\s+)?Instinct\s+MI\d{2,3}\w?|(?:NVIDIA\s+)?Quadro\s+[A-Z]+\s?\d{3,4}|(?:NVIDIA\s+)?(?:L40S?|A40|A30|A800|H800|GH200|B200)))(?![\w-])")
_HW_FAMILY_CUE = re.compile(r"Snapdragon|Kirin|Exynos|Dimensity|Helio|Tensor|Bionic|Xeon|Core\s|EPYC|Ryzen|Cortex|STM32|Hailo|Ascend|Kendryte|RTX|GTX|Radeon|Instinct|Quadro"
                             r"|OnePlus|Xiaomi|Redmi|Huawei|iPad|Galaxy\sTab|Graviton|Ethos|Gaudi|Inferentia|Trainium|L40|A40|A30|A800|H800|GH200|B200")
_HW_DEVICE_WORD = re.compile(r"\s+(?:(?:laptop|desktop|mobile|embedded|server)\s+(?=[GCN]PU))?(?:GPUs?|CPUs?|NPUs?|SoCs?|processors?|phones?|smartphones?|boards?|chips?|accelerators?|MCUs?|microcontrollers?|microNPUs?|core)\b")
# "GPU hours" is a unit, "multi-GPU training" / "more GPUs" a setting: neither names where a number was measured
_NOT_DEVICE_BEFORE = re.compile(r"(?i)(?:\bmulti-|\b(?:multiple|more|fewer|several|many|additional|extra)\s+)$")
_NOT_DEVICE_AFTER = re.compile(r"(?i)[\s-]*(?:hours?|hrs?|days?|years?|months?|seconds?|utili[sz]ation|usage|load|cycles|memory)\b")


# a device as written: the vendor before it ("Intel's Loihi", "NVIDIA Jetson Orin"), its model after it ("Galaxy S24", "iPhone 15 Pro",
# "Loihi 2", "Orin NX") and the processor of it that ran the number ("Galaxy S21 GPU", "M1 laptop CPU")
_HW_VENDOR_BEFORE = re.compile(r"(?:NVIDIA|Nvidia|Intel|AMD|Apple|Samsung|Google|Qualcomm|Xilinx|ARM|Arm|Huawei|MediaTek|HiSilicon)(?:'s|’s)?\s+$")
_HW_MODEL_AFTER = re.compile(r"(?:\s(?:[A-Z]{1,3}\d{1,4}[A-Za-z]{0,2}|v\d{1,2}|\d{1,4}|Pro|Max|Plus|Ultra|Mini|NX|Nano|Ti|SE|Lite)(?![\w-]))+"
                             r"(?!\s*(?:[x×%]|times|fold|fps|FPS|ms|s\b|W\b|[GMKT]B\b|hours?|minutes?|bits?|-bit))")
_HW_COMPONENT_AFTER = re.compile(r"\s+(?:(?:laptop|desktop|mobile|embedded|server)\s+)?(?:GPU|CPU|NPU|DSP)\b(?![\w-])")
_HW_COMPONENT = re.compile(r"(?:GPU|CPU|NPU|DSP|TPU)s?")
_HW_TRAILING_COMPONENT = re.compile(r"\s+(?:(?:laptop|desktop|mobile|embedded|server)\s+)?(?:GPU|CPU|NPU|DSP|TPU|FPGA)s?$")
_HW_OF = re.compile(r"\s+of\s+(?:an?|the)\s+")  # "the GPU of an NVIDIA Jetson Orin NX", "the Hexagon NPU of a Snapdragon 8 Gen 2"
_HW_INSIDE = re.compile(r"\s+with\s+(?:an?\s+|its\s+)?|\s*\(\s*")
_HW_ITS = re.compile(r"(?i)\bits\s+$")  # "and at 35 fps on its CPU"
_GENERIC_HW = {"GPU", "CPU", "FPGA", "TPU", "mobile phone", "ASIC", "microcontroller"}


_HW_PHONE_AFTER = re.compile(r"\s+Neural\s+Engine\b")  # a phone's processor ("Samsung S8 phone" stays "Samsung S8", GUIDE)
_GENERIC_BEFORE = re.compile(r"(?<![\w-])(?P<w>(?:single|one)\s+(?:(?:laptop|desktop|consumer|server)\s+)?|(?:\d+\s?GB\s+)?(?:laptop|desktop|consumer|server|commodity)\s+)$", re.I)
_GENERIC_AFTER = re.compile(r"\s+(?:core|servers?)\b(?![\w-])")
_COUNT_BEFORE = re.compile(r"(?<![\w.,-])(?P<w>(?:\d{1,4}|two|four|eight|sixteen)\s+(?:\d+\s?GB\s+)?|\d+\s?GB\s+)$")


def _hw_words(name: str) -> set[str]:
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in name.lower().split()}


def _as_written(text: str, a: int, b: int, name: str, category: str = "") -> tuple[int, int, str]:
    """A vocabulary device with the vendor, model and processor the text writes around it."""
    core = re.sub(r"\s+", " ", text[a:b])
    # a specific device as written ("Jetson Nano", "Samsung Galaxy S8", "A100", "TPU v4"); a generic word, and a board
    # the vocabulary names as an FPGA ("ZCU104 FPGA", GUIDE), by the vocabulary's name;
    # the device as written when it says less or more than the vocabulary's name, not something else ("Tesla T4" -> "T4 GPU")
    cw, nw = _hw_words(core), _hw_words(name)
    as_written = (" " in core or any(ch.isdigit() for ch in core)) and core.lower() != name.lower() \
        and ((cw <= nw and name not in _GENERIC_HW) or nw <= cw)
    base = core if as_written and not (category == "fpga" and name.endswith(" FPGA")) else name
    m = _HW_MODEL_AFTER.match(text, b) if name not in _GENERIC_HW else None
    if m:
        base, b = re.sub(r"\s+", " ", core + m.group(0)), m.end()
    c = _HW_COMPONENT_AFTER.match(text, b) or (_HW_PHONE_AFTER.match(text, b) if category == "phone" and name != "mobile phone" else None)
    if c and not _HW_TRAILING_COMPONENT.search(core):
        base, b = (base if m or as_written else core) + " " + c.group(0).strip(), c.end()  # as written: "2080Ti GPU", "Hexagon NPU", "iPhone 14 Neural Engine"
    if name in _GENERIC_HW:
        g = _GENERIC_BEFORE.search(text, max(0, a - 20), a)
        e = _GENERIC_AFTER.match(text, b)
        if g or e:  # "one GPU", "a single GPU", "laptop GPU", "single CPU core", "CPU servers"
            a2, b = (g.start("w") if g else a), (e.end() if e else b)
            base, a = re.sub(r"\s+", " ", text[a2:b]), a2
    elif core.endswith("s"):
        n = _COUNT_BEFORE.search(text, max(0, a - 16), a)
        if n:  # "8 A100 GPUs", "40GB A100 GPUs"
            base, a = re.sub(r"\s+", " ", text[n.start("w"):a]) + base, n.start("w")
    v = _HW_VENDOR_BEFORE.search(text, max(0, a - 12), a)
    if v:
        vendor = re.sub(r"['’]s$", "", v.group(0).strip())
        if vendor.lower() not in base.lower():
            base = f"{vendor} {base}"
        a = v.start()
    return a, b, base


def generic_device(name: str | None) -> bool:
    """Whether a device name says only what kind of processor it is ("GPU", "one GPU", "laptop CPU", "CPU servers")."""
    if not name:
        return False
    core = _GENERIC_AFTER.sub("", _GENERIC_WORDS.sub("", name))
    return core in _GENERIC_HW or core.endswith("s") and core[:-1] in _GENERIC_HW


_GENERIC_WORDS = re.compile(r"(?i)^(?:\d+\s?GB\s+)?(?:(?:single|one)\s+)?(?:(?:laptop|desktop|consumer|server|commodity)\s+)?")


def hardware_mentions(text: str):
    """(start, end, name, category) of devices named in ``text``."""
    return _hardware_mentions(text, id(load_vocabularies()))


@lru_cache(maxsize=4096)
def _hardware_mentions(text: str, key: int) -> tuple:
    out = []
    fam = []
    if _HW_FAMILY_CUE.search(text) or any(c in text for c in ("i3-", "i5-", "i7-", "i9-")):
        for m in _HW_FAMILY.finditer(text):
            a, b = m.span()
            dw = _HW_DEVICE_WORD.match(text, b)
            if dw and m.lastgroup != "mcu":
                b = dw.end()
            fam.append((a, b, re.sub(r"\s+", " ", text[a:b]), m.lastgroup))
    for a, b, e in _mentions("hardware", text):
        if _NOT_DEVICE_AFTER.match(text, b, b + 24) or (e.category in ("gpu", "tpu", "cpu") and _NOT_DEVICE_BEFORE.search(text, max(0, a - 12), a)):
            continue  # "reducing CPU utilization", "8 GPU hours", "multi-GPU training" are not where a number was measured
        if any(x < b and a < y for x, y, *_ in fam):
            continue
        a, b, name = _as_written(text, a, b, e.name, e.category)
        out.append((a, b, name, e.category))
    out = sorted(out + fam)
    # "Xilinx" inside "Xilinx ZCU104 FPGA" (of two mentions of one span, the longer name)
    out = [h for h in out if not any(x <= h[0] and h[1] <= y and ((x, y) != (h[0], h[1]) or len(n) > len(h[2])) for x, y, n, _c in out)]
    merged: list = []
    for h in out:
        if merged and not text[merged[-1][1]:h[0]].strip() and h[0] > merged[-1][1]:
            p = merged[-1]  # "STM32 Cortex-M4 microcontroller", "Coral Edge TPU", "A6000 GPUs": one device named in several words, as written
            whole = f"{p[2][:-1]} {text[h[0]:h[1]]})" if p[2].endswith(")") else text[p[0]:h[1]]  # "Raspberry Pi 4 (Coral Edge TPU)"
            merged[-1] = (p[0], h[1], re.sub(r"\s+", " ", whole), p[3])
            continue
        if merged and _HW_OF.fullmatch(text, merged[-1][1], h[0]):
            p = merged[-1]
            whole = f"{h[2]} {p[2]}" if _HW_COMPONENT.fullmatch(p[2]) else f"{p[2]} ({h[2]})"
            merged[-1] = (p[0], h[1], whole, h[3] if _HW_COMPONENT.fullmatch(p[2]) else p[3])
            continue
        if merged and _HW_INSIDE.fullmatch(text, merged[-1][1], h[0]) and not generic_device(merged[-1][2]) and not generic_device(h[2]) \
                and merged[-1][3] in ("phone", "mcu", "cpu", "sbc") and h[3] in ("phone", "asic", "tpu", "mcu", "cpu"):
            p = merged[-1]  # "a Xiaomi 14 with a Snapdragon 8 Gen 3", "an STM32F446 (Cortex-M4 at 180 MHz)": the device and its processor
            inner = " ".join(text[h[0]:h[1]].split()).removesuffix(" chip")  # "a MacBook Air with an M2 chip" -> "MacBook Air (M2)"
            merged[-1] = (p[0], h[1], f"{p[2]} ({inner})", p[3])
            continue
        if _HW_COMPONENT.fullmatch(h[2]) and merged and _HW_ITS.search(text, max(0, h[0] - 8), h[0]) and merged[-1][2] not in _GENERIC_HW:
            h = (h[0], h[1], _HW_TRAILING_COMPONENT.sub("", merged[-1][2]) + " " + text[h[0]:h[1]], merged[-1][3])
        merged.append(h)
    return tuple(merged)


def hardware_names() -> set[str]:
    """The vocabulary's device names (not aliases)."""
    return _hardware_names(id(load_vocabularies()))


@lru_cache(maxsize=8)
def _hardware_names(key: int) -> set[str]:
    return set(load_vocabularies().hardware)


def hardware_category(name: str) -> str | None:
    """Category (phone, jetson, fpga, gpu, cpu, tpu, mcu, sbc, asic) of a device name or alias."""
    if not name:
        return None
    _, lower = _entity_table("hardware", id(load_vocabularies()))
    e = lower.get(name.lower())
    if e is not None:
        return e.category
    hits = hardware_mentions(name)
    return hits[-1][3] if hits else None


def canonical_dataset(name: str) -> str:
    _, lower = _entity_table("datasets", id(load_vocabularies()))
    e = lower.get((name or "").lower().strip())
    return e.name if e else name


# ---------------------------------------------------------------- models

_NAME = r"(?:[A-Z][a-z]*[A-Z0-9][\w\-+.]*[\w+]|[A-Z][a-z]{2,}[A-Z](?![\w\-])|[A-Z]{2,}[\w\-+]*|[A-Z][a-z]+-[A-Z0-9][\w\-]*|[a-z]+[A-Z][\w\-]*)"
NAME_RE = re.compile(r"(?<![\w\-])" + _NAME + r"(?![\w\-])")
_NOT_NAMES = {
    "GPU", "GPUs", "CPU", "CPUs", "TPU", "FPGA", "FPGAs", "AI", "ML", "DL", "NLP", "CV", "NN", "NNs", "DNN", "DNNs", "CNN", "CNNs",
    "SOTA", "LLM", "LLMs", "API", "APIs", "IoT", "RL", "SGD", "IID", "MLP", "MLPs", "RNN", "RNNs", "GNN", "GNNs", "ViT", "ViTs",
    "FLOPs", "MACs", "MB", "GB", "KB", "TB", "FPS", "TOPS", "GOPS", "TOPs", "GOPs", "Wh", "MOS", "AUC", "BLEU", "ROUGE", "PSNR", "SSIM", "F1", "WER", "MAE",
    "RMSE", "AP", "mAP", "mIoU", "PPL", "R2", "TTS", "ASR", "QA", "US", "UK", "EU", "PhD", "ECG", "EEG", "MRI", "CT", "IL",
    "RGB", "RGB-D", "LiDAR", "HMM", "SVM", "CL", "KD", "PTQ", "QAT", "NMT", "GAN", "GANs", "VAE", "VAEs", "OOD", "ID", "CUDA",
    "PyTorch", "TensorFlow", "JAX", "GitHub", "ImageNet", "DoS", "CAN", "ECU", "IDS", "SNR", "DSP", "DSPs", "SRAM", "DRAM",
    "OpenAI", "LSTM", "LSTMs", "GRU", "BNN", "BNNs", "SNN", "SNNs", "CRF", "GP", "GPs", "MCMC", "HMC", "NTK", "PDE", "PDEs",
    "ODE", "ODEs", "DFT", "SAEs", "SAE", "NFT", "PZ", "TZ", "DPU", "AFS", "AUROC", "Top-1", "Top-5", "ROC", "CI",
    "NVIDIA", "AMD", "ARM", "MediaTek", "HiSilicon", "TensorRT", "OpenVINO", "ONNX",  # vendors and runtimes, not methods
}
NOT_NAMES = _NOT_NAMES  # for linking: tokens that look like names but never name a method
_OURS = re.compile(r"(?i)\b(?:our|ours|the proposed|the presented|this|we|it|its|the resulting|the new)\b")
_INTRO = re.compile(
    r"(?:(?:we|We)\s+(?:\w+\s+)?(?:propose|present|introduce|develop|design|call|name|dub|term)[sd]?\b[^.;]{0,160}?"
    r"|[Tt]his\s+(?:paper|work|study|article)\s+(?:propose|present|introduce|develop|design)s\b[^.;]{0,60}?"
    r"|\b(?:called|named|dubbed|termed|coined|referred\s+to)\s+(?:as\s+)?[\"“'‘]?|\b(?:the|our)\s+proposed\s+)"
    r"(?<![\w\-])(?P<name>" + _NAME + r"(?:\s" + _NAME + r")?)"
)
_TITLE_CASE_INTRO = re.compile(
    r"\b(?:[Ww]e|[Tt]his\s+(?:paper|work))\s+(?:propose|present|introduce)s?\s+(?P<name>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|by|of|for|via|with|and)){1,6}?\s+[A-Z][\w-]*)"
    r"(?=\s*(?::|,\s+(?:a|an|which)\b|\())")
_INTRO_NOUN = re.compile(
    r"\b(?:propose|present|introduce|develop|design)[sd]?\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?P<name>" + _NAME + r")\s+"
    r"(?:method|model|framework|approach|network|architecture|algorithm|system|technique|mechanism)s?\b")


GENERIC_MODELS = {"CNN", "CNNs", "DNN", "DNNs", "RNN", "RNNs", "LSTM", "LSTMs", "SVM", "MLP", "MLPs", "GNN", "GNNs", "ViT",
                  "ViTs", "HMM", "GAN", "GANs", "VAE", "GRU", "BNN", "SNN", "CRF", "ANN", "ANNs", "NN", "NNs", "BERT", "GPT-3", "GPT-4"}


_AFTER_NUMBER = re.compile(r"\d\s*(?:[a-zA-Zµ]{1,3}\s+)?$")  # "at 80 MHz", "a 22 nm FDX process": a unit or a setting, not a name


def _after_number(text: str, start: int) -> bool:
    return bool(_AFTER_NUMBER.search(text, max(0, start - 8), start))


_LANGUAGE_PAIR = re.compile(r"[A-Z][a-z]{1,2}-[A-Z][a-z]{1,2}")  # "En-De"


def _nameish(tok: str, vocab_words: set[str]) -> bool:
    return (tok not in _NOT_NAMES and tok.lower() not in vocab_words and len(tok) > 1 and not tok.isdigit()
            and "GPU" not in tok and "CPU" not in tok and "TPU" not in tok and not _LANGUAGE_PAIR.fullmatch(tok))


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"  # [\w-]


def _count_word(tok: str, text: str) -> int:
    r"""``len(re.findall(r"(?<![\w-])" + re.escape(tok) + r"(?![\w-])", text))`` without compiling a pattern per token."""
    n, i = 0, text.find(tok)
    while i >= 0 and tok:
        j = i + len(tok)
        if (i == 0 or not _word_char(text[i - 1])) and (j == len(text) or not _word_char(text[j])):
            n += 1
            i = text.find(tok, j)
        else:
            i = text.find(tok, i + 1)
    return n


_LOWER_WORDS_PAREN = re.compile(r"\b[a-z][a-z-]+\s+\(")


def _task_acronym(tok: str, text: str) -> bool:
    """An acronym the text defines after lower-case words ("handwritten character recognition (HCR)"): a task, not a method."""
    # re.search(r"\b[a-z][a-z-]+\s+\(" + re.escape(tok) + r"s?\)", text) without compiling a pattern per token
    return any(text.startswith(tok + ")", m.end()) or text.startswith(tok + "s)", m.end()) for m in _LOWER_WORDS_PAREN.finditer(text))


@lru_cache(maxsize=8)
def _vocab_words(key: int) -> set[str]:
    v = load_vocabularies()
    words = set()
    for m in v.metrics.values():
        words.update(a.lower() for a in m.aliases)
    for e in list(v.datasets.values()) + list(v.hardware.values()):
        words.update(a.lower() for a in e.aliases + (e.name,))
    return words


def vocab_words() -> set[str]:
    return _vocab_words(id(load_vocabularies()))


def paper_method(title: str, abstract: str) -> str | None:
    """The name of the method the paper proposes: the title's name before a colon, else one the abstract introduces.

    A plural acronym ("SNNKs") is named in the singular when the abstract also writes it so ("SNNK variants")."""
    name = _paper_method(title, abstract)
    if name and re.fullmatch(r"[A-Z][A-Za-z0-9-]*[A-Z]s", name) and re.search(r"(?<![\w-])" + re.escape(name[:-1]) + r"(?![\w-])", abstract):
        return name[:-1]
    return name


_AND_PROPOSE = re.compile(r"\b[Ww]e\s[^.;]{0,80}?\band\s+(?:propose|present|introduce|develop)[sd]?\s+(?:a|an)\s+[^.;]{0,60}?,\s+(?P<name>" + _NAME + r"),")
_TITLE_FOR = re.compile(r"((?:[A-Z][\w-]*\s+){1,3}[A-Z][\w-]*)\s+(?:for|in|with|via|on)\s")
_TITLE_NAME_COMMA = re.compile(r"(" + _NAME + r"),\s+(?:a|an|the)\s")
_NAMED_ACRONYM = fast(re.compile(r"(?:propose[sd]?|present[sd]?|introduce[sd]?|the proposed|call(?:ed)?|named|dubbed)\s+(?:(?:a|an|the)\s+)?(?:(?:new|novel|simple)\s+)?"
                                  r"(?:[A-Z][\w-]*\s+){1,6}\((?P<acr>" + _NAME + r")\)"))
# whole-abstract searches: tried only where their first words are written (the same matches, faster)
_INTRO, _TITLE_CASE_INTRO, _INTRO_NOUN = fast(_INTRO), fast(_TITLE_CASE_INTRO), fast(_INTRO_NOUN)


# "<task words> (": followed by an acronym, the task's, not the method's (found once; the acronym is compared after it)
_TASK_PAREN = fast(re.compile(r"\b(?:problems?|tasks?|recognition|detection|classification|segmentation|prediction|estimation|translation|answering|"
                              r"retrieval|generation|forecasting|tracking|parsing|summari[sz]ation)\s+\("))


def _paper_method(title: str, abstract: str) -> str | None:
    words = vocab_words()
    head = title.split(":", 1)[0].strip() if ":" in title else ""
    if not head:
        lead = _TITLE_NAME_COMMA.match(title)  # "SortedNet, a Place for Every Network ..."
        head = lead.group(1) if lead else ""
    if head and head.lower() in words:
        head = ""  # a dataset paper ("DuoRC: ...")
    m = _NAMED_ACRONYM.search(abstract)
    if m and _nameish(m.group("acr"), words):
        return m.group("acr")
    if head and head not in abstract:
        m = _PRESENT_NAME.search(abstract)  # "Shift-and-Add Networks: ..." whose abstract says "We present ShiftAdd-Net, whose ..."
        if m and _nameish(m.group("name"), words) and _count_word(m.group("name"), abstract) >= 2:
            return m.group("name")
    if head and len(head.split()) <= 3:
        names = [m.group(0) for m in NAME_RE.finditer(head) if _nameish(m.group(0), words)]
        if names:
            return head if len(head.split()) <= 2 and NAME_RE.fullmatch(head.split()[0]) else names[0]
        if len(head.split()) <= 2 and head[:1].isupper():
            return head
        if all(w[:1].isupper() for w in head.split()) and head.lower() in abstract.lower():
            return head  # "Graph Cascade Forecaster: ..." whose abstract says "we train a graph cascade forecaster"
    acr = defined_acronym(abstract, words)
    if acr:
        return acr
    m = _TITLE_CASE_INTRO.search(abstract)
    if m:
        return m.group("name")
    m = _INTRO_NOUN.search(abstract)
    if m and _nameish(m.group("name"), words):
        return m.group("name")
    for m in _INTRO.finditer(abstract):
        name = m.group("name")
        first = name.split()[0]
        if re.match(r"(?:\s*\([^()]*\))?,?\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:dataset|benchmark|corpus|suite)\b", abstract[m.end():]):
            continue  # "we introduce Pretty-CLEVR, a new diagnostic dataset"
        if re.search(r"\b(?:dataset|benchmark|corpus|task)s?\b", abstract[m.start():m.start("name")]):
            continue  # "we introduce a new corpus for table question answering (TQA)"
        if any(abstract.startswith(first + ")", t.end()) for t in _TASK_PAREN.finditer(abstract)):
            continue  # "a framework for road network design problems (NDPs)": the task, not the method
        if _nameish(first, words) and len(first) >= 3:
            return first if len(name.split()) > 1 and not NAME_RE.fullmatch(name.split()[1]) else name
    m = _AND_PROPOSE.search(abstract) if any(k in abstract for k in (" and propose", " and present", " and introduce", " and develop")) else None
    # "We answer this question ... and propose a novel approach, DirectPred, that ..."
    if m and _nameish(m.group("name"), words) and len(m.group("name")) >= 3:
        return m.group("name")
    m = _OUR_NAMED.search(abstract)
    if m:
        return m.group("name").strip()
    tm = _TITLE_FOR.match(title)  # "Sheaf Neural Networks for Graph-based Recommender Systems" ... "we propose using ...: Sheaf Neural Networks"
    if tm and tm.group(1).lower() not in words and _count_word(tm.group(1), abstract) >= 2 \
            and re.search(r"\b(?:propose|present|introduce|use|adopt|apply)[sd]?\b[^.]{0,120}?" + re.escape(tm.group(1)), abstract):
        return tm.group(1)
    # a name-like token of the title that the abstract repeats (not a plural class such as "ANNs", not a task acronym)
    for m in NAME_RE.finditer(title):
        tok = m.group(0)
        if _nameish(tok, words) and tok not in GENERIC_MODELS and not re.search(r"[A-Z]s$", tok) \
                and _count_word(tok, abstract) >= 2 and not _task_acronym(tok, abstract):
            return tok
    return _coined_subject(abstract, words)


_PRESENT_NAME = fast(re.compile(r"\b[Ww]e\s+(?:propose|present|introduce)\s+(?P<name>" + _NAME + r")(?=,|\s+\()"))
# a coined name as the subject of a clause: "BandFormer splits ...", "On UCF-101, TempCache accelerates ...", "AdaptEnh is a ...",
# "The resulting PruneWhisper removes ..."; or set off by commas after what the authors build: "We train RouteLM-Lite, a classifier",
# "into a sparse model, UpViT-MoE, by"
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w+.-]*[\w+]")
_MIXED = re.compile(r"[a-z].*[A-Z-]|[A-Z-].*[a-z]")  # after the first letter: mixed case or hyphenated ("BandFormer", "TSD-Mobile")
_SUBJ_BEFORE = re.compile(r"(?:^|[.;,]\s+|\b[Tt]he\s+(?:resulting|proposed)\s+)$")
_SUBJ_AFTER = re.compile(r"\s+(?:(?:also|then|further|still|only)\s+)?(?:is|[a-z]{3,}(?:s|ed))\b")
_APPOS_BEFORE = re.compile(r"(?:\b[Ww]e\s+(?:[a-z]+\s+){0,2}?(?:train|build|simulate|design|develop|co-design|distill|upcycle)\w*\b[^.;]{0,80}?"
                           r"|\b(?:model|network|system|framework|method|autoencoder|classifier|student)),\s+$")


def _coined_subject(abstract: str, words: set[str]) -> str | None:
    """The coined name (mixed case: not an acronym such as "DNA") the abstract makes the subject of its sentences and writes twice."""
    tokens = [t for t in _CAPITALISED.findall(abstract) if _MIXED.search(t, 1)]
    best = None
    for tok in {t for t in tokens if tokens.count(t) >= 2}:
        if not NAME_RE.fullmatch(tok) or not re.search(r"[a-z]", tok):
            continue
        starts, i = [], abstract.find(tok)
        while i >= 0:
            starts.append(i)
            i = abstract.find(tok, i + 1)
        subj = sum(1 for i in starts if (_SUBJ_BEFORE.search(abstract, max(0, i - 25), i) and _SUBJ_AFTER.match(abstract, i + len(tok)))
                   or (abstract.startswith(",", i + len(tok)) and _APPOS_BEFORE.search(abstract, max(0, i - 120), i)))
        if subj and _nameish(tok, words) and tok not in GENERIC_MODELS and not re.search(r"[A-Z]s$", tok) and not is_network(tok) \
                and not dataset_mentions(tok) and not hardware_mentions(tok):
            key = (subj, _count_word(tok, abstract), -starts[0])
            if best is None or key > best[0]:
                best = (key, tok)
    return best[1] if best else None


_ACR_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9-]{1,11})\s*\)")
_ACR_SKIP = {"and", "of", "for", "the", "with", "a", "an", "in", "on", "to", "via", "by"}
_GENERIC_NOUN = {"method", "approach", "framework", "model", "network", "algorithm", "technique", "scheme", "system", "module"}
_PROPOSING = re.compile(r"(?i)\b(?:propose[sd]?|present(?:s|ed)?|introduce[sd]?|develop(?:s|ed)?|design(?:s|ed)?|the\s+proposed|our|we\s+call|called|named|dubbed|termed)\b")


def _initials_match(acr: str, words_before: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", re.sub(r"s$", "", acr)).lower()
    parts = [w for w in re.split(r"[\s\-/]+", words_before.strip()) if w and w.lower() not in _ACR_SKIP]
    while parts and parts[-1].lower() in _GENERIC_NOUN and (not letters or parts[-1][0].lower() != letters[-1]):
        parts.pop()
    initials = "".join(w[0].lower() for w in parts if w[0].isalpha())
    return len(letters) >= 2 and initials.endswith(letters)


def defined_acronym(abstract: str, words: set[str]) -> str | None:
    """An acronym the abstract defines for its own method: "we propose a layer-wise sparse training (LST)", "the proposed ... (JLCM) method"."""
    for m in _ACR_DEF.finditer(abstract):
        acr = m.group("acr")
        if not _nameish(acr, words) or acr in GENERIC_MODELS:
            continue
        start = max(abstract.rfind(". ", 0, m.start()) + 1, m.start() - 160)
        before = abstract[start:m.start()]
        cue = None
        for cue in _PROPOSING.finditer(before):
            pass
        if cue is None or re.search(r"\b(?:dataset|benchmark|corpus|task|data)s?\b(?!-)", before[max(0, cue.start() - 30):]):
            continue  # "a new dataset called the handwritten isolated English character (HIEC)"
        tail = re.split(r"[,;:()]", before)[-1]
        letters = len(re.sub(r"[^A-Z]", "", acr))
        if re.search(r"[A-Z]s$", acr) or len(before[cue.end():].split()) > letters + 3:
            continue  # "KANs": a family of models; "our framework leverages ... (KANs)": not what is proposed
        if _initials_match(acr, tail):
            return acr
    return None


_BASELINE_CUE = re.compile(
    r"(?i)\b(?:than|over|compared\s+(?:to|with)|comparing\s+(?:to|with)|compar\w*\s+(?:[\w-]+\s+){1,3}?(?:with|to|against)|"
    r"comparabl[ey]\s+(?:to|with)|on\s+par\s+with|vs\.?|v/s|versus|relative\s+to|against|"
    r"w\.r\.t\.?|with\s+respect\s+to|in\s+comparison\s+(?:to|with)|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|"
    r"beat(?:s|ing)?|exceed(?:s|ed|ing)?|below|above|behind|ahead\s+of|improv(?:es|ed|ing)\s+(?:up)?on(?=\s+[^,;.]{1,50}?\s+by\s))\s+"
)
_BASELINE_CUE = fast(_BASELINE_CUE)
_NP_STOP = re.compile(
    r"(?i)\s*(?:[,;:()\[\]]|\bw\.r\.t\b|\.(?!\w)|\bof\s+(?=[\d.]+\s*%?)|\bby\b|\bon\b|\bin\b|\bwith\b|\bwhile\b|\bat\b|\bfor\b|\bwhen\b|\bwhich\b|\bthat\b|\bwithout\b|"
    r"\bacross\b|\bunder\b|\bwhere\b|\bachiev|\bresult|\band\s+(?:by|on|is|are|achiev|reduc|improv|the\s+\w+\s+(?:by|is)|(?:its|their|our)\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were)\b)|\brespectively\b|"
    r"\busing\b|\bdepending\b|\bused\s+(?:with|in|by|for|as)\b|\b(?:is|are|was|were)\b|\bdespite\b|\bbut\b|\bwhereas\b|\bwithin\b|\bup\s+to\b|\bover\b|\bfrom\b|\bto\b|\bof\s+similar\b|\bthrough\b|\bduring\b|\bafter\b|"
    r"\band\s+(?:allow|enabl|achiev|reduc|improv|increas|decreas|lower|cut|add|provid|requir|run|mak|yield|obtain|use|show|outperform|maintain|keep|offer|lead|scal|support|speed|accelerat|generaliz|perform)\w*\b|--|—|$)"
)


_LISTED = r"(?:" + _NAME + r"|[a-z][a-z]+\d[\w-]*)"  # "DeepWalk and node2vec"
# "over the tested inputs", "over five runs": what a number is averaged over, not what it is compared with
_NOT_COMPARED = re.compile(r"(?i)(?:(?:all|several|multiple|many|various|different|diverse|the|\w+)\s+)?(?:[\w-]+\s+){0,2}?"
                           r"(?:inputs?|ranges?(?:\s+of\s+\w+)?|runs|seeds|epochs|iterations|trials|repetitions|settings|scenarios|horizons|years|months|time|period|course|steps)"
                           r"(?:\s+tested|\s+considered|\s+evaluated)?")


def _clean_np(np: str) -> str | None:
    np = re.sub(r"\s*\[[\d,\s–-]*\]", "", np)
    np = re.sub(r"~[\w:-]+", "", np)  # LaTeX citations: "HAQ~wang2018haq"
    np = re.sub(r"(?i)\s+(?:of|in|on|at|for|with|by|and|or)\s*$", "", np.strip())
    np = re.sub(r"^(?:the|a|an|its|their|our|all|both|those|these|existing\s+the)\s+", "", np.strip(), flags=re.I)
    np = re.sub(r"'s?$", "", np.strip(" \"`"))  # "than MnasNet's"
    np = np.strip(" '\"`")
    # "0.8% of the parameters of full fine-tuning": the reference is what owns the quantity
    np = re.sub(r"(?i)^(?:(?:trainable|total|number\s+of)\s+)?(?:parameters|FLOPs|MACs|size|memory|compute|computation|cost|latency|energy|"
                r"accuracy|performance)\s+(?:of|used\s+by|required\s+by)\s+(?:the\s+|a\s+)?(?=\S)", "", np)
    if np.lower() == "others":
        np = "other methods"
    ref = _REFERENCE_QUANTITY.fullmatch(np)
    if ref:
        np = f"{ref.group(1)} model"  # "12% of the full parameters", "70% of the original size": the reference is a model
    # "the previous state-of-the-art architecture AmoebaNet-B": the name the description introduces
    appos = re.match(r"(?:[a-z][\w-]*\s+){1,4}(?:architecture|method|model|network|approach|baseline|system)s?\s+(" + _NAME + r")$", np)
    if appos:
        np = appos.group(1)
    # "recently proposed methods of RVQuant and HAQ": the named methods, joined as the GUIDE joins lists
    listed = re.match(r"(?:[\w-]+\s+){0,3}?(?:methods|models|approaches|baselines|networks|architectures|techniques|systems|libraries|frameworks)\s+"
                      r"(?:of|such\s+as|like|including)\s+(?P<names>" + _LISTED + r"(?:\s*,\s*" + _LISTED + r")*,?\s+and\s+" + _LISTED + r")$", np)
    if listed:
        np = ", ".join(n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listed.group("names")) if n)
    if not np or (np[0].isdigit() and not re.match(r"\d+(?:\.\d+)?(?:[KMB]?-\w|[MB]\s+(?:model|network|teacher|baseline|LLM)s?\b)", np)) or len(np.split()) > 8:
        return None
    if re.fullmatch(r"(?i)(?:that|those|it|this|them|what|one|ones|before|previously|expected)", np) \
            or (_NOT_COMPARED.fullmatch(np) and not _REAL_TIME.fullmatch(np)):  # "faster than real time" is a comparison
        return None
    return np


_NOT_LISTED = re.compile(r",\s+(?:and\s+)?(?:GPU|CPU|TPU|NPU|DRAM|SRAM|FLOPs|MACs|[A-Z][a-z]+\s+(?:memory|latency|energy|power|time|throughput|accuracy))\b")
_REAL_TIME = re.compile(r"(?i)real[\s-]time|(?:the\s+)?(?:noisy|clean|degraded|unprocessed|raw)\s+input")
_REFERENCE_QUANTITY = re.compile(r"(?i)(full|full-size|full-precision|original|dense|unpruned|uncompressed|FP16|FP32|BF16)\s+(?:[\w-]+\s+)?"
                                 r"(?:size|parameters|weights|compute|computation|accuracy|performance|memory|FLOPs|cost)")
_OVER_COUNT = re.compile(r"(?i)(?:all\s+|the\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many|multiple)\s+(?:[\w-]+\s+)?[a-z]+s\b")


@lru_cache(maxsize=8)  # asked again for the next numbers of a sentence; 8 entries: hardly any reuse across abstracts
def baseline_phrase(text: str, last: bool = False) -> str | None:
    """The noun phrase after the first (or last) comparison cue in ``text`` ("than MobileNetV2", "compared to X")."""
    cues = list(_BASELINE_CUE.finditer(text))
    for m in (reversed(cues) if last else cues):
        rest = re.sub(r"^\([^)]*\)\s*", "", text[m.end():])
        if re.match(r"(?:about\s+|up\s+to\s+|\+|~)?[\d.]", rest):
            continue  # "over 90%": a qualifier, not a baseline
        if m.group(0)[:4].lower() == "over" and _OVER_COUNT.match(rest):
            continue  # "averaged over eight tasks", "over five seeds": what is averaged over
        if m.group(0)[:4].lower() == "than" and rest[:5] in ("with ", "using") and m.start() < 24 and "," not in text[:m.start()]:
            rest = rest[5:].lstrip()  # "37% less than with llama.cpp" (the comparative right after the number)
        stop = _NP_STOP.search(rest)
        np = first_np = rest[:stop.start()] if stop else rest
        # keep lists of names: "than the dense MLP-Mixer, Vision Transformer, and GPT-2 medium"
        while stop and rest[stop.start():stop.start() + 2] == ", " and re.match(r",\s+(?:and\s+)?[A-Z]", rest[stop.start():]) \
                and not _NOT_LISTED.match(rest, stop.start()):
            nxt = _NP_STOP.search(rest, stop.start() + 2)
            np = rest[:nxt.start()] if nxt else rest
            stop = nxt
        if np != first_np and not re.search(r",\s*(?:and|or)\s+\S+[^,]*$", np):
            np = first_np  # "Compared with full fine-tuning, DiffFit achieves": not a list
        np = _clean_np(np)
        if np and m.group(0)[:4].lower() == "impr" and dataset_mentions(np):
            continue  # "improves on ImageNet by 2%": the data, not a baseline
        if np:
            acr = re.match(r"\s*(\([A-Z][\w-]{1,12}\)(?:\s+(?:baselines?|methods|models|approaches|systems|networks)\b)?)",
                           rest[len(np):] if rest.startswith(np) else "")
            return f"{np} {acr.group(1)}" if acr else np
    return None


_RESULT_VERB = re.compile(
    r"^(?:'s\s+(?:[\w-]+\s+){1,2})?\s*(?:\w+ly\s+)?(?:can\s+|could\s+|also\s+|further\s+|still\s+|only\s+|then\s+)?"
    r"(?:achiev|obtain|reach|attain|yield|run|outperform|underperform|surpass|improv|reduc|speed|accelerat|is\b|are\b|was\b|"
    r"were\b|has\b|have\b|requir|deliver|provid|perform|get|gets|set|establish|match|exceed|beat|lead|leads|cut|sav|solv|"
    r"answer|generat|produc|offer|enabl|compress|decreas|increas|lower|remov|prun|consum|take|need|excel|records?|shows?|gives?|"
    r"rais|boost|maintain|retain|keeps?\b|sustain|scor(?:es|ed)\b|draws?\b|stays?\b|remains?\b|process|classif|transcrib)", re.I)


def skip_spans(text: str) -> list[tuple[int, int]]:
    """Spans of datasets, devices and parentheses: places where a subject name is not."""
    spans = [(a, b) for a, b, _ in dataset_mentions(text)] + [(a, b) for a, b, _n, _c in hardware_mentions(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
    return spans


def _prefix_spans(left: str, skip) -> list[tuple[int, int]]:
    if skip is None:
        return skip_spans(left)
    return [(a, b) for a, b in skip if b <= len(left)]


def verb_subject(left: str, skip=None) -> str | None:
    """The last name directly followed by a result verb: "our SDA obtains", "CNN achieved", "Pigeon achieves"."""
    words = vocab_words()
    skip = _prefix_spans(left, skip)
    best = None
    for m in NAME_RE.finditer(left):
        tok = m.group(0)
        after = left[m.end():]
        if left[m.start() - 1:m.start()] == "(" and after.startswith(")"):
            after = after[1:]  # "Cascaded Ranking Model (IDCM) leads to"
        elif any(a <= m.start() < b for a, b in skip) or _after_number(left, m.start()) \
                or (_PREP_OBJECT.search(left, max(0, m.start() - 40), m.start()) and not is_network(tok)
                    and not any(b <= m.start() and not left[b:m.start()].strip() for _a, b in skip)):
            continue  # "External validation on MIMIC-CXR yields": the data, not the subject (but "on Criteo DeepCTR-X reaches")
        if not (_nameish(tok, words) or tok in GENERIC_MODELS):
            continue
        if _RESULT_VERB.match(after) and not _CUE_BEFORE.search(left, max(0, m.start() - 30), m.start()):
            best = tok  # not "the speedup over XGBoost is 3.9x": a name after a comparison cue is the baseline
    return best


_CUE_BEFORE = re.compile(r"(?i)\b(?:than|over|versus|vs\.?|against|compared\s+(?:to|with)|relative\s+to)\s+(?:the\s+|an?\s+)?$")
# "On DRIVE, CHASE_DB1 and STARE it achieves": a pronoun (or "the model") is the subject; names before it are the setting
_PRONOUN_SUBJECT = re.compile(r"\b(?:[Ii]t|[Tt]hey|[Tt]he\s+(?:model|network|student|system|detector|planner|encoder|accelerator|design|policy|agent))\s+")


def _pronoun_subject_end(head: str) -> int:
    """Where the last clause with a pronoun subject and a result verb starts in ``head`` (-1 if none)."""
    end = -1
    for m in _PRONOUN_SUBJECT.finditer(head):
        if _RESULT_VERB.match(head[m.end():]):
            end = m.start()
    return end


REFERENCE_BEFORE = re.compile(r"(?i)\b(?:dense|unpruned|uncompressed|unquantized|full-precision|original|baseline)\s+$")
_OUR_NAMED = re.compile(r"\b(?:our|the proposed)\s+(?P<name>(?:[A-Z][\w\-+]*\s+){1,3})(?:network|model|method|approach|framework|system|architecture|algorithm)s?\b")
_OUR_NAMED = fast(_OUR_NAMED)  # also searched in whole abstracts


# a name that is the object of a preposition names a setting (data, a tool, a device), not the subject that reports the number
_PREP_OBJECT = re.compile(r"(?i)\b(?:on|with|using|for|in|via|across|through|under|at)\s+(?:(?:the|a|an|our|its|their)\s+)?(?:[\w'’-]+\s+){0,2}$")


def subject_name(left: str, skip=None) -> str | None:
    """A model named as the subject in ``left`` (text before the number, same clause) when verb_subject finds none."""
    words = vocab_words()
    on = list(_OUR_NAMED.finditer(left))
    if on:
        return on[-1].group("name").strip()
    # cut off comparison targets: "than X", "compared to X" are baselines
    cut = _BASELINE_CUE.search(left)
    head = left[:cut.start()] if cut else left
    skip = _prefix_spans(head, skip)
    names = [m for m in NAME_RE.finditer(head) if _nameish(m.group(0), words) and not any(a <= m.start() < b for a, b in skip)
             and not _after_number(head, m.start())
             and not (head.startswith("'s", m.end()) and re.search(r"\bof\s+$", head[:m.start()]))  # "97% of BERT's score"
             and not REFERENCE_BEFORE.search(head, max(0, m.start() - 24), m.start())  # "of the unpruned ResNet-56": the reference
             and (is_network(m.group(0)) or not _PREP_OBJECT.search(head, max(0, m.start() - 40), m.start()))]
    pronoun = _pronoun_subject_end(head) if names else -1
    if pronoun >= 0:
        names = [m for m in names if is_network(m.group(0))]  # "... it obtains WERs of": the names are its setting or its object  # "On DRIVE, ... it achieves", "With TensorRT, the network runs"
    if not names:
        return None
    m = names[0]
    # extend with a following capitalised word: "OrbNet Denali", "Transformer TTS"
    nxt = re.match(r"\s+(" + _NAME + r"|[A-Z][a-z]+)(?=\s|$|[,.])", head[m.end():])
    name = m.group(0)
    if nxt and _nameish(nxt.group(1), words) and nxt.group(1) not in ("Our", "The", "We", "On", "In", "For", "With"):
        name += " " + nxt.group(1)
    return name


def mentions_ours(left: str) -> bool:
    return bool(_OURS.search(left))


# ---------------------------------------------------------------- networks a method is applied to

@lru_cache(maxsize=8)
def _network_pattern(key: int):
    aliases = sorted({a for e in load_vocabularies().networks.values() for a in e.aliases + (e.name,)}, key=lambda s: (-len(s), s))
    if not aliases:
        return None
    body = "|".join(re.escape(a).replace(r"\ ", r"[\s-]") for a in aliases)
    # "ResNet-50", "ViT-B/16", "LLAMA2-70B", "OPT 66B", "GPT-3 Small"
    return re.compile(r"(?<![\w-])(?:" + body + r")(?:[\w\-/]|\.(?=\w))*(?:\s\d+(?:\.\d+)?[BM]\b|\s(?:Small|Medium|Large|Base|Tiny|XL)\b)?(?![\w-])")


def network_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of well-known backbone networks named in ``text`` (vocab/networks.csv)."""
    return list(_network_mentions(text, id(load_vocabularies())))


@lru_cache(maxsize=8)  # asked again for the next numbers of a sentence; 8 entries: hardly any reuse across abstracts
def _network_mentions(text: str, key: int) -> tuple:
    rx = _network_pattern(key)
    return tuple((m.start(), m.end(), m.group(0)) for m in rx.finditer(text)) if rx else ()


def is_network(name: str | None) -> bool:
    rx = _network_pattern(id(load_vocabularies()))
    return bool(name and rx and rx.fullmatch(name.strip()))


# ---------------------------------------------------------------- an unnamed method described in words

_GENERIC_HEADS = {"method", "methods", "approach", "approaches", "framework", "frameworks", "technique", "techniques", "scheme",
                  "schemes", "algorithm", "algorithms", "system", "systems", "solution", "solutions", "work", "results", "result",
                  "experiments", "experiment", "findings", "analysis", "evaluation", "evaluations", "study", "design", "pipeline",
                  "procedure", "strategy", "idea", "implementation", "paper", "proposal", "contribution", "contributions",
                  "code", "tool", "toolkit", "library", "version", "variant", "mechanism", "formulation", "loss", "objective",
                  "model", "models", "network", "networks", "architecture", "architectures", "module", "one", "best", "own",
                  "extensive", "empirical", "experimental", "numerical", "proposed", "new", "novel", "simple", "main", "final",
                  "key", "first", "overall", "full", "complete", "resulting", "approach's", "method's", "model's", "kernels", "kernel",
                  "neural", "deep", "learning", "training", "experiment", "data", "dataset", "benchmark", "test", "tests", "task"}
_DESCR_WORD = r"(?:[a-z][a-z0-9]*(?:-[A-Za-z0-9]+)*|[A-Z]{2,}[a-z]?(?:-[a-z]+)?|\d+-[A-Za-z][\w-]*)"
_DESCR_FIRST = r"(?:" + _DESCR_WORD + r"|[A-Z][a-z]+)"
_DESCR_VERB = (r"(?:(?:can|also|further|still)\s+)?(?:(?:achiev|improv|reduc|remov|sav|solv|consum|requir)(?:es|ed|e)|(?:obtain|reach|attain|yield|"
               r"outperform|surpass|deliver|perform|match|exceed|need|lower|shorten|accelerat)(?:s|es|ed)?|runs|ran|beats|cuts)\b")
_OUR_DESCR = re.compile(r"\b[Oo]ur\s+(?P<np>" + _DESCR_WORD + r"(?:\s+" + _DESCR_WORD + r"){0,3}?)\s+"
                        r"(?=(?:(?:on|with|for|in|at)\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:only|even|just|consistently|significantly|substantially|\w+ly)?\s*"
                        + _DESCR_VERB + ")")  # "Our 2-Lipschitz transformer on Shakespeare text reaches"
_PROPOSE_DESCR = re.compile(r"\b[Ww]e\s+(?:first\s+|then\s+)?(?:propose|present|introduce|develop|design)\s+(?:a|an)\s+"
                            r"(?:(?:novel|new|simple|very|yet|effective|efficient|lightweight|general)\s+)*"
                            r"(?P<np>" + _DESCR_FIRST + r"(?:\s+" + _DESCR_WORD + r"){0,4}?)"
                            r"(?=\s+(?:to|for|that|which|by|with)\b|[,.:])")
_PROPOSE_DESCR, _OUR_DESCR = fast(_PROPOSE_DESCR), fast(_OUR_DESCR)  # also searched in whole abstracts


_MODIFIERS = {"neural", "deep", "learning", "training", "full", "simple", "new", "novel", "key", "first", "final", "main", "data"}
_DROP_HEAD = re.compile(r"(?:\s+based)?\s+(?:approach|method|framework|technique|scheme|algorithm|strategy)$")


def _descr(np: str) -> str | None:
    """A description kept as the model name, or None when it is generic ("our proposed method", "our results")."""
    np = _DROP_HEAD.sub("", re.sub(r"^(?:searched|proposed|trained|final|best|new|novel)\s+", "", np.strip()))
    words = np.split()
    if not words or all(w.lower() in _GENERIC_HEADS for w in words) or words[-1].lower() in _GENERIC_HEADS - {"model", "network"} \
            or any(w.lower() in _GENERIC_HEADS - _MODIFIERS for w in words[:-1]) or words[-1].endswith("ed"):
        return None
    if any(w.lower() in ("the", "a", "an", "and", "or", "of", "in", "on", "this", "these", "those", "its", "their", "is", "are", "only", "even",
                         "just", "can", "also") or w.endswith("ly") for w in words):
        return None
    if len(words) == 1 and (words[0].endswith(("ly", "ed", "ing")) or words[0].islower() and len(words[0]) < 4):
        return None
    vw = vocab_words()
    if np.lower() in vw or words[-1].lower() in vw or re.search(r"(?i)\b(?:accuracy|error|score|performance|latency|speed|size|cost)\b", np):
        return None  # "our final accuracy reaches": a metric, not a method
    last = words[-1]
    if last.endswith("s") and not last.endswith("ss") and not last[:-1].isupper():
        return None  # a plural family, not one method
    return np


def described_in(left: str) -> str | None:
    """The unnamed method a clause describes as "our <words>": "our vanilla surrogate achieves" -> "vanilla surrogate"."""
    found = None
    for m in list(_PROPOSE_DESCR.finditer(left)) + list(_OUR_DESCR.finditer(left)):
        found = _descr(m.group("np")) or found
    return found


def described_method(abstract: str, title: str = "") -> str | None:
    """The paper's unnamed method in words, from "we propose a <words> (approach)": "a stacked CRNN", "a Siamese neural network";
    else from the title: "Sparse Mixture Adapters for Speech Translation", "Continual Learning ... with Compressed Latent Replay"."""
    m = _PROPOSE_DESCR.search(abstract)
    np = _descr(m.group("np")) if m else None
    if np and len(np.split()) >= 2:
        return np
    t = _TITLE_METHOD_WITH.search(title) or _TITLE_METHOD_FOR.match(title)
    if t and t.group("m").split()[0] not in _TITLE_NOT_METHOD and not t.group("m").split()[0].endswith("ing") \
            and not all(w.lower() in _TITLE_GENERIC for w in t.group("m").split()[-2:]):
        words = t.group("m").split()
        return " ".join(w if re.search(r"[A-Z].*[A-Z]|\d", w[1:]) else w.lower() for w in words)  # "Low-Rank Sketches" -> "low-rank sketches"
    return None


# "<Method> for <task>" (two to four capitalised words) and "<task> with <Method>" at the end of a title
_TITLE_METHOD_FOR = re.compile(r"(?P<m>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,3})\s+for\s")
_TITLE_METHOD_WITH = re.compile(r"\bwith\s+(?P<m>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){1,3})$")
_TITLE_GENERIC = {"deep", "neural", "network", "networks", "learning", "graph", "convolutional", "recurrent", "model", "models", "efficient",
                  "attention", "transformers", "labels", "variables", "approaches", "architectures", "accelerators"}
_TITLE_NOT_METHOD = {"Is", "Are", "Can", "Do", "Does", "Why", "How", "What", "When", "A", "An", "The", "On", "Towards", "Toward", "Rethinking", "Revisiting", "Benchmarking", "Understanding", "Learning"}

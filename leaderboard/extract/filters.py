"""Numbers that are not results: configurations, counts, shares of data, background statements."""

from __future__ import annotations

import re
from dataclasses import replace

from .fastre import fast
from .metrics import metric_mentions
from .numbers import Quantity


CONFIG_AFTER = re.compile(
    r"(?i)^\s*(?:of\s+(?:the\s+)?(?:training|labeled|labelled|unlabeled|annotated|available)?\s*(?:data|dataset|labels|annotations|training)\b"
    r"|(?:\w+\s)?(?:sparsity|density|dropout|noise|masking|mask|probability|confidence|quantile|percentile|bit\s+error|duty)\b"
    r"|(?:consumer\s+|\w+\s)?(?:GPU|GPUs)\b(?!\s+(?:utili[sz]ation|memory|hours?|time|latency|efficiency))|CI\b|of\s+(?:the\s+)?(?:time(?!\s+(?:higher|better|more|lower))|cases|parameters\s+are)"
    r"|of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:dimension|dimensions|dimensionality|width|hidden\s+size)\b"
    r"|(?:(?!(?:for|on|in|at|with|by|over|than|across|of|and|to|from)\b)[\w&-]+\s+){0,4}(?:image\s+pairs|training\s+(?:pairs|samples|examples|images)|labels|annotations|(?:labeled|labelled|annotated)\s+(?:data|samples|examples|images)))\b")
# "at a 75% compression rate" is an outcome; "at a 50% masking ratio" is a setting
EFFICIENCY_AFTER = re.compile(r"(?i)^\s*(?:[\w-]+\s+)?(?:compression|speed-?ups?|FLOPs?\s+reduction|parameter\s+reduction|size\s+reduction)\b")
# "the highest masking ratio to date (98.5%)": a setting given in parentheses
CONFIG_PARENS = fast(re.compile(r"(?i)\b(?:mask\w*|sparsity|dropout|drop\s+path|pruning|noise)\s+(?:ratio|rate|level|probability)\b[^.;()]{0,30}\(\s*$"))
BACKGROUND = fast(re.compile(r"(?i)\b(?:has|have)\s+been\s+(?:shown|reported|demonstrated|found)\b"))
# "recent methods realize very fast scene parsing, even running at more than 100 FPS": what other methods do
BACKGROUND_SUBJECT = re.compile(
    r"(?i)(?:^|[,;:]\s+)(?:however,?\s+|while\s+)?(?:the\s+)?(?:most\s+)?(?:recent|existing|current|previous|prior|conventional|traditional|popular|"
    r"modern|typical|many)\s+(?:[\w-]+\s+){0,2}?(?:methods|approaches|works|models|detectors|networks|systems|techniques|solutions|"
    r"architectures|algorithms|pipelines)\s+(?!(?:by|with|in|on|of|for|and|or|is|are)\b)[a-z]+")
OURS_WORDS = fast(re.compile(r"(?i)\b(?:we|our|ours|this\s+(?:paper|work|study))\b"))
RATIO_CUE = re.compile(r"(?i)\b(?:faster|slower|more|less|fewer|smaller|larger|higher|lower|bigger|better|worse|cheaper|reduction|"
                        r"speedups?|speed-?ups?|improvement|increase|decrease|compression|as\s+(?:fast|many|much|large|small)|(?:that|those)\s+of|"
                        r"(?:the|its|their)\s+(?:[\w-]+\s+)?[\w-]+\s+of)\b")  # "9 times the throughput of the teacher"
PARAMS_CONFIG = re.compile(r"(?i)\b(?:scal\w*\s+(?:up\s+)?to|train\w*\s+(?:\w+\s+){0,4}(?:with|of)|variants?|versions?|sizes?\s+(?:of|from)|ranging(?:\s+from)?|"
                            r"models\s+with|models?\s+of|models?\s+(?!(?:shrinks?|shrank|drops?|dropped|falls?|fell|goes|went|grows?|grew|is\s+reduced|was\s+reduced)\b)(?:[\w-]+\s+){0,2}?(?:between|from)|for\s+an?\s+[\w-]+\s+(?:\w+\s+){0,3}with)\s+(?:up\s+to\s+|about\s+|more\s+than\s+|over\s+)?"
                            r"(?:[\d.]+\s?\w*\s+(?:and|or|to)\s+)?$|:\s*$|(?:^|[,;(]\s*)[Aa]t\s+$")  # "At 7B parameters, the speedup is ...": the scale studied
CONFIG_BEFORE = re.compile(
    r"(?i)\b(?:dropout|learning\s+rate|weight\s+decay|momentum|sparsity|sparsities|mask(?:ing)?\s+ratio|probability|noise\s+level|thresholds?|"
    r"temperature|label\s+smoothing|batch\s+size|standard\s+deviation|(?<![\w-])std\.?|variance|margin\s+of\s+error|warm-?up|split(?=\s*(?:ratios?|of|=|:))|ratio\s+of\s+the\s+training|"
    r"(?:randomly\s+)?(?:mask|masking|masked|sample|sampling|subsample|subsampling|corrupt|corrupting|perturb))\s+(?:(?:rates?|levels?|ratios?|settings?|values?)\s+)?"
    r"(?:of|=|:|to|at|from|between|as\s+(?:high|low|large)\s+as)?\s*(?:a\s+)?\(?\s*(?:(?:[\d.]+\s*\\?%\s*,?\s*)+(?:and\s+|or\s+|to\s+)?)?$")  # "sparsity levels of 50%, 70% and 90%"
# "a 2.1-point AP gain", "3-point improvement in recall": a change in points, not a configuration like "8-bit"
POINT_CHANGE = re.compile(r"(?i)^[-‐\s]points?\s+(?:[\w@-]+\s+){0,3}?(?:gains?|improvements?|increases?|boosts?|drops?|decreases?|lead|margin|advantage|higher|lower|better|worse)\b")
BARE_NOUN = re.compile(
    r"(?i)^[\s-]*(?:bits?|layers?|epochs?|samples?|images?|tasks?|datasets?|languages?|classes|categories|steps?|"
    r"iterations?|runs?|seeds?|shots?|heads?|blocks?|nodes?|examples?|instances?|patients?|subjects?|hours?|"
    r"questions?|documents?|papers?|models?|tokens?|words?|times?|users?|videos?|clips?|frames|points?\s+cloud|"
    r"dimensions?|channels?|neurons?|agents?|k\b|B\b)")
UNITISH = re.compile(r"^\s?(?P<u>[a-zA-Zµμ°Å][a-zA-Zµμ]{0,5}(?:[/^·][a-zA-Z0-9{}]{1,6})+|[a-zA-Zµμ°Å]{1,4})(?![\w])")
# settings and targets, not outcomes: "for 4x upscaling", "constrained by 64 KB of SRAM", "a budget of 20% of the cache",
# "clients whose compute differs by more than an order of magnitude"
SCALE_SETTING_AFTER = re.compile(r"(?i)^[\s-]*(?:[\w-]+\s+)?(?:upscal\w*|upsampl\w*|downscal\w*|downsampl\w*|super-?resol\w*|SR\b|zoom\w*|magnif\w*|"
                                 r"scale\s+factor|scaling\s+factor|enlargement|interpolation)")
CONSTRAINT_BEFORE = re.compile(r"(?i)(?:\b(?:constrained|limited|restricted|capped|bounded)\s+(?:by|to)\s+(?:an?\s+|the\s+)?|"
                               r"\b(?:budgets?|targets?|constraints?|limits?|caps?)\s+(?:[\w-]+\s+){0,2}?(?:of|=)\s+|\btarget(?:ing|s|ed)?\s+|"
                               r"(?:^|[,;]\s*|\b(?:needed|required|necessary|time|steps|epochs|iterations|compute)\s+)to\s+(?:reach|achieve|attain|hit)\s+"
                               r"(?:an?\s+|the\s+)?)"
                               r"(?:(?:about|up\s+to|at\s+most|only|just|roughly)\s+)?"
                               r"(?:[\d.,]+\s?[A-Za-z%]*\s+(?:of\s+)?(?:[\w-]+\s+)?(?:and|or)\s+)?$")  # "constrained by 64 KB of SRAM and 256 KB of flash"
# "in the 30 W mode", "10 ms windows", "a 640 ms chunk": an operating mode or a processing unit, not an outcome
MODE_AFTER = re.compile(r"(?i)^[\s-]*(?:(?:power|TDP|performance)\s+)?(?:modes?|presets?|profiles?|envelopes?)\b")
SPAN_AFTER = re.compile(r"(?i)^[\s-]*(?:(?:sliding|analysis|time|look-?ahead|context)\s+)?(?:windows?|chunks?|segments?|hops?|strides?|bins?|slots?|frames\s+of)\b")
SPREAD_BEFORE = re.compile(r"(?i)\b(?:differ\w*|var(?:y|ies|ied|ying))\s+(?:by\s+)?(?:(?:more\s+than|over|up\s+to|about|nearly|roughly|at\s+least|almost)\s+)?$")
# "over 24 low-resource directions", "across 12 transfer datasets": a count of things
COUNT_OF_THINGS = re.compile(r"(?i)\b(?:over|across|covering|spanning|among|for|on|in|from|with|of)\s+$")
COUNT_NOUN_AFTER = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?!points\b|times\b)[a-z]{3,}(?<!s)s\b(?!\s+(?:of|per)\b)")


# "accepts 3.1 tokens per verification step": the acceptance length of speculative decoding, a score
TOKENS_PER_STEP = re.compile(r"(?i)^\s+(?:accepted\s+)?tokens\s+per\s+(?:[\w-]+\s+)?(?:step|pass|call|iteration|round)\b")


_DECIMAL_BEFORE_SLASH = re.compile(r"\d\.\d+$")  # "46.8/19.5/41.7 ROUGE-1/2/L": a slash list, not a fraction solved


def infer_magnitude_unit(q: Quantity, left: str, right: str) -> Quantity | None:
    if re.match(r"^\s*[A-Za-z]", right) and not re.match(
            r"(?i)^\s*(?:(?:[\w-]+\s+){0,2}(?:FLOP|MAC|param)|(?:and|or|to|with|on|in|at|for|while|when|from|than|by|of|as|under|using|without|per|"
            r"compared|which|that|respectively)\b)", right):
        return None  # "300B tokens", "2M images": counts of something else
    ctx = left[-50:] + " " + right[:25]
    for word, unit in (("FLOP", "FLOPs"), ("MAC", "MACs"), ("param", "params")):
        if re.search(word, ctx, re.I):
            return replace(q, unit=unit)
    return None


def in_config_parens(s: str, q: Quantity) -> bool:
    open_ = s.rfind("(", 0, q.start)
    if open_ < 0 or s.rfind(")", 0, q.start) > open_:
        return False
    close = s.find(")", q.end)
    if close < 0:
        return False
    inner = s[open_ + 1:close]
    return bool(re.fullmatch(r"[\d.,\s%a-zA-Z]{0,40}", inner)) and len(re.findall(r"\d+", inner)) >= 2 and \
        not metric_mentions(inner) and re.fullmatch(r"(?:\s*[\d.]+\s*[a-zA-Z%]{0,3}\s*(?:,|and|or)?)+", inner) is not None


LONG_TIME_CUE = re.compile(r"(?i)\b(?:train\w*|search\w*|fine-?tun\w*|comput\w*|inference|GPUs?|TPUs?|run\w*|takes?|took|requires?|required|converg\w*|wall-?clock|process\w*|"
                           r"built|build\w*|finish\w*|complet\w*|calibrat\w*|profil\w*|compil\w*|prun\w*|quantiz\w*|index\w*|distill\w*)\b")
TIME_VERB = re.compile(
    r"(?i)\b(?:runs?|running|takes?|took|requires?|required|in|within|under|below|only|at|per|inference|train\w*|search\w*|"
    r"process\w*|generat\w*|than|spent|completes?|finish\w*|(?:ready|available|returned|emitted|produced)\s+after)\s+(?:\w+\s+){0,1}(?:(?:about|around|nearly|only|approximately|less\s+than|under)\s+)?$")


_METRIC_AT = re.compile(r"(?i)\b(?:recall|precision|hits|nDCG|top|accuracy|success|mAP|AP|R)\s*(?:at|@)\s*$")  # "recall at 10"
# "41.2 step success rate": a decimal, then one word naming the variant of the metric after it
_MODIFIER_WORD = re.compile(r"\s(?:step|task|token|word|episode|image|frame|clip|video|sentence|document)[\s-](?:level\s)?")


def modified_score(sentence: str, q: Quantity) -> bool:
    """A decimal followed by "step"/"task"/... and a metric ("41.2 step success rate"): a score, not a count of steps."""
    m = _MODIFIER_WORD.match(sentence, q.end)
    return bool(m) and "." in sentence[q.start:q.end] and bool(metric_mentions(sentence[m.end():m.end() + 30]))


def not_a_result(sentence: str, q: Quantity) -> bool:
    """Bare numbers that are clearly configuration or references: 8-bit, 2-D, [29], years, 5 epochs, Llama 7B."""
    if q.magnitude and not q.unit and re.search(r"(?:^|\s)(?:[A-Z][\w.-]*|[a-z]+[A-Z][\w.-]*)\s+$", sentence[:q.start]) \
            and not re.match(r"(?i)\s*(?:param|FLOP|MAC)", sentence[q.end:]):
        return True  # a model size in a name: "OPT 66B", "Llama 7B"
    if q.unit == "x" and q.unit_text == "X" and re.match(r"-[A-Z]", sentence[q.end:q.end + 2]):
        return True  # "CoVoST 2 X-En": a language pair, not a ratio
    if q.unit or q.magnitude:
        return False
    after = sentence[q.end:]
    if re.match(r":\d", after) or (q.start > 1 and sentence[q.start - 1] == ":" and sentence[q.start - 2].isdigit()):
        return True  # "2:4 sparsity", "a 1:1 mix": a pattern or proportion
    if (re.match(r"^[-‐]\s?[A-Za-z]", after) or BARE_NOUN.match(after)) and not POINT_CHANGE.match(after) and not TOKENS_PER_STEP.match(after) \
            and not modified_score(sentence, q):
        return True
    if q.start > 1 and sentence[q.start - 1] == "/" and sentence[q.start - 2].isdigit() \
            and not ("." in sentence[q.start:q.end] or _DECIMAL_BEFORE_SLASH.search(sentence, 0, q.start - 1)):
        return True  # the denominator of "20/20 tasks"
    if _METRIC_AT.search(sentence, max(0, q.start - 40), q.start):
        return True  # "recall at 10": part of a metric's name
    if re.match(r"(?i)^\s+out\s+of\s+\d", after):
        return True  # "11 out of 12": a count
    if q.value == int(q.value) and "." not in sentence[q.start:q.end] and COUNT_NOUN_AFTER.match(after) \
            and COUNT_OF_THINGS.search(sentence, max(0, q.start - 12), q.start) and not metric_mentions(after[:40].split(",")[0]):
        return True  # "the average BLEU over 24 low-resource directions"
    if q.start > 0 and sentence[q.start - 1] in "[" or re.match(r"^\s*(?:,\s*\d+\s*)*\]", after):
        return True
    return q.value == int(q.value) and 1900 <= q.value <= 2100 and "." not in sentence[q.start:q.end]



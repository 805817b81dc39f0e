"""Grouping the numbers of a sentence: ranges (65-92%), before/after pairs (from A to B) and lists (A, B and C)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fastre import fast
from .metrics import metric_mentions
from .numbers import Quantity, with_unit
from .slots import NAME_RE, vocab_words


_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|--|to|~)\s*$")
_BETWEEN = fast(re.compile(r"(?i)\bbetween\s+$"))
_LIST_SEPS = [re.compile(p, re.I) for p in (
    r"^\s*(?:,\s*(?:and|or)?|and|or|vs\.?|v/s|versus|/|,?\s*respectively,?)\s*(?:(?:by|of|at|to)\s+)?(?:up\s+to\s+|over\s+|about\s+|~)?$",
    r"^\s*(?:for|on|in|at|with)\s+(?:the\s+)?[^,;.()]{1,35}?(?:,\s*(?:and|or)?|\s+and|\s+or)\s*(?:(?:for|on|in|by|at)\s+)?$",
    r"^\s*(?:,\s*|\s)(?:and\s+)?[\w\-.+/]+\s+(?:by|with|at|of)\s+$",
    r"^\s*\([^()]{1,30}\)\s*(?:,\s*(?:and|or)?|and|or)\s*$",
    r"^\s*[\w-]+\s*(?:,\s*(?:and\s+)?|and\s+)$",
    r"^\s*(?:(?:on|for|in|of)\s+[^,;.()]{1,35}?)?[(,]?\s*(?:vs\.?|versus|v/s|compared\s+(?:to|with)|against)\s*$",
    r"^\s*(?:(?:of|on|for|in)\s+[^,;.()]{1,40}?)?,?\s*(?:up|down)\s+from\s+(?:about\s+|only\s+)?$",  # "solves 23.8% of the tasks, up from 14.1%"
    # "an MAE of 0.212 (iTransformer: 0.231)"
    r"^\s*(?:[^,;.()]{1,35}?\s)?\(\s*(?:the\s+)?[\w.+-]+(?:[\s-][\w.+-]+){0,2}\s*[:=]\s*$",
)]
# "the family attains from 72.1% to 79.4%", "reach top-1 accuracies from A to B": levels of several models, a span, not before -> after
_LEVELS_FROM = re.compile(r"(?i)\b(?:attain|reach|achiev|obtain|scor|cover)\w*\s+(?:[\w-]+\s+){0,3}?from\s+(?:about\s+|around\s+|~)?$")
_OWN_UNIT_WORD = re.compile(r"\s?(?!(?:and|or|to|on|in|at|of|by|for|vs)\b)[a-zA-Zµ]{1,3}\b")  # "an RMSE of 0.571 m at 218 fps": a unit of its own
_COMMA = re.compile(r"\s*,\s*")
_COMPARED_AFTER = re.compile(r"(?i)\s*(?:[\w-]+\s+)?(?:higher|lower|above|below|better|worse|faster|slower)\b")


@dataclass
class Item:
    q: Quantity
    group: int = -1  # list id
    range_role: str | None = None  # range-low / range-high
    pair: bool = False  # "from X to Y" before/after
    extra: dict = field(default_factory=dict)  # drop, pair_first, sep_name


def group_items(s: str, qs: list[Quantity]) -> list[Item]:
    items = [Item(q) for q in qs]
    # ranges and before/after pairs
    for a, b in zip(items, items[1:]):
        between = s[a.q.end:b.q.start]
        is_between = _BETWEEN.search(s[:a.q.start]) and re.fullmatch(r"\s*and\s*", between)
        if not (_RANGE_SEP.match(between) or is_between) or a.range_role or a.pair:
            continue
        if a.q.unit and b.q.unit and a.q.unit != b.q.unit:
            continue
        if not b.q.unit and a.q.unit:
            continue
        if not a.q.unit and b.q.unit:
            a.q = with_unit(a.q, b.q)
        before = s[:a.q.start]
        if re.search(r"(?i)\bfrom\s+(?:about\s+|around\s+|~)?$", before) and not re.search(r"(?i)\b(?:rang\w*|var\w*|span\w*)\s+from\s+\S*\s*$", before) \
                and not _LEVELS_FROM.search(before):
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
            if _COMMA.fullmatch(between) and _COMPARED_AFTER.match(s, it.q.end) and not it.range_role \
                    and (i < 2 or items[i - 2].group != prev.group):
                pass  # "an SI-SDR of 18.4 dB, 1.2 dB above DEMUCS": a level, then its change
            elif (any(rx.match(between) for rx in _LIST_SEPS) or (prev.range_role == "range-low" and it.range_role == "range-high")
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
        if last.q.unit and len(members) > 1 and not re.match(
                r"(?i)^\s*(?:higher|lower|better|worse|more|less|fewer|faster|slower|improvement|gain|drop|reduction)\b", s[last.q.end:]):
            for m in members[:-1]:
                if not m.q.unit and not m.q.magnitude and not _OWN_UNIT_WORD.match(s, m.q.end) \
                        and not ("by" in s[m.q.end:last.q.start] and metric_mentions(s[m.q.end:last.q.start])):
                    m.q = with_unit(m.q, last.q)  # (not "PESQ ... to 2.87 and SI-SDR by 11.3 dB": another metric's own unit)
        elif last.q.unit and len(members) > 1 and not last.range_role and all(not m.q.unit for m in members[:-1]):
            last.group = gid  # "an SSIM of 0.861, 0.47 dB higher than X": the change is not a member of the list
            gid += 1
    return items



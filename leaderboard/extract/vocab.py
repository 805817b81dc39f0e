"""Vocabularies (metrics, datasets, hardware, units, networks) read from CSV data files.

The bundled files live in ``vocab/``; extra files with the same stem prefix
(``metrics*.csv``, ``datasets*.csv``, ``hardware*.csv``, ``units*.csv``, ``networks*.csv``) in the
folder named by ``LEADERBOARD_VOCAB_DIR`` extend them (a row with an existing
name replaces that entry).
"""

from __future__ import annotations

import csv
import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

BUNDLED_DIR = Path(__file__).with_name("vocab")
ENV_VAR = "LEADERBOARD_VOCAB_DIR"
KINDS = ("metrics", "datasets", "hardware", "units")


@dataclass(frozen=True)
class Metric:
    name: str
    higher_is_better: bool | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
    """A dataset or a hardware device with its aliases."""

    name: str
    aliases: tuple[str, ...]
    category: str | None = None


@dataclass(frozen=True)
class UnitSurface:
    surface: str
    unit: str  # canonical unit
    factor: float  # multiply the written value by this to get the canonical value
    case_sensitive: bool


@dataclass(frozen=True)
class Vocabularies:
    metrics: dict[str, Metric] = field(default_factory=dict)
    datasets: dict[str, Entity] = field(default_factory=dict)
    hardware: dict[str, Entity] = field(default_factory=dict)
    units: dict[str, UnitSurface] = field(default_factory=dict)
    networks: dict[str, Entity] = field(default_factory=dict)  # backbone families a method is applied to

    @property
    def canonical_units(self) -> list[str]:
        return sorted({u.unit for u in self.units.values()} | {""})


def _files(kind: str, extra_dir: str | None) -> list[Path]:
    files = [BUNDLED_DIR / f"{kind}.csv"]
    if extra_dir:
        files += sorted(p for p in Path(extra_dir).glob(f"{kind}*.csv") if p.is_file())
    return files


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _bool(cell: str | None) -> bool | None:
    cell = (cell or "").strip().lower()
    return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}.get(cell)


def _rows(path: Path):
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row and any((v or "").strip() for v in row.values()):
                yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


@lru_cache(maxsize=8)
def _load(extra_dir: str | None) -> Vocabularies:
    v = Vocabularies()
    for path in _files("metrics", extra_dir):
        for r in _rows(path):
            name = r["metric"]
            v.metrics[name] = Metric(name, _bool(r.get("higher_is_better")), _split(r.get("aliases")) or (name,))
    for kind, target in (("datasets", v.datasets), ("hardware", v.hardware), ("networks", v.networks)):
        for path in _files(kind, extra_dir):
            for r in _rows(path):
                name = r["name"]
                target[name] = Entity(name, _split(r.get("aliases")) or (name,), r.get("category") or None)
    for path in _files("units", extra_dir):
        for r in _rows(path):
            s = r["surface"]
            v.units[s] = UnitSurface(s, r["unit"], float(r.get("factor") or 1), _bool(r.get("case_sensitive")) is not False)
    return v


_PINNED: ContextVar[Vocabularies | None] = ContextVar("leaderboard_vocab_pinned", default=None)


def load_vocabularies() -> Vocabularies:
    """All vocabularies: bundled files plus those in $LEADERBOARD_VOCAB_DIR."""
    pinned = _PINNED.get()
    if pinned is not None:
        return pinned
    return _load(os.environ.get(ENV_VAR) or None)


@contextmanager
def pinned_vocabularies():
    """Read the environment once for a whole extraction (the helpers ask for the vocabularies very often)."""
    token = _PINNED.set(_load(os.environ.get(ENV_VAR) or None))
    try:
        yield
    finally:
        _PINNED.reset(token)


_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”]+")
_SEPARATORS_TO_SPACE = str.maketrans({c: " " for c in ",;:()[]{}\"“”"})  # _TOKEN.findall(t) == t.translate(this).split()
# [,;:()[]{}"“”] | [.'’!?] before a space or the end | ['‘] after a space; one leading class so the scan is fast
_PUNCT = re.compile(r"[,;:()\[\]{}\"“”.'’!?‘](?:(?<=[,;:()\[\]{}\"“”])|(?<=[.'’!?])(?=\s|$)|(?<=\s['‘]))")


_PUNCT_CHARS = ",;:()[]{}\"“”.'’!?‘"
_ALL_PUNCT_TO_SPACE = str.maketrans({c: " " for c in _PUNCT_CHARS})


class AliasMatcher:
    """Finds aliases in text by looking up runs of whitespace-separated tokens (longest first).

    Much faster than one big regex alternation. Aliases match as written, except that aliases with a digit or
    written all in lower case ("cifar-10", "Jetson TX2", "mobile phone") also match in any case. A token must be
    the whole alias word: "CPU-GPU" is not "GPU".
    """

    def __init__(self, aliases: dict[str, object]):
        self.exact: dict[str, object] = {}
        self.folded: dict[str, object] = {}
        self.firsts: dict[str, int] = {}  # first token (as written) -> most tokens of an alias starting with it
        self.folded_firsts: dict[str, int] = {}  # the same, lower-cased, for aliases matched in any case
        # first token -> the second tokens of its aliases (None: a one-token alias starts with it): "Neural" starts aliases, but
        # only "Neural Engine" / "Neural Processing Unit", so a text without "Engine" or "Processing" holds none of them
        self.seconds: dict[str, set[str] | None] = {}
        self.folded_seconds: dict[str, set[str] | None] = {}
        for alias, value in aliases.items():
            toks = alias.split()
            key = " ".join(toks)
            self.exact.setdefault(key, value)
            self.firsts[toks[0]] = max(self.firsts.get(toks[0], 0), len(toks))
            self._note_second(self.seconds, toks)
            if any(c.isdigit() for c in alias) or alias == alias.lower():
                self.folded.setdefault(key.lower(), value)
                first = toks[0].lower()
                self.folded_firsts[first] = max(self.folded_firsts.get(first, 0), len(toks))
                self._note_second(self.folded_seconds, [t.lower() for t in toks])
        self.plain_firsts = not any(c in w for w in (*self.firsts, *self.folded_firsts) for c in _PUNCT_CHARS)

    @staticmethod
    def _note_second(table: dict, toks: list[str]) -> None:
        if len(toks) == 1 or table.get(toks[0], ()) is None:
            table[toks[0]] = None
        else:
            table.setdefault(toks[0], set()).add(toks[1])

    def _may_start(self, text: str, words: set[str], lower_words: set[str]) -> bool:
        """Whether some alias can start at one of ``words``: its second token (if any) must occur in the text."""
        for w in words.intersection(self.firsts):
            nxt = self.seconds[w]
            if nxt is None or any(t in text for t in nxt):
                return True
        hits = lower_words.intersection(self.folded_firsts)
        if hits:
            low = text.lower()
            for w in hits:
                nxt = self.folded_seconds[w]
                if nxt is None or any(t in low for t in nxt):
                    return True
        return False

    def find(self, text: str) -> list[tuple[int, int, object]]:
        # every punctuation mark to a space splits at least where _PUNCT does: a superset of the words, so the reject stays safe
        spaced = text.translate(_ALL_PUNCT_TO_SPACE) if self.plain_firsts else _PUNCT.sub(" ", text)
        words = set(spaced.split())
        lower_words = set(spaced.lower().split()) if spaced.isascii() else {w.lower() for w in words}
        if not self._may_start(text, words, lower_words):
            return []  # quick reject: no word of the text starts an alias (that the text goes on with)
        # a token without trailing .'’!? and then leading '‘ (empty ones dropped; idx: their places in raw)
        raw = text.translate(_SEPARATORS_TO_SPACE).split()  # _TOKEN.findall(text), faster
        toks = [t.rstrip(".'’!?").lstrip("'‘") for t in raw]
        idx = None
        if "" in toks:
            idx = [k for k, w in enumerate(toks) if w]
            toks = [toks[k] for k in idx]
        starts = None  # offsets of the raw tokens, found at the first hit
        firsts, folded_firsts, exact, folded = self.firsts, self.folded_firsts, self.exact, self.folded
        out = []
        nxt = 0  # tokens before this one are inside an alias found already
        for i in [i for i, w in enumerate(toks) if w in firsts or w.lower() in folded_firsts]:
            if i < nxt:
                continue
            word = toks[i]
            longest = max(firsts.get(word, 0), folded_firsts.get(word.lower(), 0))
            for n in range(min(longest, len(toks) - i), 0, -1):
                words_n = " ".join(toks[i:i + n]) if n > 1 else word
                v = exact.get(words_n)
                if v is None:
                    v = folded.get(words_n.lower())
                if v is not None:
                    if starts is None:
                        starts = [m.start() for m in _TOKEN.finditer(text)]
                    k0, k1 = (idx[i], idx[i + n - 1]) if idx else (i, i + n - 1)
                    out.append((starts[k0] + len(raw[k0].rstrip(".'’!?")) - len(word), starts[k1] + len(raw[k1].rstrip(".'’!?")), v))
                    nxt = i + n
                    break
        return out

"""Score extracted results against hand-annotated gold (GUIDE.md format).

Papers are identified by their normalised title, so a paper listed in two seed files counts once.
Loose match: same paper, value within 0.5% relative, same canonical unit.
Strict match: loose + same metric + same kind.
Slots (dataset, model, hardware, baseline) are compared on strict matches.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from leaderboard.sources.records import title_key

SLOTS = ("dataset", "model", "hardware", "baseline")
REL_TOL = 0.005


@dataclass
class LevelScore:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    loose: LevelScore
    strict: LevelScore
    slots: dict[str, float]  # lenient slot accuracy on strict matches (see slot_match)
    slots_exact: dict[str, float]  # normalised-equality slot accuracy on strict matches
    misses: list[dict] = field(default_factory=list)  # gold rows with no loose match
    extras: list[dict] = field(default_factory=list)  # predicted rows with no loose match
    wrong_label: list[tuple[dict, dict]] = field(default_factory=list)  # loose but not strict (gold, pred)
    slot_errors: list[tuple[str, dict, dict]] = field(default_factory=list)  # (slot, gold, pred)
    papers: int = 0


def load_gold(paths) -> list[dict]:
    """All gold rows of the JSONL files ``paths`` (a path or a list of paths)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rows = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                line = line.strip()
                if line:
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ValueError(f"{p}, line {number}: not JSON ({exc.msg})") from None
    return rows


def _dedupe_by_paper(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows grouped by paper; when a paper comes from several seed files keep the rows of the first file."""
    first_source: dict[str, str] = {}
    out: dict[str, list[dict]] = {}
    for r in rows:
        key = title_key(r.get("title") or "")
        src = str(r.get("seed"))
        first_source.setdefault(key, src)
        if first_source[key] == src:
            out.setdefault(key, []).append(r)
    return out


def _unique_rows(rows: list[dict]) -> list[dict]:
    """Drop exact repeats (a paper stored twice without a seed name would otherwise count twice)."""
    seen, out = set(), []
    for r in rows:
        key = (r.get("value"), r.get("unit"), r.get("metric"), r.get("kind"), r.get("surface"), r.get("sentence"), r.get("start"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if a == b:
        return True
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def _unit(u) -> str:
    return (u or "").strip()


def _words(text) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").lower()).strip()


def _singular(text) -> str:
    """Words with a plural 's' dropped ("FBNets" ~ "FBNet")."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _words(text).split())


def norm(text) -> str:
    """Case-insensitive form of a slot value with whitespace and punctuation removed ("MobileNet V2" == "mobilenetv2")."""
    return _words(text).replace(" ", "")


def _dataset_norm(text) -> str:
    if not text:
        return ""
    try:
        from leaderboard.extract.slots import canonical_dataset
    except Exception:  # evaluation must not depend on the extractor
        canonical_dataset = str  # noqa: E731
    parts = [canonical_dataset(p.strip()) for p in re.split(r",\s*|\s+and\s+", str(text)) if p.strip()]
    return "|".join(sorted(norm(p) for p in parts))


def _head(text: str) -> str:
    """A name without its parenthesised details, as words: 'FLIQS (ResNet-18)' -> 'fliqs'."""
    return _words(re.sub(r"\([^)]*\)", " ", text or ""))


def slot_match(slot: str, gold, pred, exact: bool = False) -> bool:
    """Whether a predicted slot agrees with gold. null == null counts as agreement.

    exact: normalised equality (datasets alias-aware). Otherwise also accept the same name once
    parenthesised details are dropped, or one name containing the other as whole words
    ('lottery jackpot (ResNet-50)' vs 'lottery jackpot'), or the same words up to a plural 's', since annotators
    disagree on those details;
    for models, '(ours)' agrees with any gold name marked '(ours)' (GUIDE: the paper's own unnamed method).
    """
    if slot == "dataset":
        g, p = _dataset_norm(gold), _dataset_norm(pred)
    else:
        g, p = norm(gold), norm(pred)
    if g == p:
        return True
    if exact or not g or not p:
        return False
    if slot == "model" and (p == "ours" and " ours " in f" {_words(gold)} " or g == "ours" and " ours " in f" {_words(pred)} "):
        return True
    gh, ph = _head(gold), _head(pred)
    if gh and gh == ph:
        return True
    gw, pw = f" {_singular(gold)} ", f" {_singular(pred)} "
    gh, ph = _singular(gh), _singular(ph)
    if gh and gh == ph:
        return True
    return (f" {ph} " in gw and len(ph) >= 3) or (f" {gh} " in pw and len(gh) >= 3)


def _agreement(g: dict, p: dict) -> tuple:
    strict = g.get("metric") == p.get("metric") and g.get("kind") == p.get("kind")
    slots = sum(slot_match(s, g.get(s), p.get(s)) for s in SLOTS)
    same_surface = norm(g.get("surface")) == norm(p.get("surface"))
    same_sentence = norm(g.get("sentence"))[:60] == norm(p.get("sentence"))[:60] if g.get("sentence") and p.get("sentence") else False
    return (strict, same_sentence, same_surface, slots)


def score(predicted: list[dict], gold: list[dict]) -> Report:
    """Precision/recall/F1 at loose and strict level plus slot accuracies (see module doc)."""
    gold_by = _dedupe_by_paper(gold)
    pred_by = {k: _unique_rows(v) for k, v in _dedupe_by_paper(predicted).items()}
    tp_loose = tp_strict = 0
    misses, extras, wrong, slot_errors = [], [], [], []
    slot_ok = {s: 0 for s in SLOTS}
    slot_ok_exact = {s: 0 for s in SLOTS}
    n_gold = sum(len(v) for v in gold_by.values())
    n_pred = sum(len(v) for v in pred_by.values())
    for key in sorted(set(gold_by) | set(pred_by)):
        gs, ps = gold_by.get(key, []), pred_by.get(key, [])
        pairs = []
        for i, g in enumerate(gs):
            for j, p in enumerate(ps):
                if _close(g.get("value"), p.get("value")) and _unit(g.get("unit")) == _unit(p.get("unit")):
                    pairs.append((_agreement(g, p), i, j))
        pairs.sort(key=lambda t: (t[0], -t[1], -t[2]), reverse=True)
        used_g, used_p = set(), set()
        for agreement, i, j in pairs:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            tp_loose += 1
            g, p = gs[i], ps[j]
            if agreement[0]:
                tp_strict += 1
                for s in SLOTS:
                    if slot_match(s, g.get(s), p.get(s)):
                        slot_ok[s] += 1
                    else:
                        slot_errors.append((s, g, p))
                    if slot_match(s, g.get(s), p.get(s), exact=True):
                        slot_ok_exact[s] += 1
            else:
                wrong.append((g, p))
        misses += [g for i, g in enumerate(gs) if i not in used_g]
        extras += [p for j, p in enumerate(ps) if j not in used_p]
    slots = {s: (slot_ok[s] / tp_strict if tp_strict else 0.0) for s in SLOTS}
    slots_exact = {s: (slot_ok_exact[s] / tp_strict if tp_strict else 0.0) for s in SLOTS}
    return Report(LevelScore(tp_loose, n_pred, n_gold), LevelScore(tp_strict, n_pred, n_gold), slots, slots_exact,
                  misses, extras, wrong, slot_errors, papers=len(set(gold_by) | set(pred_by)))


def _row(r: dict, width: int = 110) -> str:
    where = f"{r.get('seed', '')}#{r.get('n', '')}"
    desc = f"{r.get('surface') or r.get('value')} -> {r.get('value')} {r.get('unit') or ''} | {r.get('metric')} {r.get('kind')}"
    sent = (r.get("sentence") or "").replace("\n", " ")
    if len(sent) > width:
        sent = sent[:width - 3] + "..."
    return f"  {where:<12} {desc}\n      {sent}"


def format_report(report: Report, limit: int = 25) -> str:
    """Human-readable summary with (truncated) lists of misses, extras and label errors."""
    lines = [f"papers: {report.papers}   gold rows: {report.strict.n_gold}   predicted rows: {report.strict.n_pred}", ""]
    lines.append(f"{'level':<8}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}")
    for name, lv in (("loose", report.loose), ("strict", report.strict)):
        lines.append(f"{name:<8}{lv.precision:8.3f}{lv.recall:8.3f}{lv.f1:8.3f}{lv.tp:6d}")
    lines.append("")
    lines.append("slot accuracy on strict matches (lenient / exact):")
    for s in SLOTS:
        lines.append(f"  {s:<10}{report.slots[s]:7.3f} / {report.slots_exact[s]:.3f}")

    def section(title, rows, fmt):
        lines.append("")
        lines.append(f"{title} ({len(rows)}):")
        for r in rows[:limit]:
            lines.append(fmt(r))
        if len(rows) > limit:
            lines.append(f"  ... and {len(rows) - limit} more")

    section("misses (gold not found)", report.misses, _row)
    section("extras (predicted, not in gold)", report.extras, _row)
    section("wrong metric/kind (gold | predicted)", report.wrong_label,
            lambda gp: _row(gp[0]) + f"\n      predicted: {gp[1].get('metric')} {gp[1].get('kind')}")
    section("slot errors (slot: gold | predicted)", report.slot_errors,
            lambda e: f"  {e[1].get('seed', '')}#{e[1].get('n', '')} {e[1].get('surface')} {e[0]}: {e[1].get(e[0])!r} | {e[2].get(e[0])!r}")
    return "\n".join(lines)


def predict_for_gold(gold: list[dict], seeds_dir) -> list[dict]:
    """Run the extractor on every paper of the seed files the gold rows come from."""
    from leaderboard.extract import extract
    from leaderboard.sources.listing import read_listing

    seeds_dir = Path(seeds_dir)
    out = []
    for seed in sorted({str(g["seed"]) for g in gold}):
        path = seeds_dir / seed
        if not path.exists():
            matches = sorted(seeds_dir.glob(f"{Path(seed).stem}*"))
            if not matches:
                raise FileNotFoundError(f"seed file {seed} not found in {seeds_dir}")
            path = matches[0]
        for rec in read_listing(path):
            for r in extract(rec.title, rec.abstract):
                d = r.as_dict()
                d.update(seed=seed, n=rec.position, title=rec.title)
                out.append(d)
    return out


def main(argv=None) -> int:
    """`python -m leaderboard.evaluate` is `leaderboard evaluate`."""
    from .cli import main as cli_main

    return cli_main(["evaluate", *(argv if argv is not None else __import__("sys").argv[1:])])


if __name__ == "__main__":
    raise SystemExit(main())

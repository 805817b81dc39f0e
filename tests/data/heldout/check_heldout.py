"""Check the held-out gold against its listings: run from the repository root,

    PYTHONPATH=. python tests/data/heldout/check_heldout.py

Every line parses, has exactly the gold fields, names a paper of its listing by seed/n/title,
quotes a sentence of that abstract that holds the surface, and uses the GUIDE's vocabulary.
"""

import json
import re
import sys
from pathlib import Path

from leaderboard.sources.listing import read_listing

HERE = Path(__file__).parent
FIELDS = ["seed", "n", "title", "surface", "value", "unit", "metric", "metric_text", "kind", "direction",
          "dataset", "model", "hardware", "baseline", "qualifier", "sentence"]
UNITS = {"%", "x", "ms", "fps", "FLOPs", "MACs", "params", "MB", "W", "mJ", "GPU-hours", "dB", ""}
# GUIDE: "Units with no canonical form stay as written".
AS_WRITTEN = {"kcal/mol", "m", "pixels", "tokens/s", "images/s", "queries/s", "Hz", "TOPS", "GOPS",
              "fps/W", "TOPS/W", "GOPS/W", "eV", "molecules/hour", "mm", "GB/s", "clock cycles",
              "pages/s", "updates/s", "mm^2", "tokens"}
METRICS = {"accuracy", "top-1 accuracy", "top-5 accuracy", "error rate", "top-1 error", "mAP", "AP", "mIoU", "F1",
           "BLEU", "ROUGE", "perplexity", "MOS", "WER", "PSNR", "SSIM", "AUC", "MAE", "RMSE", "Dice", "success rate",
           "latency", "throughput", "speedup", "FLOPs", "MACs", "parameters", "model size", "memory",
           "compression ratio", "energy", "power", "search cost", "training cost", "cost", "score"}
KINDS = {"absolute", "delta", "ratio", "reduction"}
QUALIFIERS = {None, "up to", "over", "about", "under", "less than", "range-low", "range-high"}
WORDS = {"twice": 2, "four times": 4, "eight times": 8, "an order of magnitude": 10,
         "three orders of magnitude": 1000, "a minute": 1, "seven minutes": 7}


def leading_number(surface: str):
    s = surface.replace("\\times", "x").replace(",", "")
    if s in WORDS:
        return WORDS[s]
    power = re.match(r"10\^\{(\d+)\}", s)  # "10^{4}\times" is 10000, not 10
    if power:
        return 10 ** int(power.group(1))
    m = re.match(r"([+-]?\d+(?: \d{3})*(?:\.\d+)?)(?:x10\^\{(\d+)\})?", s)
    if not m:
        return None
    base = float(m.group(1).replace(" ", "")) * (1e9 if " billion" in s else 1e6 if " million" in s else 1)  # keeps a written sign (GUIDE)
    return base * 10 ** int(m.group(2)) if m.group(2) else base


def check(gold_path: Path, listing_path: Path) -> list[str]:
    papers = read_listing(listing_path)
    problems, seen = [], set()
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{gold_path.name}:{number}"
        row = json.loads(line)
        if list(row) != FIELDS:
            problems.append(f"{where}: fields {list(row)}")
            continue
        if row["seed"] != listing_path.name or not 0 <= row["n"] < len(papers):
            problems.append(f"{where}: no paper {row['seed']}#{row['n']}")
            continue
        paper = papers[row["n"]]
        if paper.title != row["title"]:
            problems.append(f"{where}: title {row['title']!r} is not paper {row['n']}'s {paper.title!r}")
        if row["sentence"] not in paper.abstract:
            problems.append(f"{where}: sentence not in the abstract")
        if row["surface"] not in row["sentence"]:
            problems.append(f"{where}: surface {row['surface']!r} not in its sentence")
        if row["unit"] not in UNITS | AS_WRITTEN:
            problems.append(f"{where}: unit {row['unit']!r}")
        if row["metric"] not in METRICS:
            problems.append(f"{where}: metric {row['metric']!r}")
        if row["kind"] not in KINDS:
            problems.append(f"{where}: kind {row['kind']!r}")
        if (row["kind"] == "absolute") != (row["direction"] is None) or row["direction"] not in (None, "better", "worse"):
            problems.append(f"{where}: direction {row['direction']!r} with kind {row['kind']}")
        if row["qualifier"] not in QUALIFIERS:
            problems.append(f"{where}: qualifier {row['qualifier']!r}")
        if row["metric"] == "score" and not row["metric_text"]:
            problems.append(f"{where}: metric 'score' needs metric_text")
        if not isinstance(row["value"], float):
            problems.append(f"{where}: value {row['value']!r} is not a float")
        lead = leading_number(row["surface"])
        if row["unit"] in {"%", "x", ""} | AS_WRITTEN and lead is not None and abs(lead - row["value"]) > 1e-9 * max(1, lead):
            problems.append(f"{where}: value {row['value']} does not match surface {row['surface']!r}")
        key = (row["n"], row["surface"], row["sentence"], row["metric"])
        if key in seen:
            problems.append(f"{where}: duplicate row")
        seen.add(key)
    return problems


def main() -> int:
    problems = []
    for gold in sorted(HERE.glob("gold_h*.jsonl")):
        listing = HERE / gold.name.replace("gold_", "listing_").replace(".jsonl", ".txt")
        problems += check(gold, listing)
        rows = len(gold.read_text(encoding="utf-8").splitlines())
        print(f"{gold.name}: {len(read_listing(listing))} papers, {rows} rows")
    print("\n".join(problems) or "all rows check out")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

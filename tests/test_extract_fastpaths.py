"""Fast paths of the extractor against the plain code they replace (same answers on odd input too)."""

from __future__ import annotations

import random
import re

from leaderboard.bench_corpus import seed_papers
from leaderboard.extract.numbers import _ANY, has_number
from leaderboard.extract.sentences import _LAST_WORD, _last_word, split_sentences

# letters, digits of other scripts (Arabic-Indic, superscript, Roman numeral), '.', '_', spaces and newlines
_ALPHABET = "ab._ \n\t-\u00e9\u0663\u00b2\u216bK1.\n"


def _odd_texts(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def test_last_word_is_the_regex_search():
    texts = [a[:400] for _, a in seed_papers()[:50]] + _odd_texts(3000)
    for t in texts:
        for hi in range(len(t) + 1):
            for lo in {0, max(0, hi - 40), max(0, hi - 3), hi}:
                m = _LAST_WORD.search(t, lo, hi)
                assert _last_word(t, lo, hi) == (m.group(1) if m else ""), (t, lo, hi)


def test_has_any_is_the_regex_search():
    sentences = [a[x:y] for _, a in seed_papers() for x, y in split_sentences(a)]
    words = ["times", "Times", "_times", "sometimes", "times_", "3times", "x-fold", "ORDERS", "thirds", "third-party", "\u0663",
             "\u00e9hour", "hour\u00e9", "day.", " half "]
    rng = random.Random(2)
    odd = ["".join(rng.choice(words + [" ", "-", "a", "."]) for _ in range(rng.randint(0, 6))) for _ in range(3000)]
    for s in sentences + odd + words:
        assert has_number(s) == (_ANY.search(s) is not None), s


def test_metric_aliases_grouped_by_first_letter_match_as_the_flat_alternation():
    from leaderboard.extract.metrics import by_first_letter
    from leaderboard.extract.vocab import load_vocabularies

    aliases = sorted({a for m in load_vocabularies().metrics.values() for a in m.aliases}, key=lambda s: (-len(s), s))
    # the alternatives as metrics._metric_table writes them: some as written, most case-insensitive
    parts = [re.escape(a).replace(r"\ ", r"[\s-]+") if a.isupper() or a in ("mAP", "FLOPs") else f"(?i:{re.escape(a)})" for a in aliases]
    grouped, flat = (re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w]|-[A-Za-z])") for alt in (by_first_letter(parts), "|".join(parts)))
    assert grouped.pattern != flat.pattern and by_first_letter(parts + [r"\-x"]) == "|".join(parts + [r"\-x"])
    texts = [a for _, a in seed_papers()] + [a.upper() for _, a in seed_papers()[:100]]
    # case-insensitive letters outside ASCII: KELVIN SIGN (k), long s (s), dotless i / dotted I (i)
    texts += [" ".join(aliases).replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131").replace("I", "\u0130")]
    for t in texts:
        assert [m.span() for m in grouped.finditer(t)] == [m.span() for m in flat.finditer(t)]


def test_alias_tokens_without_the_token_regex():
    from leaderboard.extract.vocab import _SEPARATORS_TO_SPACE, _TOKEN

    pieces = ["GPU", "cpu", ",", ";", ":", "(", ")", "[", "]", "{", "}", '"', "\u201c", "\u201d", ".", "'", "\u2019", "\u2018", "!", "?",
              " ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85", "\u3000", "\u00e9", "-"]
    rng = random.Random(3)
    for _ in range(3000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _TOKEN.findall(t) == t.translate(_SEPARATORS_TO_SPACE).split(), t


def test_acronym_after_words_without_a_pattern_per_acronym():
    from leaderboard.extract.slots import _TASK_PAREN, _task_acronym

    abstracts = [a for _, a in seed_papers()]
    abstracts += ["state-of-the-art (SOTA) and image classification (ICs) and co-design  (CD), tracking(TR) problems (NDPs)"]
    for text in abstracts:
        for tok in set(re.findall(r"\(([A-Za-z][\w-]{0,11}?)s?\)", text)) | {"NDP", "NDPs", "SOTA", "IC", "CD", "TR"}:
            assert _task_acronym(tok, text) == bool(re.search(r"\b[a-z][a-z-]+\s+\(" + re.escape(tok) + r"s?\)", text)), (tok, text)
            task = re.search(_TASK_PAREN.pattern + re.escape(tok) + r"\)", text)
            assert any(text.startswith(tok + ")", t.end()) for t in _TASK_PAREN.finditer(text)) == bool(task), (tok, text)

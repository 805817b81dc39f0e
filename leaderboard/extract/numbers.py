"""Number grammar: find the quantities written in a sentence (number, magnitude, unit).

Handles digits with thousands separators (``3,150``, ``5 700``), decimals, ``5e-3``,
``10^{19}``, signs, LaTeX remnants (``2.08\\%``, ``230times``), number words used as
factors (``eight times``, ``an order of magnitude``), ``a factor of 4`` and ``a second``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from .fastre import fast
from .units import MAGNITUDES, match_unit

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a thousand": 1000, "one thousand": 1000, "ten thousand": 10000,
    "a hundred thousand": 100000, "a million": 1e6, "one million": 1e6, "a dozen": 12,
    "twice": 2, "thrice": 3, "half": 0.5,
}
_WORD_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in WORD_NUMBERS), key=len, reverse=True))

_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?"  # 3,150  75,600.5
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=\s?(?:times|x|×|%|\\%)|[ \u00a0\u202f](?:GPU|params|parameters|FLOPs|images|fps))"  # 5 700times
    r"|\d+(?:\.\d+)?(?:[eE][-−]?\d+(?![\w]))?"
    r"|\.\d+)"
)
_NUMBER = re.compile(
    r"(?P<sign>[+\-−±])?(?P<num>" + _DIGITS + r")"
    r"(?:\s?(?:\\times|×|x|\*)\s?10\^\{?(?P<exp>[-−]?\d+)\}?)?"
)
_POWER10 = fast(re.compile(r"(?<![\w.])10\^\{?(?P<exp>[-−]?\d+)\}?"))
_ORDERS = re.compile(
    r"(?i)\b(?P<n>an?|one|two|three|four|five|six|several|\d+)\s+orders?\s+of\s+magnitudes?"
)
# "providing order of magnitude compression": no article, but a ratio word follows
_BARE_ORDER = re.compile(r"(?i)(?<![\w-])order[\s-]+of[\s-]+magnitude(?=\s+(?:compression|speed-?ups?|faster|fewer|less|smaller|lower|reduction|"
                         r"improvement|cheaper|higher|more|larger|savings?)\b)")
_FACTOR = re.compile(r"(?i)\b(?:a\s+)?factor\s+of\s+(?:about\s+|around\s+|roughly\s+|~)?(?P<n>\d+(?:\.\d+)?|" + _WORD_ALT + r")\b")
_NOT_A_FACTOR = re.compile(r"(?i)(?:real[\s-]time|scal\w*|upsampl\w*|downsampl\w*|zoom|magnification|quality|form|fudge|impact)\s+$")
_WORD = re.compile(r"(?i)(?<![\w-])(?P<w>" + _WORD_ALT + r")(?:[\s-]+)(?=(?:times|fold|x)\b|(?:trainable\s+)?param|(?:seconds?|minutes?|hours?|days?)\b|(?<=twice\s)as\s+fast\b|(?<=twice\s)(?:that|those)\s+of\b)")
_WORD_LOW = re.compile(_WORD.pattern[len("(?i)"):])  # the same on lower-cased ASCII text, faster
if not _WORD.pattern.startswith("(?i)") or any(c.isupper() for c in _WORD.pattern.replace("(?P<", "")):
    raise RuntimeError("numbers._WORD must stay '(?i)' + a pattern without capitals (or update _WORD_LOW with it)")
_A_SECOND = fast(re.compile(r"(?i)\b(?:than|under|below|within|in)\s(?P<w>(?:an?|one)\s+(?P<u>second|minute|millisecond|hour|day))\b"))
# "cuts FLOPs by two thirds", "halves ... by half": a fraction as a percentage, only after "by"
_FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3,
              "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0, "three fourths": 75.0}
_FRACTION = re.compile(r"(?i)\bby\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|approximately\s+|over\s+|more\s+than\s+)?(?P<w>"
                       + "|".join(sorted((f.replace(" ", r"[\s-]+") for f in _FRACTIONS), key=len, reverse=True)) + r")\b(?![\s-]+(?:of|the)\b)")
_FRACTION = fast(_FRACTION)


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence; offsets are relative to the sentence."""

    start: int  # start of the surface (sign included)
    end: int  # end of the surface (unit included when written)
    value: float  # in the canonical unit
    unit: str  # canonical unit, "" when none was written
    written: float  # the number as written (before unit conversion)
    unit_text: str = ""  # the unit as written
    num_end: int = 0  # end of the number itself (before magnitude/unit)
    magnitude: str = ""  # K/M/G/... as written
    sign: str = ""
    words: bool = False  # written in words ("eight times")


def _value(num: str) -> float:
    return float(num.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("−", "-"))


def _bad_left(s: str, i: int) -> bool:
    """True when the number at i is glued to a word: ResNet-50, v2.1, LLAMA2-70B, x10."""
    if i == 0:
        return False
    c = s[i - 1]
    if c == "/" and _SLASH_LIST.search(s, 0, i - 1):
        return False  # "46.8/19.5/41.7 ROUGE-1/2/L": a list of decimals
    if c == "{" and _LATEX_FORMAT.search(s, 0, i):
        return False  # "\textbf{78.4\%}"
    if c.isalnum() or c in "._/^\\{@" or c in "µμ":
        return True
    if c in "-‐–" and s[max(0, i - 4):i - 1].lower() == "sub" and (i == 4 or not s[i - 5].isalnum()):
        return False  # "sub-10 ms"
    if c in "-‐–" and i >= 2 and s[i - 2].isalnum():
        token = _TOKEN_END.search(s, max(0, i - 81), i - 1)
        return not (token and re.fullmatch(r"[\d.,]+", token.group(0)))  # "LLAMA2-70B" yes, "87-95%" no
    return False


_LATEX_FORMAT = re.compile(r"\\(?:textbf|textit|emph|mathbf|mathrm|textrm|text|bm|underline|bf|it)\{$")
_ASCII_DIGIT = re.compile(r"[0-9]")
_TOKEN_END = re.compile(r"[\w.]+$")  # searched in a window before the dash: tokens are far shorter than 80 characters
_SLASH_LIST = re.compile(r"(?<![\w.])\d+\.\d+$")
_ANY = re.compile(r"\d|(?i:\b(?:times|fold|orders?|factor|seconds?|minutes?|hours?|days?|twice|thrice|thousand|million|billion|half|thirds?|quarters?|fourths)\b)")


if not (_ANY.pattern.startswith(r"\d|(?i:") and _ANY.pattern.endswith(")") and _ANY.flags == re.UNICODE):
    raise RuntimeError(r"numbers._ANY must stay '\d|(?i:WORDS)' (or update _ANY_LOWER and has_number with it)")
_ANY_LOWER = re.compile(_ANY.pattern[len(r"\d|(?i:"):-1])  # the words of _ANY, case-sensitive: for lower-cased ASCII text
# the same after a non-word character (the words start with a letter, so that is their leading \b): re scans for the
# non-word characters quickly, and a space put before the text stands for its start
_ANY_AFTER_GAP = re.compile(r"\W" + _ANY_LOWER.pattern[len(r"\b"):])
if not _ANY_LOWER.pattern.startswith(r"\b(?:"):
    raise RuntimeError(r"numbers._ANY's words must start with \b (or update _ANY_AFTER_GAP)")


def has_number(s: str) -> bool:
    """``_ANY.search(s)``, faster: for ASCII text, digits are 0-9 and a case-sensitive search of the lower-cased text is the same."""
    if s.isascii():
        return _ASCII_DIGIT.search(s) is not None or _ANY_AFTER_GAP.search(" " + s.lower()) is not None
    return _ANY.search(s) is not None


def find_quantities(s: str) -> list[Quantity]:
    """All numbers of sentence ``s`` with their units, left to right, not overlapping."""
    if not has_number(s):
        return []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    low = s.lower() if s.isascii() else None  # to skip the word patterns quickly; None: do not skip

    def has(*words: str) -> bool:
        return low is None or any(w in low for w in words)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def add(q: Quantity):
        if free(q.start, q.end):
            found.append(q)
            taken.append((q.start, q.end))

    for m in _ORDERS.finditer(s) if has("order") else ():
        n = m.group("n").lower()
        k = 1 if n in ("a", "an", "one") else WORD_NUMBERS.get(n) or (int(n) if n.isdigit() else None)
        if k:
            add(Quantity(m.start(), m.end(), 10.0 ** k, "x", 10.0 ** k, "orders of magnitude", m.end(), words=True))
    for m in _BARE_ORDER.finditer(s) if has("order") else ():
        add(Quantity(m.start(), m.end(), 10.0, "x", 10.0, "order of magnitude", m.end(), words=True))
    for m in _FACTOR.finditer(s) if has("factor") else ():
        if _NOT_A_FACTOR.search(s, max(0, m.start() - 20), m.start()):
            continue  # "a real-time factor of 0.05" is a score; "a scaling factor of 4" a setting
        n = m.group("n")
        v = float(n) if n[0].isdigit() else WORD_NUMBERS[re.sub(r"\s+", " ", n.lower())]
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("aA ")) if m.group(0).lower().startswith("a ") else 0)
        add(Quantity(start, m.end(), v, "x", v, "factor", m.end(), words=not n[0].isdigit()))
    for m in _A_SECOND.finditer(s) if has("second", "minute", "hour", "day") else ():
        u = match_unit(s, m.start("u"))
        if u:
            add(Quantity(m.start("w"), m.end("w"), u[1].factor, u[1].unit, 1.0, m.group("u"), m.start("u"), words=True))
    for m in _FRACTION.finditer(s) if has("by") else ():
        v = _FRACTIONS[re.sub(r"[\s-]+", " ", m.group("w").lower())]
        add(Quantity(m.start("w"), m.end("w"), v, "%", v, "", m.end("w"), words=True))
    for m in _WORD.finditer(s) if low is None else _WORD_LOW.finditer(low):
        w = re.sub(r"\s+", " ", m.group("w").lower())
        v = WORD_NUMBERS[w]
        u = match_unit(s, m.end())
        if u is None and s[m.end():].lower().startswith(("trainable param", "param")):
            u = match_unit(s, m.end())
        if u and u[1].unit == "x" and re.match(r"[\s-]*(?:cross|cv|validation)", s[u[0]:u[0] + 12], re.I):
            continue  # ten-fold cross-validation
        if u:
            add(Quantity(m.start("w"), u[0], v * u[1].factor, u[1].unit, v, s[m.end():u[0]].strip(), m.end("w"), words=True))
        elif w in ("twice", "thrice"):
            add(Quantity(m.start("w"), m.end("w"), v, "x", v, "", m.end("w"), words=True))
    for m in _POWER10.finditer(s):
        if _bad_left(s, m.start()):
            continue
        exp = int(m.group("exp").replace("−", "-"))
        if abs(exp) > 300:
            continue
        v = 10.0 ** exp
        q = _with_unit(s, m.start(), m.end(), v, "")
        if q:
            add(q)
    for m in _NUMBER.finditer(s):
        start = m.start() if m.group("sign") else m.start("num")
        if m.group("sign") and start > 0 and (s[start - 1].isalnum() or s[start - 1] in "%\\-–$"):
            start = m.start("num")  # "87-95%": the dash joins a range
        dash = start
        while dash > 0 and s[dash - 1] in "-–":
            dash -= 1
        glued_range = dash < start and any(q.end == dash for q in found)
        if _bad_left(s, start) and not glued_range:
            continue
        try:
            v = _value(m.group("num"))
        except ValueError:
            continue
        if m.group("exp"):
            exp = int(m.group("exp").replace("−", "-"))
            if abs(exp) > 300:
                continue
            v *= 10.0 ** exp
        if not math.isfinite(v) or abs(v) > 1e300:
            continue
        sign = s[start] if start < m.start("num") else ""
        if sign and sign in "-−":
            v = -v
        q = _with_unit(s, start, m.end(), v, sign if sign != "±" else "")
        if q:
            add(q)
    found.sort(key=lambda q: q.start)
    return found


_MAGNITUDE = re.compile(r"\s?(?P<m>thousand|million|billion|trillion)\b|(?P<l>[KkMBGT])(?![a-z])")


def _with_unit(s: str, start: int, num_end: int, v: float, sign: str) -> Quantity | None:
    pos = num_end
    magnitude = ""
    mult = 1.0
    mm = _MAGNITUDE.match(s, pos)
    if mm:
        mag = mm.group("m") or mm.group("l")
        rest = s[mm.end():]
        # a magnitude letter directly followed by a unit ("295M FLOPs", "5.7M parameters") or standing alone
        u = match_unit(s, mm.end())
        letter_unit = mm.group("l") and match_unit(s, pos)
        if letter_unit and letter_unit[1].unit not in ("params",):
            pass  # "10 W", "3 s": the letter is the unit itself
        elif mag == "M" and rest[:1].isalpha():
            pass
        else:
            magnitude = mag
            mult = MAGNITUDES[mag]
            pos = mm.end()
            if u is None:
                nxt = s[pos:pos + 1]
                if nxt.isalpha() or nxt.isdigit():
                    return None  # "7B-parameter", "2Mrad": not a plain magnitude
                return Quantity(start, pos, v * mult, "", v, "", num_end, magnitude, sign)
    u = match_unit(s, pos)
    if s[pos:pos + 1].isalpha() and not u:
        return None  # glued to a word: "3D", "2nd", "16k-token"
    if u is None:
        return Quantity(start, pos, v * mult, "", v, "", num_end, magnitude, sign)
    end, unit = u
    if unit.unit == "x" and re.match(r"\s?\d", s[end:end + 2]):
        return None  # 600x400, 3 x 3: dimensions
    if unit.surface.lower() in ("fold", "-fold") and re.match(r"[\s-]*(?:cross|cv|validation)", s[end:end + 12], re.I):
        return None  # 10-fold cross-validation
    return Quantity(start, end, v * mult * unit.factor, unit.unit, v, s[pos:end].strip(), num_end, magnitude, sign)


def with_unit(q: Quantity, unit_q: Quantity) -> Quantity:
    """``q`` written bare in a list that ends with ``unit_q``'s unit ("99.38, 98.76 and 91.93 percent")."""
    factor = unit_q.value / unit_q.written / (MAGNITUDES.get(unit_q.magnitude, 1.0)) if unit_q.written else 1.0
    mult = MAGNITUDES.get(unit_q.magnitude, 1.0) if not q.magnitude else MAGNITUDES[q.magnitude]
    return replace(q, value=q.written * mult * factor, unit=unit_q.unit)

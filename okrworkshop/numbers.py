"""The one reader of every value a person types: a baseline, a target, a check-in.

"12%", "-3%", "$1.2M", "1,200", "40k", "3 days", "4 hours", "+2 pp", "EUR 3.5 million": each is
read once, here, into a number and its unit. The rules, the linter, progress, grading and the
handout all ask this module, so they can never disagree about what a field says.

What is read:

- a sign ("-3%", "−3%", "+2 pp", "-$5"), a decimal point or a decimal comma ("12,5%"),
  thousands separators ("1,200,000", "1.200.000", "1'200"; "12,500" is twelve thousand five
  hundred), an exponent ("1e3");
- scale words right after the number: k, m, mm, mn, mio, bn, b, thousand, million, billion;
- units, each of one dimension: percent ("%", "percent", "pct"); percentage points ("pp",
  "points", "percentage points") and basis points ("bps", a hundredth of a point); time
  (ms, seconds, minutes, hours, days, weeks, months, years); money with its currency ("$",
  "€", "£", "¥" and codes such as EUR); any other word is what is counted ("users").

Within a dimension values convert (3 days is 72 hours; 250 bps is 2.5 pp); money converts only
within one currency; percent and percentage points never mix: a percent is a level ("15%"),
percentage points are a difference between two levels. A plain number takes the unit of the
field it is compared with. A value beyond a thousand trillion, a unit given twice ("5%%") or two
units of different dimensions ("5% days") are refused with a sentence. This module imports
nothing from the project and nothing heavy: the CLI loads it on every check-in.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

MAX_MAGNITUDE = 1e15
"""The largest value a field may hold (a thousand trillion): past it, a value is a typo or a
paste, and progress worked out from it would print nonsense."""

# Scale words right after a number: "$1.2M", "40k", "3 million".
SCALE_WORDS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}


class Dimension(StrEnum):
    """What a unit measures; values convert only within one."""

    NUMBER = "number"
    PERCENT = "percent"
    POINTS = "percentage points"
    TIME = "duration"
    MONEY = "money"


@dataclass(frozen=True)
class Unit:
    """A unit: its dimension, its name as shown, and its size in the dimension's base unit
    (seconds for time; a percentage point for points; one for the rest)."""

    dimension: Dimension
    name: str
    factor: float = 1.0

    @property
    def plain(self) -> bool:
        """A bare number: it takes the unit of whatever it is compared with."""
        return self.dimension is Dimension.NUMBER and not self.name

    def describe(self) -> str:
        """The unit in words, as a sentence names it ("a duration", "money in EUR")."""
        if self.dimension is Dimension.NUMBER:
            return f"a number of {self.name}" if self.name else "a plain number"
        if self.dimension is Dimension.MONEY:
            return f"money in {self.name}"
        if self.dimension is Dimension.POINTS:
            return "percentage points"
        return f"a {self.dimension.value}"


PLAIN = Unit(Dimension.NUMBER, "")
PERCENT = Unit(Dimension.PERCENT, "%")
POINTS = Unit(Dimension.POINTS, "pp")

_DAY = 86_400.0
_TIME: dict[tuple[str, ...], tuple[str, float]] = {
    ("ms", "msec", "millisecond", "milliseconds"): ("ms", 0.001),
    ("s", "sec", "secs", "second", "seconds"): ("seconds", 1.0),
    ("min", "mins", "minute", "minutes"): ("minutes", 60.0),
    ("h", "hr", "hrs", "hour", "hours"): ("hours", 3_600.0),
    ("d", "day", "days"): ("days", _DAY),
    ("w", "wk", "wks", "week", "weeks"): ("weeks", 7 * _DAY),
    ("mo", "mos", "month", "months"): ("months", 365.25 / 12 * _DAY),
    ("y", "yr", "yrs", "year", "years"): ("years", 365.25 * _DAY),
}
_CURRENCIES: dict[str, str] = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    **{
        code: code.upper()
        for code in (
            *("usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "sek", "nok", "dkk"),
            *("pln", "czk", "huf", "inr", "cny", "brl", "mxn", "zar", "sgd", "hkd", "krw"),
        )
    },
}
UNIT_WORDS: dict[str, Unit] = {
    "%": PERCENT,
    "pp": POINTS,
    "bps": Unit(Dimension.POINTS, "bps", 0.01),
    **{
        word: Unit(Dimension.TIME, name, size)
        for words, (name, size) in _TIME.items()
        for word in words
    },
    **{word: Unit(Dimension.MONEY, code) for word, code in _CURRENCIES.items()},
}
"""Every word or symbol that names a unit, after the phrases below are folded into one."""

# Phrases folded into one unit word before the words are read. Longest first.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), word)
    for pattern, word in (
        (r"\bbasis\s+points?\b|\bbps\b|\bbp\b", " bps "),
        (r"(?:\bpercentage|\bper\s?cent|%)\s*(?:points?|pts?)\b|\bp\.p\.|\bppts?\b", " pp "),
        (r"\bpoints?\b|\bpts\b", " pp "),
        (r"\bper\s?cent(?:age)?\b|\bpct\b", " % "),
    )
)

# One number: a sign, the digits with their separators, an exponent. Not glued to a word or
# another number on its left ("p95", "12-18%" holds two numbers, so it is no amount).
_NUMBER_RE = re.compile(
    r"(?<![\w.,'])(?:(?P<sign>[+-])\s?)?(?P<digits>"
    r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # 1,234,567.8
    r"|[1-9]\d{0,2}(?:\.\d{3})+,\d+"  # 1.234.567,8
    r"|[1-9]\d{0,2}(?:\.\d{3}){2,}"  # 1.234.567
    r"|[1-9]\d{0,2}(?:'\d{3})+(?:\.\d+)?"  # 1'234'567.8
    r"|\d+(?:[.,]\d+)?"  # 1234.5, 12,5
    r"|[.,]\d+"  # .5
    r")(?:e(?P<exp>[+-]?\d{1,3}))?(?![\d.,]\d)"
)
_SIGN_BEFORE_CURRENCY_RE = re.compile(r"([+-])\s?([$€£¥])")
_TOKEN_RE = re.compile(r"[^\W\d_]+|[^\w\s]")
_IGNORED = frozenset("~≈<>≤≥()[]:;,.=*'\"!?") | {"about", "approx", "approximately", "around"}
_SPACES_RE = re.compile(r"\s+")
# Longer fields are cut before reading: no baseline is this long, and it bounds the work.
_MAX_CHARS = 200


@dataclass(frozen=True)
class Amount:
    """The one amount in a field: the number as written (scale words applied) and its unit."""

    value: float
    unit: Unit = PLAIN

    @property
    def base(self) -> float:
        """The value in its dimension's base unit: seconds, percentage points, the currency."""
        return self.value * self.unit.factor

    def in_unit(self, unit: Unit) -> Amount:
        """This amount with a plain number given ``unit`` (a unit it has stays)."""
        return Amount(self.value, unit) if self.unit.plain else self


class ValueRefused(ValueError):
    """A field holds a number that cannot be a value; the message says why in one sentence."""


def normalized_text(value: object) -> str:
    """A field as a reader compares it: NFKC, no control or invisible characters, single
    spaces, case folded. "12 %" and "12%" stay different here; ``amount`` reads them alike."""
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFKC", text[: _MAX_CHARS * 4])
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn")
    )
    return _SPACES_RE.sub(" ", text).strip().casefold()


def amount(value: object) -> Amount | None:
    """The one amount in a field, or None when it holds no number, several ("12% to 18%"), or
    one that cannot be a value (``refusal`` says why)."""
    try:
        return read(value)
    except ValueRefused:
        return None


def refusal(value: object) -> str | None:
    """Why a field that holds a number cannot be read as a value, or None when it can (or
    when it holds words only)."""
    try:
        read(value)
    except ValueRefused as exc:
        return str(exc)
    return None


def read(value: object) -> Amount | None:
    """The one amount in a field; None for words or several numbers; ``ValueRefused`` for a
    number too large, a unit given twice, or two units of different dimensions."""
    shown = " ".join(str(value or "").split())[:40]
    text = normalized_text(value)[:_MAX_CHARS].replace("−", "-").replace("–", "-")
    text = _SIGN_BEFORE_CURRENCY_RE.sub(r"\2\1", text)
    found = list(_NUMBER_RE.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    rest = text[: match.start()] + " " + text[match.end() :]
    if any(ch.isdigit() for ch in rest):
        return None  # another number glued to a word ("p95 120ms"): which one is meant?
    number = _number(match)
    words = _TOKEN_RE.findall(_fold_phrases(text[match.end() :]))
    scale = 1.0
    if words and words[0] in SCALE_WORDS:
        scale = SCALE_WORDS[words.pop(0)]
    words = _TOKEN_RE.findall(_fold_phrases(text[: match.start()])) + words
    if any(word in SCALE_WORDS and len(word) > 1 for word in words):
        raise ValueRefused(
            f"{shown!r} has a scale word out of place; write it once, after the number."
        )
    unit = _unit_of_words(words, shown)
    result = number * scale
    if not math.isfinite(result) or abs(result) > MAX_MAGNITUDE:
        raise ValueRefused(
            f"{shown!r} is too large to be a value here (more than a thousand trillion); "
            f"check the digits."
        )
    return Amount(result + 0.0, unit)  # + 0.0: no "-0" ever shown


def unit_of(text: object) -> Unit | None:
    """The unit a unit field names ("%", "days", "EUR", "users"), or None when it is empty or
    names two units."""
    cleaned = normalized_text(text)[:_MAX_CHARS]
    if not cleaned or any(ch.isdigit() for ch in cleaned):
        return None
    try:
        unit = _unit_of_words(_TOKEN_RE.findall(_fold_phrases(cleaned)), cleaned)
    except ValueRefused:
        return None
    return None if unit.plain else unit


def _number(match: re.Match[str]) -> float:
    digits = match.group("digits")
    if "," in digits and "." in digits:
        if digits.index(",") < digits.index("."):
            digits = digits.replace(",", "")  # 1,234.5
        else:
            digits = digits.replace(".", "").replace(",", ".")  # 1.234,5
    elif "'" in digits:
        digits = digits.replace("'", "")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")  # 1.234.567
    elif "," in digits:
        head, _, tail = digits.partition(",")
        if "," in tail or (len(tail) == 3 and len(head) <= 3 and head[:1] != "0"):
            digits = digits.replace(",", "")  # 1,234 and 1,234,567
        else:
            digits = digits.replace(",", ".")  # 12,5
    if digits.startswith("."):
        digits = "0" + digits
    exponent = match.group("exp")
    number = float(f"{digits}e{exponent}" if exponent is not None else digits)  # 1e999: inf
    return -number if match.group("sign") == "-" else number


def _fold_phrases(text: str) -> str:
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return text


def _unit_of_words(words: list[str], shown: str) -> Unit:
    """The unit named by the words around a number: one known unit (other words around it are
    description: "30% of buyers"), else the words themselves as what is counted."""
    known: list[Unit] = []
    counted: list[str] = []
    after_per = False
    for word in words:
        if word in ("/", "per"):
            after_per = True  # "$12 per month": the rate's "month" does not make it a duration
            continue
        if after_per:
            counted.append(word)
            continue
        unit = UNIT_WORDS.get(word)
        if unit is not None:
            known.append(unit)
        elif word not in _IGNORED and not (len(word) == 1 and not word.isalnum()):
            counted.append(word)
    if len(known) > 1:
        if all(u == known[0] for u in known) and known[0].dimension is Dimension.MONEY:
            return known[0]  # "$5 USD"
        if all(u == known[0] for u in known):
            raise ValueRefused(f"{shown!r} gives its unit ({known[0].name}) more than once.")
        names = " and ".join(dict.fromkeys(u.name for u in known))
        raise ValueRefused(f"{shown!r} names two units ({names}); a value has one.")
    if known:
        return known[0]
    return Unit(Dimension.NUMBER, " ".join(counted)) if counted else PLAIN


# --- comparing values ---------------------------------------------------------------------------


def mismatch(first: Unit, second: Unit) -> str | None:
    """Why two units cannot be compared, in words ("a percent is not a duration"), or None
    when they can: one is a plain number, both are of one dimension (money: one currency)."""
    if first.plain or second.plain:
        return None
    if first.dimension is Dimension.NUMBER and second.dimension is Dimension.NUMBER:
        a, b = first.name.replace(" ", ""), second.name.replace(" ", "")
        if a in b or b in a:
            return None  # "users" and "active users"
        return f"{first.name} and {second.name} are not the same thing to count"
    if first.dimension is not second.dimension:
        if {first.dimension, second.dimension} == {Dimension.PERCENT, Dimension.POINTS}:
            return (
                "percent and percentage points do not mix (15% is a level; 3 pp is the "
                "difference between two levels)"
            )
        return f"{first.describe()} is not {second.describe()}"
    if first.dimension is Dimension.MONEY and first.name != second.name:
        return f"{first.name} and {second.name} are different currencies"
    return None


@dataclass(frozen=True)
class Ends:
    """A key result's baseline and target read in one unit, ready for progress."""

    baseline: Amount
    target: Amount

    @property
    def unit(self) -> Unit:
        """What a plain check-in means: the target's unit (else the baseline's)."""
        return self.baseline.unit if self.target.unit.plain else self.target.unit

    @property
    def moves(self) -> bool:
        """Whether the target differs from the baseline, so there is a way to go."""
        return not math.isclose(self.baseline.base, self.target.base, rel_tol=1e-9, abs_tol=1e-12)

    def progress(self, value: Amount) -> float:
        """How far ``value`` is from the baseline towards the target (a checked value)."""
        current = value.in_unit(self.unit).base
        way = (current - self.baseline.base) / (self.target.base - self.baseline.base)
        return way + 0.0  # at the baseline of a key result that reduces: 0.0, never -0.0


def read_ends(baseline: object, target: object, unit: object = "") -> Ends | None:
    """Baseline and target in one unit, or None when either holds words rather than one
    number. A plain number takes the unit field's unit, else the other end's. ``ValueRefused``
    when a number cannot be a value or the two ends cannot be compared ("3 days" to "30%")."""
    first, second = read(baseline), read(target)
    if first is None or second is None:
        return None
    default = unit_of(unit)
    if default is not None:
        first, second = first.in_unit(default), second.in_unit(default)
    first, second = first.in_unit(second.unit), second.in_unit(first.unit)
    reason = mismatch(first.unit, second.unit)
    if reason is not None:
        raise ValueRefused(
            f"The baseline ({_short(baseline)}) and the target ({_short(target)}) are in units "
            f"that do not compare: {reason}. Write both in the same kind of unit."
        )
    return Ends(first, second)


def ends_problem(baseline: object, target: object, unit: object = "") -> str | None:
    """Why a key result's baseline and target cannot be compared, or None when they can (or
    when either is words: that is a key result without numbers, not a mistake)."""
    for field, name in ((baseline, "baseline"), (target, "target")):
        reason = refusal(field)
        if reason is not None:
            return f"The {name} {reason[0].lower()}{reason[1:]}"
    try:
        read_ends(baseline, target, unit)
    except ValueRefused as exc:
        return str(exc)
    return None


def read_value(ends: Ends, value: object) -> Amount:
    """A check-in value in the ends' unit; ``ValueRefused`` (with a sentence) when it is not
    one number or is of another dimension. A plain number is in the ends' unit."""
    found = read(value)
    if found is None:
        raise ValueRefused(f"{_short(value)!r} is not one number.")
    found = found.in_unit(ends.unit)
    reason = mismatch(found.unit, ends.unit)
    if reason is not None:
        raise ValueRefused(f"{_short(value)!r} is {found.unit.describe()}: {reason}.")
    return found


def with_unit(text: str, unit: str) -> str:
    """A value as typed, with the key result's unit field added when it is a bare number ("9"
    with "%" reads "9%", "3" with "days" reads "3 days"); anything else stays as typed."""
    text, unit = " ".join(text.split()), " ".join(unit.split())
    found = amount(text) if text and unit else None
    if found is None or not found.unit.plain:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _short(value: object) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= 40 else text[:39] + "…"


def round_half_up(value: float, places: int) -> float:
    """``value`` to ``places`` decimals, half up as people round (2.25 -> 2.3, 0.625 ->
    0.63), on the decimal figure written, not the nearest binary float as ``round`` does."""
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def round_score(value: float) -> float:
    """A score (0.0-1.0) to the two decimals people read, rounded half up. The one home for
    rounding scores: the grade, each key result's score and a score set by hand."""
    return round_half_up(value, 2)


def mean_score(scores: Iterable[float]) -> float | None:
    """The average of scores as shown (two decimals each), rounded half up: 0.50, 1.00,
    0.67 and 0.33 average to 0.63, the figure a reader works out from the shown scores."""
    shown = [Decimal(repr(round_score(s))) for s in scores]
    if not shown:
        return None
    average = sum(shown, Decimal(0)) / len(shown)
    return float(average.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP))


_HUNDREDTH = Decimal("0.01")

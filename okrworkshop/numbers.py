"""Reading the amount in a baseline or target field ("12%", "12.0 %", "$1.2M", "1,200", "40k").

The workshop's rules and the SMART linter both compare these fields, so both read them here:
with one reader they cannot disagree about whether two fields say the same thing. This module
imports nothing from the project.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Scale words after a number: "$1.2M", "40k", "3 million".
SCALE_WORDS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}

# A number with its scale word if any. Bounded repetition only: a field can hold a paste.
_NUMBER_RE = re.compile(
    r"(\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,12})?|\d{1,30}(?:\.\d{1,12})?|\.\d{1,12})\s?"
    r"(k|mm|m|bn|b|thousand|million|billion)?\b"
)
# Ways of writing "percent", all read as "%".
_PERCENT_RE = re.compile(r"\bper\s?cent\b|\bpercent\b|\bpct\b")
_SPACES_RE = re.compile(r"\s+")
# Longer fields are cut before reading: no baseline is this long, and it bounds the work.
_MAX_CHARS = 200


@dataclass(frozen=True)
class Amount:
    """The one amount in a field: its value and what is left around it ("%", "$", "days")."""

    value: float
    unit: str


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
    """The one amount in a field, or None when it holds no number or several ("12% to 18%")."""
    text = normalized_text(value)[:_MAX_CHARS]
    found = list(_NUMBER_RE.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    digits, scale = match.group(1), match.group(2)
    try:
        number = float(digits.replace(",", ""))
    except ValueError:  # pragma: no cover - the pattern only matches numbers
        return None
    rest = text[: match.start()] + " " + text[match.end() :]
    unit = _SPACES_RE.sub("", _PERCENT_RE.sub("%", rest))
    return Amount(number * SCALE_WORDS.get(scale or "", 1.0), unit)

"""Reading the amount in a baseline or target field: the one reader the rules and linter share."""

from __future__ import annotations

import pytest
from hostile import HOSTILE

from okrworkshop.numbers import Amount, amount, normalized_text


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("12%", Amount(12.0, "%")),
        ("12.0 %", Amount(12.0, "%")),
        ("12 per cent", Amount(12.0, "%")),
        ("$1.2M", Amount(1_200_000.0, "$")),
        ("1,200,000", Amount(1_200_000.0, "")),
        ("40k", Amount(40_000.0, "")),
        ("3 million users", Amount(3_000_000.0, "users")),
        ("12 Days", Amount(12.0, "days")),
        (".5", Amount(0.5, "")),
        ("１２％", Amount(12.0, "%")),  # full-width digits read as digits
    ],
)
def test_amount_reads_one_number_with_its_unit(field: str, expected: Amount) -> None:
    assert amount(field) == expected


@pytest.mark.parametrize("field", ["", "   ", "high", "from 12% to 18%", "12-18%", None])
def test_no_amount_without_exactly_one_number(field: str | None) -> None:
    assert amount(field) is None


def test_normalized_text_ignores_case_spacing_and_invisible_characters() -> None:
    assert normalized_text("  High\u200b \t Growth ") == "high growth"


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_fields_never_crash(text: str) -> None:
    normalized_text(text)
    amount(text)
    amount("1" * 10_000)

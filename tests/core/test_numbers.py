"""Reading every value a person types (baseline, target, check-in): the one reader the rules,
the linter, progress and grading share."""

from __future__ import annotations

import math

import pytest
from hostile import HOSTILE

from okrworkshop.numbers import (
    MAX_MAGNITUDE,
    PERCENT,
    PLAIN,
    POINTS,
    Amount,
    Dimension,
    Unit,
    ValueRefused,
    amount,
    ends_problem,
    normalized_text,
    read,
    read_ends,
    read_value,
    refusal,
    unit_of,
    with_unit,
)

DAYS = Unit(Dimension.TIME, "days", 86_400.0)
HOURS = Unit(Dimension.TIME, "hours", 3_600.0)
USD = Unit(Dimension.MONEY, "USD")
EUR = Unit(Dimension.MONEY, "EUR")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("12%", Amount(12.0, PERCENT)),
        ("12.0 %", Amount(12.0, PERCENT)),
        ("12 per cent", Amount(12.0, PERCENT)),
        ("12 percent", Amount(12.0, PERCENT)),
        ("30% of buyers", Amount(30.0, PERCENT)),
        ("$1.2M", Amount(1_200_000.0, USD)),
        ("EUR 3.5 million", Amount(3_500_000.0, EUR)),
        ("€3.5k", Amount(3_500.0, EUR)),
        ("$5 USD", Amount(5.0, USD)),
        ("1,200,000", Amount(1_200_000.0, PLAIN)),
        ("1.200.000", Amount(1_200_000.0, PLAIN)),
        ("1'200", Amount(1_200.0, PLAIN)),
        ("1,234.5", Amount(1_234.5, PLAIN)),
        ("1.234,5", Amount(1_234.5, PLAIN)),
        ("12,500", Amount(12_500.0, PLAIN)),  # a comma before three digits groups thousands
        ("12,5%", Amount(12.5, PERCENT)),  # otherwise it is a decimal comma
        ("0,500", Amount(0.5, PLAIN)),
        ("40k", Amount(40_000.0, PLAIN)),
        ("3 million users", Amount(3_000_000.0, Unit(Dimension.NUMBER, "users"))),
        ("NPS 32", Amount(32.0, Unit(Dimension.NUMBER, "nps"))),
        ("12 Days", Amount(12.0, DAYS)),
        ("about 3 days", Amount(3.0, DAYS)),
        (".5", Amount(0.5, PLAIN)),
        ("１２％", Amount(12.0, PERCENT)),  # full-width digits read as digits
    ],
)
def test_amount_reads_one_number_with_its_unit(field: str, expected: Amount) -> None:
    assert amount(field) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("3mm", 3e6),
        ("3 mm", 3e6),
        ("2bn", 2e9),
        ("2 bn", 2e9),
        ("2b", 2e9),
        ("5 thousand", 5e3),
        ("1.5 million", 1.5e6),
        ("1.2 billion", 1.2e9),
        ("$1.2m", 1.2e6),
        ("7k", 7e3),
        ("€ 1,2 Mio", 1.2e6),
    ],
)
def test_scale_words(field: str, value: float) -> None:
    found = amount(field)
    assert found is not None and found.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("-3%", -3.0),
        ("−3%", -3.0),  # the minus sign a word processor writes
        ("- 3%", -3.0),
        ("+5%", 5.0),
        ("-$5", -5.0),
        ("$-5", -5.0),
        ("-1e3%", -1000.0),  # an exponent is read whole, never as its last digit
        ("1e3", 1000.0),
        ("-1.5k", -1500.0),
        ("-0", 0.0),
    ],
)
def test_signs_and_exponents(field: str, value: float) -> None:
    found = amount(field)
    assert found is not None and found.value == value
    assert str(found.value) != "-0.0"


def test_a_negative_percent_keeps_its_unit() -> None:
    assert amount("-3%") == Amount(-3.0, PERCENT)


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("5%%", "more than once"),
        ("15%%%", "more than once"),
        ("5% days", "two units"),
        ("$5 €", "two units"),
        ("1" * 30, "too large"),
        ("1" * 30 + "%", "too large"),
        ("1e999", "too large"),
        ("2 billion billion", "scale word"),
        ("million 5", "scale word"),
    ],
)
def test_values_that_cannot_be_are_refused_with_a_sentence(field: str, words: str) -> None:
    assert amount(field) is None
    reason = refusal(field)
    assert reason is not None and words in reason and reason.endswith(".")
    with pytest.raises(ValueRefused):
        read(field)


def test_the_range_ends_at_a_thousand_trillion() -> None:
    assert amount("1000 billion") == Amount(1e12, PLAIN)
    assert amount(f"{MAX_MAGNITUDE:.0f}") is not None
    assert amount(f"{MAX_MAGNITUDE * 10:.0f}") is None


@pytest.mark.parametrize(
    "field", ["", "   ", "high", "from 12% to 18%", "12-18%", "3-5 days", "p95 120ms", None]
)
def test_no_amount_without_exactly_one_number(field: str | None) -> None:
    assert amount(field) is None
    assert refusal(field) is None  # words: a key result without numbers, not a mistake


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        ("3 pp", POINTS),
        ("3 points", POINTS),
        ("3 percentage points", POINTS),
        ("3 % points", POINTS),
        ("3ppt", POINTS),
        ("250 bps", Unit(Dimension.POINTS, "bps", 0.01)),
        ("3%", PERCENT),
        ("90 min", Unit(Dimension.TIME, "minutes", 60.0)),
        ("1.5 hrs", HOURS),
        ("2 weeks", Unit(Dimension.TIME, "weeks", 604_800.0)),
        ("120ms", Unit(Dimension.TIME, "ms", 0.001)),
        ("$12 per month", USD),  # a rate: the money is what is counted
    ],
)
def test_units_and_their_dimension(field: str, unit: Unit) -> None:
    found = amount(field)
    assert found is not None and found.unit == unit


def test_basis_points_are_hundredths_of_a_point() -> None:
    found = amount("250 bps")
    assert found is not None and found.base == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("field", "unit"),
    [
        ("%", PERCENT),
        ("days", DAYS),
        ("EUR", EUR),
        ("percentage points", POINTS),
        ("users", Unit(Dimension.NUMBER, "users")),
        ("", None),
        ("% days", None),
    ],
)
def test_the_unit_field(field: str, unit: Unit | None) -> None:
    assert unit_of(field) == unit


# --- ends and check-ins in one unit -------------------------------------------------------------


def test_progress_is_worked_out_in_one_unit() -> None:
    """The issue's example: from 3 days to 4 hours, 30 hours is (72-30)/(72-4) of the way."""
    ends = read_ends("3 days", "4 hours")
    assert ends is not None
    assert ends.progress(read_value(ends, "30 hours")) == pytest.approx(42 / 68)
    assert ends.progress(read_value(ends, "2 days")) == pytest.approx(24 / 68)
    assert ends.progress(read_value(ends, "30")) == pytest.approx(42 / 68)  # in the target's unit


@pytest.mark.parametrize(
    ("baseline", "target", "value", "progress"),
    [
        ("-5%", "0%", "5%", 2.0),
        ("-5%", "5%", "0%", 0.5),
        ("12", "18", "15%", 0.5),  # plain ends take the unit field's "%"
        ("2 pp", "4 pp", "300 bps", 0.5),
        ("$1.2M", "$2M", "1.6 million", 0.5),
        ("1 week", "3 days", "5 days", 0.5),
        ("40k", "60k", "50,000", 0.5),
    ],
)
def test_conversions_within_a_dimension(
    baseline: str, target: str, value: str, progress: float
) -> None:
    ends = read_ends(baseline, target, "%" if baseline == "12" else "")
    assert ends is not None
    assert ends.progress(read_value(ends, value)) == pytest.approx(progress)


@pytest.mark.parametrize(
    ("baseline", "target", "words"),
    [
        ("3 days", "30%", "a duration is not a percent"),
        ("12%", "15 pp", "percent and percentage points do not mix"),
        ("€40", "$50", "different currencies"),
        ("1200 users", "1500 stores", "not the same thing to count"),
    ],
)
def test_ends_of_different_dimensions_are_refused(baseline: str, target: str, words: str) -> None:
    with pytest.raises(ValueRefused, match=words):
        read_ends(baseline, target)
    problem = ends_problem(baseline, target)
    assert problem is not None and words in problem


def test_words_are_no_problem_of_units() -> None:
    assert read_ends("low", "high") is None
    assert ends_problem("low", "high") is None
    assert ends_problem("12%", "18%") is None
    assert ends_problem("5", "7", "days") is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("30%", "a percent is not a duration"),
        ("3 pp", "percentage points is not a duration"),
        ("banana", "not one number"),
        ("5 hours 3", "not one number"),
    ],
)
def test_a_value_of_another_dimension_is_refused(value: str, words: str) -> None:
    ends = read_ends("3 days", "4 hours")
    assert ends is not None
    with pytest.raises(ValueRefused, match=words):
        read_value(ends, value)


def test_at_the_baseline_of_a_reduction_progress_is_plain_zero() -> None:
    """0 / -6 is -0.0 in floats, which a grade printed as "-0.00"."""
    ends = read_ends("9%", "3%")
    assert ends is not None
    progress = ends.progress(read_value(ends, "9%"))
    assert progress == 0.0 and math.copysign(1.0, progress) == 1.0
    assert f"{min(max(progress, 0.0), 1.0):.2f}" == "0.00"


def test_percent_and_points_never_mix_at_check_in() -> None:
    """A key result in % is checked in as a level in %; one in points, in points."""
    in_percent = read_ends("12%", "18%")
    in_points = read_ends("0 pp", "3 pp")
    assert in_percent is not None and in_points is not None
    with pytest.raises(ValueRefused, match="do not mix"):
        read_value(in_percent, "2 pp")
    with pytest.raises(ValueRefused, match="do not mix"):
        read_value(in_points, "2%")
    assert read_value(in_points, "2") == Amount(2.0, POINTS)


@pytest.mark.parametrize(
    ("text", "unit", "shown"),
    [
        ("9", "%", "9%"),
        ("3", "days", "3 days"),
        ("9%", "%", "9%"),
        ("3 hours", "days", "3 hours"),
        ("high", "%", "high"),
        ("9", "", "9"),
        ("", "%", ""),
    ],
)
def test_with_unit_adds_the_unit_field_to_a_bare_number(text: str, unit: str, shown: str) -> None:
    assert with_unit(text, unit) == shown


def test_normalized_text_ignores_case_spacing_and_invisible_characters() -> None:
    assert normalized_text("  High\u200b \t Growth ") == "high growth"


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_fields_never_crash(text: str) -> None:
    normalized_text(text)
    amount(text)
    refusal(text)
    ends_problem(text, text)
    amount("1" * 10_000)
    amount("1," * 5_000)
    amount("-" * 5_000 + "1e" + "9" * 5_000)

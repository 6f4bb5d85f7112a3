"""Values with units and signs from the command line, in real processes: a key result whose
baseline and target do not compare is refused at `kr`, a check-in of another dimension or a
value that cannot be one is refused in one sentence, progress is worked out in one unit, and
an implausible check-in is saved with one line saying what looks odd."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from okr_process import okr

TODAY = date.today()
START, END = (TODAY - timedelta(days=30)).isoformat(), (TODAY + timedelta(days=30)).isoformat()


def kr_args(statement: str, baseline: str, target: str) -> list[str]:
    return [
        "kr",
        "--as",
        "Ben",
        f"{statement} by {END}",
        f"--baseline={baseline}",
        f"--target={target}",
        f"--deadline={END}",
        "--owner=Ben",
        "--metric=the metric",
    ]


@pytest.fixture(scope="module")
def final_okr(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Final, in a cycle around today: kr1 from 3 days to 4 hours, kr2 from -5% to 5%, kr3
    from -5% to 0%."""
    db = tmp_path_factory.mktemp("numbers") / "okr.json"
    new = ["new", "--team", "T", "--cycle", "Q", "--start", START, "--end", END]
    okr(db, *new, "--facilitator", "Ana", "--participant", "Ben")
    okr(db, "draft", "--as", "Ben", "Buyers find what they need")
    okr(db, "focus", "o1")
    okr(db, *kr_args("Cut the time to answer from 3 days to 4 hours", "3 days", "4 hours"))
    okr(db, *kr_args("Lift the net margin from -5% to 5%", "-5%", "5%"))
    okr(db, *kr_args("Lift the margin from -5% to 0%", "-5%", "0%"))
    for kr_id in ("kr1", "kr2", "kr3"):
        okr(db, "review", kr_id, "all")
    okr(db, "finalize")
    return db.read_bytes()


@pytest.fixture
def db(tmp_path: Path, final_okr: bytes) -> Path:
    path = tmp_path / "okr.json"
    path.write_bytes(final_okr)
    return path


@pytest.mark.parametrize(
    ("baseline", "target", "words"),
    [
        ("3 days", "30%", "a duration is not a percent"),
        ("12%", "15 pp", "percent and percentage points do not mix"),
        ("€40", "$50", "different currencies"),
        ("1" * 30, "5", "too large"),
        ("5%%", "6%", "more than once"),
    ],
)
def test_kr_refuses_ends_that_do_not_compare(
    tmp_path: Path, baseline: str, target: str, words: str
) -> None:
    db = tmp_path / "w.json"
    okr(db, "new", "--team", "T", "--cycle", "Q", "--participant", "Ben")
    okr(db, "draft", "--as", "Ben", "Buyers find what they need")
    okr(db, "focus", "o1")
    refused = okr(db, *kr_args("Cut it", baseline, target), ok=False)
    assert words in refused.stderr
    assert "kr1" not in okr(db, "show").stdout


def test_progress_is_worked_out_in_one_unit(db: Path) -> None:
    done = okr(db, "checkin", "kr1", "30 hours")
    assert "3 days → 30 hours → 4 hours" in done.stdout and "progress 62%" in done.stdout
    assert "2700%" not in done.stdout and "target reached" not in done.stdout


@pytest.mark.parametrize(
    ("kr_id", "value", "words"),
    [
        ("kr1", "30%", "a percent is not a duration"),
        ("kr2", "banana", "not one number"),
        ("kr2", "5%%", "more than once"),
        ("kr2", "15%%%", "more than once"),
        ("kr2", "1" * 30, "too large"),
        ("kr2", "2 pp", "percent and percentage points do not mix"),
    ],
)
def test_a_check_in_that_cannot_be_a_value_is_refused(
    db: Path, kr_id: str, value: str, words: str
) -> None:
    before = db.read_bytes()
    assert words in okr(db, "checkin", kr_id, value, ok=False).stderr
    assert db.read_bytes() == before


def test_signed_values_and_grade_record(db: Path) -> None:
    first = okr(db, "checkin", "kr3", "5%")
    assert "-5% → 5% → 0%" in first.stdout and "progress 200%" in first.stdout
    assert "target reached" in first.stdout
    second = okr(db, "checkin", "kr2", "--", "-1e3%")  # an exponent, read whole
    assert "-1e3%" in second.stdout and "progress -9950%" in second.stdout
    okr(db, "checkin", "kr2", "0%")
    okr(db, "checkin", "kr1", "2 days")
    progress = okr(db, "progress").stdout
    assert "no number to compare" not in progress and "-5% → 0% → 5%" in progress
    grade = okr(db, "grade", "--record").stdout
    assert "KR1  0.35" in grade and "KR2  0.50" in grade and "KR3  1.00" in grade
    assert "-0.00" not in grade


def test_an_implausible_check_in_is_saved_and_said_in_one_line(db: Path) -> None:
    quiet = okr(db, "checkin", "kr2", "--", "-3%")
    assert quiet.stderr == ""
    odd = okr(db, "checkin", "kr2", "4%")  # 70% of the way since -3%, in one check-in
    assert "Checked in KR2" in odd.stdout
    (line,) = odd.stderr.strip().splitlines()
    assert line.startswith("Looks odd: 4% moves forward 70% of the way") and "-3% on" in line
    away = okr(db, "checkin", "kr1", "4 days")  # beyond the baseline of 3 days
    assert "4 days is beyond the baseline (3 days)" in away.stderr
    assert "4 days" in okr(db, "progress").stdout  # saved: a script has nobody to ask
